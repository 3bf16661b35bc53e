"""Discourse rules of claim extraction: which speaker a back-reference means, which report a sentence continues,
and where a quotation that runs over several sentences ends."""

from __future__ import annotations

import pytest

from claim_helpers import claim_with, syria_claims


def test_extract_claims_reads_a_straight_quotation_mark_by_its_typography_across_sentences():
    """Check that a mark reopening a quotation at a new paragraph keeps it open and a stray closing mark opens none."""
    claims = syria_claims(
        'Shelling hit Douma on Monday. "We saw the shells land near the market" a resident told Reuters. "I ran to the shelter. '
        '"Then a second shell hit the school and killed two teachers." Douma has been besieged by government forces since 2013.'
    )
    assert claim_with(claims, "second shell hit the school")[["speaker", "attribution"]].tolist() == ["a resident", "direct_quote"]
    assert claim_with(claims, "besieged by government forces")[["speaker", "attribution"]].tolist() == ["reuters", "own_assertion"]
    claims = syria_claims(
        'Assad said the rebels must accept a "reconciliation" deal or the army would fight until they leave Aleppo... there is no other option". '
        "The presence of the rebels had been used to justify the bombing of the eastern districts."
    )
    assert claim_with(claims, "justify the bombing")[["speaker", "attribution"]].tolist() == ["reuters", "own_assertion"]


def test_extract_claims_finds_the_subject_before_a_relative_clause_after_modifiers_or_a_back_reference():
    """Check that 'The London-based Observatory which relies on doctors says' is the Observatory's, and 'The UK-based group which ...' refers back to it."""
    claims = syria_claims(
        "Shelling hit Kafr Zita on Monday. The London-based Syrian Observatory for Human Rights which relies on a network of doctors on the ground "
        "says at least nine people were killed in Kafr Zita. The UK-based group which follows the war through activists said four children were "
        "among those killed in the shelling."
    )
    assert claim_with(claims, "nine people were killed")["speaker"] == "Syrian Observatory for Human Rights"
    assert claim_with(claims, "four children were")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_takes_another_outlet_as_the_antecedent_of_it():
    """Check that 'It said' after another outlet's report is that outlet's, not the publishing outlet's own assertion."""
    claims = syria_claims(
        "Rockets hit the New Aleppo district on Sunday. The official SANA news agency said rockets fired by militants killed three people in the "
        "district. It said the rockets also damaged two schools nearby.",
        outlet="alalam",
    )
    assert claim_with(claims, "damaged two schools")[["speaker", "attribution"]].tolist() == ["sana", "reported_speech"]


def test_extract_claims_keeps_a_saying_participle_in_the_report_it_continues():
    """Check that 'X said A saying B' is one claim of X's, typed by both parts, while 'X condemned A saying B' stays two."""
    claims = syria_claims(
        "The Observatory said shelling hit Aleppo. The report said the rocket attacks targeted al-Neel Street saying fatalities came mainly from "
        "houses that collapsed."
    )
    claim = claim_with(claims, "targeted al-Neel Street")
    assert "fatalities came" in claim["text"]
    assert claim["claim_type"] == "casualties"
    claims = syria_claims("Fighting went on. The UN condemned the strikes on Aleppo saying the attacks on hospitals must stop at once.")
    assert "the attacks on hospitals" not in claim_with(claims, "strikes on Aleppo")["text"]


def test_extract_claims_gives_a_nested_report_to_the_outer_reporter():
    """Check that a report closed by another ('... activists said') and one opening another's content ('X said Y said') are the outer reporter's."""
    claims = syria_claims(
        "Air strikes hit Tokhar on Tuesday. Residents in the area blamed the US-led coalition for the strikes that hit two villages activists said. "
        "The Observatory chief said the activists in the area said poisonous gas was fired in rockets."
    )
    assert claim_with(claims, "for the strikes that hit")["speaker"] == "activists"
    assert claim_with(claims, "poisonous gas was fired")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_keeps_a_nested_report_of_the_publishing_outlet_or_a_closing_pronoun_with_the_inner_speaker():
    """Check that the publishing outlet, a closing 'he said' and 'X reported a source who said' never take over the inner report."""
    claims = syria_claims("Fighting went on. Informed sources said two commanders were killed in Qalamoun the Reuters news agency reported.")
    assert claim_with(claims, "two commanders were killed")["speaker"] == "informed sources"
    claims = syria_claims("Fighting went on. Turkish Prime Minister Binali Yildirim said the jets had destroyed 12 rebel positions near Afrin: we will go on he said.")
    assert claim_with(claims, "destroyed 12 rebel positions")["speaker"] == "Binali Yildirim"
    claims = syria_claims('Fighting went on. The Associated Press reported a military source who said "The battles are going on near the town."')
    assert claim_with(claims, "battles are going on")["speaker"] == "Syrian Army"


