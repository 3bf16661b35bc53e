"""Speaker rules of claim extraction: unregistered group speakers, places as speakers, headlines run into the text."""

from __future__ import annotations

import pandas as pd
import pytest

from claim_helpers import claim_with, syria_claims
from features.extract import articles_from_texts, compile_pack, extract_claims
from flows.packs import load_pack


def _who(claim: pd.Series) -> tuple[str, str, bool]:
    return claim["speaker"], claim["speaker_camp"], bool(claim["anonymous"])


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Air strikes hit the rebel-held east of the city on Tuesday Russian sources reported.", "Air strikes hit", ("Russian sources", "loyalist", True)),
        ("Syrian state media said 12 soldiers were killed in the ambush near Palmyra.", "12 soldiers were killed", ("Syrian state media", "loyalist", True)),
        ("Rebel commanders said they had captured three villages south of Aleppo.", "captured three villages", ("rebel commanders", "opposition", True)),
        ("Local residents said at least nine people were killed in the shelling.", "nine people were killed", ("local residents", "unknown", True)),
        ("Syrian activists said 20 people were killed in the air raid on Douma.", "20 people were killed", ("Syrian activists", "unknown", True)),
        ("Four civilians were killed in the shelling of Jobar according to opposition activists.", "Four civilians were killed", ("opposition activists", "opposition", True)),
        ("Kurdish officials said 14 fighters were killed in the attack on Hasakah.", "14 fighters were killed", ("Kurdish officials", "kurdish", True)),
        ("Pentagon officials said the strikes destroyed 12 oil trucks near Raqqa.", "destroyed 12 oil trucks", ("United States", "coalition", False)),
    ],
)
def test_extract_claims_widens_group_speakers_over_their_modifiers(text, phrase, expected):
    """Check that a group noun keeps its demonym, side adjective or qualifier, with the camp the pack gives it."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_leaves_the_source_as_a_back_reference():
    """Check that 'the source said' after a named speaker resolves to that speaker, not to a group 'source'."""
    claims = syria_claims("A military source told SANA that 30 terrorists were killed in Hama. The source said the army destroyed four tanks in the area.")
    assert claim_with(claims, "destroyed four tanks")["speaker"] == "Syrian Army"


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Activists in Deir Ezzor said that 15 people were killed in the air raid.", "15 people were killed", "activists"),
        ("SANA reporter in Deir Ezzor said that 20 rocket shells hit the neighbourhood.", "20 rocket shells", "sana"),
        ("The bombing of a market in Aleppo Ibrahim Abu Leith told Anadolu Agency that 20 people were killed.", "20 people were killed", "Ibrahim Abu Leith"),
        # the organisation is the speaker as written (docs/annotation.md, Speaker rule 3), never 'Idlib' or 'Thursday'
        ("The civil administration of Idlib on Thursday announced that 12 people were killed in the strike.", "12 people were killed", "the civil administration of Idlib"),
    ],
)
def test_extract_claims_takes_no_place_or_date_as_speaker(text, phrase, speaker):
    """Check that a place or a weekday before the verb is not taken for the speaker."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == speaker


def test_extract_claims_lets_a_country_stand_for_its_government():
    """Check capital/country metonymy: 'Iraq said' names a speaker, 'fighting in Iraq said' does not."""
    speaking = claim_with(syria_claims("But Iraq said that 40 militants crossed the border near Albu Kamal on Monday."), "40 militants crossed")
    assert speaking["speaker"] == "Iraq"
    located = claim_with(syria_claims("Officials in Iraq said that 40 militants crossed the border near Albu Kamal on Monday."), "40 militants crossed")
    assert located["speaker"] == "officials"
    qualified = syria_claims("Warplanes shelled northern Syria claiming that 20 militants were killed near Albu Kamal.")
    assert "Syria" not in set(qualified["speaker"])


def test_extract_claims_separates_a_run_in_headline_and_outlet_tag():
    """Check that a date prefix, a headline and the outlet tag run into the first sentence start sentences of their own."""
    text = "14 August 2016 Civilian killed 3 injured in terrorist attacks on Aleppo SANA One civilian was killed and three others were injured by rocket shells on Aleppo."
    claims = syria_claims(text, outlet="sana")
    body = claim_with(claims, "three others were injured")
    assert body["sentence"].startswith("One civilian") and body["speaker"] == "sana"
    assert not claims["sentence"].str.startswith("14 August").any()


def test_extract_claims_separates_a_title_case_headline():
    """Check that a Title Case headline without a full stop is its own sentence, so the body's first claim starts after it."""
    text = "12-05-2016 Army Kills 30 Terrorists in Hama Countryside The army units killed 30 terrorists in the countryside of Hama on Thursday."
    body = claim_with(syria_claims(text, outlet="manar"), "army units killed")
    assert body["sentence"].startswith("The army units")


def test_extract_claims_reads_group_speakers_and_headlines_on_fakes(fakes_csv):
    """Check on a FA-KES article: the headline-run first sentence and 'Russian sources reported' with its camp."""
    fakes = pd.read_csv(fakes_csv, dtype={"unit_id": str})
    row = fakes[fakes["unit_id"] == "1923102944"].iloc[0]
    claims = syria_claims(row.article_content, outlet=row.source)
    assert not claims["sentence"].str.startswith("Date of publication").any()
    russian = claims[claims["speaker"] == "Russian sources"]
    assert len(russian) >= 1 and set(russian["speaker_camp"]) == {"loyalist"} and russian["anonymous"].all()


def test_extract_claims_starts_the_body_after_a_title_case_headline_on_fakes(fakes_csv):
    """Check on FA-KES articles that open with a date and a Title Case headline that no claim's sentence starts with the date."""
    fakes = pd.read_csv(fakes_csv, dtype={"unit_id": str})
    manar = fakes[fakes["source"] == "manar"].head(30)
    articles = pd.concat(
        [articles_from_texts([r.article_content], outlet=r.source, published=pd.to_datetime(r.date, format="%m/%d/%Y")) for r in manar.itertuples()],
        ignore_index=True,
    ).drop_duplicates("article_id")
    claims = extract_claims(articles, load_pack("syria"))
    assert len(claims) > 30
    assert not claims["sentence"].str.match(r"\d\d-\d\d-\d{4} ").any()


@pytest.mark.parametrize(
    ("text", "phrase", "opening"),
    [
        ("8 persons killed 58 others injured in rocket attacks on Aleppo city 6 October 2016 Aleppo SANA-Terrorist organizations fired tens of shells on Aleppo city killing 8 people.",
         "fired tens of shells", "Terrorist organizations"),
        ("Syria fighting kills 20 rebels Monitor AFP Monday 18 Aug 2014 Syrian war planes bombed positions in Raqa killing 20 rebels a monitoring group said.",
         "bombed positions in Raqa", "Syrian war planes"),
        ("More than 30 rebels killed in suicide blast The Islamic State group on Monday claimed responsibility for a suicide bombing that killed 30 rebels.",
         "claimed responsibility", "The Islamic State"),
        ("Syrian forces shell Douma. BEIRUT August 21 (The Associated Press) Syrian regime forces fired rocket barrages on Douma killing 12 people.",
         "fired rocket barrages", "Syrian regime forces"),
    ],
)
def test_extract_claims_starts_the_body_after_a_headline_date_or_dateline(text, phrase, opening):
    """Check that a date, an outlet tag, a capitalised opener or a parenthesised dateline after a run-in headline starts the body's sentence."""
    rows = syria_claims(text, outlet="ahram")
    claim = rows[rows["text"].str.contains(phrase, regex=False) | rows["sentence"].str.contains(phrase, regex=False)].iloc[0]
    assert claim["sentence"].startswith(opening), claim["sentence"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("A source at Hama Police Command told SANA that two civilians were killed by a rocket shell.", "a source at Hama Police Command"),
        ("Rockets hit Aleppo. A source at the Police Command told SANA on Friday that two civilians were killed by a rocket shell.", "a source at the Police Command"),
    ],
)
def test_extract_claims_keeps_the_source_with_the_office_it_speaks_from(text, speaker):
    """Check that an anonymous source placed in an office ('a source at Hama Police Command') is the phrase as written, not the office alone."""
    claims = syria_claims(text, outlet="sana")
    assert _who(claim_with(claims, "two civilians were killed")) == (speaker, "unknown", True)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Heavy fighting continued overnight in the Panjshir Valley claiming the lives of 20 Taliban fighters.", "BBC"),
        ("Residents fleeing the Panjshir Valley said that 34 civilians were killed in the shelling.", "residents"),
    ],
)
def test_extract_claims_takes_no_valley_as_speaker(text, speaker):
    """Check that a gazetteer place of a non-metonymic kind (a valley, with its article) is never the speaker."""
    claims = extract_claims(articles_from_texts([text], outlet="BBC", published="2021-09-02"), load_pack("afghanistan-2021"))
    assert "Panjshir Valley" not in set(claims["speaker"]) and speaker in set(claims["speaker"])


def test_extract_claims_gives_a_quotation_the_speaker_named_where_it_closes():
    """Check that sentences of a quotation attributed at its end ('"A. B." the representative said') are the speaker's."""
    text = (
        "A representative of the Syrian army told SANA that troops clashed with militants east of Palmyra. "
        '"The attack was repelled. Our units destroyed 60 vehicles of the militants." the military representative said. '
        "Government troops shelled the town of Palmyra on Sunday."
    )
    claims = syria_claims(text, outlet="tass")
    repelled, destroyed = claim_with(claims, "attack was repelled"), claim_with(claims, "destroyed 60 vehicles")
    assert (destroyed["speaker"], destroyed["attribution"]) == ("Syrian Army", "direct_quote")
    assert repelled["speaker"] == "Syrian Army"
    assert claim_with(claims, "troops clashed")["text"].startswith("troops clashed")  # 'told SANA that': the object is no content
    assert claim_with(claims, "shelled the town")["attribution"] == "own_assertion"


def test_extract_claims_continues_the_speaker_of_the_previous_quotation():
    """Check that a quotation opening right after an attributed quotation ('"A" said X. "B."') is X's, title dropped."""
    text = (
        '"We are still finding bodies in the houses" said Sheikh Ali Hassan Mahmoud a cleric in Latakia. '
        '"Until now 150 villagers have been kidnapped. We have lost contact with them." '
        "The army shelled the village of Kasab on Monday."
    )
    claims = syria_claims(text, outlet="alalam")
    kidnapped = claim_with(claims, "150 villagers have been kidnapped")
    assert (kidnapped["speaker"], kidnapped["attribution"]) == ("Ali Hassan Mahmoud", "direct_quote")
    assert claim_with(claims, "shelled the village")["speaker"] == "alalam"


def test_extract_claims_resolves_surnames_and_single_names_to_persons():
    """Check that 'Sino said' is the Mustafa Sino named before, and that 'He' after 'Xelil said' is Xelil."""
    text = (
        "Kurdish National Council official Mustafa Sino said 1500 people were killed in the fighting in Hasakah. "
        "Sino said the talks with the government had failed. "
        "Some of the attackers crossed from the north Xelil said. He said dozens of fighters had been killed in Qamishli."
    )
    claims = syria_claims(text)
    assert claim_with(claims, "1500 people were killed")["speaker"] == "Mustafa Sino"
    assert claim_with(claims, "talks with the government")["speaker"] == "Mustafa Sino"
    assert claim_with(claims, "dozens of fighters")["speaker"] == "Xelil"


