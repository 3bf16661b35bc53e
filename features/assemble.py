"""Assemble the four feature families into one ``ClaimFeatures`` frame.

Every Claims column, then the partisan, specificity, blackout and corroboration columns
(see docs/features.md). Shared columns appear once: ``claim_id``; ``anonymous`` (as
extracted); ``speaker_camp`` (the partisan family's value, which fills an 'unknown' camp
from the registry).
"""

from __future__ import annotations

import logging

import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.blackout import build_blackout_features
from features.corroboration import build_corroboration_features
from features.partisan import build_partisan_features
from features.schemas import BlackoutEvents, ClaimFeatures, Claims
from features.specificity import build_specificity_features
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)


def all_blackouts(pack: TheatrePack, blackouts: pd.DataFrame | None) -> pd.DataFrame:
    """The pack's own blackout events plus the given ones, one row per event_id (given rows win)."""
    frames = [frame for frame in (blackouts, pack.blackouts) if frame is not None and len(frame)]
    if not frames:
        return pack.blackouts
    combined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return combined.drop_duplicates(subset=[BlackoutEvents.event_id]).reset_index(drop=True)


@pa.check_types
def build_features(
    claims: DataFrame[Claims],
    pack: TheatrePack,
    blackouts: DataFrame[BlackoutEvents] | None = None,
    context_claims: DataFrame[Claims] | None = None,
    as_of_publication: bool = False,
) -> DataFrame[ClaimFeatures]:
    """All feature columns for each claim.

    Args:
        claims: the claims to describe.
        pack: the theatre pack (registry, gazetteer, lexicon, its own blackout events).
        blackouts: further blackout events (detected from reporting, loaded lists); the pack's are always used.
        context_claims: other stored claims; corroboration is computed over claims ∪ context_claims.
        as_of_publication: corroboration only from claims published on each claim's own day or earlier
            (features that do not look into the future, for training and evaluating on a split in time).

    Returns:
        One row per claim, in the order of ``claims``, columns of ``ClaimFeatures``.
    """
    base = claims.reset_index(drop=True)
    partisan = build_partisan_features(base, pack)
    specificity = build_specificity_features(base, pack)
    blackout = build_blackout_features(base, pack, all_blackouts(pack, blackouts))
    corroboration = build_corroboration_features(base, pack, context_claims, as_of_publication=as_of_publication)
    features = base.drop(columns=[Claims.speaker_camp, Claims.anonymous])
    for family in (partisan, specificity, blackout, corroboration):
        features = pd.concat([features, family.drop(columns=[Claims.claim_id]).reset_index(drop=True)], axis=1)
    columns = list(ClaimFeatures.to_schema().columns)
    logger.info("features for %d claims (%d context claims, pack %s)", len(features), 0 if context_claims is None else len(context_claims), pack.name)
    return features[columns]
