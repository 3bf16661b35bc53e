"""Discourse rules of claim extraction: which speaker a back-reference means, which report a sentence continues,
and where a quotation that runs over several sentences ends."""

from __future__ import annotations

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
