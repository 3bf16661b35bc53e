"""Declared schemas of the model boundary: ``ModelInput`` (ClaimFeatures → models) and ``Scores`` (models → store).

``ModelInput`` holds ``models.feature_sets.FEATURE_COLUMNS`` as floats (booleans as
0.0/1.0; MLflow signatures need floats) plus the source's reliability letter,
which is passed through to the score and never used by a model.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from features.schemas import RELIABILITY_LETTERS

GRADES = [1, 2, 3, 4, 5, 6]
_BOOL = "0.0 or 1.0: "


class ModelInput(pa.DataFrameModel):
    """One row per claim: the float model inputs, in FEATURE_COLUMNS order, plus source_reliability."""

    speaker_is_party: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "the speaker's camp is a party to the conflict.")
    outlet_is_party: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "the outlet's camp is a party to the conflict.")
    self_serving: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "the claim serves the speaker's side (enemy losses, own gains).")
    against_interest: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "the claim goes against the speaker's side (own losses).")
    anonymous: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "anonymous or vague-group speaker.")
    outlet_camp_matches_speaker: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "outlet and speaker in the same known camp.")
    n_quantities: Series[float] = pa.Field(ge=0, description="Number of quantities in the claim.")
    n_precise_numbers: Series[float] = pa.Field(ge=0, description="Quantities that are not round numbers.")
    n_round_numbers: Series[float] = pa.Field(ge=0, description="Round or vague quantities.")
    n_named_places: Series[float] = pa.Field(ge=0, description="Distinct gazetteer places named.")
    n_named_units: Series[float] = pa.Field(ge=0, description="Named units and materiel.")
    n_times: Series[float] = pa.Field(ge=0, description="Time expressions.")
    n_named_people: Series[float] = pa.Field(ge=0, description="Named people.")
    n_approximators: Series[float] = pa.Field(ge=0, description="Approximators on quantities ('at least', 'around').")
    n_hedges: Series[float] = pa.Field(ge=0, description="Hedges ('said to', 'reportedly').")
    specificity_score: Series[float] = pa.Field(ge=0, le=1, description="Bounded specificity summary in [0, 1].")
    in_blackout: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "place and date inside a communications blackout.")
    near_blackout: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "neighbouring region or within 2 days of a blackout.")
    blackout_days: Series[float] = pa.Field(ge=0, description="Days since the blackout began at the event date; 0.0 when not in or near one.")
    partial_restoration: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "connections partly restored by the event date.")
    independent_corroborations: Series[float] = pa.Field(ge=0, description="Distinct originating speakers reporting a matching claim.")
    corroborating_outlets: Series[float] = pa.Field(ge=0, description="Distinct outlets carrying a matching claim, echoes included.")
    cross_camp_confirmation: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "a matching claim comes from an opposing or neutral camp.")
    contradictions: Series[float] = pa.Field(ge=0, description="Matching claims with incompatible numbers, or denials.")
    first_reported: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "earliest published among its matches.")
    is_passive_attribution: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "attributed only passively ('is reported', 'said to').")
    is_own_assertion: Series[float] = pa.Field(isin=[0.0, 1.0], description=_BOOL + "the outlet asserts it with no named speaker.")
    source_reliability: Series[str] = pa.Field(
        isin=["", *RELIABILITY_LETTERS], description="Admiralty reliability letter of the source (speaker, or outlet for own assertions); '' when unrated."
    )

    class Config:
        strict = True
        ordered = True


class Scores(pa.DataFrameModel):
    """One row per scored claim and model version; the store keeps every row (append-only history)."""

    claim_id: Series[str] = pa.Field(description="Claims.claim_id.")
    model_name: Series[str] = pa.Field(description="Registered MLflow model name.")
    model_version: Series[str] = pa.Field(description="Registered model version that produced the score.")
    features_hash: Series[str] = pa.Field(str_length=64, description="SHA-256 of the model-input values; a claim is re-scored only when this or the model changes.")
    probability: Series[float] = pa.Field(ge=0.0, le=1.0, description="Calibrated probability that the claim is accurate.")
    grade: Series[int] = pa.Field(isin=GRADES, description="Information-credibility grade: 1 confirmed … 5 improbable, 6 cannot be judged (models/grading.py).")
    reliability: Series[str] = pa.Field(nullable=True, isin=RELIABILITY_LETTERS, description="Admiralty reliability letter of the source; null when unrated.")
    reasons: Series[object] = pa.Field(description="List of the top reasons, in analyst words, strongest first.")
    scored_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"}, description="When the score was computed (UTC).")

    class Config:
        strict = True
