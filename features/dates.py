"""Event dates in reporting, resolved against the publication date.

"on Wednesday", "Monday morning", "over the weekend", "last week", "yesterday",
"3 days ago", "10 July 2016", "July 10". Semantics follow dateparser with
``RELATIVE_BASE=published`` and ``PREFER_DATES_FROM='past'``, with one fix: the
publication's own weekday means the publication day itself, not a week earlier
(dateparser resolves it a week early; see STACK.md). Implemented with compiled
regular expressions because dateparser costs milliseconds a call, too slow for
every sentence; a test checks agreement with dateparser on the other weekdays.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

import pandas as pd

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
EXPLICIT_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + _YEAR + r"\b", re.IGNORECASE),
]
WEEKDAY_RE = re.compile(r"\b(?P<last>last\s+|this\s+|next\s+|on\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:'?s|’s)?\b", re.IGNORECASE)
RELATIVE_PATTERNS = [
    (re.compile(r"\b(?:over|at|during)\s+the\s+(?:past\s+|last\s+)?weekend\b|\bthis\s+(?:past\s+)?weekend\b|\blast\s+weekend\b", re.IGNORECASE), "weekend"),
    (re.compile(r"\bearlier\s+this\s+week\b|\bthis\s+week\b", re.IGNORECASE), "this_week"),
    (re.compile(r"\blast\s+week\b|\ba\s+week\s+ago\b|\bthe\s+previous\s+week\b", re.IGNORECASE), "last_week"),
    (re.compile(r"\blast\s+month\b|\ba\s+month\s+ago\b", re.IGNORECASE), "last_month"),
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday)\b", re.IGNORECASE), "day_before_yesterday"),
    (re.compile(r"\byesterday\b|\blast\s+night\b", re.IGNORECASE), "yesterday"),
    (re.compile(r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|\bearlier\s+today\b", re.IGNORECASE), "today"),
    (re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago\b", re.IGNORECASE), "days_ago"),
]
# A date expression holds one of these (lowercase) substrings, or a "2016-07" year and month. 'day' stands for the
# weekday names, 'yesterday' and 'today', 'week' for 'weekend', 'night' for 'tonight': fewer tests for a text without.
_DATE_KEYWORDS = (
    "day", "week", "month", "night", "morning", "afternoon", "evening", "ago", "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
)
_YEAR_DASH = re.compile(r"\d{4}-\d\d")
_DIGIT = re.compile(r"\d")
# Substrings a pattern cannot match without: a cheap test before running the regular expression.
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_KEYWORDS = {
    "weekend": ("weekend",), "this_week": ("this week",), "last_week": ("week",), "last_month": ("month",),
    "day_before_yesterday": ("yesterday",), "yesterday": ("yesterday", "last night"),
    "today": ("today", "this morning", "this afternoon", "this evening", "tonight"), "days_ago": (" ago",),
}
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def resolve_event_date(text: str, published: pd.Timestamp | None) -> pd.Timestamp | None:
    """Resolve the first date expression in ``text`` against the publication date.

    Args:
        text: a clause or sentence.
        published: publication time (tz-aware or naive, taken as UTC); None leaves relative
            expressions unresolved but explicit dates with a year still resolve.

    Returns:
        Midnight UTC of the event day, or None when the text has no resolvable date.
    """
    lower = text.lower()
    if not (_holds_any(lower, _DATE_KEYWORDS) or ("-" in text and _YEAR_DASH.search(text))):
        return None
    base = _base_day(published)
    found = find_date_expressions(text, lower)
    for _, _, kind, match in found:
        resolved = _resolve(kind, match, base)
        if resolved is not None:
            return resolved
    return None


def _holds_any(lower: str, words: tuple[str, ...]) -> bool:
    """True when one of ``words`` occurs in ``lower`` (a plain loop: cheaper than ``any`` over a generator)."""
    for word in words:
        if word in lower:
            return True
    return False


def find_date_expressions(text: str, lower: str | None = None) -> list[tuple[int, int, str, re.Match]]:
    """All date expressions in ``text`` as (start, end, kind, match), in order of position.

    ``lower`` is ``text.lower()`` when the caller has it already.
    """
    found: list[tuple[int, int, str, re.Match]] = []
    lower = text.lower() if lower is None else lower
    dash, month = "-" in text, _holds_any(lower, _MONTH_STEMS)  # explicit dates need one or the other ...
    if (dash or month) and _DIGIT.search(text):  # ... and a day number
        if dash:
            found.extend((m.start(), m.end(), "explicit", m) for m in EXPLICIT_PATTERNS[0].finditer(text))
        if month:
            found.extend((m.start(), m.end(), "explicit", m) for m in EXPLICIT_PATTERNS[1].finditer(text))
            found.extend((m.start(), m.end(), "explicit", m) for m in _matches_at(EXPLICIT_PATTERNS[2], text, lower, _month_starts(lower)))
    for pattern, kind in _relative_patterns_present(lower):
        found.extend((m.start(), m.end(), kind, m) for m in pattern.finditer(text))
    weekday_starts = _weekday_starts(lower) if "day" in lower else None  # empty when no weekday name occurs
    if weekday_starts:
        found.extend((m.start(), m.end(), "weekday", m) for m in _matches_at(WEEKDAY_RE, text, lower, weekday_starts))
    if len(found) < 2:  # nothing to order or to drop
        return found
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept: list[tuple[int, int, str, re.Match]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


_RELATIVE_BY_KIND = {kind: pattern for pattern, kind in RELATIVE_PATTERNS}


def _relative_patterns_present(lower: str) -> list[tuple[re.Pattern, str]]:
    """The relative patterns whose keywords (``_RELATIVE_KEYWORDS``) occur in ``lower``, in ``RELATIVE_PATTERNS``
    order; plain substring tests, most patterns ruled out by one shared test ('week', 'yesterday')."""
    present = []
    if "week" in lower:  # 'weekend' and 'this week' contain it
        if "weekend" in lower:
            present.append("weekend")
        if "this week" in lower:
            present.append("this_week")
        present.append("last_week")
    if "month" in lower:
        present.append("last_month")
    yesterday = "yesterday" in lower
    if yesterday:
        present.append("day_before_yesterday")
    if yesterday or "last night" in lower:
        present.append("yesterday")
    if "today" in lower or "tonight" in lower or "this morning" in lower or "this afternoon" in lower or "this evening" in lower:
        present.append("today")
    if " ago" in lower:
        present.append("days_ago")
    return [(_RELATIVE_BY_KIND[kind], kind) for kind in present]


def _occurrences(lower: str, words) -> list[int]:
    """Every position where one of ``words`` occurs in ``lower``."""
    positions = []
    for word in words:
        position = lower.find(word)
        while position >= 0:
            positions.append(position)
            position = lower.find(word, position + 1)
    return positions


def _month_starts(lower: str) -> list[int]:
    """Where a month-first date ('July 10') can start: at a month name. Every name in ``MONTHS`` starts with one of
    ``_MONTH_STEMS``, each a name itself, so their occurrences are the same positions (12 scans instead of 24)."""
    return _occurrences(lower, _MONTH_STEMS)


_WEEKDAY_MODIFIERS = ("last", "this", "next", "on")
# What comes before 'day' in each weekday name ('mon', 'tues', ...), by its last three letters (all different).
_WEEKDAY_STEM_BY_ENDING = {weekday[:-3][-3:]: weekday[:-3] for weekday in WEEKDAYS}


def _weekday_positions(lower: str) -> list[int]:
    """Where a weekday name occurs in ``lower``: one scan for 'day' (in every weekday name), then a test of the one
    stem the three letters before it allow (cheaper than seven scans; weekday names cannot overlap, so none is missed)."""
    positions = []
    end = lower.find("day")
    while end >= 0:
        stem = _WEEKDAY_STEM_BY_ENDING.get(lower[max(end - 3, 0):end])
        if stem is not None and lower.endswith(stem, 0, end):
            positions.append(end - len(stem))
        end = lower.find("day", end + 3)
    return positions


def _weekday_starts(lower: str) -> list[int]:
    """Where a weekday expression can start: at a weekday name, or at 'last'/'this'/'next'/'on' and spaces before it."""
    starts = []
    for position in _weekday_positions(lower):
        starts.append(position)
        before_end = position  # end of the text before the name with its trailing whitespace stripped (no slice copy)
        while before_end and lower[before_end - 1].isspace():
            before_end -= 1
        if before_end < position:
            for word in _WEEKDAY_MODIFIERS:
                if lower.endswith(word, 0, before_end):
                    starts.append(before_end - len(word))
    return starts


def _matches_at(pattern: re.Pattern, text: str, lower: str, starts: list[int]) -> list[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose matches can only begin at ``starts``: anchored tries at those
    positions instead of a scan of every character (the same matches, far cheaper for case-insensitive patterns)."""
    if len(lower) != len(text):  # lowercasing moved offsets: scan
        return list(pattern.finditer(text))
    matches: list[re.Match] = []
    resume = 0
    for start in sorted(set(starts)):
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            matches.append(match)
            resume = max(match.end(), start + 1)
    return matches


