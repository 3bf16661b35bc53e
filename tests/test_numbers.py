"""Number and quantity parsing: digits, number words, vague plurals, ranges, approximators."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from features.numbers import DEFAULT_OUTCOMES, find_quantities, is_round_number, parse_number

WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "twenty", "forty"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("40", 40.0), ("1,200", 1200.0), ("2.5 million", 2_500_000.0), ("forty-five", 45.0), ("four", 4.0), ("a dozen", 12.0),
     ("dozens", 24.0), ("three hundred", 300.0), ("three hundred and twelve", 312.0), ("hundreds", 200.0), ("fighters", None), ("", None)],
)
def test_parse_number_reads_digits_and_words(text, expected):
    """Check that parse_number reads digits, number words and vague plurals, and refuses non-numbers."""
    assert parse_number(text) == expected


def test_find_quantities_reads_the_seed_casualty_clause():
    """Check that the seed's casualty clause gives four quantities with counts and approximators."""
    clause = ("at least 40 Taliban fighters were killed and around 35 more injured in fighting for the Khawak Pass over the past "
              "40 hours, with four Taliban Humvees and two Ford Ranger pickup trucks destroyed")
    found = [(q["value"], q["counts"], q["approximator"]) for q in find_quantities(clause)]
    assert found == [
        (40.0, "Taliban fighters killed", "at least"),
        (35.0, "Taliban fighters injured", "around"),
        (4.0, "Taliban Humvees destroyed", None),
        (2.0, "Ford Ranger pickup trucks destroyed", None),
    ]


def test_find_quantities_reads_ranges_and_vague_words():
    """Check that '30 to 40' and 'between 30 and 40' are ranges and 'dozens of' is vague."""
    ranged = find_quantities("30 to 40 soldiers were killed")[0]
    assert (ranged["value"], ranged["value_max"], ranged["counts"]) == (30.0, 40.0, "soldiers killed")
    between = find_quantities("between 30 and 40 soldiers died")[0]
    assert (between["value"], between["value_max"], between["approximator"]) == (30.0, 40.0, "between")
    dozens = find_quantities("dozens of civilians were wounded")[0]
    assert (dozens["counts"], dozens["approximator"]) == ("civilians injured", "dozens")


def test_find_quantities_skips_dates_years_and_durations():
    """Check that years, dates and time spans are not counted as quantities."""
    assert find_quantities("in 2016 on 10 July over the past 40 hours, resolution 2254") == []


def test_find_quantities_skips_links_and_glued_letters():
    """Check that links (also with their punctuation stripped by scraping) and digits glued to letters are not counts."""
    text = "7 people were killed in Idlib httpst.co5rT60NqJDk pic.twitter.comU0hIN7a1BO https://t.co/9abc www.example.com/12 killed"
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == [(7.0, "people killed")]
    assert find_quantities("the 1990s and the 3rd brigade, 10km away, killed") == []


def test_find_quantities_skips_idioms_and_page_furniture():
    """Check that 'on the one hand' and scraped page furniture ('Views 1430 Related ...') give no quantity."""
    assert find_quantities("fighting the YPG on the one hand and rebels killed on the other") == []
    assert find_quantities("killed 38 regime forces monitor Print Tweet Views 1430 Related Syrias killed")[0]["counts"] == "regime forces monitor killed"
    assert len(find_quantities("killed 38 regime forces monitor Print Tweet Views 1430 Related Syrias killed")) == 1
    assert find_quantities("Blast Kills Two, Injures Three")[1]["counts"] == "injured"


def test_find_quantities_takes_the_outcome_before_the_number():
    """Check that 'killing of one person and the injury of 40 others' keeps each outcome with its number."""
    found = [(q["value"], q["counts"]) for q in find_quantities("led to the killing of one person and the injury of 40 others")]
    assert found == [(1.0, "person killed"), (40.0, "people injured")]


@given(st.text(max_size=300))
def test_find_quantities_never_crashes(text):
    """Check that any text gives a list of well-formed quantities with offsets inside the text."""
    for quantity in find_quantities(text):
        assert set(quantity) >= {"value", "value_max", "counts", "approximator", "text"}
        assert 0 <= quantity["start"] <= quantity["end"] <= len(text)
        assert quantity["value_max"] is None or quantity["value_max"] > quantity["value"]


# Words the parser reacts to, so that generated clauses reach its branches (random characters rarely spell them).
PARSER_WORDS = [
    "dozens", "of", "the", "a", "dozen", "one", "two", "forty-five", "hundred", "thousand", "at", "least", "between", "and", "to",
    "killed", "wounded", "people", "fighters", "more", "others", "toll", "30", "1,200", "2016", "10:30", "12-05-2016", "-", ",", ".",
    "on", "hand", "year-old", "km", "May", "http://t.co/x", "them",
]


@given(st.lists(st.sampled_from(PARSER_WORDS) | st.text(max_size=6), max_size=14).map(" ".join))
@example("they killed dozens of")
@example("at least 30 killed and dozens of")
def test_find_quantities_never_crashes_on_clauses_of_parser_words(text):
    """Check that clauses made of the words the parser reacts to ('dozens of' at the end) give well-formed quantities."""
    for quantity in find_quantities(text):
        assert 0 <= quantity["start"] <= quantity["end"] <= len(text)
        assert quantity["value_max"] is None or quantity["value_max"] > quantity["value"]


@given(st.text(max_size=60))
def test_parse_number_never_crashes(text):
    """Check that parse_number returns a float or None for any input."""
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@given(st.integers(min_value=0, max_value=10**7))
def test_parse_number_round_trips_digits(number):
    """Check that digits with and without thousands separators read back as the same number."""
    assert parse_number(str(number)) == float(number)
    assert parse_number(f"{number:,}") == float(number)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999), st.sampled_from([" to ", "-", " or "]))
