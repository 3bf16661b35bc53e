"""Evaluation: metrics, calibration and importance figures, the model card. Returns values; logs nothing.

Metric names are fixed (the MLflow runs and the promotion rule use them):
``roc_auc``, ``pr_auc`` (average precision), ``brier``, ``log_loss``, ``ece``
(expected calibration error over 10 equal-width bins, weighted by bin size).
"""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score  # noqa: E402

logger = logging.getLogger(__name__)

METRIC_NAMES = ["roc_auc", "pr_auc", "brier", "log_loss", "ece"]
FAKES_CITATION = (
    "Abu Salem, F. K., Al Feel, R., Elbassuoni, S., Jaber, M., & Farah, M. (2019). FA-KES: A Fake News Dataset "
    "around the Syrian War. Proceedings of ICWSM 13(01), 573-582. Zenodo record 2607278, CC BY 4.0."
)


def expected_calibration_error(labels, probabilities, n_bins: int = 10) -> float:
    """Mean |observed rate − mean probability| over equal-width bins, weighted by the share of rows in each bin."""
    labels = np.asarray(labels, dtype=float)
    probabilities = np.asarray(probabilities, dtype=float)
    bins = np.minimum((probabilities * n_bins).astype(int), n_bins - 1)
    error = 0.0
    for b in np.unique(bins):
        in_bin = bins == b
        error += in_bin.mean() * abs(labels[in_bin].mean() - probabilities[in_bin].mean())
    return float(error)


def classification_metrics(labels, probabilities) -> dict[str, float]:
    """The five named metrics; ROC and PR AUC are NaN when only one class is present."""
    labels = np.asarray(labels, dtype=int)
    probabilities = np.clip(np.asarray(probabilities, dtype=float), 1e-6, 1 - 1e-6)
    both = len(np.unique(labels)) == 2
    return {
        "roc_auc": float(roc_auc_score(labels, probabilities)) if both else float("nan"),
        "pr_auc": float(average_precision_score(labels, probabilities)) if both else float("nan"),
        "brier": float(brier_score_loss(labels, probabilities)),
        "log_loss": float(log_loss(labels, probabilities, labels=[0, 1])),
        "ece": expected_calibration_error(labels, probabilities),
    }


def aggregate_by_article(article_ids: pd.Series, probabilities, how: str = "mean") -> pd.Series:
    """Article credibility from its claims' probabilities: 'mean' (default) or 'min' (weakest claim decides)."""
    if how not in ("mean", "min"):
        raise ValueError(f"aggregate how={how!r} is not supported; expected 'mean' or 'min'")
    series = pd.Series(np.asarray(probabilities, dtype=float), index=article_ids.index)
    return series.groupby(article_ids.to_numpy()).agg(how)


def calibration_figure(labels, probabilities_by_model: dict[str, np.ndarray], n_bins: int = 10):
    """Reliability diagram: observed accuracy rate against mean predicted probability, one line per model."""
    labels = np.asarray(labels, dtype=float)
    figure, axis = plt.subplots(figsize=(5.5, 5))
    axis.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    for name, probabilities in probabilities_by_model.items():
        probabilities = np.asarray(probabilities, dtype=float)
        bins = np.minimum((probabilities * n_bins).astype(int), n_bins - 1)
        present = np.unique(bins)
        axis.plot([probabilities[bins == b].mean() for b in present], [labels[bins == b].mean() for b in present], marker="o", label=name)
    axis.set(xlabel="mean predicted probability", ylabel="observed share accurate", xlim=(0, 1), ylim=(0, 1), title="Calibration on the held-out split")
    axis.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    return figure


def permutation_importance_table(model, inputs: pd.DataFrame, labels, random_state: int = 0, n_repeats: int = 5) -> pd.DataFrame:
    """Permutation importance: drop in ROC AUC when one column is shuffled, mean and std over repeats, largest first.

    Same quantity as ``sklearn.inspection.permutation_importance(scoring="roc_auc")``, but every
    shuffled copy is stacked into one frame and scored with a single ``predict_proba`` call:
    per-call overhead of pandas-output pipelines made the one-call-per-shuffle version ~10x slower.
    """
    labels = np.asarray(labels, dtype=int)
    rng = np.random.default_rng(random_state)
    with threadpool_limits(limits=1):  # see models.train.SINGLE_THREAD
        baseline = roc_auc_score(labels, model.predict_proba(inputs)[:, 1])
        copies = []
        for column in inputs.columns:
            for _ in range(n_repeats):
                copies.append(inputs.assign(**{column: inputs[column].to_numpy()[rng.permutation(len(inputs))]}))
        stacked = model.predict_proba(pd.concat(copies, ignore_index=True))[:, 1].reshape(len(inputs.columns), n_repeats, len(inputs))
    drops = np.array([[baseline - roc_auc_score(labels, stacked[c, r]) for r in range(n_repeats)] for c in range(len(inputs.columns))])
    table = pd.DataFrame({"feature": inputs.columns, "importance_mean": drops.mean(axis=1), "importance_std": drops.std(axis=1)})
    return table.sort_values("importance_mean", ascending=False, kind="stable").reset_index(drop=True)


def importance_figure(table: pd.DataFrame, top: int = 15):
    """Horizontal bar chart of the top permutation importances with their standard deviation."""
    shown = table.head(top).iloc[::-1]
    figure, axis = plt.subplots(figsize=(6, 0.3 * len(shown) + 1.2))
    axis.barh(shown["feature"], shown["importance_mean"], xerr=shown["importance_std"], color="#4c72b0")
    axis.set(xlabel="drop in ROC AUC when shuffled", title="Permutation importance (held-out split)")
    figure.tight_layout()
    return figure


def _metrics_table(rows: dict[str, dict[str, float]]) -> str:
    lines = ["| model | " + " | ".join(METRIC_NAMES) + " |", "|---|" + "---|" * len(METRIC_NAMES)]
    for name, metrics in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{metrics.get(m, float('nan')):.3f}" for m in METRIC_NAMES) + " |")
    return "\n".join(lines)


def model_card(
    name: str,
    data: dict,
    split: dict,
    metrics_by_model: dict[str, dict[str, float]],
    grouped_outlet: dict[str, float] | None = None,
    scorecard_terms: str | None = None,
    limits: list[str] | None = None,
    uses_fakes: bool = False,
) -> str:
    """The Markdown model card: data, time split, metrics beside the baselines, limits, citation."""
    parts = [f"# Model card: {name}", "", "## Data"]
    parts += [f"- {key}: {value}" for key, value in data.items()]
    parts += ["", "## Time split", *[f"- {key}: {value}" for key, value in split.items()]]
    parts += ["", "## Metrics on the held-out (later) split", "", _metrics_table(metrics_by_model)]
    if grouped_outlet:
        parts += ["", "## Grouped by outlet (no outlet in both train and test folds), mean ROC AUC", ""]
        parts += [f"- {key}: {value:.3f}" for key, value in grouped_outlet.items()]
    if scorecard_terms:
        parts += ["", "## Expert-prior scorecard weights (log-odds)", "", "| term | weight | cap | rationale |", "|---|---|---|---|", scorecard_terms]
    parts += ["", "## Limits", *[f"- {line}" for line in (limits or [])]]
    if uses_fakes:
        parts += ["", "## Citation", "", f"Results on FA-KES: {FAKES_CITATION}"]
    return "\n".join(parts) + "\n"
