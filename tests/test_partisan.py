"""Partisan-source family: camps, party flags, self-serving vs against-interest, reliability."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from features.partisan import build_partisan_features, camps_named, claim_roles
from features.schemas import Claims, PartisanFeatures
from tests.feature_packs import afghanistan_pack, make_claims, quantity, seed_claims, syria_pack


@pytest.fixture(scope="module")
def pack():
    return afghanistan_pack()


@pytest.fixture(scope="module")
def seed_features(pack):
    return build_partisan_features(seed_claims(), pack).set_index(PartisanFeatures.claim_id)


def test_partisan_dashty_taliban_losses_self_serving(seed_features):
    """Check that Dashty's 'at least 40 Taliban fighters were killed' is self-serving, not against interest."""
    row = seed_features.loc["seed08"]
    assert row[PartisanFeatures.self_serving]
    assert not row[PartisanFeatures.against_interest]
    assert row[PartisanFeatures.speaker_is_party]


def test_partisan_six_resistance_fighters_died_against_interest(seed_features):
    """Check that the passive 'six resistance fighters said to have died' in a resistance-quoting article is against interest."""
    row = seed_features.loc["seed06"]
    assert row[PartisanFeatures.against_interest]
    assert not row[PartisanFeatures.self_serving]
    assert row[PartisanFeatures.anonymous]


def test_partisan_captured_from_by_passive_self_serving(seed_features):
    """Check that 'captured from the Taliban by the resistance' reported in a resistance article is self-serving."""
    assert seed_features.loc["seed05", PartisanFeatures.self_serving]


def test_partisan_negated_advance_is_enemy_failure(seed_features):
    """Check that 'Taliban forces ... did not advance' from an NRF spokesman counts as an enemy failure."""
    assert seed_features.loc["seed07", PartisanFeatures.self_serving]


def test_partisan_roles_read_passive_from_and_by(pack):
    """Check that the passive 'captured from X by Y' makes X lose and Y gain."""
    claims = make_claims([{Claims.text: "four districts have been captured from the Taliban by the resistance"}])
    losers, gainers = claim_roles(claims, pack).iloc[0]
    assert losers == {"taliban"} and gainers == {"resistance"}


def test_partisan_roles_read_active_subject_and_object(pack):
    """Check that an active 'X killed 12 Y fighters' makes Y lose and X gain."""
    claims = make_claims([{Claims.text: "Taliban forces killed 12 resistance fighters near the pass"}])
    losers, gainers = claim_roles(claims, pack).iloc[0]
    assert losers == {"resistance"} and gainers == {"taliban"}


def test_partisan_neutral_outlet_own_assertion_neither_flag(pack):
    """Check that a neutral wire's own report of Taliban losses is neither self-serving nor against interest."""
    claims = make_claims(
        [{Claims.text: "at least 40 Taliban fighters were killed", Claims.outlet: "Reuters", Claims.speaker: "reuters",
          Claims.quantities: [quantity(40, "Taliban fighters killed", "at least")]}]
    )
    row = build_partisan_features(claims, pack).iloc[0]
    assert row[PartisanFeatures.outlet_camp] == "neutral"
    assert not row[PartisanFeatures.outlet_is_party]
    assert not row[PartisanFeatures.self_serving] and not row[PartisanFeatures.against_interest]
    assert row[PartisanFeatures.outlet_reliability] == "B"


def test_partisan_outlet_alias_and_camp_match(pack):
    """Check that an outlet is found by alias and that a Taliban speaker on a Taliban outlet matches camps."""
    claims = make_claims([{Claims.text: "the mujahideen took control of Rah Tang", Claims.outlet: "Al Emarah", Claims.speaker: "Zabihullah Mujahid", Claims.speaker_camp: "taliban"}])
    row = build_partisan_features(claims, pack).iloc[0]
    assert row[PartisanFeatures.outlet_camp] == "taliban"
    assert row[PartisanFeatures.outlet_is_party] and row[PartisanFeatures.outlet_camp_matches_speaker]
    assert row[PartisanFeatures.self_serving]
    assert pd.isna(row[PartisanFeatures.speaker_reliability])
    assert row[PartisanFeatures.outlet_reliability] == "E"


def test_partisan_unknown_speaker_camp_filled_from_registry(pack):
    """Check that an 'unknown' speaker camp is filled from the registry by alias."""
    claims = make_claims([{Claims.text: "the resistance holds every district", Claims.speaker: "NRF"}])
    row = build_partisan_features(claims, pack).iloc[0]
    assert row[PartisanFeatures.speaker_camp] == "resistance"
    assert row[PartisanFeatures.speaker_reliability] == "D"


@pytest.mark.parametrize(
    ("text", "speaker", "outlet", "self_serving", "against_interest"),
    [
        ("Syrian army units killed 40 terrorists in the countryside of Aleppo", "Syrian Arab Army", "sana", True, False),
        ("Rebels seized the town of Khan Sheikhoun from government forces", "sana", "sana", False, True),
        ("Regime airstrikes killed 25 civilians in Idlib", "activists", "etilaf", True, False),
        ("Rebels shelled a school and killed 6 children in Aleppo", "sana", "sana", True, False),
    ],
)
def test_partisan_syrian_war_sentences(text, speaker, outlet, self_serving, against_interest):
    """Check self-serving and against-interest on FA-KES-style Syrian-war sentences with lexicon combatant words."""
    pack = syria_pack()
    anonymous = speaker == "activists"
    claims = make_claims([{Claims.text: text, Claims.speaker: speaker, Claims.outlet: outlet, Claims.anonymous: anonymous, Claims.theatre: "syria-test"}])
    row = build_partisan_features(claims, pack).iloc[0]
    assert (row[PartisanFeatures.self_serving], row[PartisanFeatures.against_interest]) == (self_serving, against_interest)


def test_partisan_anti_prefix_is_not_a_camp_mention(pack):
    """Check that 'anti-Taliban' does not name the Taliban while 'Taliban' does."""
    assert camps_named("anti-Taliban militias", pack) == set()
    assert camps_named("Taliban fighters killed", pack) == {"taliban"}


def test_partisan_rejects_claims_without_schema_columns(pack):
    """Check that a frame missing Claims columns is refused with the column named."""
    claims = seed_claims().drop(columns=[Claims.claim_type])
    with pytest.raises(pandera.errors.SchemaError, match="claim_type"):
        build_partisan_features(claims, pack)


@pytest.mark.parametrize(
    "text",
    [
        "the Taliban had suffered no losses in the fighting at the Khawak Pass",
        "the group denied that any Taliban vehicles had been destroyed in the fighting",
    ],
)
def test_partisan_roles_negated_or_denied_loss_serves_the_would_be_victim(pack, text):
    """Check that a negated or denied loss makes its camp gain, not lose (a denial of own losses is self-serving)."""
    losers, gainers = claim_roles(make_claims([{Claims.text: text}]), pack).iloc[0]
    assert losers == set() and gainers == {"taliban"}


def test_partisan_roles_of_a_repeated_text_are_read_per_claim(pack):
    """Check that claims sharing a text get their own roles: one claim's quantities don't leak into another's."""
    text = "Taliban forces killed 12 resistance fighters near the pass"
    claims = make_claims([{Claims.text: text, Claims.quantities: [quantity(3, "Taliban fighters killed")]}, {Claims.text: text}, {Claims.text: text}])
    roles = claim_roles(claims, pack)
    assert roles.iloc[0] == ({"resistance", "taliban"}, set())
    assert roles.iloc[1] == roles.iloc[2] == ({"resistance"}, {"taliban"})
