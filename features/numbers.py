"""Numbers and quantities in reporting: "at least 40 Taliban fighters were killed", "dozens", "30 to 40".

Plain Python on a light word tokenisation (no spaCy), so it can be property-tested
alone and stays fast. ``parse_number`` reads one number expression;
``find_quantities`` finds every counted quantity in a clause with its
approximator, the noun phrase it counts and the outcome (killed, injured, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count

UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12,
    "couple": 2, "pair": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plural number words: (lower bound, approximator word kept as written).
VAGUE = {"dozens": 24.0, "scores": 40.0, "tens": 20.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2_000_000.0}
APPROXIMATORS = [
    "no fewer than", "no less than", "as many as", "upwards of", "more than", "less than", "fewer than", "close to",
    "an estimated", "at least", "at most", "up to", "around", "about", "approximately", "nearly", "almost", "over",
    "some", "roughly", "estimated", "some", "more", "under",
]
# Words after a number that make it a time span, a date, a distance or an age, not a counted quantity.
NOT_COUNTED = {
    "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year", "minutes", "minute", "seconds",
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters", "m", "am", "pm",
    "a.m", "p.m", "o'clock", "per", "times", "th", "st", "nd", "rd", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "of", "gmt", "utc", "local", "year-old",
    # areas, weights and volumes are measures too ('1200 square kilometres', '40 tonnes')
    "square", "sq", "hectares", "acres", "tons", "tonnes", "kg", "kilograms", "kilos", "litres", "liters", "feet", "ft", "cm", "mm",
}
# Words before a number that make it no count: nouns it names one of ('resolutions 2118 and 2235', 'article 140', 'Route
# 60', 'page 3'), and dates, ages and page furniture ('since 2011', 'aged 15', 'UTC 3', 'Views 1430').
IDENTIFIER_NOUNS = frozenset({
    "resolution", "resolutions", "decree", "decrees", "law", "no", "nos", "number", "numbers", "article", "articles", "paragraph", "paragraphs", "clause",
    "clauses", "chapter", "chapters", "section", "sections", "page", "pages", "route", "highway", "flight", "room", "gate",
    "since", "year", "views", "+", "utc", "gmt", "url", "aged",
    # military units and sites named by number ('Brigade 93', 'base 17', 'Division 4')
    "brigade", "division", "regiment", "battalion", "base", "corps", "squadron",
})
# Identifier words before a number that stay a date or an age with an approximator between ('since about 2011', 'aged about 15').
DATE_OR_AGE_BEFORE = frozenset({"since", "year", "aged"})
# Nouns of a page's gallery or comment counter, written in brackets with their number ('Slideshow (3 Images)', '(12 Comments)'):
# page furniture, not a count the text asserts.
GALLERY_NOUNS = frozenset({"images", "photos", "pictures", "photographs", "videos", "comments"})
# Words after 'N times' that make it a multiplier ('three times more'), not a count of events ('breached it 677 times').
MULTIPLIER_NEXT = frozenset({"more", "less", "fewer", "higher", "lower", "larger", "bigger", "greater", "smaller", "as", "the", "that", "what", "over"})
# Words before a scale word that make it vague like the scale's plural: 'several hundred' (200, as 'hundreds'), 'a few
# thousand' (2000), 'many thousands'.
SEVERAL_WORDS = frozenset({"several", "few", "many"})
# Percent signs and words: '70%', '60 percent' are counted, as a share ('percent').
PERCENT_WORDS = frozenset({"percent", "%"})  # and 'per cent'
# Singular units that make 'N-unit' a span or a measure ('24-hour', '5-km'); any other noun is counted ('a 48-truck convoy').
HYPHEN_MEASURES = frozenset({
    "hour", "day", "week", "month", "year", "minute", "second", "km", "kilometre", "kilometer", "mile", "metre", "meter", "m",
    "kg", "ton", "tonne", "foot", "feet", "inch", "mm", "cm", "year-old", "old", "point", "page", "fold", "way", "sided",
    "storey", "story", "star", "lane", "th", "st", "nd", "rd", "time", "odd",
})
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# Words that end a counted noun phrase.
NOUN_STOP = {
    "were", "was", "are", "is", "have", "has", "had", "be", "been", "being", "and", "or", "but", "in", "on", "at", "by",
    "to", "for", "from", "with", "after", "during", "when", "while", "as", "that", "who", "which", "into", "near",
    "since", "including", "among", "amid", "across", "inside", "outside", "than", "the", "said", "says", "reportedly",
    "this", "a", "an", "lost", "shot", "last", "yesterday", "today", "overnight", "killed", "injured", "wounded", "dead", "died", "destroyed",
    "captured", "of", "more", "other", "others", "all", "also", "according", "between", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mostly", "most", "some", "many", "them", "it", "they", "whom", "whose", "where", "while",
    # page furniture that scraped articles run into the text ('Print Tweet Views 1430 Related ...')
    "related", "print", "tweet", "views", "share", "email",
    # modal verbs: the count's predicate starts ('eight air strikes could ...', '470000 may have died')
    "may", "might", "could", "would", "will", "can", "cannot", "should", "must",
}
# Words after 'may' that make it the modal verb, not the month ('470000 may have died', not '21 May').
MODAL_NEXT = frozenset({"have", "be", "not", "well", "also", "still", "never", "soon", "rise", "reach", "die", "exceed"})
# Months written short with a full stop before the day ('Jan. 25'); not 'may', 'june', 'july', which end sentences as words.
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# Compass words: before 'of' they end a counted noun ('six bombers west of Kirkuk').
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west"})
# Nouns of people: 'destroyed 60 terrorists' kills them ('destroyed' is for materiel).
PERSON_NOUNS = frozenset({
    "people", "persons", "civilians", "terrorists", "militants", "fighters", "gunmen", "soldiers", "troops", "rebels",
    "insurgents", "jihadists", "members", "children", "women", "men", "militiamen", "mercenaries", "officers", "personnel",
    "policemen", "recruits", "extremists", "attackers", "combatants", "snipers", "commanders", "leaders", "individuals",
    "volunteers", "residents", "others", "guards", "pilots", "operatives", "elements",
})
# Counted nouns of events: an attack has no outcome of its own ('conducted 18 strikes and destroyed 13 positions': the
# strikes are counted, '18', not destroyed).
EVENT_NOUNS = frozenset({"strikes", "airstrikes", "raids", "attacks", "bombings", "explosions", "blasts", "sorties", "incidents"})
# Counted nouns of ground: a place taken is territory, counted without an outcome ('rebels captured three villages': '3').
GROUND_NOUNS = frozenset({"villages", "towns", "cities", "provinces", "regions", "districts", "neighborhoods", "neighbourhoods", "areas", "zones", "locations"})
# Nouns of attacks, weapons, vehicles and places: they kill or are hit, they are never killed or injured themselves.
THING_NOUNS = EVENT_NOUNS | GROUND_NOUNS | frozenset({
    "bombs", "shells", "rockets", "missiles", "mortars", "barrels", "grenades", "vehicles", "tanks", "trucks", "cars", "buses",
    "buildings", "houses", "homes", "positions", "targets", "sites", "hospitals", "schools", "markets", "checkpoints",
})
_HARM_OUTCOMES = frozenset({"killed", "injured", "casualties"})
# Outcomes only people have: a count of attacks, weapons, vehicles or places is never displaced or missing either ('1000
# families arrived in the two cities and registered as displaced': the cities are counted, '2', not displaced).
_PEOPLE_OUTCOMES = _HARM_OUTCOMES | {"displaced", "missing", "evacuated", "surrendered"}
_TAKEN_OUTCOMES = frozenset({"captured", "seized"})
# Counted nouns that are the dead themselves: their outcome is killed whatever follows ('claimed 20 lives', '6 Martyrs 22 Injured').
DEATH_NOUNS = {"lives": "killed", "martyrs": "killed", "bodies": "killed", "corpses": "killed", "fatalities": "killed", "deaths": "killed",
               "body": "killed", "martyr": "killed", "corpse": "killed", "fatality": "killed"}  # 'unearthed one body'
# Prepositions after which 'one' is a determiner, not a count ('from one family', 'in one day'), unless an outcome is
# before ('the death of one soldier').
ONE_AFTER = frozenset({"of", "from", "in", "on", "at", "into", "within", "for", "by"})
# Outcome verbs whose object 'one of ...' is a count of one ('killed one of their activists', 'wounding one of the guards').
ONE_OF_OUTCOME_VERBS = frozenset({"killed", "killing", "kills", "kill", "wounded", "wounding", "wounds", "injured", "injuring", "injures",
                                  "executed", "executing", "beheaded", "abducted", "kidnapped", "arrested", "detained", "captured"})
# Words before a number that make a count without an outcome a reference to a known group ('one of the three main towns',
# 'against the two organizations'), not a claim of a count.
DEFINITE_BEFORE = frozenset({"the", "its", "their", "these", "those", "both", "his", "her", "our", "my", "your"})
# Fractions read before a scale word: 'a quarter of a million', 'half a million', 'three quarters of a million'.
FRACTIONS = {"quarter": 0.25, "quarters": 0.25, "half": 0.5, "third": 1 / 3, "thirds": 1 / 3}
# Words right before a number that put it on a death toll: verbs ('the death toll ... has reached 20 people') and the
# copula or preposition that may follow them ('the toll is 20', 'stood at 20', 'rose to 45').
TOLL_VERBS = frozenset({"reached", "reach", "reaches", "rose", "risen", "rises", "climbed", "climbs", "stood", "stands", "hit", "hits", "jumped", "increased", "is", "was", "at", "to"})
# Words after which the number is the outcome's object ('claiming the lives of 15 people'); extract.py also reads them
# as the object that makes 'claiming' a casualty idiom, not a report.
KILLED_OF = frozenset({"lives", "life"})
# Words before 'of' that make the count after it missing ('the fate of 250 others is unknown', 'the whereabouts of 12 aid workers').
MISSING_OF = frozenset({"fate", "whereabouts"})
# Verbs right before a count that make it the dead when no outcome follows ('Rocket Shells Claim 9 Civilians'); with an
# outcome after the count ('claiming 60 fighters were killed') that outcome is taken first.
CLAIM_VERBS = frozenset({"claim", "claims", "claimed", "claiming"})
# Verbs right before a count of people that make them the side's dead ('Damascus lost more than 40 troops').
LOSS_VERBS = frozenset({"lost", "lose", "loses", "losing"})
_TAKEN = frozenset({"taken", "took", "take", "taking", "takes"})  # 'taken prisoner', 'took hostages'
# Two-word outcomes, by their last word: (words before it, outcome).
PHRASE_OUTCOMES = {"down": (frozenset({"shot", "shoot", "shooting", "shoots", "brought", "bringing"}), "destroyed"),
                   "lives": (frozenset({"their", "his", "her"}), "killed"),
                   "martyrs": (frozenset({"as"}), "killed"),  # 'Twenty-five people fell as martyrs'
                   "prisoner": (_TAKEN, "captured"), "prisoners": (_TAKEN, "captured"), "hostage": (_TAKEN, "captured"), "hostages": (_TAKEN, "captured")}
# Words after a comma that keep the clause going when looking for a count's outcome: an inserted phrase ('including three
# children,', 'most of them women,') or the predicate after it ('..., were killed').
COMMA_CONTINUES = frozenset({"including", "among", "mostly", "mainly", "most", "many", "some", "all", "were", "was", "are", "is", "have", "has", "had"})
QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’"})
OPENING_BRACKETS, CLOSING_BRACKETS = frozenset({"(", "["}), frozenset({")", "]"})  # an aside in brackets does not end a count's clause
# Nouns before 'of' that make the bare number after them a count of people ('a population of 165000').
GROUP_SIZE_NOUNS = frozenset({"population"})
# Words after 'N of' that make it a part of a counted group ('ten of those killed', 'two of them', '3 of the 5').
PARTITIVE_OF_NEXT = frozenset({"the", "those", "them", "these", "whom", "its", "their", "his", "her", "our"})  # '34 of his comrades'
PRONOUN_NOUNS = {"them", "it", "they", "which", "whom", "us", "these", "those"}
# dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy dates and hh:mm times are not counts: blanked before reading numbers
# A year written in digits, as a whole word (a clock time may follow it in a dateline).
YEAR_WORD = re.compile(r"(?:19|20)\d\d$")
DATE_OR_TIME = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
# Every match of DATE_OR_TIME holds a digit, a separator and a digit: a cheap scan before the full pattern.
_DATE_OR_TIME_HINT = re.compile(r"\d[-/.:]\d")
# Links are not counts either, also as scraped pages keep them with their slashes and colons stripped
# ('httpst.co5rT60NqJDk', 'pic.twitter.comU0hIN7a1BO'): a whitespace-delimited chunk holding one of these is blanked.
LINK_MARKERS = ("http", "www.", "twitter.com", "t.co")
_CHUNK = re.compile(r"\S+")
DEFAULT_OUTCOMES = {
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed", "dead": "killed", "died": "killed",
    "die": "killed", "dies": "killed", "dying": "killed", "wound": "injured",  # verbs that end a counted noun ('40 Syrians die')
    "martyrdom": "killed", "execution": "killed",  # 'resulting in the martyrdom of 3 citizens', 'the execution of 17 men' (a count's outcome only: 'the execution of the pilot' is no casualty claim)
    "deaths": "killed", "death": "killed", "slain": "killed", "martyred": "killed", "executed": "killed",
    "injured": "injured", "injuring": "injured", "wounds": "injured", "injury": "injured", "injuries": "injured", "wounded": "injured",
    "wounding": "injured", "injure": "injured", "injures": "injured", "hurt": "injured", "destroyed": "destroyed", "destroying": "destroyed",
    "captured": "captured", "arrested": "captured", "detained": "captured", "seized": "seized", "abducted": "captured",
    # symptoms of a chemical attack ('33 people suffered from breathing difficulties', '30 cases of asphyxiation')
    "suffocation": "injured", "suffocated": "injured", "suffocating": "injured", "asphyxiation": "injured", "asphyxia": "injured",
    "asphyxiated": "injured", "dyspnea": "injured", "dyspnoea": "injured", "breathing": "injured",
    "kidnapped": "captured", "displaced": "displaced", "fled": "displaced", "flee": "displaced", "flees": "displaced", "fleeing": "displaced",
    "uprooted": "displaced", "refugees": "displaced", "evacuated": "evacuated", "missing": "missing", "surrendered": "surrendered",
    "unaccounted": "missing",  # 'dozens were unaccounted for'
}
_NOUN_OR_OUTCOME = NOUN_STOP | set(DEFAULT_OUTCOMES)
# A digit group glued to letters ('5rT60NqJDk', '1990s', '3rd', '10km') is one word, and not a number.
WORD_RE = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[A-Za-z][A-Za-z\d]*)?|[A-Za-z][A-Za-z'’\-]*|[^\sA-Za-z\d]")


Word = tuple  # (text, lower, start, end): plain tuples, the cheapest record in CPython
TEXT, LOWER, START, END = 0, 1, 2, 3


# A number written with a space (or a no-break or thin space) between its thousands groups ('nearly 200 000 civilians',
# '1 500 000'): a first group of one to three digits not starting with 0, then groups of exactly three digits. Not after a
# digit group, a month or a day number ('July 5 200 people', 'in 2015 300 people' are two numbers: the pattern cannot
# start inside '2015'), nor before a short number in a list ('the 101 102 and 103 gas fields'; but 'between 10 000 and 12 000').
_SPACED_THOUSANDS = re.compile(r"(?<![\d,.])\b[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+\b(?![,.]?\d|\s*(?:,|and|or|to|-)\s*\d{1,3}\b(?![ \u00a0\u202f]\d{3}))")
_THOUSANDS_SPACES = str.maketrans({" ": ",", "\u00a0": ",", "\u202f": ","})
_BEFORE_WORD = re.compile(r"([A-Za-z]+)\W*$")
_DIGIT_SPACE_DIGIT = re.compile(r"\d[ \u00a0\u202f]\d")  # any digit, space, digit: the cheap test before _SPACED_THOUSANDS


def _comma_thousands(match: re.Match) -> str:
    """The spaced number with commas for its spaces (same length), unless a month name stands right before it."""
    before = _BEFORE_WORD.search(match.string, max(0, match.start() - 12), match.start())
    if before and before.group(1).lower() in MONTHS:
        return match.group()
    return match.group().translate(_THOUSANDS_SPACES)


def spaced_thousands_as_commas(text: str) -> str:
    """``text`` with the spaces inside numbers written with spaced thousands groups made commas ('200 000' ->
    '200,000'), so they read as one number; every other character stays where it was. A digit and a space must be
    followed by a digit for any to be made (one substring-free regex search rules most texts out)."""
    return _SPACED_THOUSANDS.sub(_comma_thousands, text) if _DIGIT_SPACE_DIGIT.search(text) else text


def tokenize_words(text: str) -> list[Word]:
    """Split text into words, digit groups and punctuation: (text, lower, start, end) tuples."""
    lowered = text.lower()
    return [(text[m.start():m.end()], lowered[m.start():m.end()], m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _word_texts(text: str) -> list[str]:
    """``WORD_RE.findall(text)``, cheaper: no word spans whitespace (``str.split`` and the pattern's ``\\s`` use the same
    whitespace test) and the pattern has no lookaround, so each whitespace-delimited chunk is read alone, and a chunk
    of ASCII letters only (most of them) is one word without running the pattern."""
    found: list[str] = []
    append, extend, findall = found.append, found.extend, WORD_RE.findall
    for chunk in text.split():
        if chunk.isascii() and chunk.isalpha():
            append(chunk)
        else:
            extend(findall(chunk))
    return found


def _word_starts(text: str, found: list[str], upto: int, starts: list[int] | None = None) -> list[int]:
    """Character offset of each word text in ``found`` up to index ``upto``, found in order with ``str.find``
    (cheaper than match objects for every word); ``starts`` already found are extended in place."""
    starts = [] if starts is None else starts
    position = starts[-1] + len(found[len(starts) - 1]) if starts else 0
    find, append = text.find, starts.append  # bound once: this loop runs for every word before the last quantity
    for word in found[len(starts):upto + 1]:
        position = find(word, position)
        append(position)
        position += len(word)
    return starts


def parse_number(text: str) -> float | None:
    """Read one number written in digits or words.

    Args:
        text: "40", "1,200", "2.5 million", "forty-five", "four", "a dozen", "dozens", "three hundred".

    Returns:
        The value as a float (vague plurals give a lower bound: "dozens" -> 24), or None when
        the text is not a number.
    """
    words = tokenize_words(spaced_thousands_as_commas(text.strip()))
    if not words:
        return None
    value, used = _read_number(words, 0)
    return value if used == len(words) else None


def is_round_number(value: float) -> bool:
    """True for numbers a speaker rounds to: multiples of 10 from 10 up, multiples of 5 from 50 up, or 100s/1000s."""
    if value != value or value < 10 or value != int(value):  # NaN, small or fractional: precise
        return False
    return value % 10 == 0 or (value >= 50 and value % 5 == 0)


def _digits(text: str) -> float | None:
    cleaned = text.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


# Words a number written in words is read from, alone or hyphenated ('forty-five'); 'a dozen' and 'a hundred' are read
# before, and 'a', 'no', 'couple', 'pair', 'single', 'dozen' do not continue a number.
_WORD_NUMBER_PARTS = frozenset(TENS) | frozenset(SCALES) | (frozenset(UNITS) - {"a", "an", "no", "couple", "pair", "single", "dozen"})


def _read_number(words: list[Word], index: int) -> tuple[float | None, int]:
    """Read a number starting at ``words[index]``; return (value, index after it)."""
    if index >= len(words):
        return None, index
    first = words[index][LOWER]
    if first[0].isdigit():  # tested first: most numbers are digit groups (no vague word or 'a' starts with a digit)
        value = _digits(words[index][TEXT])
        if value is None:
            return None, index
        index += 1
        if index < len(words) and words[index][LOWER] in ("million", "billion", "thousand"):
            value *= SCALES[words[index][LOWER]]
            index += 1
        return value, index
    if first in VAGUE:
        return VAGUE[first], index + 1
    if first == "dozen":  # 'a dozen', 'half a dozen' (the 'a' and the fraction are read before it by _find_numbers)
        return float(UNITS["dozen"]), index + 1
    if first == "a" and index + 1 < len(words) and words[index + 1][LOWER] in ("dozen", "hundred", "thousand", "million"):
        value = UNITS["a dozen"] if words[index + 1][LOWER] == "dozen" else SCALES[words[index + 1][LOWER]]
        return float(value), index + 2
    total, current, position, seen = 0.0, 0.0, index, False
    while position < len(words):
        word = words[position][LOWER]
        if word in ("-", "and") and seen and position + 1 < len(words) and _is_number_word(words[position + 1][LOWER]):
            position += 1
            continue
        parts = word.split("-") if "-" in word else [word]
        if not _WORD_NUMBER_PARTS.issuperset(parts):
            break
        for part in parts:
            if part in TENS or part in UNITS:
                current += TENS.get(part, UNITS.get(part, 0))
            elif part in SCALES:
                scale = SCALES[part]
                current = max(current, 1.0) * scale
                if scale >= 1000:
                    total, current = total + current, 0.0
        seen, position = True, position + 1
    if not seen:
        return None, index
    return total + current, position


_NUMBER_WORDS = (set(UNITS) | set(TENS) | set(SCALES)) - {"a", "an", "no"}
_NUMBER_STARTS = _NUMBER_WORDS | set(VAGUE)
# First characters a number word or digit group can start with: a cheap test before the full one.
_NUMBER_INITIALS = frozenset("0123456789") | {word[0] for word in _NUMBER_STARTS | {"a"}}
# Words that never start a counted number ('a', 'single', 'couple', 'pair': 'a dozen' is read from 'dozen').
_NEVER_COUNTED = frozenset({"a", "an", "no", "single", "couple", "pair"})
_CANDIDATE_WORDS = frozenset(_NUMBER_STARTS - _NEVER_COUNTED)
_ASCII_DIGITS = frozenset("0123456789")


def _may_start_number(lower: str) -> bool:
    """A digit group, a number word that may start a count, or a hyphenated number word ('forty-five', not
    'al-Assad'); never one of ``_NEVER_COUNTED``."""
    if lower in _CANDIDATE_WORDS or lower[0] in _ASCII_DIGITS:
        return True
    return "-" in lower and lower[0] in _NUMBER_INITIALS and _is_number_word(lower)


class BoundedMemo(dict):
    """key -> ``compute(key)``, filled on first sight (for a result that depends on the key alone); emptied when it
    outgrows ``limit``, so a long-running process that meets ever new keys keeps it bounded."""

    def __init__(self, compute, limit: int):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value


_STARTS_NUMBER = BoundedMemo(_may_start_number, 200_000)  # lowercase word -> whether a number may start at it


def _number_candidates(lowers: list[str]) -> list[int]:
    """Indices of the words (given lowercase) a number can start at: one dictionary lookup per word, no Python loop."""
    return list(compress(count(), map(_STARTS_NUMBER.__getitem__, lowers)))


def _is_number_word(word: str) -> bool:
    if "-" not in word:
        return word in _NUMBER_WORDS
    parts = word.split("-")
    return all(part in TENS or part in UNITS or part in SCALES for part in parts) and word not in ("a", "an", "no")


@dataclass(slots=True)
class _Number:
    value: float
    value_max: float | None
    approximator: str | None
    start_index: int
    end_index: int  # exclusive, words


def _find_numbers(words: list[Word], lowers: list[str], candidates: list[int]) -> list[_Number]:
    """The counted numbers starting at ``candidates`` (word indices, ascending), in order; numbers read as a date,
    a time, a span or a measure (``_is_date_or_span``) are skipped. ``lowers`` holds each word's lowercase form
    (the tests below read only those)."""
    found: list[_Number] = []
    index, n_words = 0, len(lowers)
    for candidate in candidates:
        if candidate < index:
            continue
        index = candidate
        word = lowers[index]  # a digit group or a number word, never one of _NEVER_COUNTED (_may_start_number)
        if word == "one" and index + 1 < n_words:
            following = lowers[index + 1]
            if (following == "of" and not (index and lowers[index - 1] in ONE_OF_OUTCOME_VERBS)) or following == "another" or (
                following == "hand" and index > 0 and lowers[index - 1] in ("the", "on")
            ):
                continue  # 'one of', 'one another', 'on the one hand'; but 'killed one of their activists' counts one killed
        value, after = _read_number(words, index)
        if value is None or after == index:
            continue
        if after < n_words and lowers[after] == "dozen" and word != "dozen":
            value, after = value * UNITS["dozen"], after + 1  # 'two dozen people' (24)
        value_max, end = None, after
        if after + 1 < n_words and lowers[after] in ("to", "-", "or", "and") and (lowers[after + 1][0].isdigit() or _is_number_word(lowers[after + 1])):
            upper, upper_end = _read_number(words, after + 1)
            if upper is not None and upper > value:
                value_max, end = upper, upper_end
        plus = end < n_words and lowers[end] == "+"
        if plus:
            end += 1  # '35+ dead': the lower bound, as 'at least 35'
        start = index
        if (word in SCALES or word == "dozen") and index >= 1 and lowers[index - 1] in ("a", "an"):
            fraction, n_fraction_words = _fraction_before(lowers, index)
            value, start = value * fraction, index - max(n_fraction_words, 1)  # 'a dozen', 'half a dozen', 'a quarter of a million'
        several = ""
        if (word in SCALES or word == "dozen") and index >= 1 and lowers[index - 1] in SEVERAL_WORDS and start == index:
            several = "a few" if lowers[index - 1] == "few" and index >= 2 and lowers[index - 2] == "a" else lowers[index - 1]
            value, start = value * 2, index - len(several.split())  # 'several hundred' is 'hundreds' (200), 'a few thousand' 2000
        if word in VAGUE and end + 1 < n_words and lowers[end] == "of" and lowers[end + 1][:-1] in SCALES and lowers[end + 1][-1] == "s":
            value, end = value * SCALES[lowers[end + 1][:-1]], end + 2  # 'tens of thousands' (20,000), 'hundreds of thousands'
        # most numbers follow no approximator's last word: one set test before the call
        approximator = _approximator_before(lowers, start) if start and lowers[start - 1] in _APPROXIMATOR_LAST else None
        if approximator == "between" and value_max is None:
            approximator = None
        approximated = bool(approximator)
        if approximator:
            start -= len(approximator.split())
        if word in VAGUE or several:
            approximator = approximator or (word if word in VAGUE else several)
        if plus:
            approximator = approximator or "at least"
        start = max(start, 0)
        if not _is_date_or_span(lowers, value, value_max, start, end, approximated):  # dates and spans are not counts: no record
            found.append(_Number(value, value_max, approximator, start, end))
        index = end
    return found


def _fraction_before(lowers: list[str], index: int) -> tuple[float, int]:
    """The fraction written before the scale word ``index`` and how many words it takes: 'a quarter of a million' (0.25,
    4), 'half a million' (0.5, 2), 'three quarters of a million' (0.75, 4); (1.0, 0) when there is none. The caller has
    seen 'a'/'an' right before the scale word."""
    if index < 2:
        return 1.0, 0
    before = lowers[index - 2]
    if before in FRACTIONS:  # 'half a million'
        return FRACTIONS[before], 2 + (index >= 3 and lowers[index - 3] in ("a", "one"))
    if before != "of" or index < 3 or lowers[index - 3] not in FRACTIONS:
        return 1.0, 0
    fraction, n_words = FRACTIONS[lowers[index - 3]], 3
    if index >= 4 and lowers[index - 4] in ("a", "one", "two", "three"):
        fraction, n_words = fraction * (1 if lowers[index - 4] in ("a", "one") else UNITS[lowers[index - 4]]), 4
    return fraction, n_words


_APPROXIMATOR_PARTS = [(phrase, tuple(phrase.split())) for phrase in APPROXIMATORS + ["between"]]
_APPROXIMATOR_LAST = {parts[-1] for _, parts in _APPROXIMATOR_PARTS}


_APPROXIMATORS_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _phrase, _parts in _APPROXIMATOR_PARTS:
    _APPROXIMATORS_BY_LAST.setdefault(_parts[-1], []).append((_phrase, _parts))


def _approximator_before(lowers: list[str], index: int) -> str | None:
    """The approximator phrase ('at least', 'nearly', 'between') ending right before word ``index``, or None."""
    if index == 0:
        return None
    for phrase, parts in _APPROXIMATORS_BY_LAST.get(lowers[index - 1], ()):
        if index - len(parts) >= 0 and (len(parts) == 1 or tuple(lowers[index - len(parts):index]) == parts):
            return phrase
    return None


def _is_date_or_span(lowers: list[str], value: float, value_max: float | None, start_index: int, end_index: int, approximated: bool) -> bool:
    """True when the number read over words ``start_index`` to ``end_index`` (approximator included; ``lowers`` the
    lowercase words) is a date, a time, a span or a measure rather than a count; ``approximated``: an approximator
    ('more than', 'at least') starts those words, so a month before them is no date's."""
    after = lowers[end_index] if end_index < len(lowers) else ""
    if lowers[end_index - 1] in VAGUE:
        return False
    before = lowers[start_index - 1] if start_index > 0 else ""
    first = lowers[start_index]
    if after == "of" and end_index + 1 < len(lowers) and (
        lowers[end_index + 1] in PARTITIVE_OF_NEXT
        or (before in DEFAULT_OUTCOMES and lowers[end_index + 1] not in MONTHS and lowers[end_index + 1][:1].isalpha())
    ):
        after = ""  # '2 of the', 'ten of those killed', 'six of them'; an outcome's object: 'killed five of Al-Nusra's militants', 'destroyed 14 of IS vehicles'
    if after == "times" and before not in MONTHS and (end_index + 1 >= len(lowers) or (lowers[end_index + 1] not in MULTIPLIER_NEXT and not lowers[end_index + 1].endswith("er"))):
        return False  # a count of events: 'breached it 677 times'; 'three times more', 'four times heavier' stay multipliers
    if before == "(" and (after == ")" or (after in GALLERY_NOUNS and end_index + 1 < len(lowers) and lowers[end_index + 1] == ")")):
        return True  # a lone number in brackets is a page counter or a reference ('Rises (1881) Related'), not a count; nor a gallery's ('Slideshow (3 Images)')
    if after == "per" and end_index + 1 < len(lowers) and lowers[end_index + 1] == "cent":
        return before in IDENTIFIER_NOUNS  # '60 per cent' is a share, counted like '60 percent'
    if after == "may" and end_index + 1 < len(lowers) and lowers[end_index + 1] in MODAL_NEXT:
        after = ""  # '470000 may have died': the modal verb, no date
    if after in NOT_COUNTED or (before in MONTHS and not approximated) or (before in IDENTIFIER_NOUNS and (not approximated or before in DATE_OR_AGE_BEFORE)) or before == "0":  # 'URL 0 46': a page counter
        return True  # a month before an approximator is no date: 'In May more than 60 civilians were killed'; nor is an identifier
        # approximated: 'of this number some 4000 people', 'the tribe who number about 7000' are counts ('since about 2011', 'aged about 15' stay no count)
    if after in ("a", "p") and end_index + 2 < len(lowers) and lowers[end_index + 1] == "." and lowers[end_index + 2] == "m":
        return True  # a clock time written 'by 6 p.m.' (read as 'p', '.', 'm')
    if start_index >= 2 and ((before == "of" and lowers[start_index - 2] in ("age", "ages")) or (before == "." and lowers[start_index - 2] in MONTH_ABBREVIATIONS)):
        return True  # an age ('under the age of 18') or a date after an abbreviated month ('Jan. 25')
    if before in ("and", "or", ",") and start_index >= 3 and lowers[start_index - 3] in IDENTIFIER_NOUNS and lowers[start_index - 2][:1].isdigit():
        return True  # 'resolutions 2165, 2191', 'Brigade 93 and 121': identifiers listed
    if first[0].isdigit() and 1900 <= value <= 2100 and value_max is None and "," not in first:
        return True
    if _clock_digits(first) and _after_dateline_year(lowers, start_index):
        return True  # a clock time after a dateline's year ('13 August 2016 2037 UTC+3', 'Oct 2014 1514', '2014 at 1514', 'Fri Sep 30 2016 102138')
    if after == "-":  # 'a 48-truck convoy', 'a 20-member team' are counts; '24-hour', '10-year-old', '3-0' are not
        following = lowers[end_index + 1] if end_index + 1 < len(lowers) else ""
        return not (first[0].isdigit() and following[:1].isalpha() and following not in HYPHEN_MEASURES and following not in _NOUN_OR_OUTCOME and not following.endswith("-old")
                    and following not in NOT_COUNTED)
    return after.endswith("-old")


