"""Event-date resolution against the publication date."""

from __future__ import annotations

import dateparser
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features.dates import WEEKDAYS, resolve_event_date

SEED_PUBLISHED = pd.Timestamp("2021-09-02", tz="UTC")  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intense combat broke out on Wednesday", "2021-09-01"),
        ("He had previously said on Monday that", "2021-08-30"),
        ("cut connections over the weekend", "2021-08-28"),
        ("saying to the Wall Street Journal last week", "2021-08-26"),
        ("fighting on Thursday", "2021-09-02"),
        ("skirmishes earlier this week", "2021-08-30"),
        ("clashes yesterday", "2021-09-01"),
        ("Sun 10 Jul 2016 rebels dead", "2016-07-10"),
        ("on 25 July 2016", "2016-07-25"),
        ("on August 30", "2021-08-30"),
        ("Sundays bombardment killed", "2021-08-29"),
        ("three days ago", "2021-08-30"),
    ],
)
def test_resolve_event_date_on_the_seed_publication_date(text, expected):
    """Check that weekday, weekend, week and explicit expressions resolve against 2021-09-02."""
    assert resolve_event_date(text, SEED_PUBLISHED) == pd.Timestamp(expected, tz="UTC")


def test_resolve_event_date_is_none_without_a_date():
    """Check that a clause without a date, or a relative date without publication time, gives None."""
    assert resolve_event_date("the resistance may have advanced", SEED_PUBLISHED) is None
    assert resolve_event_date("on Wednesday", None) is None
    assert resolve_event_date("on 25 July 2016", None) == pd.Timestamp("2016-07-25", tz="UTC")


@given(st.dates(min_value=pd.Timestamp("2000-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()), st.sampled_from(WEEKDAYS))
def test_resolve_event_date_weekday_is_within_the_past_week(day, weekday):
    """Check that 'on <weekday>' is that weekday, on or up to six days before publication."""
    published = pd.Timestamp(day, tz="UTC")
    resolved = resolve_event_date(f"fighting on {weekday.title()}", published)
    assert resolved.day_name().lower() == weekday
    assert pd.Timedelta(0) <= published - resolved <= pd.Timedelta(days=6)


@given(st.dates(min_value=pd.Timestamp("2010-01-01").date(), max_value=pd.Timestamp("2025-12-31").date()), st.sampled_from(WEEKDAYS))
def test_resolve_event_date_agrees_with_dateparser_except_on_the_own_weekday(day, weekday):
    """Check agreement with dateparser (past preference), which resolves the publication's own weekday a week early."""
    published = pd.Timestamp(day, tz="UTC")
    ours = resolve_event_date(f"on {weekday.title()}", published)
    theirs = dateparser.parse(weekday.title(), settings={"RELATIVE_BASE": published.to_pydatetime().replace(tzinfo=None), "PREFER_DATES_FROM": "past"})
    expected = pd.Timestamp(theirs.date(), tz="UTC")
    if ours.day_of_week == published.day_of_week:
        assert ours == published and expected == published - pd.Timedelta(days=7)
    else:
        assert ours == expected


@given(st.text(max_size=200), st.one_of(st.none(), st.datetimes(min_value=pd.Timestamp("1990-01-01").to_pydatetime(), max_value=pd.Timestamp("2040-01-01").to_pydatetime())))
def test_resolve_event_date_never_crashes(text, published):
    """Check that any text and publication time give a UTC midnight timestamp or None."""
    resolved = resolve_event_date(text, None if published is None else pd.Timestamp(published))
    assert resolved is None or (str(resolved.tzinfo) == "UTC" and resolved == resolved.normalize())


_DATE_PIECES = ["on", "last", "this", "next", " ", "  ", "\n", "Monday", "monday", "Mondays", "Monday's", "SUNDAY", "July", "july",
                "Sept.", "may", "May", "10", "3rd", "2016", ",", "salon", "upon", "x", "Mar", "march", "’s", "Tuesdayx", "İ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join))
def test_anchored_date_matching_equals_a_full_scan(text):
    """Check that anchored tries at weekday and month positions find exactly the matches of a full regex scan."""
    from features.dates import EXPLICIT_PATTERNS, WEEKDAY_RE, _matches_at, _month_starts, _weekday_starts

    lower = text.lower()
    for pattern, starts in ((WEEKDAY_RE, _weekday_starts(lower)), (EXPLICIT_PATTERNS[2], _month_starts(lower))):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in _matches_at(pattern, text, lower, starts)] == expected


_RELATIVE_PIECES = ["this", "last", "week", "end", "month", "yester", "day", "night", "to", "the", " ", " ago", "morning", "afternoon",
                    "evening", "tonight", "ago", "THIS", "Week", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_RELATIVE_PIECES), max_size=10).map("".join))
def test_relative_pattern_gate_equals_the_keyword_table(text):
    """Check that the shortcut keyword tests pick exactly the relative patterns whose keywords occur, in pattern order."""
    from features.dates import _RELATIVE_KEYWORDS, RELATIVE_PATTERNS, _relative_patterns_present

    lower = text.lower()
    expected = [kind for _, kind in RELATIVE_PATTERNS if any(keyword in lower for keyword in _RELATIVE_KEYWORDS[kind])]
    assert [kind for _, kind in _relative_patterns_present(lower)] == expected


_WEEKDAY_PIECES = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun", "day", "days", "to", "yester", "s", "es", "a", " ", "d"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WEEKDAY_PIECES), max_size=12).map("".join))
def test_weekday_positions_equal_seven_name_scans(lower):
    """Check that the one-scan weekday finder gives exactly the positions of the seven weekday names found one by one."""
    from features.dates import _weekday_positions

    expected = sorted(position for weekday in WEEKDAYS for position in range(len(lower)) if lower.startswith(weekday, position))
    assert sorted(_weekday_positions(lower)) == expected


def test_resolve_event_date_counts_from_the_utc_day_of_publication():
    """Check that a relative date counts from the publication's UTC day (Kabul 02:00 is the day before), call after call,
    and that a missing publication time (NaT, None) gives None."""
    kabul = pd.Timestamp("2021-09-02 02:00", tz="Asia/Kabul")  # still 1 September in UTC
    utc = pd.Timestamp("2021-09-02 12:00", tz="UTC")
    text = "Fighting broke out yesterday"
    assert resolve_event_date(text, kabul) == pd.Timestamp("2021-08-31", tz="UTC")
    assert resolve_event_date(text, kabul) == pd.Timestamp("2021-08-31", tz="UTC")
    assert resolve_event_date(text, utc) == pd.Timestamp("2021-09-01", tz="UTC")
    assert resolve_event_date(text, pd.NaT) is None
    assert resolve_event_date(text, None) is None
    assert resolve_event_date(text, utc) == pd.Timestamp("2021-09-01", tz="UTC")