def _base_day(published: pd.Timestamp | None) -> pd.Timestamp | None:
    """``publication_day(published)``, None when ``published`` is missing (None or NaT)."""
    return None if published is None or pd.isna(published) else publication_day(published)


@lru_cache(maxsize=4096)
def publication_day(timestamp: pd.Timestamp) -> pd.Timestamp:
    """Midnight UTC of the day of ``timestamp`` (naive times are taken as UTC); cached, articles share days."""
    stamp = pd.Timestamp(timestamp)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.normalize()


def _resolve(kind: str, match: re.Match, base: pd.Timestamp | None) -> pd.Timestamp | None:
    if kind == "explicit":
        return _explicit(match, base)
    if base is None:
        return None
    if kind == "last_month":
        return base - pd.DateOffset(months=1)
    weekday = base.weekday()
    if kind == "weekday":
        back = _weekday_back(match, weekday)
    elif kind == "weekend":
        back = (weekday - 5) % 7 or (0 if weekday == 5 else 7)
    elif kind == "this_week":
        back = weekday
    elif kind == "last_week":
        back = 7
    elif kind == "day_before_yesterday":
        back = 2
    elif kind == "yesterday":
        back = 1
    elif kind == "today":
        back = 0
    elif kind == "days_ago":
        raw = match.group("n").lower()
        back = int(raw) if raw.isdigit() else SMALL_NUMBERS[raw]
    else:
        return None
    return base if back == 0 else _days_before(base, back)


