"""Claim extraction on real sentences (the seed, FA-KES-style reporting) and its invariants."""

from __future__ import annotations

import functools
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from claim_helpers import claim_with, syria_claims
from features.extract import articles_from_texts, detect_blackouts, extract_claims
from features.schemas import Claims
from flows.cli import app
from flows.packs import load_pack


def _syria(text: str, outlet: str = "reuters", published: str = "2016-07-10") -> pd.DataFrame:
    return syria_claims(text, outlet=outlet, published=published)


SEED_PUBLISHED = "2021-09-02"


@pytest.fixture(scope="module")
def seed_claims(seed_article):
    """Claims of the seed article, published 2021-09-02 by an unknown outlet."""
    articles = articles_from_texts([seed_article.read_text(encoding="utf-8")], published=SEED_PUBLISHED)
    return extract_claims(articles, load_pack("afghanistan-2021"))


def test_extract_claims_validates_against_the_claims_schema(seed_claims):
    """Check that the output is a valid Claims frame with unique ids."""
    Claims.validate(seed_claims)
    assert seed_claims["claim_id"].is_unique and len(seed_claims) >= 12


def test_extract_claims_reads_the_dashty_casualty_claim(seed_claims):
    """Check speaker, camp, quantities, place and date of 'at least 40 Taliban fighters were killed'."""
    claim = claim_with(seed_claims, "at least 40 Taliban fighters were killed")
    assert (claim["speaker"], claim["speaker_camp"], claim["attribution"], claim["claim_type"]) == ("Fahim Dashty", "resistance", "reported_speech", "casualties")
    assert [(q["value"], q["counts"], q["approximator"]) for q in claim["quantities"]] == [
        (40.0, "Taliban fighters killed", "at least"), (35.0, "Taliban fighters injured", "around"),
        (4.0, "Taliban Humvees destroyed", None), (2.0, "Ford Ranger pickup trucks destroyed", None),
    ]
    assert claim["places"] == ["Khawak Pass"]
    assert str(claim["event_date"].date()) == "2021-09-01"


def test_extract_claims_splits_one_sentence_into_several_claims(seed_claims):
    """Check that Dashty's sentence gives a direct quote and a reported casualty claim."""
    same_sentence = seed_claims[seed_claims["sentence"].str.contains("did not advance even a kilometer", regex=False)]
    assert same_sentence["attribution"].tolist() == ["direct_quote", "reported_speech"]
    assert set(same_sentence["speaker"]) == {"Fahim Dashty"}


def test_extract_claims_resolves_a_pronoun_to_the_last_named_speaker(seed_claims):
    """Check that 'He had previously said on Monday' is Fahim Dashty's, dated Monday 2021-08-30."""
    claim = claim_with(seed_claims, "captures of both Taliban fighters")
    assert (claim["speaker"], claim["claim_type"], str(claim["event_date"].date())) == ("Fahim Dashty", "captures", "2021-08-30")


def test_extract_claims_keeps_anonymous_speakers_as_written(seed_claims):
    """Check 'some accounts' and 'pro-Taliban propagandists' are anonymous speakers kept as written."""
    accounts = claim_with(seed_claims, "Bazaar Shirkat, Jamalagha")
    assert (accounts["speaker"], bool(accounts["anonymous"]), accounts["speaker_camp"]) == ("some accounts", True, "unknown")
    assert accounts["places"] == ["Bazaar Shirkat", "Jamalagha", "Deh Baba Ali", "Kuhband", "Kapisa"]
    propagandists = claim_with(seed_claims, "skirmishes earlier this week")
    assert (propagandists["speaker"], bool(propagandists["anonymous"]), propagandists["speaker_camp"]) == ("pro-Taliban propagandists", True, "taliban")


def test_extract_claims_marks_passive_and_own_assertions(seed_claims):
    """Check 'said to have died' is passive with its hedge and the blackout sentence is the outlet's own assertion."""
    passive = claim_with(seed_claims, "at least six resistance fighters")
    assert (passive["attribution"], passive["reporting_verb"], "said to" in passive["hedges"]) == ("passive", "has been reported", True)
    own = claim_with(seed_claims, "cut telephone and internet connections")
    assert (own["attribution"], own["speaker"], own["claim_type"], str(own["event_date"].date())) == ("own_assertion", "unknown", "communications", "2021-08-28")