def test_extract_claims_resolves_a_back_reference_after_an_inverted_verb():
    """Check that '... were killed said the source noting ...' is the source named before, even after 'Reports confirmed'."""
    claims = syria_claims(
        "Fighting went on. A source at Hasaka Police Command told SANA that a car bomb exploded in Qamishli. Reports confirmed that five civilians "
        "were killed said the source noting that the toll may rise."
    )
    assert claim_with(claims, "five civilians")["speaker"] == "a source at Hasaka Police Command"


def test_extract_claims_never_resolves_he_or_the_source_to_an_outlet():
    """Check that another outlet is the antecedent of 'It' and 'the agency' only, not of 'he', 'the official' or 'the source'."""
    claims = syria_claims(
        "A source at Aleppo Police Command told SANA that shells hit the Ramouseh district. The state agency SANA said two people were killed. "
        "The source added that snipers wounded one person in the district.",
        outlet="alalam",
    )
    assert claim_with(claims, "snipers wounded one person")["speaker"] == "a source at Aleppo Police Command"
    claims = syria_claims(
        "Fighting went on. Two people were killed in the blast the Associated Press reported. He said the blasts killed four more people in the town."
    )
    assert claim_with(claims, "killed four more people")["speaker"] != "Associated Press"


def test_extract_claims_reads_the_army_as_the_army_named_last():
    """Check that 'the army said' in a report on the Turkish military is Turkey's, and the Syrian army's after it is named."""
    claims = syria_claims(
        "Turkish troops entered Syria. The Turkish military said four of its soldiers were killed near al-Rai. In a statement on Tuesday the army "
        "said the rocket hit two of its tanks south of al-Rai. Later the Syrian army said it shelled rebels near Hama. In a statement the army said "
        "its jets destroyed 12 rebel vehicles near Hama."
    )
    assert claim_with(claims, "two of its tanks")["speaker"] == "Turkey"
    assert claim_with(claims, "12 rebel vehicles")["speaker"] == "Syrian Army"


def test_extract_claims_ends_a_quotation_whose_closing_mark_was_lost_at_its_attribution():
    """Check that a quotation left open by an attribution after it, or by a sentence opening with its own report, does not run on."""
    claims = syria_claims(
        'Fighting went on. "The bombing of the clinic is a war crime the minister said. The clinic had been hit twice by air strikes in May.'
    )
    assert claim_with(claims, "hit twice by air strikes")[["speaker", "attribution"]].tolist() == ["reuters", "own_assertion"]
    claims = syria_claims(
        'Fighting went on. Among the dead were four nurses. "The bombing of another hospital is an outrage. MSF said the hospital in Millis was hit '
        "by two air strikes. The strikes came as rebels prepared fresh assaults on army positions near Idlib."
    )
    assert claim_with(claims, "rebels prepared fresh assaults")[["speaker", "attribution"]].tolist() == ["reuters", "own_assertion"]
    claims = syria_claims('Fighting went on. "Nothing of what the regime said about the corridors is real. Shells killed two boys in our street."')
    assert claim_with(claims, "Shells killed two boys")["attribution"] == "direct_quote"


def test_extract_claims_reads_the_charity_as_a_back_reference():
    """Check that 'The medical charity said' after a named charity is that charity's report."""
    claims = syria_claims("Fighting went on. MSF said the hospital was destroyed. The medical charity said the strike killed 13 people in Millis.")
    assert claim_with(claims, "killed 13 people")[["speaker", "attribution"]].tolist() == ["Medecins Sans Frontieres", "reported_speech"]


def test_extract_claims_reads_it_before_the_verb_as_the_subject_unless_an_organisation_opens_the_sentence():
    """Check that '... rebel groups it said' is the last organisation's, 'The UN ... although it said' the sentence's own subject, '... it added' not."""
    claims = syria_claims(
        'Fighting went on. The Syrian Observatory for Human Rights said rebels were fighting near Damascus. "ISIL executed eight men in Deir Hafer" '
        "on Saturday because they belonged to rebel groups it said."
    )
    assert claim_with(claims, "executed eight men")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims(
        "Fighting went on. The Syrian Observatory for Human Rights said 20 people were killed. The United Nations did not demand an inquiry "
        "although it said clarity was needed on the 20 people killed in Douma."
    )
    assert claim_with(claims, "clarity was needed")["speaker"] == "United Nations"
    claims = syria_claims("Fighting went on. The Syrian Observatory for Human Rights said 20 people were killed. The army shelled Barzeh and Jobar it added.")
    assert claim_with(claims, "shelled Barzeh")["speaker"] == "Syrian Observatory for Human Rights"


