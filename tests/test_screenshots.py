"""Look at what people see: the HTML report and the MLflow run page, rendered by headless Chromium.

Skipped when Chromium is absent (``make system-deps`` installs it). Marked ``slow`` (the MLflow server
takes ~10 s to come up). Set ``CLAIMCRED_SCREENSHOTS=docs/screenshots`` to keep the PNGs:

    CLAIMCRED_SCREENSHOTS=docs/screenshots pytest -m slow tests/test_screenshots.py
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import urllib.request
from pathlib import Path

import pytest
from flows_fakes import article_row, insert, settings_for

from flows import report, scoring, store
from flows.api import claims
from flows.serving import free_port, mlflow_server_command, stop, wait_http

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (make system-deps installs it)"),
]

TEXTS = [
    ("panjshir_observer", "2021-09-05T09:00:00", "Resistance spokesman Fahim Dashty said 40 Taliban fighters were killed at the Khawak Pass. "
     "He said 4 Humvees were destroyed."),
    ("tolonews", "2021-09-06T11:00:00", "Taliban spokesman Zabihullah Mujahid said 7 districts of Panjshir are under control. "
     "Local media said 40 Taliban fighters were killed at the Khawak Pass."),
    ("bbc", "2021-09-06T15:00:00", "Residents said 3 civilians were killed in Bazarak. Phone lines have been cut for 5 days."),
]


def screenshot(url: str, out: Path, size: str = "1400,2000", budget_ms: int = 0) -> Path:
    """Render ``url`` with headless Chromium into ``out`` (PNG) and return it."""
    profile = out.parent / f".chromium-{out.stem}"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        f"--user-data-dir={profile}", f"--screenshot={out}", f"--window-size={size}",
    ]
    if budget_ms:
        command.append(f"--virtual-time-budget={budget_ms}")
    subprocess.run([*command, url], check=True, capture_output=True, timeout=120)
    return out


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG header."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot, quantised to 64 colours, into $CLAIMCRED_SCREENSHOTS when set."""
    folder = os.environ.get("CLAIMCRED_SCREENSHOTS")
    if folder:
        from PIL import Image  # matplotlib's dependency; 64 colours keep the committed PNGs small

        Path(folder).mkdir(parents=True, exist_ok=True)
        Image.open(path).convert("RGB").quantize(colors=64).save(Path(folder) / path.name, optimize=True)


@pytest.fixture
def scored_home(tmp_path):
    """A data home with three articles scored by the real extract / features / champion scorecard."""
    settings = settings_for(tmp_path / "home")
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [article_row(n, title=f"<script>alert({n})</script> report {n}", outlet=outlet, published=when, text=text)
                                    for n, (outlet, when, text) in enumerate(TEXTS, start=1)])
    result = scoring.score_pass(settings, wait_seconds=0)
    return settings, result


def test_report_renders_in_chromium(scored_home, tmp_path):
    """Check that the HTML report renders to a full-width PNG in headless Chromium (look at report.png)."""
    settings, _ = scored_home
    page = tmp_path / "report.html"
    page.write_text(report.render_html(claims(settings=settings)), encoding="utf-8")
    out = screenshot(page.as_uri(), tmp_path / "report.png")
    width, height = png_size(out)
    assert (width, height) == (1400, 2000) and out.stat().st_size > 20_000
    keep_screenshot(out)


def test_mlflow_run_page_shows_scored_claims_table(scored_home, tmp_path):
    """Check that the MLflow UI serves the scoring run's scored-claims table and renders its page (look at mlflow-run.png)."""
    settings, result = scored_home
    run_id = result["mlflow_run_id"]
    port = free_port()
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    log = (tmp_path / "mlflow.log").open("wb")
    server = subprocess.Popen(mlflow_server_command(settings, port), env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/health", 120)
        with urllib.request.urlopen(f"{base}/get-artifact?path=scored_claims.json&run_uuid={run_id}", timeout=30) as response:
            table = json.loads(response.read())
        assert "claim" in table["columns"] and len(table["data"]) == result["n_scored"]
        with urllib.request.urlopen(f"{base}/api/2.0/mlflow/runs/get?run_id={run_id}", timeout=30) as response:
            experiment_id = json.loads(response.read())["run"]["info"]["experiment_id"]
        url = f"{base}/#/experiments/{experiment_id}/runs/{run_id}/artifactPath/scored_claims.json"
        out = screenshot(url, tmp_path / "mlflow-run.png", size="1900,1000", budget_ms=20000)
        assert out.stat().st_size > 20_000
        keep_screenshot(out)
    finally:
        stop(server)
        log.close()
