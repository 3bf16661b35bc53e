"""Tests for the scoring pass (flows/scoring.py) and the Prefect flows around it (flows/pipeline.py).

The real extract / features / models parts run on one- or two-sentence articles (fast). Behaviour is
tested on ``scoring.score_pass`` called directly (the same code the score flow runs with its tasks as
stages); the flows themselves run under one session-scoped ``prefect_test_harness``. MLflow is one temp
SQLite store shared by the session (fixture ``mlflow_uri``; the expert prior is registered there once).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pandas as pd

import pytest

from prefect_fixtures import prefect_harness  # noqa: F401 - fixture
from flows import scoring, store  # noqa: I001
from flows import pipeline
from flows_fakes import article_row, home_with_mlflow, insert, settings_for


TEXT_A = "Resistance fighters said 40 Taliban were killed near the Khawak Pass. The valley is calm."
TEXT_B = "A Taliban commander told Reuters that 40 Taliban were killed near the Khawak Pass."


@pytest.fixture
def scoring_home(tmp_path, mlflow_uri):
    """A data home (session MLflow store) holding one unextracted article with one claim."""
    home = tmp_path / "home"
    settings = home_with_mlflow(home, mlflow_uri)
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [article_row(1, text=TEXT_A, outlet="panjshir_observer")])
    return home, settings, engine


def test_score_pass_scores_new_claims_and_logs_mlflow_run(scoring_home):
    """Check that a scoring pass extracts, scores, and logs an MLflow run with the scored-claims table and plots."""
    import mlflow

    home, settings, engine = scoring_home
    result = scoring.score_pass(settings, wait_seconds=0)
    assert result["n_new_claims"] == 1 and result["n_scored"] == 1 and result["n_rescored"] == 0
    assert set(result["timings"]) == {"extract", "champion", "features", "score", "record"}
    client = mlflow.MlflowClient(settings.mlflow_tracking_uri)
    run = client.get_run(result["mlflow_run_id"])
    assert run.data.params["model_uri"] == "models:/claimcred@champion"
    assert run.data.metrics["n_scored"] == 1
    artifacts = {item.path for item in client.list_artifacts(run.info.run_id)} | {item.path for item in client.list_artifacts(run.info.run_id, "plots")}
    assert {"scored_claims.json", "report.html", "plots/grade_distribution.png", "plots/probability_by_camp.png", "plots/claims_over_time.png"} <= artifacts
    table = json.loads(Path(client.download_artifacts(run.info.run_id, "scored_claims.json")).read_text())
    table = pd.DataFrame(table["data"], columns=table["columns"])
    assert table["claim"].tolist() == ["40 Taliban were killed near the Khawak Pass"]
    assert store.read_frame(engine, store.scores.select())["run_id"].tolist() == [run.info.run_id]


def test_score_pass_rerun_is_a_no_op(scoring_home):
    """Check that re-running the score flow on the same input adds no claim, score or MLflow run."""
    home, settings, engine = scoring_home
    scoring.score_pass(settings, wait_seconds=0)
    again = scoring.score_pass(settings, wait_seconds=0)
    assert again["n_new_claims"] == 0 and again["n_scored"] == 0 and again["mlflow_run_id"] is None
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 1


def test_score_pass_rescores_claims_a_new_article_corroborates(scoring_home):
    """Check that a new article corroborating an earlier claim re-scores it, keeping the old score row."""
    home, settings, engine = scoring_home
    scoring.score_pass(settings, wait_seconds=0)
    insert(engine, store.articles, [article_row(2, text=TEXT_B, outlet="reuters")])
    result = scoring.score_pass(settings, wait_seconds=0)
    assert result["n_new_claims"] == 1 and result["n_rescored"] == 1 and result["n_scored"] == 2
    history = store.read_frame(engine, store.scores.select().order_by(store.scores.c.score_id))
    first_claim = history["claim_id"].iloc[0]
    before, after = history[history["claim_id"] == first_claim]["probability"].tolist()
    assert after > before


def test_score_pass_is_skipped_while_another_holds_the_lock(scoring_home):
    """Check that a second scoring run is skipped while a live run holds the lock, and runs once the lock expired."""
    home, settings, engine = scoring_home
    with store.lock(engine, scoring.SCORE_LOCK, "other-run") as held:
        assert held
        assert scoring.score_pass(settings, wait_seconds=0.2) == {"skipped": True}
    assert store.count(engine, store.scores) == 0
    with store.lock(engine, scoring.SCORE_LOCK, "crashed-run", ttl=timedelta(seconds=-1)):
        pass  # released normally; simulate a crash by leaving an expired row behind
    insert(engine, store.locks, [{"name": scoring.SCORE_LOCK, "holder": "crashed", "expires_at": store.utcnow() - timedelta(minutes=1)}])
    assert scoring.score_pass(settings, wait_seconds=0)["n_scored"] == 1


def test_killed_run_rerun_loses_and_duplicates_nothing(scoring_home):
    """Check that a run killed after extraction is completed by the next one, with every claim scored once."""
    home, settings, engine = scoring_home
    pipeline.extract_task.fn(settings)  # the killed run got this far (the task body, without Prefect)
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 0
    result = scoring.score_pass(settings, wait_seconds=0)
    assert result["n_new_claims"] == 0 and result["n_scored"] == 1
    assert store.count(engine, store.scores) == 1


def test_new_champion_rescores_every_claim(scoring_home):
    """Check that claims scored by an older champion version count as without a current score."""
    home, settings, engine = scoring_home
    version = scoring.score_pass(settings, wait_seconds=0)["model_version"]
    assert scoring.claims_to_score(engine, settings.model_name, version, []) == []
    assert len(scoring.claims_to_score(engine, settings.model_name, str(int(version) + 1), [])) == 1


@pytest.mark.usefixtures("prefect_harness")
def test_run_flow_ingests_then_scores_under_prefect(scoring_home, monkeypatch):
    """Check that the run flow (ingest subflow, then the score flow's tasks) stores and scores the claims once."""
    home, settings, engine = scoring_home
    monkeypatch.setattr(pipeline, "_ingest", lambda settings, sources, outlet: {"new": 0, "unchanged": len(sources), "rejected": 0})
    result = pipeline.run_flow(sources=["/nowhere"], home=str(home), wait_seconds=0)
    assert result["ingest"] == {"new": 0, "unchanged": 1, "rejected": 0, "seconds": pytest.approx(result["ingest"]["seconds"])}
    assert result["score"]["n_scored"] == 1 and result["score"]["mlflow_run_id"]
    assert pipeline.score_flow(home=str(home), wait_seconds=0)["n_scored"] == 0


@pytest.mark.usefixtures("prefect_harness")
def test_ingest_flow_retries_only_url_sources(tmp_path, monkeypatch):
    """Check that local sources and URLs go to separate tasks and only the URL task has retries."""
    calls = []
    monkeypatch.setattr(pipeline, "_ingest", lambda settings, sources, outlet, **_: calls.append(sources) or {"new": len(sources), "unchanged": 0, "rejected": 0})
    result = pipeline.ingest_flow(sources=["/tmp/folder", "https://example.org/feed.xml"], home=str(tmp_path / "home"))
    assert calls == [["/tmp/folder"], ["https://example.org/feed.xml"]]
    assert result["new"] == 2
    assert pipeline.ingest_urls_task.retries == 3 and pipeline.ingest_local_task.retries == 0
    assert pipeline.extract_task.retries == 0 and pipeline.score_task.retries == 0


@pytest.mark.usefixtures("prefect_harness")
def test_ingest_urls_task_retries_transient_failures_then_reports_them(tmp_path, monkeypatch):
    """Check that a transient URL failure makes Prefect retry the task, and the last attempt returns it as rejected."""
    from types import SimpleNamespace

    import flows.ingest
    from prefect import flow

    attempts = []
    url = "https://example.org/feed.xml"

    def flaky(settings, sources, outlet=None, quiet=False):
        attempts.append(sources)
        reject = SimpleNamespace(source=url, transient=True)
        return SimpleNamespace(new=0, unchanged=0, rejected=1, transient_rejects=[reject], reject_lines=lambda: [f"rejected {url}: timed out"], summary=lambda: "1 articles: 0 new, 0 unchanged, 1 rejected")

    monkeypatch.setattr(flows.ingest, "ingest_sources", flaky)
    quick = pipeline.ingest_urls_task.with_options(retry_delay_seconds=0, retry_jitter_factor=None)

    @flow
    def once() -> dict:
        return quick(settings_for(tmp_path / "home"), [url], None, 1)

    assert once() == {"new": 0, "unchanged": 0, "rejected": 1}
    assert len(attempts) == pipeline.URL_RETRIES + 1


def test_deployments_take_schedules_from_settings(tmp_path):
    """Check that the served deployments use the configured interval and crons and a concurrency limit of 1."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "claimcred.toml").write_text('[schedule]\ningest_interval_minutes = 5\ntrain_cron = "30 1 * * *"\n')
    deployments = {d.name: d for d in pipeline.deployments(settings_for(home))}
    assert set(deployments) == {"ingest-score", "score", "train-nightly", "report-daily"}
    assert deployments["ingest-score"].schedules[0].schedule.interval == timedelta(minutes=5)
    assert deployments["train-nightly"].schedules[0].schedule.cron == "30 1 * * *"
    assert deployments["report-daily"].schedules[0].schedule.cron == "0 6 * * *"
    assert all(d.concurrency_limit == 1 for d in deployments.values())
    assert deployments["ingest-score"].parameters == {"home": str(home)}


@pytest.mark.usefixtures("prefect_harness")
def test_report_flow_writes_default_report(tmp_path):
    """Check that the report flow writes an HTML report into the data home's reports folder by default."""
    from flows_fakes import populated_store

    settings, _ = populated_store(tmp_path / "home")
    result = pipeline.report_flow(home=str(settings.home))
    assert result["path"].startswith(str(settings.home / "reports")) and result["claims"] == 4


@pytest.mark.slow
def test_score_pass_with_real_parts_rescores_corroborated_claim(tmp_path):
    """Check that with the real extract/features/models, a later independent report re-scores the earlier claim upward, history kept."""
    from flows import api

    settings = settings_for(tmp_path / "home")
    engine = store.connect(settings.store_url)
    first = "Resistance spokesman Fahim Dashty said on Wednesday that at least 40 Taliban fighters were killed at the Khawak Pass in Panjshir."
    later = "A Taliban commander told Reuters that 40 Taliban fighters were killed at the Khawak Pass in Panjshir on Wednesday."
    insert(engine, store.articles, [article_row(1, text=first, outlet="panjshir_observer", published="2021-09-02T10:00:00")])
    assert scoring.score_pass(settings, wait_seconds=0)["n_scored"] == 1
    insert(engine, store.articles, [article_row(2, text=later, outlet="reuters", published="2021-09-03T10:00:00")])
    result = scoring.score_pass(settings, wait_seconds=0)
    assert (result["n_new_claims"], result["n_scored"], result["n_rescored"]) == (1, 2, 1)
    history = api.scores(settings=settings)
    earlier = history[history["claim_id"] == history["claim_id"].iloc[0]]
    assert earlier["is_latest"].tolist() == [False, True]
    assert earlier["probability"].iloc[1] > earlier["probability"].iloc[0]
    assert scoring.score_pass(settings, wait_seconds=0)["n_scored"] == 0


@pytest.mark.usefixtures("prefect_harness")
def test_cli_run_prints_counts_and_timings(scoring_home, monkeypatch):
    """Check that `claimcred run --source` runs the flows and prints ingest counts, score counts and stage timings."""
    from typer.testing import CliRunner

    from flows.cli import app

    home, _, _ = scoring_home
    monkeypatch.setattr(pipeline, "_ingest", lambda settings, sources, outlet: {"new": 0, "unchanged": len(sources), "rejected": 0})
    result = CliRunner().invoke(app, ["run", "--home", str(home), "--source", "/nowhere", "--wait-seconds", "0"])
    assert result.exit_code == 0, result.output
    assert "ingest: 0 new, 1 unchanged, 0 rejected" in result.output
    version = scoring.champion_version(settings_for(home))
    assert f"score: 1 new claims, 1 score rows (0 re-scored) with claimcred v{version}; MLflow run " in result.output
    assert "timings (s): extract" in result.output
    assert f"claim store  sqlite:///{home}/claims.db" in result.output and "claimcred ui" in result.output


def test_score_pass_on_a_fresh_home_logs_the_version_it_registered(tmp_path, caplog):
    """Check that the summary line names the champion version registered during the pass, not 'vNone'."""
    import logging

    from flows.config import load_settings, prepare_environment

    settings = load_settings(home=tmp_path / "fresh")
    prepare_environment(settings)
    insert(store.connect(settings.store_url), store.articles, [article_row(1, text=TEXT_A, outlet="panjshir_observer")])
    with caplog.at_level(logging.INFO, logger=scoring.logger.name):
        result = scoring.score_pass(settings, wait_seconds=0)
    summary = [record.getMessage() for record in caplog.records if "score rows" in record.getMessage()]
    assert result["model_version"] == "1"
    assert summary and "with model v1;" in summary[-1], summary
