"""Tests of the training candidates, the split in time and the metrics (models/train.py, models/evaluate.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models import evaluate, train
from models.feature_sets import FEATURE_COLUMNS, model_input
from modelframes import random_claim_features


def test_time_split_keeps_test_later():
    """Check that every test row is published after every train row and no date straddles."""
    frame, _ = random_claim_features(200, 1)
    train_mask, test_mask = train.time_split(frame["published"])
    assert frame["published"][train_mask].max() < frame["published"][test_mask].min()
    assert 0.2 < test_mask.mean() < 0.4


def test_time_split_single_date_fails():
    """Check that a frame with one date cannot be split in time."""
    with pytest.raises(ValueError, match="at least two distinct dates"):
        train.time_split(pd.Series(pd.to_datetime(["2016-01-01"] * 5, utc=True)))


def test_check_labels_too_few():
    """Check that training refuses too few labels, naming the counts."""
    with pytest.raises(ValueError, match="not enough labels to train: 6 labelled claims"):
        train.check_labels([0, 1, 0, 1, 0, 1])


def test_candidates_learn_structure(random_seed):
    """Check that calibrated candidates beat chance on later claims generated with a known structure."""
    frame, labels = random_claim_features(500, random_seed)
    inputs = model_input(frame)[FEATURE_COLUMNS]
    train_mask, test_mask = train.time_split(frame["published"])
    fitted = train.fit_candidates(inputs[train_mask], labels[train_mask], random_state=random_seed)
    assert set(fitted) == {"logistic_interactions", "hist_gradient_boosting", "scorecard_calibrated"}
    for name, model in fitted.items():
        metrics = evaluate.classification_metrics(labels[test_mask], model.predict_proba(inputs[test_mask])[:, 1])
        assert metrics["roc_auc"] > 0.6, name
        assert set(metrics) == set(evaluate.METRIC_NAMES)


def test_logistic_keeps_feature_names(random_seed):
    """Check that the logistic pipeline carries feature names through to interaction terms."""
    frame, labels = random_claim_features(120, random_seed)
    pipeline = train.candidate_estimators()["logistic_interactions"].fit(model_input(frame)[FEATURE_COLUMNS], labels)
    names = pipeline[:-1].get_feature_names_out()
    assert "self_serving in_blackout" in names


def test_metrics_perfect_and_ece():
    """Check the metric values on a perfectly separated, perfectly calibrated case."""
    metrics = evaluate.classification_metrics([0, 0, 1, 1], [0.0, 0.0, 1.0, 1.0])
    assert metrics["roc_auc"] == 1.0 and metrics["ece"] == pytest.approx(0.0, abs=1e-5)
    assert evaluate.expected_calibration_error([1, 0], [0.5, 0.5]) == 0.0


def test_aggregate_by_article_mean_and_min():
    """Check that article credibility is the mean (or min) of its claims' probabilities."""
    ids = pd.Series(["a", "a", "b"])
    assert evaluate.aggregate_by_article(ids, [0.2, 0.6, 0.9]).to_dict() == pytest.approx({"a": 0.4, "b": 0.9})
    assert evaluate.aggregate_by_article(ids, [0.2, 0.6, 0.9], how="min")["a"] == 0.2
    with pytest.raises(ValueError, match="expected 'mean' or 'min'"):
        evaluate.aggregate_by_article(ids, [0.2, 0.6, 0.9], how="max")


def test_model_card_cites_fakes():
    """Check that a card on FA-KES carries the citation and the metrics table."""
    card = evaluate.model_card("x", {"rows": 3}, {"train": "a"}, {"m": {"roc_auc": 0.5, "brier": 0.25}}, uses_fakes=True)
    assert "Abu Salem" in card and "CC BY 4.0" in card and "| m | 0.500 |" in card


def test_importance_table_and_figures(random_seed):
    """Check that the importance table names every feature and the figures build."""
    frame, labels = random_claim_features(200, random_seed)
    inputs = model_input(frame)[FEATURE_COLUMNS]
    model = train.fit_calibrated(train.candidate_estimators()["scorecard_calibrated"], inputs, labels)
    table = evaluate.permutation_importance_table(model, inputs, labels, n_repeats=2)
    assert set(table["feature"]) == set(FEATURE_COLUMNS)
    assert evaluate.importance_figure(table).axes and evaluate.calibration_figure(labels, {"m": np.full(len(labels), 0.5)}).axes


def test_calibration_folds_keep_each_article_whole():
    """Check that grouped calibration folds never put claims of one article on both sides, and plain folds remain without groups."""
    labels = np.array([0, 1] * 30)
    groups = np.repeat([f"a{i}" for i in range(12)], 5)
    folds = train.calibration_folds(labels, groups)
    assert len(folds) == 3
    for fit_rows, calibrate_rows in folds:
        assert not set(groups[fit_rows]) & set(groups[calibrate_rows])
    assert train.calibration_folds(labels) == 3
    with pytest.raises(ValueError, match="one group per label"):
        train.calibration_folds(labels, groups[:10])


def test_fit_calibrated_with_groups_does_not_depend_on_row_order():
    """Check that with article groups the calibrated model's probabilities do not change when the training rows are shuffled."""
    frame, labels = random_claim_features(240, 7)
    inputs = model_input(frame)[FEATURE_COLUMNS]
    groups = frame["article_id"].to_numpy()
    estimator = train.candidate_estimators()["logistic_interactions"]
    first = train.fit_calibrated(estimator, inputs, labels, groups).predict_proba(inputs)[:, 1]
    order = np.random.default_rng(0).permutation(len(inputs))
    second = train.fit_calibrated(estimator, inputs.iloc[order], labels[order], groups[order]).predict_proba(inputs)[:, 1]
    assert np.allclose(first, second)
