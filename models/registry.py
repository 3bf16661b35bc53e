"""The MLflow side of the models: experiments, logged runs, registered versions, the champion alias.

The only module (with models/pyfunc.py) that imports mlflow. Every function
takes the tracking URI from its caller (flows/), and experiments are created
with an explicit artifact location under the caller's artifact root, so
nothing lands in ``./mlruns``.

Promotion is guarded: ``set_registered_model_alias`` is last-writer-wins, so
``promote_if_better`` runs its read-compare-write inside a lock given by the
caller and re-evaluates the champion if it changed since the candidate's run
compared against it.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.exceptions import MlflowException
from mlflow.models import infer_signature
from mlflow.tracking import MlflowClient

from models.feature_sets import FEATURE_COLUMNS
from models import pyfunc
from models.pyfunc import score_inputs
from models.scorecard import ExpertPriorScorecard, terms_table

logger = logging.getLogger(__name__)

CHAMPION = "champion"
SCORECARD_EXPERIMENT = "claimcred-scorecard"
TRAINING_EXPERIMENT = "claimcred-training"
_REQUIREMENT_PACKAGES = ["mlflow", "scikit-learn", "skops", "pandas", "numpy", "scipy", "pandera"]


def pip_requirements() -> list[str]:
    """Pinned requirements of the pyfunc (given explicitly: inferred ones are slow and wrong)."""
    return [f"{name}=={metadata.version(name)}" for name in _REQUIREMENT_PACKAGES]


def client(tracking_uri: str) -> MlflowClient:
    """Point mlflow at ``tracking_uri`` (tracking and registry) and return a client."""
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    return MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)


def experiment_id(tracking_uri: str, artifact_root: Path | str, name: str) -> str:
    """Id of experiment ``name``, created with artifact location ``artifact_root/name`` if missing."""
    mlflow_client = client(tracking_uri)
    found = mlflow_client.get_experiment_by_name(name)
    if found is not None:
        return found.experiment_id
    location = Path(artifact_root).resolve() / name
    location.mkdir(parents=True, exist_ok=True)
    try:
        return mlflow_client.create_experiment(name, artifact_location=location.as_uri())
    except MlflowException:  # created meanwhile by another process
        return mlflow_client.get_experiment_by_name(name).experiment_id


def champion_version(tracking_uri: str, model_name: str) -> str | None:
    """Version the ``champion`` alias points at, or None when there is no champion (or no model)."""
    try:
        return str(client(tracking_uri).get_model_version_by_alias(model_name, CHAMPION).version)
    except MlflowException:
        return None


def log_model_version(estimator, model_name: str, input_example: pd.DataFrame, tags: dict | None = None) -> str:
    """Inside an active run: save ``estimator`` (skops) in a ClaimcredModel pyfunc, register it, return the version."""
    import skops.io

    output_example = score_inputs(estimator, input_example)
    signature = infer_signature(input_example, output_example)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "estimator.skops"
        skops.io.dump(estimator, path)
        info = mlflow.pyfunc.log_model(
            name="model",
            python_model=str(Path(pyfunc.__file__).resolve()),
            artifacts={"estimator": str(path)},
            signature=signature,
            input_example=input_example,
            pip_requirements=pip_requirements(),
        )
    version = mlflow.register_model(info.model_uri, model_name, tags=tags or {})
    return str(version.version)


def log_scorecard(tracking_uri: str, artifact_root: Path | str, model_name: str, input_example: pd.DataFrame, params: dict) -> str:
    """Log and register the expert-prior scorecard (fitted on ``input_example``'s columns, no labels); return its version."""
    experiment = experiment_id(tracking_uri, artifact_root, SCORECARD_EXPERIMENT)
    scorecard = ExpertPriorScorecard().fit(input_example[FEATURE_COLUMNS])
    with mlflow.start_run(experiment_id=experiment, run_name="expert-prior-scorecard"):
        mlflow.log_params({**params, "model_kind": "expert_prior_scorecard", "intercept": scorecard.intercept, "n_terms": len(scorecard.terms_)})
        mlflow.log_text(
            "# Model card: expert-prior scorecard\n\nNo labels: explicit expert weights (log-odds), not fitted.\n\n"
            "| term | weight | cap | rationale |\n|---|---|---|---|\n" + terms_table(scorecard.terms_) + "\n",
            "model_card.md",
        )
        return log_model_version(scorecard, model_name, input_example, tags={"model_kind": "expert_prior_scorecard"})


def ensure_champion(
    tracking_uri: str,
    artifact_root: Path | str,
    model_name: str,
    params: dict,
    input_example: pd.DataFrame | None = None,
    lock: Callable[[], contextlib.AbstractContextManager] | None = None,
) -> str:
    """Register the expert-prior scorecard as champion when none exists; return the champion version.

    Args:
        tracking_uri: MLflow tracking (and registry) URI.
        artifact_root: folder under which experiments keep their artifacts.
        model_name: registered model name.
        params: logged as run params (theatre pack name/version, ...).
        input_example: ModelInput rows for the signature; default a neutral all-zero row.
        lock: zero-argument callable returning a context manager that serialises registrations.
    """
    current = champion_version(tracking_uri, model_name)
    if current is not None:
        return current
    if input_example is None:
        input_example = pd.DataFrame([dict.fromkeys(FEATURE_COLUMNS, 0.0) | {"source_reliability": ""}])
    with _acquire(lock):
        current = champion_version(tracking_uri, model_name)
        if current is not None:
            return current
        version = log_scorecard(tracking_uri, artifact_root, model_name, input_example, params)
        client(tracking_uri).set_registered_model_alias(model_name, CHAMPION, version)
        logger.info("registered the expert-prior scorecard as %s version %s, alias %s", model_name, version, CHAMPION)
        return version


def load_version(tracking_uri: str, model_name: str, version: str):
    """The pyfunc of one registered version."""
    client(tracking_uri)
    return mlflow.pyfunc.load_model(f"models:/{model_name}/{version}")


def load_champion(tracking_uri: str, model_name: str):
    """(pyfunc model, version) of the champion.

    Raises:
        LookupError: there is no champion yet (call ensure_champion first).
    """
    version = champion_version(tracking_uri, model_name)
    if version is None:
        raise LookupError(f"registered model {model_name!r} has no {CHAMPION!r} alias at {tracking_uri}; run `claimcred run` or train first")
    return load_version(tracking_uri, model_name, version), version


_WHAT_TO_DO = (
    "Retrain on the current features with `claimcred train` (or `claimcred train --dataset FILE.csv`), which replaces a champion "
    f"that cannot score them, or move the {CHAMPION!r} alias to a compatible version in MLflow (`claimcred ui`)"
)


class FeatureListMismatch(ValueError):
    """A registered model cannot score the model-input columns the code builds (it was trained on another feature list).

    Attributes:
        problem: what is wrong, without the advice (the message adds "nothing was scored" and what to do).
    """

    def __init__(self, problem: str):
        super().__init__(f"{problem}; nothing was scored. {_WHAT_TO_DO}")
        self.problem = problem


def signature_columns(pyfunc_model) -> dict[str, bool] | None:
    """Input column name -> required, from the model's MLflow input signature; None when it has no named input schema."""
    schema = pyfunc_model.metadata.get_input_schema()
    if schema is None or not schema.has_input_names():
        return None
    return {spec.name: bool(getattr(spec, "required", True)) for spec in schema.inputs}


def feature_list_mismatch(pyfunc_model, columns: list[str]) -> tuple[list[str], list[str]] | None:
    """(missing, extra) of a model against the columns the code builds; None when the model has no named input signature.

    ``missing``: required signature columns not in ``columns`` (the model cannot score without them).
    ``extra``: ``columns`` the signature does not name (MLflow drops them before ``predict``).
    """
    model_columns = signature_columns(pyfunc_model)
    if model_columns is None:
        return None
    missing = [name for name, required in model_columns.items() if required and name not in columns]
    extra = [name for name in columns if name not in model_columns]
    return missing, extra


def check_feature_list(pyfunc_model, model_name: str, version: str, columns: list[str]) -> None:
    """Stop before scoring when the model needs columns the code does not build; warn about columns it does not know.

    Args:
        pyfunc_model: a loaded pyfunc (its input signature is compared).
        model_name: registered model name (for the message).
        version: registered version (for the message).
        columns: the model-input columns the code builds (``models.feature_sets.MODEL_INPUT_COLUMNS``).

    Raises:
        FeatureListMismatch: a required signature column is not in ``columns``, or the model's pyfunc fails when
            MLflow drops the columns it does not know; one line naming the model, version, missing and extra
            columns, and what to do.
    """
    mismatch = feature_list_mismatch(pyfunc_model, columns)
    if mismatch is None:
        logger.warning("%s version %s has no named input signature: its feature list cannot be checked against the code's", model_name, version)
        return
    missing, extra = mismatch
    if missing:
        unknown = f" and does not know {extra} that the code builds" if extra else ""
        raise FeatureListMismatch(
            f"model {model_name!r} version {version} ({CHAMPION}) was trained on another feature list: it needs {missing} that the code "
            f"no longer builds{unknown}"
        )
    failure = _fails_with_extra_columns(pyfunc_model, extra) if extra else None
    if failure:
        raise FeatureListMismatch(
            f"model {model_name!r} version {version} ({CHAMPION}) was trained without {extra}, which the code now builds, and its pyfunc "
            f"(registered by an older claimcred) cannot score without them ({failure})"
        )
    if extra:
        logger.warning(
            "model %r version %s was trained without %s, which the code now builds: MLflow drops them and the model scores with "
            "the columns it was trained on; retrain (`claimcred train`) to use them",
            model_name, version, extra,
        )


def _fails_with_extra_columns(pyfunc_model, extra: list[str]) -> str | None:
    """Predict one row of the model's logged input example plus ``extra`` (as 0.0); the error as one short line, or None.

    A pyfunc logged before ``models.pyfunc.estimator_columns`` existed indexes the code's FEATURE_COLUMNS and
    fails once MLflow has dropped the columns it does not know.
    """
    example = pyfunc_model.input_example
    if not isinstance(example, pd.DataFrame) or example.empty:
        return None
    enforcement = logging.getLogger("mlflow.models.utils")  # its "extra inputs ... ignored" line: the caller warns once instead
    level = enforcement.level
    enforcement.setLevel(logging.ERROR)
    try:
        pyfunc_model.predict(example.head(1).assign(**dict.fromkeys(extra, 0.0)))
    except Exception as error:  # noqa: BLE001 - any failure here would fail the real scoring the same way
        return " ".join(f"{type(error).__name__}: {error}".split())[:200]
    finally:
        enforcement.setLevel(level)
    return None


def load_for_scoring(tracking_uri: str, model_name: str, version: str, columns: list[str]):
    """The pyfunc of one registered version, after ``check_feature_list`` against the columns the code builds.

    Raises:
        FeatureListMismatch: the version needs columns not in ``columns``.
    """
    model = load_version(tracking_uri, model_name, version)
    check_feature_list(model, model_name, version, columns)
    return model


def log_candidate_run(
    tracking_uri: str,
    artifact_root: Path | str,
    model_name: str,
    run_name: str,
    estimator,
    input_example: pd.DataFrame,
    params: dict,
    metrics: dict[str, float],
    figures: dict[str, object],
    tables: dict[str, pd.DataFrame],
    texts: dict[str, str],
    tags: dict[str, str],
    register: bool,
) -> tuple[str, str | None]:
    """Log one candidate as a run (params, metrics, figures, tables, texts, the model); return (run_id, version or None)."""
    experiment = experiment_id(tracking_uri, artifact_root, TRAINING_EXPERIMENT)
    with mlflow.start_run(experiment_id=experiment, run_name=run_name) as run:
        mlflow.log_params(params)
        mlflow.log_metrics({k: float(v) for k, v in metrics.items() if pd.notna(v)})
        mlflow.set_tags(tags)
        for name, figure in figures.items():
            mlflow.log_figure(figure, name)
        for name, table in tables.items():
            mlflow.log_table(table, name)
        for name, text in texts.items():
            mlflow.log_text(text, name)
        version = None
        if register:
            version = log_model_version(estimator, model_name, input_example, tags={"model_kind": run_name, "run_id": run.info.run_id})
        else:
            _log_unregistered(estimator, input_example)
        return run.info.run_id, version


def _log_unregistered(estimator, input_example: pd.DataFrame) -> None:
    import skops.io

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "estimator.skops"
        skops.io.dump(estimator, path)
        mlflow.pyfunc.log_model(
            name="model",
            python_model=str(Path(pyfunc.__file__).resolve()),
            artifacts={"estimator": str(path)},
            signature=infer_signature(input_example, score_inputs(estimator, input_example)),
            input_example=input_example,
            pip_requirements=pip_requirements(),
        )


@contextlib.contextmanager
def _acquire(lock: Callable[[], contextlib.AbstractContextManager] | None, timeout_seconds: float = 600.0, poll_seconds: float = 0.5):
    """Enter ``lock()``; a lock that yields False (held elsewhere, e.g. flows.store.lock) is retried until the timeout."""
    if lock is None:
        yield
        return
    deadline = time.monotonic() + timeout_seconds
    while True:
        with lock() as acquired:
            if acquired is not False:
                yield
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"could not take the promotion lock within {timeout_seconds:.0f} s; another training may be stuck")
        time.sleep(poll_seconds)


