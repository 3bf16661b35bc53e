"""The MLflow pyfunc every registered claimcred model is: probability, grade, reliability and reasons per claim.

The scikit-learn estimator (the scorecard or a calibrated candidate) is stored
beside it as a skops file (no pickle), loaded only if every type it holds comes
from scikit-learn, NumPy, SciPy or claimcred's own ``models`` package.
"""

from __future__ import annotations

import logging

import mlflow.models
import mlflow.pyfunc
import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from models import grading
from models.feature_sets import FEATURE_COLUMNS, SOURCE_RELIABILITY

logger = logging.getLogger(__name__)

TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "models.", "builtins.", "collections.")
OUTPUT_COLUMNS = ["probability", "grade", "reliability", "reasons"]


def load_estimator(path: str):
    """Load a skops file, refusing any type outside TRUSTED_PREFIXES.

    Raises:
        ValueError: the file holds a type that is not trusted (named in the message).
    """
    import skops.io

    untrusted = skops.io.get_untrusted_types(file=path)
    refused = [name for name in untrusted if not name.startswith(TRUSTED_PREFIXES)]
    if refused:
        raise ValueError(f"{path}: refusing to load untrusted type(s) {refused}; expected scikit-learn or claimcred types only")
    return skops.io.load(path, trusted=untrusted)


def estimator_columns(estimator) -> list[str]:
    """The feature columns ``estimator`` was fitted on (``feature_names_in_``), else FEATURE_COLUMNS.

    A version registered before a feature was added knows fewer columns than the code builds; MLflow drops
    the extra ones before ``predict`` (models/registry.py warns), so the estimator gets its own columns.
    """
    names = getattr(estimator, "feature_names_in_", None)
    return FEATURE_COLUMNS if names is None else [str(name) for name in names]


def score_inputs(estimator, inputs: pd.DataFrame, n_reasons: int = 3) -> pd.DataFrame:
    """Probability, grade, reliability and reasons for ModelInput rows (index kept), on the estimator's own columns."""
    features = inputs[estimator_columns(estimator)].astype(float)

    def positive(frame: pd.DataFrame) -> np.ndarray:
        with threadpool_limits(limits=1):  # tree prediction on small frames is far slower with OpenMP threads here
            return estimator.predict_proba(frame)[:, 1]

    probability = pd.Series(positive(features), index=inputs.index)
    effects = grading.contributions(positive, features)
    reliability_letters = inputs[SOURCE_RELIABILITY] if SOURCE_RELIABILITY in inputs.columns else pd.Series("", index=inputs.index)
    return pd.DataFrame(
        {
            "probability": probability.astype(float),
            "grade": grading.grade(probability, features),
            "reliability": grading.reliability(reliability_letters.fillna("")),
            "reasons": grading.reasons(effects, features, n_reasons=n_reasons),
        },
        index=inputs.index,
    )


class ClaimcredModel(mlflow.pyfunc.PythonModel):
    """pyfunc wrapper: ``predict`` takes ModelInput rows and returns OUTPUT_COLUMNS."""

    def __init__(self, n_reasons: int = 3):
        self.n_reasons = n_reasons
        self.estimator = None

    def load_context(self, context) -> None:
        """Load the skops estimator artifact."""
        self.estimator = load_estimator(context.artifacts["estimator"])

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        """Score each row of ``model_input`` (ModelInput columns)."""
        return score_inputs(self.estimator, model_input, n_reasons=self.n_reasons)


# Models from code: MLflow logs this file and rebuilds the model from it, instead of cloudpickling an instance.
mlflow.models.set_model(ClaimcredModel())
