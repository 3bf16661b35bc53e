"""The Makefile's choice of interpreter for .venv (dry runs: `make -n` prints the commands without running them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _dry_run(python: str) -> str:
    result = subprocess.run(["make", "-n", "setup", f"PYTHON={python}"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_makefile_remakes_a_venv_made_from_another_interpreter(tmp_path):
    """Check that choosing an interpreter other than the one .venv was made from remakes .venv from it."""
    other = tmp_path / "python3"
    other.write_text("#!/bin/sh\necho /opt/other/bin/python3.11\n")  # answers the Makefile's real-path question only
    other.chmod(0o755)
    commands = _dry_run(str(other))
    assert f"{other} -m venv .venv" in commands
    assert "rm -rf .venv" in commands and "not /opt/other/bin/python3.11" in commands


@pytest.mark.skipif(Path(sys.prefix).resolve() != (REPO / ".venv").resolve(), reason="runs only inside the repository's own .venv")
def test_makefile_keeps_a_venv_made_from_the_chosen_interpreter():
    """Check that the interpreter .venv was made from leaves .venv alone (no reinstall on every make)."""
    base = os.path.realpath(sys._base_executable)
    commands = _dry_run(base)
    assert "-m venv" not in commands and "rm -rf .venv" not in commands
