"""Corroboration family: matching, independence of origins, camps, contradictions, blocking."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features.blackout import claim_day
from features.corroboration import _place_sets, _quantities, _relation, build_corroboration_features, pair_relations
from features.hierarchy import pack_index
from features.schemas import Claims, CorroborationFeatures
from tests.feature_packs import afghanistan_pack, make_claims, quantity, seed_claims, syria_pack

C = CorroborationFeatures


@pytest.fixture(scope="module")
def pack():
    return afghanistan_pack()


def _dashty(**extra):
    return {
        Claims.speaker: "Fahim Dashty", Claims.speaker_camp: "resistance", Claims.attribution: "reported_speech", Claims.reporting_verb: "claimed",
        Claims.text: "at least 40 Taliban fighters were killed in fighting for the Khawak Pass", Claims.claim_type: "casualties",
        Claims.quantities: [quantity(40, "Taliban fighters killed", "at least")], Claims.places: ["Khawak Pass"], Claims.event_date: "2021-09-01",
        Claims.published: "2021-09-01T18:00:00", Claims.outlet: "nrf-twitter", **extra,
    }


def _three_camps():
    return [
        {**_dashty(), Claims.claim_id: "nrf", Claims.article_id: "a-nrf"},
        {Claims.claim_id: "wire", Claims.article_id: "a-wire", Claims.outlet: "reuters", Claims.speaker: "reuters", Claims.attribution: "own_assertion",
         Claims.text: "about 45 Taliban fighters were killed in clashes in the Panjshir Valley on Wednesday", Claims.claim_type: "casualties",
         Claims.quantities: [quantity(45, "Taliban fighters killed", "about")], Claims.places: ["Panjshir"], Claims.event_date: "2021-09-01", Claims.published: "2021-09-02T09:00:00"},
        {Claims.claim_id: "tal", Claims.article_id: "a-tal", Claims.outlet: "alemarah", Claims.speaker: "Zabihullah Mujahid", Claims.speaker_camp: "taliban",
         Claims.attribution: "reported_speech", Claims.reporting_verb: "admitted", Claims.text: "38 mujahideen died at the Khawak Pass", Claims.claim_type: "casualties",
         Claims.quantities: [quantity(38, "mujahideen died")], Claims.places: ["Khawak Pass"], Claims.event_date: "2021-09-02", Claims.published: "2021-09-03T07:00:00"},
    ]


def test_corroboration_same_event_from_taliban_nrf_and_neutral(pack):
    """Check that one event reported by the NRF, Reuters and a Taliban spokesman counts two independent, cross-camp corroborations each."""
    features = build_corroboration_features(make_claims(_three_camps()), pack).set_index(C.claim_id)
    assert features[C.independent_corroborations].tolist() == [2, 2, 2]
    assert features[C.cross_camp_confirmation].all()
    assert features[C.same_camp_corroborations].tolist() == [0, 0, 0]
    assert features[C.contradictions].tolist() == [0, 0, 0]
    assert features[C.first_reported].tolist() == [True, False, False]
    assert features.loc["nrf", C.corroborating_outlets] == 2


def test_corroboration_wire_story_echoed_by_five_outlets_is_one_source():
    """Check that a Reuters sentence reprinted by five outlets gives 5 corroborating outlets but 0 independent sources."""
    sentence = "Syrian government warplanes struck the Bustan al-Qasr district of Aleppo on Sunday, killing at least 12 people, a monitor said."
    outlets = ["reuters", "ahram", "jordantimes", "dailysabah", "alaraby", "arabiya"]
    rows = [
        {Claims.claim_id: f"w{n}", Claims.article_id: f"a{n}", Claims.outlet: outlet, Claims.speaker: "Syrian Observatory for Human Rights", Claims.speaker_camp: "neutral",
         Claims.attribution: "reported_speech", Claims.theatre: "syria-test", Claims.text: "Syrian government warplanes struck the Bustan al-Qasr district of Aleppo on Sunday, killing at least 12 people",
         Claims.sentence: sentence, Claims.claim_type: "casualties", Claims.quantities: [quantity(12, "people killed", "at least")], Claims.places: ["Bustan al-Qasr"],
         Claims.event_date: "2016-05-01", Claims.published: f"2016-05-0{1 + min(n, 1)}T1{n}:00:00"}
        for n, outlet in enumerate(outlets)
    ]
    features = build_corroboration_features(make_claims(rows), syria_pack()).set_index(C.claim_id)
    assert features[C.independent_corroborations].tolist() == [0] * 6
    assert features[C.corroborating_outlets].tolist() == [5] * 6
    assert features[C.first_reported].tolist() == [True] + [False] * 5
    assert not features[C.cross_camp_confirmation].any()


def test_corroboration_reprinted_own_assertion_is_one_origin():
    """Check that identical wire copy carried as each outlet's own assertion is one origin, while a differently worded report is another."""
    text = "Rebels seized the town of Khan Sheikhoun from government forces on Monday"
    rows = [
        {Claims.claim_id: f"r{n}", Claims.article_id: f"a{n}", Claims.outlet: outlet, Claims.speaker: outlet, Claims.text: text, Claims.claim_type: "territory",
         Claims.places: ["Khan Sheikhoun"], Claims.event_date: "2016-05-02", Claims.theatre: "syria-test"}
        for n, outlet in enumerate(["reuters", "ahram", "jordantimes"])
    ] + [
        {Claims.claim_id: "own", Claims.article_id: "a9", Claims.outlet: "arabiya", Claims.speaker: "arabiya", Claims.text: "Opposition fighters took Khan Sheikhoun",
         Claims.claim_type: "territory", Claims.places: ["Idlib"], Claims.event_date: "2016-05-03", Claims.theatre: "syria-test"}
    ]
    features = build_corroboration_features(make_claims(rows), syria_pack()).set_index(C.claim_id)
    assert features.loc["own", C.independent_corroborations] == 1
    assert features.loc["r0", C.independent_corroborations] == 1
    assert features.loc["r0", C.corroborating_outlets] == 3