def _clock_digits(word: str) -> bool:
    """A clock time with its colons stripped by scraping: 'hhmm', or 'hhmmss' but not a round 'hhm000' ('102138'; a
    round '150000 people' after a date is a count)."""
    if not word.isdigit() or not (len(word) == 4 or (len(word) == 6 and word[3:] != "000" and int(word[4:]) < 60)):
        return False
    return int(word[:2]) < 24 and int(word[2:4]) < 60


def _after_dateline_year(lowers: list[str], index: int) -> bool:
    """Word ``index`` follows a dateline's year, itself after a month or a day number ('Oct 2014 1514', '13 August 2016
    2037'), also with 'at' between ('Sat 04 Oct 2014 at 1514')."""
    if index >= 2 and lowers[index - 1] == "at":
        index -= 1
    if index < 2 or not YEAR_WORD.match(lowers[index - 1]):
        return False
    day_or_month = lowers[index - 2]
    return day_or_month in MONTHS or day_or_month.isdigit() and len(day_or_month) <= 2


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def _blank_links(text: str) -> str:
    """Blank every whitespace-delimited chunk that holds a link marker (``LINK_MARKERS``), case-insensitively."""
    lower = text.lower()
    if not any(marker in lower for marker in LINK_MARKERS):
        return text
    return _CHUNK.sub(lambda match: _blank(match) if any(marker in match.group().lower() for marker in LINK_MARKERS) else match.group(), text)