def test_extract_claims_skips_commentary(seed_claims):
    """Check that the closing opinion ('do not bode well', 'seems elusive') yields no claim."""
    assert not seed_claims["text"].str.contains("bode well|seems elusive").any()


def test_extract_claims_gives_stable_ids(seed_article):
    """Check that the same article and spans give the same claim ids on a second run."""
    articles = articles_from_texts([seed_article.read_text(encoding="utf-8")], published=SEED_PUBLISHED)
    first = extract_claims(articles, load_pack("afghanistan-2021"))
    second = extract_claims(articles, load_pack("afghanistan-2021"))
    assert first["claim_id"].tolist() == second["claim_id"].tolist()


def test_extract_claims_reads_syrian_attribution_forms():
    """Check trailing 'a monitor said', 'according to SANA' and 'activists said' on Syrian-war sentences."""
    claims = _syria(
        "At least 29 rebels were killed in clashes with regime troops near Aleppo overnight a monitor said Sunday. "
        "Five soldiers were wounded by mortar shells in Daraa according to SANA. "
        "Activists said dozens of civilians fled Douma."
    )
    rows = claims[["speaker", "speaker_camp", "attribution", "anonymous"]].values.tolist()
    assert rows == [
        ["Syrian Observatory for Human Rights", "opposition", "reported_speech", False],
        ["sana", "loyalist", "according_to", False],
        ["activists", "unknown", "reported_speech", True],
    ]
    assert [q["value"] for q in claims["quantities"].iloc[0]] == [29.0]
    assert claims["places"].tolist() == [["Aleppo"], ["Daraa"], ["Douma"]]
    assert str(claims["event_date"].iloc[0].date()) == "2016-07-10"


def test_extract_claims_uses_the_outlet_for_own_assertions():
    """Check that an unattributed factual sentence is the outlet's own assertion with the outlet's camp."""
    claims = _syria("Syrian army units destroyed four tanks and killed 12 terrorists in Hama countryside.", outlet="sana")
    claim = claims.iloc[0]
    assert (claim["speaker"], claim["speaker_camp"], claim["attribution"]) == ("sana", "loyalist", "own_assertion")
    assert pd.isna(claim["reporting_verb"])
    assert claim["claim_type"] == "casualties" and claim["places"] == ["Hama"]


def test_extract_claims_handles_empty_and_odd_text():
    """Check that empty text, punctuation only and replacement characters give no crash and no claims."""
    claims = extract_claims(articles_from_texts(["", "...", "\ufffd\ufffd 12 -- ?"], published=None), load_pack("syria"))
    assert claims.empty or Claims.validate(claims) is not None


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        # recaptures (territory) and attacks by fire or explosion without harm reported (other, docs/annotation.md)
        ("Government troops freed the town of Palmyra from militants on Sunday.", "territory"),
        ("A military helicopter came under fire from the ground near Hama on Friday.", "other"),
        ("Warplanes bombarded opposition-held districts of Aleppo overnight.", "other"),
        ("A suicide bomber detonated an explosives-laden truck near a checkpoint in Homs.", "other"),
        # who controls ground, setbacks, foiled pushes, confrontations
        ("The militia largely controls the eastern half of the valley.", "territory"),
        ("Most of the district is now under government control.", "territory"),
        ("Loyalist troops have suffered setbacks in the mountains since the spring.", "territory"),
        ("Border guards thwarted an attempt by smugglers' fighters to reach the hill.", "territory"),
        ("The plain has seen repeated confrontations between two rival militias this year.", "territory"),
        # who is allied with or backs whom
        ("The hill brigade has allied elsewhere with tribal militias.", "other"),
        ("Its fighters cooperate with the coastal front and share its depots.", "other"),
        ("The garrison had been supported by volunteers coming from the border villages.", "other"),
    ],
)
def test_extract_claims_reads_the_outlets_own_event_control_and_alliance_sentences_as_claims(sentence, claim_type):
    """Check that the outlet's own report of a recapture, of who controls ground, a setback, a foiled push,
    confrontations (territory), of an attack or of an alliance (other) is one claim of that type, its own assertion."""
    claims = _syria(sentence, outlet="reuters")
    assert len(claims) == 1 and claims.iloc[0]["claim_type"] == claim_type and claims.iloc[0]["attribution"] == "own_assertion"