def test_corroboration_one_spokesperson_in_ten_outlets_is_one_source(pack):
    """Check that Dashty quoted by ten outlets in different words counts as one independent source for a neutral report."""
    rows = [
        _dashty(**{Claims.claim_id: f"q{n}", Claims.article_id: f"a{n}", Claims.outlet: f"outlet{n}", Claims.sentence: f"Version {n}: Dashty said 40 Taliban died."})
        for n in range(10)
    ]
    rows.append({Claims.claim_id: "wire", Claims.article_id: "aw", Claims.outlet: "reuters", Claims.speaker: "reuters", Claims.text: "dozens of Taliban fighters were killed at Khawak",
                 Claims.claim_type: "casualties", Claims.quantities: [quantity(24, "Taliban fighters killed", text="dozens")], Claims.places: ["Khawak Pass"], Claims.event_date: "2021-09-02"})
    features = build_corroboration_features(make_claims(rows), pack).set_index(C.claim_id)
    assert features.loc["wire", C.independent_corroborations] == 1
    assert features.loc["wire", C.corroborating_outlets] == 10
    assert features.loc["q0", C.independent_corroborations] == 1
    assert features.loc["q0", C.cross_camp_confirmation]


def test_corroboration_incompatible_numbers_and_denials_contradict(pack):
    """Check that 'only 5 Taliban fighters were killed' and an explicit denial both count as contradictions."""
    rows = [
        {**_dashty(), Claims.claim_id: "nrf", Claims.article_id: "a1"},
        {Claims.claim_id: "low", Claims.article_id: "a2", Claims.outlet: "alemarah", Claims.speaker: "Taliban", Claims.speaker_camp: "taliban", Claims.attribution: "reported_speech",
         Claims.text: "only 5 Taliban fighters were killed at the Khawak Pass", Claims.claim_type: "casualties", Claims.quantities: [quantity(5, "Taliban fighters killed")],
         Claims.places: ["Khawak Pass"], Claims.event_date: "2021-09-01"},
        {Claims.claim_id: "deny", Claims.article_id: "a3", Claims.outlet: "tolonews", Claims.speaker: "Zabihullah Mujahid", Claims.speaker_camp: "taliban", Claims.attribution: "reported_speech",
         Claims.text: "Mujahid denied that Taliban fighters were killed in Panjshir", Claims.claim_type: "casualties", Claims.places: ["Panjshir"], Claims.event_date: "2021-09-02"},
    ]
    features = build_corroboration_features(make_claims(rows), pack).set_index(C.claim_id)
    assert features.loc["nrf", C.contradictions] == 2
    assert features.loc["nrf", C.independent_corroborations] == 0
    assert features.loc["low", C.contradictions] == 2  # the denial contradicts it too
    assert features.loc["deny", C.contradictions] == 2