def test_extract_claims_resolves_back_references_after_according_to():
    """Check that 'according to the source', 'according to report' and 'According to <surname>' take the speaker named before."""
    claims = syria_claims(
        "Fighting went on. A source at Deir Ezzor Governorate told SANA that ISIL fired rocket shells on al-Joura. The attacks according to the "
        "source claimed the lives of two persons in al-Joura.",
        outlet="manar",
    )
    claim = claim_with(claims, "claimed the lives of two persons")
    assert claim[["speaker", "attribution"]].tolist() == ["a source at Deir Ezzor Governorate", "according_to"]
    assert "The attacks" in claim["text"]
    claims = syria_claims(
        "Fighting went on. The Syrian Network for Human Rights said in a report today that ISIS forced 3000 residents out of Abu Hamam. According "
        "to report ISIS "
        "has executed around 367 people in the town."
    )
    assert claim_with(claims, "367 people")["speaker"] == "Syrian Network for Human Rights"
    claims = syria_claims(
        "Fighting went on. Ibrahim Abu Leith told Anadolu Agency that a helicopter struck a funeral in Aleppo. According to Abu Leith women and "
        "children were among the 20 killed.",
        outlet="dailysabah",
    )
    assert claim_with(claims, "among the 20 killed")["speaker"] == "Ibrahim Abu Leith"


def test_extract_claims_reads_maintained_with_an_object_as_no_report():
    """Check that 'the rebels have maintained momentum ... the statement said' is the statement's, so a later 'It said' is too."""
    claims = syria_claims(
        "Fighting went on. The rebels were battling Daesh on four fronts the US military said in a statement. Daesh staged counterattacks but the "
        "Syrian rebels have maintained momentum with the help of air strikes the statement said. It said the coalition has carried out 450 air "
        "strikes around Manbij."
    )
    assert claim_with(claims, "450 air")["speaker"] == "United States"


def test_extract_claims_continues_a_report_with_a_count_of_others():
    """Check that '17 other civilians were injured' after a source's count is the source's, and 'Seven others were reported injured' stays passive."""
    claims = syria_claims(
        "Fighting went on. A source at Aleppo Police Command said terrorists shelled al-Shrafiyeh killing a woman and injuring four civilians. "
        "17 other civilians were injured in Mogambo neighborhood.",
        outlet="sana",
    )
    assert claim_with(claims, "17 other civilians")[["speaker", "attribution"]].tolist() == ["a source at Aleppo Police Command", "reported_speech"]
    claims = syria_claims(
        "Fighting went on. A source at Aleppo Police Command said a car bomb killed four people in Azaz. Seven others were reported injured in the attack.",
        outlet="sana",
    )
    assert claim_with(claims, "Seven others")["attribution"] == "passive"


def test_extract_claims_keeps_the_named_speaker_before_an_appositive_description():
    """Check that 'The Local Coordination Committees another anti-government monitoring group says' is the LCC, not the description's alias."""
    claims = syria_claims(
        "Fighting went on. The Syrian Observatory for Human Rights says 12 people were killed. The Local Coordination Committees another "
        "anti-government monitoring group says the airstrikes killed 13 people in the market."
    )
    assert claim_with(claims, "killed 13 people")["speaker"] == "Local Coordination Committees"


def test_extract_claims_reads_one_of_the_officials_as_the_officials_named_before():
    """Check that 'one of the officials said' after 'Reuters quoting US officials said' is the United States."""
    claims = syria_claims(
        'Fighting went on. Reuters quoting US officials said on Tuesday that two Russian jets bombed the convoy. "All the evidence points to '
        'that conclusion that the jets bombed the convoy" one of the officials said.',
        outlet="alaraby",
    )
    assert claim_with(claims, "jets bombed the convoy\"")["speaker"] == "United States"


