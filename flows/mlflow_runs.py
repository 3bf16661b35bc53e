"""Record a scoring run in MLflow, so an analyst sees the scored claims in the MLflow UI alone.

Each scoring run with at least one new score row is one MLflow run in the experiment
``<model_name>-scoring`` (artifacts under ``$CLAIMCRED_HOME/mlartifacts/scoring``). It holds:

- ``scored_claims.json`` (``mlflow.log_table``): claim, speaker, camp, outlet, published, key features,
  probability, grade, reliability, top reasons — shown as a table on the run's Artifacts tab;
- plots ``plots/grade_distribution.png``, ``plots/probability_by_camp.png``, ``plots/claims_over_time.png``;
- params ``model_name``, ``model_version``, ``model_uri`` and the theatre packs used (name and version);
- metrics ``n_articles``, ``n_new_articles``, ``n_claims``, ``n_new_claims``, ``n_scored``, ``n_rescored``,
  ``mean_probability``, ``n_grade_<g>`` and the stage timings ``seconds_<stage>``;
- ``report.html``: the HTML report of the claims scored in the run.

flows/ is the shell that records runs, so this module imports mlflow (models/registry.py is the only
MLflow-aware module under models/).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from flows.config import Settings
from flows.plots import render_plots

logger = logging.getLogger(__name__)

KEY_FEATURES = [
    "speaker_is_party",
    "self_serving",
    "against_interest",
    "anonymous",
    "specificity_score",
    "n_quantities",
    "n_named_places",
    "in_blackout",
    "independent_corroborations",
    "cross_camp_confirmation",
    "contradictions",
]
TABLE_FILE = "scored_claims.json"


def scoring_experiment_name(settings: Settings) -> str:
    """Name of the MLflow experiment holding the scoring runs."""
    return f"{settings.model_name}-scoring"


def scored_claims_table(scored: pd.DataFrame, top_reasons: int = 3) -> pd.DataFrame:
    """The table logged with ``log_table``: one row per scored claim, plain types only, best grade first.

    Args:
        scored: claims with their score columns (probability, grade, reliability, reasons) and, where
            available, feature columns (``KEY_FEATURES``).
        top_reasons: how many reasons to keep, joined with "; ".
    """
    frame = scored.sort_values(["grade", "probability"], ascending=[True, False], na_position="last")
    table = pd.DataFrame(
        {
            "grade": frame["grade"].astype("Int64").astype(object).where(frame["grade"].notna(), None),
            "probability": frame["probability"].round(3),
            "claim": frame["text"].astype(str),
            "speaker": frame["speaker"].astype(str),
            "camp": frame["speaker_camp"].astype(str),
            "outlet": frame["outlet"].astype(str),
            "top_reasons": ["; ".join(list(reasons or [])[:top_reasons]) for reasons in frame["reasons"].to_numpy(dtype=object)],
            "reliability": frame["reliability"].astype(object).where(frame["reliability"].notna(), ""),
            "published": pd.to_datetime(frame["published"]).dt.strftime("%Y-%m-%d").astype(object).where(frame["published"].notna(), ""),
        },
        index=frame.index,
    )
    for name in KEY_FEATURES:
        if name in frame.columns and name not in table.columns:
            column = frame[name]
            table[name] = column.astype(float).round(3) if column.dtype.kind in "fiub" else column.astype(str)
    table["claim_id"] = frame["claim_id"].astype(str)
    # Plain object columns: log_table writes the table cell by cell, which is slow over Arrow-backed strings.
    return table.astype({name: object for name in table.columns if isinstance(table[name].dtype, pd.StringDtype)}).reset_index(drop=True)


def log_scoring_run(
    settings: Settings,
    scored: pd.DataFrame,
    counts: dict,
    model_version: str,
    model_uri: str,
    packs: dict[str, str] | None = None,
    report_html: str | None = None,
    run_name: str | None = None,
    timings: dict[str, float] | None = None,
    plots: dict[str, bytes] | None = None,
) -> str:
    """Log one scoring run and return its MLflow run id.

    Args:
        settings: tracking URI, artifact root and model name.
        scored: the claims scored in this run with their new score and features.
        counts: integer counts logged as metrics (n_articles, n_claims, n_scored, n_rescored, ...).
        model_version: champion version used.
        model_uri: e.g. ``models:/claimcred@champion``.
        packs: theatre pack name -> version, logged as params ``pack.<name>``.
        report_html: the HTML report to attach as ``report.html``.
        run_name: readable run name (default: MLflow's).
        timings: stage -> seconds, logged as ``seconds_<stage>`` metrics.
        plots: PNG bytes by plot name (drawn here when not given).
    """
    import tempfile

    import mlflow

    client = mlflow.MlflowClient(tracking_uri=settings.mlflow_tracking_uri)
    name = scoring_experiment_name(settings)
    experiment = client.get_experiment_by_name(name)
    if experiment is None:
        location = (Path(settings.mlflow_artifact_root) / "scoring").resolve().as_uri()
        experiment_id = client.create_experiment(name, artifact_location=location, tags={"claimcred.kind": "scoring", "mlflow.experimentKind": "custom_model_development"})
    else:
        experiment_id = experiment.experiment_id
    mlflow.set_tracking_uri(settings.mlflow_tracking_uri)
    with mlflow.start_run(experiment_id=experiment_id, run_name=run_name) as run:
        mlflow.set_tags({"claimcred.kind": "scoring", "mlflow.note.content": _note(counts, model_version)})
        mlflow.log_params({"model_name": settings.model_name, "model_version": model_version, "model_uri": model_uri})
        mlflow.log_params({f"pack.{pack}": version for pack, version in (packs or {}).items()})
        metrics = {key: float(value) for key, value in counts.items() if value is not None}
        if not scored.empty:
            metrics["mean_probability"] = float(scored["probability"].mean())
            for grade, n in scored["grade"].astype(int).value_counts().items():
                metrics[f"n_grade_{grade}"] = float(n)
        metrics.update({f"seconds_{stage}": float(seconds) for stage, seconds in (timings or {}).items()})
        mlflow.log_metrics(metrics)
        mlflow.log_table(scored_claims_table(scored), artifact_file=TABLE_FILE)
        with tempfile.TemporaryDirectory() as folder:
            for plot_name, png in (plots if plots is not None else render_plots(scored)).items():
                (Path(folder) / f"{plot_name}.png").write_bytes(png)
            mlflow.log_artifacts(folder, "plots")
        if report_html is not None:
            mlflow.log_text(report_html, "report.html")
        logger.info("scoring run %s logged: %d claims scored with %s v%s", run.info.run_id, len(scored), settings.model_name, model_version)
        return run.info.run_id


def _note(counts: dict, model_version: str) -> str:
    parts = ", ".join(f"{key.removeprefix('n_').replace('_', ' ')}: {value}" for key, value in counts.items())
    return f"Scoring run with model version {model_version}. {parts}. The scored claims are in Artifacts → {TABLE_FILE}."