@pytest.mark.parametrize(
    ("change", "matches"),
    [
        ({}, True),
        ({Claims.places: ["Shotul"]}, False),  # sibling district of the Khawak Pass, not overlapping
        ({Claims.places: ["Panjshir"]}, True),  # parent province overlaps
        ({Claims.places: ["Afghanistan"]}, False),  # the country matches only the country
        ({Claims.places: []}, False),
        ({Claims.event_date: "2021-09-05"}, False),  # four days apart
        ({Claims.event_date: "2021-09-04"}, True),  # three days apart
        ({Claims.claim_type: "territory"}, False),
        ({Claims.article_id: "a1"}, False),  # same article
        ({Claims.quantities: [quantity(35, "Taliban fighters injured", "around")]}, False),  # numbers about another thing
    ],
)
def test_corroboration_match_rules(pack, change, matches):
    """Check each match rule: places via the gazetteer hierarchy, the 3-day window, claim type, article, comparable numbers."""
    other = {**_dashty(), Claims.claim_id: "b", Claims.article_id: "a2", Claims.speaker: "reuters", Claims.speaker_camp: "neutral", Claims.outlet: "reuters",
             Claims.attribution: "own_assertion", Claims.sentence: "Reuters sentence", **change}
    rows = [{**_dashty(), Claims.claim_id: "a", Claims.article_id: "a1"}, other]
    features = build_corroboration_features(make_claims(rows), pack)
    assert features[C.independent_corroborations].tolist() == ([1, 1] if matches else [0, 0])


def test_corroboration_context_claims_counted_rows_only_for_claims(pack):
    """Check that context claims corroborate but get no output row, and duplicates of claims in context are ignored."""
    claims = make_claims(_three_camps())
    new, context = claims.iloc[:1], claims
    features = build_corroboration_features(new, pack, context_claims=context)
    assert features[C.claim_id].tolist() == ["nrf"]
    assert features[C.independent_corroborations].iloc[0] == 2


def test_corroboration_seed_alone_all_zero(pack):
    """Check that on the seed article alone every count is 0 and every claim is first reported."""
    features = build_corroboration_features(seed_claims(), pack)
    assert features[[C.independent_corroborations, C.corroborating_outlets, C.contradictions]].to_numpy().sum() == 0
    assert features[C.first_reported].all() and not features[C.cross_camp_confirmation].any()


def test_corroboration_negative_window_raises(pack):
    """Check that a negative window is refused with the value named."""
    with pytest.raises(ValueError, match="window_days must be >= 0, got -1"):
        build_corroboration_features(seed_claims(), pack, window_days=-1)


def test_corroboration_number_intervals_respect_approximators(pack):
    """Check interval rules: 'at least 40' fits 45 and 400, not 30; 'around 35' fits 30; exact 12 does not fit 20."""
    def relation(a, b):
        return _relation(_quantities([a], pack), _quantities([b], pack), False, False)

    at_least_40 = quantity(40, "Taliban fighters killed", "at least")
    assert relation(at_least_40, quantity(45, "Taliban fighters killed")) == 1
    assert relation(at_least_40, quantity(400, "Taliban fighters killed")) == 1
    assert relation(at_least_40, quantity(30, "Taliban fighters killed")) == -1
    assert relation(quantity(35, "Taliban fighters injured", "around"), quantity(30, "Taliban fighters wounded")) == 1
    assert relation(quantity(12, "people killed"), quantity(20, "people killed")) == -1
    assert relation(quantity(12, "people killed"), quantity(20, "resistance fighters killed")) == 0


