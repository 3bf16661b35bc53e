"""The claimcred pyfunc as logged before the feature-list check (models-from-code file for a test model).

Like every version registered then, it indexes the FEATURE_COLUMNS of the code that loads it, so it
cannot score once MLflow has dropped a column its signature does not name.
"""

from __future__ import annotations

import mlflow.models
import mlflow.pyfunc
import pandas as pd

from models.feature_sets import FEATURE_COLUMNS


class ClaimcredModelBeforeCheck(mlflow.pyfunc.PythonModel):
    """``predict`` scores ``model_input[FEATURE_COLUMNS]`` (the loading code's list) with the skops estimator."""

    def load_context(self, context) -> None:
        """Load the skops estimator artifact."""
        from models.pyfunc import load_estimator

        self.estimator = load_estimator(context.artifacts["estimator"])

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        """Probability per row, from the code's FEATURE_COLUMNS."""
        features = model_input[FEATURE_COLUMNS].astype(float)
        return pd.DataFrame({"probability": self.estimator.predict_proba(features)[:, 1]}, index=model_input.index)


mlflow.models.set_model(ClaimcredModelBeforeCheck())