def test_extract_claims_reads_won_back_as_territory():
    """Check that 'won back' (a recapture without the verb retook) types an own claim as territory."""
    claims = _syria("Militiamen backed by local volunteers won back a ridge above the river.", outlet="reuters")
    assert len(claims) == 1 and claims.iloc[0]["claim_type"] == "territory"


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        # driving a force out of ground, pushing into it, taking it (the verbs of round 14's corpus audit)
        ("The tribal militia expelled a rival brigade from the hilltop village last week.", "territory"),
        ("Loyalist units expel the fighters from every farm they reach.", "territory"),
        ("Armoured columns pushed deep into the valley before dawn.", "territory"),
        ("Their brigades pushed into the old quarter of the town.", "territory"),
        ("A strip of farmland has been taken under control by the border guards.", "territory"),
        ("The militia won a decisive round by seizing the last village on the ridge.", "territory"),
        ("The militia won a decisive round by seizing two armoured trucks.", "materiel"),
        # who holds ground, written as under a named or described side's control
        ("The river crossing which has been largely under IS control since last year lies north of the dam.", "territory"),
        ("The farms have been under Daesh control for two years now.", "territory"),
        ("The hamlet lies some ten kilometres from the market town under Kurdish control.", "territory"),
        ("Supplies reach the hamlets under their control only by night.", "territory"),
        # pulling out, tightening a grip, gaining territory, mop-up operations, ground in or out of a side's control
        ("Border troops pulled out of the two hill villages last spring.", "territory"),
        ("The militia began withdrawing from its posts around the dam overnight.", "territory"),
        ("The tribal fighters are tightening their grip on the river valley.", "territory"),
        ("Foreign volunteers helped the militia to gain territory along the coast.", "territory"),
        ("Militia units continued their mop-up operations in the farms east of the dam.", "territory"),
        ("Most of the farmland has been out of army control for a year.", "territory"),
        ("Only three hamlets on the ridge remain in rebel control.", "territory"),
        ("The tribes also control pockets of farmland south of the dam.", "territory"),
    ],
)
def test_extract_claims_reads_expulsions_pushes_and_control_by_a_side_as_territory(sentence, claim_type):
    """Check that the outlet's own report of a side expelled, a push into ground, ground taken under control or seized,
    or ground under a named side's control ('under IS control', 'under their control'), troops pulling out, a grip
    tightened, territory gained, mop-up operations, ground in or out of a side's control or a side that now controls it
    is one territory claim."""
    claims = _syria(sentence, outlet="reuters")
    assert len(claims) == 1 and claims.iloc[0]["claim_type"] == claim_type and claims.iloc[0]["attribution"] == "own_assertion"


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        # battles in the plural, ground that changed hands (round 15's audit of own text with no fact word)
        ("The lull on the front followed weeks of intense battles between the two militias.", "territory"),
        ("The hill fort has changed hands several times since the spring.", "territory"),
        # people imprisoned or jailed, executions
        ("The provincial governor then imprisoned most of the town council.", "captures"),
        ("The tribal elders were jailed without trial last winter.", "captures"),
        ("The militia has carried out several public executions in the market square.", "casualties"),
        # a side's closest or strongest ally, a side strongly backed
        ("The northern emirate is the militias strongest regional ally and pays its salaries.", "other"),
        ("The coastal republic has strongly backed the exiled council for years.", "other"),
        # ground lost or gained, weapons confiscated
        ("The hill brigade has been losing ground to the tribal militia since the spring.", "territory"),
        ("Border guards confiscated two lorries of rifles and mortar rounds at the crossing.", "materiel"),
    ],
)
def test_extract_claims_reads_battles_imprisonment_executions_and_allies_as_claims(sentence, claim_type):
    """Check that the outlet's own report of battles, ground that changed hands, people imprisoned or jailed,
    executions, a side's strongest or closest ally or strong backer, ground being lost or weapons confiscated is one
    claim of that type, its own assertion."""
    claims = _syria(sentence, outlet="reuters")
    assert len(claims) == 1 and claims.iloc[0]["claim_type"] == claim_type and claims.iloc[0]["attribution"] == "own_assertion"


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("The valley town has been held by the militia since the first winter of the war.", "territory"),
        ("The port city has seen some of the worst violence of the uprising.", "other"),
        ("A new alliance of hill clans includes the coastal front and smaller bands.", "other"),
    ],
)
def test_extract_claims_reads_holding_violence_and_alliance_nouns_as_own_claims(sentence, claim_type):
    """Check that 'held by', 'the worst violence' and the noun 'alliance' make an own background sentence a claim."""
    claims = _syria(sentence, outlet="reuters")
    assert len(claims) == 1 and claims.iloc[0]["claim_type"] == claim_type