def find_quantities(text: str, outcomes: dict[str, str] | None = None, offset: int = 0) -> list[dict]:
    """Find counted quantities in a clause.

    Args:
        text: the clause or sentence.
        outcomes: word form -> outcome ("killed" -> "killed", "wounded" -> "injured"); defaults to
            ``DEFAULT_OUTCOMES``. The pack lexicon's casualty notes extend it.
        offset: added to the character offsets returned (position of ``text`` in the article).

    Returns:
        One dict per quantity: value, value_max (upper bound of a range or None), counts (noun phrase
        and outcome: "Taliban fighters killed"), approximator ("at least", "dozens" or None), text (as
        written), start and end (character offsets).
    """
    outcomes = outcomes or DEFAULT_OUTCOMES
    # the digit-separator-digit scan only when a separator occurs at all: four substring tests cost less than the scan
    separator = "-" in text or "/" in text or "." in text or ":" in text
    masked = DATE_OR_TIME.sub(_blank, text) if separator and _DATE_OR_TIME_HINT.search(text) else text
    masked = spaced_thousands_as_commas(masked)  # '200 000' -> '200,000': one number (same length, offsets kept)
    if "." in masked or "http" in masked:
        masked = _blank_links(masked)
    found = _word_texts(masked)
    lowers = [word.lower() for word in found]
    words = list(zip(found, lowers))  # (text, lower): no offsets yet
    starts: list[int] | None = None
    lowered = text.lower()
    toll = "toll" in lowered
    # the next count after 'toll' or 'number of ... killed' is the toll's (two substring tests spare most clauses the search)
    toll_index, toll_outcome = _toll_anchor(lowers, outcomes, toll) if toll or "number" in lowered else (-1, "")
    figure = toll_index < 0 and ("figure at" in lowered or "tally at" in lowered)
    if figure:
        toll_index, toll_outcome = _figure_anchor(lowers)  # 'while the UN puts the figure at 191000': the toll the sentence gave before
    quantities: list[dict] = []
    previous_noun = ""
    previous_outcome, previous_end = "", -1
    previous_own = ""  # the outcome the count before took for itself (``previous_outcome`` is what it passes on)
    for number in _find_numbers(words, lowers, _number_candidates(lowers)):
        if number.start_index and _is_designation(found[number.start_index - 1]):
            continue  # 'SU-24 warplanes', 'MiG-29', 'F-16': a model, not a count
        if lowers[number.start_index] == "one" and number.start_index and lowers[number.start_index - 1] in ONE_AFTER and not (
            number.start_index >= 2 and (lowers[number.start_index - 2] in outcomes or lowers[number.start_index - 2] in KILLED_OF)
        ):
            continue  # 'five civilians of one family', 'in one day': a determiner, not a count
        following = lowers[number.end_index] if number.end_index < len(lowers) else ""
        noun, noun_start, noun_end = _counted_noun(words, lowers, number, following)
        own_noun, noun_lower = noun, noun.lower()
        if noun_lower in ("", "more") and previous_noun and not _clause_break_between(lowers, previous_end, number.start_index):
            # 'killed 10 soldiers and wounded 20 more', never across a full stop, nor the dead's noun ('7 martyrs and 30 injured')
            noun = "" if previous_noun.rpartition(" ")[2].lower() in DEATH_NOUNS else previous_noun
        elif noun_lower in ("more", "others", "other"):
            noun = "people"
        if noun.lower() in PRONOUN_NOUNS:
            noun = ""
        if not noun and number.start_index >= 2 and lowers[number.start_index - 1] == "of" and lowers[number.start_index - 2] in GROUP_SIZE_NOUNS:
            noun = lowers[number.start_index - 2]  # 'with a population of 165000 has ...': the count of a population, no noun after it
        subset_link = _subset_link_before(lowers, number.start_index)  # 'including', 'among them', 'of whom'
        if following == "-":  # 'a 20-member team', 'from a 31-vehicle convoy': a group described, no outcome of its own
            outcome = ""
        elif previous_outcome and previous_end == number.start_index and number.end_index + 1 < len(lowers) and lowers[number.end_index] == "of" and lowers[number.end_index + 1] in ("them", "whom"):
            outcome = previous_outcome  # 'killed 12 people eight of them children ...': a part of the group just counted, whatever follows
        elif (previous_outcome and previous_end <= number.start_index <= previous_end + SUBSET_REACH
              and (subset_link or _part_of_them(words, number.start_index))
              and not _names_own_outcome(lowers, noun_start, noun_end, outcomes) and not _clause_break_between(lowers, previous_end, number.start_index)):
            outcome = previous_outcome  # 'Six civilians were killed, among them 4 children, while eight were injured', 'five were killed, two of them
            # children': a part shares its group's outcome
        elif (noun_end > number.end_index and noun_end < len(lowers) and lowers[noun_end] in outcomes and previous_own and previous_end == number.start_index - 1
              and outcomes.get(lowers[previous_end]) == previous_own):
            outcome = _joined(words, noun_end, outcomes)  # 'Seven killed 37 others injured', '8 persons killed 58 others injured': the participle before
            # the count closes the count before it; this count's own outcome follows its noun
        elif (0 <= toll_index < number.start_index and lowers[number.start_index - 1] in TOLL_VERBS and not _clause_break_between(lowers, toll_index, number.start_index)
              and (not figure or number.end_index >= len(lowers) or not lowers[number.end_index][0].isalpha())):
            # a figure's count with words of its own after it counts those ('put the figure at 4 million refugees')
            outcome = toll_outcome  # 'the death toll from the shelling ... has reached 20 people in addition to tens of others injured'
        else:
            head = lowers[noun_end - 1] if noun_end > noun_start else ""  # the counted noun's last word, lowercase
            dead = DEATH_NOUNS.get(head) or next((DEATH_NOUNS[word] for word in lowers[noun_start:noun_end - 1] if word in DEATH_NOUNS and word[-1] == "s"), "")
            # the dead (a plural: 'body armour' is no corpse) may stand before a participle the noun phrase runs on to ('scores of bodies laid out on floors')
            outcome = dead or _outcome(words, number, noun_end, outcomes) or outcomes.get(head, "") or ("killed" if toll else "")
            # the noun itself may name the outcome: 'pulled 9 bodies from the rubble', '30 casualties'
        if not outcome and subset_link:
            outcome = _subject_outcome(lowers, number.start_index, outcomes)  # 'those killed in the raids include 14 children'
        if toll_index >= 0 and toll_index < number.start_index:
            toll_index = -1  # only the first count after 'toll'
        shared_outcome = outcome  # what a coordinated count after it shares ('destroyed 25 gunmen and 3 tanks')
        own_words = lowers[noun_start:noun_end] if own_noun else ()  # the count's own noun, not one borrowed from the count before
        outcome = _outcome_of_noun(outcome, noun, own_words)
        if number.value < 10 and not number.approximator and number.start_index and lowers[number.start_index - 1] in DEFINITE_BEFORE and (
            not shared_outcome or (shared_outcome in _HARM_OUTCOMES and not THING_NOUNS.isdisjoint(own_words))
        ):
            continue  # 'one of the three main towns', 'between the two sides', 'killed in the two attacks': a small known group, no count claimed
            # ('displaced in the two cities' is kept, without the outcome, as before the place filter)
        if not outcome and not number.approximator and lowers[number.start_index] == "one" and (
            not (quantities and _coordinated(lowers, previous_end, number.start_index, bool(own_noun))) or (not own_noun and previous_end == number.start_index)
        ):
            continue  # 'One photograph shows', 'one man carried out': a determiner; a count of one has an outcome or a list ('three children and one woman');
            # right after a counted group with no noun of its own it picks one of them ('two bombers one in a car'), no list item
        if not outcome and previous_outcome and _coordinated(lowers, previous_end, number.start_index, bool(own_noun)):
            shared_outcome = previous_outcome  # 'killed 50 militants and eight civilians', '... along with eight IS members'; passed on along the chain
            outcome = _outcome_of_noun(previous_outcome, noun, own_words)  # but not onto a count of things it cannot befall ('killed 12 with four mortar shells')
        if not noun and not outcome:
            continue
        previous_outcome, previous_end, previous_own = shared_outcome, max(noun_end, number.end_index), outcome
        previous_noun = noun or previous_noun
        counts = f"{noun} {outcome}" if noun and outcome and outcome not in noun.lower() else noun or outcome  # not 'casualties casualties'
        last = max(noun_end, number.end_index) - 1
        if starts is None or len(starts) <= last:
            starts = _word_starts(masked, found, last, starts)
        start, end = starts[number.start_index], starts[last] + len(found[last])
        quantities.append(
            {
                "value": float(number.value),
                "value_max": None if number.value_max is None else float(number.value_max),
                "counts": counts,
                "approximator": number.approximator,
                "text": text[start:end],
                "start": start + offset,
                "end": end + offset,
            }
        )
    return quantities


