"""Crash safety and concurrency of `claimcred ingest`, with real subprocesses on a folder of generated articles."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TEST_SEED

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES = 300
PLACES = ["Khawak Pass", "Gulbahar", "Shotul", "Rah Tang", "Bazarak", "Dalan Sang", "Anaba", "Rukha"]
SPEAKERS = ["a resistance spokesman", "a Taliban spokesman", "residents", "a local official", "a humanitarian worker"]


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory) -> Path:
    """A folder of N_ARTICLES distinct short articles as .txt files (generated, not real reporting)."""
    folder = tmp_path_factory.mktemp("generated")
    rng = random.Random(TEST_SEED)
    for index in range(N_ARTICLES):
        place, speaker = rng.choice(PLACES), rng.choice(SPEAKERS)
        text = (
            f"Report {index}: fighting near {place}\n\n"
            f"{speaker.capitalize()} said on day {index} that {rng.randint(2, 90)} fighters were killed near {place}. "
            f"The claim could not be verified because communications were cut."
        )
        (folder / f"article-{index:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def _ingest_command(folder: Path, home: Path) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "ingest", str(folder), "--home", str(home), "--quiet"]


def _env(chunk_rows: int = 25) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCRED_INGEST_CHUNK_ROWS": str(chunk_rows)}


def _count(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _integrity(database: Path) -> str:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def _duplicates(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute("SELECT count(*) - count(DISTINCT content_hash) FROM articles").fetchone()[0]


def _kill_mid_batch(folder: Path, home: Path) -> int:
    """Start an ingest, SIGKILL it as soon as some (not all) articles are stored; return the stored count after the kill."""
    database = home / "claims.db"
    process = subprocess.Popen(_ingest_command(folder, home), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if database.exists() and _count(database) > 0:
            break
        time.sleep(0.002)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    return _count(database)


def test_ingest_killed_with_sigkill_then_rerun_stores_each_article_once(generated_folder, tmp_path):
    """Check that an ingest SIGKILLed mid-batch and run again stores all articles exactly once, store intact."""
    killed_mid_batch = False
    for attempt in range(3):
        home = tmp_path / f"home-{attempt}"
        stored_at_kill = _kill_mid_batch(generated_folder, home)
        if not 0 < stored_at_kill < N_ARTICLES:
            continue
        killed_mid_batch = True
        rerun = subprocess.run(_ingest_command(generated_folder, home), env=_env(), capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        database = home / "claims.db"
        assert _count(database) == N_ARTICLES
        assert _duplicates(database) == 0
        assert _integrity(database) == "ok"
        assert rerun.stdout.strip().splitlines()[-1] == (
            f"{N_ARTICLES} articles: {N_ARTICLES - stored_at_kill} new, {stored_at_kill} unchanged, 0 rejected"
        )
        break
    assert killed_mid_batch, "the ingest finished before it could be killed three times in a row; raise N_ARTICLES"


def test_two_ingests_at_once_do_not_fail_or_duplicate(generated_folder, tmp_path):
    """Check that two concurrent ingests of the same folder both succeed and store each article once."""
    home = tmp_path / "home"
    processes = [subprocess.Popen(_ingest_command(generated_folder, home), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=180) for process in processes]
    for process, (_stdout, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stderr
    database = home / "claims.db"
    assert _count(database) == N_ARTICLES
    assert _duplicates(database) == 0
    assert _integrity(database) == "ok"
    news = [int(stdout.strip().splitlines()[-1].split(": ")[1].split(" new")[0]) for stdout, _stderr in outputs]
    assert sum(news) == N_ARTICLES
