"""Reporting frames of claim extraction: accusations, blame, denials, threats and pledges as reports."""

from __future__ import annotations

import pytest

from claim_helpers import claim_with, syria_claims


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Syrian Observatory for Human Rights blames the army for the shelling of the market in Douma.", "the army for the shelling",
         ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Rebels accuse the Kurdish YPG of helping the army to cut the road north of Aleppo.", "of helping the army",
         ("Free Syrian Army", "reported_speech")),
        ("Karim Haddad had on Saturday accused rebel groups of moving 500 fighters into the south of Aleppo.", "500 fighters",
         ("Karim Haddad", "reported_speech")),
        ("Karim Haddad has consistently denied that his men shelled the Kurdish town of Afrin.", "his men shelled", ("Karim Haddad", "reported_speech")),
    ],
)
def test_extract_claims_reads_accusation_blame_and_denial_as_reports(text, phrase, expected):
    """Check that 'X accuses / blames Y of / for ...' and 'X has (adverb or 'on Saturday') denied ...' are X's reports."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


def test_extract_claims_never_reads_the_accused_as_the_speaker():
    """Check that the registry name right after 'accused' (the accused party) is not taken as a claim's speaker."""
    claims = syria_claims("Fighting went on in the north. The village elders accused the Syrian Army of shelling the market of Douma.")
    assert "Syrian Army" not in set(claims["speaker"])


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Turkey has denied the accusations.", "Turkey has denied the accusations", ("Turkey", "reported_speech", "stance")),
        ("The Nusra Front threatened to target the villages of the coast with rockets.", "to target the villages",
         ("Nusra Front", "reported_speech", "stance")),
        ("The Islamic State pledges to defend the city of Raqqa until the end.", "to defend the city", ("Islamic State", "reported_speech", "stance")),
    ],
)
def test_extract_claims_reads_a_denial_threat_or_pledge_as_a_stance_report(text, phrase, expected):
    """Check that a denial with only a short object is a claim made of the frame words, and that threats and pledges are
    the speaker's stance."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The air strikes were carried out to deny the Islamic State the ability to move 300 fighters into Iraq.",
        "The Islamic State threatens the province of Hasaka where 40 soldiers were killed last week.",
        "The rebels kept their pledges as 20 fighters were killed in the fighting for Tabqa.",
    ],
)
def test_extract_claims_reads_no_report_in_an_infinitive_a_threat_with_an_object_or_a_noun(text):
    """Check that 'to deny', 'threatens the province' and 'their pledges' do not make a report: every claim is the outlet's."""
    claims = syria_claims("Fighting went on in the north. " + text)
    assert set(zip(claims["speaker"], claims["attribution"])) == {("reuters", "own_assertion")}


def test_extract_claims_gives_a_verb_after_and_the_subject_of_the_first():
    """Check that a second reporting verb joined by 'and' ('said ... and accused Britain of ...') keeps the first verb's speaker."""
    claims = syria_claims("Fighting went on in the north. The Russian Defence Ministry said its jets never hit the convoy near Aleppo and accused"
                          " Britain of hiding the evidence of the strike.")
    claim = claim_with(claims, "hiding the evidence")
    assert (claim["speaker"], claim["attribution"]) == ("Russian Defence Ministry", "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Four deaths and 30 injuries were reported by the civil defence in the town of Douma.", "30 injuries", "White Helmets"),
        ("The attack on the checkpoint was also reported by Syrian state television.", "The attack on the checkpoint", "Syrian National Television"),
        ("The shelling was also reported by Syrian state television which said 12 soldiers had been killed near Palmyra.", "12 soldiers",
         "Syrian National Television"),
    ],
)
def test_extract_claims_gives_a_passive_report_to_its_named_agent(text, phrase, expected):
    """Check that 'was reported by X' is X's report (reported_speech), the frame words the claim when little comes before
    it, and that 'which said' right after X keeps X."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Jets bombed the suburbs of Douma on Monday in what two opposition groups claimed was a gas attack that killed 40 people.",
         "two opposition groups claimed was", "two opposition groups"),  # a described group keeps its count (docs/annotation.md, Speaker rule 1)
        ("Rebels shelled the town of Nubl in what the Syrian Observatory for Human Rights said was the worst attack this year.",
         "Observatory for Human Rights said was", "Syrian Observatory for Human Rights"),
    ],
)
def test_extract_claims_reads_in_what_x_claimed_was_as_one_claim_of_x(text, phrase, expected):
    """Check that in 'in what X claimed was Y' the clause from 'what' (frame words included) is X's reported claim, and the
    words before it stay the outlet's."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].startswith("what ")


def test_extract_claims_reads_reports_after_a_modal_and_verb_as_an_object():
    """Check that 'reports' after 'would investigate' is that verb's object, not a frame that takes the claim from the
    speaker before it."""
    claims = syria_claims("Fighting went on in the north. In other news the United Nations said it would investigate reports rebels executed 12"
                          " soldiers near Aleppo.")
    claim = claim_with(claims, "would investigate reports")
    assert (claim["speaker"], claim["attribution"]) == ("United Nations", "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Twelve soldiers were killed in the ambush near Palmyra the Syrian Observatory for Human Rights told AFP on Saturday.", "Twelve soldiers",
         "Syrian Observatory for Human Rights"),
        ("The state-run Anadolu Agency citing military officials said the strikes destroyed two tanks near Afrin.", "two tanks", "Anadolu Agency"),
        ("The Syrian Observatory for Human Rights has raised the death toll from the car bombing in Qamishli to 22.", "to 22",
         "Syrian Observatory for Human Rights"),
    ],
)
def test_extract_claims_reads_told_an_acronym_citing_and_a_raised_toll_as_frames(text, phrase, expected):
    """Check that 'X told AFP on Saturday' closing a sentence owns the content before it, 'X citing Y said' is X's report,
    and 'X has raised the death toll to 22' is X's report of the toll."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("On Tuesday the United Nations called for a ceasefire in Aleppo where it said 300000 people lacked water.", "300000 people",
         ("United Nations", "reported_speech")),
        ("At least 40 people were injured in the shelling according to the local monitoring and relief office.", "40 people",
         ("the local monitoring and relief office", "according_to")),
        ("Its fighters cooperate with the Nusra Front in Idlib according to experts.", "Its fighters cooperate", ("experts", "according_to")),
        ("Twelve fighters were killed in the shelling of the town the activist told al-Quds al-Arabi.", "Twelve fighters", ("activist", "reported_speech")),
    ],
)
def test_extract_claims_finds_the_speaker_of_it_said_a_described_office_experts_and_told_al_name(text, phrase, expected):
    """Check that 'it said' with no speaker before is the sentence's organisation, that 'according to the ... office' and
    'according to experts' name their speaker, and that 'told al-Quds al-Arabi' closing a sentence owns what comes before."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