def _counted_noun(words: list[Word], lowers: list[str], number: _Number, following: str) -> tuple[str, int, int]:
    """The noun phrase the number counts and its word span (noun, start, end), ``following`` being the word after the
    number: after 'of' ('dozens of people', 'ten of those killed'), written onto the number ('a 48-truck convoy'), or
    'percent' for '%', 'percent' and 'per cent'."""
    noun_start = number.end_index
    if following == "of" and (lowers[number.end_index - 1] in VAGUE or (noun_start + 1 < len(words) and lowers[noun_start + 1] in PARTITIVE_OF_NEXT)):
        noun_start += 2 if noun_start + 1 < len(words) and lowers[noun_start + 1] in PARTITIVE_OF_NEXT else 1  # 'dozens of' may end the text
    elif following == "-":
        noun_start += 1  # 'a 48-truck convoy': the noun is written onto the number
    if following in PERCENT_WORDS or following == "per":
        return "percent", noun_start, noun_start + (1 if following != "per" else 2)
    noun, noun_end = _noun_phrase(words, noun_start)
    return noun, noun_start, noun_end


def _outcome_of_noun(outcome: str, noun: str, own_words) -> str:
    """The outcome as the counted noun allows it: 'destroyed' people are killed ('destroyed over 60 terrorists');
    attacks, weapons and places (the count's own noun words ``own_words`` hold one of ``THING_NOUNS``) are never
    killed, injured, displaced or missing ('more than 520 airstrikes have killed ...', 'blew up two vehicles killing 18');
    attacks (``EVENT_NOUNS``) have no outcome at all, and ground (``GROUND_NOUNS``) is not captured or seized as
    people are ('captured three villages')."""
    if not outcome:
        return outcome
    if outcome == "destroyed" and noun.rpartition(" ")[2].lower() in PERSON_NOUNS:
        return "killed"
    if own_words and not THING_NOUNS.isdisjoint(own_words):
        if outcome in _PEOPLE_OUTCOMES or not EVENT_NOUNS.isdisjoint(own_words) or (outcome in _TAKEN_OUTCOMES and not GROUND_NOUNS.isdisjoint(own_words)):
            return ""
    return outcome