def test_extract_claims_pauses_the_collector_only_while_extracting(monkeypatch):
    """Check that the cyclic garbage collector is off during a batch and comes back as it was, error or not."""
    import gc

    import features.extract as extract_module

    seen = []
    real_claim_rows = extract_module._claim_rows

    def spying_claim_rows(*args):
        seen.append(gc.isenabled())
        return real_claim_rows(*args)

    monkeypatch.setattr(extract_module, "_claim_rows", spying_claim_rows)
    articles = articles_from_texts(["Rebels said 12 soldiers were killed in Aleppo on Monday."], outlet="reuters", published="2016-07-10")
    assert gc.isenabled()
    extract_claims(articles, load_pack("syria"))
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        extract_claims(articles, load_pack("syria"))
        assert not gc.isenabled(), "a collector the caller switched off must stay off"
    finally:
        gc.enable()

    def failing_claim_rows(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_module, "_claim_rows", failing_claim_rows)
    with pytest.raises(RuntimeError, match="boom"):
        extract_claims(articles, load_pack("syria"))
    assert gc.isenabled()


def test_detect_blackouts_finds_the_panjshir_shutdown(seed_article):
    """Check that the seed reports a Panjshir blackout from 2021-08-28, partly restored by publication."""
    articles = articles_from_texts([seed_article.read_text(encoding="utf-8")], published=SEED_PUBLISHED)
    events = detect_blackouts(articles, load_pack("afghanistan-2021"))
    assert len(events) == 1
    event = events.iloc[0]
    assert (event["region"], str(event["start"].date()), str(event["partial_restoration"].date())) == ("Panjshir", "2021-08-28", "2021-09-02")
    assert pd.isna(event["end"]) and "telephone and internet" in event["evidence"]


