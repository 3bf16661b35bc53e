"""What `claimcred info` reports: where data lives and how much is stored."""

from __future__ import annotations

import os

from flows import store
from flows.config import Settings


def status(settings: Settings) -> dict:
    """Return the data home, backends, model name and the stored counts as one flat dict."""
    engine = store.connect(settings.store_url)
    return {
        "home": str(settings.home),
        "store_url": engine.url.render_as_string(hide_password=True),
        "mlflow_tracking_uri": settings.mlflow_tracking_uri,
        "prefect_api_url": os.environ.get("PREFECT_API_URL") or f"ephemeral (PREFECT_HOME={settings.prefect_home})",
        "model_name": settings.model_name,
        "theatre": settings.theatre or "auto",
        "schema_version": store.schema_version(engine),
        "articles": store.count(engine, store.articles),
        "claims": store.count(engine, store.claims),
        "scored": store.count_scored_claims(engine),
        "rejects": store.count(engine, store.rejects),
    }
