"""Start a throwaway PostgreSQL (Debian's package) on 127.0.0.1 for one test session.

The server runs from a temporary data directory on a free port and is stopped
at the end. When the binaries are missing (`make system-deps` installs them),
the caller skips with the reason returned here.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def unavailable_reason() -> str | None:
    """Why a PostgreSQL server cannot be started here, or None when it can."""
    if _bin_dir() is None:
        return "PostgreSQL binaries not found under /usr/lib/postgresql (run `make system-deps`)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: initdb refuses root"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    return None


@contextmanager
def running_postgres() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh database on a PostgreSQL started on 127.0.0.1."""
    bin_dir = _bin_dir()
    workdir = Path(tempfile.mkdtemp(prefix="claimcred-pg-"))
    data = workdir / "data"
    port = _free_port()
    as_user: list[str] = []
    user = os.environ.get("USER") or "postgres"
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        user = "postgres"
        shutil.chown(workdir, "postgres")
    workdir.chmod(0o755)

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8")
    run(
        str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log"), "-w", "-t", "60",
        "-o", f"-h 127.0.0.1 -p {port} -k {workdir}", "start",
    )
    try:
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "claimcred")
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/claimcred"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        time.sleep(0.1)
        shutil.rmtree(workdir, ignore_errors=True)