def _toll_anchor(lowers: list[str], outcomes: dict[str, str], toll: bool) -> tuple[int, str]:
    """The word a toll's count follows, and its outcome: 'toll' ('the death toll ... has reached 20', killed) or 'number'
    followed within four words by 'of' and an outcome ('the number of people killed ... has risen to 45'); (-1, '')
    when there is none."""
    if toll and "toll" in lowers:
        return lowers.index("toll"), "killed"
    if "number" in lowers:
        index = lowers.index("number")
        if index + 1 < len(lowers) and lowers[index + 1] == "of":
            for word in lowers[index + 2:index + 10]:  # 'the number of Nusra Front and rebel fighters killed ...'
                if word in outcomes:
                    return index, outcomes[word]
    return -1, ""


# Nouns standing for a toll given before ('the Observatory says 180000 have died while the UN puts the figure at 191000'):
# the count after '<noun> at' with no word after it is a toll.
FIGURE_NOUNS = frozenset({"figure", "tally"})


def _figure_anchor(lowers: list[str]) -> tuple[int, str]:
    """The index of 'figure' or 'tally' right before 'at' and the toll outcome (killed); (-1, '') when there is none."""
    for index in range(len(lowers) - 1):
        if lowers[index] in FIGURE_NOUNS and lowers[index + 1] == "at":
            return index, "killed"
    return -1, ""