def test_extract_claims_takes_a_name_before_based_or_backed_as_a_modifier():
    """Check that 'the Britain-based group said' is not a claim of Britain (the name only qualifies the group)."""
    claims = syria_claims("At least 140 people were wounded the Britain-based group said.")
    assert claim_with(claims, "140 people were wounded")["speaker"] != "United Kingdom"


def test_extract_claims_reads_a_frame_followed_by_a_participle_as_closing_the_claim():
    """Check that in '... on Thursday activists said keeping up pressure ...' the content before the frame is the activists'."""
    claims = syria_claims("Government forces bombarded rebel-held suburbs of Damascus on Thursday activists said keeping up pressure on the besieged region.")
    assert _who(claim_with(claims, "bombarded rebel-held suburbs")) == ("activists", "unknown", True)
    denial = syria_claims("The hospital in the east of Aleppo was hit on Monday the Syrian government denied bombing the hospital in Aleppo.")
    assert claim_with(denial, "bombing the hospital")["speaker"] == "Syrian Government"  # 'denied bombing': the gerund is the content


def test_extract_claims_reads_a_name_after_an_inverted_verb_without_a_comma():
    """Check that '... said Said Seif al Qalamoni from the brigade' names the speaker, and 'said Ahmed Karim Hassan will' does not."""
    claims = syria_claims("The strikes on the town are in retaliation for the execution of the pilot said Said Seif al Qalamoni from the local brigade.")
    assert claim_with(claims, "in retaliation")["speaker"] == "Said Seif al Qalamoni"
    content = syria_claims("Fighting resumed on Monday near Hama and the council said Ahmed Karim Hassan will lead the talks in Geneva.")
    assert all(speaker != "Ahmed Karim Hassan" for speaker in content["speaker"])
    reporters = syria_claims("Islamic State vehicles were also hit in Hasakah to the north east reporters said.")
    assert claim_with(reporters, "vehicles were also hit")["speaker"] == "reporters"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The raids targeted a school and a clinic in Jayrud rebels said.", "The raids targeted", ("rebels", "opposition", True)),
        ("The raids targeted a school and a clinic in Jayrud the rebels said.", "The raids targeted", ("Free Syrian Army", "opposition", False)),
        ("The raids targeted a school and a clinic in Jayrud the army said.", "The raids targeted", ("Syrian Army", "loyalist", False)),
    ],
)
def test_extract_claims_keeps_a_bare_plural_description_as_written(text, phrase, expected):
    """Check that a lowercase plural registry alias without a determiner ('rebels said') is a group as written with the registry camp, and a definite one the actor."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_reads_present_tense_reporting_verbs():
    """Check that 'X condemns ...' (headline and statement style) is a reporting frame of X."""
    claims = syria_claims("The Syrian Coalition condemns the massacre committed by the air force in Raqqa where 65 civilians were killed.", outlet="etilaf")
    assert claim_with(claims, "65 civilians were killed")["speaker"] == "Syrian National Coalition"


def test_extract_claims_resolves_it_to_the_last_organisation():
    """Check that 'It said' skips a person named after the organisation, and 'It is estimated' resolves to no one."""
    text = (
        "Fighting went on in the north on Monday. The Syrian Observatory for Human Rights said 12 people were killed in Aleppo. "
        "Local official Ahmad Kanjo said the market was hit twice. It said five children were among the dead. "
        "It is estimated that 300 families fled the district."
    )
    claims = syria_claims(text)
    assert claim_with(claims, "five children")["speaker"] == "Syrian Observatory for Human Rights"
    assert claim_with(claims, "300 families")["speaker"] != "Syrian Observatory for Human Rights"


def test_extract_claims_resolves_he_to_a_person_named_through_an_organisation_alias():
    """Check that 'He said' after 'said observatory director Rami Abdel Rahman' (a registry alias of SOHR) is SOHR."""
    text = '"The siege is tighter now" said observatory director Rami Abdel Rahman. He said government forces had surrounded the district.'
    assert claim_with(syria_claims(text), "surrounded the district")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_resolves_a_definite_description_with_modifiers():
    """Check that 'The Britain-based group said' refers back to the organisation named before."""
    text = "Fighting went on in the north on Monday. The Syrian Observatory for Human Rights said six children were killed in Douma. The Britain-based group said at least 140 people were wounded."
    assert claim_with(syria_claims(text), "140 people were wounded")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_continues_a_frame_with_a_participle_without_a_comma():
    """Check that '... he said forces surrounded Bani Zeid reporting heavy strikes' keeps the speaker, and 'as saying' does not."""
    claims = syria_claims("Fighting went on in the north on Monday. The Syrian Observatory for Human Rights said forces had surrounded Bani Zeid reporting heavy air strikes in the area.")
    assert claim_with(claims, "heavy air strikes")["speaker"] == "Syrian Observatory for Human Rights"
    quoted = syria_claims("SANA quoted a police source as saying that a car bomb killed four people in the city.")
    assert claim_with(quoted, "car bomb killed")["speaker"] == "a police source"


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("In Idlib 28 fighters were killed in an explosion according to the Syrian opposing UK-based Observatory.", "28 fighters were killed", "Syrian Observatory for Human Rights"),
        ("Rockets hit Damascus leaving at least three killed and 30 wounded according to local reports.", "three killed", "local reports"),
        ("At least 24 people were killed in a barrel bomb attack according to a new toll from the observatory.", "24 people were killed", "Syrian Observatory for Human Rights"),
        ("Fighting went on in the north. The Syrian Observatory for Human Rights said 25 soldiers were killed. According to the watchdog the attacker blew himself up inside a vehicle.", "attacker blew himself up", "Syrian Observatory for Human Rights"),
    ],
)
def test_extract_claims_reads_according_to_over_a_description(text, phrase, speaker):
    """Check that 'according to' finds its speaker past descriptive words, widens 'local reports', and resolves 'the watchdog'."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == speaker


def test_extract_claims_stops_according_to_at_a_new_subject():
    """Check that in 'According to a CNN report the US has concluded ...' the US is not the source of the report."""
    claims = syria_claims("Fighting went on in the north. According to a CNN report the US has concluded that Russian warplanes bombed the aid convoy.")
    assert claim_with(claims, "bombed the aid convoy")["speaker"] != "United States"


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Fighting went on in the north. Fadi al-Shami of the Tahrir al-Sham Brigade which operates in the eastern Ghouta region said scattered fighting was taking place along the Jobar axis.", "scattered fighting", "Fadi al-Shami"),
        ("Fighting went on in the north. The Observatory - which has a network of opposition and medical sources - also said on Monday that rebels were threatening to strike two villages.", "threatening to strike", "Syrian Observatory for Human Rights"),
        ("Fighting went on in the north. An activist in Deir Ezzor who spoke on condition of anonymity told Reuters that 300 men were executed in one day.", "300 men were executed", "an activist"),
        ("Fighting went on in the north. Rebels in Aleppo stormed an army base on Monday activists said.", "stormed an army base", "activists"),
    ],
)
def test_extract_claims_finds_the_subject_before_a_postmodifier(text, phrase, speaker):
    """Check that a speaker separated from its verb by a prepositional phrase or relative clause is found, and a subject with its own verb is not."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == speaker


def test_extract_claims_gives_a_spokesman_s_words_to_him_with_his_organisation_s_camp():
    """Check that 'YPG spokesman Redur Xelil said' is Redur Xelil (camp of the YPG), and so are 'Xelil said' and 'He said' after him with a partner."""
    text = (
        "Fighting went on in the north. The fighters attacked Tel Abyad in the early hours of Saturday YPG spokesman Redur Xelil and Turkish "
        "security sources told Reuters. Other attackers came from the south Xelil said. He said dozens of fighters had been killed."
    )
    claims = syria_claims(text)
    assert _who(claim_with(claims, "attacked Tel Abyad")) == ("Redur Xelil and Turkish security sources", "unknown", False)
    assert _who(claim_with(claims, "Other attackers came")) == ("Redur Xelil", "kurdish", False)
    assert _who(claim_with(claims, "dozens of fighters")) == ("Redur Xelil", "kurdish", False)
    alone = syria_claims("Fighting went on in the north. OPCW chief Ahmet Uzumcu said 20 shells had been found in Qamishli.")
    assert _who(claim_with(alone, "20 shells")) == ("Ahmet Uzumcu", "neutral", False)


def test_extract_claims_reads_a_misspelt_registry_name():
    """Check that a speaker one letter away from a registry name ('Ananolu Agency') is that actor, and a short name is not guessed."""
    claims = syria_claims("Fighting went on in the north. Turkeys state-run Ananolu Agency reported that 15 people were killed in the blast.")
    assert claim_with(claims, "15 people were killed")["speaker"] == "Anadolu Agency"
    short = syria_claims("Fighting went on in the north. In a statement on Monday Lavrow said that 15 people were killed in the blast.")
    assert claim_with(short, "15 people were killed")["speaker"] == "Lavrow"


def test_extract_claims_keeps_the_misspelling_memo_bounded(monkeypatch):
    """Check that the pack's memo of unregistered speaker names starts afresh past its limit, and still reads misspellings after."""
    memo = compile_pack(load_pack("syria")).spelling_cache
    monkeypatch.setattr(memo, "limit", 2)
    memo.clear()
    for name in ("Mohammed Abdulkarim", "Ahmed Abdulhamid", "Khaled Abdulwahab"):
        syria_claims(f"Fighting went on in the north. {name} said that 15 people were killed in the blast.")
        assert 1 <= len(memo) <= 2
    claims = syria_claims("Fighting went on in the north. Turkeys state-run Ananolu Agency reported that 15 people were killed in the blast.")
    assert claim_with(claims, "15 people were killed")["speaker"] == "Anadolu Agency"
    assert len(memo) <= 2


@pytest.mark.parametrize(
    "text",
    [
        "Fighting went on in the north. Damascus denied that its aircraft had bombed the market in Douma.",
        "Fighting went on in the north. Damascus has claimed that rebel fighters shelled the market in Douma.",
    ],
)
def test_extract_claims_lets_the_capital_stand_for_the_government(text):
    """Check that 'Damascus said' (a seat of government the gazetteer files as a governorate; pack lexicon 'capital') is the Syrian government."""
    assert claim_with(syria_claims(text), "the market in Douma")["speaker"] == "Syrian Government"


def test_extract_claims_keeps_a_report_citing_a_source_with_the_reporter():
    """Check that in 'Anadolu Agency reported 15 deaths citing a statement from X' the claim is Anadolu's and holds the deaths."""
    claims = syria_claims("Fighting went on in the north. Turkeys state-run Anadolu Agency reported 15 deaths citing a statement from Istanbul-based Syrian Revolution General Commission.")
    claim = claim_with(claims, "15 deaths")
    assert claim["speaker"] == "Anadolu Agency"