def test_extract_claims_reads_a_short_quoted_phrase_in_reported_content_as_reported_speech():
    """Check that 'said "tens of terrorists" had been killed ...' is reported speech, and a longer or whole quotation stays direct."""
    claims = syria_claims('Fighting went on. State television said "tens of terrorists" had been killed in the ambush west of Daraa on Sunday.')
    assert claim_with(claims, "had been killed in the ambush")["attribution"] == "reported_speech"
    claims = syria_claims('Fighting went on. The Observatory said the rebels "continue to hold all the eastern districts" of Aleppo on Sunday.')
    assert claim_with(claims, "continue to hold")["attribution"] == "direct_quote"
    claims = syria_claims('Fighting went on. "Four soldiers died" the army said.')
    assert claim_with(claims, "Four soldiers died")["attribution"] == "direct_quote"


def test_extract_claims_takes_the_registry_name_a_description_after_according_to_runs_into():
    """Check that 'According to Hezbollahs official television station al-Manar' is al-Manar's, not the word 'official'."""
    claims = syria_claims(
        'Fighting went on. According to Hezbollahs official television station al-Manar "two fighters were killed when an Israeli drone targeted their car."',
        outlet="alaraby",
    )
    assert claim_with(claims, "two fighters were killed")["speaker"] == "manar"


def test_extract_claims_reads_part_of_a_full_name_said_before_as_that_person():
    """Check that 'Abu Leith said' and 'Ibrahim said' after 'Ibrahim Abu Leith told' are him."""
    claims = syria_claims(
        "Fighting went on. Ibrahim Abu Leith told Anadolu Agency that a helicopter struck a funeral in Aleppo. Abu Leith said 20 people were killed "
        "in the strike. Later Ibrahim said 30 people were wounded.",
        outlet="dailysabah",
    )
    assert claim_with(claims, "20 people were killed")["speaker"] == "Ibrahim Abu Leith"
    assert claim_with(claims, "30 people were wounded")["speaker"] == "Ibrahim Abu Leith"


def test_extract_claims_resolves_a_described_group_to_the_organisation_of_its_side_not_the_outlet_that_spoke_last():
    """Check that 'the jihadist group said' after another outlet's report is the jihadist organisation named before, and 'It said' after it too."""
    claims = syria_claims(
        "Islamic State militants attacked the air base near Deir Ezzor on Tuesday. State news agency SANA said troops repelled the assault. "
        "On Wednesday the jihadist group said it had captured two tanks near the base. It said the tanks had been abandoned by their crews."
    )
    assert claim_with(claims, "captured two tanks")[["speaker", "attribution"]].tolist() == ["Islamic State", "reported_speech"]
    assert claim_with(claims, "abandoned by their crews")["speaker"] == "Islamic State"
    assert claim_with(claims, "troops repelled the assault")["speaker"] == "sana"
    claims = syria_claims(
        "The Nusra Front said it shelled the base. State news agency SANA said troops repelled the assault. The group said it had captured two "
        "tanks near the base."
    )
    assert claim_with(claims, "captured two tanks")[["speaker", "attribution"]].tolist() == ["Nusra Front", "reported_speech"]


def test_extract_claims_reads_he_as_an_organisations_voice_only_right_after_it_spoke():
    """Check that 'he said' means the organisation that spoke in the sentence before, not one that spoke four sentences back."""
    claims = syria_claims(
        "Fighting went on. Observatory director Rami Abdel Rahman said 20 people were killed in Douma. He said the shelling hit a market in the town."
    )
    assert claim_with(claims, "hit a market")["speaker"] == "Syrian Observatory for Human Rights"
    claims = syria_claims(
        "The Islamic State group said its fighters seized the village of Tal Abyad. Residents fled to the north overnight. Aid workers arrived on "
        'Monday. Some houses were burned in the fighting. "My brother is still missing in the village" he said. "The fighters took the men '
        'to the mosque" against President Bashar al-Assad he added.'
    )
    assert claim_with(claims, "still missing")["speaker"] != "Islamic State"
    assert claim_with(claims, "took the men")["speaker"] not in ("Islamic State", "Bashar al-Assad")


def test_extract_claims_does_not_read_they_as_one_person():
    """Check that 'they say' inside a person's quotation is no report of that person: the quotation stays one claim of the person."""
    claims = syria_claims(
        'Activist Karim Haddad said three people were killed in the shelling of Douma. "They are fighting to defend their homes and they say they '
        'will stay" he said.'
    )
    assert claim_with(claims, "fighting to defend their homes")[["speaker", "attribution"]].tolist() == ["Karim Haddad", "direct_quote"]


