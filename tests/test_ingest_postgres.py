"""The store and ingest on a real PostgreSQL (started here on 127.0.0.1 in a temp dir); skipped without the binaries."""

from __future__ import annotations

import dataclasses
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from flows import store
from flows.config import SAMPLE_DIR, load_settings
from flows.ingest import ingest_sources


def _postgres_bin() -> Path | None:
    for candidate in [shutil.which("initdb"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)]:
        if candidate and Path(candidate).with_name("pg_ctl").exists():
            return Path(candidate).parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run as the 'postgres' user when we are root."""
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        pytest.skip("running as root and `runuser` is missing, so PostgreSQL cannot be started as a non-root user")
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL on 127.0.0.1 (trust auth, temp data dir); yields its SQLAlchemy URL."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'claimcred[postgres]')")
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install the Debian package `postgresql` (make system-deps)")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
    workdir = Path(tempfile.mkdtemp(prefix="claimcred-pg-"))
    data = workdir / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "claimcred", "--auth=trust", "-E", "UTF8", "--no-sync"]), **run)
        options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={workdir} -c fsync=off"
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(workdir / "log"), "-w", "start"]), **run)
    except subprocess.CalledProcessError as error:
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL from {bin_dir}: {error.stderr or error.stdout}")
    url = f"postgresql+psycopg://claimcred@127.0.0.1:{port}/postgres"
    try:
        yield url
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True, timeout=60)
        time.sleep(0.2)
        shutil.rmtree(workdir, ignore_errors=True)


def test_ingest_on_postgresql_stores_once_and_counts(postgres_url, home, fakes_csv):
    """Check that ingest runs unchanged on PostgreSQL: new/unchanged counts, rejects, and one row per article."""
    settings = dataclasses.replace(load_settings(home=home), store_url=postgres_url)
    first = ingest_sources(settings, [str(SAMPLE_DIR), str(fakes_csv)], quiet=True)
    second = ingest_sources(settings, [str(SAMPLE_DIR), str(fakes_csv)], quiet=True)
    assert (first.new, first.rejected) == (5 + 553, 0)
    assert (second.new, second.unchanged) == (0, first.total)
    engine = store.connect(postgres_url)
    assert engine.dialect.name == "postgresql"
    assert store.count(engine, store.articles) == 558
    with engine.connect() as connection:
        published = connection.execute(sa.select(store.articles.c.published).where(store.articles.c.outlet == "sample-wire")).scalar_one()
    assert str(published) == "2021-09-03 14:10:00"
    missing = ingest_sources(settings, [str(home / "nowhere")], quiet=True)
    again = ingest_sources(settings, [str(home / "nowhere")], quiet=True)
    assert missing.rejected == again.rejected == 1
    assert store.count(engine, store.rejects) == 1
    engine.dispose()
