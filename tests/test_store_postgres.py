"""The same store code on a real PostgreSQL started on 127.0.0.1 (one URL changes)."""

from __future__ import annotations

from flows import store
from tests.test_store import _article


def test_store_on_postgres_is_idempotent_and_versioned(postgres_url):
    """Check that the store creates its tables, records its version and dedups writes on PostgreSQL."""
    engine = store.connect(postgres_url)
    assert store.schema_version(engine) == store.SCHEMA_VERSION
    rows = [_article(1), _article(2)]
    assert store.insert_new(engine, store.articles, rows) == 2
    assert store.insert_new(engine, store.articles, rows) == 0
    assert store.count(engine, store.articles) == 2
    store.connect(postgres_url)  # a second connect upgrades nothing and keeps the rows
    assert store.count(engine, store.articles) == 2


def test_lock_on_postgres_excludes_second_holder(postgres_url):
    """Check that the store-level lock works the same on PostgreSQL."""
    engine = store.connect(postgres_url)
    with store.lock(engine, "pg-score", "a") as first, store.lock(engine, "pg-score", "b") as second:
        assert first and not second
