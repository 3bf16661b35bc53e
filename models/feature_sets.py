"""The feature list the models use, versioned by git, and the ClaimFeatures → ModelInput step.

``FEATURE_COLUMNS`` are the numeric/boolean model inputs. All but two are columns
of the four feature families (features/schemas.py); the two attribution flags
are derived here from ``Claims.attribution``. Every model (the expert-prior
scorecard and the trained candidates) sees exactly these columns, as floats
(MLflow signatures want float columns: an int column would reject a float later).

``SOURCE_RELIABILITY`` is carried beside the features so the pyfunc can return
the Admiralty reliability letter of the source; it never enters a model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math

import numpy as np
import pandas as pd

from features.schemas import (
    BlackoutFeatures,
    Claims,
    CorroborationFeatures,
    PartisanFeatures,
    SpecificityFeatures,
)

logger = logging.getLogger(__name__)

PARTISAN_COLUMNS = [
    PartisanFeatures.speaker_is_party,
    PartisanFeatures.outlet_is_party,
    PartisanFeatures.self_serving,
    PartisanFeatures.against_interest,
    PartisanFeatures.anonymous,
    PartisanFeatures.outlet_camp_matches_speaker,
]
SPECIFICITY_COLUMNS = [
    SpecificityFeatures.n_quantities,
    SpecificityFeatures.n_precise_numbers,
    SpecificityFeatures.n_round_numbers,
    SpecificityFeatures.n_named_places,
    SpecificityFeatures.n_named_units,
    SpecificityFeatures.n_times,
    SpecificityFeatures.n_named_people,
    SpecificityFeatures.n_approximators,
    SpecificityFeatures.n_hedges,
    SpecificityFeatures.specificity_score,
]
BLACKOUT_COLUMNS = [
    BlackoutFeatures.in_blackout,
    BlackoutFeatures.near_blackout,
    BlackoutFeatures.blackout_days,
    BlackoutFeatures.partial_restoration,
]
CORROBORATION_COLUMNS = [
    CorroborationFeatures.independent_corroborations,
    CorroborationFeatures.corroborating_outlets,
    CorroborationFeatures.cross_camp_confirmation,
    CorroborationFeatures.contradictions,
    CorroborationFeatures.first_reported,
]
DERIVED_COLUMNS = ["is_passive_attribution", "is_own_assertion"]

FEATURE_COLUMNS: list[str] = [
    *map(str, PARTISAN_COLUMNS),
    *map(str, SPECIFICITY_COLUMNS),
    *map(str, BLACKOUT_COLUMNS),
    *map(str, CORROBORATION_COLUMNS),
    *DERIVED_COLUMNS,
]
SOURCE_RELIABILITY = "source_reliability"
MODEL_INPUT_COLUMNS: list[str] = [*FEATURE_COLUMNS, SOURCE_RELIABILITY]


def is_passive_attribution(attribution: pd.Series) -> pd.Series:
    """1.0 when the claim is attributed only passively ('is reported', 'said to')."""
    return (attribution == "passive").astype(float)


def is_own_assertion(attribution: pd.Series) -> pd.Series:
    """1.0 when the outlet asserts the claim itself, with no named speaker."""
    return (attribution == "own_assertion").astype(float)


def source_reliability(attribution: pd.Series, speaker_reliability: pd.Series, outlet_reliability: pd.Series) -> pd.Series:
    """Admiralty letter of the source: the speaker's, or the outlet's for its own assertions; '' when unrated."""
    speaker = speaker_reliability.astype(object).where(speaker_reliability.notna(), None)
    outlet = outlet_reliability.astype(object).where(outlet_reliability.notna(), None)
    letter = speaker.where(speaker.notna() | (attribution != "own_assertion"), outlet)
    return letter.fillna("").astype(str)


def model_input(features: pd.DataFrame) -> pd.DataFrame:
    """Turn a ClaimFeatures frame into the ModelInput frame (float features + source_reliability), indexed like the input.

    Missing ``blackout_days`` (not in or near a blackout) becomes 0.0.

    Raises:
        ValueError: a family column or ``attribution`` is missing from ``features``.
    """
    family = [c for c in FEATURE_COLUMNS if c not in DERIVED_COLUMNS]
    missing = [c for c in [*family, str(Claims.attribution)] if c not in features.columns]
    if missing:
        raise ValueError(f"features frame lacks model input column(s) {missing}; expected a ClaimFeatures frame (features/assemble.py)")
    frame = features[family].astype(float).fillna({str(BlackoutFeatures.blackout_days): 0.0})
    attribution = features[str(Claims.attribution)]
    speaker = features.get(str(PartisanFeatures.speaker_reliability), pd.Series(None, index=features.index, dtype=object))
    outlet = features.get(str(PartisanFeatures.outlet_reliability), pd.Series(None, index=features.index, dtype=object))
    return frame.assign(
        is_passive_attribution=is_passive_attribution(attribution),
        is_own_assertion=is_own_assertion(attribution),
        source_reliability=source_reliability(attribution, speaker, outlet),
    )[MODEL_INPUT_COLUMNS]


def features_hash(inputs: pd.DataFrame) -> pd.Series:
    """SHA-256 of each row's model-input values (names + values rounded to 9 digits): equal inputs, equal hash.

    The hashed text is ``json.dumps`` of the row as a dict with sorted keys; it is assembled here from
    per-column ``"name": value`` pieces (each distinct value encoded once), which gives the same text.
    """
    columns = sorted(c for c in MODEL_INPUT_COLUMNS if c in inputs.columns)
    pieces = [_json_pieces(name, inputs[name]) for name in columns]
    rows = zip(*pieces) if pieces else ((),) * len(inputs)
    digests = [hashlib.sha256(("{" + ", ".join(row) + "}").encode()).hexdigest() for row in rows]
    return pd.Series(digests, index=inputs.index, name="features_hash")


def _json_pieces(name: str, column: pd.Series) -> list[str]:
    """``"name": value`` as ``json.dumps`` writes it inside a dict, per row; numbers as floats rounded to 9 digits, else text."""
    key = json.dumps(name)
    memo: dict = {}
    pieces = []
    for raw in column.to_numpy(dtype=object):
        # -0.0 == 0.0 but is written "-0.0": zeros are memoised with their sign.
        memo_key = (raw, math.copysign(1.0, raw)) if isinstance(raw, float) and raw == 0.0 else raw
        piece = memo.get(memo_key)
        if piece is None:
            value = round(float(raw), 9) if isinstance(raw, (int, float, np.floating, np.integer)) else str(raw)
            piece = memo[memo_key] = f"{key}: {json.dumps(value)}"
        pieces.append(piece)
    return pieces