def test_extract_claims_reads_no_report_when_neither_subject_reports():
    """Check that 'neither X nor Y blamed any group' is the outlet's statement, not a report of Y."""
    claims = syria_claims("Fighting went on in the north. So far neither the Nusra Front nor the Free Syrian Army blamed any group for the bombing of Idlib.")
    claim = claim_with(claims, "blamed any group")
    assert (claim["speaker"], claim["attribution"]) == ("reuters", "own_assertion")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Rebels shelled the town of Kafr Nabl on Monday a monitor said. Tags Syria Hama shelling war Kafr Nabl. The army denied it.",
         ["Rebels shelled the town of Kafr Nabl on Monday", "The army denied it"]),
        ("Tags Kafr Nabl Syria rebels siege Idlib Warplanes struck a market in Kafr Nabl killing 12 people on Monday.",
         ["Warplanes struck a market in Kafr Nabl killing 12 people on Monday"]),
        ("Air strikes hit the market in Kafr Nabl on Monday. 12 Tags Syria shelling war Idlib", ["Air strikes hit the market in Kafr Nabl on Monday"]),
    ],
)
def test_extract_claims_never_reads_a_keyword_list_as_a_claim(text, kept):
    """Check that a page's 'Tags' list is no claim, alone or run into the body sentence after it, which stays a claim."""
    assert syria_claims(text)["text"].tolist() == kept


def test_extract_claims_continues_a_report_with_a_count_also_harmed():
    """Check that 'Dozens of people were also wounded' right after a monitor's report is the monitor's, not after 'Meanwhile'."""
    text = ("Air strikes killed 12 civilians in Kafr Nabl on Monday the Observatory said. Dozens of people were also wounded in the town. "
            "The army also killed 20 fighters near Kafr Nabl.")
    claims = syria_claims(text)
    shift = syria_claims("Air strikes killed 12 civilians in Kafr Nabl on Monday the Observatory said. Meanwhile 15 people were also wounded in shelling on Hama.")
    assert claim_with(shift, "15 people")["speaker"] == "reuters"
    wounded = claim_with(claims, "Dozens of people")
    assert (wounded["speaker"], wounded["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")
    assert (claim_with(claims, "20 fighters")["speaker"], claim_with(claims, "20 fighters")["attribution"]) == ("reuters", "own_assertion")


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("The Free Syrian Army fought fierce battles on Sunday with advancing troops whose push on the town has left dozens reported dead.", "casualties"),
        ("The town of Kafr Nabl has been controlled mostly by Jaish al-Fatah since March.", "territory"),
        ("The group remains firmly rooted in the eastern countryside of Homs province.", "territory"),
        ("Government forces operated against the militants near the dam on Friday.", "territory"),
        ("A second clip showed the lifeless body of a boy lying near a wall in the square.", "casualties"),
        ("The prisoners were lined up along the wall of the school before being shot in the head.", "casualties"),
        ("The new arrangement for the besieged town came into effect at midnight on Friday.", "negotiation"),
    ],
)
def test_extract_claims_finds_battles_held_ground_and_bodies_as_own_claims(text, claim_type):
    """Check that fought battles ('reported dead' is no report), ground held mostly by or rooted in, operations against,
    lifeless bodies, people shot in the head and an arrangement that came into effect are the outlet's own claims of their type."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, text.split()[3])
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", claim_type)


def test_extract_claims_reads_a_count_registered_or_recorded_as_a_report():
    """Check that 'X registered / recorded / counted <count>' is X's report, not with no count ('recorded gains') or inside another report."""
    text = ("Fighting went on in the north. The Syrian Observatory for Human Rights recorded at least 31 deaths in Kafr Nabl in May. "
            "The Russian Reconciliation Center registered 17 breaches of the truce in Hama on Friday. "
            "The army recorded gains near Kafr Nabl on Monday after fierce clashes. "
            "Karim Haddad the director of a clinic told a Reuters reporter the clinic had recorded nine deaths from the shelling.")
    claims = syria_claims(text)
    nine = claim_with(claims, "nine deaths")
    assert (nine["speaker"], nine["attribution"]) == ("Karim Haddad", "reported_speech")
    for phrase, speaker in (("31 deaths", "Syrian Observatory for Human Rights"), ("17 breaches", "Russian Defence Ministry")):
        claim = claim_with(claims, phrase)
        assert (claim["speaker"], claim["attribution"]) == (speaker, "reported_speech")
    gains = claim_with(claims, "recorded gains")
    assert (gains["speaker"], gains["attribution"]) == ("reuters", "own_assertion")


def test_extract_claims_reads_a_place_apposition_after_a_frame_as_no_content():
    """Check that '... the Observatory said a district on the edge of Damascus' gives the Observatory the words before the frame, the apposition no claim."""
    text = ("Fighting went on. More than 30 people were wounded in the shelling of the Jobar area the Syrian Observatory for Human Rights said "
            "a district on the eastern edge of rebel-held Damascus.")
    claims = syria_claims(text)
    claim = claim_with(claims, "30 people")
    assert (claim["speaker"], claim["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")
    assert not claims["text"].str.contains("a district").any()


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The army was accused of shelling a clinic in the town of Saraqib.", "shelling a clinic", ("unnamed sources", "passive")),
        ("Rebel groups have been blamed for a car bomb that killed six people in Homs.", "a car bomb", ("unnamed sources", "passive")),
        ("The army was on Tuesday accused of shelling a clinic in the town of Saraqib.", "shelling a clinic", ("reuters", "own_assertion")),
    ],
)
def test_extract_claims_never_makes_the_accused_of_a_passive_accusation_its_speaker(text, phrase, expected):
    """Check that in 'X was accused of ...' / 'X has been blamed for ...' X is the accused: the claim is passive with no
    one named, or the outlet's when words stand between the auxiliary and the verb."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("A coalition of hill brigades began its assault on the two villages near Idlib on Wednesday.", "territory"),
        ("The mountain town remains roughly divided between militia and government control.", "territory"),
        ("The army launched a wide-scale military operation in the valley in April.", "territory"),
        ("A suicide bomber blew himself up late Monday at a checkpoint outside the town.", "other"),
        ("The allied militia has dispatched fighters to bolster the garrison in the south.", "other"),
        ("The air force first deployed helicopters over the plain in the second summer.", "other"),
    ],
)
def test_extract_claims_reads_assaults_divided_control_operations_blasts_and_deployments_as_own_claims(text, claim_type):
    """Check that an assault begun, a town divided between two sides' control, a military operation (territory), a
    bomber who blew himself up and fighters dispatched or aircraft deployed (other) are the outlet's own claims."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, text.split()[3])
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", claim_type)


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("Fighting went on in the north. The United States has supported the proposal calling it a sensible step.", "has supported the proposal", "United States"),
        ("Fighting went on in the north. Turkey has also hinted at setting up a buffer zone along its southern border.", "hinted at setting up", "Turkey"),
        ("Fighting went on in the north. The Syrian government denounced the incursion as a violation of its borders.", "denounced the incursion", "Syrian Government"),
        ("Fighting went on in the north. France called for unhindered aid access to the eastern districts of the city.", "called for unhindered", "France"),
    ],
)
def test_extract_claims_makes_a_stance_act_with_its_object_the_speakers_stance_claim(text, phrase, speaker):
    """Check that a speaker's stance act with an object and no 'that' clause (supported, hinted at, denounced, called
    for) is one claim of that speaker, frame words included, typed stance."""
    claim = claim_with(syria_claims(text), phrase)
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == (speaker, "reported_speech", "stance")
    assert claim["text"].split()[0] in ("The", "Turkey", "Syrian", "France")


