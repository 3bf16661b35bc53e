"""Theatre packs: loading, checksums, schema errors, a third theatre without code changes, pick_theatre."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from features.extract import articles_from_texts, extract_claims
from features.theatre import pick_theatre
from flows.packs import THEATRES_DIR, available_packs, load_all_packs, load_pack, refresh_manifest

TINY = {
    "camps.csv": "camp,is_party,opponents,description\nblue,true,red,Blue army\nred,true,blue,Red army\nneutral,false,,Press\nunknown,false,,Unknown\n",
    "sources.csv": (
        "name,kind,aliases,camp,reliability,parent,anonymous\n"
        "Blue Army,organisation,Blues|the Blue Army,blue,,,false\n"
        "General Azur,person,Azur,blue,,Blue Army,false\n"
        "Red Command,organisation,the Reds,red,C,,false\n"
        "ruritanian herald,outlet,Ruritanian Herald,neutral,B,,false\n"
    ),
    "gazetteer.csv": "name,kind,aliases,parent,neighbours\nRuritania,country,,,\nStrelsau,city,Strelsau city,Ruritania,Zenda\nZenda,town,Zenda castle,Ruritania,Strelsau\n",
    "blackouts.csv": "event_id,region,start,partial_restoration,end,source,evidence\n",
    "lexicon.csv": "category,phrase,note\nmateriel,war wagons,\ncasualty,felled,killed\n",
}


def make_tiny_pack(folder: Path) -> Path:
    """Write a tiny 'ruritania' pack with a manifest and checksums into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"name": "ruritania", "version": "0.0.1", "description": "test theatre"}), encoding="utf-8")
    refresh_manifest(folder)
    return folder


def test_load_pack_reads_both_bundled_packs():
    """Check that both bundled packs load with registry, gazetteer, lexicon (base merged) and blackouts."""
    assert {"afghanistan-2021", "syria"} <= set(available_packs())
    afghanistan = load_pack("afghanistan-2021")
    assert set(afghanistan.camps["camp"]) == {"resistance", "taliban", "government", "neutral", "unknown"}
    assert afghanistan.sources.set_index("name").loc["Fahim Dashty", "camp"] == "resistance"
    places = afghanistan.places.set_index("name")
    assert places.loc["Khawak Pass", "parent"] == "Panjshir" and "Kapisa" in places.loc["Panjshir", "neighbours"]
    assert {"reporting_verb", "hedge", "casualty"} <= set(afghanistan.lexicon["category"])
    assert afghanistan.blackouts["region"].tolist() == ["Panjshir"]
    syria = load_pack("syria")
    outlets = set(syria.sources.loc[syria.sources["kind"] == "outlet", "name"])
    assert {"sana", "manar", "alalam", "tass", "sputnik", "etilaf", "trt", "dailysabah", "arabiya", "asharqalawsat", "alaraby", "jordantimes", "ahram", "nna", "reuters"} <= outlets
    governorates = set(syria.places.loc[syria.places["kind"] == "governorate", "name"])
    assert len(governorates) == 14
    assert len(load_all_packs()) >= 2