def test_find_quantities_reads_any_digit_range(low, step, joiner):
    """Check that 'LOW to HIGH people were killed' is one range quantity with both bounds."""
    high = low + step
    quantities = find_quantities(f"{low}{joiner}{high} people were killed")
    assert [(q["value"], q["value_max"], q["counts"]) for q in quantities] == [(float(low), float(high), "people killed")]


@given(st.sampled_from(WORDS), st.sampled_from(["at least", "around", "nearly", "more than", None]))
def test_find_quantities_reads_number_words_with_approximators(word, approximator):
    """Check that a number word with an approximator gives its value and keeps the approximator."""
    text = f"{approximator + ' ' if approximator else ''}{word} soldiers were wounded"
    quantity = find_quantities(text)[0]
    assert quantity["value"] == parse_number(word)
    assert quantity["approximator"] == approximator
    assert quantity["counts"] == "soldiers injured"


@given(st.integers(min_value=1, max_value=100_000))
def test_is_round_number_matches_its_definition(number):
    """Check that multiples of 10 from 10 are round, precise counts like 37 are not, and 5s count from 50."""
    expected = number >= 10 and (number % 10 == 0 or (number >= 50 and number % 5 == 0))
    assert is_round_number(float(number)) == expected


def test_find_quantities_skips_clock_times_after_a_dateline():
    """Check that '13 August 2016 2037 UTC+3' gives no count, while 'in 2014 1500 people' still does."""
    assert [q["value"] for q in find_quantities("August 13 2016 2037 UTC+3 A representative said 12 soldiers were killed")] == [12.0]
    assert [q["value"] for q in find_quantities("Sat 04 Oct 2014 1514 Regional NNA At least 35 fighters were killed")] == [35.0]
    assert [q["value"] for q in find_quantities("in 2014 1500 people were killed")] == [1500.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tue Mar 8 2016 142255 Warplanes of the air force destroyed 12 vehicles", [12.0]),
     ("Sat Feb 6 2016 190703 35 Dead in a car bomb", [35.0]),
     ("On March 8 2016 150000 people fled the city", [150000.0])],  # a round count after a date stays a count
)
def test_find_quantities_skips_a_clock_time_with_seconds_after_a_dateline(text, expected):
    """Check that a six-digit clock time stripped of its colons after a dateline's year ('2016 142255') is no count."""
    assert [q["value"] for q in find_quantities(text)] == expected


_WORD_PIECES = ["killed", "Taliban", "’s", "al-Assad", "40", "1,200", "3.5", "10km", "1E5", "é", "Ünï", "٣", "²", ",", ".", "-", "'",
                " ", "  ", "\n", "\t", "\xa0", "\u2009", "\u3000", "\x1c", "\x85", "K"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_WORD_PIECES), max_size=20).map("".join)))