def test_extract_claims_leaves_the_speakers_own_place_out_of_a_stance_act():
    """Check that in 'Damascus denounced ...' the capital standing for its government is no place of the claim."""
    claim = claim_with(syria_claims("Fighting went on in the north. Damascus denounced the incursion near Aleppo as a violation of its borders."), "denounced")
    assert claim["places"] == ["Aleppo"]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting went on in the north. Protesters in the square condemned the Assad regime for the siege of the old town.",
        "Fighting went on in the north. I hope this will wake up some who have supported the Assad regime to see its true nature the minister said.",
    ],
)
def test_extract_claims_never_makes_the_object_of_a_stance_verb_its_speaker(text):
    """Check that in '... condemned the Assad regime for ...' / '... who have supported the Assad regime' the regime after the verb is its object, not a speaker."""
    assert "Syrian Government" not in set(syria_claims(text)["speaker"])


def test_extract_claims_keeps_a_stance_act_of_an_unresolved_actor_as_the_outlets_claim():
    """Check that 'Several capitals have urged X to ...' (an actor no speaker rule resolves) is still a stance claim, the outlet's own."""
    claim = claim_with(syria_claims("Fighting went on in the north. Several capitals have urged the president to let the monitors visit the sites."), "have urged")
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", "stance")


def test_extract_claims_never_makes_the_subject_of_a_passive_stance_verb_its_speaker():
    """Check that in 'The Islamic State was strongly condemned on Friday in a resolution ...' the condemned is no speaker."""
    claims = syria_claims("Fighting went on in the north. The Islamic State was strongly condemned on Friday in a resolution of the council for its abuses.")
    assert (claim_with(claims, "condemned")["speaker"], claim_with(claims, "condemned")["attribution"]) == ("reuters", "own_assertion")


def test_extract_claims_reads_a_visit_after_a_closing_frame_as_its_tail():
    """Check that '... the minister said on a visit to Paris.' gives the minister the words before the frame, the visit no claim."""
    claims = syria_claims("Fighting went on in the north. We hope the talks will resume next month Foreign Minister Jean Dupont said on a visit to Paris.")
    claim = claim_with(claims, "talks will resume")
    assert claim["speaker"] == "Jean Dupont"
    assert not claims["text"].str.startswith("on a visit").any()


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("On Wednesday the Russian Defence Ministry declared a 72-hour truce in the eastern districts of Syrias second city.", "negotiation"),
        ("Late last spring the Syrian army announced an offensive to retake the villages north of Hama.", "territory"),
    ],
)
def test_extract_claims_reads_declaring_a_truce_or_announcing_an_offensive_as_the_outlets_report_of_the_act(text, claim_type):
    """Check that 'X declared a truce' / 'X announced an offensive' is the act the outlet reports, one own claim, not X's report of the truce."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, "Syria")
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", claim_type)
    assert claim["text"].startswith(text.split()[0])


def test_extract_claims_reads_a_mention_before_a_modal_after_said_as_the_contents_subject():
    """Check that in '... last Tuesday Veli said Turkey wont allow ...' Turkey is the subject of the content, the
    surname after a weekday is the speaker, and 'new states' is no report."""
    text = ("Prime Minister Ali Veli said Turkey would not allow any cooperation with armed groups. "
            "In a speech to his party in parliament last Tuesday Veli said Turkey wont allow the formation of new states in Syria.")
    claim = claim_with(syria_claims(text, published="2016-09-22"), "formation of new states")
    assert (claim["speaker"], claim["claim_type"]) == ("Ali Veli", "stance")
    assert claim["text"].startswith("Turkey wont allow")


def test_extract_claims_dates_a_statement_by_the_date_before_its_speaker():
    """Check that 'On Monday the Observatory said that ...' dates the Observatory's claim to that Monday."""
    claims = syria_claims("Fighting went on. On Monday the Syrian Observatory for Human Rights said that the town was calm again after weeks of fighting.",
                          published="2016-09-22")
    assert str(claim_with(claims, "calm again")["event_date"].date()) == "2016-09-19"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Valley townspeople said the gunmen were using the school to store their weapons.", "the gunmen were using", ("Valley townspeople", "reported_speech")),
        ("There have also been reports of special forces operating across the border.", "special forces operating", ("unnamed sources", "passive")),
        ("The president and his government deny using barrel bombs against the town.", "deny using", ("reuters", "own_assertion")),
    ],
)
def test_extract_claims_keeps_a_report_whose_speaker_is_unresolved_as_a_claim(text, phrase, expected):
    """Check that a statement with a finite reporting verb whose speaker no rule resolves, or a passive report with no
    fact word, is still one claim (the outlet's or unnamed sources'), not dropped for want of a fact word."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The figures could not be independently confirmed.",
        "Reporting by Jane Doe; Editing by John Roe.",
        "The claims made in the video could not be confirmed.",
        "Nobody said anything about it in the town on Monday.",
        "The ministry did not say who had carried it out.",
    ],
)
def test_extract_claims_makes_no_claim_of_a_verification_disclaimer_or_a_byline(text):
    """Check that a verification disclaimer, a byline and a statement no one made (reporting words, no statement) give no claim."""
    claims = syria_claims("Fighting went on in the north. " + text)
    assert claims["text"].tolist() == ["Fighting went on in the north"]


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("Since late last week the hill brigades have taken over a key border crossing and a handful of villages.", "territory"),
        ("More recently the militants have also lost territory to the tribal fighters in the south.", "territory"),
        ("The tribal fighters are hoping to encircle the militants by taking a strip of land outside the town.", "territory"),
        ("By Saturday the soldiers were within sight of the road and firing on any vehicle attempting to use it.", "other"),
        ("In the spring the army launched a wide-scale operation against armed groups in the mountains.", "territory"),
        ("Several neighbouring states are giving financial and military support to the militants in the valley.", "other"),
    ],
)
def test_extract_claims_reads_takeovers_lost_territory_encirclement_fire_operations_and_support_as_own_claims(text, claim_type):
    """Check that ground taken over, lost or encircled, an operation against a group (territory), firing on vehicles
    and military support given (other) are the outlet's own claims."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, " ".join(text.split()[2:5]))
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", claim_type)


