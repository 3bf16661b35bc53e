"""Number and quantity parsing: digits, number words, vague plurals, ranges, approximators."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from features.numbers import find_quantities, is_round_number, parse_number

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
        ("Rebels captured 3 villages. 20 fighters were seen nearby", [(3.0, "villages captured"), (20.0, "fighters")]),
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
