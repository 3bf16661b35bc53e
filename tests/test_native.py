"""Compiled builds of the extraction modules: used only while they match their source, and equal to it in output."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import features.extract
from features import _native
from features._native import MANIFEST, build, is_compiled, source_hash

REPO = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(root: Path, value: int) -> Path:
    """A package ``pkg`` whose ``__init__`` guards its module ``mod`` the way ``features/__init__.py`` guards its own."""
    package = root / "pkg"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("from features._native import use_current_builds\nuse_current_builds(__name__, __path__[0], ('mod',))\n")
    (package / "mod.py").write_text(f"def value(x):\n    return x * {value}\n")
    return package


def _environment(pythonpath: str, env: dict[str, str]) -> dict[str, str]:
    """This process's environment with ``pythonpath`` and ``env``; ``CLAIMCRED_PURE`` only when ``env`` sets it."""
    environment = {key: value for key, value in os.environ.items() if key != _native.PURE_ENV}
    return {**environment, "PYTHONPATH": pythonpath, **env}


def _import_mod(root: Path, **env: str) -> tuple[str, str]:
    """Import ``pkg.mod`` in a fresh interpreter; its value(10) and file, and stderr."""
    script = "import pkg.mod as m; print(m.value(10), m.__file__)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=_environment(os.pathsep.join([str(root), str(REPO)]), env), timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip(), result.stderr


def test_a_build_of_an_older_source_is_never_imported(tmp_path):
    """The extension on disk is not even a valid library: importing it would fail. The guard must import the source."""
    package = _package(tmp_path, 3)
    (package / f"mod{SUFFIX}").write_bytes(b"not a shared library")
    (package / MANIFEST).write_text(json.dumps({"modules": {"mod": "0" * 64}}))
    out, err = _import_mod(tmp_path)
    assert out.split() == ["30", str(package / "mod.py")]
    assert "pkg.mod runs from source" in err and "mod.py changed since it was compiled" in err


def test_a_build_for_another_interpreter_is_never_imported(tmp_path):
    """Check that a build recorded against another Python (its headers, its ABI) is skipped for the source."""
    package = _package(tmp_path, 3)
    (package / f"mod{SUFFIX}").write_bytes(b"not a shared library")
    other = "3.11.0 (main, Jan 1 2000, 00:00:00) [GCC 1.0]"
    (package / MANIFEST).write_text(json.dumps({"modules": {"mod": source_hash(package / "mod.py")}, "python": other}))
    out, err = _import_mod(tmp_path)
    assert out.split() == ["30", str(package / "mod.py")]
    assert "compiled for another interpreter" in err and other in err


def test_a_build_without_a_record_is_never_imported(tmp_path):
    package = _package(tmp_path, 3)
    (package / f"mod{SUFFIX}").write_bytes(b"not a shared library")
    out, err = _import_mod(tmp_path)
    assert out.split()[0] == "30"
    assert "no record of its source" in err


def _can_compile() -> bool:
    try:
        import Cython  # noqa: F401
    except ImportError:
        return False
    return shutil.which(os.environ.get("CC", "cc")) is not None