def test_extract_claims_makes_no_claim_of_a_frame_tail_after_a_quotation():
    """Check that in '"..." Foreign Secretary X said on a visit to Paris.' the visit after the frame is no claim of its own."""
    claims = syria_claims('Fighting went on in the north. Britain voiced the opposite view: "We hope the talks resume soon" Foreign Secretary Jean Dupont said on a visit to Paris.')
    assert not claims["text"].str.contains("visit to Paris").any()


def test_extract_claims_reads_voiced_reservations_as_the_speakers_stance():
    """Check that 'Turkey has voiced reservations about ...' is Turkey's stance claim, frame words included."""
    claim = claim_with(syria_claims("Fighting went on in the north. Turkey has voiced reservations about the militia moving into the border town."), "voiced")
    assert (claim["speaker"], claim["claim_type"]) == ("Turkey", "stance")


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("The valley town is mainly in the hands of the militia after it evicted the garrison last summer.", "territory"),
        ("Forces loyal to the council now control most of the coastal plain and the highway.", "territory"),
        ("On Thursday the guards managed to wrest control over the farms near the river.", "territory"),
        ("No group has claimed responsibility for downing the helicopter near the dam.", "materiel"),
    ],
)
def test_extract_claims_reads_ground_in_hands_controlled_or_wrested_and_a_downing_as_own_claims(text, claim_type):
    """Check that ground in the hands of a side, controlled mostly by it or wrested from another (territory) and an
    aircraft downed (materiel) are the outlet's own claims."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, " ".join(text.split()[1:4]))
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", claim_type)


def test_extract_claims_reads_people_forced_from_their_homes_as_an_own_casualty_claim():
    """Check that 'nearly half of the valley has fled their homes' (displacement, no count word) is the outlet's own casualties claim."""
    claim = claim_with(syria_claims("Fighting went on in the north. Nearly half of the valley population has fled their homes since the spring."), "fled their homes")
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", "casualties")


def test_extract_claims_makes_no_claim_of_a_speaker_and_verb_cut_off_from_their_statement():
    """Check that a line holding only an unresolved speaker and its verb ('Austria meanwhile called for') is no claim."""
    claims = syria_claims("Fighting went on in the north.\nAustria meanwhile called for\n")
    assert claims["text"].tolist() == ["Fighting went on in the north"]


@pytest.mark.parametrize(
    "text",
    [
        "The provincial authorities have blocked the inspectors since the spring.",
        "Two permanent members have vetoed previous efforts to impose penalties on the council.",
        "The allies use an air base in the south to bomb militant positions in the desert.",
    ],
)
def test_extract_claims_reads_blocking_vetoes_and_bombing_as_own_claims_of_type_other(text):
    """Check that inspectors blocked, a resolution vetoed or a base used to bomb positions is the outlet's own claim, typed other."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), text.split()[3])
    assert (claim["speaker"], claim["attribution"], claim["claim_type"]) == ("reuters", "own_assertion", "other")


def test_extract_claims_reads_reports_about_as_a_noun_not_a_frame():
    """Check that in 'X said the government was looking into press reports about strikes' the reports are the object, not a new frame."""
    claims = syria_claims("Fighting went on in the north. The United Nations said the Syrian government was looking into press reports about strikes on a clinic.")
    claim = claim_with(claims, "looking into")
    assert claim["speaker"] == "United Nations" and "strikes on a clinic" in claim["text"]


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("Hill militias target residential districts of the capital with mortar shells every week.", "other"),
        ("Bombs and missiles struck the camp close to the village at dawn.", "other"),
        ("The minister said deliberately targeting aid workers is a clear violation of international law.", "stance"),
    ],
)
def test_extract_claims_reads_targeting_and_strikes_as_attacks_and_judged_targeting_as_stance(text, claim_type):
    """Check that districts targeted or a camp struck is an attack claim (other), while a judgement of targeting stays a stance."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, " ".join(text.split()[3:5]))
    assert claim["claim_type"] == claim_type


def test_extract_claims_reads_a_frame_followed_by_a_phrase_as_closing_the_content_before_it():
    """Check that 'X said' followed by time words and 'including ...' or a prepositional phrase takes the content before it,
    the 'including' phrase being the same report's and a phrase of how it was said ('in a new toll') no claim."""
    claims = syria_claims("Fighting went on. Twelve people were killed in shelling on the town of Saraqeb a monitoring group said on Tuesday including four children.")
    assert claim_with(claims, "Twelve people")["speaker"] == "Syrian Observatory for Human Rights"
    assert claim_with(claims, "four children")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims("Fighting went on. Barrel bombs killed nine people in the town of Saraqeb the Observatory said in a new toll on Tuesday.")
    assert claim_with(claims, "nine people")["speaker"] == "Syrian Observatory for Human Rights"
    assert not claims["text"].str.contains("new toll").any()


def test_extract_claims_reads_a_toll_given_with_modifiers_as_a_report():
    """Check that 'gave a slightly lower toll of' and 'placed the death toll at' report the toll, and 'did not give a death toll' does not."""
    claims = syria_claims("Fighting went on. Rescue workers in the town gave a slightly lower toll of 31 people killed.")
    assert claim_with(claims, "31 people")["speaker"] == "rescue workers"
    claims = syria_claims("Fighting went on. The Syrian Observatory for Human Rights placed the death toll at 12.")
    assert claim_with(claims, "at 12")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims("Fighting went on. The state news agency SANA did not give a death toll for the ambush near Adra.")
    assert "sana" not in set(claims["speaker"])


