"""The expert-prior scorecard: the champion while no labelled claims exist.

A claim's log-odds of being accurate is an intercept plus explicit, documented
weights on the model-input columns (``models.feature_sets.FEATURE_COLUMNS``).
A term is a product of one or more columns, each value clipped to ``[0, cap]``
first, so an interaction (a self-serving claim by a party, made during a
blackout) is written as one term. The probability is the logistic of the sum.

| term | weight | cap | rationale |
|---|---|---|---|
{TABLE}

The weights are priors, not fitted values: an analyst's reading of what makes a
conflict claim credible (admissions against interest are rarely invented;
parties inflate enemy losses and own gains, most when nobody can check;
independent and cross-camp confirmation is the strongest evidence; precise
numbers from a partisan source are not evidence of accuracy). ``fit`` only
validates the input and records the columns; it learns nothing from labels.
Calibrate it on labelled data with ``CalibratedClassifierCV`` (a training
candidate does exactly that).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Term:
    """One scorecard term: the product of ``columns`` (each clipped to [0, cap]) times ``weight``."""

    columns: tuple[str, ...]
    weight: float
    cap: float
    rationale: str

    @property
    def name(self) -> str:
        """Readable name: the columns joined with ' x '."""
        return " x ".join(self.columns)


DEFAULT_INTERCEPT = 0.0
DEFAULT_TERMS: tuple[Term, ...] = (
    Term(("against_interest",), 1.4, 1, "a side admitting its own losses or setbacks rarely invents them"),
    Term(("self_serving",), -0.7, 1, "parties inflate enemy losses and their own gains"),
    Term(("self_serving", "speaker_is_party", "in_blackout"), -0.6, 1, "a party's self-serving claim while the area is cut off cannot be checked by anyone"),
    Term(("speaker_is_party",), -0.3, 1, "parties to the conflict have a stake in every claim"),
    Term(("anonymous",), -0.9, 1, "nobody stands behind an anonymous or vague-group claim"),
    Term(("is_passive_attribution",), -0.3, 1, "'is reported' / 'said to' hides who asserts it"),
    Term(("n_hedges",), -0.25, 3, "the reporter signals doubt ('reportedly', 'said to')"),
    Term(("in_blackout",), -0.35, 1, "reported during a communications blackout: hard to verify"),
    Term(("near_blackout",), -0.15, 1, "reported near a blackout in place or time"),
    Term(("partial_restoration",), 0.15, 1, "partial reconnection lets some reports be checked"),
    Term(("independent_corroborations",), 0.45, 4, "each independent originating source that agrees"),
    Term(("cross_camp_confirmation",), 1.0, 1, "an opposing or neutral source confirms it"),
    Term(("contradictions",), -0.6, 3, "other reports contradict the numbers or deny it"),
    Term(("outlet_camp_matches_speaker",), -0.2, 1, "a partisan outlet relaying its own side"),
    Term(("outlet_is_party",), -0.2, 1, "state or partisan media"),
    Term(("specificity_score",), 0.5, 1, "specific, checkable detail is evidence (not proof)"),
    Term(("specificity_score", "self_serving"), -0.5, 1, "partisan sources inflate precision: specificity from a self-serving claim counts for nothing"),
)


def terms_table(terms: tuple[Term, ...] = DEFAULT_TERMS) -> str:
    """The scorecard terms as Markdown table rows (for the docstring and the model card)."""
    return "\n".join(f"| {t.name} | {t.weight:+.2f} | {t.cap:g} | {t.rationale} |" for t in terms)


__doc__ = __doc__.replace("{TABLE}", terms_table())


class ExpertPriorScorecard(ClassifierMixin, BaseEstimator):
    """Logistic scorecard with fixed expert weights on named feature columns.

    Args:
        terms: scorecard terms; None uses ``DEFAULT_TERMS`` (documented in the module docstring).
        intercept: log-odds of an accurate claim when every term is zero.

    Attributes:
        classes_: the class labels (``[0, 1]`` when fitted without labels).
        n_features_in_: number of input columns.
        feature_names_in_: input column names, when fitted on a DataFrame.
        terms_: the terms in use, restricted to those whose columns are all present.
    """

    def __init__(self, terms: tuple[Term, ...] | None = None, intercept: float = DEFAULT_INTERCEPT):
        self.terms = terms
        self.intercept = intercept

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.poor_score = True  # fixed weights: it does not learn the training labels
        tags.classifier_tags.multi_class = False
        tags.target_tags.required = False
        return tags

    def fit(self, X, y=None):
        """Validate ``X`` (and binary ``y`` if given), record the columns and the terms that apply; return self.

        Raises:
            ValueError: ``y`` has more than two classes, or ``X`` is not numeric / has NaN.
        """
        if y is None:
            validate_data(self, X, reset=True)
            self.classes_ = np.array([0, 1])
        else:
            _, y = validate_data(self, X, y, reset=True)
            check_classification_targets(y)
            self.classes_ = np.unique(y)
            if len(self.classes_) > 2:
                raise ValueError(f"Only binary classification is supported; the target has classes {self.classes_[:10].tolist()}")
            if len(self.classes_) == 1:
                raise ValueError(f"Classifier can't train when only one class is present: {self.classes_.tolist()}")
        names = list(getattr(self, "feature_names_in_", []))
        self.terms_ = tuple(t for t in (DEFAULT_TERMS if self.terms is None else self.terms) if all(c in names for c in t.columns))
        if names and not self.terms_:
            logger.warning("scorecard: none of the term columns is in the input; every claim gets the intercept")
        return self

    def _contribution_matrix(self, X) -> np.ndarray:
        check_is_fitted(self)
        values = validate_data(self, X, reset=False)
        position = {name: i for i, name in enumerate(getattr(self, "feature_names_in_", []))}
        matrix = np.zeros((values.shape[0], len(self.terms_)))
        for k, term in enumerate(self.terms_):
            product = np.ones(values.shape[0])
            for column in term.columns:
                product = product * np.clip(values[:, position[column]], 0.0, term.cap)
            matrix[:, k] = term.weight * product
        return matrix

    def contributions(self, X) -> pd.DataFrame:
        """Per-term log-odds contributions, one column per term name, one row per input row."""
        index = X.index if isinstance(X, pd.DataFrame) else None
        return pd.DataFrame(self._contribution_matrix(X), index=index, columns=[t.name for t in self.terms_])

    def decision_function(self, X) -> np.ndarray:
        """Log-odds of the positive class for each row."""
        return self.intercept + self._contribution_matrix(X).sum(axis=1)

    def predict_proba(self, X) -> np.ndarray:
        """Two columns: probability of ``classes_[0]`` and of ``classes_[1]`` (an accurate claim)."""
        positive = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X) -> np.ndarray:
        """The class with the higher probability."""
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