def test_extract_claims_reads_a_participle_after_told_reporters_as_closing_the_claim():
    """Check that in '... in Aleppo local authorities told reporters on Saturday stressing ...' the toll before the frame is theirs."""
    claims = syria_claims("More than 100 civilians have been killed in August shelling of Aleppo local authorities told reporters on Saturday stressing that half of the dead are children.", outlet="tass")
    assert claim_with(claims, "100 civilians have been killed")["speaker"] == "local authorities"


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Rebels exploded bombs in tunnels under Aleppo and killed at least 13 fighters a group tracking the violence said.", "killed at least 13 fighters", "a group tracking the violence"),
        ("The government advance was backed by fighters from the Lebanese group Hezbollah an ally of President Bashar al-Assad sources close to the group told Reuters earlier this month.", "advance was backed", "sources close to the group"),
        ("The rebels have lost over one hundred fighters in the battle during the last five days several sources confirmed.", "one hundred fighters", "several sources"),
    ],
)
def test_extract_claims_keeps_a_group_speaker_s_description(text, phrase, speaker):
    """Check that a group speaker keeps a participle or 'close to' postmodifier and a 'several' before it, as written."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == speaker


def test_extract_claims_takes_the_name_after_the_verb_when_the_mention_before_is_an_agent():
    """Check that in '... the pilot by Nusra Front said Said Seif al Qalamoni from the Free Syrian Army brigade' the speaker is the named man, of the FSA's camp."""
    text = "Fighting went on in the north. The strikes are in retaliation against the execution of the pilot by Nusra Front said Said Seif al Qalamoni from the Free Syrian Army brigade."
    claim = claim_with(syria_claims(text), "in retaliation")
    assert (claim["speaker"], claim["speaker_camp"]) == ("Said Seif al Qalamoni", "opposition")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Published October 31 2014 Activists in Syria reported that at least 75 people died in barrel bomb attacks.", "75 people died", ("activists", "unknown", True)),
        ("Syria fighting kills 20 rebels Monitor AFP Monday 18 Aug 2014 Residents said that 20 rebels were killed near Raqqa.", "20 rebels were killed", ("residents", "unknown", True)),
    ],
)
def test_extract_claims_reads_a_capitalised_group_speaker_opening_the_body_after_a_headline(text, phrase, expected):
    """Check that a capitalised group noun becomes a speaker when the headline rules make it the body's first word."""
    assert _who(claim_with(syria_claims(text, outlet="dailysabah"), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Air strikes have killed 11 civilians including four children Al Jazeera reported Wednesday citing an opposition source.", "killed 11 civilians", "Al Jazeera"),
        ("Those who were executed were all members of the tribe Observatory director Rami Abdel Rahman said by telephone from Britain.", "members of the tribe",
         "Syrian Observatory for Human Rights"),
        ("Government forces captured three villages near Hama the army said in a statement on its website.", "captured three villages", "Syrian Army"),
    ],
)
def test_extract_claims_reads_the_content_before_a_frame_with_only_a_tail_after_it(text, phrase, speaker):
    """Check that a frame followed only by time words, 'citing ...' or how it was said ('by telephone') closes the content before it."""
    claim = claim_with(syria_claims(text, outlet="ahram"), phrase)
    assert (claim["speaker"], claim["attribution"]) == (speaker, "reported_speech")


@pytest.mark.parametrize(
    ("sentence", "phrase", "speaker"),
    [
        ("National Security Adviser Susan Rice said the solution in Syria will require a political transition.", "the solution in Syria", "Susan Rice"),
        ("Deputy National Security Adviser Ben Rhodes said there could only be two entities responsible.", "two entities responsible", "Ben Rhodes"),
        ("A statement from Yacoub El Hillo UN Resident Coordinator said the consequences will be dire for millions of civilians.", "the consequences will be dire",
         "Yacoub El Hillo"),
    ],
)
def test_extract_claims_takes_the_name_out_of_a_titled_run(sentence, phrase, speaker):
    """Check that an office title before a name ('Security Adviser'), or after it behind an acronym ('UN Resident Coordinator'), is not part of the speaker."""
    claims = syria_claims("Fighting continued in Aleppo on Monday, residents said. " + sentence, outlet="ahram")
    assert claim_with(claims, phrase)["speaker"] == speaker


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Human Rights Watch says it collected the names of 69 civilians killed by mines.", "69 civilians", ("Human Rights Watch", "neutral", False)),
        ("The Russian Coordination Center said that five people were killed in the shelling.", "five people were killed", ("Russian Defence Ministry", "loyalist", False)),
    ],
)
def test_extract_claims_names_registry_organisations_apart(sentence, phrase, expected):
    """Check that Human Rights Watch is its own registry organisation (not an alias of Amnesty) and the Russian coordination centre speaks for the Defence Ministry."""
    claims = syria_claims("Fighting continued in Aleppo on Monday, residents said. " + sentence, outlet="ahram")
    assert _who(claim_with(claims, phrase)) == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("A leading international rights group says that land mines have killed hundreds of civilians.", "killed hundreds", ("a leading international rights group", "unknown", True)),
        ("Reliable sources said that 12 fighters were killed near Hama.", "12 fighters", ("reliable sources", "unknown", True)),
        ('"Three air raids killed 58 civilians" the Syrian Observatory for Human Rights said. The rights group added that 24 other people were killed.', "24 other people",
         ("Syrian Observatory for Human Rights", "opposition", False)),
    ],
)
def test_extract_claims_reads_a_described_rights_group(sentence, phrase, expected):
    """Check that 'a leading international rights group' is a group speaker as written and 'the rights group' a back-reference to the last organisation."""
    claims = syria_claims("Fighting continued in Aleppo on Monday, residents said. " + sentence, outlet="ahram")
    assert _who(claim_with(claims, phrase)) == expected


def test_extract_claims_gives_the_quotation_before_a_frame_to_its_speaker():
    """Check that a frame right after a closing quotation mark, followed by no 'that' or colon, takes the quotation before it as its content."""
    claims = syria_claims('Fighting continued in Aleppo on Monday, residents said. "These strikes were undertaken only by US assets" the Pentagon said unlike the strikes against IS.',
                    outlet="ahram")
    claim = claim_with(claims, "undertaken only by US assets")
    assert (claim["speaker"], claim["attribution"]) == ("United States", "direct_quote")
    assert claim["text"].endswith("US assets")


def test_extract_claims_gives_a_surname_the_full_name_mentioned_before():
    """Check that a surname speaker ('Blinken said') takes the full name it was mentioned with earlier, though that mention spoke no claim."""
    claims = syria_claims("Fighting continued in Aleppo on Monday, residents said. Rices deputy Tony Blinken spoke at the Carnegie Endowment on Tuesday. "
                          "Responding to a question Blinken said the plan of the coalition is to destroy the Islamic State.", outlet="ahram")
    assert claim_with(claims, "the plan of the coalition")["speaker"] == "Tony Blinken"


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Local sources in the city said that shells caused suffocation cases for at least 6 civilians. The sources said that the cases were treated at a health center.",
         "the cases were treated", ("local sources", "unknown", True)),
        ("Al Jazeera quoted local opposition activists as saying that the civilians were killed as US aircraft hit a building.", "the civilians were killed",
         ("local opposition activists", "opposition", True)),
    ],
)
def test_extract_claims_keeps_a_described_group_and_refers_back_to_it(sentence, phrase, expected):
    """Check that a registry description keeps its qualifiers ('local opposition activists') and 'the sources' refers back to the last group of that noun ('local sources')."""
    claims = syria_claims("Fighting continued in Aleppo on Monday, residents said. " + sentence, outlet="sana")
    assert _who(claim_with(claims, phrase)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fighting went on in the north. The Russian Defence Ministry emphasized that 15 militants were killed in the strikes near Idlib.",
        "Fighting went on in the north. The Russian Defence Ministry issued a statement stating that 15 militants were killed in the strikes near Idlib.",
        "Fighting went on in the north. The Russian Defence Ministry underlined that 15 militants were killed in the strikes near Idlib.",
    ],
)
def test_extract_claims_reads_emphasis_verbs_as_reporting(text):
    """Check that 'emphasized', 'stating' and 'underlined' frame a report like 'said' (base lexicon reporting verbs)."""
    claim = claim_with(syria_claims(text), "15 militants were killed")
    assert claim["speaker"] == "Russian Defence Ministry"
    assert claim["attribution"] == "reported_speech"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ('Eleven medics were hurt in the "triple-tap" raid on the clinic near Idlib, activists said.', "Eleven medics were hurt", "reported_speech"),
        ('Fighting went on in the north. The Syrian Observatory for Human Rights said the bridge near Raqqa would be "wholly destroyed" within a week.', "the bridge near Raqqa", "reported_speech"),
        ('Fighting went on in the north. The Syrian Observatory for Human Rights said "the bridge near Raqqa was destroyed by the shelling".', "the bridge near Raqqa", "direct_quote"),
    ],
)
def test_extract_claims_pairs_quotation_marks_by_their_typography(text, phrase, expected):
    """Check that the words before a short scare-quoted phrase are not read as a quotation closed by its opening mark."""
    assert claim_with(syria_claims(text), phrase)["attribution"] == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("A source at Hama Police Command said 14 people were hurt in the blast. The source added that three shops were destroyed.", "three shops were destroyed",
         "a source at Hama Police Command"),
        ("A source at Hama Police Command said 14 people were hurt in the blast. Later the source said two cars were burnt near the market.", "two cars were burnt",
         "a source at Hama Police Command"),
        ("The Syrian Observatory for Human Rights said fighting went on. An opposition activist from Idlib said 14 people were killed in the shelling. "
         "Many families had fled to Turkey after the strikes he said.", "Many families had fled", "an opposition activist"),
        ("Five people were killed in the park according to a source at Hama Police Command. The source told SANAs correspondent that two of the injured were children.",
         "two of the injured were children", "a source at Hama Police Command"),
    ],
)
def test_extract_claims_refers_back_to_the_last_anonymous_individual(text, phrase, expected):
    """Check that 'the source added' and 'he said' refer back to the last anonymous single speaker when no named speaker came after it."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert claim["speaker"] == expected
    assert claim["text"].startswith(phrase)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Karim Haddad an activist in the town told Reuters that 14 people were killed in the shelling.", "14 people were killed", "Karim Haddad"),
        ("Activist Abu Karim al-Haddad told AFP that 14 people were killed in the shelling.", "14 people were killed", "Abu Karim al-Haddad"),
        ("Karim Haddad an activist in the town told Reuters that 14 people were killed. \"Two shops burnt down near the bakery\" said Haddad.", "Two shops burnt down",
         "Karim Haddad"),
        ("On Monday an activist in the town told Reuters that 14 people were killed in the shelling.", "14 people were killed", "an activist"),
    ],
)
def test_extract_claims_takes_the_name_in_apposition_to_a_description(text, phrase, expected):
    """Check that a person's name beside a one-person description ('X an activist told', 'activist X told') is the speaker, and its surname refers back to it."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["speaker"] == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Talking to SANA a source at Hama Police Command said 14 people were killed in the shelling.", "14 people were killed", "a source at Hama Police Command"),
        ("Since May the group has recruited 900 fighters AP quoted SOHR as saying.", "recruited 900 fighters", "Syrian Observatory for Human Rights"),
        ("Reuters quoted local activists as saying that 14 people were killed in the shelling.", "14 people were killed", "local activists"),
        ("Turkey rejected the Syrian Government charges by saying its jets had hit only military targets near Afrin.", "its jets had hit", "Turkey"),
        ("President Bashar al-Assad issued a warning to rebels in Homs stating that the army would retake the whole city.", "the army would retake",
         "Bashar al-Assad"),
    ],
)
def test_extract_claims_finds_the_speaker_behind_objects_and_relays(text, phrase, expected):
    """Check that an organisation after 'to' is no speaker, 'X quoted Y as saying' is Y's, and a participle after an object or 'by' is the subject's."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["speaker"] == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Then Karim al-Haddad said 14 people were killed in the suburbs.", "14 people were killed", "Karim al-Haddad"),
        ("Hisham Abdul-Karim an activist in the town said 9 people died. Abdul-Karim said 14 people were killed in the suburbs.", "14 people were killed",
         "Hisham Abdul-Karim"),
        ("A source at Hama Police Command said that gunmen shelled the market claiming the lives of 14 people.", "gunmen shelled the market claiming the lives",
         "a source at Hama Police Command"),
    ],
)
def test_extract_claims_reads_hyphenated_names_and_casualty_idioms(text, phrase, expected):
    """Check that names joined by 'al-' or a hyphen speak whole, and 'claiming the lives of' is no reporting frame."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["speaker"] == expected