def test_load_pack_rejects_a_changed_file(tmp_path):
    """Check that editing a pack file without refreshing the manifest fails with a checksum error."""
    folder = make_tiny_pack(tmp_path / "ruritania")
    with (folder / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("Extra,person,,blue,,,false\n")
    with pytest.raises(ValueError, match="checksum mismatch"):
        load_pack(str(folder))


def test_load_pack_rejects_an_invalid_table(tmp_path):
    """Check that a bad reliability letter fails schema validation naming the pack and table."""
    folder = make_tiny_pack(tmp_path / "ruritania")
    text = (folder / "sources.csv").read_text(encoding="utf-8").replace("red,C,", "red,Z,")
    (folder / "sources.csv").write_text(text, encoding="utf-8")
    refresh_manifest(folder)
    with pytest.raises(ValueError, match="'ruritania': table 'sources' is invalid"):
        load_pack(str(folder))


def test_load_pack_names_a_missing_pack():
    """Check that an unknown pack name raises FileNotFoundError listing the available packs."""
    with pytest.raises(FileNotFoundError, match="no-such-theatre.*afghanistan-2021"):
        load_pack("no-such-theatre")


def test_bundled_manifests_match_their_files(tmp_path):
    """Check that the committed manifests carry the current checksums (a refresh changes nothing)."""
    for name in ("afghanistan-2021", "syria"):
        copy = shutil.copytree(THEATRES_DIR / name, tmp_path / name)
        before = (copy / "manifest.json").read_text(encoding="utf-8")
        refresh_manifest(copy)
        assert json.loads((copy / "manifest.json").read_text(encoding="utf-8")) == json.loads(before)


def test_extract_claims_works_with_a_third_theatre(tmp_path):
    """Check that a pack written to a temp folder drives extraction with no code change."""
    pack = load_pack(str(make_tiny_pack(tmp_path / "ruritania")))
    text = ("General Azur said on Tuesday that 12 Red soldiers were felled near Zenda. "
            "The Reds claimed that three war wagons were destroyed in Strelsau.")
    claims = extract_claims(articles_from_texts([text], outlet="ruritanian herald", published="2024-05-09"), pack)
    rows = claims[["speaker", "speaker_camp", "theatre", "claim_type"]].values.tolist()
    assert rows == [["General Azur", "blue", "ruritania", "casualties"], ["Red Command", "red", "ruritania", "materiel"]]
    assert claims["places"].tolist() == [["Zenda"], ["Strelsau"]]
    assert claims["quantities"].iloc[0][0]["counts"] == "Red soldiers killed"
    assert str(claims["event_date"].iloc[0].date()) == "2024-05-07"


def test_pick_theatre_follows_gazetteer_hits(seed_article):
    """Check that the seed picks afghanistan-2021 and a Syrian sentence picks syria."""
    packs = load_all_packs()
    assert pick_theatre(seed_article.read_text(encoding="utf-8"), packs) == "afghanistan-2021"
    assert pick_theatre("Air strikes hit Aleppo and Idlib as the army advanced in Hama.", packs) == "syria"
    with pytest.raises(ValueError, match="no theatre packs"):
        pick_theatre("text", [])


def test_pick_theatre_knows_syrian_suburbs_and_towns_beyond_the_governorates():
    """Check that a report naming only Syrian suburbs and towns (no governorate) picks syria, not the first pack."""
    packs = load_all_packs()
    assert pick_theatre("Barrel bombs hit Zamalka and Kafr Batna while clashes raged near Khan Sheikhoun.", packs) == "syria"


def test_bundled_lexicons_hold_each_phrase_once():
    """Check that the shared English lexicon and each pack's lexicon list no (category, phrase) row twice (merges of parallel branches tend to add one)."""
    import pandas as pd

    from flows.packs import LEXICON_DIR

    for path in [*sorted(LEXICON_DIR.glob("*.csv")), *sorted(THEATRES_DIR.glob("*/lexicon.csv"))]:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        repeated = table[table.duplicated(["category", "phrase"], keep=False)]
        assert repeated.empty, f"{path}: rows listed twice: {repeated[['category', 'phrase']].drop_duplicates().values.tolist()}"


def test_bundled_registries_list_each_alias_once_per_actor():
    """Check that no actor of a bundled source registry lists one alias twice (merges of parallel branches tend to add one)."""
    import pandas as pd

    for path in sorted(THEATRES_DIR.glob("*/sources.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        repeated = {row.name: sorted({alias for alias in row.aliases.split("|") if row.aliases.split("|").count(alias) > 1})
                    for row in table.itertuples() if row.aliases}
        assert not any(repeated.values()), f"{path}: aliases listed twice: {({k: v for k, v in repeated.items() if v})}"