def test_extract_claims_reads_suggest_as_reporting_and_a_verb_after_and_instead_as_sharing_its_subject():
    """Check that 'UN estimates suggest' closes a report, and 'denies X and instead suggests Y' keeps the first verb's speaker."""
    claims = syria_claims("Fighting went on. More than 250000 people have been killed in the war UN estimates suggest.")
    assert claim_with(claims, "250000 people")["speaker"] == "United Nations"
    claims = syria_claims("Fighting went on. Russia denies any role and instead suggests the rebels or a drone were responsible.")
    assert claim_with(claims, "were responsible")["speaker"] == "Russia"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Shelling killed nine people in Douma on Monday the health worker said.", "nine people", ("the health worker", "reported_speech")),
        ("Shelling killed nine people in Douma on Monday said the volunteer who asked not to be named.", "nine people",
         ("the volunteer", "reported_speech")),
        ("Other agencies said the toll could be as high as 60 dead in Douma.", "60 dead", ("other agencies", "reported_speech")),
        ("The narrator in the clip said nine fighters were captured near Douma.", "nine fighters", ("the narrator in the clip", "reported_speech")),
        ("In a statement issued on Monday the brigade said it had lost nine fighters near Douma.", "nine fighters", ("the brigade", "reported_speech")),
        ("Fighting killed nine people near Douma an organisation tracking the war said on Monday.", "nine people",
         ("an organisation tracking the war", "reported_speech")),
    ],
)
def test_extract_claims_gives_a_report_to_the_speaker_described_before_or_after_its_verb(text, phrase, expected):
    """Check that a finite reporting verb whose speaker no rule names gives the claim to the speaker as described
    (determiner kept, a modifier inside kept), not to the outlet."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"].lower(), claim["attribution"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two men who say they filmed the strikes were among nine people detained in Douma.",
        "Cross-border fire has claimed nine lives in the town of Kilis this year.",
        "The casualty figures reported could not be reconciled with the nine deaths in Douma.",
        "Air strikes blamed on the government killed nine people in Douma.",
        "No group has claimed responsibility for the bomb that killed nine people in Douma.",
        "Evidence strongly suggests the bomb that killed nine people in Douma was dropped from a helicopter.",
    ],
)
def test_extract_claims_gives_no_described_speaker_to_a_verb_with_no_subject_before_it(text):
    """Check that the subject of a relative clause's own verb ('men who say'), a casualty idiom, a participle, a negated
    subject and a capitalised common noun never become a described speaker: the claim stays the outlet's."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, "nine")
    assert (claim["speaker"], claim["attribution"]) == ("reuters", "own_assertion")


def test_extract_claims_names_a_lone_surname_speaker_in_full_from_earlier():
    """Check that a sentence opened by a surname and a reporting verb gives the person named in full earlier ('Nasr
    al-Hariri' for 'Hariri', 'Anna Berg' for 'Berg'), and that 'the reporter' no one introduced is the outlet itself."""
    claims = syria_claims("Nasr al-Hariri met Anna Berg in Gaziantep on Monday. Hariri said nine civilians were killed in Raqqa. "
                          "Berg added that 40 families fled the town. The reporter added that the strike destroyed six houses in Raqqa.")
    assert claim_with(claims, "nine civilians")["speaker"] == "Nasr al-Hariri"
    assert claim_with(claims, "40 families")["speaker"] == "Anna Berg"
    assert (claim_with(claims, "six houses")["speaker"], claim_with(claims, "six houses")["attribution"]) == ("reuters", "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ('"Two fighters died in the blast," said the Syrian Observatory for Human Rights adding that a third man died in hospital.', "a third man",
         ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Shells hit nine houses in Douma the source said stressing that the shells were fired from Harasta.", "fired from Harasta",
         ("the source", "reported_speech")),
        ("Two children were among the dead SANA reported indicating that nine others were injured.", "nine others", ("sana", "reported_speech")),
        ("Karim Haddad, head of the Douma council, decries the silence of the world over the killing of 40 civilians.", "40 civilians",
         ("Karim Haddad", "reported_speech")),
    ],
)
def test_extract_claims_carries_a_closing_frame_on_through_a_participle_and_reads_stance_verbs(text, phrase, expected):
    """Check that a participle ('adding', 'stressing', 'indicating') right after a closing or inverted frame continues
    that frame's speaker, and that 'decries' is a report of its subject."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


def test_extract_claims_gives_a_surname_speaker_the_camp_of_the_organisation_named_with_him_earlier():
    """Check that 'Hariri said' after 'Nasr al-Hariri head of the Syrian National Coalition' takes the coalition's camp."""
    claims = syria_claims("Nasr al-Hariri head of the Syrian National Coalition visited Gaziantep on Monday. "
                          "Hariri said nine civilians were killed in Raqqa.")
    claim = claim_with(claims, "nine civilians")
    assert (claim["speaker"], claim["speaker_camp"]) == ("Nasr al-Hariri", "opposition")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Warplanes struck the market killing nine people, the source told Anadolu Agency on condition of anonymity.", "killing nine people",
         ("the source", "reported_speech")),
        ("Warplanes struck the market killing nine people a relative told AFP by telephone.", "killing nine people", ("a relative", "reported_speech")),
        ("Douma resident Karim Haddad a teacher told The Associated Press by telephone that nine people were killed.", "nine people",
         ("Karim Haddad", "reported_speech")),
    ],
)
def test_extract_claims_never_gives_a_report_to_the_one_told(text, phrase, expected):
    """Check that the agency or person named right after 'told' is the one told, not the speaker: the description (or
    the person it describes) before the verb speaks, and 'on condition of anonymity' or 'by telephone' is no claim."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, phrase)
    assert (claim["speaker"], claim["attribution"]) == expected
    assert not claims["text"].str.contains("anonymity").any()


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Nine people were killed in Douma the Syrian Observatory for Human Rights said blaming the attack on government forces.",
         "the attack on government forces", ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Shelling hit Douma with the Syrian Observatory for Human Rights accusing the army of killing nine people.", "killing nine people",
         ("Syrian Observatory for Human Rights", "reported_speech")),
        ("Moscow hit out at the ambassador for accusing the Syrian Army of killing nine people in Douma.", "killing nine people",
         ("reuters", "own_assertion")),
    ],
)
def test_extract_claims_reads_blaming_and_accusing_participles_but_not_gerunds(text, phrase, expected):
    """Check that 'blaming' / 'accusing' after a frame or 'with X' are that speaker's report, and that a gerund after
    'for' ('for accusing Russia of ...') reports nothing: the accused is never the speaker."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Rescue workers who went to the site said that nine bodies were recovered in Saraqeb.", "nine bodies", "rescue workers"),
        ("Civil defence workers who went to the site said that nine bodies were recovered in Saraqeb.", "nine bodies", "White Helmets"),
        ("One media activist who spoke to a television channel said nine people were killed in Saraqeb.", "nine people", "one media activist"),
    ],
)
def test_extract_claims_gives_a_report_to_the_description_a_relative_clause_modifies(text, phrase, expected):
    """Check that a description opening the sentence, then a relative clause ('who went to the site'), then a reporting
    verb, is that verb's speaker, a registry organisation's members that organisation; the object inside the clause is not."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")


def test_extract_claims_reads_the_claim_which_said_as_the_last_report():
    """Check that 'The claim which did not mention a school said ...' is the claim of whoever reported last."""
    claims = syria_claims("Fighting went on in the north. The Islamic State said it carried out the bombing in Qamishli. "
                          "The claim which did not mention a school said 40 people had been killed.")
    assert claim_with(claims, "40 people")["speaker"] == "Islamic State"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Four others were wounded in the attack on the bridge according to Karim Haddad the commander of the town police.", "Four others",
         "Karim Haddad"),
        ("According to the Al-Quds hospital four people died in the shelling of Douma.", "four people", "the Al-Quds hospital"),
        ("Rebels sent a truck bomb into the Zahraa district according to the Twitter account of the Levant Front.", "truck bomb",
         "the Twitter account of the Levant Front"),
    ],
)
def test_extract_claims_reads_according_to_a_person_or_description_the_registry_lacks(text, phrase, expected):
    """Check that 'according to' a person's name or a described source the registry lacks makes an according_to claim
    of that source as written, not the outlet's own assertion."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "according_to")