def test_extract_claims_keeps_the_given_name_of_a_speaker_opening_the_sentence():
    """Check that 'Karim Haddad said' opening a sentence keeps the given name, while 'Then Haddad said' refers back to him."""
    claims = syria_claims("Fighting went on in the north. Karim Haddad said 14 people were killed in the suburbs. Then Haddad said two shops burnt down.")
    assert claim_with(claims, "14 people were killed")["speaker"] == "Karim Haddad"
    assert claim_with(claims, "two shops burnt down")["speaker"] == "Karim Haddad"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fourteen civilians have been killed in air strikes near Manbij a report says.", "Fourteen civilians have been killed", "a report"),
        ("According to a report by the Syrian Observatory for Human Rights 14 civilians were killed in the strikes.", "14 civilians were killed",
         "Syrian Observatory for Human Rights"),
    ],
)
def test_extract_claims_reads_a_report_as_its_speaker_or_its_author(text, phrase, expected):
    """Check that 'a report says' is spoken by 'a report', and 'a report by X' by X."""
    assert claim_with(syria_claims("Fighting went on in the north. " + text), phrase)["speaker"] == expected


def test_extract_claims_takes_the_name_before_a_description_between_commas():
    """Check that 'Karim Haddad, a doctor at the field hospital, said' is Karim Haddad's claim, and 'Haddad said' refers back to him."""
    claims = syria_claims("Fighting went on in the north. Karim Haddad, a doctor at the field hospital, said 14 people were killed in the shelling. "
                          "Haddad said two shops burnt down near the bakery.")
    assert claim_with(claims, "14 people were killed")["speaker"] == "Karim Haddad"
    assert claim_with(claims, "two shops burnt down")["speaker"] == "Karim Haddad"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Syrian Observatory for Human Rights said 14 fighters died in the clashes near Tabqa. The group also listed 30 wounded in the town.",
         "listed 30 wounded", ("Syrian Observatory for Human Rights", "reported_speech")),
        ("The Syrian Observatory for Human Rights said 14 fighters died in the clashes near Tabqa. Six of them were foreign fighters from Chechnya.",
         "Six of them", ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Karim Haddad said 14 people were killed in the shelling of the market. He described the shelling as the heaviest in weeks on the town.",
         "He described the shelling", ("Karim Haddad", "reported_speech")),
        ("The Syrian Observatory for Human Rights said 14 fighters died in the clashes near Tabqa. It is not yet clear who fired first in the clashes.",
         "who fired first", ("reuters", "own_assertion")),
        ("The Syrian Observatory for Human Rights said 14 fighters died in the clashes near Tabqa.\nSix of them were killed by an air strike on Tabqa.",
         "Six of them", ("reuters", "own_assertion")),
        ("The Syrian Observatory for Human Rights said 14 fighters died in the clashes near Tabqa. Another five soldiers were killed in Hama.",
         "Another five soldiers", ("reuters", "own_assertion")),
    ],
)
def test_extract_claims_continues_a_report_into_the_sentence_that_refers_back_to_it(text, phrase, expected):
    """Check that a frameless sentence whose subject refers back to the previous report's speaker, or that opens with a
    part of its count, is that speaker's reported speech, but not across a line break, after 'It is', or for 'Another'."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Karim Haddad had earlier reported eight people killed in the shelling of Douma.", "eight people killed", ("Karim Haddad", "reported_speech")),
        ("The Syrian Observatory for Human Rights has repeatedly said 14 people were killed in the market of Douma.", "14 people were killed",
         ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Karim Haddad previously said 14 fighters were killed near Tabqa.", "14 fighters were killed", ("Karim Haddad", "reported_speech")),
    ],
)
def test_extract_claims_reads_a_frame_with_a_perfect_auxiliary_or_adverb(text, phrase, expected):
    """Check that 'had', 'has' and frame adverbs ('earlier', 'repeatedly') between the speaker and the verb keep the speaker."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Nine people were killed in the market of Douma the stronghold of President Bashar al-Assad said Karim al-Haddad.", "Nine people were killed",
         ("Karim al-Haddad", "reported_speech")),
        ("Karim al-Haddad said the shelling went on all night in Douma. Four fighters were gunned down in the town said Haddad.", "Four fighters",
         ("Karim al-Haddad", "reported_speech")),
        ("The town doctor Samir Khatib treated the wounded in Douma. Four fighters were gunned down in the town said Khatib.", "Four fighters",
         ("Samir Khatib", "reported_speech")),
        ("Four fighters were gunned down in the town said Douma.", "Four fighters", ("reuters", "own_assertion")),
    ],
)
def test_extract_claims_reads_a_name_closing_the_sentence_after_the_verb_as_its_speaker(text, phrase, expected):
    """Check that a full name closing the sentence after 'said' is the speaker even after another name, and a lone
    surname is the person named in full earlier (never a place or an unknown word)."""
    claim = claim_with(syria_claims(text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Syrian Observatory for Human Rights gave a death toll of 14 in the shelling of Douma.", "death toll of 14",
         ("Syrian Observatory for Human Rights", "reported_speech", "gave")),
        ("Karim Haddad put the toll at six dead in the market of Douma.", "toll at six dead", ("Karim Haddad", "reported_speech", "put")),
    ],
)
def test_extract_claims_reads_a_toll_given_or_put_as_a_report(text, phrase, expected):
    """Check that 'X gave a death toll of N' and 'X put the toll at N' are X's reports whose content keeps the toll."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"], claim["reporting_verb"]) == expected
    assert claim["text"].startswith(("a death toll", "the toll"))


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Observatory and the LCC said that 14 people were killed in Douma.", "14 people were killed", ("The Observatory and the LCC", "opposition", False)),
        ("Rebels and activists have reported that barrel bombs were dropped on Aleppo.", "barrel bombs were dropped", ("Rebels and activists", "unknown", False)),
        ("At least 20 people were killed in Aleppo on Monday residents and a monitoring group said.", "20 people were killed", ("residents and a monitoring group", "unknown", False)),
        ("Syrian opposition activists and the extremist group said 40 civilians were killed in Manbij.", "40 civilians were killed", ("Syrian opposition activists and the extremist group", "unknown", True)),
    ],
)
def test_extract_claims_writes_coordinated_speakers_as_the_whole_phrase(text, phrase, expected):
    """Check that speakers joined by 'and' are one speaker written as the phrase, with their shared camp, anonymous only when all are."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Vice president of the Syrian Coalition Karim Haddad said that 20 people were killed in Idlib.", "20 people were killed", ("Karim Haddad", "opposition", False)),
        ("Fighting went on. \"The shells are of great concern\" Karim Haddad the head of the OPCW said.", "great concern", ("Karim Haddad", "neutral", False)),
        ("Human Rights Watch says 30 died. Karim Haddad deputy emergencies director at the New York-based group says 20 people were killed in Manbij.", "20 people were killed", ("Karim Haddad", "neutral", False)),
    ],
)
def test_extract_claims_names_a_person_in_an_organisation_s_role(text, phrase, expected):
    """Check that a person named with a role in an organisation, before or after the name, is the speaker by name with the organisation's camp."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_takes_no_clause_for_a_role_apposition():
    """Check that 'X was also the Emir of Y Z said' keeps X's clause as Z's claim, not a frame of X in a role."""
    claims = syria_claims("Fighting went on. Al-Hamad was also the Emir of al-Nusra Front the Anadolu Agency said.")
    assert _who(claim_with(claims, "Emir of al-Nusra")) == ("Anadolu Agency", "regional", False)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Another opposition activist said 20 people were killed in Homs.", "20 people were killed", ("another opposition activist", "opposition", True)),
        ("Fighting went on. Camp residents said 20 people were killed in the attack on Atmeh.", "20 people were killed", ("camp residents", "unknown", True)),
    ],
)
def test_extract_claims_keeps_another_and_camp_in_a_described_speaker(text, phrase, expected):
    """Check that 'another' and 'camp' stay in a speaker written as described ('another opposition activist', 'camp residents')."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_refers_it_to_an_unregistered_organisation_named_as_subject():
    """Check that 'It said' and 'The group also listed' after 'The X Facebook page posted ...' are that page's, not an earlier organisation's."""
    claims = syria_claims("The Observatory said 30 people died in Ariha. The Ariha Today Facebook page posted a photo of the ruins. "
                          "It said 27 people were killed in the town. The group also listed 55 wounded.")
    assert _who(claim_with(claims, "27 people were killed")) == ("the Ariha Today Facebook page", "unknown", False)
    assert _who(claim_with(claims, "55 wounded")) == ("the Ariha Today Facebook page", "unknown", False)


def test_extract_claims_refers_he_to_a_person_named_as_subject_without_a_report():
    """Check that 'he said' after 'X a commander of Y threatened ...' is X, with Y's camp."""
    claims = syria_claims("Nusra said 20 soldiers died in Homs. Last month Abu Mohammad al-Golani a commander of al-Nusra threatened to target the villages. "
                          "\"We will fire a thousand rockets at the villages\" he said.")
    assert _who(claim_with(claims, "thousand rockets")) == ("Abu Mohammad al-Golani", "jihadist", False)


def test_extract_claims_writes_coordinated_according_to_speakers_as_the_whole_phrase():
    """Check that 'according to X near the area and Y' is one speaker written as the phrase, and 'and Y shelled ...' is not a partner."""
    claims = syria_claims("Fighting went on. Dozens of men were killed in Raqqa according to residents near the area and the Syrian Observatory for Human Rights.")
    assert _who(claim_with(claims, "Dozens of men")) == ("residents near the area and the Syrian Observatory for Human Rights", "unknown", False)
    claims = syria_claims("Fighting went on. Ten men were killed in Raqqa according to activists and the army shelled the town.")
    assert _who(claim_with(claims, "Ten men")) == ("activists", "unknown", True)


def test_extract_claims_keeps_the_affiliation_of_an_unnamed_source():
    """Check that 'a source in the X militia said' keeps its unregistered affiliation, and 'a source in the city' does not count as one."""
    claims = syria_claims("Fighting went on. At least ten people were killed in Aleppo a source in the Syrian militia said.")
    assert _who(claim_with(claims, "ten people")) == ("a source in the Syrian militia", "unknown", True)
    claims = syria_claims("Fighting went on. At least ten people were killed in Aleppo a source in the city said.")
    assert _who(claim_with(claims, "ten people")) == ("a source", "unknown", True)