def promote_if_better(
    tracking_uri: str,
    model_name: str,
    candidate_version: str,
    candidate_score: float,
    evaluate_version: Callable[[str], float],
    compared_version: str | None = None,
    compared_score: float | None = None,
    lock: Callable[[], contextlib.AbstractContextManager] | None = None,
    run_id: str | None = None,
    metric: str = "brier",
) -> dict:
    """Move ``champion`` to the candidate only if it beats the current champion (lower ``metric`` is better).

    Inside ``lock`` the champion is read again; if it is not the version the
    candidate was compared with in its run, ``evaluate_version(current)`` scores
    it on the same held-out frame before comparing. The outcome is written to the
    candidate's run (tag ``promotion``, metric ``champion_<metric>``) when ``run_id`` is given.

    Returns:
        dict with promoted (bool), champion_version (after), compared_version, champion_score, candidate_score.
    """
    mlflow_client = client(tracking_uri)
    with _acquire(lock):
        current = champion_version(tracking_uri, model_name)
        if current is not None and current != compared_version:
            compared_score = evaluate_version(current)
        promoted = current is None or (current != candidate_version and candidate_score < compared_score)
        if promoted:
            mlflow_client.set_registered_model_alias(model_name, CHAMPION, candidate_version)
    outcome = {
        "promoted": bool(promoted),
        "champion_version": candidate_version if promoted else current,
        "compared_version": current,
        "champion_score": compared_score,
        "candidate_score": candidate_score,
    }
    if run_id:
        mlflow_client.set_tag(run_id, "promotion", "promoted" if promoted else f"kept champion {current}")
        mlflow_client.set_tag(run_id, "compared_champion_version", str(current))
        if compared_score is not None:
            mlflow_client.log_metric(run_id, f"champion_{metric}", float(compared_score))
    logger.info("candidate %s %s=%.4f vs champion %s %s: %s", candidate_version, metric, candidate_score, current, compared_score, "promoted" if promoted else "kept")
    return outcome
