"""The claim store, through SQLAlchemy Core: one URL switches SQLite to PostgreSQL.

Tables: articles (content hash unique), rejects, claims, features, scores (a
re-score adds a row, never overwrites), verdicts, blackout_events, locks, and
meta (schema version). SQLite runs in WAL mode with a busy timeout, and every
write transaction starts with ``BEGIN IMMEDIATE`` so two processes queue
instead of failing. Writes are keyed (``ON CONFLICT DO NOTHING``), so a re-run
of the same input changes nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 60_000

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.String(16), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("external_id", sa.Text),
    sa.Column("outlet", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("published", sa.DateTime),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("label", sa.Float),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
)

rejects = sa.Table(
    "rejects",
    metadata,
    sa.Column("reject_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("rejected_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("source", "record", "reason", name="uq_rejects"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("claim_id", sa.String(24), primary_key=True),
    sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("outlet", sa.Text, nullable=False),
    sa.Column("published", sa.DateTime),
    sa.Column("theatre", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("speaker", sa.Text, nullable=False),
    sa.Column("speaker_camp", sa.Text, nullable=False),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("attribution", sa.String(32), nullable=False),
    sa.Column("reporting_verb", sa.Text),
    sa.Column("hedges", sa.Text, nullable=False),
    sa.Column("quantities", sa.Text, nullable=False),
    sa.Column("places", sa.Text, nullable=False),
    sa.Column("event_date", sa.DateTime),
    sa.Column("claim_type", sa.String(32), nullable=False),
    sa.Column("extracted_at", sa.DateTime, nullable=False),
)

features = sa.Table(
    "features",
    metadata,
    sa.Column("claim_id", sa.String(24), sa.ForeignKey("claims.claim_id"), primary_key=True),
    sa.Column("feature_values", sa.Text, nullable=False),
    sa.Column("computed_at", sa.DateTime, nullable=False),
)

scores = sa.Table(
    "scores",
    metadata,
    sa.Column("score_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.String(24), sa.ForeignKey("claims.claim_id"), nullable=False, index=True),
    sa.Column("model_name", sa.Text, nullable=False),
    sa.Column("model_version", sa.Text, nullable=False),
    sa.Column("features_hash", sa.String(64), nullable=False),
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("grade", sa.Integer, nullable=False),
    sa.Column("reliability", sa.String(1)),
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("run_id", sa.Text),
    sa.Column("scored_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("claim_id", "model_name", "model_version", "features_hash", name="uq_scores"),
)

verdicts = sa.Table(
    "verdicts",
    metadata,
    sa.Column("claim_id", sa.String(24), primary_key=True),
    sa.Column("analyst", sa.Text, primary_key=True),
    sa.Column("verdict", sa.String(16), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

blackout_events = sa.Table(
    "blackout_events",
    metadata,
    sa.Column("event_id", sa.String(24), primary_key=True),
    sa.Column("region", sa.Text, nullable=False),
    sa.Column("start", sa.DateTime, nullable=False),
    sa.Column("partial_restoration", sa.DateTime),
    sa.Column("end", sa.DateTime),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
)

locks = sa.Table(
    "locks",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.Text, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
)

JSON_COLUMNS = {"hedges", "quantities", "places", "reasons", "feature_values"}


def utcnow() -> datetime:
    """Naive UTC now: the store keeps naive UTC datetimes on every backend."""
    return datetime.now(UTC).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # isolation_level=None hands transaction control to us, so BEGIN IMMEDIATE can be emitted.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def connect(url: str) -> sa.Engine:
    """Open the store at ``url``, create or upgrade its tables, and return the engine.

    Raises:
        RuntimeError: the store was written by a newer claimcred (schema version ahead of this code).
    """
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    _upgrade(engine)
    return engine


def _upgrade(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        metadata.create_all(connection)
        found = connection.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        if found is None:
            connection.execute(_insert(connection, meta).values(key="schema_version", value=str(SCHEMA_VERSION)).on_conflict_do_nothing())
        elif int(found) > SCHEMA_VERSION:
            raise RuntimeError(
                f"{engine.url.render_as_string(hide_password=True)}: store schema version {found} is newer than this "
                f"claimcred ({SCHEMA_VERSION}); upgrade claimcred"
            )
        # Upgrades from older versions go here, one step per version, as the schema evolves.


def schema_version(engine: sa.Engine) -> int:
    """Schema version recorded in the store."""
    with engine.connect() as connection:
        return int(connection.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())


def _insert(connection, table: sa.Table):
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    raise RuntimeError(f"store dialect {dialect!r} is not supported; use sqlite:// or postgresql:// URLs")


def _to_cell(name: str, value):
    if name in JSON_COLUMNS and not isinstance(value, str):
        return to_json(value)
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.to_pydatetime()
    if value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict)):
        return value.item()
    return value


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


_ENCODER = json.JSONEncoder(default=_json_default, ensure_ascii=False)


def to_json(value) -> str:
    """JSON text of a cell value as stored (non-ASCII kept, numpy scalars and timestamps as plain values)."""
    return _ENCODER.encode(value)


def frame_to_rows(frame: pd.DataFrame, table: sa.Table) -> list[dict]:
    """Turn a DataFrame into rows for ``table`` (only its columns; lists to JSON, timestamps to naive UTC).

    Converted column by column (``_column_cells``), the same cells as ``_to_cell`` on each value.
    """
    names = [column.name for column in table.columns if column.name in frame.columns]
    columns = [_column_cells(name, frame[name]) for name in names]
    return [dict(zip(names, row)) for row in zip(*columns)]


def _column_cells(name: str, column: pd.Series) -> list:
    """``_to_cell`` over one column, with whole-column conversions for plain numeric and timestamp dtypes."""
    dtype = column.dtype
    if name not in JSON_COLUMNS:
        if isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M"):
            naive = column.dt.tz_convert("UTC").dt.tz_localize(None) if isinstance(dtype, pd.DatetimeTZDtype) else column
            return [None if value is pd.NaT else value for value in naive.array.to_pydatetime()]
        if isinstance(dtype, np.dtype) and dtype.kind == "f":
            return [None if value != value else value for value in column.tolist()]
        if isinstance(dtype, np.dtype) and dtype.kind in "iub":
            return column.tolist()
    plain = isinstance(dtype, pd.StringDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "O")
    values = column.to_numpy(dtype=object) if plain else column
    if name in JSON_COLUMNS:
        return [_to_cell(name, value) for value in values]
    return [value if type(value) is str else _to_cell(name, value) for value in values]


def insert_new(engine: sa.Engine, table: sa.Table, rows: Iterable[dict]) -> int:
    """Insert rows whose key is not stored yet, in one transaction; return how many were new."""
    rows = list(rows)
    if not rows:
        return 0
    keys = list(table.primary_key.columns)
    with engine.begin() as connection:
        # RETURNING counts what was really inserted on every backend (rowcount is -1 under psycopg executemany).
        result = connection.execute(_insert(connection, table).on_conflict_do_nothing().returning(*keys), rows)
        return len(result.fetchall())


def upsert(engine: sa.Engine, table: sa.Table, rows: Iterable[dict]) -> int:
    """Insert rows, replacing the non-key columns of rows whose key is already stored."""
    rows = list(rows)
    if not rows:
        return 0
    keys = [column.name for column in table.primary_key.columns]
    with engine.begin() as connection:
        statement = _insert(connection, table)
        updates = {name: statement.excluded[name] for name in rows[0] if name not in keys}
        connection.execute(statement.on_conflict_do_update(index_elements=keys, set_=updates), rows)
    return len(rows)


def read_frame(engine: sa.Engine, query: sa.Select) -> pd.DataFrame:
    """Run a select and return a DataFrame: JSON columns parsed, datetimes as UTC-aware."""
    with engine.connect() as connection:
        result = connection.execute(query)
        names, rows = list(result.keys()), result.fetchall()
    if rows:
        # Column lists first: JSON is parsed on plain Python strings, not through a pandas column.
        columns = [list(values) for values in zip(*rows)]
        del rows
        frame = pd.DataFrame({index: [json.loads(text) for text in values] if name in JSON_COLUMNS else values for index, (name, values) in enumerate(zip(names, columns))})
        frame.columns = names
    else:
        frame = pd.DataFrame([], columns=names)
    for column in query.selected_columns:
        if column.name not in frame.columns:
            continue
        if isinstance(column.type, sa.DateTime):
            frame[column.name] = pd.to_datetime(frame[column.name], utc=True).astype("datetime64[us, UTC]")
        elif isinstance(column.type, sa.Float):
            # An all-null column comes back as object; the schemas want float with NaN.
            frame[column.name] = pd.to_numeric(frame[column.name], errors="coerce").astype(float)
        elif isinstance(column.type, sa.Boolean):
            frame[column.name] = frame[column.name].astype(bool)
        elif frame.empty and column.name not in JSON_COLUMNS and isinstance(column.type, (sa.String, sa.Integer)):
            # rows give str and int64 columns by themselves; an empty result must carry the same types for the schemas
            frame[column.name] = frame[column.name].astype("str" if isinstance(column.type, sa.String) else "int64")
    return frame


def count(engine: sa.Engine, table: sa.Table) -> int:
    """Number of rows in ``table``."""
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def count_scored_claims(engine: sa.Engine) -> int:
    """Number of distinct claims that have at least one score."""
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count(sa.distinct(scores.c.claim_id)))).scalar_one())


@contextmanager
def lock(engine: sa.Engine, name: str, holder: str, ttl: timedelta = timedelta(hours=2)):
    """Hold a named store-level lock; yields True if acquired, False if another live holder has it.

    An expired lock (its holder crashed) is taken over, so a crash never blocks later runs for longer than ``ttl``.
    """
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(sa.delete(locks).where(locks.c.name == name, locks.c.expires_at < now))
        inserted = _insert(connection, locks).values(name=name, holder=holder, expires_at=now + ttl)
        taken = connection.execute(inserted.on_conflict_do_nothing().returning(locks.c.name)).first() is not None
    try:
        yield bool(taken)
    finally:
        if taken:
            with engine.begin() as connection:
                connection.execute(sa.delete(locks).where(locks.c.name == name, locks.c.holder == holder))