def test_word_texts_equal_the_word_pattern(text):
    """Check that the chunk-by-chunk word split gives exactly the words of a full WORD_RE scan."""
    from features.numbers import WORD_RE, _word_texts

    assert _word_texts(text) == WORD_RE.findall(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US air strikes killed 50 militants and eight civilians in northern Syria", [(50.0, "militants killed"), (8.0, "civilians killed")]),
        ("At least 10 fighters were killed in the blast along with eight attackers", [(10.0, "fighters killed"), (8.0, "attackers killed")]),
        ("Rebels captured 3 tanks. 20 fighters were seen nearby", [(3.0, "tanks captured"), (20.0, "fighters")]),
    ],
)
def test_find_quantities_gives_a_coordinated_count_the_outcome_of_the_first(text, expected):
    """Check that a count joined by 'and'/'with' to a counted outcome shares it, but not across a full stop."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two Russian Sukhoi SU-24 warplanes were in the skies", [(2.0, "Russian Sukhoi warplanes")]),
        ("the rebels shot down a MiG-29 and two F-16 jets were seen", [(2.0, "jets")]),
    ],
)
def test_find_quantities_reads_no_count_in_a_model_designation(text, expected):
    """Check that the digits of a model designation ('SU-24', 'MiG-29') are not counted."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eight of those wounded were aid workers", [(8.0, "injured")]),
        ("the strike killed 14 people and 5 of them were nurses", [(14.0, "people killed"), (5.0, "people killed")]),
    ],
)
def test_find_quantities_reads_a_part_of_a_counted_group(text, expected):
    """Check that 'N of those wounded' and 'N of them' are counts, while 'one of the' stays a phrase."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_skips_identifier_numbers():
    """Check that numbers naming a resolution, an article or a route ('resolutions 2401 and 2254') are not counts."""
    assert find_quantities("in breach of resolutions 2139 and 2165 protecting civilians, article 51 rules and Route 60 convoys") == []


def test_find_quantities_counts_events_but_not_multipliers():
    """Check that 'violated 312 times' is a count of events and 'three times more' is not a count."""
    assert [(q["value"], q["counts"]) for q in find_quantities("the truce was violated 312 times since Friday")] == [(312.0, "times")]
    assert find_quantities("there were three times more shells than last month") == []


def test_find_quantities_counts_a_number_written_onto_its_noun():
    """Check that 'a 12-bus convoy' counts the buses (with no outcome), while '48-hour' and '7-year-old' are not counts."""
    found = find_quantities("a 12-bus convoy left during a 48-hour pause and a 7-year-old boy was killed")
    assert [(q["value"], q["counts"]) for q in found] == [(12.0, "bus convoy left")]


def test_find_quantities_counts_percentages():
    """Check that '40%' and '15 per cent' are counted as shares."""
    found = find_quantities("rebels hold nearly 40% of the district and 15 per cent of its villages")
    assert [(q["value"], q["counts"], q["approximator"]) for q in found] == [(40.0, "percent", "nearly"), (15.0, "percent", None)]


def test_find_quantities_skips_furniture_numbers_before_a_sentence():
    """Check that a clock time after 'YEAR at' and a bare number before a capitalised article are not counts."""
    text = "Mon 12 Mar 2018 at 0930 Local desk - shelling killed 7 soldiers. 0 17 A car bomb exploded near the market"
    assert [q["value"] for q in find_quantities(text)] == [7.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an air strike killed 30 people among them nine children", [(30.0, "people killed"), (9.0, "children killed")]),
        ("the raid killed 11 people including four women", [(11.0, "people killed"), (4.0, "women killed")]),
        ("five of those killed were soldiers while two were police officers", [(5.0, "killed"), (2.0, "killed")]),
        ("five soldiers were killed near the base while two tanks arrived", [(5.0, "soldiers killed"), (2.0, "tanks arrived")]),
    ],
)
def test_find_quantities_gives_a_subset_the_outcome_of_its_group(text, expected):
    """Check that a count after 'among them' or 'including', or a bare count after 'while', shares the outcome before."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the army destroyed 25 gunmen and 3 tanks", [(25.0, "gunmen killed"), (3.0, "tanks destroyed")]),
        ("the blast killed and wounded 40 people", [(40.0, "people casualties")]),
        ("12 people were killed or injured in the raid", [(12.0, "people casualties")]),
        ("the raid killed 10 and injured 20", [(10.0, "killed"), (20.0, "injured")]),
    ],
)
def test_find_quantities_reads_the_outcome_of_the_counted_noun(text, expected):
    """Check that 'destroyed' people are killed, and that 'killed and wounded' / 'killed or injured' are casualties."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the raids on the town over the past week has reached 31 people in addition to dozens of others wounded",
         [(31.0, "people killed"), (24.0, "people injured")]),
        ("shells hit the market claiming the lives of 9 people and wounding 14 others", [(9.0, "people killed"), (14.0, "people injured")]),
        ("the dead are in their hundreds and many more were abducted", [(200.0, "killed")]),
        ("At least 57 Civilians killed More than 150 Injured in the city", [(57.0, "Civilians killed"), (150.0, "Civilians injured")]),
    ],
)
def test_find_quantities_reads_the_outcome_of_a_toll_or_a_predicate(text, expected):
    """Check that a death toll's count, 'the lives of N', 'in their hundreds' and 'N Injured' take the right outcome."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 people suffered from breathing difficulties after the strike", [(27.0, "people suffered injured")]),
        ("the hospital received over 15 cases of suffocation", [(15.0, "cases injured")]),
    ],
)
def test_find_quantities_reads_symptoms_of_a_chemical_attack_as_injuries(text, expected):
    """Check that breathing difficulties and suffocation are injuries."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_reads_fractions_of_a_scale():
    """Check that 'a quarter of a million' and 'half a million' are read with their fraction and approximator."""
    found = find_quantities("more than a quarter of a million people have been killed and half a million wounded")
    assert [(q["value"], q["counts"], q["approximator"]) for q in found] == [
        (250_000.0, "people killed", "more than"), (500_000.0, "people injured", None)]


def test_find_quantities_skips_a_known_group_without_outcome():
    """Check that 'the three main towns' (a definite group, no outcome) is no count, while 'the 40 people killed' is."""
    assert find_quantities("one of the three main towns was shelled by the two armies") == []
    assert [q["value"] for q in find_quantities("the 40 people killed were buried")] == [40.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the troops pulled back to Brigade 80 - but 12 soldiers were killed", [(12.0, "soldiers killed")]),
        ("Share URL 0 31 A mortar shell killed four people", [(4.0, "people killed")]),
        ("two A-10 jets took off", [(2.0, "jets took off")]),
        ("aid cannot reach the estimated 90000 people under siege or the 12 clinics", [(90000.0, "people under siege"), (12.0, "clinics")]),
    ],
)
def test_find_quantities_skips_unit_numbers_and_counters_but_keeps_definite_counts(text, expected):
    """Check that unit numbers ('Brigade 80'), page counters ('URL 0 31') and designations ('A-10') are no counts, while a
    definite count with an approximator or of ten or more is kept."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine people, including four women, were wounded in the shelling", [(9.0, "people injured"), (4.0, "women injured")]),
        ("the army seized five rocket launchers, three trucks and a tank", [(5.0, "rocket launchers seized"), (3.0, "trucks seized")]),
        ("killed 7 soldiers, 40 families fled", [(7.0, "soldiers killed"), (40.0, "families displaced")]),
        ("the strike killed 5 guards, 3 nurses, 2 drivers and 4 cooks", [(5.0, "guards killed"), (3.0, "nurses killed"), (2.0, "drivers killed"), (4.0, "cooks killed")]),
        ("shells wounded 6 farmers and 2 teachers and 3 pupils", [(6.0, "farmers injured"), (2.0, "teachers injured"), (3.0, "pupils injured")]),
    ],
)
def test_find_quantities_reads_the_outcome_across_an_inserted_phrase_or_a_list(text, expected):
    """Check that a comma before 'including ...' or before the predicate, or between listed counts, keeps the outcome."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("air defences shot down three drones", [(3.0, "drones destroyed")]),
        ("four guards lost their lives in the ambush", [(4.0, "guards killed")]),
        ("the coalition killed 14 IS militants near the dam", [(14.0, "IS militants killed")]),
    ],
)
def test_find_quantities_reads_two_word_outcomes_and_the_group_name_is(text, expected):
    """Check that 'shot down' and 'lost their lives' are outcomes and 'IS' in capitals does not end the counted noun."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve of those killed were aid workers", [(12.0, "killed")]),
        ("at least four of the dead were medics", [(4.0, "killed")]),
        ("resolutions 2165 and 2191 were broken as 9 civilians were killed", [(9.0, "civilians killed")]),
        ("gunmen at Regiment 121 killed 9 rebels", [(9.0, "rebels killed")]),
        ("the militia shelled the crossing 412 times last month", [(412.0, "times")]),
        ("the new shells were four times heavier than the old ones", []),
    ],
)
def test_find_quantities_reads_parts_identifiers_and_repetitions(text, expected):
    """Check that 'N of those killed' is counted, numbers naming a resolution or unit are not, and 'N times' counts events but not multipliers."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shelling killed 8 people in the morning and another 6 at night", [(8.0, "people killed"), (6.0, "people killed")]),
        ('the army said 14 "mercenaries" were killed', [(14.0, "mercenaries killed")]),
        ("in all 52 people, 19 of them women, were wounded", [(52.0, "people injured"), (19.0, "women injured")]),
        ("the number of people wounded in the blasts has climbed to 73", [(73.0, "injured")]),
    ],
)
def test_find_quantities_reads_the_outcome_of_another_quoted_or_tallied_count(text, expected):
    """Check that 'another N', a quoted noun, an inserted 'N of them' and 'the number of people wounded ... climbed to N'
    take their outcome."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rescuers recovered 11 corpses from the building", [(11.0, "corpses killed")]),
        ("the shelling caused 40 casualties", [(40.0, "casualties")]),
        ("12 victims were killed in the blast", [(12.0, "victims killed")]),
    ],
)
def test_find_quantities_reads_the_outcome_named_by_the_counted_noun(text, expected):
    """Check that a counted noun naming the outcome ('11 corpses', '40 casualties') gives it when no other outcome is near."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text, {**DEFAULT_OUTCOMES, "corpses": "killed", "casualties": "casualties", "victims": "casualties"})] == expected


def test_find_quantities_never_kills_attacks_or_things():
    """Check that attacks, weapons and vehicles counted before 'killing' are not killed themselves, while they can be destroyed."""
    found = find_quantities("militants fired 45 rockets and mortar rounds killing six people and destroyed 3 vehicles")
    assert [(q["value"], q["counts"]) for q in found] == [(45.0, "rockets"), (6.0, "people killed"), (3.0, "vehicles destroyed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the bombing claimed 14 lives on Friday", [(14.0, "lives killed")]),
        ("the blast left 7 martyrs and 30 injured", [(7.0, "martyrs killed"), (30.0, "injured")]),
        ("four children from one family were killed", [(4.0, "children killed")]),
        ("shelling claimed the life of one person", [(1.0, "person killed")]),
        ("more than 200 shells fired by rebels hit the district killing eight people", [(200.0, "shells fired"), (8.0, "people killed")]),
    ],
)
def test_find_quantities_reads_death_nouns_and_determiner_one(text, expected):
    """Check that 'lives' and 'martyrs' are the dead, 'from one family' is no count while 'the life of one person' is, and
    a thing noun anywhere in the counted phrase ('shells fired') is not killed."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fighting has displaced tens of thousands of people", [(20_000.0, "people displaced")]),
        ("hundreds of thousands of civilians are besieged", [(200_000.0, "civilians")]),
        ("rebels seized 300 square kilometres and 12 tonnes of grain", []),
        ("the army destroyed a rocket launcher and three trucks near the town", [(3.0, "trucks destroyed")]),
        ("many were killed in the raid and thousands had to flee", [(2000.0, "displaced")]),  # not killed: another clause
    ],
)
def test_find_quantities_reads_vague_scales_measures_and_a_verb_with_two_objects(text, expected):
    """Check that 'tens of thousands' is 20,000, areas and weights are measures, and an outcome verb reaches its second
    object after 'and' ('destroyed a rocket launcher and three trucks') but not another clause."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than a dozen soldiers were killed", [(12.0, "more than", "soldiers killed")]),
        ("half a dozen fighters and two dozen civilians were wounded", [(6.0, None, "fighters injured"), (24.0, None, "civilians injured")]),
        ("the group executed at least 15 of its own members", [(15.0, "at least", "own members killed")]),
        ("the number of civilians and soldiers wounded in the shelling rose to 52", [(52.0, None, "injured")]),
    ],
)
def test_find_quantities_reads_dozens_and_possessive_parts(text, expected):
    """Check that 'a dozen', 'half a dozen' and 'two dozen' are counts, '15 of its own members' a part, and a tally's
    outcome word may stand up to eight words after 'the number of'."""
    assert [(q["value"], q["approximator"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_skips_a_lone_number_in_brackets():
    """Check that a number alone in brackets ('Rises (1881) Related') is no count, while '(12 soldiers)' still is."""
    found = find_quantities("Raids kill 9 people (12 soldiers) in Idlib (1881) Related")
    assert [(q["value"], q["counts"]) for q in found] == [(9.0, "people killed"), (12.0, "soldiers")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the jets hit 9 bunkers four depots and three trucks outside the city", [(9.0, "bunkers"), (4.0, "depots"), (3.0, "trucks")]),
        ("the drones destroyed 9 bunkers four depots and three trucks", [(9.0, "bunkers destroyed"), (4.0, "depots destroyed"), (3.0, "trucks destroyed")]),
        ("the shelling killed 14 villagers six of them women", [(14.0, "villagers killed"), (6.0, "women killed")]),
    ],
)
def test_find_quantities_reads_a_list_written_without_commas(text, expected):
    """Check that a number word ends the noun phrase before it and a count right after another count's noun shares its
    outcome ('destroyed 9 bunkers four depots'), as scraped text without commas writes a list."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("militants fired several hundred shells at the airport", [(200.0, "several", "shells")]),
        ("a few thousand families fled the valley", [(2000.0, "a few", "families displaced")]),
        ("the strikes killed several dozen guards", [(24.0, "several", "guards killed")]),
        ("about several hundred thousand residents were displaced", [(200_000.0, "about", "residents displaced")]),
    ],
)
def test_find_quantities_reads_several_hundred_as_hundreds(text, expected):
    """Check that 'several' / 'a few' before a scale word count like its plural ('several hundred' 200, as 'hundreds')."""
    assert [(q["value"], q["approximator"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_reads_unaccounted_for_as_missing():
    """Check that 'were unaccounted for' is the missing outcome, not the outcome of the count before."""
    found = find_quantities("four guards were killed and dozens were unaccounted for after the raid")
    assert [(q["value"], q["counts"]) for q in found] == [(4.0, "guards killed"), (24.0, "guards missing")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One witness described the blast as deafening", []),
        ("one guard opened the gate as two trucks were leaving", [(2.0, "trucks")]),
        ("the convoy carried four men and one boy", [(4.0, "men"), (1.0, "boy")]),
        ("one soldier was killed in the ambush", [(1.0, "soldier killed")]),
        ("at least one checkpoint was hit", [(1.0, "checkpoint")]),
        ("rescuers pulled one body from the rubble", [(1.0, "body killed")]),
    ],
)
def test_find_quantities_reads_one_without_outcome_as_a_determiner(text, expected):
    """Check that 'one' with no outcome, no approximator and no list before it is a determiner ('One witness
    described'), while 'one soldier was killed', 'four men and one boy', 'at least one' and 'one body' are counts."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the strikes killed 40 people 12 of them under the age of 16", [(40.0, "people killed"), (12.0, "under killed")]),
        ("On Feb. 14 gunmen seized 9 hostages", [(9.0, "hostages seized")]),
        ("fighting began in May. 14 soldiers died", [(14.0, "soldiers killed")]),
    ],
)
def test_find_quantities_skips_ages_and_days_after_an_abbreviated_month(text, expected):
    """Check that 'the age of 16' is an age and 'Feb. 14' a date, but a count after a sentence ending in 'May.' stays."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("troops shot 14 gunmen north of the dam", [(14.0, "gunmen")]),
        ("the blast kills two and wounds 31 some of them seriously", [(2.0, "killed"), (31.0, "injured")]),
    ],
)
def test_find_quantities_ends_the_noun_at_a_direction_and_reads_wounds(text, expected):
    """Check that a compass word before 'of' ends the counted noun ('14 gunmen north of') and the verb 'wounds' is an
    injury, with 'some' ending the noun after it."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling kills 4 wounds 11 in the old city", [(4.0, "killed"), (11.0, "injured")]),
        ("9 Killed Over 40 Injured in the old city", [(9.0, "killed"), (40.0, "injured")]),
        ("rescuers found 30 bodies many with burns", [(30.0, "bodies killed")]),
    ],
)
def test_find_quantities_gives_a_bare_count_the_verb_before_it(text, expected):
    """Check that a bare count after a present-tense outcome verb is its object ('kills 4 wounds 11'), while after a
    past participle the outcome after the count holds ('9 Killed Over 40 Injured'), and 'many' ends the counted noun."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the siege forced 4000 residents to flee the town", [(4000.0, "residents displaced")]),
        ("thousands of villagers fleeing the fighting reached the border", [(2000.0, "villagers displaced")]),
        ("the war has uprooted 60000 people and made 9000 refugees", [(60000.0, "people displaced"), (9000.0, "people displaced")]),
        ("the raid killed 17 people six of them children near a camp for families fleeing the war", [(17.0, "people killed"), (6.0, "children killed")]),
    ],
)
def test_find_quantities_reads_fleeing_as_displaced_and_keeps_a_part_with_its_group(text, expected):
    """Check that 'to flee', 'fleeing', 'uprooted' and 'refugees' are displaced, while 'N of them' right after a count
    takes that count's outcome before any outcome word further on."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Car Bomb in Homs kill 7 injure 30", [(7.0, "killed"), (30.0, "injured")]),
        ("19 people had been wounded by 8 p.m. on Sunday", [(19.0, "people injured")]),
        ("mortars hit 4 districts killing 11 people", [(4.0, "districts"), (11.0, "people killed")]),
    ],
)
def test_find_quantities_reads_headline_verbs_clock_times_and_places(text, expected):
    """Check that 'kill 7 injure 30' gives each count its verb, 'by 8 p.m.' is a time, and districts are never killed."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the raids killed 30 fighters as well as 8 civilians", [(30.0, "fighters killed"), (8.0, "civilians killed")]),
        ('the shelling killed "dozens of people" in the town', [(24.0, "people killed")]),
    ],
)
def test_find_quantities_reads_as_well_as_and_a_quoted_count(text, expected):
    """Check that a count after 'as well as' shares the outcome before it, and a quotation mark between an outcome verb
    and its count ('killed "dozens of people"') does not part them."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In June more than 45 farmers were killed by shelling", [(45.0, "farmers killed")]),
        ("since April at least 300 families fled the town", [(300.0, "families displaced")]),
        ("On June 14 two tanks were destroyed", [(2.0, "tanks destroyed")]),
    ],
)
def test_find_quantities_reads_a_count_after_a_month_and_an_approximator(text, expected):
    """Check that a month before an approximator ('In June more than 45') does not make the count a date, while a
    month right before a number ('June 14') still does."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 14 YPG (Kurdish) fighters were killed near the dam", [(14.0, "YPG killed")]),
        ("three officers of the (state-run) border guard were wounded", [(3.0, "officers injured")]),
        ("1203 14.05.2017) Get short URL 870 Over 40 rebels were killed", [(40.0, "rebels killed")]),
    ],
)
def test_find_quantities_reads_the_outcome_past_a_bracketed_aside(text, expected):
    """Check that an aside in brackets between a count and its outcome does not end the clause, while a closing bracket
    with no opening one after the count (page furniture) still does."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nine villagers were killed among them 3 boys while twelve others were injured",
         [(9.0, "villagers killed"), (3.0, "boys killed"), (12.0, "people injured")]),
        ("the strike killed 11 people including 4 women and wounded 30", [(11.0, "people killed"), (4.0, "women killed"), (30.0, "women injured")]),
        ("30 people were killed and others fled including 400 refugees", [(30.0, "people killed"), (400.0, "people displaced")]),
        ("More than 150 people have been killed since the war began in the spring and many have been driven from their homes "
         "including 3000 children who were later wounded", [(150.0, "people killed"), (3000.0, "children injured")]),
    ],
)
def test_find_quantities_gives_a_subset_its_group_outcome(text, expected):
    """Check that a count right after 'among them' or 'including' near a counted group takes the group's outcome before
    an outcome word further on, unless its noun names its own outcome or the group lies far back."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the militia lost at least 17 fighters in the battle for the hill", [(17.0, "fighters killed")]),
        ("the rebels lost 3 tanks near the airport", [(3.0, "tanks")]),
    ],
)
def test_find_quantities_reads_people_a_side_lost_as_killed(text, expected):
    """Check that a count of people right after 'lost' is killed, and a count of things after it is not."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Airstrikes kill four and wound dozens more in Hama", [(4.0, "killed"), (24.0, "injured")]),
        ("Shelling kill 9 wound 31 in Hama", [(9.0, "killed"), (31.0, "injured")]),
        ("Fri Mar 4 2016 25 Soldiers Die in Ambush Near Hama", [(25.0, "Soldiers killed")]),
        ("the shelling resulted in the martyrdom of 4 farmers and injuring 9 others", [(4.0, "farmers killed"), (9.0, "people injured")]),
    ],
)
def test_find_quantities_reads_headline_wound_and_die(text, expected):
    """Check that headline verbs 'wound' and 'die' end the counted noun and give the count its outcome, as 'the
    martyrdom of' does."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fate of 40 others was still unknown on Sunday", [(40.0, "people missing")]),
        ("the whereabouts of at least six aid workers are unknown", [(6.0, "aid workers missing")]),
        ("a video shows the execution of 12 prisoners in the desert", [(12.0, "prisoners killed")]),
    ],
)
def test_find_quantities_reads_the_fate_of_as_missing_and_the_execution_of_as_killed(text, expected):
    """Check that a count after 'the fate of' or 'the whereabouts of' is missing, and after 'the execution of' killed."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the raid killed at least 12 of Jaish al-Islam's fighters", [(12.0, "killed")]),
        ("the jets destroyed 9 of IS armoured vehicles", [(9.0, "destroyed")]),
        ("the clinic treated 16 of 29 cases", [(29.0, "cases")]),
        ("the first strike came on 5 of June", []),
    ],
)
def test_find_quantities_reads_an_outcome_verbs_object_before_of(text, expected):
    """Check that 'N of' right after an outcome verb ('killed 12 of X') is a count, while 'N of' after any other verb or
    before a month or a number is not."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eleven farmers were killed, four of them boys", [(11.0, "farmers killed"), (4.0, "boys killed")]),
        ("Nine people were wounded in the shelling, two of them medics", [(9.0, "people injured"), (2.0, "medics injured")]),
    ],
)
def test_find_quantities_gives_n_of_them_after_a_comma_its_group_outcome(text, expected):
    """Check that 'N of them' after the group's outcome and a comma takes the group's outcome."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eighteen villagers fell as martyrs in the shelling", [(18.0, "villagers fell killed")]),
        ("12 drivers were taken hostage near the crossing", [(12.0, "drivers captured")]),
        ("at least 7 soldiers were taken prisoner", [(7.0, "soldiers captured")]),
    ],
)
def test_find_quantities_reads_fell_as_martyrs_and_taken_prisoner(text, expected):
    """Check that 'fell as martyrs' is killed and 'taken hostage' / 'taken prisoner' captured."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_counts_a_population_with_no_noun_after_it():
    """Check that a bare number after 'population of' is counted as the population's size."""
    found = find_quantities("the district, with a population of 85000, was shelled again")
    assert [(q["value"], q["counts"]) for q in found] == [(85000.0, "population")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mortar Shells Claim 7 Farmers in Hama", [(7.0, "Farmers killed")]),
        ("a car bomb exploded claiming six and injuring 20 people", [(6.0, "killed"), (20.0, "people injured")]),
        ("the rebels claimed 40 soldiers were captured", [(40.0, "soldiers captured")]),
        ("the group claimed 3 attacks on the base", [(3.0, "attacks")]),
    ],
)
def test_find_quantities_reads_a_count_claimed_as_killed(text, expected):
    """Check that a count right after 'claim(s/ed/ing)' is killed when no outcome follows it (or it is bare), that an
    outcome after it wins ('claimed 40 soldiers were captured'), and that attacks are never killed."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Photos from the town: 25+ dead and 60+ wounded after the shelling", [(25.0, "killed", "at least"), (60.0, "injured", "at least")]),
        ("a convoy of 8+ trucks on the road", [(8.0, "trucks", "at least")]),
    ],
)
def test_find_quantities_reads_a_count_with_a_plus_as_its_lower_bound(text, expected):
    """Check that 'N+' is counted as 'at least N', and that the '+' does not hide the outcome after it ('25+ dead')."""
    assert [(q["value"], q["counts"], q["approximator"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("those killed in the raids on the villages include 11 children and three women", [(11.0, "children killed"), (3.0, "women killed")]),
        ("The wounded included two nurses", [(2.0, "nurses injured")]),
        ("the convoy, which included 20 trucks, reached the town", [(20.0, "trucks")]),
    ],
)
def test_find_quantities_gives_a_subset_the_outcome_its_subject_names(text, expected):
    """Check that a count after 'include(s/d)' with no count before it takes the outcome the subject names ('those
    killed ... include 11 children'), and none when the subject names none."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 40 members of the militia and its allies - who include fighters from abroad and several other groups - were killed",
         [(40.0, "members killed")]),
        ("12 soldiers - two of them officers - were wounded on Friday", [(12.0, "soldiers injured"), (2.0, "officers injured")]),
        ("30 people were killed - the army said", [(30.0, "people killed")]),
        ("Fighting between the two sides has shaken the town leaving 14 people - including five women - dead",
         [(14.0, "people killed"), (5.0, "women killed")]),
    ],
)
def test_find_quantities_reads_the_outcome_after_a_dash_enclosed_aside(text, expected):
    """Check that an aside between two dashes after the counted noun is skipped when looking for the count's outcome,
    unless another count comes before the aside (the outcome after it is that count's)."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gunmen killed one of the village elders on Monday", [(1.0, "village elders killed")]),
        ("a sniper wounded one of their medics", [(1.0, "medics injured")]),
        ("the shell hit one of the hospitals", []),
    ],
)
def test_find_quantities_counts_one_of_after_an_outcome_verb(text, expected):
    """Check that 'one of ...' right after an outcome verb is a count of one with that outcome, and that 'one of'
    after any other word stays a determiner."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the blast took the lives of 3 nurses as well as 4 policemen wounding several others", [(3.0, "nurses killed"), (4.0, "policemen killed")]),
        ("three gunmen opened fire killing five people", [(3.0, "gunmen opened fire"), (5.0, "people killed")]),
    ],
)
def test_find_quantities_does_not_give_a_count_the_outcome_of_an_acting_ing_verb_after_it(text, expected):
    """Check that an '-ing' outcome verb with an object after a counted noun ('wounding several others') is not that
    count's outcome, so a coordinated count keeps the outcome it shares."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nine civilians were killed among them a boy and three women and five others were wounded",
         [(9.0, "civilians killed"), (3.0, "women killed"), (5.0, "people injured")]),
        ("On Monday 8 people were killed including a boy and 30 others were injured", [(8.0, "people killed"), (30.0, "people injured")]),
    ],
)
def test_find_quantities_reads_a_subset_list_opening_with_a_single_item(text, expected):
    """Check that a count after 'including/among them a <noun> and' is a part of the group before it and shares its
    outcome, unless it counts 'others' or 'more' (a new group)."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a drone strike killing "a man with three of his sons" in the village', [(3.0, "sons killed")]),
        ("the strike killed a commander with two of his guards", [(2.0, "guards killed")]),
        ("the blast killed a nurse a hospital guard and two soldiers", [(2.0, "soldiers killed")]),
        ("troops stormed a base with 3 tanks", [(3.0, "tanks")]),
    ],
)
def test_find_quantities_gives_a_count_listed_after_a_verbs_first_object_its_outcome(text, expected):
    """Check that a count after 'and'/'with' that follows an outcome verb's first object ('killing a man with three of
    his sons'), a quotation mark allowed before that object, takes the verb's outcome, and that another verb gives none."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eleven people were displaced from three villages near the dam", [(11.0, "people displaced"), (3.0, "villages")]),
        ("Some 600 families had reached the two towns and registered as displaced", [(600.0, "families displaced"), (2.0, "towns")]),
        ("The jets flew 14 sorties and destroyed five depots", [(14.0, "sorties"), (5.0, "depots destroyed")]),
        ("Militias seized four towns east of the lake", [(4.0, "towns")]),
        ("Militias seized four trucks east of the lake", [(4.0, "trucks seized")]),
        ("Shelling killed nine men with six mortar shells on Friday", [(9.0, "men killed"), (6.0, "mortar shells")]),
    ],
)
def test_find_quantities_gives_no_people_outcome_to_events_or_ground(text, expected):
    """Check that a count of attacks or places takes no outcome people have, attacks none at all, and ground is not 'captured'."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four killed 21 others injured in mortar attack on Hamidiya", [(4.0, "killed"), (21.0, "people injured")]),
        ("3 soldiers killed 12 civilians wounded in car bomb", [(3.0, "soldiers killed"), (12.0, "civilians injured")]),
        ("Two raids killed 6 fighters injured in an earlier battle", [(2.0, "raids"), (6.0, "fighters killed")]),
    ],
)
def test_find_quantities_reads_a_headline_list_of_counts_each_with_its_participle(text, expected):
    """Check that in 'N killed M others injured' the second count takes the outcome after it, not the participle closing the first."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_skips_a_gallery_counter():
    """Check that a page's gallery counter in brackets ('Slideshow (4 Photos)') is no count."""
    assert [(q["value"], q["counts"]) for q in find_quantities("Slideshow ( 4 Photos ) Gunmen killed 7 guards")] == [(7.0, "guards killed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Local medics fear 3500 may have died in the siege", [(3500.0, "killed")]),
        ("Local medics fear 3500 villagers could have died in the siege", [(3500.0, "villagers killed")]),
        ("The convoy left on 14 May for the border", []),
    ],
)
def test_find_quantities_reads_a_modal_verb_after_a_count(text, expected):
    """Check that 'may' before 'have'/'be' after a count is the modal verb, not a month, and a modal ends the counted noun."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Witnesses saw two gunmen one on a motorbike fire at the checkpoint", [(2.0, "gunmen")]),
        ("Pilots flew 6 sorties five near the hills and one near the coast", [(6.0, "sorties"), (5.0, "sorties"), (1.0, "sorties")]),
    ],
)
def test_find_quantities_skips_one_that_picks_a_member_of_the_count_before(text, expected):
    """Check that a bare 'one' right after a counted group ('two gunmen one on a motorbike') is no count, but 'and one' in a list is."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four snipers kill two farmers near the orchard", [(4.0, "snipers"), (2.0, "farmers killed")]),
        ("Three raiders on motorbikes have killed 11 shepherds", [(3.0, "raiders"), (11.0, "shepherds killed")]),
        ("Three shepherds have been killed near the well", [(3.0, "shepherds killed")]),
        ("Nine villagers received wounds from the blast", [(9.0, "villagers received injured")]),
    ],
)
def test_find_quantities_gives_no_outcome_to_the_subject_of_an_active_outcome_verb(text, expected):
    """Check that a count followed by 'kill'/'have killed' and an object is the killer, not the killed; 'have been killed' and 'wounds' are its outcome."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One nurse who said she had seen dead children at the clinic", []),
        ("Two guards were said to be killed at the gate", [(2.0, "guards killed")]),
    ],
)
def test_find_quantities_takes_no_outcome_from_what_the_count_said(text, expected):
    """Check that an outcome after 'who said' belongs to what the counted speaker said, while 'were said to be killed' is the count's."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_reads_the_dead_before_a_participle_in_the_noun_phrase():
    """Check that 'bodies' counted before a participle ('dozens of bodies lined up ... with no sign of injury') are the dead, not the injured."""
    text = "The footage showed dozens of bodies lined up in a hall with no sign of injury"
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == [(24.0, "bodies lined up killed")]


