"""Compiled builds of the extraction hot path, imported only while they match their source.

``make setup`` compiles ``NATIVE_MODULES`` with Cython into extension modules beside their sources
(``features/extract.cpython-311-x86_64-linux-gnu.so`` …). They are compiled untyped
(``annotation_typing=False``): the same Python code with the same semantics, run as C calls into the
interpreter instead of bytecode (about a ninth fewer instructions per extraction on FA-KES). The
``.py`` files stay the one source of truth.

Python imports an extension module before a source file of the same name, so an edited source would
silently lose to an old build. ``use_current_builds`` (called when ``features`` is imported) prevents
that: a build whose recorded source hash (``native-build.json``) differs from the source's, that was made
for another interpreter, or that has no record, is skipped with a warning and the source is imported
instead. ``CLAIMCRED_PURE=1`` imports every source. Without a C compiler or Cython the build is skipped
and everything runs from source.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

NATIVE_MODULES = ("extract", "numbers", "dates")
MANIFEST = "native-build.json"
PURE_ENV = "CLAIMCRED_PURE"
# Directives that keep Python semantics: annotations are not C types (a tuple passed where ``list`` is written
# stays legal), functions stay introspectable (pandera's check_types reads their signatures).
CYTHON_DIRECTIVES = ("language_level=3", "annotation_typing=False", "binding=True")


def interpreter() -> str:
    """The running interpreter's version and build (``3.11.2 (main, Apr 28 2025, …) [GCC 12.2.0]``): a build
    compiled against one interpreter's headers is not used by another."""
    return sys.version


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _built_files(package_dir: Path, name: str) -> list[Path]:
    """Extension modules this interpreter would import for ``name`` (its own ABI suffixes only)."""
    return [package_dir / f"{name}{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES if (package_dir / f"{name}{suffix}").exists()]


def _manifest(package_dir: Path) -> dict:
    try:
        return json.loads((package_dir / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def stale_builds(package_dir: Path, modules: tuple[str, ...] = NATIVE_MODULES) -> dict[str, str]:
    """Modules with a build on disk that must not be imported, and why."""
    record = _manifest(package_dir)
    manifest = record.get("modules", {})
    pure = os.environ.get(PURE_ENV, "") not in ("", "0")
    stale = {}
    for name in modules:
        if not _built_files(package_dir, name):
            continue
        if pure:
            stale[name] = f"{PURE_ENV} is set"
        elif name not in manifest:
            stale[name] = f"no record of its source in {MANIFEST}"
        elif manifest[name] != source_hash(package_dir / f"{name}.py"):
            stale[name] = f"{name}.py changed since it was compiled"
        elif record.get("python") != interpreter():
            stale[name] = f"compiled for another interpreter ({record.get('python', 'unrecorded')})"
    return stale


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their ``.py`` files, ahead of any extension module of the same name."""

    def __init__(self, sources: dict[str, Path]):
        self.sources = sources

    def find_spec(self, fullname, path=None, target=None):
        source = self.sources.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(fullname, source)


def use_current_builds(package: str, package_dir: str | Path, modules: tuple[str, ...] = NATIVE_MODULES) -> dict[str, str]:
    """Make ``package``'s stale builds unimportable: their sources are imported instead. Returns the skipped ones."""
    package_dir = Path(package_dir)
    stale = stale_builds(package_dir, modules)
    if stale:
        for name, reason in stale.items():
            if not reason.startswith(PURE_ENV):
                log.warning("%s.%s runs from source, slower (%s): `make native` recompiles it", package, name, reason)
        sys.meta_path.insert(0, _SourceFinder({f"{package}.{name}": package_dir / f"{name}.py" for name in stale}))
    return stale


def is_compiled(module) -> bool:
    """Whether ``module`` was imported from a compiled build."""
    return any(str(getattr(module, "__file__", "")).endswith(suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def build(package_dir: str | Path | None = None, modules: tuple[str, ...] = NATIVE_MODULES, jobs: int = 2) -> bool:
    """Compile ``modules`` of the package in ``package_dir`` unless current builds exist. Returns whether current
    builds exist afterwards; a missing Cython or compiler leaves the sources in use and says so in one line."""
    package_dir = Path(package_dir or Path(__file__).parent)
    manifest = _manifest(package_dir)
    wanted = {name: source_hash(package_dir / f"{name}.py") for name in modules}
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    current = manifest.get("modules") == wanted and manifest.get("directives") == list(CYTHON_DIRECTIVES) and manifest.get("python") == interpreter()
    if current and all((package_dir / f"{name}{suffix}").exists() for name in modules):
        log.info("compiled builds of %s are current", ", ".join(modules))
        return True
    try:
        import Cython
    except ImportError:
        log.warning("Cython is not installed: %s run from source", ", ".join(modules))
        return False
    with tempfile.TemporaryDirectory(prefix="claimcred-native-") as scratch:
        copy = Path(scratch) / package_dir.name
        copy.mkdir()
        (copy / "__init__.py").write_text("")  # the package the modules are compiled into, without its import hooks
        built = {}
        for name in modules:
            source = (package_dir / f"{name}.py").read_bytes()
            (copy / f"{name}.py").write_bytes(source)
            built[name] = hashlib.sha256(source).hexdigest()
        command = [sys.executable, "-m", "Cython.Build.Cythonize", "-i", "-q", "-j", str(jobs)]
        for directive in CYTHON_DIRECTIVES:
            command += ["-X", directive]
        # run from the scratch folder, not the package's: a module there named like a stdlib one ('numbers') would shadow it
        result = subprocess.run(command + [f"{copy.name}/{name}.py" for name in modules], cwd=scratch, capture_output=True, text=True)
        outputs = {name: copy / f"{name}{suffix}" for name in modules}
        if result.returncode != 0 or not all(path.exists() for path in outputs.values()):
            log.warning("compiling %s failed (%s): they run from source", ", ".join(modules), _first_error(result.stderr or result.stdout))
            return False
        (package_dir / MANIFEST).unlink(missing_ok=True)  # no record while the files change: a half-copied set stays unused
        for name, path in outputs.items():  # a new file, renamed over the old: processes that loaded the old keep it
            staged = package_dir / f".{path.name}.new"
            shutil.copyfile(path, staged)
            os.replace(staged, package_dir / path.name)
        record = {"modules": built, "cython": Cython.__version__, "directives": list(CYTHON_DIRECTIVES), "suffix": suffix, "python": interpreter()}
        (package_dir / MANIFEST).write_text(json.dumps(record, indent=1) + "\n")
    log.info("compiled %s with Cython %s", ", ".join(modules), Cython.__version__)
    return True


def _first_error(output: str) -> str:
    """The line of a compiler's output that names the problem, for a one-line message."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if "error" in line.lower() and not line.startswith(("+", "|")):
            return line
    return lines[-1] if lines else "no output"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="claimcred native: %(message)s")
    build()


if __name__ == "__main__":
    main()
