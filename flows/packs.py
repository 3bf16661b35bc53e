"""Load theatre packs from ``seeds/theatres/<name>/`` (the only place pack files are read).

A pack folder holds ``manifest.json`` (name, version, description, files with
SHA-256 checksums) and five CSV tables: ``camps.csv``, ``sources.csv``,
``gazetteer.csv``, ``blackouts.csv``, ``lexicon.csv``. List-valued cells are
separated by ``|``. The shared English lexicon under ``seeds/lexicon/`` is merged
under each pack's own lexicon unless the manifest sets ``"base_lexicon": null``.

Refresh the checksums after editing a pack::

    python -m flows.packs refresh seeds/theatres/syria
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd

from flows.config import SEEDS_DIR, THEATRES_DIR
from features.theatre import TheatrePack

log = logging.getLogger(__name__)

TABLE_FILES = {
    "camps": "camps.csv",
    "sources": "sources.csv",
    "places": "gazetteer.csv",
    "blackouts": "blackouts.csv",
    "lexicon": "lexicon.csv",
}
LIST_COLUMNS = {"camps": ["opponents"], "sources": ["aliases"], "places": ["aliases", "neighbours"]}
BOOL_COLUMNS = {"camps": ["is_party"], "sources": ["anonymous"]}
DATE_COLUMNS = {"blackouts": ["start", "partial_restoration", "end"]}
LEXICON_DIR = SEEDS_DIR / "lexicon"
DEFAULT_BASE_LEXICON = "english"


def available_packs(root: Path = THEATRES_DIR) -> list[str]:
    """Names of the pack folders under ``root`` that hold a manifest."""
    return sorted(path.parent.name for path in root.glob("*/manifest.json"))


def load_all_packs(root: Path = THEATRES_DIR) -> list[TheatrePack]:
    """Load every pack under ``root``."""
    return [load_pack(str(root / name)) for name in available_packs(root)]


def load_packs(theatre: str | None = None) -> list[TheatrePack]:
    """The packs to extract with: the named pack (name or folder) alone, else every pack under ``seeds/theatres/``."""
    return [load_pack(theatre)] if theatre else load_all_packs()


def load_pack(name_or_path: str) -> TheatrePack:
    """Load, checksum-verify and validate one theatre pack.

    Args:
        name_or_path: a pack name under ``seeds/theatres/`` ('syria') or a folder path.

    Returns:
        The validated ``TheatrePack``.

    Raises:
        FileNotFoundError: no pack folder or manifest of that name.
        ValueError: a checksum does not match, or a table fails its schema.
    """
    folder = _pack_folder(name_or_path)
    return _load_pack_cached(str(folder.resolve()), _mtime_key(folder))


def _pack_folder(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if (candidate / "manifest.json").exists():
        return candidate
    named = THEATRES_DIR / name_or_path
    if (named / "manifest.json").exists():
        return named
    raise FileNotFoundError(
        f"theatre pack {name_or_path!r} not found: expected a folder with manifest.json, or one of {available_packs()}"
    )


def _mtime_key(folder: Path) -> tuple:
    return tuple(sorted((path.name, path.stat().st_mtime_ns) for path in folder.iterdir() if path.is_file()))


@lru_cache(maxsize=16)
def _load_pack_cached(folder_text: str, _mtimes: tuple) -> TheatrePack:
    folder = Path(folder_text)
    manifest = _read_manifest(folder)
    tables = {table: _read_table(folder, table, manifest) for table in TABLE_FILES}
    base = manifest.get("base_lexicon", DEFAULT_BASE_LEXICON)
    if base:
        tables["lexicon"] = _merge_lexicon(_read_base_lexicon(base), tables["lexicon"])
    pack = TheatrePack.from_tables(
        name=str(manifest["name"]), version=str(manifest["version"]), description=str(manifest.get("description", "")), **tables
    )
    log.info("loaded theatre pack %s %s from %s", pack.name, pack.version, folder)
    return pack


def _read_manifest(folder: Path) -> dict:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: manifest is not valid JSON: {error}") from error
    for key in ("name", "version", "files"):
        if key not in manifest:
            raise ValueError(f"{path}: manifest lacks {key!r}; expected keys name, version, description, files")
    return manifest


def _read_table(folder: Path, table: str, manifest: dict) -> pd.DataFrame:
    filename = TABLE_FILES[table]
    path = folder / filename
    entry = manifest["files"].get(filename)
    if entry is None or not path.exists():
        raise ValueError(f"{folder}: theatre pack file {filename!r} missing from the manifest or the folder")
    actual = sha256_file(path)
    if actual != entry.get("sha256"):
        raise ValueError(
            f"{path}: checksum mismatch (manifest {entry.get('sha256')!r}, file {actual!r}); "
            f"run `python -m flows.packs refresh {folder}` if the edit is intended"
        )
    return parse_table(table, pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))


def parse_table(table: str, raw: pd.DataFrame) -> pd.DataFrame:
    """Turn a CSV table read as strings into typed columns (lists, booleans, UTC dates, nulls)."""
    frame = raw.copy()
    for column in frame.columns:
        if column in LIST_COLUMNS.get(table, []):
            frame[column] = frame[column].map(lambda cell: [part.strip() for part in cell.split("|") if part.strip()])
        elif column in BOOL_COLUMNS.get(table, []):
            frame[column] = frame[column].str.strip().str.lower().map({"true": True, "false": False, "1": True, "0": False, "": False})
        elif column in DATE_COLUMNS.get(table, []):
            frame[column] = pd.to_datetime(frame[column].replace("", None), utc=True).astype("datetime64[us, UTC]")
        else:
            frame[column] = frame[column].replace("", None) if column in ("reliability", "parent", "note") else frame[column]
    return frame


def _read_base_lexicon(name: str) -> pd.DataFrame:
    path = LEXICON_DIR / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"base lexicon {name!r} not found at {path}")
    return parse_table("lexicon", pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"))


def _merge_lexicon(base: pd.DataFrame, additions: pd.DataFrame) -> pd.DataFrame:
    merged = pd.concat([base, additions], ignore_index=True)
    return merged.drop_duplicates(subset=["category", "phrase"], keep="last").reset_index(drop=True)


def sha256_file(path: Path) -> str:
    """SHA-256 hex digest of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refresh_manifest(folder: Path) -> dict:
    """Rewrite ``manifest.json`` in ``folder`` with the current checksums of the five tables."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"name": folder.name, "version": "0.1.0", "description": ""}
    manifest["files"] = {filename: {"table": table, "sha256": sha256_file(folder / filename)} for table, filename in TABLE_FILES.items()}
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":  # pragma: no cover - maintenance entry
    if len(sys.argv) == 3 and sys.argv[1] == "refresh":
        refresh_manifest(Path(sys.argv[2]))
    else:
        sys.exit("usage: python -m flows.packs refresh PACK_FOLDER")
