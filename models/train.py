"""Training candidates: scikit-learn Pipelines, calibrated, split in time. Returns estimators; logs nothing.

Candidates (all wrapped in ``CalibratedClassifierCV``, sigmoid, so their output is a probability):

- ``logistic_interactions``: scaled features → pairwise interaction terms → L2 logistic regression
  (lets the model learn that specificity from a self-serving source means something else).
- ``hist_gradient_boosting``: shallow gradient-boosted trees on the raw features.
- ``scorecard_calibrated``: the expert-prior scorecard with a Platt scaling learnt from the labels.

Baselines beside them: ``outlet_only`` (one-hot outlet → logistic) and ``tfidf_text``
(TF-IDF of the claim text → logistic).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from sklearn.base import clone
from threadpoolctl import threadpool_limits
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, PolynomialFeatures, StandardScaler

from models.feature_sets import FEATURE_COLUMNS
from models.scorecard import ExpertPriorScorecard

logger = logging.getLogger(__name__)

MIN_LABELLED = 20
# OpenMP threads make HistGradientBoosting ~15x slower on claim-sized frames on 2 cores
# (measured: fit 6.9 s with the default threads, 0.45 s with one), so training runs single-threaded.
SINGLE_THREAD = {"limits": 1}
MIN_PER_CLASS = 5


def time_split(published: pd.Series, test_fraction: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks (train, test): the latest ``test_fraction`` of rows by date are the test; one date never straddles.

    Raises:
        ValueError: dates are missing, or all rows share one date (no split in time is possible).
    """
    if published.isna().any():
        raise ValueError(f"time split needs a publication date on every row; {int(published.isna().sum())} row(s) have none")
    days = published.dt.floor("D")
    unique = np.sort(days.unique())
    if len(unique) < 2:
        raise ValueError(f"time split needs at least two distinct dates; all rows are dated {unique[0] if len(unique) else 'nothing'}")
    share_before = np.array([(days < day).mean() for day in unique[1:]])
    cut = unique[1:][int(np.argmin(np.abs(share_before - (1 - test_fraction))))]
    test = (days >= cut).to_numpy()
    return ~test, test


def _features_only() -> ColumnTransformer:
    return ColumnTransformer([("features", "passthrough", FEATURE_COLUMNS)], remainder="drop", verbose_feature_names_out=False).set_output(
        transform="pandas"
    )


def _cv(labels) -> int:
    return int(max(2, min(3, np.bincount(np.asarray(labels, dtype=int)).min())))


def candidate_estimators(random_state: int = 0) -> dict[str, Pipeline]:
    """The uncalibrated candidate pipelines, keyed by name (see the module docstring)."""
    scaled = ColumnTransformer([("scaled", StandardScaler(), FEATURE_COLUMNS)], remainder="drop", verbose_feature_names_out=False)
    return {
        "logistic_interactions": Pipeline(
            [
                ("columns", scaled.set_output(transform="pandas")),
                ("interactions", PolynomialFeatures(degree=2, interaction_only=True, include_bias=False).set_output(transform="pandas")),
                ("classifier", LogisticRegression(C=0.1, max_iter=5000)),
            ]
        ),
        "hist_gradient_boosting": Pipeline(
            [
                ("columns", _features_only()),
                ("classifier", HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=100, min_samples_leaf=20, l2_regularization=1.0, random_state=random_state)),
            ]
        ),
        "scorecard_calibrated": Pipeline([("columns", _features_only()), ("classifier", ExpertPriorScorecard())]),
    }


def baseline_estimators() -> dict[str, Pipeline]:
    """Outlet-only and TF-IDF text baselines (they read the ``outlet`` and ``text`` columns)."""
    return {
        "outlet_only": Pipeline(
            [("columns", ColumnTransformer([("outlet", OneHotEncoder(handle_unknown="ignore"), ["outlet"])])), ("classifier", LogisticRegression(max_iter=2000))]
        ),
        "tfidf_text": Pipeline(
            [
                ("columns", ColumnTransformer([("text", TfidfVectorizer(min_df=2, ngram_range=(1, 2), sublinear_tf=True), "text")])),
                ("classifier", LogisticRegression(C=1.0, max_iter=2000)),
            ]
        ),
    }


