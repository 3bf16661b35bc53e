"""Tests for the pandas API over the store (flows/api.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from flows import api
from flows_fakes import populated_store


def test_claims_carry_latest_score_sorted_by_grade(tmp_path):
    """Check that claims() joins each claim's latest score (max scored_at) and sorts best grade first, unscored last."""
    settings, _ = populated_store(tmp_path / "home")
    frame = api.claims(settings=settings)
    assert list(frame["claim_id"].str[-1]) == ["3", "1", "2", "4"]
    first = frame.set_index(frame["claim_id"].str[-1]).loc["1"]
    assert first["probability"] == pytest.approx(0.55)
    assert first["grade"] == 3
    assert first["reasons"] == ["now corroborated by 2 sources"]
    assert pd.isna(frame.iloc[-1]["grade"]) and frame.iloc[-1]["reasons"] == []
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"


def test_claims_filters_combine(tmp_path):
    """Check that since/until, theatre, camp and grade filters restrict the claims as documented."""
    settings, _ = populated_store(tmp_path / "home")
    assert set(api.claims(camp="taliban", settings=settings)["speaker"]) == {"Zabihullah Mujahid"}
    assert len(api.claims(since="2021-09-07", settings=settings)) == 1
    assert len(api.claims(until="2021-09-07", settings=settings)) == 2
    assert len(api.claims(theatre="syria", settings=settings)) == 1
    assert sorted(api.claims(grade=[2, 3], settings=settings)["grade"].tolist()) == [2, 3]
    assert api.claims(grade=5, settings=settings)["claim_id"].str[-1].tolist() == ["2"]


def test_claims_rejects_bad_filters(tmp_path):
    """Check that an impossible grade or unreadable date fails with a message naming the value."""
    settings, _ = populated_store(tmp_path / "home")
    with pytest.raises(ValueError, match="grade 9 is not a credibility grade"):
        api.claims(grade=9, settings=settings)
    with pytest.raises(ValueError, match="cannot read 'last tuesday-ish'"):
        api.claims(since="last tuesday-ish", settings=settings)


def test_scores_keep_history_and_mark_latest(tmp_path):
    """Check that scores() returns every appended row with is_latest on the newest, and history=False one per claim."""
    settings, _ = populated_store(tmp_path / "home")
    history = api.scores(settings=settings)
    assert len(history) == 4
    claim_1 = history[history["claim_id"].str.endswith("1")]
    assert claim_1["probability"].tolist() == [0.30, 0.55]
    assert claim_1["is_latest"].tolist() == [False, True]
    latest = api.scores(history=False, settings=settings)
    assert len(latest) == 3 and latest["is_latest"].all()


def test_articles_credibility_is_mean_of_latest_claim_probabilities(tmp_path):
    """Check that articles() gives external_id and credibility = mean latest probability of the article's scored claims."""
    settings, _ = populated_store(tmp_path / "home")
    frame = api.articles(settings=settings).set_index("article_id")
    first = frame.loc[f"{1:016x}"]
    assert first["external_id"] == "u-1"
    assert first["credibility"] == pytest.approx((0.55 + 0.20) / 2)
    assert first["n_claims"] == 2 and first["n_scored_claims"] == 2
    assert pd.isna(frame.loc[f"{3:016x}", "credibility"])
    assert list(api.articles(camp="taliban", settings=settings)["outlet"]) == ["tolonews"]


def test_score_text_scores_with_stored_claims_as_context_without_storing(tmp_path, mlflow_uri):
    """Check that score_text() extracts and scores a text, corroborated by a stored claim of another source, writing nothing."""
    from flows import scoring, store
    from flows_fakes import article_row, home_with_mlflow, insert

    settings = home_with_mlflow(tmp_path / "home", mlflow_uri)
    engine = store.connect(settings.store_url)
    stored = "Resistance spokesman Fahim Dashty said on Wednesday that at least 40 Taliban fighters were killed at the Khawak Pass in Panjshir."
    insert(engine, store.articles, [article_row(1, text=stored, outlet="panjshir_observer", published="2021-09-02T10:00:00")])
    scoring.stage_extract(settings)
    before = store.count(engine, store.claims), store.count(engine, store.scores), store.count(engine, store.features)
    text = "A Taliban commander told Reuters that 40 Taliban fighters were killed at the Khawak Pass in Panjshir on Wednesday."
    frame = api.score_text(text, published="2021-09-03", outlet="reuters", settings=settings)
    assert len(frame) == 1
    assert frame.iloc[0]["outlet"] == "reuters"
    assert frame.iloc[0]["independent_corroborations"] == 1
    assert {"probability", "grade", "reasons", "model_version"} <= set(frame.columns)
    assert (store.count(engine, store.claims), store.count(engine, store.scores), store.count(engine, store.features)) == before

def test_score_text_on_an_empty_store_scores_the_text(tmp_path, mlflow_uri):
    """Check that score_text() on a home with no stored claim yet scores the text's claims (no context) instead of failing."""
    from flows_fakes import home_with_mlflow

    settings = home_with_mlflow(tmp_path / "home", mlflow_uri)
    text = "A Taliban commander told Reuters that 40 Taliban fighters were killed at the Khawak Pass in Panjshir on Wednesday."
    frame = api.score_text(text, published="2021-09-03", outlet="reuters", settings=settings)
    assert len(frame) == 1
    assert frame.iloc[0]["independent_corroborations"] == 0
    assert 0.0 < frame.iloc[0]["probability"] < 1.0
