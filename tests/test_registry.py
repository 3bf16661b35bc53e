"""Tests of the MLflow registry side (models/registry.py): champion bootstrap, pyfunc output, guarded promotion."""

from __future__ import annotations

import threading
import time

import pytest

from flows import store
from models import registry
from models.feature_sets import model_input
from modelframes import seed_like_claims

MODEL = "claimcred-test"


@pytest.fixture
def tracking(tmp_path):
    """A temporary sqlite MLflow store and artifact root."""
    return f"sqlite:///{tmp_path / 'mlflow.db'}", tmp_path / "mlartifacts"


def test_ensure_champion_registers_scorecard_once(tracking):
    """Check that a fresh registry gets the scorecard as champion, with signature, and a second call reuses it."""
    uri, artifacts = tracking
    inputs = model_input(seed_like_claims())
    version = registry.ensure_champion(uri, artifacts, MODEL, {"theatre_pack": "test", "theatre_pack_version": "1"}, input_example=inputs)
    assert registry.ensure_champion(uri, artifacts, MODEL, {}) == version == "1"
    model, loaded_version = registry.load_champion(uri, MODEL)
    assert loaded_version == version
    assert model.metadata.signature is not None
    output = model.predict(inputs)
    assert list(output.columns) == ["probability", "grade", "reliability", "reasons"]
    assert output["probability"].iloc[0] > output["probability"].iloc[1]
    assert output["probability"].iloc[0] > output["probability"].iloc[2]
    run = registry.client(uri).get_run(registry.client(uri).get_model_version(MODEL, version).run_id)
    assert run.data.params["theatre_pack"] == "test"
    assert (artifacts / registry.SCORECARD_EXPERIMENT).is_dir()


def test_load_champion_without_one_fails(tracking):
    """Check that loading a champion that does not exist names the model and what to do."""
    with pytest.raises(LookupError, match="has no 'champion' alias"):
        registry.load_champion(tracking[0], "nothing-here")


def _versions(uri, n):
    mlflow_client = registry.client(uri)
    mlflow_client.create_registered_model(MODEL)
    return [mlflow_client.create_model_version(MODEL, source=f"file:///nowhere/{i}").version for i in range(n)]


def test_promote_if_better_reevaluates_changed_champion(tracking):
    """Check that a candidate compared with a stale champion is re-compared and does not regress the champion."""
    uri, _ = tracking
    v1, v2, v3 = (str(v) for v in _versions(uri, 3))
    registry.client(uri).set_registered_model_alias(MODEL, registry.CHAMPION, v1)
    brier = {v1: 0.30, v2: 0.20, v3: 0.25}
    first = registry.promote_if_better(uri, MODEL, v2, brier[v2], brier.get, compared_version=v1, compared_score=brier[v1])
    second = registry.promote_if_better(uri, MODEL, v3, brier[v3], brier.get, compared_version=v1, compared_score=brier[v1])
    assert first["promoted"] and not second["promoted"]
    assert second["compared_version"] == v2 and second["champion_score"] == 0.20
    assert registry.champion_version(uri, MODEL) == v2


def test_promote_concurrent_trainings_never_regress(tracking, tmp_path):
    """Check that two trainings finishing at once, guarded by the store lock, leave the better one as champion."""
    uri, _ = tracking
    v1, v2, v3 = (str(v) for v in _versions(uri, 3))
    registry.client(uri).set_registered_model_alias(MODEL, registry.CHAMPION, v1)
    brier = {v1: 0.30, v2: 0.20, v3: 0.25}
    engine = store.connect(f"sqlite:///{tmp_path / 'claims.db'}")
    start = threading.Barrier(2)
    errors = []

    def slow_score(version):
        time.sleep(0.2)  # widen the window between reading the champion and moving the alias
        return brier[version]

    def training(candidate):
        try:
            start.wait()
            registry.promote_if_better(
                uri, MODEL, candidate, brier[candidate], slow_score, compared_version=v1, compared_score=brier[v1],
                lock=lambda: store.lock(engine, "model-promotion", f"holder-{candidate}"),
            )
        except Exception as error:  # surfaced below: a thread must not swallow a failure
            errors.append(error)

    threads = [threading.Thread(target=training, args=(v,)) for v in (v3, v2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert registry.champion_version(uri, MODEL) == v2


def test_pip_requirements_are_pinned():
    """Check that the pyfunc requirements are explicit pins, with no test tooling."""
    requirements = registry.pip_requirements()
    assert all("==" in line for line in requirements)
    assert not any(line.startswith(("pytest", "rich")) for line in requirements)