def test_extract_claims_reads_a_registry_name_cut_before_its_head_noun():
    """Check that 'The Syrian National said' (the Coalition's name cut before its organisation word) is the Syrian National Coalition."""
    claims = syria_claims("Fighting went on. The Syrian National said that 35 civilians were killed in Al Bab.")
    assert _who(claim_with(claims, "35 civilians")) == ("Syrian National Coalition", "opposition", False)


def test_extract_claims_names_a_person_after_an_organisation_and_a_title():
    """Check that 'U.S. Senator X Y said' is X Y (not in the registry) with the camp of the United States."""
    claims = syria_claims("Fighting went on. U.S. Senator Karim Haddad said the regime killed 20 people in Douma.")
    assert _who(claim_with(claims, "killed 20 people")) == ("Karim Haddad", "coalition", False)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. A source at Hama Governorate told reporters that rebels fired ten rocket shells on the city.", "ten rocket shells",
         ("a source at Hama Governorate", "unknown", True)),
        ("Fighting went on. An official in the Turkish town of Yayladagi said that 300 people had crossed the border.", "300 people",
         ("an official in the Turkish town of Yayladagi", "unknown", True)),
        ("Fighting went on. Meanwhile civil sources told reporters that 8 persons were wounded in rocket attacks on Nubul.", "8 persons",
         ("civil sources", "unknown", True)),
        ("Fighting went on. A source from Idlib said 5 people were killed in Saraqeb.", "5 people", ("a source", "unknown", True)),
        ("Fighting went on. A regime source in Hassakeh said 12 fighters were killed.", "12 fighters", ("a regime source in Hassakeh", "loyalist", True)),
        ("Fighting went on. The security sources and a witness in Akcakale said 12 fighters were killed.", "12 fighters",
         ("The security sources and a witness", "unknown", True)),  # rule 4: the whole phrase, its determiner included
    ],
)
def test_extract_claims_keeps_the_posting_of_an_unnamed_source(text, phrase, expected):
    """Check that a description keeps its office ('at X Governorate'), its posting in a place and its adjective ('civil sources'), not an origin ('from Idlib')."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. The fighters are confident that their knowledge of Kobane will make up for their light weapons said activist Karim Haddad.",
         "light weapons", ("Karim Haddad", "unknown", False)),
        ('Fighting went on. "Rescue teams continue to search for 20 missing people" Karim Haddad a Douma-based media activist told reporters.',
         "20 missing people", ("Karim Haddad", "unknown", False)),
        ("Fighting went on. Rescue teams found 20 bodies in Douma Karim Haddad a media activist told reporters.", "20 bodies",
         ("Karim Haddad", "unknown", False)),
    ],
)
def test_extract_claims_names_a_person_beside_a_description(text, phrase, expected):
    """Check that a person named after 'said activist', before 'a Douma-based media activist' or after a place is the speaker by name."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. The Russians had on Saturday accused militants of bringing 1000 fighters into the area.", "1000 fighters", ("Russia", "loyalist", False)),
        ("Fighting went on. Syrias opposition accused government forces of killing 40 people in Douma.", "40 people", ("Syrian National Coalition", "opposition", False)),
        ("Fighting went on. The Lebanon-based al-Mayadeen TV said that shelling on Aleppo left 11 people dead.", "11 people", ("Al Mayadeen", "loyalist", False)),
        ("Fighting went on. According to a CNN report the jets bombed 3 convoys.", "3 convoys", ("CNN", "neutral", False)),
        ("Fighting went on. The group posted a statement on its Aamaq news agency saying 20 soldiers were killed.", "20 soldiers", ("Islamic State", "jihadist", False)),
    ],
)
def test_extract_claims_reads_outlets_and_plural_nationalities_from_the_registry(text, phrase, expected):
    """Check that 'The Russians', 'Syrias opposition', al-Mayadeen TV, CNN and Aamaq are the registry actors they name."""
    claim = claim_with(syria_claims(text), phrase)
    assert _who(claim) == expected
    assert "report" not in claim["text"]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Gunmen abducted 3 priests in Idlib on Sunday night the Franciscan mission said on Tuesday.", "3 priests", ("the Franciscan mission", "unknown", False)),
        ("Fighting went on. The civil administration of Idlib announced that 30 people were killed in the strikes.", "30 people",
         ("the civil administration of Idlib", "unknown", False)),
        ("Fighting went on. The local relief committee said 20 people were killed in Douma.", "20 people", ("the local relief committee", "unknown", False)),
    ],
)
def test_extract_claims_names_an_unregistered_organisation_as_subject(text, phrase, expected):
    """Check that 'the <modifiers> <organisation noun> (of X) said' opening a clause is the speaker as written, camp unknown."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_leaves_an_organisation_object_before_a_verb_alone():
    """Check that 'Jets bombed the local council said ...' does not make the bombed council a speaker."""
    claims = syria_claims("Fighting went on. Jets bombed the local council said 20 people were killed.")
    assert "the local council" not in set(claims["speaker"])
    claims = syria_claims("Al-Manar said 20 people were killed. In all 30 people died the TV network said.")
    assert "the TV network" not in set(claims["speaker"])


def test_extract_claims_keeps_the_count_and_stance_prefix_of_a_described_group():
    """Check that 'two pro-opposition groups claimed' is written whole, with the registry group's camp."""
    claims = syria_claims("Government forces shelled Douma on Wednesday in what two pro-opposition groups claimed was a gas attack that killed 30 people.")
    assert _who(claim_with(claims, "killed 30 people")) == ("two pro-opposition groups", "opposition", True)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("At least 12 fighters were killed by shelling near Kobani a Turkish broadcaster said.", "12 fighters", ("a Turkish broadcaster", "regional", True)),
        ("Fighting went on. Ten rebels were killed in Homs the Turkish newspaper said.", "Ten rebels", ("the Turkish newspaper", "regional", True)),
        ("Fighting went on. Iranian media reported that 40 rebels were killed near Hama.", "40 rebels", ("Iranian media", "loyalist", True)),
    ],
)
def test_extract_claims_reads_an_outlet_noun_with_its_nationality_as_a_speaker(text, phrase, expected):
    """Check that 'a Turkish broadcaster', 'the Turkish newspaper', 'Iranian media' speak as written, with the demonym's camp."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Jets struck Maarat al-Numan with cluster bombs according to the state-run news agency Anadolu.", "cluster bombs", ("Anadolu Agency", "regional", False)),
        ("Fighting went on. The Lebanese newspaper Al-Akhbar said 30 soldiers were killed near Qusair.", "30 soldiers", ("Al-Akhbar", "regional", False)),
        ("Fighting went on. The pro-government Sawt newspaper said 30 rebels were killed near Hama.", "30 rebels", ("Sawt newspaper", "loyalist", False)),
        ("Three soldiers were killed in an ambush near Azaz Ronahi TV reported.", "Three soldiers", ("Ronahi TV", "unknown", False)),
    ],
)
def test_extract_claims_names_the_outlet_written_beside_its_noun(text, phrase, expected):
    """Check that an outlet noun beside a name ('news agency Anadolu', 'Ronahi TV') is that outlet, a place before it cut off."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_refers_the_broadcaster_to_the_outlet_that_reported():
    """Check that 'the broadcaster said' after 'state television said' is state television again."""
    claims = syria_claims("State television said ten soldiers were killed in Homs. The broadcaster said five more soldiers died in Hama.")
    assert _who(claim_with(claims, "five more")) == ("Syrian National Television", "loyalist", False)


def test_extract_claims_reads_a_single_name_after_a_locative_place_as_the_speaker():
    """Check that in 'an attack on Turkey Kanalturk reported' the place closes the content and the word after it reports."""
    claims = syria_claims("Fighting went on. As many as 30 targets were hit before an attack on Turkey Kanalturk reported on Monday.")
    assert claim_with(claims, "30 targets")["speaker"] == "Kanalturk"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Ten soldiers were killed in Azaz Press TV reported.", "Ten soldiers", ("Press TV", "loyalist", False)),
        ("Fighting went on. Baghdad said 30 fighters had crossed the border near Albu Kamal.", "30 fighters", ("Iraq", "regional", False)),
    ],
)
def test_extract_claims_reads_outlets_and_governments_of_the_region_from_the_registry(text, phrase, expected):
    """Check that outlets and governments any Syria-war report quotes ('Press TV', 'Baghdad') are registry actors."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_never_reads_the_subject_of_the_content_as_an_inverted_speaker():
    """Check that 'Yenisafak reported that ten rebels were killed' is Yenisafak's, not the rebels'."""
    claims = syria_claims("Fighting went on. On Monday Yenisafak reported that ten rebels were killed in Homs.")
    assert claim_with(claims, "were killed in Homs")["speaker"] == "Yenisafak"


def test_extract_claims_reads_objects_and_plural_nouns_after_prepositions_as_no_speakers():
    """Check that 'despite pledges of' is no frame and 'objections from Russia and China diplomats said' is the diplomats'."""
    claims = syria_claims("Fighting went on. Rebels executed five men near the border with Iraq despite pledges of an amnesty a monitor said.")
    assert claim_with(claims, "five men")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims("Fighting went on. The text was softened to meet objections from Russia and China diplomats said.")
    assert claim_with(claims, "softened")["speaker"] == "diplomats"


def test_extract_claims_keeps_a_toll_raised_and_its_figures_in_one_claim():
    """Check that 'raised the death toll ... saying 22 people died' is one claim, placed in the state outlet's country."""
    claims = syria_claims("Fighting went on. Syrias state TV raised the death toll from a bombing in a Kurdish town saying 22 people died.")
    claim = claim_with(claims, "22 people")
    assert claim["speaker"] == "Syrias state TV"
    assert "death toll" in claim["text"]
    assert list(claim["places"]) == ["Syria"]


def test_extract_claims_reads_no_outlet_noun_that_modifies_or_is_an_object():
    """Check that 'media activist Karim Dali' is the activist and 'on the CBS television network' no speaker."""
    claims = syria_claims("Fighting went on. Ten people were killed in Homs said media activist Karim Dali.")
    assert claim_with(claims, "Ten people")["speaker"] == "Karim Dali"
    claims = syria_claims("Fighting went on. Assad in an interview on the CBS television network denied there was any evidence.")
    assert claim_with(claims, "any evidence")["speaker"] == "Bashar al-Assad"


def test_extract_claims_refers_it_to_the_outlet_that_reported():
    """Check that 'it said' after 'Haberturk reported' is Haberturk's."""
    claims = syria_claims("Fighting went on. Ten targets were hit near Azaz Haberturk reported on Monday. Artillery destroyed six weapon caches it said.")
    assert claim_with(claims, "six weapon caches")["speaker"] == "Haberturk"