def test_cli_extract_prints_jsonl_for_the_seed(seed_article, home):
    """Check that `claimcred extract --format jsonl` prints one JSON claim a line with the schema columns."""
    result = CliRunner().invoke(app, ["extract", str(seed_article), "--published", SEED_PUBLISHED, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(rows) >= 12 and set(Claims.to_schema().columns) <= set(rows[0])
    assert {row["theatre"] for row in rows} == {"afghanistan-2021"}


def test_cli_extract_adds_features_and_expert_prior_scores_without_a_store(seed_article, home):
    """Check that `extract` prints the feature families and a score per claim, and creates no store or MLflow database."""
    from features.schemas import ClaimFeatures

    result = CliRunner().invoke(app, ["extract", str(seed_article), "--published", SEED_PUBLISHED, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert set(ClaimFeatures.to_schema().columns) <= set(rows[0])
    assert all(0.0 <= row["probability"] <= 1.0 and 1 <= row["grade"] <= 6 and row["reasons"] for row in rows)
    assert {row["model_version"] for row in rows} == {"expert-prior (not registered)"}
    died = next(row for row in rows if "six resistance fighters" in row["text"])
    killed = next(row for row in rows if "40 Taliban fighters" in row["text"])
    assert died["probability"] > killed["probability"]
    assert not (home / "claims.db").exists() and not (home / "mlflow.db").exists()


def test_cli_extract_names_a_missing_file(tmp_path, home):
    """Check that a missing file exits 1 with one line naming it."""
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(app, ["extract", str(missing), "--format", "jsonl"])
    assert result.exit_code == 1 and "nope.txt" in result.output


def test_cli_blackouts_prints_events(seed_article, home):
    """Check that `claimcred blackouts` prints the Panjshir event as JSON."""
    result = CliRunner().invoke(app, ["blackouts", str(seed_article), "--published", SEED_PUBLISHED])
    assert result.exit_code == 0, result.output
    event = json.loads(result.output.strip().splitlines()[0])
    assert event["region"] == "Panjshir" and event["start"].startswith("2021-08-28")


@functools.lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sentencizer_starts(text: str) -> list[bool]:
    return [bool(token.is_sent_start) for token in _sentencizer()(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels said 12 died. Others disagreed!! \"Really?\" he asked... Then (at 5 p.m.) it ended.",
        "No full stop at all",
        "Ends with marks?!",
        "",
        "...",
        "A. B. C.\n\nNext line. 。Done",
    ],
)
def test_toks_sentence_starts_follow_the_spacy_sentencizer(text):
    """Check that sentence starts computed from token arrays equal spaCy's sentencizer on text without line breaks."""
    from features.extract import _Toks, compile_pack

    doc = compile_pack(load_pack("syria")).nlp.tokenizer(text.replace("\n", " "))
    assert _Toks(doc, doc.text).sent_start == _sentencizer_starts(doc.text)


def test_toks_sentence_starts_follow_the_spacy_sentencizer_on_fakes(fakes_csv):
    """Check that sentence starts equal spaCy's sentencizer (plus line breaks) on 40 FA-KES articles."""
    from features.extract import _Toks, compile_pack

    tokenizer = compile_pack(load_pack("syria")).nlp.tokenizer
    for text in pd.read_csv(fakes_csv)["article_content"].head(40):
        toks = _Toks(tokenizer(text), text)
        expected = _sentencizer_starts(text)
        for index in range(len(expected) - 1):
            if toks.space[index] and "\n" in toks.token(index):
                expected[index + 1] = True
        assert toks.sent_start == expected


@pytest.mark.parametrize("text", ["ΟΔΟΣ ΣΟΦΙΑΣ: 12 killed. İstanbul said it, although ΑΣ.", "Plain ASCII: forty-two killed, although late."])
def test_toks_lexeme_table_matches_spacy_token_attributes(text):
    """Check that token attributes read from the lexeme table equal spaCy's per-token attributes and the text's lowercase."""
    from features.extract import _Toks, compile_pack

    doc = compile_pack(load_pack("syria")).nlp.tokenizer(text)
    toks = _Toks(doc, text)
    assert list(toks.length) == [len(token) for token in doc]
    assert list(toks.alpha) == [int(token.is_alpha) for token in doc]
    assert list(toks.punct) == [int(token.is_punct) for token in doc]
    assert list(toks.space) == [int(token.is_space) for token in doc]
    assert list(toks.title) == [int(token.is_title) for token in doc]
    lowered = text.lower()
    expected_lower = [lowered[token.idx:token.idx + len(token)] for token in doc] if len(lowered) == len(text) else [token.text.lower() for token in doc]
    assert list(toks.lower) == expected_lower
    assert toks.alpha_before[-1] == sum(token.is_alpha for token in doc)


def test_detect_blackouts_finds_events_written_in_capitals_or_beside_non_ascii_text():
    """Check that the text prefilter of blackout detection keeps a sentence-initial capitalised phrase and non-ASCII articles."""
    articles = articles_from_texts(
        [
            "Internet shutdown hit Panjshir on Monday as the Taliban advanced.",
            "Résistance fighters said the Taliban cut internet access in Panjshir on Monday.",
            "Fighting continued in Panjshir on Monday.",
        ],
        published="2021-09-02",
    )
    events = detect_blackouts(articles, load_pack("afghanistan-2021"))
    assert sorted(events["source"]) == sorted(articles["article_id"][:2])


def test_detect_blackouts_tokenises_only_texts_holding_every_word_of_a_phrase(monkeypatch):
    """Check that texts with a blackout phrase's first word but not its other words are never tokenised, and that the others are."""
    import features.extract as extract_module

    seen = []
    original = extract_module._blackout_rows

    def spying_blackout_rows(doc, record, compiled):
        seen.append(record["text"])
        return original(doc, record, compiled)

    monkeypatch.setattr(extract_module, "_blackout_rows", spying_blackout_rows)
    texts = [
        "Rebels cut the supply road to Panjshir on Monday, and information about losses went unreported.",
        "The Taliban cut internet access in Panjshir on Monday.",
        "Phone lines were cut across Panjshir on Monday.",
    ]
    events = detect_blackouts(articles_from_texts(texts, published="2021-09-02"), load_pack("afghanistan-2021"))
    assert seen == texts[1:]
    assert len(events) == 2


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Air strikes killed 12 civilians in Deir el-Zour on Monday, the Syrian Observatory for Human Rights said.", ["Deir ez-Zor"]),
        ("Warplanes struck Maaret-al-Numan overnight, killing nine people, activists said.", ["Maarat al-Numan"]),
        ("Shelling killed four people in Ras El Ain on Friday, a local official said.", ["Ras al-Ain"]),
        ("Rebels shelled the Bab Amr district, killing three soldiers, state media said.", ["Baba Amr"]),
    ],
)
def test_extract_claims_reads_other_spellings_of_a_gazetteer_place(sentence, places):
    """Check that a place written with another form of its Arabic article (el-, El, hyphenated) or another
    transliteration resolves to its canonical gazetteer name, and that 'Bab Amr' is not the town of al-Bab."""
    assert _syria(sentence, outlet="reuters").iloc[0]["places"] == places


def test_extract_claims_names_towns_airbases_and_suburbs_with_their_parent_region():
    """Check that towns, airbases and suburbs common in war reporting are places with their governorate as parent."""
    claims = _syria("Government forces captured Khan Shaykhun and pushed towards the Abu al-Dhuhur airbase, the army said. "
                    "Air strikes killed 15 people in Zamalka and Ain Tarma on Sunday, activists said.", outlet="reuters")
    parents = dict(zip(load_pack("syria").places["name"], load_pack("syria").places["parent"]))
    assert claim_with(claims, "Khan Shaykhun")["places"] == ["Khan Sheikhoun", "Abu al-Duhur"]
    assert claim_with(claims, "Zamalka")["places"] == ["Zamalka", "Ain Tarma"]
    assert [parents[name] for name in ("Khan Sheikhoun", "Abu al-Duhur", "Zamalka")] == ["Idlib", "Idlib", "Rif Dimashq"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A tall building collapsed after the shelling killed six people, rescuers said.",
        "Hamas fighters killed two soldiers on Monday, the army said.",
        "The blast killed five people near a bab or gate of the old market, witnesses said.",
    ],
)
def test_extract_claims_keeps_english_words_and_bare_names_no_place(sentence):
    """Check that an English word or a name a place alias contains without its article ('tall' for al-Tall, 'Hamas'
    beside Hama, 'bab' beside al-Bab) is no place."""
    assert _syria(sentence, outlet="reuters").iloc[0]["places"] == []


def test_extract_claims_leaves_a_sharing_widget_and_its_counts_out_of_the_claim():
    """Check that 'Get short URL' and its share counts before the body are no part of the claim that follows."""
    text = "Army shells rebel town (updated 1457 19.07.2016) Get short URL 2440 Over 100 civilians have been killed in air strikes near Kafr Hamra a local source said."
    claim = claim_with(syria_claims(text, outlet="sputnik"), "civilians have been killed")
    assert claim["text"].startswith("Over 100 civilians")


def test_extract_claims_reads_a_tag_list_opening_on_a_lowercase_keyword_as_furniture():
    """Check that 'Tags airstrikes US-led coalition civilian casualties ...' after the body yields no claim."""
    text = ("Jets struck the market of Kafr Hamra on Monday, killing four people, a monitor said "
            "Tags airstrikes US-led coalition civilian casualties Syrian crisis Kafr Hamra Syria Community standards Comment via Facebook")
    claims = syria_claims(text, outlet="sputnik")
    assert not claims["text"].str.contains("Tags").any()


@pytest.mark.parametrize(
    ("text", "phrase", "places"),
    [
        ("Meanwhile in southern Hama province the monitor said four children were killed by shelling on a farm.", "four children were killed", ["Hama"]),
        ("In Deir Ezzor meanwhile activists said two men died when a shell hit their house.", "two men died", ["Deir ez-Zor"]),
        ("After rebels shelled Hama the monitor said four children were killed by shelling on a farm.", "four children were killed", []),
        ("In Hama after rebels shelled the town the monitor said four children were killed by shelling on a farm.", "four children were killed", []),
        ("Activists in Daraya said two men died when a shell hit their house.", "two men died", []),
    ],
)
def test_extract_claims_takes_the_places_of_a_lead_before_the_speaker(text, phrase, places):
    """Check that a claim naming no place takes those of an 'In ...' lead before its speaker, not of a lead holding a fact nor where the speaker is."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["places"] == places


@pytest.mark.parametrize(
    ("text", "phrase", "places"),
    [
        ("Kurdish forces captured most of Qamishli the capital of the district by the same name.", "Kurdish forces captured most of Qamishli", ["Qamishli"]),
        ("Air strikes hit Raqqa the capital city of the self-declared caliphate on Monday.", "Air strikes hit Raqqa", ["Raqqa"]),
        ("Mortar rounds hit two districts of the capital on Sunday.", "Mortar rounds hit two districts", ["Damascus"]),
    ],
)
def test_extract_claims_reads_the_capital_of_a_province_as_no_damascus(text, phrase, places):
    """Check that 'the capital of ...' names another place's capital, not Damascus, while 'the capital' alone still is Damascus."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["places"] == places


def test_extract_claims_takes_no_place_from_a_lead_of_a_statement():
    """Check that 'In a statement issued in Hama the governor said ...' gives the claim no place from the lead, nor does
    an 'In ...' lead give one to content that comes before its frame ('"..." the commander said')."""
    claims = syria_claims("Fighting went on in the north. In a statement issued in Hama the governor said four children were killed by shelling on a farm.")
    assert claim_with(claims, "four children were killed")["places"] == []
    claims = syria_claims('Fighting went on in the north. In Idlib a rebel commander spoke out "We will not leave our homes whatever happens '
                          'to us in the end" the commander said.')
    assert claim_with(claims, "leave our homes")["places"] == []  # content before its frame: the lead is not its lead


@pytest.mark.parametrize(
    ("text", "phrase", "expected_type"),
    [
        ("Sun Mar 6 2016 Syrian Army Kills Senior Rebel Commander Near Douma. Fighting went on in the east of the city.",
         "Kills Senior Rebel Commander", "casualties"),
        ("12-03-2016 Many Civilians Martyred as Rebels Shell Western Aleppo. Fighting went on in the east of the city.",
         "Many Civilians Martyred", "casualties"),
    ],
)
def test_extract_claims_reads_a_capitalised_fact_verb_in_a_title_case_headline(text, phrase, expected_type):
    """Check that a Title Case headline with no lowercase fact word, no report and no count yields a claim: there its
    capitalised verb ('Kills', 'Martyred') is the headline's verb, not part of a name."""
    claim = claim_with(syria_claims(text), phrase)
    assert (claim["speaker"], claim["claim_type"]) == ("reuters", expected_type)


def test_extract_claims_reads_no_capitalised_fact_word_in_a_sentence_that_is_no_headline():
    """Check that a capitalised fact word inside a name in an ordinary sentence ('the Syrian Civil Defence in Liberated
    Aleppo Province') stays no fact word, so the sentence yields no claim."""
    claims = syria_claims("Fighting went on in the north. The photo was provided by the Syrian Civil Defence in Liberated Aleppo Province.")
    assert claims["text"].str.contains("photo").sum() == 0
