"""Tests of the champion feature-list check: a champion trained on another feature list than the code builds.

Two registered models in the session MLflow store (fixture ``mlflow_uri``), each under its own name so the
shared ``claimcred`` champion is untouched:

- ``retired``: trained with one more column (``n_retired_feature``) than the code builds, as if that feature
  was removed or renamed since it was registered: scoring must stop before anything is scored, with one line.
- ``older``: trained without ``n_times``, as if that feature was added since: scoring warns and uses the
  model's own columns (MLflow drops the unknown ones).

The versions are registered with the project's own functions (ExpertPriorScorecard fitted on the old
column list, ``registry.log_candidate_run``), then moved to ``champion``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from prefect_fixtures import prefect_harness  # noqa: F401 - fixture; sets PREFECT_HOME before flows.pipeline is imported
from flows import modelops, scoring, store  # noqa: I001
from flows.cli import app
from flows.config import load_settings
from flows_fakes import article_row, insert
from models import registry
from models.feature_sets import FEATURE_COLUMNS, SOURCE_RELIABILITY, model_input
from models.schemas import Scores
from models.scorecard import ExpertPriorScorecard
from conftest import TEST_SEED
from modelframes import random_claim_features, seed_like_claims

RETIRED = "n_retired_feature"
ADDED = "n_times"
OLD_PYFUNC = Path(__file__).parent / "data" / "pyfunc_before_feature_check.py"
TEXT = "Resistance fighters said 40 Taliban were killed near the Khawak Pass. The valley is calm."


def _settings(home, mlflow_uri: str, model_name: str):
    home.mkdir(parents=True, exist_ok=True)
    (home / "claimcred.toml").write_text(f'mlflow_tracking_uri = "{mlflow_uri}"\nmodel_name = "{model_name}"\n')
    return load_settings(home=home)


def _register_champion(settings, feature_columns: list[str]) -> str:
    """Register a scorecard fitted on ``feature_columns`` (the 'old code's' feature list) and make it the champion.

    The ``registry.pyfunc`` module decides which models-from-code file is logged (monkeypatched for older pyfuncs).
    """
    inputs = model_input(seed_like_claims()).assign(**{RETIRED: 1.0})
    example = inputs[[*feature_columns, SOURCE_RELIABILITY]]
    estimator = ExpertPriorScorecard().fit(example[feature_columns])
    _, version = registry.log_candidate_run(
        settings.mlflow_tracking_uri, settings.mlflow_artifact_root, settings.model_name, "old-feature-list", estimator, example,
        params={}, metrics={}, figures={}, tables={}, texts={}, tags={}, register=True,
    )
    registry.client(settings.mlflow_tracking_uri).set_registered_model_alias(settings.model_name, registry.CHAMPION, version)
    return version


@pytest.fixture(scope="module")
def retired_champion(tmp_path_factory, mlflow_uri):
    """Settings whose champion (version 1) needs a column the code no longer builds."""
    settings = _settings(tmp_path_factory.mktemp("retired"), mlflow_uri, "stale-retired")
    _register_champion(settings, [*FEATURE_COLUMNS, RETIRED])
    return settings


@pytest.fixture
def older_pyfunc_champion(tmp_path, mlflow_uri, monkeypatch):
    """Settings whose champion was trained before ``n_times`` existed and logged with the pyfunc of that time."""
    settings = _settings(tmp_path / "home", mlflow_uri, "stale-older-pyfunc")
    with monkeypatch.context() as patch:
        patch.setattr(registry, "pyfunc", SimpleNamespace(__file__=str(OLD_PYFUNC)))
        _register_champion(settings, [c for c in FEATURE_COLUMNS if c != ADDED])
    return settings


@pytest.fixture(scope="module")
def older_champion(tmp_path_factory, mlflow_uri):
    """Settings whose champion (version 1) was trained before ``n_times`` existed."""
    settings = _settings(tmp_path_factory.mktemp("older"), mlflow_uri, "stale-older")
    _register_champion(settings, [c for c in FEATURE_COLUMNS if c != ADDED])
    return settings


def test_score_features_stale_champion_stops_with_one_line(retired_champion):
    """Check that a champion needing a column the code does not build stops scoring with one line naming model, version, column and command."""
    with pytest.raises(registry.FeatureListMismatch, match=rf"model 'stale-retired' version 1 \(champion\).*needs \['{RETIRED}'\].*`claimcred train`") as caught:
        modelops.score_features(retired_champion, seed_like_claims())
    assert "\n" not in str(caught.value)


def test_check_feature_list_names_missing_and_extra_columns(retired_champion):
    """Check that a renamed feature (one column missing, one extra) is reported with both names."""
    model = registry.load_version(retired_champion.mlflow_tracking_uri, retired_champion.model_name, "1")
    columns = [c if c != ADDED else "n_times_renamed" for c in [*FEATURE_COLUMNS, SOURCE_RELIABILITY]]
    assert registry.feature_list_mismatch(model, columns) == ([ADDED, RETIRED], ["n_times_renamed"])
    with pytest.raises(registry.FeatureListMismatch, match=r"needs \['n_times', 'n_retired_feature'\].*does not know \['n_times_renamed'\]"):
        registry.check_feature_list(model, "stale-retired", "1", columns)


def test_score_features_champion_without_new_column_warns_and_scores(older_champion, caplog):
    """Check that a champion trained before a feature existed scores on its own columns and the warning names the new column."""
    with caplog.at_level(logging.WARNING, logger=registry.logger.name):
        scores = modelops.score_features(older_champion, seed_like_claims())
    Scores.validate(scores)
    assert scores["model_version"].unique().tolist() == ["1"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == registry.logger.name]
    assert any(f"'stale-older' version 1 was trained without ['{ADDED}']" in line for line in warnings), warnings


def test_score_features_older_pyfunc_without_new_column_stops_with_one_line(older_pyfunc_champion):
    """Check that a champion whose logged pyfunc cannot drop a new column stops before scoring, naming the column and the error."""
    with pytest.raises(registry.FeatureListMismatch, match=rf"version 1 \(champion\) was trained without \['{ADDED}'\].*KeyError.*`claimcred train`") as caught:
        modelops.score_features(older_pyfunc_champion, seed_like_claims())
    assert "\n" not in str(caught.value)


def test_score_text_stale_champion_raises_the_one_line(retired_champion, tmp_path, mlflow_uri):
    """Check that the pandas API (api.score_text) stops with the same one-line error for a stale champion, storing nothing."""
    from flows import api

    settings = _settings(tmp_path / "home", mlflow_uri, retired_champion.model_name)
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [article_row(1, text=TEXT, outlet="panjshir_observer")])
    scoring.stage_extract(settings)  # stored claims as corroboration context, as in a working home
    with pytest.raises(registry.FeatureListMismatch, match=r"model 'stale-retired' version 1 \(champion\)"):
        api.score_text(TEXT.replace("40", "41"), published="2021-09-07", outlet="reuters", settings=settings)
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 0


def test_score_pass_stale_champion_stores_no_score_and_recovers(tmp_path, mlflow_uri):
    """Check that a run stopped by a stale champion keeps the extracted claim, writes no score, and the next run scores it once."""
    settings = _settings(tmp_path / "home", mlflow_uri, "stale-pass")
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [article_row(1, text=TEXT, outlet="panjshir_observer")])
    _register_champion(settings, [*FEATURE_COLUMNS, RETIRED])
    with pytest.raises(registry.FeatureListMismatch, match="version 1"):
        scoring.score_pass(settings, wait_seconds=0)
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 0
    fixed = _register_champion(settings, list(FEATURE_COLUMNS))
    result = scoring.score_pass(settings, wait_seconds=0)  # not skipped: the failed run released the lock
    assert result["n_new_claims"] == 0 and result["n_scored"] == 1 and result["model_version"] == fixed
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 1 and store.count(engine, store.features) == 1


def test_cli_extract_stale_champion_fails_with_one_line(retired_champion, tmp_path):
    """Check that `claimcred extract` with a stale champion exits 1 with one error line naming the model and version."""
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    result = CliRunner().invoke(app, ["extract", str(article), "--published", "2021-09-06", "--home", str(retired_champion.home)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("claimcred: error: model 'stale-retired' version 1"), result.output


@pytest.mark.usefixtures("prefect_harness")
def test_cli_run_stale_champion_fails_with_one_line(tmp_path, mlflow_uri, monkeypatch):
    """Check that `claimcred run` with a stale champion exits 1 and its last line is the one error line, with no score stored."""
    from flows import pipeline

    settings = _settings(tmp_path / "home", mlflow_uri, "stale-cli-run")
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [article_row(1, text=TEXT, outlet="panjshir_observer")])
    _register_champion(settings, [*FEATURE_COLUMNS, RETIRED])
    monkeypatch.setattr(pipeline, "_ingest", lambda settings, sources, outlet: {"new": 0, "unchanged": len(sources), "rejected": 0})
    result = CliRunner().invoke(app, ["run", "--home", str(settings.home), "--source", "/nowhere", "--wait-seconds", "0"])
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("claimcred: error: model 'stale-cli-run' version 1 (champion) was trained on another feature list"), result.output[-2000:]
    assert store.count(engine, store.claims) == 1 and store.count(engine, store.scores) == 0


@pytest.mark.slow
def test_train_replaces_stale_champion(tmp_path, mlflow_uri):
    """Check that training, as the error line advises, promotes its best candidate over a champion that cannot score the current features."""
    settings = _settings(tmp_path / "home", mlflow_uri, "stale-train")
    stale = _register_champion(settings, [*FEATURE_COLUMNS, RETIRED])
    features, labels = random_claim_features(60, TEST_SEED)
    result = modelops.train_on_features(settings, features, labels, {"theatre_pack": "test", "theatre_pack_version": "0"})
    assert result["promotion"]["promoted"] and result["promotion"]["compared_version"] == stale
    champion = registry.champion_version(settings.mlflow_tracking_uri, settings.model_name)
    assert champion == result["candidates"][result["best"]]["version"] != stale
    Scores.validate(modelops.score_features(settings, seed_like_claims()))
