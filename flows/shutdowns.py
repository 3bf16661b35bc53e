"""Load a shutdown list (KeepItOn layout) into blackout events, and keep them in the store.

The shell around :func:`features.blackout.blackouts_from_shutdown_list`: read the CSV as
text, call the pure parser, validate, write to ``blackout_events`` keyed on ``event_id``
(so loading the same list twice changes nothing). Rows that give no event come back with
their reason; nothing is dropped silently.

KeepItOn layout: ``start_date, end_date, area_name, country, ...`` (optional
``geo_scope``: national rows use the country; optional ``partial_restoration``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from features.blackout import blackouts_from_shutdown_list, shutdown_list_rejects
from features.schemas import BlackoutEvents
from features.theatre import TheatrePack
from flows import store
from flows.config import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShutdownLoad:
    """What one shutdown list gave: events, rejected rows with reasons, and how many events were new in the store."""

    path: Path
    events: pd.DataFrame
    rejects: pd.DataFrame
    rows: int = 0
    new: int = 0

    def summary(self) -> str:
        """One progress line with counts."""
        return f"{self.path.name}: {self.rows} rows, {len(self.events)} events ({self.new} new), {len(self.rejects)} rejected"

    def reject_lines(self) -> list[str]:
        """One line per rejected row: file, 1-based data row, reason."""
        return [f"{self.path}:{int(row) + 2}: {reason}" for row, reason in zip(self.rejects["row"], self.rejects["reason"])]


def read_shutdown_list(path: Path, pack: TheatrePack) -> ShutdownLoad:
    """Read a KeepItOn-layout CSV and parse it against the pack's gazetteer (no store writes).

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the CSV lacks a required column (the message names it).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"shutdown list {path} does not exist; give the path of a KeepItOn-layout CSV")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    try:
        events = blackouts_from_shutdown_list(frame, pack, source=path.name)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from error
    events = BlackoutEvents.validate(events, lazy=True)
    return ShutdownLoad(path=path, events=events, rejects=shutdown_list_rejects(frame, pack), rows=len(frame))


def load_shutdown_list(settings: Settings, path: Path, pack: TheatrePack, quiet: bool = False) -> ShutdownLoad:
    """Parse a shutdown list and store its events in ``blackout_events`` (keyed, so re-loading is a no-op)."""
    loaded = read_shutdown_list(path, pack)
    engine = store.connect(settings.store_url)
    new = store.insert_new(engine, store.blackout_events, store.frame_to_rows(loaded.events, store.blackout_events))
    result = ShutdownLoad(path=loaded.path, events=loaded.events, rejects=loaded.rejects, rows=loaded.rows, new=new)
    if not quiet:
        logger.info(result.summary())
    return result


def stored_blackouts(settings: Settings) -> pd.DataFrame:
    """All blackout events in the store (detected and loaded), as a validated ``BlackoutEvents`` frame."""
    engine = store.connect(settings.store_url)
    frame = store.read_frame(engine, sa.select(store.blackout_events))
    for column in (BlackoutEvents.event_id, BlackoutEvents.region, BlackoutEvents.source, BlackoutEvents.evidence):
        frame[column] = frame[column].astype(str)
    for column in (BlackoutEvents.start, BlackoutEvents.partial_restoration, BlackoutEvents.end):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    return BlackoutEvents.validate(frame[list(BlackoutEvents.to_schema().columns)], lazy=True)
