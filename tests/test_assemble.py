"""build_features: the four families joined onto the claims, validated as ClaimFeatures."""

from __future__ import annotations

import pytest

from features.assemble import all_blackouts, build_features
from features.schemas import ClaimFeatures, Claims
from tests.feature_packs import afghanistan_pack, blackout_frame, make_claims, seed_claims

PANJSHIR_CUT = {"region": "Panjshir", "start": "2021-08-28", "partial_restoration": "2021-09-03"}


@pytest.fixture(scope="module")
def seed_features():
    return build_features(seed_claims(), afghanistan_pack(blackouts=[PANJSHIR_CUT]))


def test_assemble_seed_has_every_column_once(seed_features):
    """Check that the seed gives one row per claim with exactly the ClaimFeatures columns, in order."""
    assert list(seed_features.columns) == list(ClaimFeatures.to_schema().columns)
    assert len(seed_features) == len(seed_claims())
    assert seed_features[ClaimFeatures.claim_id].tolist() == seed_claims()[Claims.claim_id].tolist()


def test_assemble_seed_family_values(seed_features):
    """Check one value from each family on Dashty's casualty claim (pack blackout used, corroboration 0 on the seed alone)."""
    row = seed_features.set_index(ClaimFeatures.claim_id).loc["seed08"]
    assert row[ClaimFeatures.self_serving] and row[ClaimFeatures.speaker_camp] == "resistance"
    assert row[ClaimFeatures.n_quantities] == 4
    assert row[ClaimFeatures.in_blackout] and row[ClaimFeatures.blackout_days] == 4.0
    assert row[ClaimFeatures.independent_corroborations] == 0 and row[ClaimFeatures.first_reported]


def test_assemble_given_blackouts_join_the_packs():
    """Check that blackouts passed in are used alongside the pack's own."""
    claims = make_claims([{Claims.text: "fighting in Kabul", Claims.places: ["Kabul"], Claims.event_date: "2021-09-01"}])
    pack = afghanistan_pack(blackouts=[PANJSHIR_CUT])
    extra = blackout_frame([{"region": "Kabul", "start": "2021-08-31", "source": "article-1"}])
    assert len(all_blackouts(pack, extra)) == 2
    assert build_features(claims, pack, extra)[ClaimFeatures.in_blackout].tolist() == [True]
    assert build_features(claims, pack)[ClaimFeatures.in_blackout].tolist() == [False]


def test_assemble_context_claims_feed_corroboration():
    """Check that a stored claim in context corroborates a new one and gets no row itself."""
    rows = [
        {Claims.claim_id: "new", Claims.article_id: "a1", Claims.text: "Taliban took Shotul", Claims.claim_type: "territory", Claims.places: ["Shotul"],
         Claims.event_date: "2021-09-05", Claims.speaker: "Taliban", Claims.speaker_camp: "taliban", Claims.attribution: "reported_speech"},
        {Claims.claim_id: "old", Claims.article_id: "a2", Claims.text: "Shotul district fell to the Taliban", Claims.claim_type: "territory", Claims.places: ["Panjshir"],
         Claims.event_date: "2021-09-05", Claims.outlet: "reuters", Claims.speaker: "reuters"},
    ]
    claims = make_claims(rows)
    features = build_features(claims.iloc[:1], afghanistan_pack(), context_claims=claims.iloc[1:])
    assert features[ClaimFeatures.claim_id].tolist() == ["new"]
    assert features[ClaimFeatures.independent_corroborations].tolist() == [1]
    assert features[ClaimFeatures.cross_camp_confirmation].tolist() == [True]


def test_assemble_runs_real_extraction_on_the_seed(seed_article):
    """Check that the real extractor's claims from the seed go through build_features (skipped until features.extract lands)."""
    extract = pytest.importorskip("features.extract")
    packs = pytest.importorskip("flows.packs")
    import pandas as pd

    from features.schemas import Articles

    pack = packs.load_pack("afghanistan-2021")
    text = seed_article.read_text(encoding="utf-8")
    articles = pd.DataFrame(
        {Articles.article_id: ["seed"], Articles.content_hash: ["0" * 64], Articles.external_id: [None], Articles.outlet: ["unknown"], Articles.url: [None],
         Articles.title: [text.splitlines()[0]], Articles.published: [pd.Timestamp("2021-09-02", tz="UTC")], Articles.text: [text], Articles.language: ["en"],
         Articles.label: [float("nan")], Articles.source: [str(seed_article)]}
    )
    articles[Articles.published] = articles[Articles.published].astype("datetime64[us, UTC]")
    claims = extract.extract_claims(articles, pack)
    features = build_features(claims, pack, extract.detect_blackouts(articles, pack))
    assert len(features) == len(claims) > 0
    assert features[ClaimFeatures.independent_corroborations].sum() == 0


@pytest.mark.parametrize("family", ["partisan", "specificity", "blackout", "corroboration"])
def test_assemble_docs_match_schema_descriptions(family):
    """Check that the module docstring table and docs/features.md give every family column with the schema's description."""
    import importlib
    import re
    from pathlib import Path

    from features import schemas

    model = {"partisan": schemas.PartisanFeatures, "specificity": schemas.SpecificityFeatures, "blackout": schemas.BlackoutFeatures,
             "corroboration": schemas.CorroborationFeatures}[family]
    expected = {name: column.description for name, column in model.to_schema().columns.items()}
    docstring = importlib.import_module(f"features.{family}").__doc__
    in_module = {name: meaning for name, _, meaning in re.findall(r"^\| (\w+) \| ([^|]+) \| (.+) \|$", docstring, re.M) if name != "column"}
    assert in_module == expected
    page = (Path(__file__).resolve().parent.parent / "docs" / "features.md").read_text(encoding="utf-8")
    in_page = {name: meaning for name, _, meaning, _ in re.findall(r"^\| (\w+) \| ([^|]+) \| ((?:[^|]|\|(?! ))+?) \| (.*) \|$", page, re.M)}
    for name, description in expected.items():
        assert in_page.get(name) == description, name
