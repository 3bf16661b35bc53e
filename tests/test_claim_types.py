"""claim_type follows the type definitions of docs/annotation.md (invented sentences, syria pack)."""

from __future__ import annotations

import pandas as pd
import pytest

from claim_helpers import claim_with, syria_claims
from features.extract import claim_type


def _claims_of(text: str) -> pd.DataFrame:
    """The claims of one invented Reuters article, in text order."""
    return syria_claims(text, published="2016-07-10")


def _types(text: str) -> list[str]:
    """The claim types of one invented Reuters article, in text order."""
    return _claims_of(text)["claim_type"].tolist()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # attacks by fire or explosion with nobody or nothing harmed reported are `other`, not territory
        ("Warplanes struck the market town of Kafr Nabl at dawn on Monday, a monitor said.", "other"),
        ("Helicopters dropped barrel bombs on the village of Tal Sawan on Monday, activists said.", "other"),
        ("A car bomb exploded near the police station in the rebel-held town of Tal Abyad on Monday.", "other"),
        ("Jets pounded opposition-held districts of Homs overnight, a monitor said.", "other"),
        # ground fighting and control of ground stay `territory`
        ("Clashes raged overnight on the southern edge of Jobar, a monitor said.", "territory"),
        ("The province has been controlled by a rebel alliance since March, a monitor said.", "territory"),
    ],
)
def test_claim_type_reads_attacks_as_other_and_ground_as_territory(sentence, expected):
    """Check that a strike, bombing or blast without harm reported is `other` while clashes and control stay territory."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thousands of families fled Tal Rifaat after the bombardment, activists said.", "casualties"),
        ("The shelling of Daraya is causing an exodus of civilians from the town, a monitor said.", "casualties"),
        ("Rescuers were searching for survivors trapped under a building in Douma, a monitor said.", "casualties"),
    ],
)
def test_claim_type_reads_people_displaced_or_trapped_as_casualties(sentence, expected):
    """Check that people fleeing, displaced or trapped are casualties even without a count or a killed word."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The strikes caused heavy material damage to shops and houses in Idlib, a monitor said.", "materiel"),
        ("A military plane crashed in the countryside south of Aleppo on Monday, a monitor said.", "materiel"),
        ("The army destroyed several hideouts of the militants in the village of Shalaf, a military source said.", "materiel"),
    ],
)
def test_claim_type_reads_things_damaged_or_destroyed_as_materiel(sentence, expected):
    """Check that damage, a crash and destroyed hideouts at a place are materiel (not territory or other)."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Government forces seized the Shaar gas field east of Homs on Thursday, a monitor said.", "territory"),
        ("Rebels captured three villages south of Aleppo on Saturday, a monitor said.", "territory"),
        ("Rebels said they captured 14 soldiers near Morek on Saturday.", "captures"),
        ("Police seized weapons and ammunition in Homs on Friday, SANA said.", "materiel"),
    ],
)
def test_claim_type_tells_ground_taken_from_people_and_things_taken(sentence, expected):
    """Check that seizing or capturing ground is territory, people taken captures and things seized materiel."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister warned that the regime would repeat such brutal shelling.", "stance"),
        ("The council called upon the Security Council to stop such attacks.", "stance"),
        ("The envoy said the attacks amounted to war crimes.", "stance"),
        ("Jets struck the hospital in Idlib on Monday, a monitor said.", "other"),
    ],
)
def test_claim_type_reads_judgements_that_only_name_attacks_as_stance(sentence, expected):
    """Check that a warning, call or judgement naming attacks is stance, while a reported strike stays other."""
    assert _types(sentence) == [expected]


def test_claim_type_counts_missing_and_displaced_outcomes_as_casualties():
    """Check that a quantity counting missing or displaced people makes the claim casualties."""
    assert claim_type(set(), [{"counts": "displaced"}], []) == "casualties"
    assert claim_type(set(), [{"counts": "missing"}], []) == "casualties"
    assert claim_type({"attack"}, [], []) == "other"
    assert claim_type({"attack", "stance"}, [], []) == "stance"
    assert claim_type({"attacked", "stance"}, [], []) == "other"
    assert claim_type({"held_area"}, [], []) == "territory"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Troops regained the villages of Tal Sawan and Kafr Hamra after killing many militants, a military source said.", "territory"),
        ("Army units destroyed a bulldozer in the town of Nawa, killing a number of militants, a military source said.", "materiel"),
        ("Shelling killed many civilians in the rebel-held town of Nawa, a monitor said.", "casualties"),
        ("Troops regained the village of Tal Sawan, killing 20 militants, a military source said.", "casualties"),
    ],
)
def test_claim_type_keeps_the_type_of_a_taking_when_the_harm_after_it_is_uncounted(sentence, expected):
    """Check that an uncounted harm after ground regained or things destroyed is a by-product, while a count is casualties."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Until now 150 men from the villages have been kidnapped, a monitor said.", "captures"),
        ("The fighters surrendered in the town of Nawa after weeks of fighting, a monitor said.", "captures"),
    ],
)
def test_claim_type_reads_people_taken_as_captures_even_beside_ground(sentence, expected):
    """Check that people kidnapped or surrendering are captures even when villages, places or fighting are named."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The solution in the region will ultimately have to include elections, the United Nations said.", "stance"),
        ("All the evidence points to that conclusion, the United Nations said.", "stance"),
        ("The bombing campaign was an effort to turn civilians against the fighters, the United Nations said.", "stance"),
    ],
)
def test_claim_type_reads_predictions_and_judgements_as_stance(sentence, expected):
    """Check that a prediction, a judgement of evidence or of an attack's purpose is stance, not other."""
    assert _types(sentence) == [expected]