def test_extract_claims_reads_according_to_a_surname_as_the_person_named_before():
    """Check that 'according to Dali' after 'Yaarab Dali' is that person's claim."""
    claims = syria_claims("Yaarab Dali runs the civil defence centre in Douma. Teams took hours to retrieve nine bodies from the rubble according to Dali.")
    claim = claim_with(claims, "nine bodies")
    assert (claim["speaker"], claim["attribution"]) == ("Yaarab Dali", "according_to")


def test_extract_claims_keeps_a_registry_speaker_after_a_dateline_whole():
    """Check that a dateline run into 'Syrian Observatory for Human Rights says ...' does not split the name as a
    headline: the Observatory is the speaker of what it says."""
    claims = syria_claims("13 Jun 2016 Syrian Observatory for Human Rights says those killed in two raids include 14 children and four women. "
                          "Rescuers searched the rubble.")
    claim = claim_with(claims, "14 children")
    assert (claim["speaker"], claim["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Activists mourned the doctor online and said he was killed in an air raid on Douma.", "killed in an air raid", "activists"),
        ('Karim Haddad described Douma as a "kill zone" and said nine shells hit the market.', "nine shells", "Karim Haddad"),
    ],
)
def test_extract_claims_gives_a_coordinated_report_to_the_sentence_subject(text, phrase, expected):
    """Check that 'X did something and said ...' with no frame before gives what follows 'said' to the subject X opening
    the sentence, and leaves X's own act before 'and' to the outlet."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].split()[0] not in ("Activists", "Karim")


def test_extract_claims_never_reads_a_demonym_opening_the_sentence_as_a_surname():
    """Check that 'Kurdish units ... and demanded ...' after 'Hassakeh Kurdish' earlier never gives a person 'Kurdish'."""
    claims = syria_claims("Fighting reached Hassakeh Kurdish districts. Kurdish units seized the hill and demanded that nine militias leave Hassakeh.")
    assert not claims["speaker"].str.contains("Kurdish").any()


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("The Free Syrian Army called the shelling of the bakery a war crime.", "a war crime", "Free Syrian Army"),
        ("Dr Karim Haddad head of the field clinic described the raid on the bakery as a massacre.", "as a massacre", "Karim Haddad"),
        ("The clinic director has called it a deliberate attack on medics.", "deliberate attack", "the clinic director"),
    ],
)
def test_extract_claims_reads_a_naming_verb_as_the_subjects_stance(text, phrase, expected):
    """Check that 'X called Y a Z' and 'X described Y as Z' give the judgement, frame words included, to X."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].split()[-1] in text


