"""Export the store's claims, articles or scores to CSV or Parquet, with the report filters.

CSV is made safe to open in a spreadsheet: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is prefixed with a single quote (OWASP "CSV injection"), so a spreadsheet shows
it as text instead of running it as a formula. Numbers are written as numbers. List columns (reasons,
places, quantities, hedges) are JSON text in CSV; in Parquet lists of strings stay lists and anything
else nested becomes JSON text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flows import store
from flows.api import Filters, articles_frame, claims_frame, scores_frame

TABLES = ("claims", "articles", "scores")
FORMATS = ("csv", "parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Prefix a text cell that a spreadsheet would read as a formula with ``'``; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_nested(series: pd.Series) -> bool:
    return series.dtype == object and series.map(lambda value: isinstance(value, (list, dict))).any()


def to_safe_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` ready for CSV: nested cells as JSON text, datetimes ISO 8601, formula-like text neutralised."""
    columns = {}
    for name, series in frame.items():
        if _is_nested(series):
            series = series.map(lambda value: json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict)) else value)
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.map(lambda value: None if pd.isna(value) else value.isoformat())
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            series = series.map(neutralise_cell).astype(object)
        columns[name] = series
    return pd.DataFrame(columns, index=frame.index)


def _is_string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    columns = {}
    for name, series in frame.items():
        if _is_nested(series) and not series.dropna().map(_is_string_list).all():
            series = series.map(lambda value: json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict)) else value)
        columns[name] = series
    return pa.Table.from_pandas(pd.DataFrame(columns, index=frame.index), preserve_index=False)


def table_frame(settings, table: str, filters: Filters = Filters()) -> pd.DataFrame:
    """The frame of one exportable table (``claims``, ``articles`` or ``scores`` history) under ``filters``."""
    if table not in TABLES:
        raise ValueError(f"export table {table!r} is not known; expected one of {', '.join(TABLES)}")
    engine = store.connect(settings.store_url)
    if table == "claims":
        return claims_frame(engine, filters)
    if table == "articles":
        return articles_frame(engine, filters)
    return scores_frame(engine, filters, history=True)


def export_table(settings, table: str, fmt: str, out: Path, filters: Filters = Filters(), quiet: bool = False) -> dict:
    """Write one table to ``out`` as CSV (spreadsheet-safe) or Parquet.

    Returns:
        ``{"path": str, "rows": int}``.

    Raises:
        ValueError: unknown table or format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"export format {fmt!r} is not supported; expected one of {', '.join(FORMATS)}")
    frame = table_frame(settings, table, filters)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        to_safe_csv_frame(frame).to_csv(out, index=False)
    else:
        pq.write_table(_arrow_table(frame), out)
    return {"path": str(out), "rows": len(frame)}
