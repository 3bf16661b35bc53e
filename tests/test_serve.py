"""`claimcred serve` end to end: a real Prefect server on 127.0.0.1, serve as a subprocess, a triggered run.

Marked ``slow``: it starts a Prefect server on a fresh database (tens of seconds on a 2-core machine).
Run it with ``pytest -m slow tests/test_serve.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from flows_fakes import populated_store

from flows.serving import free_port, mlflow_server_command, prefect_server_command, stop, wait_http

ROOT = Path(__file__).resolve().parent.parent

TRIGGER = textwrap.dedent(
    """
    import sys, time
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    name = sys.argv[1]
    deadline = time.monotonic() + 120
    with get_client(sync_client=True) as client:
        while True:  # serve registers its deployments after start-up
            try:
                client.read_deployment_by_name(name)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
    run = run_deployment(name, timeout=240)
    print(run.state.type.value, run.name)
    """
)


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_serve_runs_a_triggered_deployment_and_stops_on_sigterm(tmp_path):
    """Check that serve registers the scheduled deployments, runs a triggered report run to completion, and exits on SIGTERM."""
    settings, _ = populated_store(tmp_path / "home")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "true",
        "CLAIMCRED_HOME": str(settings.home),
        "PYTHONPATH": str(ROOT),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
    }
    server_env = {key: value for key, value in env.items() if key != "PREFECT_API_URL"}
    server_log = (tmp_path / "server.log").open("wb")
    serve_log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(prefect_server_command(port), env=server_env, stdout=server_log, stderr=subprocess.STDOUT)
    serving = None
    try:
        wait_http(f"http://127.0.0.1:{port}/api/health", 180)
        serving = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--home", str(settings.home)], cwd=ROOT, env=env,
                                   stdout=serve_log, stderr=subprocess.STDOUT)
        trigger = subprocess.run([sys.executable, "-c", TRIGGER, "report/report-daily"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
        assert trigger.returncode == 0, trigger.stderr[-2000:]
        assert trigger.stdout.startswith("COMPLETED"), trigger.stdout + trigger.stderr[-2000:]
        reports = list((settings.home / "reports").glob("report-*.html"))
        assert len(reports) == 1 and "Zabihullah Mujahid" in reports[0].read_text()
        listing = subprocess.run([sys.executable, "-m", "prefect", "deployment", "ls"], env=env, capture_output=True, text=True, timeout=120)
        for name in ("run/ingest-score", "score/score", "train/train-nightly", "report/report-daily"):
            assert name in listing.stdout, listing.stdout
    finally:
        if serving is not None:
            stop(serving, timeout=60)
            assert serving.returncode is not None
        stop(server, timeout=60)
        server_log.close()
        serve_log.close()
    assert serving.returncode in (0, -15, 143), (tmp_path / "serve.log").read_text()[-3000:]


def test_server_commands_bind_loopback_in_the_data_home(tmp_path):
    """Check that the MLflow UI and Prefect server commands bind 127.0.0.1 and use the data home's stores."""
    settings, _ = populated_store(tmp_path / "home")
    mlflow_command = mlflow_server_command(settings, 5123)
    assert mlflow_command[mlflow_command.index("--host") + 1] == "127.0.0.1"
    assert mlflow_command[mlflow_command.index("--backend-store-uri") + 1] == settings.mlflow_tracking_uri
    assert mlflow_command[mlflow_command.index("--artifacts-destination") + 1] == settings.mlflow_artifact_root.resolve().as_uri()
    prefect_command = prefect_server_command(4321)
    assert prefect_command[-4:] == ["--host", "127.0.0.1", "--port", "4321"]
