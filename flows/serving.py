"""Local servers for `claimcred serve` and `claimcred ui`, bound to 127.0.0.1 and kept in the data home.

- Prefect: ``prefect server start --host 127.0.0.1 --port PORT`` with ``PREFECT_HOME`` in the data home
  (its SQLite database lives there), started only when ``PREFECT_API_URL`` is not already set.
- MLflow: ``mlflow server --host 127.0.0.1`` over the settings' tracking URI and artifact root.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from flows.config import Settings


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float) -> None:
    """Poll ``url`` until it answers 200.

    Raises:
        TimeoutError: no 200 within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL we built
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def _bin(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def prefect_server_command(port: int) -> list[str]:
    """Command line of a Prefect server on 127.0.0.1:port."""
    return [_bin("prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)]


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM the process, then SIGKILL if it has not exited after ``timeout`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def local_prefect_server(settings: Settings, port: int, startup_timeout: float = 120):
    """Yield the Prefect API URL: ``PREFECT_API_URL`` if set, else that of a server started here (stopped on exit)."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    env = {**os.environ, "PREFECT_HOME": str(settings.prefect_home)}
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
    log = open(settings.prefect_home / "server.log", "ab")  # noqa: SIM115 - closed below
    process = subprocess.Popen(prefect_server_command(port), env=env, stdout=log, stderr=subprocess.STDOUT)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        wait_http(f"{api_url}/health", startup_timeout)
        yield api_url
    finally:
        stop(process)
        log.close()


def mlflow_server_command(settings: Settings, port: int) -> list[str]:
    """Command line of an MLflow tracking server + UI on 127.0.0.1:port over the data home."""
    root = Path(settings.mlflow_artifact_root)
    root.mkdir(parents=True, exist_ok=True)
    return [
        _bin("mlflow"), "server", "--host", "127.0.0.1", "--port", str(port),
        "--backend-store-uri", settings.mlflow_tracking_uri,
        "--artifacts-destination", root.resolve().as_uri(),
        "--workers", "1",
    ]