def test_find_quantities_keeps_the_small_definite_count_rule_for_attacks():
    """Check that a small count after 'the' whose harm outcome its noun cannot take ('killed in the two raids') is still no count."""
    text = "Those killed in the two raids on the market include 9 children"
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == [(9.0, "children killed")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Four nurses from the small hospital of Kafr Tala north of the provincial capital Hama were killed by a shell",
         [(4.0, "nurses killed")]),
        ("six workers of the local water board who were repairing the pumping station were also wounded",
         [(6.0, "workers injured")]),
        ("Five rockets were launched from the hills east of the town and at least two trucks were destroyed",
         [(5.0, "rockets"), (2.0, "trucks destroyed")]),
        ("At least 40 guards of the prison and their relatives who include many women and elderly men were wounded in the attack",
         [(40.0, "guards injured")]),
        ("Thousands of families from the villages on the eastern bank of the river near the old dam have fled to the camps",
         [(2000.0, "families displaced")]),
        ("Three gunmen of the extremist cell hiding in the old quarter of the northern city for many months have killed 30 people",
         [(3.0, "gunmen"), (30.0, "people killed")]),
        ("The archive holds thousands of letters written in the long years between the great wars of the last century that name 300 soldiers who had died in the camps",
         [(2000.0, "letters written"), (300.0, "soldiers killed")]),
    ],
)
def test_find_quantities_reads_the_passive_predicate_after_a_long_subject(text, expected):
    """Check that a counted subject's passive outcome beyond twelve words ('... were killed') is read, but not another count's verb or a relative clause's."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Most of this number some 3200 families are still waiting for tents", [(3200.0, "families")]),
        ("Under resolution 2254 the talks resumed", []),
        ("Boys aged about 15 were recruited by the militia", []),
    ],
)
def test_find_quantities_counts_an_approximated_number_after_an_identifier_word(text, expected):
    """Check that an approximator between an identifier word and a number ('this number some 3200 families') makes it a count, while ages stay none."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_parse_number_reads_thousands_groups_separated_by_spaces(number, space):
    """Check that a number written with spaces between its thousands groups ('200 000') is read as one number."""
    written = f"{number:,}".replace(",", space)
    assert parse_number(written) == float(number)
    found = find_quantities(f"nearly {written} civilians were killed in the shelling")
    assert [(q["value"], q["counts"], q["text"]) for q in found] == [(float(number), "civilians killed", f"nearly {written} civilians")]


