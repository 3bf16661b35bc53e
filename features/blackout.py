"""Blackout-context features: was the claim made about a region cut off at the time.

| column | type | meaning |
|---|---|---|
| claim_id | str | Claims.claim_id. |
| in_blackout | bool | A claim place, or a gazetteer ancestor of it, is the region of a blackout whose window holds the claim date. |
| near_blackout | bool | Not in a blackout, but a neighbouring region is in one at the claim date, or the claim's own region is within ±2 days of a window. |
| blackout_days | float, nullable | Days from the start of the matching blackout to the claim date (0 when the date is just before it); null when not in or near one. |
| partial_restoration | bool | The matching in-blackout event had been partly restored on or before the claim date. |

**Claim date**: ``event_date``, else ``published``; a claim with neither is in no blackout.
Dates are compared by calendar day (UTC): the window runs from the start day to the end day
inclusive, open-ended when ``end`` is null. **Regions of a claim**: each place and its parent
chain (Khawak Pass → Panjshir → Afghanistan); **neighbours**: the gazetteer neighbours of
those places that are not themselves regions of the claim. A blackout of a region *inside*
a claim place (a claim about the whole country) does not count. When several events match,
the in-blackout one that began earliest is used.

Events come from the pack's blackout file, from reporting (``features.extract.detect_blackouts``)
and from shutdown lists in the KeepItOn layout (:func:`blackouts_from_shutdown_list`).
"""

from __future__ import annotations

import hashlib
import logging
import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.hierarchy import PackIndex, pack_index
from features.schemas import BlackoutEvents, BlackoutFeatures, Claims
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)

NEAR_DAYS = 2
_DAY = np.timedelta64(1, "D")
SHUTDOWN_REQUIRED_COLUMNS = ("start_date", "end_date", "area_name", "country")
NATIONAL_SCOPES = {"national", "nationwide", "country", "countrywide", "whole country"}
_AREA_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*", re.IGNORECASE)


