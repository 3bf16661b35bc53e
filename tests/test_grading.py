"""Tests of grades, reliability and reasons (models/grading.py) and the feature-set step (models/feature_sets.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import grading
from models.feature_sets import FEATURE_COLUMNS, features_hash, model_input
from models.pyfunc import score_inputs
from models.schemas import ModelInput
from models.scorecard import ExpertPriorScorecard
from modelframes import claim_features, seed_like_claims


def _inputs(rows):
    return model_input(claim_features(rows))[FEATURE_COLUMNS]


def test_grade_one_needs_cross_camp_corroboration():
    """Check that a high probability alone gives grade 2, and grade 1 needs cross-camp independent corroboration."""
    inputs = _inputs([{"n_named_places": 1}, {"n_named_places": 1, "cross_camp_confirmation": True, "independent_corroborations": 2}])
    assert grading.grade(pd.Series([0.9, 0.9]), inputs).tolist() == [2, 1]


def test_grade_without_corroboration_columns_never_confirms(caplog):
    """Check that inputs of a model fitted without the corroboration columns are graded by probability, none 1, with a warning."""
    inputs = _inputs([{"n_named_places": 1}, {"n_named_places": 1, "cross_camp_confirmation": True, "independent_corroborations": 2}])
    older = inputs.drop(columns=list(grading.CONFIRMATION_COLUMNS))
    with caplog.at_level("WARNING", logger="models.grading"):
        assert grading.grade(pd.Series([0.9, 0.9]), older).tolist() == [2, 2]
    assert "no claim is graded 1" in caplog.text


def test_grade_six_when_evidence_is_thin():
    """Check that a claim with nothing to weigh is graded 6 whatever its probability."""
    inputs = _inputs([{}, {"anonymous": True}])
    assert grading.grade(pd.Series([0.7, 0.2]), inputs).tolist() == [6, 6]


@pytest.mark.parametrize(("probability", "expected"), [(0.7, 2), (0.5, 3), (0.3, 4), (0.1, 5)])
def test_grade_by_probability(probability, expected):
    """Check the probability bands of grades 2 to 5."""
    assert grading.grade(pd.Series([probability]), _inputs([{"n_quantities": 2}])).tolist() == [expected]


def test_reasons_in_analyst_words():
    """Check that the self-serving claim in blackout is explained with the documented analyst phrases."""
    inputs = model_input(seed_like_claims())
    scored = score_inputs(ExpertPriorScorecard().fit(inputs[FEATURE_COLUMNS]), inputs)
    self_serving = scored["reasons"].iloc[1]
    assert "self-serving claim by a party to the conflict (lowers)" in self_serving
    assert any(reason.startswith("reported during a communications blackout") for reason in self_serving)
    assert scored["reliability"].tolist() == [None, "D", None]


def test_reliability_kept_separate_from_grade():
    """Check that an own assertion takes the outlet's letter and a rated speaker keeps its own."""
    frame = claim_features([{"attribution": "own_assertion", "outlet_reliability": "B"}, {"speaker_reliability": "E", "outlet_reliability": "A"}])
    assert model_input(frame)["source_reliability"].tolist() == ["B", "E"]


def test_model_input_is_valid_and_float():
    """Check that model_input gives a ModelInput frame with float features and blackout_days filled."""
    inputs = ModelInput.validate(model_input(seed_like_claims()))
    assert all(inputs[c].dtype == float for c in FEATURE_COLUMNS)
    assert model_input(claim_features([{}]))["blackout_days"].tolist() == [0.0]


def test_model_input_schema_takes_columns_and_checks_from_the_families():
    """Check that ModelInput has FEATURE_COLUMNS then source_reliability, with the family descriptions and range checks."""
    from pandera.errors import SchemaErrors

    from features.schemas import SpecificityFeatures
    from models.feature_sets import MODEL_INPUT_COLUMNS

    schema = ModelInput.to_schema()
    assert list(schema.columns) == MODEL_INPUT_COLUMNS
    family = SpecificityFeatures.to_schema().columns
    assert schema.columns["n_named_places"].description == family["n_named_places"].description
    inputs = model_input(seed_like_claims())
    for column, bad in (("self_serving", 0.5), ("n_named_places", -1.0), ("specificity_score", 1.5), ("blackout_days", float("nan"))):
        with pytest.raises(SchemaErrors, match=column):
            ModelInput.validate(inputs.assign(**{column: bad}), lazy=True)


def test_model_input_missing_column_message():
    """Check that a frame without family columns fails naming the missing columns."""
    with pytest.raises(ValueError, match="lacks model input column.*self_serving"):
        model_input(claim_features([{}]).drop(columns=["self_serving"]))


def test_features_hash_changes_only_with_values():
    """Check that equal inputs hash equal and a changed feature changes the hash."""
    frame = claim_features([{"n_quantities": 2}, {"n_quantities": 2}, {"n_quantities": 3}])
    hashes = features_hash(model_input(frame)).tolist()
    assert hashes[0] == hashes[1] != hashes[2]
    assert len(hashes[0]) == 64


def test_features_hash_values_are_stable():
    """Check that features_hash gives the same digests as before its speed-up (stored scores are keyed by them)."""
    row = {column: float(position) / 7 for position, column in enumerate(FEATURE_COLUMNS)}
    frame = pd.DataFrame([row, {**row, FEATURE_COLUMNS[0]: np.nan}, row]).assign(source_reliability=["B", "", "B"])
    assert features_hash(frame).tolist() == [
        "c322de34697544d92d49cafb52081a9475767e54417a387b2886da9a5e45fb5d",
        "0d6f2f6ccdc5d6ec9aaca1d931b779738dcb1d072c8ebeaf39cf76501eb5d2c1",
        "c322de34697544d92d49cafb52081a9475767e54417a387b2886da9a5e45fb5d",
    ]


def test_features_hash_of_a_row_does_not_depend_on_the_other_rows():
    """Check that each row hashes as it would alone, also for values equal but written differently (0.0 and -0.0)."""
    row = {column: 0.0 for column in FEATURE_COLUMNS}
    frame = pd.DataFrame([row, {**row, FEATURE_COLUMNS[1]: -0.0}, {**row, FEATURE_COLUMNS[2]: 1}]).assign(source_reliability=["", "", "A"])
    together = features_hash(frame).tolist()
    assert together == [features_hash(frame.iloc[[position]]).iloc[0] for position in range(len(frame))]
    assert together[0] != together[1]