@lru_cache(maxsize=8192)
def _days_before(base: pd.Timestamp, back: int) -> pd.Timestamp:
    """``base`` minus ``back`` days (negative: forward); cached, articles share publication days."""
    # datetime arithmetic, then one Timestamp: pandas Timedelta arithmetic costs tens of microseconds
    return pd.Timestamp(base.to_pydatetime() - timedelta(days=back))


@lru_cache(maxsize=4096)
def _day_after(base: pd.Timestamp) -> pd.Timestamp:
    """``base`` plus one day; cached like ``_days_before``."""
    return base + pd.Timedelta(days=1)


@lru_cache(maxsize=8192)
def _utc_day(year: int, month: int, day: int) -> pd.Timestamp | None:
    """Midnight UTC of a calendar day, or None when there is no such day (31 June); cached."""
    try:
        return pd.Timestamp(year=year, month=month, day=day, tz="UTC")
    except ValueError:
        return None


def _weekday_back(match: re.Match, weekday: int) -> int:
    """Days back to the most recent such weekday on or before the publication day ('last Monday' strictly
    before; 'next Monday' is negative: days forward)."""
    target = WEEKDAYS.index(match.group("weekday").lower())
    back = (weekday - target) % 7
    modifier = (match.group("last") or "").strip().lower()
    if modifier == "last" and back == 0:
        back = 7
    if modifier == "next":
        return -((target - weekday) % 7 or 7)
    return back


def _explicit(match: re.Match, base: pd.Timestamp | None) -> pd.Timestamp | None:
    month_raw = match.group("month")
    if month_raw[0].islower() and month_raw.rstrip(".").lower() in ("may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr", "sept"):
        return None  # "may 5" is the verb, "mar" a word: month abbreviations count only capitalised
    month = int(month_raw) if month_raw.isdigit() else MONTHS[month_raw.lower().rstrip(".")]
    day = int(match.group("day"))
    year_raw = match.group("year")
    if year_raw is None and base is None:
        return None
    year = int(year_raw) if year_raw else base.year
    stamp = _utc_day(year, month, day)
    if stamp is None:
        return None
    if year_raw is None and base is not None and stamp > _day_after(base):
        return _utc_day(year - 1, month, day)
    return stamp