_CLAUSE_PUNCTUATION = frozenset({".", ";", ":", "?", "!"})


def _clause_break_between(lowers: list[str], previous_end: int, start: int) -> bool:
    """Clause punctuation ('.', ';', ':', '?', '!') lies between word ``previous_end`` and word ``start``."""
    return not _CLAUSE_PUNCTUATION.isdisjoint(lowers[max(previous_end, 0):start])


def _is_designation(before: str) -> bool:
    """The word before a number is a model prefix: a capitalised word of one to four letters and a hyphen, written
    onto the digits ('SU-' of 'SU-24', 'MiG-29', 'F-16', 'T-72')."""
    return before[-1:] == "-" and 2 <= len(before) <= 5 and before[0].isupper()


COORDINATION_LINKS = frozenset({"and", "with", "plus"})  # 'and', 'along with', 'together with' ('as well as' is left out: 'as' is too common)
# Words before a count that make it a part of the count before ('killed 48 people, among them 10 children', 'including').
SUBSET_LINKS = frozenset({"including", "includes", "include", "included"})
SUBSET_PRONOUNS = frozenset({"them", "whom", "those", "these"})  # after 'among' / 'of': 'among them 10 children'
# Most words between a counted group and the subset link that makes the next count a part of it ('Six civilians were
# killed among them 4 children': 4 words; 'were wounded in the raid on Monday, three of them women': 8); further on, the part may belong to a group counted in between.
SUBSET_REACH = 8


def _coordinated(lowers: list[str], previous_end: int, start: int, has_noun: bool) -> bool:
    """The number at ``start`` shares the outcome of the quantity ending at ``previous_end``: 'and'/'with'/'plus',
    'another'/'further', 'including' or 'among them' right before it, a comma right after that quantity (a list), or
    'while' before a count with no noun of its own ('six of those killed were fighters while four were volunteers');
    and no clause punctuation in between."""
    if previous_end < 0 or start < 1 or start < previous_end:
        return False
    link = lowers[start - 1]
    if not (
        link in COORDINATION_LINKS or (link == "," and previous_end == start - 1)  # a list: 'three tanks, two armoured vehicles'
        or previous_end == start  # a list without commas: 'destroyed 13 fighting positions seven vehicles'
        or link in ("another", "further")  # 'killed 12 people on Monday and another 9 on Tuesday'
        or (link == "as" and start >= 3 and lowers[start - 2] == "well" and lowers[start - 3] == "as")  # '... as well as 41 civilians'
        or (link == "while" and not has_noun)
        or _subset_link_before(lowers, start)  # 'including', 'among them', 'of whom'
    ):
        return False
    return not _clause_break_between(lowers, previous_end, start)


