"""Specificity family: counts, round vs precise numbers, approximators, hedges, bounded score."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from features.schemas import Claims, SpecificityFeatures
from features.specificity import DETAIL_WEIGHTS, VAGUENESS_WEIGHTS, build_specificity_features, is_round_number, specificity_score
from tests.feature_packs import afghanistan_pack, make_claims, quantity, seed_claims


@pytest.fixture(scope="module")
def pack():
    return afghanistan_pack()


@pytest.fixture(scope="module")
def seed_features(pack):
    return build_specificity_features(seed_claims(), pack).set_index(SpecificityFeatures.claim_id)


@pytest.mark.parametrize(("value", "expected"), [(40, True), (37, False), (35, True), (143, False), (150, True), (4, False), (1000, True), (1250, False), (2.5, False)])
def test_specificity_round_number_rule(value, expected):
    """Check the documented round-number rule on examples ('37' precise, '40' round)."""
    assert is_round_number(value) is expected


@given(st.integers(min_value=1, max_value=10**9))
def test_specificity_round_numbers_stay_round_times_ten(number):
    """Check that a round number times ten is round, and that numbers below ten are never round."""
    if is_round_number(number):
        assert is_round_number(number * 10)
    if number < 10:
        assert not is_round_number(number)


def test_specificity_dashty_casualty_counts(seed_features):
    """Check the counts of Dashty's casualty claim: 4 quantities (40, 35 round; four, two precise), 2 approximators, 2 materiel, 1 time."""
    row = seed_features.loc["seed08"]
    assert row[SpecificityFeatures.n_quantities] == 4
    assert row[SpecificityFeatures.n_round_numbers] == 2
    assert row[SpecificityFeatures.n_precise_numbers] == 2
    assert row[SpecificityFeatures.n_approximators] == 2
    assert row[SpecificityFeatures.n_named_units] == 2
    assert row[SpecificityFeatures.n_times] == 1
    assert row[SpecificityFeatures.n_named_places] == 1
    assert row[SpecificityFeatures.n_hedges] == 0


def test_specificity_hedged_claim_scores_below_plain_twin(pack):
    """Check that 'said to have died' scores lower than the same claim without the hedge."""
    plain = {Claims.text: "at least six resistance fighters died in Gulbahar", Claims.places: ["Gulbahar"], Claims.quantities: [quantity(6, "resistance fighters died", "at least")]}
    hedged = {**plain, Claims.text: "at least six resistance fighters said to have died in Gulbahar", Claims.hedges: ["said to"]}
    features = build_specificity_features(make_claims([plain, hedged]), pack)
    assert features[SpecificityFeatures.n_hedges].tolist() == [0, 1]
    assert features[SpecificityFeatures.specificity_score].iloc[0] > features[SpecificityFeatures.specificity_score].iloc[1]


def test_specificity_vague_and_ranged_quantities_are_round(pack):
    """Check that 'dozens' and '10-15' count as round while '37' counts as precise."""
    claims = make_claims(
        [{Claims.text: "dozens of rebels and 10-15 soldiers and 37 civilians were killed",
          Claims.quantities: [quantity(24, "rebels killed", text="dozens"), quantity(10, "soldiers killed", value_max=15, text="10-15"), quantity(37, "civilians killed")]}]
    )
    row = build_specificity_features(claims, pack).iloc[0]
    assert (row[SpecificityFeatures.n_round_numbers], row[SpecificityFeatures.n_precise_numbers]) == (2, 1)


def test_specificity_times_and_named_people(pack):
    """Check time expressions and role-named people ('spokesperson Fahim Dashty', 'commander Abdul Hamid Dadgar')."""
    claims = make_claims(
        [{Claims.text: "spokesperson Fahim Dashty said on Wednesday that commander Abdul Hamid Dadgar was captured at dawn over the past 40 hours"}]
    )
    row = build_specificity_features(claims, pack).iloc[0]
    assert row[SpecificityFeatures.n_named_people] == 2
    assert row[SpecificityFeatures.n_times] == 3


def test_specificity_empty_claim_scores_zero(seed_features):
    """Check that a claim with no detail ('they have beaten back Taliban advances') scores exactly 0."""
    assert seed_features.loc["seed04", SpecificityFeatures.specificity_score] == 0.0


@given(
    st.fixed_dictionaries({name: st.integers(0, 50) for name in [*DETAIL_WEIGHTS, *VAGUENESS_WEIGHTS]}),
    st.sampled_from(list(DETAIL_WEIGHTS)),
)
def test_specificity_score_bounded_and_monotone_in_detail(counts, more):
    """Check that the score stays in [0, 1] and never drops when one detail count grows."""
    base = pd.DataFrame([counts])
    richer = base.assign(**{more: base[more] + 1})
    low, high = specificity_score(base).iloc[0], specificity_score(richer).iloc[0]
    assert 0.0 <= low <= 1.0 and 0.0 <= high <= 1.0
    assert high >= low