@given(st.integers(min_value=1990, max_value=2030), st.integers(min_value=100, max_value=999))
def test_find_quantities_does_not_glue_a_count_to_the_year_before_it(year, count):
    """Check that a year and a three-digit count after it ('in 2015 300 people') stay two numbers, the count counted."""
    found = find_quantities(f"in {year} {count} people were killed")
    assert [(q["value"], q["counts"]) for q in found] == [(float(count), "people killed")]


@given(st.sampled_from(["July", "Aug", "March"]), st.integers(min_value=1, max_value=28), st.integers(min_value=100, max_value=999))
def test_find_quantities_does_not_glue_a_count_to_a_day_number(month, day, count):
    """Check that a day after a month and a three-digit count after it ('on July 5 200 people') stay two numbers."""
    found = find_quantities(f"on {month} {day} {count} people were killed")
    assert [(q["value"], q["counts"]) for q in found] == [(float(count), "people killed")]


def test_find_quantities_reads_spaced_ranges_but_not_lists_of_short_numbers():
    """Check that a range of spaced thousands is one range and a list of three-digit numbers is not glued into thousands
    (how 'X and Y' in such a list is read otherwise is no concern of the spaced-thousands rule)."""
    assert [(q["value"], q["value_max"]) for q in find_quantities("between 10 000 and 12 000 people fled the town")] == [(10000.0, 12000.0)]
    listed = find_quantities("rebels seized the 201 202 and 203 depots")
    assert listed and all(q["value"] < 1000 and (q["value_max"] or 0) < 1000 for q in listed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the figure at more than 8400", [(8400.0, "killed")]),
     ("the tally at 310.", [(310.0, "killed")]),
     ("the figure at 4 million refugees", [(4000000.0, "displaced")]),  # a count with its own words counts those
     ("a figure of 30 villages", [(30.0, "villages")])],
)
def test_find_quantities_reads_a_bare_figure_given_at_as_a_toll(text, expected):
    """Check that a bare count after 'the figure at' or 'the tally at' is a toll of the dead, and a count with its own noun is not."""
    assert [(q["value"], q["counts"]) for q in find_quantities(text)] == expected


def test_find_quantities_keeps_the_outcome_of_a_number_of_killed_beside_a_figure_rule():
    """Check that 'the number of people killed ... has risen to N' still gives N killed whatever words follow N."""
    found = find_quantities("the number of people killed in the raid on the market has risen to 21 including three children")
    assert [(q["value"], q["counts"]) for q in found] == [(21.0, "killed"), (3.0, "children killed")]