def _names_own_outcome(lowers: list[str], noun_start: int, noun_end: int, outcomes: dict[str, str]) -> bool:
    """The counted noun's last word, or the word right after the noun phrase, is an outcome ('including 400 refugees',
    'including 3 bodies')."""
    head = lowers[noun_end - 1] if noun_end > noun_start else ""
    after = lowers[noun_end] if noun_end < len(lowers) else ""
    return head in outcomes or head in DEATH_NOUNS or after in outcomes or after in DEATH_NOUNS


def _subset_link_before(lowers: list[str], start: int) -> bool:
    """The number at word ``start`` follows a subset link: 'including', 'among them', 'of whom'."""
    if start < 1:
        return False
    link = lowers[start - 1]
    if link == "and" and start >= 4 and lowers[start - 3] in ("a", "an"):
        # 'among them a child and two women': the list's first item is 'a child'; not 'including a child and 37 others were injured'
        return OTHERS_WORDS.isdisjoint(lowers[start + 1:start + 3]) and _subset_link_before(lowers, start - 3)
    return link in SUBSET_LINKS or (link in SUBSET_PRONOUNS and start >= 2 and lowers[start - 2] in ("among", "of"))


def _subject_outcome(lowers: list[str], start: int, outcomes: dict[str, str]) -> str:
    """The outcome the subject of a subset link names, when no count precedes it: 'those killed in the raids include 14
    children', 'the dead included two women', 'among them' likewise; '' when an outcome word is not found in the 12 words
    before the link, within the clause (any punctuation ends the search)."""
    link = start - 1 if lowers[start - 1] in SUBSET_LINKS else start - 2
    for word in reversed(lowers[max(link - 12, 0):link]):
        if not word[0].isalnum():
            return ""
        outcome = outcomes.get(word) or DEATH_NOUNS.get(word)
        if outcome:
            return outcome
    return ""


def _noun_phrase(words: list[Word], index: int) -> tuple[str, int]:
    """Words after a number up to 5 words, stopping at verbs, prepositions and punctuation."""
    parts: list[str] = []
    position = index
    if position < len(words) and words[position][LOWER] in ("more", "other", "others"):
        marker = "" if words[position][LOWER] == "more" else "others"
        position += 1
        if position == len(words) or not words[position][TEXT][0].isalpha() or words[position][LOWER].split("-")[0] in _NOUN_OR_OUTCOME:
            return marker, position
    for at, (text, lower) in enumerate(words[position:position + 5], position):
        if text in QUOTE_MARKS and not parts:
            position += 1  # '7 "terrorists" were killed': an opening quotation mark before the noun
            continue
        if not text[0].isalpha() or (lower in _NOUN_OR_OUTCOME and text != "IS") or ("-" in lower and lower.partition("-")[0] in _NOUN_OR_OUTCOME and lower[-1] != "-"):
            break  # 'IS' in capitals is the group's name ('12 IS oil facilities'), not the verb
        if lower in _CANDIDATE_WORDS or ("-" in lower and _is_number_word(lower)):
            break  # the next count of a list written without commas ('13 positions seven vehicles')
        if lower in DIRECTIONS and at + 1 < len(words) and words[at + 1][LOWER] == "of":
            break  # '62 rebels east of Damascus': where they are, not what they are
        parts.append(text)
    end = position + len(parts)
    if parts and _is_designation(parts[-1]) and end + 1 < len(words) and words[end][TEXT][0].isdigit():
        parts.pop()  # 'two SU-24 warplanes': the model is not part of the noun, the word after it is
        rest, end = _noun_phrase(words, end + 1)
        parts += [rest] if rest else []
    return " ".join(parts), end


def _outcome(words: list[Word], number: _Number, noun_end: int, outcomes: dict[str, str]) -> str:
    """The outcome right before the number ("killed 10", "killing of one"), else after the noun phrase (within 12 words,
    or a passive predicate within ``LATE_REACH``), else an outcome word in the 3 words before the number."""
    first = number.start_index
    previous = words[first - 1][LOWER] if first >= 1 else ""  # the word right before the number
    if first >= 2 and previous in PHRASE_OUTCOMES and words[first - 2][LOWER] in PHRASE_OUTCOMES[previous][0]:
        return PHRASE_OUTCOMES[previous][1]  # 'shot down two drones'
    if first >= 1 and previous in OUTCOME_VERBS_BEFORE and previous in outcomes:
        return _joined(words, first - 1, outcomes)  # 'Kills 3 Wounds 20': a verb's object, before any outcome after it
    if previous in LOSS_VERBS and noun_end > number.end_index and words[noun_end - 1][LOWER] in PERSON_NOUNS:
        return "killed"  # 'the army lost more than 40 troops': people a side loses are its dead
    if noun_end == number.end_index < len(words) and words[noun_end][LOWER] in outcomes:
        return _joined(words, noun_end, outcomes)  # '57 killed, 150 injured': the outcome right after a bare number
    if noun_end == number.end_index and previous in CLAIM_VERBS:
        return "killed"  # 'claiming eight and injuring 14': a bare count right after 'claiming', before any outcome further on
    if first >= 1:
        if previous in outcomes:
            return _joined(words, first - 1, outcomes)
        if first >= 2 and previous == "of":
            if words[first - 2][LOWER] in outcomes:
                return _joined(words, first - 2, outcomes)
            if words[first - 2][LOWER] in KILLED_OF:
                return "killed"  # 'claiming the lives of 15 people'
            if words[first - 2][LOWER] in MISSING_OF:
                return "missing"  # 'the fate of 250 others was unknown'
        if first >= 3 and previous in ("their", "the") and words[first - 2][LOWER] == "in" and words[number.end_index - 1][LOWER] in VAGUE:
            # 'the casualties are in their hundreds': the outcome is the subject's
            for text, word in reversed(words[max(first - 6, 0):first - 2]):
                if word in outcomes:
                    return outcomes[word]
                if not text[0].isalnum():
                    break
    aside = False  # inside a bracketed aside opened after the noun: '23 ISIS (Daesh) militants were killed'
    position, last, n_words = noun_end - 1, min(noun_end + 12, len(words)), len(words)
    while position + 1 < last:
        position += 1
        text, word = words[position][TEXT], words[position][LOWER]
        if text in ASIDE_DASHES and not aside and not any(_may_start_number(between[LOWER]) for between in words[noun_end:position]):
            close = _closing_dash(words, position)
            if close:  # '86 members of the forces and their allies - who include ... - were killed': the aside is skipped
                last, position = min(close + 1 + last - position, n_words), close
                continue
        if text in OPENING_BRACKETS or (aside and text in CLOSING_BRACKETS):
            aside = text in OPENING_BRACKETS  # the aside does not end the clause; a closing bracket with no opening one does
            continue
        if "-" in word:
            word = word.partition("-")[0] or word
        if word in _ACTIVE_OUTCOME_VERBS or (word in PERFECT_OUTCOME_VERBS and words[position - 1][LOWER] in PERFECT_AUXILIARIES):
            break  # '2 soldiers wounding several others', 'three gunmen opened fire killing five', 'three gunmen kill five', 'two bombers have
            # killed 30': what the subject did to others
        if word in SAYING_VERBS and words[position - 1][LOWER] not in PASSIVE_AUXILIARIES and (position + 1 == n_words or words[position + 1][LOWER] != "to"):
            break  # 'One man who said he had retrieved victims': what follows is what the count said; 'were said to be killed' is its outcome
        if word in outcomes:
            return _joined(words, position, outcomes) if word == words[position][LOWER] else outcomes[word]
        if word in PHRASE_OUTCOMES and words[position - 1][LOWER] in PHRASE_OUTCOMES[word][0]:
            return PHRASE_OUTCOMES[word][1]  # 'two drones were shot down', 'seven civilians lost their lives'
        if not text[0].isalnum() and word != "-" and text not in QUOTE_MARKS and not (
            word == "," and position + 1 < len(words) and (words[position + 1][LOWER] in COMMA_CONTINUES or _part_of_them(words, position + 1))
        ):
            break  # a comma before 'including ...' or before the predicate ('Seven people, including three children, were killed') does not end the clause
    else:
        if last < n_words:
            late = _late_passive_outcome(words, noun_end, last, noun_end + LATE_REACH, outcomes)
            if late:
                return late  # 'nine members of the ... alliance who were working in the clinic were also killed': the subject's predicate
    if previous in CLAIM_VERBS:
        return "killed"  # 'Shelling Claims 9 Civilians', 'claimed more than 100 civilians': no other outcome after the count
    for text, word in reversed(words[max(first - 3, 0):first]):  # the 3 words before the number, nearest first
        if word in outcomes:
            return outcomes[word]
        if not text[0].isalnum() and text not in QUOTE_MARKS:  # 'killed "tens of people"': a quotation mark does not end it
            return ""
    if first >= 4 and previous in ("and", "with"):  # beyond, only a verb with its object: 'destroyed an armored vehicle
        # and two cars', 'killing "a woman with four of her children"' (a quotation mark may open the object)
        for position in range(first - 4, max(first - 7, 0) - 1, -1):
            text, word = words[position]
            article = position + 2 if words[position + 1][TEXT] in QUOTE_MARKS else position + 1
            if word in outcomes and words[article][LOWER] in ("a", "an", "the"):
                return outcomes[word]
            if not text[0].isalnum() and text not in QUOTE_MARKS:
                break
    return ""


