"""Prefect 3 flows: ingest, score, train, report, run (ingest then score), and ``serve`` on a schedule.

Tasks are coarse (one stage each, loops inside: Prefect costs ~10 ms and ~20 KB per task run). Only
the URL-fetching ingest task retries, with backoff; a rerun is safe because every write is keyed.
Flow parameters are plain JSON types (the data home and config path, not a Settings object), so a
served deployment can be triggered from the UI or ``run_deployment``.

Overlap: a scoring pass holds the store-level lock ``score`` (TTL ``scoring.SCORE_LOCK_TTL``, 2 h, so a crashed
run blocks the next one for at most that long); a second pass waits up to ``wait_seconds`` for it and
is then skipped. Served deployments also have a concurrency limit of 1 (later runs are queued).

Import this module after ``flows.config.prepare_environment`` (the CLI does), so Prefect uses the data
home; importing it earlier points Prefect at ``$CLAIMCRED_HOME`` (or ``./.claimcred``) itself.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flows.config import SAMPLE_DIR, Settings, load_settings, prepare_environment

if "PREFECT_HOME" not in os.environ:  # pragma: no cover - the CLI and tests set it first
    prepare_environment(load_settings())

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.tasks import exponential_backoff  # noqa: E402

from flows import scoring  # noqa: E402
from flows.api import Filters  # noqa: E402

SCORE_LOCK = scoring.SCORE_LOCK
URL_PREFIXES = ("http://", "https://")


def _settings(home: str | None, config: str | None) -> Settings:
    settings = load_settings(config=Path(config) if config else None, home=Path(home) if home else None)
    prepare_environment(settings)
    return settings


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def _run_name(kind: str):
    return lambda: f"{kind}-{_stamp()}"


# --- ingest -------------------------------------------------------------------------------------------


@task(name="ingest-local", cache_policy=NO_CACHE, task_run_name="ingest-local-{n_sources}")
def ingest_local_task(settings: Settings, sources: list[str], outlet: str | None, n_sources: int) -> dict:
    """Ingest files and folders (no retries: a local failure would fail again)."""
    return _ingest(settings, sources, outlet)


URL_RETRIES = 3


@task(name="ingest-urls", cache_policy=NO_CACHE, task_run_name="ingest-urls-{n_sources}",
      retries=URL_RETRIES, retry_delay_seconds=exponential_backoff(backoff_factor=10), retry_jitter_factor=0.5)
def ingest_urls_task(settings: Settings, sources: list[str], outlet: str | None, n_sources: int) -> dict:
    """Ingest feed and page URLs; network I/O, so retried with exponential backoff (writes are keyed).

    A transient failure (timeout, refused connection, 429/5xx) fails the attempt so Prefect retries it;
    the last attempt returns its counts with those URLs rejected.
    """
    from prefect.runtime import task_run

    return _ingest(settings, sources, outlet, raise_transient=task_run.run_count <= URL_RETRIES)


def _ingest(settings: Settings, sources: list[str], outlet: str | None, raise_transient: bool = False) -> dict:
    from flows.ingest import ingest_sources

    result = ingest_sources(settings, sources, outlet=outlet, quiet=True)
    if raise_transient and result.transient_rejects:
        urls = ", ".join(reject.source for reject in result.transient_rejects)
        raise RuntimeError(f"transient fetch failure(s), will retry: {urls}")
    logger = get_run_logger()
    for line in result.reject_lines():
        logger.warning("%s", line)
    logger.info("%s", result.summary())
    return {"new": result.new, "unchanged": result.unchanged, "rejected": result.rejected}


@flow(name="ingest", flow_run_name=_run_name("ingest"), log_prints=False)
def ingest_flow(sources: list[str] | None = None, outlet: str | None = None, home: str | None = None, config: str | None = None) -> dict:
    """Ingest the given sources, or the configured ones (default: the bundled sample reporting)."""
    settings = _settings(home, config)
    sources = list(sources or settings.sources or [str(SAMPLE_DIR)])
    urls = [source for source in sources if source.lower().startswith(URL_PREFIXES)]
    local = [source for source in sources if source not in urls]
    totals = {"new": 0, "unchanged": 0, "rejected": 0}
    started = time.perf_counter()
    for batch, runner in ((local, ingest_local_task), (urls, ingest_urls_task)):
        if batch:
            for key, value in runner(settings, batch, outlet, len(batch)).items():
                totals[key] += value
    totals["seconds"] = round(time.perf_counter() - started, 3)
    return totals


# --- score --------------------------------------------------------------------------------------------


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(settings: Settings) -> scoring.ExtractResult:
    """Extract claims and blackouts from the articles not extracted yet."""
    return scoring.stage_extract(settings)


@task(name="champion", cache_policy=NO_CACHE)
def champion_task(settings: Settings) -> str:
    """Champion model version (the expert prior is registered when none exists)."""
    return scoring.champion_version(settings)


@task(name="features", cache_policy=NO_CACHE)
def features_task(settings: Settings, new_claim_ids: list[str], model_version: str | None):
    """Features of unscored and affected claims, stored claims as corroboration context."""
    return scoring.stage_features(settings, new_claim_ids, model_version)


@task(name="score", cache_policy=NO_CACHE)
def score_task(settings: Settings, features) -> dict:
    """Score with the champion and append the new score rows."""
    return scoring.stage_score(settings, features)


@task(name="record-mlflow", cache_policy=NO_CACHE)
def record_task(settings: Settings, counts: dict, score: dict, packs: dict, timings: dict, run_name: str) -> str | None:
    """Log the scoring run in MLflow (table, plots, counts, report)."""
    return scoring.stage_record(settings, counts, score, packs, timings, run_name=run_name)


def _task_stages() -> dict:
    return {"extract": extract_task, "champion": champion_task, "features": features_task, "score": score_task, "record": record_task}


@flow(name="score", flow_run_name=_run_name("score"), log_prints=False)
def score_flow(home: str | None = None, config: str | None = None, wait_seconds: float = 60.0) -> dict:
    """Extract new articles, then score every claim without a current score and the claims they affect."""
    settings = _settings(home, config)
    return scoring.score_pass(settings, wait_seconds=wait_seconds, run_name=f"score-{_stamp()}", stages=_task_stages(), log=get_run_logger())


# --- train, report, run -------------------------------------------------------------------------------


@task(name="train", cache_policy=NO_CACHE)
def train_task(settings: Settings) -> dict:
    """Train candidates on the labelled claims; promote only a better one."""
    from flows.modelops import train_models

    return train_models(settings, quiet=True)


@flow(name="train", flow_run_name=_run_name("train"), log_prints=False)
def train_flow(home: str | None = None, config: str | None = None) -> dict:
    """Retrain on the labelled claims and verdicts (the models part decides promotion)."""
    return train_task(_settings(home, config))


@task(name="report", cache_policy=NO_CACHE)
def report_task(settings: Settings, out: str, fmt: str, filters: Filters) -> dict:
    """Render the report file."""
    from flows.report import write_report

    return write_report(settings, Path(out), fmt=fmt, filters=filters, quiet=True)


@flow(name="report", flow_run_name=_run_name("report"), log_prints=False)
def report_flow(fmt: str = "html", out: str | None = None, since: str | None = None, until: str | None = None,
                theatre: list[str] | None = None, camp: list[str] | None = None, grade: list[int] | None = None,
                home: str | None = None, config: str | None = None) -> dict:
    """Write the report (default ``$CLAIMCRED_HOME/reports/report-<UTC stamp>.<fmt>``)."""
    settings = _settings(home, config)
    out = out or str(settings.home / "reports" / f"report-{_stamp()}.{fmt}")
    return report_task(settings, out, fmt, Filters(since, until, theatre, camp, grade))


@flow(name="run", flow_run_name=_run_name("run"), log_prints=False)
def run_flow(sources: list[str] | None = None, outlet: str | None = None, home: str | None = None, config: str | None = None,
             wait_seconds: float = 60.0) -> dict:
    """Ingest the given (or configured) sources once, then score every claim without a current score."""
    ingested = ingest_flow(sources=sources, outlet=outlet, home=home, config=config)
    scored = score_flow(home=home, config=config, wait_seconds=wait_seconds)
    return {"ingest": ingested, "score": scored}


# --- serve --------------------------------------------------------------------------------------------


def deployments(settings: Settings) -> list:
    """The served deployments with their schedules from settings; each has a concurrency limit of 1."""
    params = {"home": str(settings.home)}
    return [
        run_flow.to_deployment(name="ingest-score", interval=timedelta(minutes=settings.ingest_interval_minutes),
                               parameters=params, concurrency_limit=1, tags=["claimcred"],
                               description="Ingest the configured sources, then score new and affected claims."),
        score_flow.to_deployment(name="score", parameters=params, concurrency_limit=1, tags=["claimcred"],
                                 description="Score the stored claims without a current score (no schedule: trigger it)."),
        train_flow.to_deployment(name="train-nightly", cron=settings.train_cron, parameters=params, concurrency_limit=1,
                                 tags=["claimcred"], description="Retrain on labelled claims; promote only a better model."),
        report_flow.to_deployment(name="report-daily", cron=settings.report_cron, parameters=params, concurrency_limit=1,
                                  tags=["claimcred"], description="Write the HTML report into $CLAIMCRED_HOME/reports/."),
    ]


def serve(settings: Settings) -> None:
    """Serve the deployments until SIGTERM / Ctrl-C (needs PREFECT_API_URL pointing at a running server)."""
    from prefect import serve as prefect_serve

    prefect_serve(*deployments(settings), print_starting_message=True)