@pytest.mark.skipif(not _can_compile(), reason="needs Cython and a C compiler")
def test_build_compiles_imports_and_steps_aside_when_the_source_changes(tmp_path):
    package = _package(tmp_path, 3)
    assert build(package, ("mod",), jobs=1)
    assert (package / f"mod{SUFFIX}").exists()
    assert json.loads((package / MANIFEST).read_text())["modules"] == {"mod": source_hash(package / "mod.py")}
    out, err = _import_mod(tmp_path)
    assert out.split() == ["30", str(package / f"mod{SUFFIX}")]
    assert "pkg.mod runs from source" not in err

    (package / "mod.py").write_text("def value(x):\n    return x * 4\n")  # edited after the build
    out, err = _import_mod(tmp_path)
    assert out.split() == ["40", str(package / "mod.py")]
    assert "mod.py changed since it was compiled" in err

    out, _ = _import_mod(tmp_path, **{_native.PURE_ENV: "1"})
    assert out.split()[1] == str(package / "mod.py")

    modified = (package / f"mod{SUFFIX}").stat().st_mtime_ns
    assert build(package, ("mod",), jobs=1)  # recompiles the edited source
    assert (package / f"mod{SUFFIX}").stat().st_mtime_ns != modified
    out, _ = _import_mod(tmp_path)
    assert out.split() == ["40", str(package / f"mod{SUFFIX}")]
    modified = (package / f"mod{SUFFIX}").stat().st_mtime_ns
    assert build(package, ("mod",), jobs=1)  # current: nothing to do
    assert (package / f"mod{SUFFIX}").stat().st_mtime_ns == modified

    record = json.loads((package / MANIFEST).read_text())
    (package / MANIFEST).write_text(json.dumps({**record, "python": "another interpreter"}))
    assert build(package, ("mod",), jobs=1)  # made for another interpreter: recompiled for this one
    assert (package / f"mod{SUFFIX}").stat().st_mtime_ns != modified
    assert json.loads((package / MANIFEST).read_text())["python"] == sys.version


def test_a_failed_compilation_leaves_the_source_in_use(tmp_path):
    package = _package(tmp_path, 3)
    (package / "mod.py").write_text("def value(x):\n    return x *\n")  # a syntax error: Cython refuses it
    assert not build(package, ("mod",), jobs=1)
    assert not (package / f"mod{SUFFIX}").exists() and not (package / MANIFEST).exists()


EQUALITY_SCRIPT = """
import sys
import pandas as pd
from features.extract import articles_from_texts, extract_claims
from flows.packs import load_pack
fakes = pd.read_csv(sys.argv[1], dtype={"unit_id": str}).head(80)
articles = pd.concat([articles_from_texts([row.article_content], outlet=row.source, published=pd.to_datetime(row.date, format="%m/%d/%Y"),
                                          external_ids=[row.unit_id]) for row in fakes.itertuples()], ignore_index=True)
seed = articles_from_texts([open(sys.argv[2], encoding="utf-8").read()], outlet="unknown")
frames = [extract_claims(articles.drop_duplicates("article_id"), load_pack("syria")), extract_claims(seed, load_pack("afghanistan-2021"))]
pd.concat(frames, ignore_index=True).astype(str).to_csv(sys.argv[3], index=False)
import features.extract
print(features.extract.__file__)
"""


def test_compiled_extraction_gives_the_claims_of_the_source(tmp_path, fakes_csv, seed_article):
    """The compiled modules in use (``make native``) extract exactly what their sources extract."""
    if not is_compiled(features.extract):
        pytest.skip("features.extract runs from source here: no current compiled build (`make native`)")
    outputs = {}
    for mode, env in (("compiled", {}), ("source", {_native.PURE_ENV: "1"})):
        out = tmp_path / f"{mode}.csv"
        result = subprocess.run([sys.executable, "-c", EQUALITY_SCRIPT, str(fakes_csv), str(seed_article), str(out)], capture_output=True, text=True,
                                env=_environment(str(REPO), env), timeout=300)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().endswith(SUFFIX if mode == "compiled" else "extract.py")
        outputs[mode] = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(outputs["compiled"]) > 500
    pd.testing.assert_frame_equal(outputs["compiled"], outputs["source"])


@pytest.mark.parametrize("name", _native.NATIVE_MODULES)
def test_native_module_source_translates_with_cython(tmp_path, name):
    """Check that each compiled module's source is code Cython accepts, so `make native` never silently falls back to source."""
    pytest.importorskip("Cython")
    out = tmp_path / f"{name}.c"
    command = [sys.executable, "-m", "cython", *(f"-X{directive}" for directive in _native.CYTHON_DIRECTIVES), str(REPO / "features" / f"{name}.py"), "-o", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and out.exists(), f"Cython refuses features/{name}.py: {result.stderr.strip()[-800:]}"