# Most words between a counted subject's noun and its passive predicate ('Three women from the besieged town of X west of
# the capital Y were killed'): beyond the first 12 words only a passive outcome ('were killed', 'were also killed') is read.
LATE_REACH = 24
LATE_ADVERBS = frozenset({"also", "reportedly", "later", "all", "allegedly", "subsequently"})
# Outcome verbs with no object: after 'have' they are the count's own ('Thousands of civilians ... have fled'), while 'have
# killed', 'have destroyed' tell what the count did to others.
INTRANSITIVE_OUTCOMES = frozenset({"fled", "died", "perished"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose"})


def _late_passive_outcome(words: list[Word], noun_end: int, start: int, end: int, outcomes: dict[str, str]) -> str:
    """The outcome of a long subject's passive predicate read up to word ``end``, when the words from ``noun_end`` to
    ``start`` held none: an outcome word right after a passive auxiliary ('were killed', 'were also killed'), or an
    intransitive one after 'have' ('have fled'; 'have killed 30' is the count's own act). '' at any
    punctuation, a saying or acting verb, an outcome word that is not passive, or a first auxiliary with another verb
    ('Nine missiles were fired by aircraft and two tanks were destroyed': the count's predicate is 'were fired'); a
    relative clause's own verb is passed over ('nine members ... who were working in the clinic were also killed')."""
    relative = False
    for position in range(noun_end, min(end, len(words))):
        text, word = words[position]
        if text in QUOTE_MARKS or text in OPENING_BRACKETS or text in CLOSING_BRACKETS:
            continue  # 'including the (opposition) minister ... were killed'
        if not text[0].isalnum() or word in SAYING_VERBS or word in _ACTIVE_OUTCOME_VERBS:
            return ""
        if word in RELATIVE_WORDS:
            verb = position + 1
            while verb < len(words) and words[verb][LOWER] in LATE_ADVERBS:
                verb += 1
            # the relative clause's verb: an auxiliary is passed over with its participle below, any other word right here
            # ('who include members of ...')
            relative = verb < len(words) and (words[verb][LOWER] in PASSIVE_AUXILIARIES or words[verb][LOWER] in PERFECT_AUXILIARIES)
        elif (word in PASSIVE_AUXILIARIES and text != "IS") or word in PERFECT_AUXILIARIES:  # 'Airstrikes Against IS Kill ...': the group
            after, passive = position + 1, word in PASSIVE_AUXILIARIES
            while after < len(words) and words[after][LOWER] in _LATE_SKIPPED:
                passive = passive or words[after][LOWER] in PASSIVE_AUXILIARIES
                after += 1  # 'were also killed', 'have been killed'
            if relative:
                relative = False  # the relative clause's own verb, whatever it is ('who had died in custody')
                continue
            if after < len(words) and words[after][LOWER] in outcomes and after >= start and (passive or words[after][LOWER] in INTRANSITIVE_OUTCOMES):
                return outcomes[words[after][LOWER]]  # after 'have' only an intransitive one: 'have killed 30' is what the count did
            return ""
        elif word in outcomes and position >= start:
            return ""
    return ""


# '-ing' outcome verbs that take an object: after a counted noun they tell what the clause's subject did to others, not
# the count's outcome ('the blast killed two women as well as 2 soldiers, wounding several others').
ACTING_OUTCOME_VERBS = frozenset({"killing", "wounding", "injuring", "executing", "beheading", "crucifying", "destroying"})
# Present-tense outcome verbs that take an object: after a counted noun the count is their subject, the one who kills
# ('three gunmen kill five civilians'), not the killed ('40 Syrians die' is intransitive and stays the count's outcome;
# 'wound', 'wounds' are left out: as nouns they are the count's outcome, '12 received wounds').
AGENT_OUTCOME_VERBS = frozenset({"kill", "kills", "injure", "injures", "execute", "executes", "behead", "beheads", "crucify", "crucifies"})
_ACTIVE_OUTCOME_VERBS = ACTING_OUTCOME_VERBS | AGENT_OUTCOME_VERBS  # one lookup a word in the outcome searches
# Past participles that are active after 'have'/'has'/'had' ('two bombers have killed 30'); after 'been' they are passive.
PERFECT_OUTCOME_VERBS = frozenset({"killed", "wounded", "injured", "executed", "beheaded"})
PERFECT_AUXILIARIES = frozenset({"have", "has", "had"})
# Saying verbs after a counted noun: the count is the speaker, and an outcome after is in what it said ('one man who said
# he had retrieved victims'), unless passive ('three fighters were said to be killed').
SAYING_VERBS = frozenset({"said", "says", "told"})
PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_LATE_SKIPPED = LATE_ADVERBS | PASSIVE_AUXILIARIES  # words between an auxiliary and its participle
OTHERS_WORDS = frozenset({"others", "other", "more"})  # 'and 37 others': a new group, not a part of the one before
ASIDE_DASHES = frozenset({"-", "–", "—"})
ASIDE_REACH = 25  # most words in a dash-enclosed aside


def _closing_dash(words: list[Word], opening: int) -> int:
    """The index of the dash closing an aside opened by the dash at ``opening`` (within ``ASIDE_REACH`` words and the
    clause), or 0 when there is none. Only an aside opened before any other count is skipped: in 'the two sides have
    rocked the city leaving 23 civilians - including nine children - dead' the outcome is the later count's."""
    for position in range(opening + 1, min(opening + 1 + ASIDE_REACH, len(words))):
        text = words[position][TEXT]
        if text in ASIDE_DASHES:
            return position
        if text in _CLAUSE_PUNCTUATION:
            return 0
    return 0


# Present-tense and '-ing' outcome verbs: the bare count right after one is its object, whatever outcome follows ('kills 12
# wounds 50'); a past participle may end the count before ('23 Killed Over 100 Injured').
OUTCOME_VERBS_BEFORE = frozenset({"kill", "kills", "killing", "wound", "wounds", "wounding", "injure", "injures", "injuring", "execute", "executes", "executing",
                                  "crucify", "crucifies", "behead", "beheads"})
_JOINED_OUTCOMES = frozenset({"killed", "injured"})


def _joined(words: list[Word], index: int, outcomes: dict[str, str]) -> str:
    """The outcome of word ``index``, or 'casualties' when it is joined by 'and'/'or' to the other of killed and injured
    ('killed and wounded hundreds', '20 people were killed or injured', 'dead and injured')."""
    outcome = outcomes[words[index][LOWER]]
    if outcome not in _JOINED_OUTCOMES:
        return outcome
    for link, other in ((index + 1, index + 2), (index - 1, index - 2)):
        if 0 <= other < len(words) and words[link][LOWER] in ("and", "or", "&"):
            joined = outcomes.get(words[other][LOWER])
            if joined in _JOINED_OUTCOMES and joined != outcome:
                return "casualties"
    return outcome


def _part_of_them(words: list[Word], index: int) -> bool:
    """Words from ``index`` read 'N of them' / 'N of whom' ('84 people, 31 of them children, were killed')."""
    if index + 2 >= len(words) or words[index + 1][LOWER] != "of" or words[index + 2][LOWER] not in ("them", "whom"):
        return False
    return words[index][LOWER][:1].isdigit() or words[index][LOWER] in _NUMBER_WORDS