@pytest.mark.parametrize(
    "text",
    [
        "A coalition of rebel groups called the Levant Front seized the hill near Idlib.",
        "The Syria Civil Defence which describes itself as a band of volunteers pulled nine people from the rubble in Douma.",
        "Residents of Idlib described shortages of bread after the siege.",
    ],
)
def test_extract_claims_reads_no_stance_in_a_name_given_or_a_self_description(text):
    """Check that a name given ('called the Levant Front'), a self-description ('describes itself as') and 'described'
    without a judgement's 'as' report nothing: no claim of the sentence gets a speaker other than the outlet."""
    claims = syria_claims("Fighting went on in the north. " + text)
    assert (claims["speaker"] == "reuters").all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine shells hit the bakery in Douma said Idlib-based activist Karim Haddad via Skype.", "Karim Haddad"),
        ("Nine shells hit the bakery in Douma said spokesman Colonel Karim Haddad on Wednesday.", "Karim Haddad"),
        ("Nine shells hit the bakery in Douma said Field Commander Karim Haddad to ARA News.", "Karim Haddad"),
        ("Nine shells hit the bakery in Douma said the Britain-based groups director Rami Abdel Rahman.", "Syrian Observatory for Human Rights"),
    ],
)
def test_extract_claims_reads_an_inverted_frame_with_a_description_or_a_tail(text, expected):
    """Check that 'content said [description] Name [to X / via X / on day]' closing the sentence gives the content to
    the person named (or the registry source named), with the frame left out of the claim."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), "Nine shells")
    assert claim["speaker"].endswith(expected) and claim["attribution"] == "reported_speech"  # titles before the name are the speaker rules'
    assert claim["text"].endswith("Douma")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets bombed the bakery in a village near Douma late Tuesday the aid group that supports it said.", "the aid group"),
        ("Jets bombed the bakery in a village near Douma a network of medics that runs clinics in the town said.", "a network of medics"),
    ],
)
def test_extract_claims_reads_a_closing_description_with_a_relative_clause(text, expected):
    """Check that a description closing the sentence after the content with a short relative clause before 'said'
    ('the aid group that supports it said') is the speaker, not the clause's object ('it', 'the town')."""
    claim = claim_with(syria_claims("Fighting went on in the north. " + text), "Jets bombed")
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].endswith("Tuesday") or claim["text"].endswith("Douma")


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        ("We are sure the army never shelled the village and the families are safe Ahmed Karimi told his German counterpart in a telephone call on Monday.",
         "never shelled the village", "Ahmed Karimi"),
        ("The convoy reached the besieged town late at night the commander told Turkish Interior Minister Ali Demir during a visit to the border.",
         "The convoy reached", "the commander"),
        ("The convoy reached the besieged town late at night and no one was hurt Karim Haddad told the Associated Press by telephone from the region.",
         "The convoy reached", "Karim Haddad"),
        ("The truce would hold across the whole valley the president told a diplomatic forum in Seoul.", "The truce would hold", "the president"),
        ("The truce would hold across the whole valley the archbishop told Catholic News Agency Feb. 26.", "The truce would hold", "the archbishop"),
    ],
)
def test_extract_claims_reads_content_before_told_an_addressee_and_an_occasion_as_the_tellers(text, phrase, speaker):
    """Check that after 'X told' only the one told and how or when ('his German counterpart in a telephone call on
    Monday', 'the Associated Press by telephone', 'a diplomatic forum in Seoul', 'Catholic News Agency Feb. 26') leaves the content before the frame X's, and the addressee no claim."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, phrase)
    assert (claim["speaker"], claim["attribution"]) == (speaker, "reported_speech")
    assert not claims["text"].str.contains("counterpart|Ali Demir|Associated Press|forum|Catholic").any()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine shells hit the bakery near the Barada River said the Syrian Observatory for Human Rights.", "Syrian Observatory for Human Rights"),
        ("Nine shells hit the bakery near the Barada River said the Syrian Observatory for Human Rights monitoring group.", "Syrian Observatory for Human Rights"),
        ("Nine shells hit the bakery in Douma the only one we have said Karim Haddad a 40-year-old teacher.", "Karim Haddad"),
        ("Nine shells hit the bakery in Douma the only one we have said Karim Haddad a 32-year-old pharmacist.", "Karim Haddad"),  # a noun by its suffix
        ("Nine shells hit the bakery in Douma which we have said Karim Haddad a local council official in Douma.", "Karim Haddad"),
    ],
)
def test_extract_claims_reads_a_closing_registry_name_or_a_name_with_an_apposition_as_the_inverted_speaker(text, expected):
    """Check that 'content said the <registry name>' and 'content said Name a <description>' closing the sentence give
    the content to that speaker, even after another name or a pronoun before the verb, and the speaker yields no claim."""
    claims = syria_claims("The Observatory said the road was cut. " + text)
    claim = claim_with(claims, "Nine shells")
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert not claims["text"].str.contains("Karim Haddad|Human Rights", regex=True).any()


@pytest.mark.parametrize(
    "text",
    [
        "Nine shells hit the bakery in Douma on Monday according to the Facebook page of the Levant Front one of the factions fighting in the area.",
        "Nine shells hit the bakery in Douma said Karim Haddad a civil defence official in rebel-held Douma.",
    ],
)
def test_extract_claims_reads_no_claim_in_a_description_of_the_speaker_closing_the_sentence(text):
    """Check that a description of the speaker in apposition after a closing frame ('one of the factions fighting in the
    area', 'a civil defence official in rebel-held Douma') is who spoke, not a claim of the outlet."""
    claims = syria_claims("Fighting went on in the north. " + text)
    assert claims["text"].str.contains("Nine shells").sum() == 1
    assert not claims["text"].str.contains("one of the factions|civil defence official", regex=True).any()


@pytest.mark.parametrize(
    "text",
    [
        "Clinics had become places of death Dr Karim Haddad told the UN Security Council on Wednesday.",
        "The coalition chief Karim Haddad called on the U.N. investigators to travel to Douma the site of the attack.",
    ],
)
def test_extract_claims_never_reads_the_object_of_a_telling_or_calling_verb_as_its_speaker(text):
    """Check that the registry name after 'told the' or 'called on the' closing a sentence is the one told or called on,
    never the speaker of the content."""
    claims = syria_claims("Fighting went on in the north. " + text)
    assert "United Nations" not in set(claims["speaker"])


def test_extract_claims_reads_reports_after_a_determiner_as_a_noun_even_where_it_could_name_a_group():
    """Check that 'reports' after 'the' or 'its' is a noun, no reporting verb whose subject is the mention before it
    ('the United Nations to look into the reports', 'activists and doctors for its reports'), so the sentence keeps
    its own speaker and the frame words yield no claim."""
    claims = syria_claims("Fighting went on in the north. Turkey called on the United Nations to look into the reports.")
    assert claim_with(claims, "Turkey called on")["speaker"] == "Turkey"
    claims = syria_claims("The Observatory reported strikes on Idlib. Eleven civilians were killed in Douma according to the group which relies "
                          "on a broad network of activists and doctors for its reports.")
    assert set(claims["speaker"]) == {"Syrian Observatory for Human Rights"}


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Moscow said 40 families had left Douma through the corridor but residents and rebels dismissed the reports as lies.",
         "dismissed the reports", "residents and rebels"),
        ("Rebel commanders have dismissed the offer of safe passage from Douma as a trick.", "the offer of safe passage", "rebel commanders"),
    ],
)
def test_extract_claims_reads_dismissed_as_a_denial_frame(text, phrase, expected):
    """Check that 'X dismissed Y as Z' is X's claim (a denial, docs/annotation.md rule 8), the act with its frame words,
    and not part of the claim before 'but'."""
    claims = syria_claims("Fighting went on in the north. " + text)
    claim = claim_with(claims, phrase)
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].startswith(expected.split()[0].capitalize()) or claim["text"].startswith(expected)


def test_extract_claims_reads_no_frame_in_a_stance_participle_before_by():
    """Check that a stance verb's participle before 'by' ('an accusation dismissed by the government') is a reduced
    passive: the noun before it is its object, so no frame splits the claim it closes."""
    claims = syria_claims("Fighting went on in the north. Rebels accused the army of shelling Douma with 40 rockets on Monday - an accusation dismissed by the government.")
    claim = claim_with(claims, "40 rockets")
    assert claim["speaker"] == "Free Syrian Army" and claim["places"] == ["Douma"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Rebels shelled Hama on Friday according to the Observatory which has documented heavy shelling on the city since early June.",
         "heavy shelling on the city"),
        ("Shelling killed 30 people in Hama said the Syrian Observatory for Human Rights which on Friday had given a death toll of 12.", "toll of 12"),
    ],
)
def test_extract_claims_reads_a_relative_clause_after_a_speaker_as_its_report(text, phrase):
    """Check that a relative clause right after a closing or 'according to' speaker whose verb reports ('which has
    documented ...', 'which on Friday had given a death toll of 12') is that speaker's claim, not the outlet's."""
    claim = claim_with(syria_claims(text), phrase)
    assert (claim["speaker"], claim["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")


def test_extract_claims_reads_no_report_in_a_toll_not_given():
    """Check that a toll phrase after a negation ('which has not given a toll for the army') is no report: no frame
    takes the mention after it as its speaker."""
    claims = syria_claims("Fighting killed 30 rebels according to the Observatory which has not given a toll for the army.")
    assert "Syrian Army" not in claims["speaker"].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monitors at the Syrian Observatory for Human Rights which follows the war from London said shells hit Douma on Friday killing four people.",
         "Syrian Observatory for Human Rights"),
        ("The Observatory an anti-Assad group which tracks the fighting through contacts on the ground said shells hit Douma on Friday.",
         "Syrian Observatory for Human Rights"),
        ("The White Helmets a rescue group which works in rebel areas said shells hit Douma on Friday.", "White Helmets"),
    ],
)
def test_extract_claims_reads_the_speaker_across_a_long_subject(text, expected):
    """Check that a relative clause after members of a registry organisation ('Monitors at the Observatory which
    ...') or after an appositive description ('The Observatory an anti-Assad group which ...') leaves the
    organisation the speaker of the verb that follows."""
    claim = claim_with(syria_claims(text), "shells hit Douma")
    assert (claim["speaker"], claim["attribution"]) == (expected, "reported_speech")
    assert claim["text"].startswith("shells hit Douma")


