"""Declared schemas of the model boundary: ``ModelInput`` (ClaimFeatures → models) and ``Scores`` (models → store).

``ModelInput`` holds ``models.feature_sets.FEATURE_COLUMNS`` as floats (booleans as
0.0/1.0; MLflow signatures need floats) plus the source's reliability letter,
which is passed through to the score and never used by a model. Its family
columns are not restated: each is made from the family schema's column
(features/schemas.py), keeping its description and range checks.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from features.schemas import (
    RELIABILITY_LETTERS,
    BlackoutFeatures,
    CorroborationFeatures,
    PartisanFeatures,
    SpecificityFeatures,
)
from models.feature_sets import DERIVED_COLUMNS, FEATURE_COLUMNS, SOURCE_RELIABILITY

GRADES = [1, 2, 3, 4, 5, 6]
_BOOL = "0.0 or 1.0: "
FEATURE_FAMILIES = (PartisanFeatures, SpecificityFeatures, BlackoutFeatures, CorroborationFeatures)
# pandera check name -> (pa.Field keyword, the check's statistic holding its value)
_FIELD_KEYWORDS = {
    "greater_than_or_equal_to": ("ge", "min_value"),
    "less_than_or_equal_to": ("le", "max_value"),
    "isin": ("isin", "allowed_values"),
}
DERIVED_FIELDS = {
    "is_passive_attribution": pa.Field(isin=[0.0, 1.0], description=_BOOL + "attributed only passively ('is reported', 'said to')."),
    "is_own_assertion": pa.Field(isin=[0.0, 1.0], description=_BOOL + "the outlet asserts it with no named speaker."),
}


def family_column(name: str) -> pa.Column:
    """The column ``name`` of the first feature-family schema that has it.

    Raises:
        ValueError: no family schema has the column.
    """
    for family in FEATURE_FAMILIES:
        columns = family.to_schema().columns
        if name in columns:
            return columns[name]
    raise ValueError(f"model input column {name!r} is in no feature family ({', '.join(f.__name__ for f in FEATURE_FAMILIES)}); expected a family column or one of {DERIVED_COLUMNS}")


def float_field(column: pa.Column) -> pa.Field:
    """The float ModelInput field of a family column: booleans as 0.0/1.0, the family's range checks kept, never null
    (``model_input`` fills a null ``blackout_days`` with 0.0).

    Raises:
        ValueError: the family column has a check with no ``pa.Field`` keyword here.
    """
    if str(column.dtype) == "bool":
        return pa.Field(isin=[0.0, 1.0], description=_BOOL + column.description)
    keywords = {}
    for check in column.checks:
        if check.name not in _FIELD_KEYWORDS:
            raise ValueError(f"family column {column.name!r} has check {check.name!r}; expected only {sorted(_FIELD_KEYWORDS)} on model inputs")
        keyword, statistic = _FIELD_KEYWORDS[check.name]
        keywords[keyword] = check.statistics[statistic]
    note = " In model input a null is 0.0." if column.nullable else ""
    return pa.Field(**keywords, description=column.description + note)


def _model_input_fields() -> dict[str, pa.Field]:
    """Fields in FEATURE_COLUMNS order, then source_reliability."""
    fields = {name: DERIVED_FIELDS[name] if name in DERIVED_COLUMNS else float_field(family_column(name)) for name in FEATURE_COLUMNS}
    fields[SOURCE_RELIABILITY] = pa.Field(
        isin=["", *RELIABILITY_LETTERS], description="Admiralty reliability letter of the source (speaker, or outlet for own assertions); '' when unrated."
    )
    return fields


class _ModelInputConfig:
    strict = True
    ordered = True


_MODEL_INPUT_FIELDS = _model_input_fields()
ModelInput = type(
    "ModelInput",
    (pa.DataFrameModel,),
    {
        "__module__": __name__,
        "__qualname__": "ModelInput",
        "__doc__": "One row per claim: the float model inputs, in FEATURE_COLUMNS order, plus source_reliability.",
        "__annotations__": {name: Series[str] if name == SOURCE_RELIABILITY else Series[float] for name in _MODEL_INPUT_FIELDS},
        **_MODEL_INPUT_FIELDS,
        "Config": _ModelInputConfig,
    },
)


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
