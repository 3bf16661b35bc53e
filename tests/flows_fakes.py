"""Helpers for the flows tests: rows inserted straight into a temp store, and stand-ins for the
extract / features / models parts so the shell is tested on its own (the end-to-end test uses the real ones).

The stand-ins follow the agreed signatures and do real, simple work: one claim per sentence holding a
number, corroboration = other claims (stored context included) with the same normalised text, and a
probability that rises with corroboration.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from flows import store
from flows.config import load_settings

BLACKOUT_COLUMNS = ["event_id", "region", "start", "partial_restoration", "end", "source", "evidence"]


def settings_for(home):
    """Settings for a temp data home (store, MLflow sqlite and artifacts inside it)."""
    return load_settings(home=home)


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


# --- stand-ins for the other parts (agreed signatures) ------------------------------------------------


@dataclass(frozen=True)
class FakePack:
    name: str = "afghanistan-2021"
    version: str = "0.1"

    @property
    def blackouts(self) -> pd.DataFrame:
        frame = pd.DataFrame({name: pd.Series(dtype=object) for name in BLACKOUT_COLUMNS})
        for name in ("start", "partial_restoration", "end"):
            frame[name] = frame[name].astype("datetime64[us, UTC]")
        return frame


def fake_extract_claims(articles: pd.DataFrame, pack) -> pd.DataFrame:
    rows = []
    for article in articles.to_dict("records"):
        for index, sentence in enumerate(re.split(r"(?<=[.!?])\s+", article["text"])):
            if not re.search(r"\d", sentence):
                continue
            start = article["text"].find(sentence)
            rows.append({
                "claim_id": hashlib.sha256(f"{article['article_id']}:{start}".encode()).hexdigest()[:24],
                "article_id": article["article_id"], "outlet": article["outlet"], "published": article["published"],
                "theatre": pack.name, "text": sentence.rstrip("."), "sentence": sentence, "sentence_index": index,
                "span_start": start, "span_end": start + len(sentence), "speaker": article["outlet"], "speaker_camp": "unknown",
                "anonymous": False, "attribution": "own_assertion", "reporting_verb": None, "hedges": [], "quantities": [],
                "places": [], "event_date": pd.NaT, "claim_type": "casualties",
            })
    frame = pd.DataFrame(rows, columns=[c.name for c in store.claims.columns if c.name != "extracted_at"])
    for name in ("published", "event_date"):
        frame[name] = pd.to_datetime(frame[name], utc=True).astype("datetime64[us, UTC]")
    return frame


def fake_detect_blackouts(articles: pd.DataFrame, pack) -> pd.DataFrame:
    return pack.blackouts


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def fake_build_features(claims: pd.DataFrame, pack, blackouts: pd.DataFrame, context_claims: pd.DataFrame | None = None) -> pd.DataFrame:
    everything = pd.concat([claims, context_claims], ignore_index=True) if context_claims is not None and not context_claims.empty else claims
    keys = everything["text"].map(_normal)
    counts = keys.value_counts()
    corroborations = claims["text"].map(_normal).map(counts).fillna(1).astype(int) - 1
    return claims.assign(independent_corroborations=corroborations, specificity_score=0.5, in_blackout=False)


def fake_score_features(settings, features: pd.DataFrame) -> pd.DataFrame:
    probability = (0.3 + 0.2 * features["independent_corroborations"]).clip(upper=0.95)
    hashes = features.apply(
        lambda row: hashlib.sha256(json.dumps([int(row["independent_corroborations"]), float(row["specificity_score"])]).encode()).hexdigest(), axis=1
    )
    return pd.DataFrame({
        "claim_id": features["claim_id"], "model_name": settings.model_name, "model_version": "1", "features_hash": hashes,
        "probability": probability, "grade": (5 - 2 * features["independent_corroborations"]).clip(lower=1).astype(int),
        "reliability": None, "reasons": [["corroborated by %d" % n] for n in features["independent_corroborations"]],
        "scored_at": pd.Timestamp.now(tz="UTC").floor("us"),
    })


def install_fakes(monkeypatch) -> None:
    """Replace the other parts' functions used by flows/scoring.py with the stand-ins above."""
    from flows import scoring

    monkeypatch.setattr(scoring, "_load_packs", lambda settings: [FakePack()])
    monkeypatch.setattr(scoring, "_pick_theatre", lambda text, packs: packs[0].name)
    monkeypatch.setattr(scoring, "_extract_claims", fake_extract_claims)
    monkeypatch.setattr(scoring, "_detect_blackouts", fake_detect_blackouts)
    monkeypatch.setattr(scoring, "_build_features", fake_build_features)
    monkeypatch.setattr(scoring, "_score_features", fake_score_features)
    monkeypatch.setattr(scoring, "champion_version", lambda settings: "1")


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