def test_extract_claims_never_makes_an_object_before_a_new_phrase_the_speaker():
    """Check that a registry name ending the clause before 'an NGO said' or 'an organisation ... said' is not the speaker."""
    claims = syria_claims("Fighting went on. More than 50 rebels were killed as jihadists overran a town bordering Iraq an NGO said Sunday.")
    assert claim_with(claims, "50 rebels")["speaker"] != "Iraq"
    claims = syria_claims("Fighting went on. Twenty fighters were killed near the border with Iraq an organisation monitoring the conflict said.")
    assert claim_with(claims, "Twenty fighters")["speaker"] != "Iraq"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Turkish Prime Minister Karim Ozal said 30 fighters had crossed near Azaz.", "30 fighters", ("Karim Ozal", "regional", False)),
        ("Fighting went on. The militants are trying to capture the city said Idris Hamo a Kurdish official in Kobane.", "capture the city",
         ("Idris Hamo", "kurdish", False)),
        ("Fighting went on. Ten people were killed in Homs said Karim Haddad a civil defence official.", "Ten people", ("Karim Haddad", "opposition", False)),
        ("Fighting went on. 300 people died in the attack member of the Kurdish National Council Karim Haddad said.", "300 people",
         ("Karim Haddad", "unknown", False)),
        ("Fighting went on. Ten people were killed in Homs said Karim Haddad a volunteer with the White Helmets.", "Ten people",
         ("Karim Haddad", "opposition", False)),
    ],
)
def test_extract_claims_gives_a_named_person_the_camp_of_the_description_or_title(text, phrase, expected):
    """Check that an unregistered person takes the camp of a description after the name or a demonym or side in the title before it."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_reads_a_frame_with_however_before_the_verb():
    """Check that 'Karim Haddad however said' keeps Karim Haddad as the speaker."""
    claims = syria_claims("Fighting went on. Officials reported ten dead. Karim Haddad however said 30 people were killed in Douma.")
    assert claim_with(claims, "30 people")["speaker"] == "Karim Haddad"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Ten people were killed in Idlib activists and rescue workers said.", "Ten people", ("activists and rescue workers", "unknown", True)),
        ("Ten people were killed in Hasakeh a monitor and a journalist in the city said.", "Ten people", ("a monitor and a journalist", "unknown", False)),
        ("Fighting went on. But activists and Syrians say that the group presence in the city is minimal.", "presence in the city",
         ("activists and Syrians", "unknown", True)),
    ],
)
def test_extract_claims_writes_coordinated_workers_journalists_and_residents_whole(text, phrase, expected):
    """Check that 'rescue workers', 'a journalist', 'Syrians' join a coordinated speaker written whole (annotation rule 4)."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_reads_according_to_a_surname_as_the_person_named_earlier():
    """Check that 'According to Abu Karim' after 'said Hassan Abu Karim' is Hassan Abu Karim's."""
    claims = syria_claims("Twenty people were killed in Aleppo said Hassan Abu Karim. According to Abu Karim women and children were among the dead.")
    assert claim_with(claims, "women and children")["speaker"] == "Hassan Abu Karim"
    assert claim_with(claims, "women and children")["attribution"] == "according_to"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Fighting went on. The Syrian Observatory for Human Rights which closely monitors the fighting in Syria said 40 people were killed.", "40 people"),
        ("Fighting went on. The UK based Syrian Observatory for Human Rights which tracks the violence across the country said a blast was heard in Homs.",
         "a blast was heard"),
    ],
)
def test_extract_claims_reads_a_subject_whose_relative_clause_holds_a_fact_word(text, phrase):
    """Check that 'The Observatory which monitors the fighting ... said' and 'The UK based Observatory which ... said' are the Observatory's."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_reads_a_frame_with_further_and_the_ministry_of_defence():
    """Check that 'Karim Haddad further said' is Karim Haddad's and 'Russias Ministry of Defence said' the Russian Defence Ministry's."""
    claims = syria_claims("Fighting went on. Officials reported ten dead. Karim Haddad further said 30 people were killed in Douma.")
    assert claim_with(claims, "30 people")["speaker"] == "Karim Haddad"
    claims = syria_claims("Fighting went on. Russias Ministry of Defence said that a Russian helicopter was shot down near Palmyra.")
    assert claim_with(claims, "helicopter")["speaker"] == "Russian Defence Ministry"


def test_extract_claims_reads_an_outlet_after_an_inverted_verb_and_no_registry_name_inside_a_longer_one():
    """Check that 'reported the pro-Kurdish Firat news agency' is Firat's and 'the Syrian Network for Democracy' is not the SNHR."""
    claims = syria_claims("Ten fighters were killed near Kobani reported the pro-Kurdish Firat news agency.")
    assert _who(claim_with(claims, "Ten fighters")) == ("Firat news agency", "kurdish", False)
    claims = syria_claims("Fighting went on. Ten fighters were killed near Kobani the Syrian Network for Democracy said.")
    assert "Syrian Network for Human Rights" not in set(claims["speaker"])
    claims = syria_claims("Fighting went on. Most of the dead were civilians according to the UK-based Observatory for Human Rights.")
    assert claim_with(claims, "civilians")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_keeps_civil_defence_workers_and_reads_a_named_outlet_after_its_article():
    """Check that 'Civil defence emergency workers ... say' are the White Helmets, 'The Al-Watan newspaper which ...' is Al-Watan,
    and a lowercase side word in a title ('French government spokeswoman') gives no camp."""
    claims = syria_claims("Fighting went on. Civil defence emergency workers operating in opposition-held areas say more than 450 people were killed.")
    assert claim_with(claims, "450 people")["speaker"] == "White Helmets"
    claims = syria_claims("Fighting went on. The Al-Watan newspaper which is close to the regime reported Russian airstrikes on Aleppo on Wednesday.")
    assert claim_with(claims, "Russian airstrikes")["speaker"] == "Al-Watan newspaper"
    claims = syria_claims("Fighting went on. French government spokeswoman Najat Vallaud said ten people were killed.")
    assert _who(claim_with(claims, "ten people")) == ("Najat Vallaud", "neutral", False)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Director of Daraa Health Directorate Karim Wadoud al-Haddad said that three injured men reached the hospital.",
         "three injured men", ("Karim Wadoud al-Haddad", "unknown", False)),
        ("Fighting went on. Head of Homs Health Directorate Dr. Hassan al-Jundi said ten people were killed.", "ten people", ("Hassan al-Jundi", "unknown", False)),
        ("Fighting went on. The Idlib Media Center which publishes news on the province said a hospital was hit.", "a hospital was hit",
         ("The Idlib Media Center", "unknown", False)),
    ],
)
def test_extract_claims_names_a_person_after_an_office_and_an_organisation_with_a_relative_clause(text, phrase, expected):
    """Check that the person after an office's name ('Director of X Directorate Y Z said') and a capitalised organisation before
    a relative clause ('The Idlib Media Center which ... said') are the speakers."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Fighting went on. According to the Beirut Centre for Conflict Studies the war has caused more than 90000 deaths.", "90000 deaths"),
        ("Fighting went on. According to a March report by the Beirut Centre for Conflict Studies the war has killed 90000 people.", "90000 people"),
    ],
)
def test_extract_claims_reads_an_unregistered_organisation_after_according_to(text, phrase):
    """Check that 'according to' an organisation the registry lacks, written as a name with an organisation noun, is that
    organisation as written, also after 'a report by'."""
    assert _who(claim_with(syria_claims(text), phrase)) == ("Beirut Centre for Conflict Studies", "unknown", False)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Tartuss governor said four people were killed in the blast.", "four people", ("Tartuss governor", "unknown")),
        ("Fighting went on. Homs's governor denied that the army had shelled the market.", "the army had shelled", ("Homs's governor", "unknown")),
        ("Fighting went on. Irans foreign minister said the convoy was hit by rebel fire.", "the convoy", ("Irans foreign minister", "loyalist")),
    ],
)
def test_extract_claims_keeps_a_place_possessive_before_a_title_as_written(text, phrase, expected):
    """Check that a place's or registry country's possessive before a title right before the verb ('Tartuss governor said',
    apostrophe lost) is the speaker as written, with the registry country's camp."""
    assert _who(claim_with(syria_claims(text), phrase))[:2] == expected


def test_extract_claims_reads_powers_and_lawmakers_as_group_speakers():
    """Check that 'Western powers' and 'several lawmakers' are group speakers of a stance or accusation verb."""
    claims = syria_claims("Fighting went on. Western powers have condemned the use of cluster bombs on the town.")
    assert claim_with(claims, "cluster bombs")["speaker"].lower() == "western powers"
    claims = syria_claims("Fighting went on. In a debate several lawmakers accused the army of shelling the hospital in Idlib.")
    assert claim_with(claims, "shelling the hospital")["speaker"] == "several lawmakers"


def test_extract_claims_reads_the_agency_as_the_news_agency_that_reported_last():
    """Check that 'The official agency placed the death toll at 12' after a news agency's report continues that agency's
    report, 'official' being a modifier of 'agency', even when a monitor spoke before the agency."""
    claims = syria_claims("Fighting went on. Ten people were wounded in Homs the Syrian Observatory for Human Rights said. "
                          "SANA news agency said two car bombs exploded near a checkpoint in the city. The official agency placed the death toll at 12.")
    assert claim_with(claims, "death toll at 12")["speaker"] == "sana"


def test_extract_claims_reads_an_acronyms_possessive_without_its_apostrophe():
    """Check that a registry acronym with a possessive 's' and no apostrophe ('SOHRs director ... said') is that actor's."""
    claims = syria_claims('Fighting went on. "The rebels are five kilometres from the base" said SOHRs director Rami Abdel Rahman.')
    assert claim_with(claims, "five kilometres")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims("Fighting went on. Last week MSFs president condemned the bombing of two hospitals in Idlib.")
    assert claim_with(claims, "two hospitals")["speaker"] == "Medecins Sans Frontieres"


def test_extract_claims_folds_a_misspelt_organisation_subject_with_its_article():
    """Check that an organisation subject one letter off a registry name, written with 'The' and a postmodifier ('The Local
    Coordination Committee of Saraqeb said'), is that registry actor."""
    claims = syria_claims("Fighting went on. The Local Coordination Committee of Saraqeb said heavy shelling had forced the rebels out.")
    assert _who(claim_with(claims, "heavy shelling")) == ("Local Coordination Committees", "opposition", False)


def test_extract_claims_reads_an_unregistered_acronym_after_according_to():
    """Check that 'according to' an acronym the registry lacks ('according to ZDF') is that acronym's report."""
    claims = syria_claims("Fighting went on. Chlorine gas was used in shelling the Sheikh Maqsoud district according to ZDF.")
    assert _who(claim_with(claims, "Chlorine gas")) == ("ZDF", "unknown", False)