def test_claim_type_takes_the_earlier_of_ground_control_and_destruction():
    """Check that control taken before things destroyed is territory and destruction before fighting is materiel."""
    assert _types("The army established full control of the village of Nawa, destroying their vehicles, a military source said.") == ["territory"]
    assert _types("A war plane crashed south of Aleppo in an area where rebels are battling the army, a monitor said.") == ["materiel"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The rebel brigade pledged to keep fighting government forces in the hills near Kafr Hamra.", "stance"),
        ("The council called on the aid agencies to protect the families caught in the fighting around Tal Sawan.", "stance"),
        ("Local leaders want to set up a permanent base in the hills east of Tal Sawan, activists said.", "stance"),
    ],
)
def test_claim_type_reads_facts_after_an_intention_or_call_as_stance(sentence, expected):
    """Check that fighting, harm or ground named only as what someone pledges, calls for or wants is a stance."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jets pounded rebel positions near Kafr Hamra on Sunday to prevent them from advancing on the town, a monitor said.", "other"),
        ("The army responded with heavy shelling in an attempt to stem the rebel offensive, a monitor said.", "other"),
        ("The militants planned to storm the town with car bombs but the army captured the village of Tal Sawan, a monitor said.", "territory"),
    ],
)
def test_claim_type_leaves_a_stated_purpose_out_of_the_type(sentence, expected):
    """Check that an advance or offensive named only as a strike's purpose does not type it, until 'but' asserts again."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The province of Tal Sawan is a major stronghold for the armed opposition.", "territory"),
        ("Rebel fighters were pushed from the town of Kafr Hamra and the surrounding hills.", "territory"),
        ("The army said it restored security to the villages of Tal Sawan and Kafr Hamra.", "territory"),
        ("The gains are mostly to the west of the town of Kafr Hamra and its farmland.", "territory"),
        ("On Monday the town of Kafr Hamra received its first shipment of medical aid.", "materiel"),
        ("Angry residents staged demonstrations in Kafr Hamra calling for the release of the detainees.", "other"),
        ("The armed group is outlawed in several European countries and in Canada.", "other"),
        ("A longtime backer of the government, Moscow began an air campaign on Monday to bolster regime positions.", "other"),
    ],
)
def test_extract_claims_finds_background_facts_of_control_delivery_protest_and_status(sentence, expected):
    """Check that a stronghold, ground pushed from or secured, gains, a delivery, a protest, a ban and an air campaign make own text a claim of its type."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jets struck the town of Kafr Hamra hours after it received its first shipment of food aid, a monitor said.", "other"),
        ("Jets struck the market of Tal Sawan amid heavy fighting near Kafr Hamra, a monitor said.", "other"),
        ("The capture of the Kafr Hamra road came in the wake of advances by the army, a monitor said.", "territory"),
    ],
)
def test_claim_type_leaves_background_after_the_asserted_fact_out_of_the_type(sentence, expected):
    """Check that a fact named after 'hours after' or 'in the wake of' does not type the claim, yet tells what was captured."""
    assert _types(sentence) == [expected]


def test_extract_claims_reads_a_short_confirmation_as_the_confirming_speaker_claim():
    """Check that 'X also confirmed the reports' is X's claim of type other, not a stance and not dropped."""
    text = "Activists said warplanes struck Kafr Hamra on Monday. The Syrian Observatory for Human Rights also confirmed the reports."
    assert claim_with(_claims_of(text), "confirmed the reports")["claim_type"] == "other"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The video shows the murder of three aid workers near Tal Sawan, activists said.", "casualties"),
        ("The gas caused choking among the residents of Kafr Hamra, a doctor said.", "casualties"),
        ("Mortar shells fell on Kafr Hamra inflicting losses on private and public properties, the agency said.", "materiel"),
        ("A shell hit the town hall of Kafr Hamra causing a fire to break out, the agency said.", "materiel"),
        ("The ministry accused the two neighbours of funding and arming the militants, the agency said.", "materiel"),
        ("Jihadist fighters attacked Kafr Hamra in the early hours of Saturday, a monitor said.", "territory"),
    ],
)
def test_claim_type_reads_murder_choking_losses_fire_arming_and_fighters_attacking(sentence, expected):
    """Check that a murder or choking is casualties, losses, fire or arming materiel, and fighters attacking a town territory."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A State Department spokesman slammed the air strikes on Kafr Hamra.", "other"),
        ("The rebel commander warned that his fighters would fire rockets at Kafr Hamra, a monitor said.", "stance"),
        ("The minister said the attacks amounted to war crimes.", "stance"),
    ],
)
def test_claim_type_reads_a_condemnation_of_a_placed_attack_as_the_attack(sentence, expected):
    """Check that condemning strikes at a named town takes the attack's type, while a threat or a placeless judgement stays a stance."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("An aid convoy carrying flour entered the besieged town of Kafr Hamra on Saturday, the Red Cross said.", "materiel"),
        ("The envoy was discussing the prisoner lists with the government in Damascus, diplomats said.", "negotiation"),
        ("Jets bombed an aid convoy near Kafr Hamra on Monday, a monitor said.", "other"),
    ],
)
def test_claim_type_reads_a_convoy_delivering_as_materiel_and_discussions_as_negotiation(sentence, expected):
    """Check that an aid convoy entering a town is materiel, discussing with a party negotiation, and a convoy bombed the attack."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The shelling resulted in 12 civilians dying in Kafr Hamra, a monitor said.", "casualties"),
        ("The wounded were treated at a field hospital in Kafr Hamra, a doctor said.", "casualties"),
        ("Rebels in the area benefit from supply lines from the border that are still open, a monitor said.", "territory"),
    ],
)
def test_claim_type_reads_dying_treated_and_supply_lines(sentence, expected):
    """Check that people dying or treated are casualties and open supply lines territory."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Militants have torched two schools in the village of Kafr Hamra, residents said.", "materiel"),
        ("Two nurses are among the deceased, a monitor said.", "casualties"),
        ("The neighbouring state still sends weapons to the militants in the north, the ministry said.", "materiel"),
    ],
)
def test_claim_type_reads_torching_the_deceased_and_sending_weapons(sentence, expected):
    """Check that buildings torched and weapons sent are materiel and people among the deceased casualties."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels seized weapons and ammunition during the clashes for the hill near Kafr Hamra, a monitor said.", "materiel"),
        ("The group's capture of heavy weapons in the north has boosted its confidence, analysts said.", "materiel"),
        ("Rebels seized the hill near Kafr Hamra after heavy clashes, a monitor said.", "territory"),
    ],
)
def test_claim_type_reads_things_seized_as_materiel_whatever_ground_is_named(sentence, expected):
    """Check that a taking verb whose object is weapons is materiel even when the text names ground or fighting."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The man is a member of an alliance of militias battling Islamic State in the north, his family said.", "other"),
        ("The bus was carrying rebels fighting government forces near Kafr Hamra, a monitor said.", "other"),
        ("Rebels are fighting government forces near Kafr Hamra, a monitor said.", "territory"),
        ("Heavy fighting raged near Kafr Hamra on Monday, a monitor said.", "territory"),
    ],
)
def test_claim_type_leaves_fighting_that_describes_a_group(sentence, expected):
    """Check that a fighting participle describing a group ('militias battling IS') does not make a claim territory."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two rockets fell on a square in Kafr Hamra, causing material damage without any casualties, the agency said.", "materiel"),
        ("A mortar shell hit the market of Kafr Hamra on Monday but no one was hurt, the agency said.", "other"),
    ],
)
def test_claim_type_leaves_harm_the_text_denies(sentence, expected):
    """Check that casualties denied ('without any casualties', 'no one was hurt') do not make a claim casualties."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Fierce fighting against the militants ensued near Kafr Hamra on Monday, a monitor said.",
        "Government forces are currently fighting against the militants near Kafr Hamra, a monitor said.",
    ],
)
def test_claim_type_keeps_fighting_asserted_after_an_adjective_or_adverb(sentence):
    """Check that the noun 'fighting' after an adjective and a fighting verb after an adverb stay territory."""
    assert _types(sentence) == ["territory"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The agency said it had been granted permission to send aid convoys to the besieged town of Kafr Hamra.", "negotiation"),
        ("An aid convoy waiting outside Kafr Hamra was denied permission to enter on Monday, the agency said.", "negotiation"),
    ],
)
def test_claim_type_reads_permission_for_access_as_negotiation(sentence, expected):
    """Check that access granted or denied permission is negotiation, before a siege named and instead of a denial's stance."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Government jets were believed responsible for the air attacks on the area, a monitor said.", "other"),
        ("The group claimed responsibility for the bombing in a statement online, a monitor said.", "other"),
        ("The minister said the air attacks amounted to war crimes.", "stance"),
    ],
)
def test_claim_type_reads_who_carried_an_attack_out_as_other(sentence, expected):
    """Check that saying who was responsible for an attack is other while a judgement of attacks stays stance."""
    assert _types(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The neighbouring state backs the militants in the north and provides them with weapons, the ministry said.", "materiel"),
        ("The neighbouring state provided chemical weapons to the militants in the north, the ministry said.", "materiel"),
        ("The neighbouring state sent a delegation to the border town of Kafr Hamra on Monday, the ministry said.", "other"),
    ],
)
def test_claim_type_reads_weapons_given_as_materiel(sentence, expected):
    """Check that a verb of giving with weapons for its object is materiel, and without them leaves the type."""
    assert _types(sentence) == [expected]
