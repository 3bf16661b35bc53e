"""Tests for the claim store (flows/store.py) on SQLite."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from flows import store


def _article(n: int) -> dict:
    return {
        "article_id": f"{n:016x}",
        "content_hash": f"{n:064x}",
        "external_id": None,
        "outlet": "reuters",
        "url": None,
        "title": f"t{n}",
        "published": None,
        "text": "x",
        "language": "en",
        "label": None,
        "source": "test",
        "ingested_at": store.utcnow(),
    }


def test_connect_records_schema_version_and_wal(tmp_path):
    """Check that a new store records its schema version and runs in WAL mode."""
    engine = store.connect(f"sqlite:///{tmp_path / 'c.db'}")
    assert store.schema_version(engine) == store.SCHEMA_VERSION
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == store.BUSY_TIMEOUT_MS


def test_insert_new_is_idempotent(tmp_path):
    """Check that inserting the same keys twice stores them once and reports 0 new."""
    engine = store.connect(f"sqlite:///{tmp_path / 'c.db'}")
    rows = [_article(1), _article(2)]
    assert store.insert_new(engine, store.articles, rows) == 2
    assert store.insert_new(engine, store.articles, rows) == 0
    assert store.count(engine, store.articles) == 2


def test_connect_refuses_newer_schema(tmp_path):
    """Check that a store from a newer claimcred is refused with a message naming the version."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = store.connect(url)
    with engine.begin() as connection:
        connection.execute(sa.update(store.meta).values(value="999"))
    import pytest

    with pytest.raises(RuntimeError, match="schema version 999 is newer"):
        store.connect(url)


def test_lock_excludes_second_holder_and_expires(tmp_path):
    """Check that a held lock refuses a second holder and an expired one is taken over."""
    from datetime import timedelta

    engine = store.connect(f"sqlite:///{tmp_path / 'c.db'}")
    with store.lock(engine, "score", "a") as first:
        assert first
        with store.lock(engine, "score", "b") as second:
            assert not second
    with store.lock(engine, "score", "c", ttl=timedelta(seconds=-1)) as crashed:
        assert crashed
        with store.lock(engine, "score", "d") as after_crash:
            assert after_crash


def test_frame_to_rows_gives_the_cells_of_to_cell():
    """Check that the column-wise frame_to_rows gives exactly _to_cell of each value (nulls, timestamps, JSON, numpy scalars)."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "claim_id": ["a", "b"],
            "published": pd.Series([pd.Timestamp("2021-09-02 10:30", tz="Asia/Kabul"), pd.NaT], dtype="datetime64[us, UTC]"),
            "reporting_verb": pd.Series(["said", None], dtype="str"),
            "sentence_index": [1, 2],
            "anonymous": [True, False],
            "places": [["Panjshir"], []],
            "quantities": [[{"value": 4.0, "value_max": None}], '[{"value": 1}]'],
            "span_start": pd.Series([0, 5], dtype="int32"),
        }
    )
    expected = [{name: store._to_cell(name, value) for name, value in zip(frame.columns, row)} for row in frame.itertuples(index=False, name=None)]
    rows = store.frame_to_rows(frame, store.claims)
    names = [column.name for column in store.claims.columns if column.name in frame.columns]
    assert rows == [{name: row[name] for name in names} for row in expected]
    assert [[type(value) for value in row.values()] for row in rows] == [[type(row[name]) for name in names] for row in expected]
    assert rows[0]["published"] == datetime(2021, 9, 2, 6, 0) and rows[1]["published"] is None and rows[1]["reporting_verb"] is None


def test_read_frame_types_an_empty_result_like_a_full_one(tmp_path):
    """Check that stored claims read from an empty store carry the Claims dtypes (str, int64), so the schema accepts them."""
    from features.schemas import Claims
    from flows.scoring import stored_claims

    engine = store.connect(f"sqlite:///{tmp_path / 'claimcred.db'}")
    claims = stored_claims(engine)
    assert claims.empty
    assert str(claims["claim_id"].dtype) == "str" and str(claims["span_start"].dtype) == "int64"
    Claims.validate(claims)