def test_extract_claims_reads_an_unregistered_organisation_name_as_a_subject():
    """Check that a capitalised organisation name the registry lacks, with 'for' inside and an adverb before the verb ('The
    Beirut Centre for Conflict Studies however put the death toll at ...'), is the speaker as written."""
    claims = syria_claims("Fighting went on. The Beirut Centre for Conflict Studies however put the death toll at more than 90000 people.")
    assert _who(claim_with(claims, "90000")) == ("the Beirut Centre for Conflict Studies", "unknown", False)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. According to an official from the local relief committee Karim works for a Kurdish party.", "Karim works",
         "an official from the local relief committee"),
        ("Fighting went on. Four people were injured according to a source at Hama Police Command.", "Four people", "a source at Hama Police Command"),
        ("Fighting went on. About 40 people were wounded according to the medical source in Qamishli city.", "40 people", "the medical source in Qamishli city"),
    ],
)
def test_extract_claims_keeps_the_affiliation_of_a_source_after_according_to(text, phrase, expected):
    """Check that 'according to' a one-person description placed in a body or posted in a town keeps that affiliation as written."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == expected


def test_extract_claims_reads_a_surname_as_the_speaker_its_full_name_spoke_for():
    """Check that a surname ('Jamous pointed out') after a full name the registry lists for an organisation ('Coalition
    committee member Badr Jamous said', the Coalition's) is that organisation too."""
    claims = syria_claims("Fighting went on. Coalition committee member Badr Jamous said that the regime refuses to implement UN resolutions. "
                          "Ten people died in the shelling. Jamous pointed out that the regime shows disregard for civilians.")
    assert claim_with(claims, "UN resolutions")["speaker"] == "Syrian National Coalition"
    assert _who(claim_with(claims, "disregard for civilians")) == ("Syrian National Coalition", "opposition", False)


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Syrian regime television said three people were killed in Homs.", "three people", "Syrian National Television"),
        ("Syrias government run TV said a car bomb injured nine people in Hama.", "nine people", "Syrian National Television"),
        ("The Russian Federation said it had sent 20 trucks of flour to Aleppo.", "20 trucks", "Russia"),
        ("Lebanese channel Al-Mayadin reported that 12 fighters were killed near Palmyra.", "12 fighters", "Al Mayadeen"),
        ("Jaish al Islam said its fighters shot down a helicopter over Douma.", "helicopter", "Free Syrian Army"),
        ("Reporters Without Borders said 12 journalists were killed in Syria last year.", "12 journalists", "Reporters Without Borders"),
        ("US Central Command said its aircraft struck 14 targets near Raqqa.", "14 targets", "United States"),
        ("Valerie Amos said 40 aid workers had been killed since the war began.", "40 aid workers", "United Nations"),
    ],
)
def test_extract_claims_folds_registry_spellings_of_syria_speakers(sentence, phrase, expected):
    """Check that the registry's added spellings of Syria-theatre speakers (state television under a regime or government
    name, 'the Russian Federation', 'Al-Mayadin', 'Jaish al Islam', CENTCOM, Valerie Amos) and Reporters Without Borders are their actor."""
    assert claim_with(syria_claims("Fighting went on. " + sentence), phrase)["speaker"] == expected


def test_extract_claims_drops_honorifics_and_religious_titles_before_a_name():
    """Check that a religious title or an abbreviated honorific opening a person's name ('Archbishop Tomas Ferrer said',
    'Dr. Samir Haddad said') is not part of the speaker, and a titled surname later is the person named in full."""
    claims = syria_claims("Fighting went on. Archbishop Tomas Ferrer said 40 families had fled Hasakah. Dr. Samir Haddad said nine patients died in "
                          "the hospital. Later Archbishop Ferrer said the church in the town had been burned.")
    assert claim_with(claims, "40 families")["speaker"] == "Tomas Ferrer"
    assert claim_with(claims, "nine patients")["speaker"] == "Samir Haddad"
    assert claim_with(claims, "church in the town")["speaker"] == "Tomas Ferrer"


def test_extract_claims_keeps_an_acronym_in_a_lexicon_description():
    """Check that a lexicon description with an acronym ('an NGO said') keeps the acronym's capitals as written."""
    claims = syria_claims("Fighting went on. Two people were killed in a blast in Homs on Sunday an NGO said.")
    assert claim_with(claims, "Two people")["speaker"] == "an NGO"


def test_extract_claims_reads_an_organisation_name_before_a_description_in_apposition():
    """Check that an unregistered organisation named before an indefinite description in apposition ('The Beirut Centre
    for Conflict Studies an NGO however put ...') is the speaker, not the description."""
    claims = syria_claims("Fighting went on. The Beirut Centre for Conflict Studies an NGO however has put the death toll at more than 90000 people.")
    assert claim_with(claims, "90000")["speaker"] == "the Beirut Centre for Conflict Studies"


def test_extract_claims_skips_a_place_closing_the_subjects_relative_clause():
    """Check that a capitalised place after 'in (the)' at the end of the subject's relative clause ('Southern Command
    which runs operations in the Gulf Region said') is not the speaker: the subject before the clause is."""
    claims = syria_claims("Fighting went on. The Pentagon which runs operations in the Gulf Region said its jets struck 12 targets near Raqqa.")
    assert claim_with(claims, "12 targets")["speaker"] == "United States"


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("A car bomb killed seven people in Homs according to preliminary reports.", "seven people", "preliminary reports"),
        ("Tribal sources said 30 fighters were killed near Mayadin.", "30 fighters", "tribal sources"),
        ("Unconfirmed reports said four soldiers were captured near Hama.", "four soldiers", "unconfirmed reports"),
    ],
)
def test_extract_claims_widens_a_group_speaker_over_report_qualifiers(sentence, phrase, expected):
    """Check that a group speaker keeps the qualifiers that say what kind of report or source it is ('preliminary',
    'initial', 'unconfirmed', 'tribal', 'trusted', 'conflicting'), not only its head noun."""
    assert claim_with(syria_claims("Fighting went on. " + sentence), phrase)["speaker"] == expected


def test_extract_claims_resolves_the_same_source_to_the_source_before():
    """Check that 'the same source said' is a back-reference to the source that spoke before, like 'the source said',
    not a group speaker 'source'."""
    claims = syria_claims("Fighting went on. A source at Hama Police Command said terrorists fired 12 mortar shells on the city. "
                          "Two houses were also damaged in the shelling the same source said.")
    assert claim_with(claims, "Two houses")["speaker"] == "a source at Hama Police Command"


def test_extract_claims_reads_the_name_before_a_network_in_apposition():
    """Check that the members of a collective in apposition to a name ('The Violations Documentation Center (VDC) a
    network of activists reported ...') are not the speaker: the named organisation is."""
    claims = syria_claims("Fighting went on. The Violations Documentation Center (VDC) a network of activists reported 40 deaths in Daraya on Sunday.")
    assert claim_with(claims, "40 deaths")["speaker"] == "Violations Documentation Center"


@pytest.mark.parametrize(
    ("text", "phrase", "content_end"),
    [
        ('Fighting went on. "The road into the town is cut" Observatory director Rami Abdel Rahman said.', "road into the town", "is cut"),
        ("Fighting went on. Shelling killed nine people in Idlib on Sunday monitoring group the Syrian Observatory for Human Rights said.", "nine people",
         "on Sunday"),
        ("Fighting went on. A car bomb killed four people in Jableh on Monday official news agency SANA reported.", "four people", "on Monday"),
    ],
)
def test_extract_claims_leaves_a_description_before_a_registry_name_out_of_the_content(text, phrase, content_end):
    """Check that a description in apposition before a registry name that opens the frame ('Observatory director X
    said', 'monitoring group the Observatory said', 'official news agency SANA reported') is the speaker's noun phrase,
    not the end of the claim before it."""
    assert claim_with(syria_claims(text), phrase)["text"].endswith(content_end)


def test_extract_claims_keeps_a_description_after_a_preposition_in_the_content():
    """Check that a description that is a preposition's object ('was targeted by a radical rebel group Syrian TV said')
    stays in the content before the frame."""
    claims = syria_claims("Fighting went on. The hospital in Hama was targeted by a radical rebel group Syrian TV said.")
    assert claim_with(claims, "hospital in Hama")["text"].endswith("rebel group")


def test_extract_claims_folds_raqqa_is_being_slaughtered_silently():
    """Check that the Raqqa activist network the registry lists under its name and spellings ('Raqqa is Being Silently
    Slaughtered', RBSS) is one opposition speaker, not the tail of its name."""
    claims = syria_claims("Fighting went on. The network Raqqa is Being Silently Slaughtered said 14 people were executed in the city.")
    row = claim_with(claims, "14 people")
    assert (row["speaker"], row["speaker_camp"]) == ("Raqqa is Being Slaughtered Silently", "opposition")


def test_extract_claims_leaves_a_persons_role_before_the_name_out_of_the_content():
    """Check that the role written before an unregistered person's name that opens the frame, commas lost ('... used in
    the attack local journalist Karim Haddad reported', '..." militia spokesman Tom Barrow said'), is the speaker's
    phrase, not the end of the claim before it."""
    claims = syria_claims('Fighting went on. Chlorine was used in the attack on the market local journalist Karim Haddad reported. '
                          '"We are clearing the town of mines" militia spokesman Tom Barrow said.')
    assert claim_with(claims, "Chlorine")["text"].endswith("the market")
    assert claim_with(claims, "clearing the town")["text"].endswith("of mines")


def test_extract_claims_reads_the_person_named_after_a_role_after_according_to():
    """Check that 'according to' a one-person role followed by a name ('according to media activist Karim Haddad') is that
    person, not the role noun."""
    claims = syria_claims("Fighting went on. Two airstrikes killed three civilians in Binnish according to media activist Karim Haddad.")
    assert claim_with(claims, "three civilians")["speaker"] == "Karim Haddad"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. Media Activist Karim Haddad told the agency that shelling hit the market in Binnish.", "shelling hit", "Karim Haddad"),
        ("Fighting went on. Local Journalist Karim Haddad told the agency that shelling hit the market in Binnish.", "shelling hit", "Karim Haddad"),
    ],
)
def test_extract_claims_drops_a_capitalised_role_before_a_name(text, phrase, expected):
    """Check that a capitalised role and its modifier before an unregistered person's name ('Media Activist Karim Haddad')
    are left out of the speaker's name (docs/annotation.md, Speaker rule 2)."""
    assert claim_with(syria_claims(text), phrase)["speaker"] == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. The Britain-based observatory and opposition fighters said a car bomb exploded in Binnish on Sunday.", "car bomb",
         "The Britain-based observatory and opposition fighters"),
        ("Fighting went on. Shelling killed a boy in Binnish the observatory and a security source said.", "killed a boy",
         "the observatory and a security source"),
        ("Fighting went on. Shelling killed 12 people in Binnish a human rights monitoring group and activists said on Saturday.", "12 people",
         "a human rights monitoring group and activists"),
    ],
)
def test_extract_claims_writes_coordinated_speakers_with_the_first_determiner(text, phrase, expected):
    """Check that speakers joined by 'and' are written with the first conjunct's determiner and modifiers (docs/annotation.md,
    Speaker rule 4), and that these words are not left at the end of the content before the frame."""
    row = claim_with(syria_claims(text), phrase)
    assert row["speaker"] == expected
    assert not row["text"].endswith(("the", "a human rights", "The Britain-based"))


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. The government of President Bashar al-Assad denied using barrel bombs in Binnish.", "barrel bombs",
         ("Syrian Government", "loyalist", False)),
        ("Fighting went on. The administration of President Bashar al-Assad said the army retook Binnish.", "retook Binnish",
         ("Syrian Government", "loyalist", False)),
        ("Fighting went on. The defence ministry in Moscow said on Sunday its jets struck 12 targets near Palmyra.", "12 targets",
         ("Russian Defence Ministry", "loyalist", False)),
        ("Fighting went on. Rebels will lose Binnish within weeks sources familiar with Syrian government thinking have said.", "lose Binnish",
         ("sources familiar with Syrian government thinking", "unknown", True)),
        ("Fighting went on. A senior official close to the Syrian government said the army would retake Binnish.", "retake Binnish",
         ("A senior official close to the Syrian government", "unknown", True)),
    ],
)
def test_extract_claims_reads_the_speaker_from_the_subjects_head(text, phrase, expected):
    """Check that the head of the subject decides who speaks when a registry mention sits in its modifier: the government
    of a person is the registry's government, a ministry in a capital the registry's ministry of that country, sources
    familiar with or close to an actor are the description as written."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_reads_a_misspelt_registry_name_after_the():
    """Check that a capitalised registry name misspelt by a letter after 'the' ('The Syrian Obervatory for Human Rights
    said') is the registry actor, not a description."""
    claims = syria_claims("Fighting went on. The Syrian Obervatory for Human Rights said more than 20 people died in Binnish.")
    assert _who(claim_with(claims, "20 people")) == ("Syrian Observatory for Human Rights", "opposition", False)


def test_extract_claims_refers_the_group_to_an_organisation_named_in_the_sentence():
    """Check that 'the group said' with no organisation speaking before refers to the unregistered organisation named in
    full earlier in its sentence, and that the next 'the group added' refers to it too."""
    claims = syria_claims("Fighting went on. Three staff of the Union of Free Medical Relief Organisations were in an ambulance hit by "
                          "shelling in Binnish the group said. Two more were missing the group added.")
    assert claim_with(claims, "Three staff")["speaker"] == "Union of Free Medical Relief Organisations"
    assert claim_with(claims, "Two more")["speaker"] == "Union of Free Medical Relief Organisations"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Fighting went on. In a related development other media outlets stated that a commander was killed in Binnish.", "commander",
         ("other media outlets", "unknown", True)),
        ("Fighting went on. Russias military said six bombers struck targets near Palmyra.", "six bombers",
         ("Russian Defence Ministry", "loyalist", False)),
    ],
)
def test_extract_claims_reads_media_outlets_and_russias_military(text, phrase, expected):
    """Check that 'media outlets' is a group noun whole ('other media outlets', not 'other media') and that Russia's
    military is the registry's Russian Defence Ministry."""
    assert _who(claim_with(syria_claims(text), phrase)) == expected