PLACES = ["Khawak Pass", "Shotul", "Rah Tang", "Panjshir", "Kapisa", "Bazaar Shirkat", "Gulbahar", "Parwan", "Afghanistan"]
PROPERTY_PACK = afghanistan_pack()


@settings(max_examples=15)
@given(
    st.lists(
        st.tuples(st.sampled_from(["casualties", "territory"]), st.lists(st.sampled_from(PLACES), max_size=2), st.integers(0, 20), st.sampled_from([None, 5, 40])),
        min_size=2,
        max_size=25,
    )
)
def test_corroboration_blocking_finds_the_same_pairs_as_brute_force(rows):
    """Check that blocked candidate search yields exactly the matches of an all-pairs comparison."""
    pack = PROPERTY_PACK
    claims = make_claims(
        [
            {Claims.text: f"claim {n}", Claims.claim_type: kind, Claims.places: places, Claims.event_date: str(pd.Timestamp("2021-08-20") + pd.Timedelta(days=day)),
             Claims.quantities: [quantity(value, "Taliban fighters killed")] if value else []}
            for n, (kind, places, day, value) in enumerate(rows)
        ]
    )
    found = {(a, b, r) for a, b, r in pair_relations(claims, pack).itertuples(index=False, name=None)}
    index = pack_index(pack)
    days = claim_day(claims[Claims.event_date], claims[Claims.published]).to_numpy()
    sets = [_place_sets(p, index) for p in claims[Claims.places]]
    quantities = [_quantities(q, pack) for q in claims[Claims.quantities]]
    expected = set()
    for a, b in itertools.permutations(range(len(claims)), 2):
        if claims[Claims.claim_type].iloc[a] != claims[Claims.claim_type].iloc[b] or abs(days[a] - days[b]) > 3 or np.isnan(days[a]):
            continue
        if not (sets[a][0] & sets[b][1] or sets[b][0] & sets[a][1]):
            continue
        relation = _relation(quantities[a], quantities[b], False, False)
        if relation == -1 and not sets[a][0] & sets[b][0]:
            relation = 0
        if relation:
            expected.add((a, b, relation))
    assert found == expected


def test_corroboration_shared_sentence_does_not_merge_two_spokespeople(pack):
    """Check that one sentence carried under two speakers does not chain them into one origin."""
    base = {Claims.text: "the Taliban took Shotul", Claims.claim_type: "territory", Claims.places: ["Shotul"], Claims.event_date: "2021-09-05", Claims.attribution: "reported_speech"}
    rows = [
        {**base, Claims.claim_id: "a", Claims.article_id: "a1", Claims.speaker: "Zabihullah Mujahid", Claims.speaker_camp: "taliban", Claims.sentence: "Shared sentence."},
        {**base, Claims.claim_id: "b", Claims.article_id: "a2", Claims.speaker: "Fahim Dashty", Claims.speaker_camp: "resistance", Claims.sentence: "Shared sentence."},
        {**base, Claims.claim_id: "c", Claims.article_id: "a3", Claims.speaker: "Fahim Dashty", Claims.speaker_camp: "resistance", Claims.sentence: "Dashty's own words."},
        {**base, Claims.claim_id: "d", Claims.article_id: "a4", Claims.speaker: "reuters", Claims.outlet: "reuters", Claims.attribution: "own_assertion", Claims.sentence: "Reuters text."},
    ]
    features = build_corroboration_features(make_claims(rows), pack).set_index(C.claim_id)
    assert features.loc["d", C.independent_corroborations] == 2
    assert features.loc["a", C.independent_corroborations] == 2  # Dashty (only via his other sentence) and Reuters


