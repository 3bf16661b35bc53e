"""Ingest on a real PostgreSQL (the session server from conftest's `postgres_url`); skipped when it cannot start."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from flows import store
from flows.config import SAMPLE_DIR, load_settings
from flows.ingest import ingest_sources


@pytest.fixture
def ingest_database_url(postgres_url):
    """A database of its own on the session server, so counts here do not depend on other tests."""
    name = "claimcred_ingest_test"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield postgres_url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def test_ingest_on_postgresql_stores_once_and_counts(ingest_database_url, home, fakes_csv):
    """Check that ingest runs unchanged on PostgreSQL: new/unchanged counts, UTC times, rejects recorded once."""
    settings = dataclasses.replace(load_settings(home=home), store_url=ingest_database_url)
    first = ingest_sources(settings, [str(SAMPLE_DIR), str(fakes_csv)], quiet=True)
    second = ingest_sources(settings, [str(SAMPLE_DIR), str(fakes_csv)], quiet=True)
    assert (first.new, first.rejected) == (5 + 553, 0)
    assert (second.new, second.unchanged) == (0, first.total)
    engine = store.connect(ingest_database_url)
    assert engine.dialect.name == "postgresql"
    assert store.count(engine, store.articles) == 558
    with engine.connect() as connection:
        published = connection.execute(sa.select(store.articles.c.published).where(store.articles.c.outlet == "sample-wire")).scalar_one()
    assert str(published) == "2021-09-03 14:10:00"
    missing = ingest_sources(settings, [str(home / "nowhere")], quiet=True)
    again = ingest_sources(settings, [str(home / "nowhere")], quiet=True)
    assert missing.rejected == again.rejected == 1
    assert store.count(engine, store.rejects) == 1
    engine.dispose()