@pytest.mark.parametrize("subject", ["The centre also said", "A spokesman for the centre said", "The Centre stated in a statement"])
def test_extract_claims_reads_the_centre_as_the_organisation_named_as_a_centre(subject):
    """Check that 'the centre said' or 'a spokesman for the centre said' means the registry organisation last named as
    a centre, and no other organisation."""
    text = f"The Nusra Front said it repelled an attack. {subject} that 14 militants were killed near the airport."
    claims = syria_claims("The Russian Reconciliation Centre in Hmeimim said rebels shelled two villages. " + text)
    assert claim_with(claims, "14 militants were killed")[["speaker", "speaker_camp"]].tolist() == ["Russian Defence Ministry", "loyalist"]
    assert claim_with(syria_claims(text), "14 militants were killed")["speaker"] != "Nusra Front"


def test_extract_claims_splits_a_clause_before_a_quotation_opening_without_a_full_stop():
    """Check that 'A "B" said X' without a full stop before the mark gives A as the outlet's claim and B as X's quotation."""
    claims = syria_claims('Fighting went on. Jets struck the market in Saraqeb which has been cut off for months "The toll from the strikes on '
                          'the market has risen to 19 dead" said the Syrian Observatory for Human Rights.')
    before, quoted = claim_with(claims, "cut off for months"), claim_with(claims, "risen to 19 dead")
    assert (before["speaker"], before["attribution"], before["quantities"]) == ("reuters", "own_assertion", [])
    assert (quoted["speaker"], quoted["attribution"]) == ("Syrian Observatory for Human Rights", "direct_quote")
    assert not quoted["text"].startswith("Jets")


def test_extract_claims_splits_reported_content_from_a_quotation_that_follows_it():
    """Check that 'X said A "B."' gives X two claims, A reported and B quoted, and a quoted name or a quotation inside
    the content does not split it."""
    claims = syria_claims('Fighting went on. Karim Haddad said the army and its allies were largely to blame for the hunger in the town '
                          '"It is their choice whether more people will starve there this winter."')
    assert claim_with(claims, "largely to blame")[["speaker", "attribution"]].tolist() == ["Karim Haddad", "reported_speech"]
    assert claim_with(claims, "their choice")[["speaker", "attribution"]].tolist() == ["Karim Haddad", "direct_quote"]
    claims = syria_claims('Fighting went on. Karim Haddad warned that the fate of the "Western-backed rebels in the north hangs by a thread" as '
                          'the army advances.')
    assert "the fate of" in claim_with(claims, "hangs by a thread")["text"]
    claims = syria_claims('Fighting went on. Karim Haddad warned that the rebels in the north fear "Western-backed plans for the region will '
                          'fail" as the army advances.')
    assert "the rebels in the north fear" in claim_with(claims, "will fail")["text"]  # closes inside: 'fear' alone would not stop it
    claims = syria_claims('Fighting went on. Karim Haddad said the army shelled the old quarter known as "The Pearl of the North by the river".')
    assert "known as" in claim_with(claims, "The Pearl of the North")["text"]  # a quoted name after 'as'
    claims = syria_claims('Fighting went on. Karim Haddad said the army and its allies were largely to blame for the hunger in the town "the '
                          'worst of the sieges in this war."')
    assert "largely to blame" in claim_with(claims, "worst of the sieges")["text"]  # a quotation opening lowercase continues the content
    claims = syria_claims('Fighting went on. Karim Haddad dismissed the claims of the regime as "A lie spread by the regime and its friends".')
    assert "dismissed" in claim_with(claims, "A lie spread")["text"]


def test_extract_claims_starts_a_sentence_at_a_discourse_opener_after_a_lost_full_stop():
    """Check that 'Meanwhile', 'According to' or 'Earlier' capitalised right after a word (its full stop lost) start a
    new sentence unit, so the text before keeps its own claim and the report after gets its own speaker; a Title Case
    headline's 'According To' does not."""
    claims = syria_claims("Four civilians were killed by shelling on the old market in Saraqeb According to a police source two children "
                          "were wounded in a rocket attack on the eastern district")
    assert [(q["value"], q["counts"]) for q in claim_with(claims, "Four civilians")["quantities"]] == [(4.0, "civilians killed")]
    assert claim_with(claims, "two children")["speaker"] != claim_with(claims, "Four civilians")["speaker"]
    claims = syria_claims("Three fighters wounded near Saraqeb Meanwhile activists said rebels shelled the army checkpoint in the north.")
    assert "Meanwhile" not in claim_with(claims, "Three fighters")["text"]
    claims = syria_claims("Army Takes Back Hill in Saraqeb According To Military Source. The army advanced on Monday the source said.")
    assert not claims["text"].str.startswith("According To").any()