def _days(values: pd.Series) -> np.ndarray:
    """UTC calendar day numbers (float, NaN for missing)."""
    timestamps = pd.to_datetime(values, utc=True)
    days = (timestamps.dt.tz_localize(None).dt.floor("D") - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    return days.to_numpy(dtype=float, na_value=np.nan)


def claim_day(event_date: pd.Series, published: pd.Series) -> pd.Series:
    """Claim date as a day number: event_date, else published; NaN when neither is known."""
    return pd.Series(_days(event_date.fillna(published)), index=event_date.index, dtype=float)


def _claim_regions(places: object, index: PackIndex) -> tuple[set[str], set[str]]:
    own: set[str] = set()
    if isinstance(places, (list, tuple, np.ndarray)):
        for place in places:
            own |= set(index.ancestors(str(place)))
    neighbours: set[str] = set()
    for place in own:
        neighbours |= index.place_neighbours.get(place, set())
    return own, neighbours - own


def _match(day: float, regions: tuple[set[str], set[str]], events: list[tuple], index: PackIndex) -> tuple[str, float, bool]:
    """('in' | 'near' | '', days since start, partly restored) for one claim."""
    if np.isnan(day):
        return "", np.nan, False
    own, neighbours = regions
    best: tuple[str, float, bool] = ("", np.nan, False)
    for region, start, end, restored in events:
        in_window = start <= day and (np.isnan(end) or day <= end)
        near_window = start - NEAR_DAYS <= day and (np.isnan(end) or day <= end + NEAR_DAYS)
        days_since = max(day - start, 0.0)
        if region in own and in_window:
            candidate = ("in", days_since, not np.isnan(restored) and restored <= day)
            if best[0] != "in" or days_since > best[1]:
                best = candidate
        elif best[0] != "in" and ((region in own and near_window) or (region in neighbours and in_window)):
            if best[0] != "near" or days_since > best[1]:
                best = ("near", days_since, False)
    return best


def _event_rows(blackouts: pd.DataFrame, index: PackIndex) -> list[tuple]:
    regions = [index.canonical_place(name) or name for name in blackouts[BlackoutEvents.region]]
    return list(
        zip(
            regions,
            _days(blackouts[BlackoutEvents.start]),
            _days(blackouts[BlackoutEvents.end]),
            _days(blackouts[BlackoutEvents.partial_restoration]),
        )
    )


def blackout_matches(claims: pd.DataFrame, blackouts: pd.DataFrame, index: PackIndex) -> pd.DataFrame:
    """Per claim: match kind ('in', 'near', ''), days since start, partly restored."""
    events = _event_rows(blackouts, index)
    days = claim_day(claims[Claims.event_date], claims[Claims.published])
    cache: dict[tuple, tuple[set[str], set[str]]] = {}
    rows = []
    for places, day in zip(claims[Claims.places], days):
        key = tuple(places) if isinstance(places, (list, tuple, np.ndarray)) else ()
        if key not in cache:
            cache[key] = _claim_regions(list(key), index)
        rows.append(_match(day, cache[key], events, index) if events else ("", np.nan, False))
    return pd.DataFrame(rows, columns=["kind", "days", "restored"], index=claims.index)


# --- one function per output column -------------------------------------------------


def in_blackout(matches: pd.DataFrame) -> pd.Series:
    """A claim region and its date fall inside a blackout window."""
    return matches["kind"].eq("in").astype(bool)


def near_blackout(matches: pd.DataFrame) -> pd.Series:
    """A neighbouring region is cut off, or the claim's region within ±2 days of a window."""
    return matches["kind"].eq("near").astype(bool)


def blackout_days(matches: pd.DataFrame) -> pd.Series:
    """Days since the matching blackout began; null when none matches."""
    return matches["days"].where(matches["kind"].ne(""), np.nan).astype(float)


def partial_restoration(matches: pd.DataFrame) -> pd.Series:
    """Connections partly restored by the claim date (in-blackout matches only)."""
    return (matches["kind"].eq("in") & matches["restored"].astype(bool)).astype(bool)


@pa.check_types
def build_blackout_features(claims: DataFrame[Claims], pack: TheatrePack, blackouts: DataFrame[BlackoutEvents]) -> DataFrame[BlackoutFeatures]:
    """Blackout-context columns for each claim.

    Args:
        claims: extracted claims.
        pack: the theatre pack (gazetteer hierarchy and neighbours).
        blackouts: the blackout events to test against (pack events, detected, loaded lists).

    Returns:
        One row per claim, columns of ``BlackoutFeatures``.
    """
    index = pack_index(pack)
    matches = blackout_matches(claims, blackouts, index)
    features = pd.DataFrame(
        {
            BlackoutFeatures.claim_id: claims[Claims.claim_id],
            BlackoutFeatures.in_blackout: in_blackout(matches),
            BlackoutFeatures.near_blackout: near_blackout(matches),
            BlackoutFeatures.blackout_days: blackout_days(matches),
            BlackoutFeatures.partial_restoration: partial_restoration(matches),
        }
    )
    logger.debug("blackout features for %d claims against %d events", len(features), len(blackouts))
    return features.reset_index(drop=True)


# --- shutdown lists (KeepItOn layout) --------------------------------------------------


def _shutdown_regions(area_name: object, country: object, scope: object, index: PackIndex) -> tuple[str, ...]:
    """Every gazetteer place named in area_name (split on , ; / and); the country for national or area-less rows; else ()."""
    area = area_name.strip() if isinstance(area_name, str) else ""
    regions = []
    for part in _AREA_SPLIT.split(area):
        place = index.canonical_place(part)
        if place and place not in regions:
            regions.append(place)
    if regions:
        return tuple(regions)
    national = not area or (isinstance(scope, str) and scope.strip().lower() in NATIONAL_SCOPES)
    place = index.canonical_place(country) if national and isinstance(country, str) else None
    return (place,) if place else ()


def _parse_dates(values: pd.Series) -> pd.Series:
    text = values.astype(object).where(values.notna(), None).map(lambda v: v.strip() if isinstance(v, str) else v)
    text = text.where(text.map(lambda v: bool(v) if isinstance(v, str) else v is not None), None)
    return pd.to_datetime(text, utc=True, errors="coerce", format="mixed", dayfirst=False)


def _shutdown_table(frame: pd.DataFrame, pack: TheatrePack) -> pd.DataFrame:
    missing = [column for column in SHUTDOWN_REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(
            f"shutdown list lacks column(s) {', '.join(missing)}; expected the KeepItOn layout with {', '.join(SHUTDOWN_REQUIRED_COLUMNS)}, ..."
        )
    index = pack_index(pack)
    start = _parse_dates(frame["start_date"])
    end = _parse_dates(frame["end_date"])
    restored = _parse_dates(frame["partial_restoration"]) if "partial_restoration" in frame.columns else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
    scope = frame["geo_scope"] if "geo_scope" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    region = pd.Series(
        [_shutdown_regions(a, c, g, index) for a, c, g in zip(frame["area_name"], frame["country"], scope)], index=frame.index, dtype=object
    )
    reason = pd.Series("", index=frame.index, dtype=object)
    reason = reason.mask(end.notna() & start.notna() & (end < start), "end_date before start_date")
    reason = reason.mask(frame["end_date"].notna() & frame["end_date"].astype(str).str.strip().ne("") & end.isna(), "end_date is not a date")
    reason = reason.mask(start.isna(), "start_date is missing or not a date")
    reason = reason.mask(region.map(len).eq(0) & reason.eq(""), "area_name is not in the gazetteer of pack " + pack.name + " (and the row is not national)")
    return pd.DataFrame({"region": region, "start": start, "end": end, "restored": restored, "reason": reason})


@pa.check_types
def blackouts_from_shutdown_list(frame: pd.DataFrame, pack: TheatrePack, source: str = "shutdown-list") -> DataFrame[BlackoutEvents]:
    """Blackout events from a shutdown list in the KeepItOn layout.

    Each row's ``area_name`` (several areas split on ``,`` ``;`` ``/`` "and"; each known one
    gives an event) is matched to the gazetteer by name or alias; rows with an empty area or a
    ``geo_scope`` of national use ``country``; ``start_date`` and ``end_date``
    (ISO or M/D/YYYY; empty end = ongoing) give the window; an optional
    ``partial_restoration`` column gives the restoration date. Rows that cannot be used are
    listed by :func:`shutdown_list_rejects`, never silently lost.

    Args:
        frame: the list as read from CSV (all columns as text is fine).
        pack: the theatre pack whose gazetteer names the regions.
        source: recorded in ``BlackoutEvents.source`` (the file name).

    Returns:
        One event per gazetteer area of each usable row.

    Raises:
        ValueError: a required column is missing.
    """
    table = _shutdown_table(frame, pack)
    usable = table[table["reason"].eq("")]
    n_rejected = len(table) - len(usable)
    evidence_by_row = frame.loc[usable.index].apply(lambda row: "; ".join(f"{k}={v}" for k, v in row.items() if not pd.isna(v) and str(v).strip()), axis=1)
    usable = usable.explode("region")
    evidence = evidence_by_row.reindex(usable.index) if len(usable) else evidence_by_row
    events = pd.DataFrame(
        {
            BlackoutEvents.event_id: [
                hashlib.sha256(f"{region}|{start.isoformat()}|{source}".encode()).hexdigest()[:16]
                for region, start in zip(usable["region"], usable["start"])
            ],
            BlackoutEvents.region: usable["region"].astype(str),
            BlackoutEvents.start: usable["start"].astype("datetime64[us, UTC]"),
            BlackoutEvents.partial_restoration: usable["restored"].astype("datetime64[us, UTC]"),
            BlackoutEvents.end: usable["end"].astype("datetime64[us, UTC]"),
            BlackoutEvents.source: pd.Series(source, index=usable.index, dtype=str),
            BlackoutEvents.evidence: evidence.astype(str) if len(usable) else pd.Series([], dtype=str),
        }
    )
    events = events.drop_duplicates(subset=[BlackoutEvents.event_id]).reset_index(drop=True)
    for column in (BlackoutEvents.event_id, BlackoutEvents.region, BlackoutEvents.source, BlackoutEvents.evidence):
        events[column] = events[column].astype(str)
    logger.info("shutdown list %s: %d rows, %d events, %d rejected", source, len(frame), len(events), n_rejected)
    return events


def shutdown_list_rejects(frame: pd.DataFrame, pack: TheatrePack) -> pd.DataFrame:
    """Rows of a shutdown list that give no event, with the reason (row = 0-based position in the frame).

    Returns:
        Columns ``row``, ``area_name``, ``country``, ``start_date``, ``reason``.
    """
    table = _shutdown_table(frame, pack)
    bad = table["reason"].ne("")
    positions = np.flatnonzero(bad.to_numpy())
    return pd.DataFrame(
        {
            "row": positions,
            "area_name": frame["area_name"].to_numpy()[positions],
            "country": frame["country"].to_numpy()[positions],
            "start_date": frame["start_date"].to_numpy()[positions],
            "reason": table["reason"].to_numpy()[positions],
        }
    )