def test_extract_claims_reads_joined_descriptions_opening_the_sentence_as_one_speaker():
    """Check that descriptions joined by 'and' that open the sentence ('Government and rebel forces have both denied')
    are one speaker written as the whole phrase (docs/annotation.md, Speaker rule 4), and that 'and' joining a
    description to an object before it ('shelled the town and residents said') does not."""
    claim = claim_with(syria_claims("Government and rebel forces have both denied shelling the market in Douma."), "shelling the market")
    assert (claim["speaker"], claim["attribution"]) == ("Government and rebel forces", "reported_speech")
    claim = claim_with(syria_claims("Rebels shelled the town and residents said the market in Douma was hit."), "the market in Douma")
    assert claim["speaker"] == "residents"


def test_extract_claims_reads_an_agentless_blame_in_a_relative_clause_as_unnamed_sources():
    """Check that 'which was blamed on X' with no blamer named is a passive claim of unnamed sources (docs/annotation.md,
    rule 9), split from the outlet's own words before the relative clause."""
    claims = syria_claims("More than 30 people were wounded in the blast in Jableh which was blamed on rebels fighting the government.")
    blame = claim_with(claims, "blamed on rebels")
    assert (blame["speaker"], blame["attribution"]) == ("unnamed sources", "passive")
    own = claim_with(claims, "30 people were wounded")
    assert (own["speaker"], own["attribution"]) == ("reuters", "own_assertion")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 30 rebels were killed in clashes near Hama on Thursday reports said.", ("unnamed sources", "passive")),
        ("Reports said 30 rebels were killed in clashes near Hama on Thursday.", ("unnamed sources", "passive")),
        ("Local reports said 30 rebels were killed in clashes near Hama on Thursday.", ("local reports", "reported_speech")),
        ("At least 30 rebels were killed in clashes near Hama on Thursday reports indicate.", ("unnamed sources", "passive")),
    ],
)
def test_extract_claims_reads_bare_reports_as_unnamed_sources(text, expected):
    """Check that 'reports said' or 'reports indicate' with no word naming whose reports they are is a passive claim of
    unnamed sources (docs/annotation.md, rule 9), while described reports ('local reports') stay the speaker as written."""
    claim = claim_with(syria_claims(text), "30 rebels")
    assert (claim["speaker"], claim["attribution"]) == expected


def test_extract_claims_reads_the_content_before_a_frame_whose_time_words_lead_to_a_participle():
    """Check that a closing frame whose time words are followed by a participle continuing it ('a monitoring group
    said Friday giving an updated toll') leaves the content before it the speaker's, not the outlet's."""
    claims = syria_claims("Government air raids on Douma killed 42 people including seven children a monitoring group said Friday giving an updated toll.")
    claim = claim_with(claims, "42 people")
    assert (claim["speaker"], claim["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")
    claims = syria_claims("Government air raids on Douma killed 42 people including seven children a monitoring group said Friday raising the "
                          "number of dead fighters in the town to 45.")
    claim = claim_with(claims, "to 45")  # the participle's words after the time words are the report's too, not the outlet's
    assert (claim["speaker"], claim["attribution"]) == ("Syrian Observatory for Human Rights", "reported_speech")


def test_extract_claims_reads_asked_for_as_a_call_but_not_after_a_relative_word():
    """Check that 'X has asked for ...' is X's claim (a call, like 'called for'), split from the outlet's words before
    it, while 'the resident who asked for anonymity' describes how a speaker spoke and states nothing."""
    claims = syria_claims("The road into Douma remains under fire and the UN has asked for a truce to let aid into the town.")
    claim = claim_with(claims, "asked for a truce")
    assert (claim["speaker"], claim["attribution"]) == ("United Nations", "reported_speech")
    assert claim_with(claims, "remains under fire")["speaker"] == "reuters"
    claims = syria_claims("The group has levied a tax on Christians in Raqqa said the resident who asked for anonymity due to security concerns.")
    assert claims["text"].tolist() == ["The group has levied a tax on Christians in Raqqa"]


def test_extract_claims_splits_a_contrasting_figure_given_by_another_source():
    """Check that 'X says N died while Y puts the figure at M' gives two claims, each with its own speaker and count."""
    claims = syria_claims("Fighting went on. The Observatory says some 7000 people have died in the province since the spring while the "
                          "United Nations puts the figure at 8400.")
    first, second = claim_with(claims, "7000 people"), claim_with(claims, "figure at 8400")
    assert (first["speaker"], [(q["value"], q["counts"]) for q in first["quantities"]]) == ("Syrian Observatory for Human Rights", [(7000.0, "people killed")])
    assert (second["speaker"], [(q["value"], q["counts"]) for q in second["quantities"]]) == ("United Nations", [(8400.0, "killed")])


def test_extract_claims_reads_a_name_after_and_closing_a_clause_as_a_new_speaker():
    """Check that 'A and Colonel X said C' after a clause gives C to X and A to the one who reported it, while a short
    subject coordinated with a noun ('Local activists and X said') is not split."""
    claims = syria_claims("Fighting went on. The Observatory said thirty civilians were killed in strikes near the village on July 19 and "
                          "Colonel John Smith said there was credible evidence of civilian victims.")
    assert claim_with(claims, "thirty civilians")["speaker"] == "Syrian Observatory for Human Rights"
    assert "John Smith" not in claim_with(claims, "thirty civilians")["text"]
    assert claim_with(claims, "credible evidence")["speaker"] == "John Smith"
    claims = syria_claims("Fighting went on. Local activists and Karim Haddad said the town was shelled on Monday.")
    assert claim_with(claims, "was shelled")["speaker"] != "Karim Haddad"