def check_labels(labels) -> None:
    """Raise if there are too few labelled claims, or too few of either class, to train.

    Raises:
        ValueError: fewer than MIN_LABELLED labels or fewer than MIN_PER_CLASS of a class.
    """
    labels = np.asarray(labels, dtype=int)
    counts = np.bincount(labels, minlength=2)
    if len(labels) < MIN_LABELLED or counts.min() < MIN_PER_CLASS:
        raise ValueError(
            f"not enough labels to train: {len(labels)} labelled claims ({counts[1]} accurate, {counts[0]} not); "
            f"need at least {MIN_LABELLED} with {MIN_PER_CLASS} of each; import verdicts or a labelled dataset"
        )


def calibration_folds(labels, groups=None) -> int | list[tuple[np.ndarray, np.ndarray]]:
    """Folds of the calibration: whole groups (articles) held out together when ``groups`` is given.

    Claims of one article share its label and its article-level features; folds that split an
    article let the fitted model recognise the article in the calibration fold, and the sigmoid
    learnt there is over-confident. Falls back to plain folds when there are too few groups or a
    grouped fold would train on one class.
    """
    labels = np.asarray(labels, dtype=int)
    n_splits = _cv(labels)
    if groups is None:
        return n_splits
    groups = np.asarray(groups)
    if len(groups) != len(labels):
        raise ValueError(f"calibration groups have {len(groups)} entries for {len(labels)} labels; expected one group per label")
    n_splits = min(n_splits, len(np.unique(groups)))
    if n_splits < 2:
        return _cv(labels)
    folds = list(GroupKFold(n_splits=n_splits).split(np.zeros(len(labels)), labels, groups))
    if any(len(np.unique(labels[train])) < 2 or len(np.unique(labels[test])) < 1 for train, test in folds):
        logger.warning("grouped calibration folds leave a class out of training; using %d plain folds", _cv(labels))
        return _cv(labels)
    return folds


def fit_calibrated(estimator, frame: pd.DataFrame, labels, groups=None) -> CalibratedClassifierCV:
    """Fit ``estimator`` inside a sigmoid CalibratedClassifierCV on ``frame`` and return it.

    Args:
        estimator: an unfitted classifier or pipeline.
        frame: the training rows.
        labels: 0/1 per row.
        groups: optional group per row (the article id): calibration folds keep each group whole.
    """
    check_labels(labels)
    model = CalibratedClassifierCV(clone(estimator), method="sigmoid", cv=calibration_folds(labels, groups))
    return model.fit(frame, np.asarray(labels, dtype=int))


def fit_candidates(frame: pd.DataFrame, labels, random_state: int = 0, groups=None) -> dict[str, CalibratedClassifierCV]:
    """Fit every calibrated candidate on the training frame (ModelInput columns at least); ``groups`` as in fit_calibrated."""
    fitted = {}
    with threadpool_limits(**SINGLE_THREAD):
        for name, estimator in candidate_estimators(random_state).items():
            fitted[name] = fit_calibrated(estimator, frame, labels, groups)
            logger.info("fitted candidate %s on %d claims", name, len(frame))
    return fitted


def grouped_outlet_roc_auc(estimator, frame: pd.DataFrame, labels, outlets: pd.Series, n_splits: int = 5) -> float:
    """Mean ROC AUC over folds that hold whole outlets out (is the model only learning the outlet?); NaN if < 2 outlets."""
    labels = np.asarray(labels, dtype=int)
    n_splits = min(n_splits, outlets.nunique())
    if n_splits < 2:
        return float("nan")
    with threadpool_limits(**SINGLE_THREAD):
        scores = _grouped_scores(estimator, frame, labels, outlets, n_splits)
    return float(np.mean(scores)) if scores else float("nan")


def _grouped_scores(estimator, frame, labels, outlets, n_splits) -> list[float]:
    scores = []
    for train, test in GroupKFold(n_splits=n_splits).split(frame, labels, outlets.to_numpy()):
        if len(np.unique(labels[test])) < 2 or np.bincount(labels[train], minlength=2).min() < MIN_PER_CLASS:
            continue
        model = CalibratedClassifierCV(clone(estimator), method="sigmoid", cv=_cv(labels[train])).fit(frame.iloc[train], labels[train])
        scores.append(roc_auc_score(labels[test], model.predict_proba(frame.iloc[test])[:, 1]))
    return scores