def test_corroboration_numbers_across_levels_do_not_contradict(pack):
    """Check that a Panjshir-wide toll and a different Khawak Pass toll neither agree nor contradict, while the same place contradicts."""
    rows = [
        {**_dashty(), Claims.claim_id: "pass", Claims.article_id: "a1"},
        {**_dashty(), Claims.claim_id: "province", Claims.article_id: "a2", Claims.speaker: "reuters", Claims.speaker_camp: "neutral", Claims.attribution: "own_assertion",
         Claims.outlet: "reuters", Claims.sentence: "Reuters: 12 killed in Panjshir", Claims.places: ["Panjshir"], Claims.quantities: [quantity(12, "Taliban fighters killed")]},
    ]
    features = build_corroboration_features(make_claims(rows), pack)
    assert features[C.contradictions].tolist() == [0, 0] and features[C.independent_corroborations].tolist() == [0, 0]
    rows[1] = {**rows[1], Claims.places: ["Khawak Pass"]}
    assert build_corroboration_features(make_claims(rows), pack)[C.contradictions].tolist() == [1, 1]


def test_corroboration_as_of_publication_ignores_later_reports(pack):
    """Check that with as_of_publication a claim is corroborated only by reports published on its day or earlier."""
    claims = make_claims(_three_camps())
    everything = build_corroboration_features(claims, pack).set_index(C.claim_id)
    as_of = build_corroboration_features(claims, pack, as_of_publication=True).set_index(C.claim_id)
    assert everything[C.independent_corroborations].tolist() == [2, 2, 2]
    assert as_of[C.independent_corroborations].tolist() == [0, 1, 2]
    assert as_of.loc["nrf", C.corroborating_outlets] == 0
    assert as_of[C.first_reported].tolist() == [True, False, False]


def test_corroboration_as_of_publication_counts_same_day_reports(pack):
    """Check that with as_of_publication a report published later on the same UTC day still corroborates."""
    rows = _three_camps()[:2]
    rows[1] = {**rows[1], Claims.published: "2021-09-01T23:00:00"}
    as_of = build_corroboration_features(make_claims(rows), pack, as_of_publication=True).set_index(C.claim_id)
    assert as_of[C.independent_corroborations].tolist() == [1, 1]


def test_corroboration_article_shares_join_the_article_back_to_its_claims(pack):
    """Check that every claim of an article carries the share of that article's claims corroborated and contradicted."""
    rows = _three_camps()
    extra = {Claims.claim_id: "nrf-other", Claims.article_id: "a-nrf", Claims.outlet: "nrf-twitter", Claims.speaker: "nrf-twitter",
             Claims.attribution: "own_assertion", Claims.text: "the resistance holds the valley", Claims.claim_type: "territory",
             Claims.places: ["Panjshir"], Claims.event_date: "2021-09-01", Claims.published: "2021-09-01T18:00:00"}
    denial = {Claims.claim_id: "denial", Claims.article_id: "a-den", Claims.outlet: "alemarah", Claims.speaker: "Zabihullah Mujahid",
              Claims.speaker_camp: "taliban", Claims.attribution: "reported_speech", Claims.reporting_verb: "said",
              Claims.text: "Mujahid denied that the resistance holds the valley", Claims.claim_type: "territory",
              Claims.places: ["Panjshir"], Claims.event_date: "2021-09-01", Claims.published: "2021-09-01T20:00:00"}
    features = build_corroboration_features(make_claims([*rows, extra, denial]), pack).set_index(C.claim_id)
    assert features.loc["nrf-other", C.contradictions] == 1
    assert features.loc["nrf", C.article_corroborated_share] == features.loc["nrf-other", C.article_corroborated_share] == 0.5
    assert features.loc["nrf", C.article_contradicted_share] == features.loc["nrf-other", C.article_contradicted_share] == 0.5
    assert features.loc["wire", C.article_corroborated_share] == 1.0 and features.loc["wire", C.article_contradicted_share] == 0.0
