"""Helpers for the flows tests: rows inserted straight into a temp store, and data homes that share
the session's MLflow store (the scoring tests run the real extract / features / models parts).
"""

from __future__ import annotations

from datetime import datetime

from flows import store
from flows.config import load_settings


def settings_for(home):
    """Settings for a temp data home (store, MLflow sqlite and artifacts inside it)."""
    return load_settings(home=home)


def home_with_mlflow(home, mlflow_uri: str):
    """Settings for a new temp data home whose MLflow tracking store is ``mlflow_uri`` (shared, so the champion is registered once)."""
    home.mkdir(parents=True)
    (home / "claimcred.toml").write_text(f'mlflow_tracking_uri = "{mlflow_uri}"\n')
    return settings_for(home)


def article_row(n: int, title: str = "", outlet: str = "reuters", published: str | None = "2021-09-06T10:00:00", text: str = "x",
                external_id: str | None = None) -> dict:
    return {
        "article_id": f"{n:016x}",
        "content_hash": f"{n:064x}",
        "external_id": external_id,
        "outlet": outlet,
        "url": f"https://example.org/{n}",
        "title": title or f"Article {n}",
        "published": None if published is None else datetime.fromisoformat(published),
        "text": text,
        "language": "en",
        "label": None,
        "source": "test",
        "ingested_at": store.utcnow(),
    }


def claim_row(n: int, article: int, text: str = "40 fighters were killed", camp: str = "resistance", theatre: str = "afghanistan-2021",
              published: str | None = "2021-09-06T10:00:00", speaker: str = "Fahim Dashty", outlet: str = "reuters") -> dict:
    return {
        "claim_id": f"c{n:023x}",
        "article_id": f"{article:016x}",
        "outlet": outlet,
        "published": None if published is None else datetime.fromisoformat(published),
        "theatre": theatre,
        "text": text,
        "sentence": f"{speaker} said {text}.",
        "sentence_index": 0,
        "span_start": 0,
        "span_end": len(text),
        "speaker": speaker,
        "speaker_camp": camp,
        "anonymous": False,
        "attribution": "reported_speech",
        "reporting_verb": "said",
        "hedges": [],
        "quantities": [],
        "places": ["Panjshir"],
        "event_date": None,
        "claim_type": "casualties",
        "extracted_at": store.utcnow(),
    }


def score_row(claim: int, probability: float, grade: int, version: str = "1", scored_at: str = "2021-09-07T00:00:00",
              reasons: list[str] | None = None, features_hash: str | None = None) -> dict:
    return {
        "claim_id": f"c{claim:023x}",
        "model_name": "claimcred",
        "model_version": version,
        "features_hash": features_hash or f"{claim:x}-{version}-{scored_at}",
        "probability": probability,
        "grade": grade,
        "reliability": "C",
        "reasons": reasons if reasons is not None else ["self-serving claim by a party", "no independent corroboration"],
        "run_id": None,
        "scored_at": datetime.fromisoformat(scored_at),
    }


def insert(engine, table, rows: list[dict]) -> int:
    """Insert plain dict rows (lists become JSON text, as the store keeps them)."""
    return store.insert_new(engine, table, [{key: store._to_cell(key, value) for key, value in row.items()} for row in rows])


def populated_store(home):
    """A temp store with 3 articles, 4 claims, and scores (claim 1 has two in its history)."""
    settings = settings_for(home)
    engine = store.connect(settings.store_url)
    insert(engine, store.articles, [
        article_row(1, title="<script>alert('x')</script> Resistance claims", external_id="u-1"),
        article_row(2, title="Taliban say Panjshir taken", outlet="tolonews", published="2021-09-08T10:00:00"),
        article_row(3, title="Undated", published=None),
    ])
    insert(engine, store.claims, [
        claim_row(1, 1, text="=HYPERLINK(\"http://evil\") 40 fighters killed"),
        claim_row(2, 1, text="four districts captured", camp="resistance"),
        claim_row(3, 2, text="Panjshir is under our control", camp="taliban", published="2021-09-08T10:00:00", speaker="Zabihullah Mujahid", outlet="tolonews"),
        claim_row(4, 3, text="-5 helicopters downed", camp="unknown", theatre="syria", published=None, speaker="some accounts"),
    ])
    insert(engine, store.scores, [
        score_row(1, 0.30, 5, scored_at="2021-09-07T00:00:00"),
        score_row(1, 0.55, 3, scored_at="2021-09-09T00:00:00", reasons=["now corroborated by 2 sources"]),
        score_row(2, 0.20, 5),
        score_row(3, 0.80, 2, reasons=["<b>bold</b> reason"]),
    ])
    return settings, engine
