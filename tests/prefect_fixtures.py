"""Prefect test fixtures: a session-scoped ``prefect_test_harness`` (temporary Prefect database).

Import this module before ``flows.pipeline``: it points PREFECT_HOME at a temp folder first, so the
tests never touch a real data home.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="claimcred-prefect-test-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("MLFLOW_ENABLE_TELEMETRY", "false")


@pytest.fixture(scope="session")
def prefect_harness():
    """Run every flow of the session against one temporary Prefect server and database."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