def test_extract_claims_leaves_a_place_after_an_organisation_to_the_content():
    """Check that 'according to' an organisation name followed by a one-word place and a finite verb ('According to the
    World Heath Organization Syria is ...') leaves the place to the content, and the misspelt name to the registry."""
    claims = syria_claims("Fighting went on. According to the World Heath Organization Syria is the most dangerous country for doctors.")
    row = claim_with(claims, "dangerous country")
    assert row["speaker"] == "United Nations"
    assert row["text"].startswith("Syria is")


def test_extract_claims_refers_he_to_a_registry_actor_speaking_through_an_office_holder():
    """Check that 'he added' sentences after an office holder the registry folds into a country ('Foreign Secretary Boris
    Johnson told reporters') refers to that country, though an organisation's 'he' otherwise reaches two sentences back only."""
    claims = syria_claims("Fighting went on. Government forces shelled Binnish the Syrian army said. The attack was a crime British Foreign "
                          "Secretary Boris Johnson told reporters in Paris. Residents flee Binnish on Monday. We want the inspectors to reach "
                          "the town. There is no reason to deny them access he added.")
    assert claim_with(claims, "no reason")["speaker"] == "United Kingdom"


def test_extract_claims_leaves_an_office_title_before_a_name_out_of_the_content():
    """Check that a capitalised office title written before a registry speaker's name, commas lost ('... a crime British
    Foreign Secretary Boris Johnson told'), is the speaker's phrase, not the end of the claim before it."""
    claims = syria_claims("Fighting went on. The attack was a crime British Foreign Secretary Boris Johnson told reporters in Paris.")
    assert claim_with(claims, "The attack")["text"].endswith("a crime")


@pytest.mark.parametrize(
    ("text", "phrase", "speaker", "quantities"),
    [
        ("Officials opened an inquiry into whether shelling near Kafr Nabl last week claimed more than 40 civilians including women.",
         "Officials opened an inquiry", "reuters", [(40.0, "killed")]),
        ("A source at Hama Police Command said that gunmen fired shells with one landing in the old market area claiming two lives and injuring six people.",
         "gunmen fired shells with one landing in the old market area claiming two lives", "a source at Hama Police Command", [(2.0, "killed"), (6.0, "injured")]),
        ("The group claimed 30 soldiers were killed in the ambush.", "30 soldiers were killed", "the group", [(30.0, "killed")]),
        ("The group claimed two attackers blew themselves up at the gate.", "two attackers blew themselves up", "the group", [(2.0, "")]),
    ],
)
def test_extract_claims_reads_a_claim_verb_with_a_count_of_dead_as_the_casualty_sense(text, phrase, speaker, quantities):
    """Check that 'claimed more than 40 civilians' or 'claimed two lives' is no reporting frame, while 'claimed 30 soldiers were killed' reports."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert claim["speaker"] == speaker
    assert [(q["value"], next((o for o in ("killed", "injured") if o in q["counts"]), "")) for q in claim["quantities"]] == quantities


def test_extract_claims_gives_a_quotation_opened_after_a_report_to_the_speaker_where_it_closes():
    """Check that a quotation opening after another source's report ('X said. "A. B" Y said') is Y's, not X's."""
    text = (
        "Government shelling killed nine people in Kafr Hamra on Monday, the monitor said. "
        '"The clinic in the town was hit twice. Four nurses were among the dead" said the activist Samir Haddad. '
        "Rebels shelled the village of Tal Sawan on Sunday."
    )
    claims = syria_claims(text, outlet="alaraby")
    assert claim_with(claims, "killed nine people")["speaker"] == "Syrian Observatory for Human Rights"
    for phrase in ("clinic in the town was hit twice", "Four nurses were among the dead"):
        assert (claim_with(claims, phrase)["speaker"], claim_with(claims, phrase)["attribution"]) == ("Samir Haddad", "direct_quote")


def test_extract_claims_keeps_the_speaker_of_a_quotation_opened_after_its_report_when_none_closes_it():
    """Check that a quotation opening after a report and attributed nowhere ('X said. "A."') stays X's."""
    text = (
        "Government shelling killed nine people in Kafr Hamra on Monday, the monitor said. "
        '"The clinic in the town was hit twice." Rebels shelled the village of Tal Sawan on Sunday.'
    )
    claims = syria_claims(text, outlet="alaraby")
    assert claim_with(claims, "clinic in the town was hit twice")["speaker"] == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Rebels shelled the village of Tal Sawan. Samir Haddad of the activist-run Kafr Hamra Media Center said the clinic was hit twice.", "clinic was hit"),
        ('Rebels shelled the village of Tal Sawan. "The clinic was hit twice" Samir Haddad of the Hama based Karama opposition group told Reuters.', "clinic was hit"),
        ("Rebels shelled the village of Tal Sawan. In a report on Monday Samir Haddad of the Levant Policy Centre said the clinic was hit twice.", "clinic was hit"),
    ],
)
def test_extract_claims_names_a_person_of_an_unregistered_organisation_as_the_speaker(text, phrase):
    """Check that 'X Y of the Z Center said' is X Y (annotation rule 2), not the organisation, and 'He said' after is X Y too."""
    claims = syria_claims(text + " He said the road to the town was closed.")
    assert _who(claim_with(claims, phrase)) == ("Samir Haddad", "unknown", False)
    assert claim_with(claims, "road to the town was closed")["speaker"] == "Samir Haddad"


def test_extract_claims_refers_he_to_a_spokesman_the_registry_folds_not_to_a_person_named_before():
    """Check that 'he said' after 'ministry spokesman X said' (X a registry alias) is X's organisation, not an earlier person."""
    text = (
        "John Davies a former minister said jets could enforce a no-fly zone over Aleppo. "
        "Russian defense ministry spokesman Igor Konashenkov said the air force did not strike the convoy. "
        '"The accusations have not been taken seriously for a long time" he said.'
    )
    claims = syria_claims(text)
    assert claim_with(claims, "no-fly zone")["speaker"] == "John Davies"
    assert claim_with(claims, "accusations have not been taken seriously")["speaker"] == "Russian Defence Ministry"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Rebels shelled the village of Tal Sawan. The minister was answering a question from Labour lawmaker Ann Carter who called for protests. "
         '"I urge everyone to picket the embassy from today" she said.', "picket the embassy", "Ann Carter"),
        ("Rebels shelled the village of Tal Sawan. A witness named Karim who was wounded in the blast described the moment the bomber struck. "
         '"I saw a man in a black jacket walk past the checkpoint" he said.', "black jacket", "Karim"),
    ],
)
def test_extract_claims_gives_a_closing_he_the_person_introduced_before_the_quotation(text, phrase, expected):
    """Check that '"A" she said' after a sentence introducing 'X who ...' is X's quotation, not the outlet's."""
    claim = claim_with(syria_claims(text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "direct_quote")


def test_extract_claims_reads_a_surname_after_a_registry_mention_as_the_speaker():
    """Check that a registry mention followed by one capitalised word right before the verb gives way to that person's name."""
    claims = syria_claims("Shelling hit the city overnight. Red Crescent chief Abdulrahman Haddad said 14 volunteers were wounded in the shelling.")
    assert claim_with(claims, "14 volunteers were wounded")[["speaker", "speaker_camp"]].tolist() == ["Abdulrahman Haddad", "neutral"]
    claims = syria_claims("Shelling hit the city overnight. The attacks on the hospital were committed by rebels Haddad said.")
    assert claim_with(claims, "attacks on the hospital")["speaker"] == "Haddad"


def test_extract_claims_reads_a_known_surname_after_a_registry_mention_as_that_person():
    """Check that 'Daesh Cavusoglu said' after 'Mevlut Cavusoglu said' is Mevlut Cavusoglu, not the group or a new person."""
    claims = syria_claims(
        "Fighting went on near the border. Turkish Foreign Minister Mevlut Cavusoglu said on Monday that 40 militants were killed near the town. "
        "These raids will not stop us from fighting Daesh Cavusoglu said."
    )
    assert claim_with(claims, "These raids")[["speaker", "speaker_camp"]].tolist() == ["Mevlut Cavusoglu", "regional"]


def test_extract_claims_gives_a_country_without_its_own_registry_actor_its_capitals_side():
    """Check that 'Syria said' stays 'Syria' with the side of the actor the lexicon's capital Damascus stands for."""
    claims = syria_claims("Fighting went on near the border. Syria said 12 soldiers were killed when rebels shelled the base.")
    assert claim_with(claims, "12 soldiers were killed")[["speaker", "speaker_camp"]].tolist() == ["Syria", "loyalist"]


def test_extract_claims_reads_a_name_after_a_preposition_of_place_as_no_apposed_speaker():
    """Check that 'near Tal Marzan a local source told' gives the source, not the unlisted village, as the speaker."""
    claims = syria_claims("Fighting went on. Troops killed 12 gunmen in an attack near Tal Marzan a local source told SANA.")
    assert claim_with(claims, "12 gunmen")["speaker"] == "a local source"
