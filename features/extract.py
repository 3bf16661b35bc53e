"""Claim extraction: every checkable assertion of fact, who asserts it and how.

Rule-based and explainable. spaCy ``blank("en")`` tokenises (sentence boundaries follow spaCy's
``sentencizer`` rule, computed from the token arrays);
one ``PhraseMatcher`` per theatre pack (built once, cached by pack name and
version) finds the registry's actors and outlets, the gazetteer's places and the
lexicon's phrases (reporting verbs, hedges, casualty words ...). The rest is
plain Python over the matches of each sentence:

1. *Frames*: a reporting verb ("said", "claimed", "stated") with its speaker (a
   registry mention, an anonymous group widened over its modifiers ("Russian
   sources", "rebel commanders"), never a place unless a country or capital
   stands for its government, a pronoun resolved to the last named
   speaker, or a participle "claiming" that inherits the sentence's previous
   speaker), or "according to X". The asserted content runs from the verb to the
   next frame, or, when the frame closes the sentence ("..., a monitor said"),
   from the previous boundary to the speaker.
2. *Own assertions*: text outside frames that carries a checkable fact (numbers,
   casualty, capture, territory, materiel, communications or negotiation words) is
   the outlet's own assertion; "is said to", "has been reported" make it passive.
3. Each claim gets quantities (``features.numbers``), canonical places, hedges,
   an event date (``features.dates``) and a claim type from lexicon hits.

Column functions are small and named for the column they fill (``claim_type``,
``attribution``, ``claim_id`` ...).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from operator import attrgetter
from itertools import accumulate, compress, islice, product

import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.dates import MONTHS, WEEKDAYS, publication_day, resolve_event_date
from features.numbers import (APPROXIMATORS, CLAIM_VERBS, DEATH_NOUNS, DEFAULT_OUTCOMES, KILLED_OF, PERSON_NOUNS, SCALES, TENS, UNITS, VAGUE, YEAR_WORD, BoundedMemo,
                              find_quantities)
from features.schemas import CAMP_UNKNOWN, Articles, BlackoutEvents, Claims
from features.theatre import TheatrePack

log = logging.getLogger(__name__)

ARTICLES = frozenset({"the", "a", "an"})
PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_GROUP = {"they", "it", "we"}
# Words before an 'it' or 'they' that embed its clause in the sentence, whose subject it then refers to ('an incursion
# that it said was ...', 'did not demand an inquiry although it said ...'); a closing '... it said' has none.
EMBEDDING_WORDS = frozenset({"that", "which", "although", "though", "as", "while", "because", "when", "where", "but", "and", "what"})
SUBJECT_PRONOUNS = frozenset(PRONOUNS_PERSON | {"it", "they"})  # right before a verb, the verb's subject, before any mention further back
DOCUMENT_NOUNS = frozenset({"statement", "report"})  # 'the report said': whoever reported last, another outlet included
BACK_REFERENCES = {
    "the spokesman", "the spokesperson", "the spokeswoman", "the group", "the agency", "the official", "the ministry",
    "the organisation", "the organization", "the statement", "the report", "the commander", "the source",
    "the representative", "the minister", "the envoy", "the monitor", "the observatory", "the watchdog", "the rights group", "the charity",
    "the centre", "the center",
}
BACK_REFERENCE_NOUNS = frozenset(reference.removeprefix("the ") for reference in BACK_REFERENCES)  # 'source' for 'the source'
PASSIVE_AUXILIARIES = frozenset({"is", "was", "are", "were", "be", "been", "being"})
# Back-references that name an organisation, not a person ('the group said', 'it said'): the last organisation.
ORGANISATION_REFERENCES = frozenset({"it", "the group", "the agency", "the ministry", "the organisation", "the organization", "the monitor",
                                     "the observatory", "the watchdog", "the rights group", "the charity"})
# Titles before a name after an inverted verb ('said Dr Ammar al-Assad'): not part of the name.
HONORIFICS = frozenset({
    "dr", "sheikh", "shaikh", "mr", "mrs", "ms", "colonel", "col", "general", "gen", "brigadier", "major", "lieutenant", "captain",
    "president", "minister", "prime", "professor", "prof", "imam", "father", "rev", "sir", "ambassador", "senator", "commander",
    "archimandrite", "archbishop", "bishop", "patriarch", "reverend", "cardinal", "monsignor", "pastor", "mufti", "ayatollah", "sayyed",
    "sayyid",
})
# Lowercase particles inside Arabic and European names ('Ammar al-Assad', 'Abu Mohammad al-Golani').
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "bou", "de", "van", "von", "-"})
# Words that may follow a speaker's name after an inverted verb ('said Said Seif al Qalamoni from the ... brigade');
# anything else (a verb: 'said Bashar al-Assad will ...') makes the name the content's subject instead.
NAME_ENDINGS = frozenset({"from", "of", "a", "an", "the", "who", "spokesman", "spokesperson", "head", "leader", "commander", ",", ".", ";", "(", "-", "in", "at"})
# Column names resolved once (pandera's attribute lookup is slow in a per-claim loop).
_COLUMN_CLAIM_ID = Claims.claim_id
_COLUMN_ARTICLE_ID = Claims.article_id
_COLUMN_OUTLET = Claims.outlet
_COLUMN_PUBLISHED = Claims.published
_COLUMN_TEXT = Claims.text
_COLUMN_SENTENCE = Claims.sentence
_COLUMN_SENTENCE_INDEX = Claims.sentence_index
_COLUMN_SPAN_START = Claims.span_start
_COLUMN_SPAN_END = Claims.span_end
_COLUMN_SPEAKER = Claims.speaker
_COLUMN_SPEAKER_CAMP = Claims.speaker_camp
_COLUMN_ANONYMOUS = Claims.anonymous
_COLUMN_ATTRIBUTION = Claims.attribution
_COLUMN_REPORTING_VERB = Claims.reporting_verb
_COLUMN_HEDGES = Claims.hedges
_COLUMN_QUANTITIES = Claims.quantities
_COLUMN_PLACES = Claims.places
_COLUMN_EVENT_DATE = Claims.event_date
_COLUMN_CLAIM_TYPE = Claims.claim_type
PASSIVE_SPEAKER = "unnamed sources"
# Lexicon categories read elsewhere (numbers.py handles approximators; the specificity family counts units).
UNMATCHED_CATEGORIES = {"approximator", "combatant", "unit", "demonym", "speaker_side", "speaker_qualifier", "capital"}
# Lexicon categories that widen an anonymous speaker phrase to the left ('Russian military sources'):
# a demonym names the state whose camp the group takes (note: registry name or camp id), a side adjective
# names the camp itself ('rebel', note: camp id), a qualifier only describes ('senior', 'local').
SPEAKER_MODIFIER_CATEGORIES = ("demonym", "speaker_side", "speaker_qualifier")
# An anonymous-group noun whose note is 'civilian' ('residents', 'activists') says where the speakers are, not
# whose side they speak for: a demonym gives it no camp ('Syrian activists' stays unknown).
CIVILIAN_NOTE = "civilian"
MEDIA_NOTE = "media"  # anonymous groups that are outlets ('a Turkish broadcaster', 'the newspaper'): lexicon note
# Gazetteer kinds that may stand for a government ('Moscow said', 'Syria denied'): capital metonymy.
METONYMIC_PLACE_KINDS = frozenset({"country", "capital"})
# 'a source at X said', 'activists in X said': X says where the speaker is, not who speaks.
PLACE_OF_SPEAKER_WORDS = frozenset({"at", "in", "from", "inside"})
# Words before a place that make it a location, not a speaker ('activists in Syria said').
LOCATIVE_WORDS = frozenset({"in", "inside", "near", "at", "of", "from", "across", "around", "outside", "to", "into", "on", "over", "throughout",
                            "within", "with", "against", "towards", "toward", "between", "by", "for", "north", "south", "east", "west", "northern",
                            "southern", "eastern", "western", "central", "rural", "besieged", "held", "controlled", "visiting"})
FACT_CATEGORIES = {"casualty", "capture", "people_taken", "territory", "held_area", "combat", "attack", "attacked", "materiel_action", "seizure", "communications", "deployment", "obstruction",
                   "negotiation", "blackout", "alliance", "protest", "delivery", "designation"}
MATERIEL_ACTIONS = {"destroyed", "destroying", "seized", "shot down", "downed", "downing", "captured", "seizing", "seize", "destroy", "confiscated", "confiscate"}
# Materiel verbs of taking, not destroying: 'seized the oilfield' takes ground, 'seized weapons' things (claim_type).
SEIZING_ACTIONS = frozenset({"seized", "seizing", "seize", "captured"})
_QUOTES = "\"“”"
_TEN_LOWERCASE = re.compile(r"(?:[^a-z]*[a-z]){10}")
NUMBER_TOKENS = frozenset(set(UNITS) | set(TENS) | set(SCALES) | set(VAGUE) | {"dozen"}) - {"a", "an", "no", "single", "couple", "pair"}
DATE_TOKENS = frozenset(set(WEEKDAYS) | {w + "s" for w in WEEKDAYS} | set(MONTHS) | {"weekend", "week", "month", "yesterday", "today", "tonight", "night", "morning", "afternoon", "evening", "ago"})
_NEWLINE = re.compile("\n")
# Capitalised discourse openers right after a word, with the full stop before them lost (scraped text often drops them:
# '... in Aleppo city According to a source two people were killed', '... reported killed Meanwhile activists said'), before
# a lowercase word (not a Title Case headline's 'According To Monitor'): they start a sentence.
DISCOURSE_OPENERS = ("Meanwhile", "According to", "Earlier", "Later", "However", "Moreover", "Furthermore", "Separately", "Elsewhere", "Additionally")
_UNPUNCTUATED_OPENER = re.compile(r"[A-Za-z0-9] (" + "|".join(DISCOURSE_OPENERS) + r") (?=[a-z0-9])")
_ORTH_IDX = ["ORTH", "IDX"]


class _LexemeTable(dict):
    """Lexical attributes of every word form seen, by orth id (like spaCy's own lexeme table), as one tuple:
    length, is_alpha, is_punct, is_space, is_title, the lowercase form, like_num, number word or like_num, date word,
    contrast word, sentence-final mark, capitalised sentence opener ('The', 'In': ``BODY_OPENERS``). Read once per word form on first sight; a doc gathers its tokens' tuples
    with one lookup each and transposes them, with no Python loop per token. Values depend on the word form
    alone, so threads that fill the same entry at once store equal tuples."""

    def __init__(self, vocab):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, orth: int) -> tuple:
        lexeme = self.vocab[orth]
        text = lexeme.orth_
        lower = text.lower()
        value = self[orth] = (
            len(text), int(lexeme.is_alpha), int(lexeme.is_punct), int(lexeme.is_space), int(lexeme.is_title), lower, int(lexeme.like_num),
            int(lexeme.like_num or lower in NUMBER_TOKENS), int(lower in DATE_TOKENS), int(lower in CONTRASTS),
            int(lexeme.is_punct and len(text) == 1 and text in _final_marks()), int(bool(lexeme.is_title) and lower in BODY_OPENERS),
        )
        return value


_LEXEME_TABLES: dict[int, _LexemeTable] = {}


def _lexeme_table(vocab) -> _LexemeTable:
    """The lexeme table of one vocabulary (lexical attributes depend on the language's rules)."""
    table = _LEXEME_TABLES.get(id(vocab))
    if table is None or table.vocab is not vocab:
        table = _LEXEME_TABLES[id(vocab)] = _LexemeTable(vocab)
    return table


class _Toks:
    """Token attributes of one doc as plain lists: cheaper than creating spaCy ``Token`` objects.

    Sentence starts follow spaCy's rule-based ``sentencizer`` (a sentence starts at the first token
    that is neither punctuation nor a sentence-final mark after a sentence-final mark), computed here
    from the token arrays instead of iterating ``Token`` objects, plus a new sentence after every line
    break (headlines lack a full stop).
    """

    __slots__ = ("text", "idx", "length", "alpha", "punct", "space", "title", "sent_start", "lower", "n", "alpha_before", "numberish", "dateish", "contrasts",
                 "openers")

    def __init__(self, doc, text: str):
        self.text = text
        self.n = n = len(doc)
        if not n:
            self.idx = self.length = self.alpha = self.punct = self.space = self.title = self.sent_start = self.lower = []
            self.alpha_before = self.numberish = self.dateish = [0]
            self.contrasts = self.openers = []
            return
        array = doc.to_array(_ORTH_IDX)
        self.idx = array[:, 1].tolist()
        lexemes = map(_lexeme_table(doc.vocab).__getitem__, array[:, 0].tolist())
        # read-only columns stay the tuples zip gives; sent_start, built below, is the one list changed later
        self.length, self.alpha, self.punct, self.space, self.title, lower, like_num, numberish, dateish, contrast, final, opener = zip(*lexemes)
        if text.isascii():
            self.lower = lower
        else:  # lowercase as the whole text lowercases ('İ', final sigma): from the text
            lowered = text.lower()
            if len(lowered) == len(text):
                self.lower = [lowered[start:start + size] for start, size in zip(self.idx, self.length)]
            else:  # lowercasing changed lengths ('İ'): lowercase token by token
                self.lower = [text[start:start + size].lower() for start, size in zip(self.idx, self.length)]
            numberish = [like or int(word in NUMBER_TOKENS) for like, word in zip(like_num, self.lower)]
            dateish = list(map(int, map(DATE_TOKENS.__contains__, self.lower)))
            contrast = list(map(CONTRASTS.__contains__, self.lower))
        # alpha tokens, number-like tokens and date words before each index
        self.alpha_before = list(accumulate(self.alpha, initial=0))
        self.numberish = list(accumulate(numberish, initial=0))
        self.dateish = list(accumulate(dateish, initial=0))
        self.contrasts = list(compress(range(n), contrast))  # 'although', 'though', 'whereas'
        self.openers = list(compress(range(n), opener))  # capitalised 'The', 'In', 'A', 'Two' (headlines run into the text)
        self.sent_start = _sentence_starts(n, self.punct, list(compress(range(n), final)))
        if "\n" in text:
            for match in _NEWLINE.finditer(text):
                index = bisect_right(self.idx, match.start()) - 1
                if self.space[index] and index + 1 < n:
                    self.sent_start[index + 1] = True
        for match in _UNPUNCTUATED_OPENER.finditer(text):  # '... in Aleppo city According to a source ...': a full stop lost
            index = bisect_left(self.idx, match.start(1))
            if index < n and self.idx[index] == match.start(1):
                self.sent_start[index] = True

    def token(self, index: int) -> str:
        """Text of one token."""
        return self.text[self.idx[index]:self.idx[index] + self.length[index]]

    def span_text(self, start: int, end: int) -> str:
        """Text from token ``start`` to token ``end`` (exclusive)."""
        if end <= start:
            return ""
        return self.text[self.idx[start]:self.idx[end - 1] + self.length[end - 1]]

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) token indices of each sentence."""
        starts = list(compress(range(self.n), self.sent_start))  # the first token always starts a sentence
        return [(start, starts[k + 1] if k + 1 < len(starts) else self.n) for k, start in enumerate(starts)] if self.n else []


def _sentence_starts(n: int, punct: list[int], marks: list[int]) -> list[bool]:
    """spaCy's sentencizer rule: after a sentence-final mark, the next token that is neither punctuation
    nor a mark starts a sentence (``marks`` are the token indices of sentence-final marks, ascending)."""
    starts = [False] * n
    starts[0] = True
    mark_set = set(marks)
    resume = 0
    for mark in marks:
        if mark < resume:
            continue
        index = mark + 1
        while index < n and (punct[index] or index in mark_set):
            index += 1
        if index >= n:
            break
        starts[index] = True
        resume = index
    return starts


@lru_cache(maxsize=1)
def _final_marks() -> frozenset[str]:
    """The sentence-final marks of spaCy's sentencizer."""
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


@dataclass(slots=True)
class _Sent:
    start: int
    end: int
    toks: _Toks
    _text: str | None = None  # read once: every claim of the sentence carries it

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.toks.span_text(self.start, self.end)
        return self._text


# --- the compiled pack -------------------------------------------------------------


@dataclass(slots=True)
class _Compiled:
    """Everything built once per pack: the spaCy pipeline, the matcher and lookup tables."""

    nlp: object
    matcher: object
    labels: dict  # match_id -> (kind, key)  kind: S source, P place, L lexicon category
    exact_aliases: dict  # (kind, key) -> set of case-sensitive surface forms
    lower_aliases: dict  # (kind, key) -> set of lowercase surface forms allowed in any case
    sources: dict  # canonical -> {"camp", "kind", "anonymous"}
    outlets: dict  # lowercase outlet name or alias -> canonical
    outcomes: dict  # word form -> outcome
    place_kind: dict  # canonical -> kind
    place_parent: dict  # canonical -> parent
    lexicon_notes: dict = field(default_factory=dict)
    speaker_modifiers: dict = field(default_factory=dict)  # lowercase token tuple -> (category, camp or None, written capitalised)
    longest_modifier: int = 0  # tokens in the longest speaker modifier
    civilian_groups: frozenset = frozenset()  # lowercase anonymous-group phrases noted 'civilian'
    media_groups: frozenset = frozenset()  # lowercase anonymous-group phrases noted 'media' ('broadcaster', 'news agency')
    source_by_alias: dict = field(default_factory=dict)  # lowercase registry name or alias -> canonical
    match_info: dict = field(default_factory=dict)  # match_id -> (kind, key, case-sensitive forms, lowercase forms, overlap group)
    blackout_phrases: tuple = ()  # lowercase token texts of each blackout phrase: a text missing a word of every phrase has no event
    capitals: dict = field(default_factory=dict)  # lowercase seat of government (lexicon category 'capital') -> registry actor
    governments: dict = field(default_factory=dict)  # gazetteer country -> the registry actor its capital stands for, when no actor bears the country's name
    names_by_shape: dict = field(default_factory=dict)  # (words, first letter) -> [(lowercase registry name or alias, canonical)]
    spelling_cache: dict = field(default_factory=dict)  # lowercase unregistered speaker name -> the registry name it misspells, or None (BoundedMemo)
    place_words: frozenset = frozenset()  # lowercase one-word gazetteer names and aliases ('homs', 'aleppo'): stems of a possessive ('Homss governor')


_CACHE: dict[tuple[str, str, int], _Compiled] = {}


def compile_pack(pack: TheatrePack) -> _Compiled:
    """Build (once per pack name, version and table identity) the pipeline and matcher for ``pack``."""
    key = (pack.name, pack.version, id(pack.lexicon))
    if key not in _CACHE:
        _CACHE[key] = _build_compiled(pack)
        log.info("compiled theatre pack %s %s: %d match labels", pack.name, pack.version, len(_CACHE[key].labels))
    return _CACHE[key]


def _build_compiled(pack: TheatrePack) -> _Compiled:
    import spacy
    from spacy.matcher import PhraseMatcher


    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels, exact, lower = {}, {}, {}
    entries: dict[tuple[str, str], set[str]] = {}
    for row in pack.sources.itertuples(index=False):
        for alias in [row.name, *row.aliases]:
            entries.setdefault(("S", row.name), set()).add(alias)
            if len(alias) >= 3 and alias.isalpha() and alias.isupper():
                entries[("S", row.name)].add(alias + "s")  # 'SOHRs director', 'YPGs commander': an acronym's possessive, apostrophe lost
    for row in pack.places.itertuples(index=False):
        for alias in [row.name, *row.aliases]:
            entries.setdefault(("P", row.name), set()).update(_article_variants(alias))
    for row in pack.lexicon.itertuples(index=False):
        if row.category not in UNMATCHED_CATEGORIES:
            entries.setdefault(("L", row.category), set()).add(row.phrase)
    for (kind, name), aliases in entries.items():
        label = f"{kind}:{name}"
        match_id = nlp.vocab.strings.add(label)
        labels[match_id] = (kind, name)
        exact[(kind, name)] = {alias for alias in aliases if alias != alias.lower()}
        lower[(kind, name)] = {alias.lower() for alias in aliases if alias == alias.lower()}
        matcher.add(label, list(nlp.tokenizer.pipe(sorted(aliases))))
    sources = {row.name: {"camp": row.camp, "kind": row.kind, "anonymous": bool(row.anonymous)} for row in pack.sources.itertuples(index=False)}
    outlets = {}
    for row in pack.sources.itertuples(index=False):
        if row.kind == "outlet":
            for alias in [row.name, *row.aliases]:
                outlets[alias.lower()] = row.name
    outcomes = dict(DEFAULT_OUTCOMES)
    for row in pack.lexicon.itertuples(index=False):
        if row.category == "casualty" and row.note and " " not in row.phrase:
            outcomes[row.phrase.lower()] = row.note
    compiled = _Compiled(
        nlp=nlp,
        matcher=matcher,
        labels=labels,
        exact_aliases=exact,
        lower_aliases=lower,
        sources=sources,
        outlets=outlets,
        outcomes=outcomes,
        place_kind=dict(zip(pack.places["name"], pack.places["kind"])),
        place_parent=dict(zip(pack.places["name"], pack.places["parent"])),
    )
    compiled.match_info = {match_id: (kind, key, exact[(kind, key)], lower[(kind, key)], _overlap_group(kind, key)) for match_id, (kind, key) in labels.items()}
    blackout_phrases = pack.lexicon.loc[pack.lexicon["category"] == "blackout", "phrase"]
    compiled.blackout_phrases = tuple({tuple(token.lower_ for token in doc) for doc in nlp.tokenizer.pipe(blackout_phrases) if len(doc)})
    compiled.place_words = frozenset(alias.lower() for name, aliases in zip(pack.places["name"], pack.places["aliases"]) for alias in [name, *aliases] if " " not in alias)
    _add_speaker_modifiers(compiled, pack)
    return compiled


# An Arabic article inside a place name ('Deir ez-Zor', 'Ras al Ain'): written al-, el-, or assimilated to a sun
# letter (ad-, ar-, as-, ash-, at-, az-, an-), capitalised or not. The article's written form varies by outlet.
_ARTICLE = re.compile(r"(?<![^\s-])([AaEe](?:[lrdstzn]|sh))([- ])(?=[A-Z])")
_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")


def _article_variants(alias: str) -> set[str]:
    """A gazetteer alias and the spellings of its Arabic articles other outlets use: 'Deir ez-Zor' also as
    'Deir al-Zor', 'Deir el-Zor', 'Deir Al-Zor' and 'Deir-ez-Zor'; an alias without an article is itself alone.
    The article is never dropped ('al-Bab' is not 'Bab'): list a bare form as its own alias."""
    found = list(_ARTICLE.finditer(alias))
    if not found or len(found) > 2:
        return {alias}
    options = []
    for match in found:
        following = alias[match.end():].lower()
        sun = next((letters for letters in _SUN_LETTERS if following.startswith(letters)), None)
        bases = ["al", "el"] + ([f"a{sun}", f"e{sun}"] if sun else [])
        forms = {f"{base}-" for base in bases} | {"al ", "el "}
        options.append(sorted(forms | {form[:1].upper() + form[1:] for form in forms}))
    variants = set()
    for choice in product(*options):  # one form per article
        text, last = [], 0
        for match, form in zip(found, choice):
            text.append(alias[last:match.start()] + form)
            last = match.end()
        variant = "".join(text) + alias[last:]
        variants.add(variant)
        if found[0].start() > 0 and alias[found[0].start() - 1] == " " and choice[0].endswith("-"):
            variants.add(variant[:found[0].start() - 1] + "-" + variant[found[0].start():])  # 'Maaret-al-Numan'
    return variants | {alias}


def _add_speaker_modifiers(compiled: _Compiled, pack: TheatrePack) -> None:
    """Tables for widening anonymous speakers ('Syrian state media'): modifier phrases with the camp each gives,
    the civilian group nouns, and registry names by lowercase alias (for places standing for a government)."""
    camps = set(pack.camps["camp"])
    for row in pack.sources.itertuples(index=False):
        for alias in [row.name, *row.aliases]:
            compiled.source_by_alias.setdefault(alias.lower(), row.name)
    lexicon = pack.lexicon
    for row in lexicon[lexicon["category"].isin(SPEAKER_MODIFIER_CATEGORIES)].itertuples(index=False):
        note = row.note if isinstance(row.note, str) and row.note else None
        camp = None
        if row.category != "speaker_qualifier" and note is not None:
            if note in compiled.sources:
                camp = compiled.sources[note]["camp"]
            elif note in camps:
                camp = note
            else:
                log.warning("pack %s: %s %r names %r, neither a registry name nor a camp; it gives no camp", pack.name, row.category, row.phrase, note)
        tokens = tuple(token.lower_ for token in compiled.nlp.tokenizer(row.phrase))
        if tokens and not (row.category == "speaker_qualifier" and tokens in compiled.speaker_modifiers):  # a pack's side beats a qualifier
            compiled.speaker_modifiers[tokens] = (row.category, None if camp == CAMP_UNKNOWN else camp, row.phrase != row.phrase.lower())
            compiled.longest_modifier = max(compiled.longest_modifier, len(tokens))
    groups = lexicon[lexicon["category"] == "anonymous_group"]
    compiled.civilian_groups = frozenset(phrase.lower() for phrase in groups.loc[groups["note"] == CIVILIAN_NOTE, "phrase"])
    compiled.media_groups = frozenset(phrase.lower() for phrase in groups.loc[groups["note"] == MEDIA_NOTE, "phrase"])
    for row in lexicon[lexicon["category"] == "capital"].itertuples(index=False):
        if row.note in compiled.sources:
            compiled.capitals[row.phrase.lower()] = row.note
            country = compiled.place_parent.get(row.phrase)  # 'Syria said': the state whose seat of government is Damascus
            if isinstance(country, str) and country.lower() not in compiled.source_by_alias:
                compiled.governments[country] = row.note
        else:
            log.warning("pack %s: capital %r names %r, not a registry name; it stands for no one", pack.name, row.phrase, row.note)
    for alias, canonical in compiled.source_by_alias.items():
        if len(alias.replace(" ", "")) >= TYPO_MIN_LETTERS:
            compiled.names_by_shape.setdefault((alias.count(" ") + 1, alias[0]), []).append((alias, canonical))
    compiled.spelling_cache = BoundedMemo(partial(_misspelt_registry_name, compiled), SPELLING_CACHE_LIMIT)


# --- matches per sentence ----------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    kind: str  # S, P, L
    key: str  # canonical name or lexicon category
    start: int  # token index in the doc
    end: int
    text: str
    speaker: object = None  # a _Speaker the hit stands for when no registry row or camp key says it ('the newspaper' -> the outlet before)


def _doc_hits(spacy_doc, doc: _Toks, compiled: _Compiled, deferred: list[_Hit] | None = None) -> list[_Hit]:
    """All accepted matches of a doc: case-checked, longest-first within each kind. Capitalised lexicon phrases
    near the article start ('Activists' after a date prefix) go to ``deferred`` when given: the headline rules
    may yet make them sentence openers (``_headline_openers``)."""
    groups: defaultdict[tuple[str, str], list[_Hit]] = defaultdict(list)  # overlap group -> hits in match order
    capitalised_verbs: list[_Hit] = []  # a capitalised verb counts only right after a speaker ("Turkish military Claimed")
    text, idx, length, sent_start, match_info = doc.text, doc.idx, doc.length, doc.sent_start, compiled.match_info
    for match_id, start, end in compiled.matcher(spacy_doc):
        kind, key, exact_forms, lower_forms, group = match_info[match_id]
        hit_text = text[idx[start]:idx[end - 1] + length[end - 1]]
        if kind != "L":
            if not (hit_text in exact_forms or _alias_case_matches(hit_text, exact_forms, lower_forms)):
                continue
        elif not hit_text.islower() and not sent_start[start] and hit_text.lower() in lower_forms:
            if key == "reporting_verb":
                capitalised_verbs.append(_Hit(kind, key, start, end, hit_text))
            elif deferred is not None and start < _HEADLINE_SCAN:
                deferred.append(_Hit(kind, key, start, end, hit_text))
            continue  # "States" in "the United States" is not the verb "states"
        elif key == "materiel" and hit_text.lower() in MATERIEL_ACTIONS:
            # the verb is an action on things, not a thing: 'seized the oilfield' names no materiel
            action = "seizure" if hit_text.lower() in SEIZING_ACTIONS else "materiel_action"
            groups[_overlap_group("L", action)].append(_Hit("L", action, start, end, hit_text))
            continue
        groups[group].append(_Hit(kind, key, start, end, hit_text))
    if ("L", "casualty") in groups:
        groups[("L", "reporting_verb")].extend(_toll_reports(doc, groups[("L", "casualty")]))
    kept = _longest_per_kind(groups)
    sources = [hit for hit in kept if hit.kind == "S"]
    if capitalised_verbs:
        speaker_ends = {hit.end for hit in sources}
        kept += [hit for hit in capitalised_verbs if hit.start in speaker_ends]
    if sources:  # a place inside a longer speaker mention ('Damascus' in 'Damascus Media Centre') is not a place
        source_at = {index: source for source in sources for index in range(source.start, source.end)}  # sources do not overlap
        kept = [hit for hit in kept if hit.kind != "P" or hit.start not in source_at or not _inside_longer(hit, source_at[hit.start])]
    kept = [hit for hit in kept if hit.kind != "P" or not _capital_of_another(doc, hit)]
    return _in_position_order(kept)


def _capital_of_another(doc: _Toks, hit: _Hit) -> bool:
    """A place alias ending in 'capital' ('the capital' for the country's capital) followed by 'of' or 'city of': the
    capital of another place ('Hasakeh city the capital of the province by the same name', 'Raqqa the capital of its
    caliphate'), not the country's."""
    if doc.lower[hit.end - 1] != "capital" or hit.end >= doc.n:
        return False
    after = hit.end + (doc.lower[hit.end] == "city" and hit.end + 1 < doc.n)
    return doc.lower[after] == "of"


# Verbs that report a toll given with an article and modifiers before it ('placed the death toll at', 'gave a slightly
# lower toll of'): the lexicon lists the plain phrases ('put the death toll'), ``_toll_reports`` the modified ones.
TOLL_REPORT_VERBS = frozenset({"put", "puts", "placed", "places", "gave", "gives", "give", "raised", "raises", "revised", "updated", "set", "sets"})
TOLL_DETERMINERS = frozenset({"a", "the", "its", "their"})
TOLL_MODIFIERS_MAX = 3  # 'a slightly lower', 'the total'


def _toll_reports(doc: _Toks, casualties: list[_Hit]) -> list[_Hit]:
    """Reporting-phrase hits for a toll verb, an article and up to ``TOLL_MODIFIERS_MAX`` lowercase words before 'toll' or
    'death toll' ('placed the death toll', 'gave a slightly lower toll', 'put the total death toll')."""
    found = []
    for hit in casualties:
        if doc.lower[hit.end - 1] != TOLL_WORD:
            continue
        for determiner in range(hit.start - 1, max(hit.start - 2 - TOLL_MODIFIERS_MAX, 0), -1):  # (determiner >= 1)
            lower = doc.lower[determiner]
            if doc.sent_start[determiner]:
                break  # the toll phrase starts no earlier than its sentence
            if lower in TOLL_DETERMINERS and doc.lower[determiner - 1] in TOLL_REPORT_VERBS:
                verb = determiner - 1
                if verb >= 1 and doc.lower[verb - 1] in ("not", "never", "n't"):
                    break  # 'did not give a death toll': no toll reported
                found.append(_Hit("L", "reporting_verb", verb, hit.end, doc.text[doc.idx[verb]:doc.idx[hit.end - 1] + doc.length[hit.end - 1]]))
                break
            if not doc.alpha[determiner] or doc.token(determiner) != lower or lower in FINITE_WORDS:
                break
    return found


_START, _END = attrgetter("start"), attrgetter("end")


def _in_position_order(hits: list[_Hit]) -> list[_Hit]:
    """``hits`` sorted in place by position, longest first at one start: two stable C-level sorts instead of a
    Python key per hit."""
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)
    return hits


def _inside_longer(hit: _Hit, source: _Hit | None) -> bool:
    return source is not None and hit.end <= source.end and (source.end - source.start) > (hit.end - hit.start)


def _alias_case_matches(text: str, exact: set[str], lower: set[str]) -> bool:
    """A registry or gazetteer alias matches as written, with a sentence-initial capital ('The Reds'), or, for a
    name of several words, capitalised on its first word only ('Russias defence ministry')."""
    if text in exact or text.lower() in lower or (text[:1].lower() + text[1:]) in exact:
        return True
    return " " in text and text[:1].isupper() and any(alias.lower() == text.lower() for alias in exact)


def _overlap_group(kind: str, key: str) -> tuple[str, str]:
    """Hits of one group compete for their tokens: each registry kind (all sources, all places), each lexicon category."""
    return kind, key if kind == "L" else ""




def _longest_per_kind(groups: dict[tuple[str, str], list[_Hit]]) -> list[_Hit]:
    """Within each overlap group (``_overlap_group``), the longest of overlapping hits; a registry mention beats an
    anonymous-group phrase on the same words. In group order (hits on the same tokens keep the order of their groups'
    first appearance), not sorted by position."""
    kept: list[_Hit] = []
    for group_hits in groups.values():
        if len(group_hits) == 1 or _disjoint_in_order(group_hits):
            kept.extend(group_hits)
            continue
        occupied: set[int] = set()
        for hit in sorted(group_hits, key=_longest_first):
            span = range(hit.start, hit.end)
            if occupied.isdisjoint(span):
                occupied.update(span)
                kept.append(hit)
    # a speaker mention and an anonymous-group phrase on the same words: the registry wins
    if ("L", "anonymous_group") in groups:
        source_tokens = {index for hit in kept if hit.kind == "S" for index in range(hit.start, hit.end)}
        kept = [hit for hit in kept if not (hit.kind == "L" and hit.key == "anonymous_group" and not source_tokens.isdisjoint(range(hit.start, hit.end)))]
    return kept


def _disjoint_in_order(hits: list[_Hit]) -> bool:
    """Each hit starts at or after the end of the one before (so no two overlap)."""
    previous_end = -1
    for hit in hits:
        if hit.start < previous_end:
            return False
        previous_end = hit.end
    return True


def _longest_first(hit: _Hit) -> tuple[int, int]:
    return hit.start - hit.end, -hit.end


# --- frames ------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    name: str
    camp: str
    anonymous: bool
    kind: str  # person, organisation, outlet, group, pronoun-resolved
    media: bool = False  # an outlet the registry lacks ('a Turkish broadcaster', 'the daily Hurriyet'): what 'the newspaper' refers to


@dataclass(slots=True)
class _Frame:
    verb_start: int  # token indices (doc-level)
    verb_end: int
    verb_text: str
    speaker: _Speaker
    left: int  # first token of the frame (speaker start or verb start)
    right: int  # token after the frame (verb end or speaker end for inverted frames)
    kind: str  # reported, inverted, according_to, quote (a quotation continued), continued (a report continued)
    inherited: bool = False
    date: pd.Timestamp | None = None
    passive_agent: bool = False  # 'was reported by X': with too few words before it, the frame words are the claim


@dataclass(slots=True)
class _ArticleState:
    last_person: _Speaker | None = None
    last_any: _Speaker | None = None
    last_organisation: _Speaker | None = None  # 'it said', 'the group said' refer to an organisation, never a person
    persons: dict = field(default_factory=dict)  # lowercase surname -> person named in full earlier ('Sino' -> 'Mustafa Sino')
    last_group: _Speaker | None = None  # the last anonymous group speaker: 'Local sources said ... The sources said'
    # the last anonymous single speaker ('a source at X Police Command', 'an opposition activist') when no named
    # speaker spoke after it: 'The source added', 'he said' refer back to it
    last_individual: _Speaker | None = None
    last_outlet: _Speaker | None = None  # the last outlet that reported ('state television said'): 'the broadcaster said' refers to it
    outlet: str = ""  # the publishing outlet's registry name, lowercase: its own reports are no antecedent ('It said' is another's)
    last_report: _Speaker | None = None  # the last named reporter, another outlet included: 'the report said', 'the statement added'
    hits: list = field(default_factory=list)  # the article's hits in order, and how many lie before the sentence being read
    hits_before: int = 0  # (``_army_named_last``)
    heads: dict = field(default_factory=dict)  # plural head noun of a named speaker's subject -> that speaker ('US officials': 'officials')
    publisher: _Speaker | None = None  # the publishing outlet: what 'the reporter' no one introduced speaks for
    sentence: int = 0  # index of the sentence being read, and of the one where ``last_any`` last spoke: 'he' means an
    any_sentence: int = 0  # organisation only when it spoke just before (``PERSONAL_FALLBACK_SENTENCES``)
    titled_any: bool = False  # ``last_any`` is an organisation that spoke through a person with an office ('Foreign Secretary X')
    compiled: object = None  # the pack's tables: registry kinds and camps of the mentions a description may refer back to


def _speaker_from_hit(hit: _Hit, compiled: _Compiled) -> _Speaker:
    if hit.speaker is not None:
        return hit.speaker
    if hit.kind == "W":  # a widened group phrase: its camp is the key, its name the text
        return _Speaker(hit.text, hit.key, True, "group")
    if hit.kind == "S":
        info = compiled.sources[hit.key]
        if info["kind"] == "group" or info["anonymous"]:
            return _Speaker(hit.text, info["camp"], True, "group")
        return _Speaker(hit.key, info["camp"], False, info["kind"])
    return _Speaker(_lowered_but_acronyms(hit.text), CAMP_UNKNOWN, True, "group")


def _registry_speaker(name: str, compiled: _Compiled) -> _Speaker:
    """The registry actor ``name`` (canonical) as a speaker, with its camp, anonymity and kind."""
    info = compiled.sources[name]
    return _Speaker(name, info["camp"], bool(info["anonymous"]), info["kind"])


def _lowered_but_acronyms(text: str) -> str:
    """A lexicon group phrase lowercased as a description is written mid-sentence, its acronyms kept ('An NGO said' -> 'an
    NGO', 'Activists said' -> 'activists'): a word with two or more capitals stays as written."""
    return " ".join(word if sum(character.isupper() for character in word) >= 2 else word.lower() for word in text.split())


def _is_speaker_hit(hit: _Hit) -> bool:
    return hit.kind == "S" or (hit.kind == "L" and hit.key == "anonymous_group")


def _find_frames(sent, hits: list[_Hit], compiled: _Compiled, state: _ArticleState) -> list[_Frame]:
    """Reporting frames of one sentence, in order."""
    frames: list[_Frame] = []
    places: list[_Hit] | None = None  # the lists below are made at the first verb (many sentences have none)
    for position, hit in enumerate(hits):
        if hit.kind != "L" or hit.key not in ("reporting_verb", "according_to"):
            continue
        if places is None:  # the first verb of the sentence: passive spans, speakers (group ones widened), places
            passive_spans = [(other.start, other.end) for other in hits if other.kind == "L" and other.key == "passive"]
            hit_starts = {other.start for other in hits}
            verb_starts = {other.start for other in hits if other.kind == "L" and other.key == "reporting_verb"}
            speakers = [other for other in hits if _is_speaker_hit(other) and not _is_modifier(sent.toks, other) and not _inside_longer_name(sent.toks, other)
                        and not _before_unregistered_name(sent.toks, other, hit_starts, verb_starts, compiled)]
            group_starts = {speaker.start for speaker in speakers if speaker.kind == "L"}
            places = [place for place in hits if place.kind == "P"]
            if group_starts:
                speakers = _speaker_phrases(sent, speakers, compiled, {verb.start for verb in hits if verb.kind == "L" and verb.key == "reporting_verb"}, state, places)
            speakers = _descriptions_as_written(sent.toks, speakers, compiled)
        lower_bound = frames[-1].right if frames else sent.start  # where the frames so far end
        if passive_spans and any(start <= hit.start < end for start, end in passive_spans):
            agent = _passive_agent(sent.toks, hit, speakers, passive_spans, lower_bound)
            if agent is not None:  # 'Three deaths were reported by the civil defence': the agent reports it
                frames.append(_Frame(hit.start, hit.end, hit.text, _speaker_from_hit(agent[1], compiled), agent[0], agent[1].end, "inverted", passive_agent=True))
            continue
        written = hit
        if hit.key == "reporting_verb":
            hit = _with_auxiliaries(sent.toks, hit, lower_bound)
        if frames and hit.start < frames[-1].right:
            continue
        if hit.key == "reporting_verb" and _is_casualty_idiom(sent, hit):
            continue  # 'claiming the lives of': a casualty idiom, not a report
        if hit.key == "according_to" and frames and hit.text.lower().endswith("ing"):
            continue  # 'Anadolu reported 15 deaths citing a statement from X': the claim stays the reporter's
        if hit.key == "reporting_verb" and _not_a_report(sent, written):
            continue
        if (frames and written.text.lower() in TOLL_PARTICIPLES and not frames[-1].inherited
                and TOLL_WORD in sent.toks.lower[frames[-1].right:min(frames[-1].right + 3, written.start)]):
            continue  # 'state TV raised the death toll from a bombing saying 22 people died': the participle gives the toll, one claim
        if frames and written.text.lower() in COUNTING_VERBS:
            continue  # '... told a Reuters photographer the hospital had recorded four deaths': the count stays the first report's
        if written.start in group_starts and hit.key == "reporting_verb" and _is_noun_before_verb(written, hits, position, speakers):
            continue  # 'reports said': the noun 'reports' is the speaker of the next verb
        if (hit.key == "reporting_verb" and frames and frames[-1].kind == "according_to" and frames[-1].right == hit.start
                and frames[-1].verb_text.lower() in CITING_WORDS and (citer := next((s for s in speakers if s.end == frames[-1].verb_start), None)) is not None):
            # 'The state-run Anadolu Agency citing military officials said ...': the agency citing them is the verb's subject
            frames[-1] = _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(citer, compiled), citer.start, hit.end, "reported")
            continue
        frame = _according_frame(hit, speakers, compiled, sent.toks, state) if hit.key == "according_to" else _reported_frame(sent, hit, speakers, frames, compiled, state, places, hits)
        if frame is None:
            continue
        if frame.speaker.kind in ("organisation", "group") and frame.speaker.name not in compiled.sources:
            frame = _registry_by_spelling(frame, compiled)  # 'The Local Coordination Committee of X said': the registry's committees, misspelt
        if frame.kind == "reported" and frame.speaker.kind == "organisation" and frame.left <= hit.start - 2:
            _remember_member_name(sent.toks, hit.start, frame, places, compiled.source_by_alias, state)
        if frame.kind == "reported" and frame.left > sent.start and sent.toks.lower[frame.left - 1] in NEGATED_SUBJECT_WORDS:
            continue  # 'neither Ahrar al-Sham nor the Islamic Front blamed any group': no one reports it, the outlet states it
        if hit.key == "reporting_verb" and hit.text.lower() in QUOTING_VERBS:
            frame = _quoted_as_saying(frame, speakers, hits, position, sent.toks, compiled)
        if frame.right == written.end and not REPORTED_FIGURE_WORDS.isdisjoint(written.text.lower().split()):
            # 'the Observatory gave a death toll of 12', 'police put the toll at 16', 'the UN puts the figure at 191000': the verb
            # is the report, the toll its content
            first = written.start + 1
            frame = replace(frame, verb_end=first, verb_text=sent.toks.token(written.start), right=first)
        if frame.speaker.kind == "person" and frame.speaker.camp == CAMP_UNKNOWN and frame.speaker.name not in compiled.sources:
            camp = _person_camp(sent, frame, speakers, compiled)
            if camp is not None:  # 'Turkish Prime Minister X Y said', 'said X Y a Kurdish official'
                frame = replace(frame, speaker=replace(frame.speaker, camp=camp))
        if frame.kind == "reported" and (described := _description_before_name(sent.toks, frame.left, lower_bound, speakers, compiled,
                                                                                              frame.speaker.kind == "person")) is not None:
            frame = replace(frame, left=described)  # '... Observatory director Rami Abdel Rahman said', '... monitoring group the Observatory said'
        if frame.speaker.kind == "person" and (untitled := _without_honorifics(frame.speaker, state)) is not None:
            frame = replace(frame, speaker=untitled)  # 'Archimandrite Emanuel Youkhana said' -> Emanuel Youkhana (docs/annotation.md rule 2)
        elif frame.speaker.kind in ("person", "organisation") and frame.speaker.name not in compiled.sources and (
                untitled := _without_capitalised_role(frame.speaker)) is not None:
            frame = replace(frame, speaker=untitled)  # 'Media Activist Karim Haddad told' -> Karim Haddad (rule 2: roles dropped)
        if frame.kind == "reported" and frame.left > sent.start and frame.speaker.name in compiled.sources:
            frame = _speaker_by_head(sent.toks, frame, lower_bound, compiled)
        if frame.kind == "reported" and (titled := _title_run_before(sent.toks, frame.left, lower_bound)) is not None:
            frame = replace(frame, left=titled)  # '... barbaric nature British Foreign Secretary Boris Johnson told': the title is the speaker's
        if frame.kind == "reported" and not frame.inherited and frame.speaker.anonymous and (named := _organisation_by_head_noun(sent.toks, frame, state)) is not None:
            frame = replace(frame, speaker=named)  # 'the coalition said', 'a spokesman for the coalition said': the coalition named last
        if frame.speaker.anonymous and frame.speaker.kind == "group" and (actor := _actor_of_sources(frame.speaker.name, compiled, state)) is not None:
            state.last_group = frame.speaker  # a later 'the sources said' still means these sources (and so the army)
            frame = replace(frame, speaker=actor)  # 'military sources said': the army's sources, as 'a military source' is the army
        frames.append(frame)
        _remember_speaker(sent.toks, frame, state)
    _army_by_salience(sent.toks, frames, compiled, state)
    if len(frames) > 1:
        _nest_reports(sent, frames, state.outlet)
    return frames


def _without_honorifics(speaker: _Speaker, state: _ArticleState) -> _Speaker | None:
    """A person's name without the honorifics or religious titles that open it ('Archimandrite Emanuel Youkhana', 'Dr.
    Wael al-Halqi', 'Imam Sayyed Ali Khamenei'): the name from two words on, or the person a lone surname left named in
    full earlier ('Archimandrite Youkhana'); None when no title opens it or too little would be left."""
    words = speaker.name.split()
    first = 0
    while first < len(words) - 1 and words[first].lower().rstrip(".") in HONORIFICS:
        first += 1
    if first == 0:
        return None
    if len(words) - first >= 2:
        return replace(speaker, name=" ".join(words[first:]))
    return state.persons.get(words[-1].lower())


def _without_capitalised_role(speaker: _Speaker) -> _Speaker | None:
    """A person's name after a capitalised role that opens the sentence or a title run ('Activist Karim Haddad', 'Media
    Activist Karim Haddad', 'Local Journalist Karim Haddad'): the person named by the two or three words after the
    role, when the run before them ends in a one-person role noun (``PERSON_DESCRIPTION_HEADS``, ``ROLE_HEADS``) and
    holds only such nouns, their modifiers and honorifics; None otherwise (docs/annotation.md, Speaker rule 2)."""
    words = speaker.name.split()
    last_role = None
    for index, word in enumerate(words[:-2]):
        lower = word.lower().rstrip(".")
        if lower in PERSON_DESCRIPTION_HEADS or lower in ROLE_HEADS:
            last_role = index
        elif lower not in CAPITALISED_ROLE_MODIFIERS and lower not in HONORIFICS:
            break
    if last_role is None:
        return None
    rest = words[last_role + 1:]
    if not 2 <= len(rest) <= 3 or any(word.lower() in ORGANISATION_WORDS or not word[:1].isupper() for word in rest):
        return None
    return replace(speaker, name=" ".join(rest), kind="person")


def _title_run_before(doc: _Toks, left: int, lower_bound: int) -> int | None:
    """Where a capitalised office title written right before the speaker's name starts ('British Foreign Secretary',
    'Deputy Prime Minister'): the run of capitalised words back from a title word (``TITLE_WORDS``, ``HONORIFICS``) next
    to ``left``, at most four words after ``lower_bound``; None when the word before the name is no capitalised title."""
    position = left - 1
    if position < lower_bound or not doc.title[position] or (doc.lower[position] not in TITLE_WORDS and doc.lower[position] not in HONORIFICS):
        return None
    while position - 1 >= lower_bound and left - position < TITLE_RUN_WORDS and doc.title[position - 1] and doc.alpha[position - 1] and not doc.sent_start[position]:
        position -= 1
    return position


TITLE_RUN_WORDS = 4  # 'Deputy Foreign Minister', 'British Foreign Secretary', 'UN Special Envoy'


def _speaker_by_head(doc: _Toks, frame: _Frame, lower_bound: int, compiled: _Compiled) -> _Frame:
    """The noun phrase's head decides who speaks when a registry mention sits inside the subject's modifier:
    'The government of President X said' is the government the registry lists as '<X> government' (or regime,
    administration), 'The defence ministry in <capital> said' the ministry the registry lists as '<country>s defence
    ministry', 'sources familiar with <actor> thinking said' the sources as written (docs/annotation.md, Speaker
    rule 3). The frame as it was when the words before the mention are none of these."""
    position = frame.left - 1
    while position >= lower_bound and doc.lower[position].rstrip(".") in HONORIFICS and doc.title[position]:
        position -= 1  # 'of President ...' when the title is not part of the mention
    if position < lower_bound:
        return frame
    lower = doc.lower[position]
    if lower == "of" and position - 1 >= lower_bound and doc.lower[position - 1] in GOVERNMENT_HEADS:
        head = doc.lower[position - 1]
        info = compiled.sources[frame.speaker.name]
        if info["kind"] != "person":
            return frame
        surname = frame.speaker.name.split()[-1].lower()
        surname = surname.split("-", 1)[1] if surname.startswith(("al-", "el-")) else surname
        actor = compiled.source_by_alias.get(f"{surname} {head}")
        if actor is None:
            return frame
        start = position - 1 - (position - 2 >= lower_bound and doc.lower[position - 2] in ("the", "a"))
        return replace(frame, speaker=_registry_speaker(actor, compiled), left=start)
    if lower == "in" and position - 1 >= lower_bound and doc.lower[position - 1] in OFFICE_HEADS and compiled.sources[frame.speaker.name]["kind"] == "organisation":
        words = [doc.lower[position - 1]]
        start = position - 1
        while start - 1 >= lower_bound and len(words) < 3 and doc.alpha[start - 1] and doc.lower[start - 1] not in DEFINITE_WORDS:
            start -= 1
            words.insert(0, doc.lower[start])
        name = frame.speaker.name.lower()
        for first in range(len(words)):
            office = " ".join(words[first:])
            actor = compiled.source_by_alias.get(f"{name}s {office}") or compiled.source_by_alias.get(f"{name} {office}")
            if actor is not None and actor != frame.speaker.name:
                start = position - 1 - (len(words) - first - 1)
                start -= start - 1 >= lower_bound and doc.lower[start - 1] in ("the", "a")
                return replace(frame, speaker=_registry_speaker(actor, compiled), left=start)
        return frame
    if lower == "the" and position - 1 >= lower_bound:
        position -= 1  # 'close to the Syrian government'
        lower = doc.lower[position]
    if position - 1 >= lower_bound and f"{doc.lower[position - 1]} {lower}" in ACQUAINTED_WITH:
        noun = position - 2
        if noun < lower_bound or doc.lower[noun] not in DESCRIBED_SOURCE_NOUNS:
            return frame
        start = noun
        while start - 1 >= lower_bound and noun - start < 2 and (doc.lower[start - 1],) in compiled.speaker_modifiers:
            start -= 1  # 'Western diplomats familiar with ...', 'senior officials close to ...'
        start -= start - 1 >= lower_bound and doc.lower[start - 1] in ARTICLES  # 'a source close to ...'
        verb = frame.verb_start
        while verb - 1 > frame.left and (doc.lower[verb - 1] in FRAME_ADVERBS or doc.lower[verb - 1] in PERFECT_AUXILIARIES):
            verb -= 1
        return replace(frame, speaker=_Speaker(doc.span_text(start, verb), CAMP_UNKNOWN, True, "group"), left=start)
    return frame


GOVERNMENT_HEADS = frozenset({"government", "administration", "regime", "cabinet"})
OFFICE_HEADS = frozenset({"ministry", "office", "embassy", "command"})
ACQUAINTED_WITH = frozenset({"familiar with", "close to", "briefed on", "knowledgeable about"})
DESCRIBED_SOURCE_NOUNS = frozenset({"source", "sources", "official", "officials", "diplomat", "diplomats", "people", "person"})


# Head nouns of a description written before a registry name in apposition ('monitoring group the Syrian Observatory',
# 'official news agency SANA', 'activist group Raqqa is Being Slaughtered Silently'), with ROLE_WORDS ('Observatory
# director Rami Abdel Rahman').
DESCRIPTION_HEADS = frozenset({"group", "monitor", "watchdog", "agency", "charity", "organisation", "organization", "ngo", "network", "channel",
                               "daily", "newspaper", "broadcaster", "station", "outlet"})
PERSON_DESCRIPTION_HEADS = frozenset({"activist", "journalist", "resident", "doctor", "member", "correspondent", "researcher", "analyst", "lawyer",
                                      "volunteer", "photographer", "reporter", "nurse", "surgeon", "witness", "spokeswoman", "minister", "secretary",
                                      "governor", "mayor", "adviser", "advisor", "coordinator", "chairman", "president", "premier", "ambassador"})
OBJECT_OF_PREPOSITION = LOCATIVE_WORDS | {"by", "about", "as", "like", "than", "called", "named"}
DESCRIPTION_NOUN_MODIFIERS = frozenset({"activist", "activists", "opposition", "rebel", "jihadist", "militant", "monitoring", "rights", "aid", "relief",
                                        "campaign", "advocacy", "watchdog", "research", "medical", "humanitarian", "news", "media", "militia", "party"})
# Capitalised words that may open a title run before a one-person role ('Media Activist', 'Local Journalist', 'Senior
# Opposition Commander'): description modifiers and a few adjectives of rank or place.
CAPITALISED_ROLE_MODIFIERS = DESCRIPTION_NOUN_MODIFIERS | {"local", "senior", "veteran", "prominent", "independent", "citizen", "field", "deputy"}


def _description_before_name(doc: _Toks, left: int, lower_bound: int, speakers: list[_Hit], compiled: _Compiled, person: bool = False) -> int | None:
    """Where a description in apposition before a registry name that opens the frame starts ('... on Sunday monitoring
    group the Syrian Observatory for Human Rights said', '... official news agency SANA reported', '..." Observatory
    director Rami Abdel Rahman said', '... but senior Russian military official X told'): the speaker's noun phrase, so
    not part of the content before it. None when no description head (a group noun or role word) stands right before
    the name, or when the description does not open a phrase (after a quotation, a comma, a date, an opener or its own
    article, not after a preposition: 'was targeted by a radical rebel group state TV said' is the content's)."""
    name = next((s for s in speakers if s.start == left and s.kind == "S" and compiled.sources[s.key]["kind"] in ("organisation", "outlet", "person")), None)
    if name is None and person and doc.title[left] and doc.alpha[left]:
        name = _Hit("N", "", left, left + 1, doc.token(left))  # a person the registry lacks ('local journalist Karim Haddad reported')
    if name is None or not (doc.title[left] or doc.lower[left] == "the" or doc.token(left).isupper()):
        return None  # a lowercase description ('state television') is no name
    head = left - (left - 1 > lower_bound and doc.lower[left - 1] == "the")
    heads = PERSON_DESCRIPTION_HEADS if name.kind == "N" else DESCRIPTION_HEADS
    if head - 1 <= lower_bound or not (doc.lower[head - 1] in heads or doc.lower[head - 1] in ROLE_WORDS) or doc.title[head - 1]:
        return None
    start = head - 1
    while start - 1 > lower_bound:
        lower = doc.lower[start - 1]
        same = next((s for s in speakers if s.end == start and s.kind == "S" and s.key == name.key), None)
        if same is not None:
            return same.start  # 'Observatory director Rami Abdel Rahman': the organisation the role belongs to
        if doc.alpha[start - 1] and lower in DESCRIPTION_NOUN_MODIFIERS:
            start -= 1  # 'activist group', 'militia spokesman'
            continue
        if (size := _modifier_ending_at(doc, start, lower_bound + 1, compiled)) is not None:
            start -= size  # 'official news agency', 'senior Russian military official', 'local civil defense official'
            continue
        break
    opener = start - 1
    if opener >= lower_bound and doc.lower[opener] in ARTICLES:
        if opener - 1 >= lower_bound and doc.lower[opener - 1] in OBJECT_OF_PREPOSITION:
            return None  # 'was targeted by a radical rebel group': an object
        return opener
    if opener < lower_bound or doc.sent_start[start]:
        return start
    lower = doc.lower[opener]
    if lower == ")" or lower in OBJECT_OF_PREPOSITION or (doc.title[opener] and doc.alpha[opener] and lower not in DATE_TOKENS and lower not in SUBJECT_OPENING_WORDS):
        return None  # 'the Islamic State (IS) group the Observatory said', 'killed by rebel group X': the head ends the phrase before
    if name.kind != "N" and doc.alpha[opener] and lower not in DATE_TOKENS and lower not in SUBJECT_OPENING_WORDS:
        return None  # 'targeted by a radical rebel group Syrian TV said': an organisation noun after a lowercase word may be its object
    return start  # after a quotation, a date, an opener, or a person's role after the content's last word ('in the attack local journalist X')


def _remember_speaker(doc: _Toks, frame: _Frame, state: _ArticleState) -> None:
    """What a sentence's frame leaves in the article's state for later back-references: the last outlet, group,
    individual, organisation, person and reporter, a surname, and the head noun of a named speaker's subject."""
    if frame.speaker.kind == "outlet" or frame.speaker.media:
        state.last_outlet = frame.speaker
    if frame.speaker.anonymous and frame.speaker.kind == "group" and frame.speaker.name.lower() not in NOUN_FORMS:  # not 'Reports said'
        state.last_group = frame.speaker
        if not frame.inherited:
            state.last_individual = frame.speaker if _is_individual(frame.speaker.name) else None
    if not frame.speaker.anonymous and frame.speaker.kind == "outlet" and frame.speaker.name.lower() != state.outlet:
        state.last_organisation = state.last_report = frame.speaker  # another outlet: 'It said', 'the agency said', never 'he' or 'the source'
    elif not frame.speaker.anonymous and frame.speaker.kind != "outlet":
        verb = frame.verb_start
        if (frame.kind == "reported" and frame.left < verb - 1 and (head := doc.lower[verb - 1]).endswith("s") and doc.alpha[verb - 1]
                and doc.token(verb - 2)[:1].isupper() and " and " not in frame.speaker.name):
            state.heads[head] = frame.speaker  # 'US officials said': the officials a later 'one of the officials' means
        state.last_individual = None
        state.last_any = state.last_report = frame.speaker
        state.any_sentence = state.sentence
        if frame.speaker.kind == "organisation":
            state.last_organisation = frame.speaker
        # 'Foreign Secretary Boris Johnson said' (United Kingdom): a person's voice, which 'he' may mean sentences later
        spoken_for = frame.speaker.kind == "organisation" and frame.kind in ("reported", "inverted")
        around = range(max(frame.left - 1, 0), frame.right)
        state.titled_any = spoken_for and any(doc.lower[index] in TITLE_WORDS or doc.lower[index] in HONORIFICS for index in around)
        if spoken_for and not frame.inherited and (state.titled_any or any(doc.lower[index] in ROLE_WORDS for index in around)):
            # 'spokesman Igor Konashenkov said' (the ministry; a title word, ``_is_title_word``): a later 'he' is him, not a
            # person named before
            state.last_person = None
        if frame.speaker.kind == "person":
            state.last_person = frame.speaker
            state.persons.setdefault(frame.speaker.name.split()[-1].lower(), frame.speaker)


GENERIC_ARMIES = frozenset({"army", "military"})  # 'the army said': the army the article named last, whichever it is
ARMY_WORDS = GENERIC_ARMIES | frozenset({"troops", "forces", "armed"})  # with another word, a particular army ('Syrian troops')


def _army_named_last(compiled: _Compiled, state: _ArticleState) -> _Speaker | None:
    """The last registry army named in the sentences before ('the Turkish military', 'Syrian troops'), as a speaker or
    not: the one a later 'the army said' means (``_army_by_salience``)."""
    hits = state.hits
    hit = next((hits[index] for index in range(state.hits_before - 1, -1, -1) if hits[index].kind == "S" and _names_an_army(hits[index].text)), None)
    return None if hit is None else _speaker_from_hit(hit, compiled)


def _mention_names_an_army(text: str) -> bool:
    """Whether a registry mention names a particular army ('the Turkish military', 'Syrian troops'), not the bare
    'army' / 'the military'."""
    words = text.lower().split()
    if words[0] == "the":
        del words[0]
    return not ARMY_WORDS.isdisjoint(words) and not (len(words) == 1 and words[0] in GENERIC_ARMIES)


ARMY_MENTIONS_LIMIT = 50_000  # distinct mention texts remembered before the memo starts afresh (as SPELLING_CACHE_LIMIT)
_ARMY_MENTIONS = BoundedMemo(_mention_names_an_army, ARMY_MENTIONS_LIMIT)  # mention text -> whether it names a particular army


def _names_an_army(text: str) -> bool:
    return _ARMY_MENTIONS[text]


def _army_by_salience(doc: _Toks, frames: list[_Frame], compiled: _Compiled, state: _ArticleState) -> None:
    """'the army said' / 'the military said' as a frame's subject is the army the article named last (in place):
    in a report on the Turkish army, the Turkish army, not the registry's default for the bare word."""
    for index, frame in enumerate(frames):
        if (frame.kind == "reported" and not frame.inherited and frame.left + 2 <= frame.verb_start and doc.lower[frame.left] == "the"
                and doc.lower[frame.left + 1] in GENERIC_ARMIES and all(doc.lower[between] in FRAME_ADVERBS for between in range(frame.left + 2, frame.verb_start))
                and (army := _army_named_last(compiled, state)) is not None and frame.speaker.name != army.name):
            frames[index] = replace(frame, speaker=army)


def _actor_of_sources(name: str, compiled: _Compiled, state: _ArticleState) -> _Speaker | None:
    """The registry organisation whose alias is the singular of a lowercase 'X sources' group ('military sources', 'the
    military sources' for the alias 'military source'): an unnamed source of a registry organisation speaks for it
    (docs/annotation.md, Speaker rule 1); an army, the army the article named last (as 'the army said'). None when the
    singular is no organisation's alias (an anonymous registry group's stays as written)."""
    text = name.removeprefix("the ")
    if not text.endswith(" sources") or text != text.lower():
        return None
    singular = text[:-1]
    key = compiled.source_by_alias.get(singular)
    if key is None or (info := compiled.sources[key])["kind"] != "organisation" or info["anonymous"]:
        return None
    if _names_an_army(singular) and (army := _army_named_last(compiled, state)) is not None:
        return army
    return _registry_speaker(key, compiled)


# Lowercase organisation nouns that, after 'the', refer back to the registry organisation the article named last with
# that noun in its name ('the US-led coalition ... the coalition said'), as 'the centre' does (``NAME_HEAD_REFERENCE_NOUNS``).
HEAD_REFERENCE_NOUNS = frozenset({"coalition", "council", "committee"})


def _organisation_by_head_noun(doc: _Toks, frame: _Frame, state: _ArticleState) -> _Speaker | None:
    """The registry organisation a description frame's 'the <noun>' refers back to: 'the coalition said', 'a spokesman
    for the coalition said' (a ``MEMBER_OF_LINKS`` word before 'the'), the noun lowercase, in ``HEAD_REFERENCE_NOUNS``
    or ``NAME_HEAD_REFERENCE_NOUNS``, right before the verb (adverbs aside); the last registry organisation mentioned
    before it with that noun in its name (docs/annotation.md, Speaker rules 1 and 5). None when there is none."""
    noun = frame.verb_start - 1
    while noun > frame.left and doc.lower[noun] in FRAME_ADVERBS:
        noun -= 1
    if noun - 1 < frame.left or (noun - 1 > frame.left and doc.lower[noun - 2] not in MEMBER_OF_LINKS):
        return None
    if doc.lower[noun] not in HEAD_REFERENCE_NOUNS and doc.lower[noun] not in NAME_HEAD_REFERENCE_NOUNS:
        return None
    return _the_noun_organisation(doc, noun, state)


def _the_noun_organisation(doc: _Toks, noun: int, state: _ArticleState) -> _Speaker | None:
    """'the <noun>' ending at ``noun``, the noun written lowercase ('the coalition'): the registry organisation named
    last before 'the' with that noun in its name (``_organisation_named_with``), or None."""
    lower = doc.lower[noun]
    if doc.token(noun) != lower or doc.lower[noun - 1] != "the":
        return None
    return _organisation_named_with(state, frozenset((lower,)), noun - 1)


NESTED_CLOSING_WORDS = 2  # content words a closing report may leave after it ('... activists said on Tuesday')


def _nest_reports(sent: _Sent, frames: list[_Frame], outlet: str) -> None:
    """A report inside another takes the outer reporter as its speaker (in place), the one who asserts the claim
    to the outlet (docs/annotation.md, nested reports): a report running up to a report that closes the sentence
    ('Residents blamed the coalition for the strikes activists said', 'Reports confirmed five deaths said the
    source noting ...') is the closing reporter's, and a report opening the content of another ('The Observatory chief said
    the activists in the area said gas was fired') is the first reporter's. The publishing outlet is never the outer
    reporter (its report of someone is that someone's), nor is a pronoun closing the sentence ('... he said' is the
    subject's own) or a mention after a verb or preposition ('... joined the al-Qaeda branch Press TV reported')."""
    doc = sent.toks
    for index in range(1, len(frames)):
        outer, inner = frames[index - 1], frames[index]
        if outer.inherited or inner.inherited or outer.kind != "reported" or inner.kind not in ("reported", "inverted") or outer.speaker.name == inner.speaker.name:
            continue
        if outer.verb_text.lower() in CITING_WORDS or outer.verb_text.lower() in QUOTING_VERBS:
            continue  # 'Reuters quoting US officials said': the officials' report (the quoting rules)
        next_left = frames[index + 1].left if index + 1 < len(frames) else sent.end
        gap = _n_words(doc, outer.right, inner.left)
        before = inner.left - 1  # the word before the closing report's subject, past its article
        while before > outer.right and doc.lower[before] in ARTICLES:
            before -= 1
        if (inner.kind == "reported" and gap <= 1 and (gap == 0 or doc.lower[outer.right] == "that") and _n_words(doc, inner.right, next_left) >= 3
                and outer.speaker.name.lower() != outlet and doc.lower[inner.left] not in RELATIVE_WORDS and doc.lower[inner.verb_start - 1] not in RELATIVE_WORDS):
            frames[index] = replace(inner, speaker=outer.speaker)  # 'X said Y said C': C is what X reports
        elif (gap >= 3 and doc.lower[inner.left - 1] not in CLAUSE_WORDS and doc.lower[inner.left - 1] not in OBJECT_PREPOSITIONS and inner.speaker.name.lower() != outlet
              and not (inner.kind == "reported" and (doc.lower[inner.left] in PRONOUNS_PERSON or doc.lower[inner.left] in PRONOUNS_GROUP
                                                     or (doc.lower[before].endswith("ed") and doc.alpha[before] and not doc.title[before]))) and all(frame.inherited for frame in frames[index + 1:])
              and (_n_words(doc, inner.right, next_left) <= NESTED_CLOSING_WORDS or _only_frame_tail(doc, inner.right, next_left) or _opens_participle(doc, inner.right))):
            frames[index - 1] = replace(outer, speaker=inner.speaker)  # 'Y blamed X for C activists said': the activists report it


QUOTING_VERBS = frozenset({"quoted", "quoting"})
NEGATED_SUBJECT_WORDS = frozenset({"neither", "nor", "no"})  # before a frame's subject: a report nobody made


def _passive_agent(doc: _Toks, verb: _Hit, speakers: list[_Hit], passive_spans: list[tuple[int, int]], lower_bound: int) -> tuple[int, _Hit] | None:
    """The agent of a passive report ('were reported by the civil defence', 'was also reported by Syrian state
    television'): (start of the passive words, the speaker mention right after 'by', an optional article between);
    else None."""
    start = min(low for low, high in passive_spans if low <= verb.start < high)
    after = verb.end
    if start < lower_bound or after >= doc.n or doc.lower[after] != "by":
        return None
    agent = next((s for s in speakers if after + 1 <= s.start <= after + 2), None)
    if agent is None or (agent.start == after + 2 and doc.lower[after + 1] not in ARTICLES):
        return None
    return start, agent


# Determiners before a reporting verb form make it a noun ('their pledges', 'the claims', 'its warnings').
NOUN_DETERMINERS = frozenset({"the", "a", "an", "their", "its", "his", "her", "our", "these", "those", "such"})
# Bare forms of the accusation, denial and stance verbs, which after 'to' or a modal are no report ('executed to deny
# Daesh the ability', 'Russia was to blame', 'would threaten the siege').
BARE_STANCE_FORMS = frozenset({"accuse", "blame", "deny", "threaten", "pledge", "vow", "warn"})
INFINITIVE_MARKERS = frozenset({"to", "would", "could", "will", "may", "might", "can", "should", "must", "shall"})
# Reporting verb forms that are also nouns ('probe reports', 'verify claims').
NOUN_FORMS = frozenset({"reports", "report", "claims", "claim", "alleged"})
# Reporting verb forms that are also plural nouns, and the prepositions that make them nouns ('despite pledges of ...').
PLURAL_NOUN_FORMS = frozenset({"reports", "claims", "pledges", "vows", "notes", "counts"})
# Reporting verb forms far more often nouns ('new states', 'member states'): a report only before 'that', a quotation or a colon.
NOUN_LIKE_VERBS = frozenset({"states"})
NOUN_PREPOSITIONS = frozenset({"despite", "amid", "of", "after", "following", "about", "over", "with", "without", "on", "by", "for"})
# Words between a modal or 'to' and a reporting verb that leave it a verb ('would also say', 'will not confirm', 'to have said').
NOT_OBJECT_VERBS = frozenset({"not", "never", "also", "have", "be", "then", "later", "soon", "still", "again", "further", "publicly", "officially"})
CLAUSE_ONLY_FORMS = frozenset({"maintain", "maintains", "maintained", "maintaining"})  # a report only before 'that' or closing one
# 'threaten' reports only a stated intent ('threatened to target', 'threatened that'); with an object it is an act
# ('IS threatens the province').
THREAT_FORMS = frozenset({"threaten", "threatens", "threatened", "threatening"})
# Verbs of monitoring that report what they count: a report only with a count as object ('the ministry registered 604
# breaches', 'the hospital had recorded four deaths', 'RSF counted 66 journalists killed').
COUNTING_VERBS = frozenset({"registered", "recorded", "counted", "registers", "counts"})
COUNT_LEAD_WORDS = frozenset({"at", "least", "more", "than", "some", "nearly", "almost", "over", "about", "around", "no", "fewer", "a", "total", "of", "up", "to"})


def _count_follows(doc: _Toks, start: int, end: int) -> bool:
    """A number (or a vague count) opens the words from ``start``, after at most three words of approximation
    ('at least 30', 'a total of 604', 'no fewer than 12')."""
    for position in range(start, min(start + 4, end)):
        if doc.numberish[position + 1] > doc.numberish[position] and doc.lower[position] not in ("a", "an", "no"):
            return True
        if doc.lower[position] not in COUNT_LEAD_WORDS:
            return False
    return False


ASKING_FORMS = frozenset({"asked for", "asks for"})  # after a relative word, a request describing the speaker ('who asked for anonymity')
# Verbs that perform what their indefinite object names ('declared a truce', 'announced an offensive'): an act the
# outlet reports, not a report of the verb's subject.
DECLARING_VERBS = frozenset({"declared", "declares", "declare", "announced", "announces", "announce"})
# 'reported' right before an outcome ('hundreds reported dead', 'two soldiers reported missing') qualifies a count.
REPORTED_PARTICIPLES = frozenset({"reported"})  # not "confirmed": "the Observatory confirmed dead civilians in ..." reports
REPORTED_OUTCOMES = frozenset({"dead", "killed", "missing", "wounded", "injured", "kidnapped", "abducted", "captured", "detained"})


def _not_a_report(sent: _Sent, verb: _Hit) -> bool:
    """A reporting verb form that is no report here: a noun (after a determiner, 'their pledges'; a plural after a
    preposition, 'despite pledges'; the object of another verb, 'to verify claims'; before 'of' / 'about'; 'states'
    opening no content), an accusation, denial or stance verb as an infinitive or a passive, a counting verb with no
    count, a participle of a count ('reported dead'), a declaration of an act ('declared a truce'), 'maintain' with an
    object, or a threat with an object instead of an intent."""
    doc, lower = sent.toks, verb.text.lower()
    previous = doc.lower[verb.start - 1] if verb.start > sent.start else ""
    if previous in NOUN_DETERMINERS:
        return True  # 'their pledges', 'dismissed the reports as lies', 'look into the reports': a noun, also when it could name a group
    if lower in PLURAL_NOUN_FORMS and previous in NOUN_PREPOSITIONS:
        return True  # 'despite pledges of an amnesty', 'amid reports that': a plural noun after a preposition
    if lower in BARE_STANCE_FORMS and previous in INFINITIVE_MARKERS:
        return True
    if (lower in NOUN_FORMS and verb.start - 2 >= sent.start and doc.lower[verb.start - 2] in INFINITIVE_MARKERS and doc.alpha[verb.start - 1] and previous == doc.token(verb.start - 1)
            and previous not in NOT_OBJECT_VERBS and not previous.endswith("ly")):
        return True  # 'it would probe reports that ...', 'to verify claims': the object of another verb
    if lower in COUNTING_VERBS and not _count_follows(doc, verb.end, sent.end):
        return True  # 'the army recorded gains', 'registered as displaced': only a count recorded is a report ('registered 604 breaches')
    if lower in REPORTED_PARTICIPLES and verb.end < sent.end and doc.lower[verb.end] in REPORTED_OUTCOMES:
        return True  # 'an assault that has left hundreds reported dead': a participle of the count, no one reports
    if lower in ACCUSATION_VERBS and any(doc.lower[index] in PASSIVE_AUXILIARIES for index in range(max(sent.start, verb.start - 4), verb.start)):
        return True  # 'Russia was on Monday accused of ...': the subject is the accused, not the accuser
    if lower in NOUN_FORMS and verb.end < sent.end and doc.lower[verb.end] in ("of", "about"):
        return True  # 'following up on press reports about ...', 'claims of chemical attacks': a noun
    if lower in NOUN_LIKE_VERBS and not _opens_content(doc, verb.end, min(verb.end + 1, sent.end)):
        return True  # 'formation of new states in Syria', 'the Gulf states': a noun; the verb takes 'that', a quotation or a colon
    if lower in ASKING_FORMS and previous in RELATIVE_WORDS:
        return True  # '... said the resident who asked for anonymity': a request describing the speaker, no report
    if previous in UNSAID_WORDS and not REPORTED_FIGURE_WORDS.isdisjoint(lower.split()):
        return True  # 'which has not given a toll for the army': a toll not given is no report
    if lower in DECLARING_VERBS and verb.end < sent.end and doc.lower[verb.end] in ("a", "an"):
        return True  # 'the ministry declared a 48-hour truce', 'the army announced an operation': the act, not a report
    if lower in STANCE_ACT_VERBS and lower.split()[0].endswith("ed") and (
            _after_passive_auxiliary(doc, verb.start, sent.start) or (verb.end < sent.end and doc.lower[verb.end] == "by")):
        # 'Islamic State was condemned on Friday in a resolution', 'the plan was welcomed by ...', 'an accusation dismissed by
        # the government': the subject (or the noun before a participle) is the object
        return True
    if lower in NAMING_VERBS and _names_no_judgement(doc, verb, sent.end):
        return True
    if lower in CLAUSE_ONLY_FORMS and verb.end < sent.end and doc.lower[verb.end] != "that" and doc.lower[verb.end] not in _QUOTES and not doc.punct[verb.end]:
        return True  # 'the rebels have maintained momentum': only 'maintained that ...' (or a closing 'X maintained') reports
    return lower in THREAT_FORMS and not (verb.end < sent.end and doc.lower[verb.end] in ("to", "that"))


def _names_no_judgement(doc: _Toks, verb: _Hit, end: int) -> bool:
    """A naming verb that reports no judgement: a name given ('a coalition called the Army of Conquest', 'so called'),
    a self-description ('which describes itself as'), a verb joined to the frame before ('said ... and described the
    attackers as'), a reduced relative ('men described as soldiers', 'targets he described as'), or 'described' without
    the 'as' of a judgement within eight words ('residents described shortages of bread')."""
    previous = doc.lower[verb.start - 1] if verb.start > 0 else ""
    following = doc.lower[verb.end] if verb.end < end else ""
    if previous in ("so", "also", "be", "being", "and") or following in REFLEXIVE_PRONOUNS:
        return True
    if verb.text.lower().startswith("call"):
        return verb.end < end and doc.title[verb.end]
    return following == "as" or "as" not in doc.lower[verb.end + 1:min(verb.end + 9, end)]


def _after_passive_auxiliary(doc: _Toks, start: int, low: int) -> bool:
    """A passive auxiliary right before ``start``, over frame adverbs, '-ly' words and 'on <weekday>' ('was strongly
    condemned', 'were on Friday welcomed')."""
    position = start - 1
    while position > low and (doc.lower[position] in FRAME_ADVERBS or doc.lower[position].endswith("ly") or doc.lower[position] in WEEKDAYS_WRITTEN
                              or (doc.lower[position] == "on" and doc.lower[position + 1] in WEEKDAYS_WRITTEN)):
        position -= 1
    return position >= low and doc.lower[position] in PASSIVE_AUXILIARIES


def _is_casualty_idiom(sent: _Sent, verb: _Hit) -> bool:
    """Whether the reporting verb's object is 'lives'/'life' (numbers' ``KILLED_OF``), bare or after 'the': a casualty
    idiom ('claiming the lives of'), not a report. Tested for every reporting verb, though only 'claim' forms take it.
    ('claimed responsibility' stays a report: the tuned set reads it as the group's claim, holdout5 as the outlet's.)"""
    lower, position = sent.toks.lower, verb.end
    if position < sent.end and lower[position] == "the":
        position += 1
    if position < sent.end and lower[position] in KILLED_OF:
        return True
    return lower[verb.end - 1] in CLAIM_VERBS and _claims_count_of_dead(sent, verb.end)


# Words of an approximator before a count ('more than', 'at least', 'some'), from numbers' APPROXIMATORS.
APPROXIMATOR_WORDS = frozenset(word for phrase in APPROXIMATORS for word in phrase.split())
# Words after a count of people that give it a verb of its own: the claim verb reports it ('claimed 160 civilians were
# killed'), not the idiom.
COUNT_CLAUSE_VERBS = frozenset({"were", "was", "are", "is", "had", "have", "has", "been", "be", "would", "will", "died", "killed", "wounded", "injured"})
# Tokens after a count within which its head noun is looked for ('more than 100 civilian lives', 'scores of terrorists').
COUNT_HEAD_REACH = 3

# Words after a count of people that close or extend it as an object ('claimed more than 100 civilians including
# children', 'claiming scores of terrorists and blocking ...'); any other word after it starts the count's own clause.
COUNT_OBJECT_FOLLOWERS = frozenset({"including", "among", "mostly", "mainly", "in", "on", "at", "near", "during", "since", "and", "across", "over", "from",
                                    "according", "last", "this", "so", "far", "alone"})


def _claims_count_of_dead(sent: _Sent, position: int) -> bool:
    """A 'claim' verb whose object is a count of the dead or of people with no verb of its own after it: the casualty
    sense ('strikes near the town claimed more than 100 civilians', 'shells landing in the market claiming two lives'),
    not a report ('claimed 160 civilians were killed' reports). Numbers' CLAIM_VERBS rule reads the count as killed."""
    doc = sent.toks
    lower, numberish = doc.lower, doc.numberish
    while position < sent.end and lower[position] in APPROXIMATOR_WORDS and numberish[position + 1] == numberish[position]:
        position += 1
    if position >= sent.end or numberish[position + 1] == numberish[position]:
        return False
    while position < sent.end and numberish[position + 1] > numberish[position]:
        position += 1  # 'two hundred', '1.2 million'
    for index in range(position, min(position + COUNT_HEAD_REACH, sent.end)):
        if lower[index] in KILLED_OF or lower[index] in DEATH_NOUNS:
            return True
        if lower[index] in PERSON_NOUNS:
            after = index + 1
            if after < sent.end and not doc.punct[after] and lower[after] not in COUNT_OBJECT_FOLLOWERS:
                return False  # 'claimed two attackers blew themselves up': the count is a clause's subject
            return not any(lower[later] in COUNT_CLAUSE_VERBS for later in range(after, sent.end))
    return False


# Prepositions that make the mention after them an object ('issued a warning to rebels ... stating'), and the words
# that make a participle the main clause's ('denied it by saying').
OBJECT_PREPOSITIONS = frozenset({"to", "of", "for", "against", "on", "with", "at", "in", "from", "by", "over", "about", "into", "toward", "towards"})
PARTICIPLE_LINKS = frozenset({"by", "after", "before", "while"})


def _subject_of_participle(doc: _Toks, hit: _Hit, before: list[_Hit], speakers: list[_Hit], lower_bound: int) -> _Hit | None:
    """The subject of the clause for a participle ('Assad issued a warning to rebels in Homs stating that ...',
    'Russia backed the denials by saying ...') when the mention nearest to it is an object or the participle hangs on
    the main verb: the first speaker mention of the clause, not itself after a preposition; else None."""
    nearest = before[-1]
    linked = doc.lower[hit.start - 1] in PARTICIPLE_LINKS
    if not linked and not (nearest.start > lower_bound and doc.lower[nearest.start - 1] in OBJECT_PREPOSITIONS):
        return None
    first = next((s for s in speakers if lower_bound <= s.start < hit.start), None)
    if first is None or (first is nearest and not linked) or (first.start > lower_bound and doc.lower[first.start - 1] in OBJECT_PREPOSITIONS):
        return None
    return first


def _quoted_as_saying(frame: _Frame, speakers: list[_Hit], hits: list[_Hit], position: int, doc: _Toks, compiled: _Compiled) -> _Frame:
    """'X quoted Y as saying': Y speaks (X only relays), and the frame runs to 'saying', so the claim before or after
    it is Y's whether the frame opens or closes the sentence."""
    after = frame.verb_end + (frame.verb_end < doc.n and doc.lower[frame.verb_end] in ARTICLES)  # not 'was quoted by AFP as saying'
    quoted = next((s for s in speakers if frame.verb_end <= s.start <= after), None)
    if quoted is None or quoted.end + 1 >= doc.n or doc.lower[quoted.end] != "as":
        return frame
    verb = next((other for other in hits[position + 1:] if other.start == quoted.end + 1 and other.kind == "L" and other.key == "reporting_verb"), None)
    if verb is None:
        return frame
    return _Frame(frame.verb_start, verb.end, verb.text, _speaker_from_hit(quoted, compiled), frame.left, verb.end, frame.kind)


SINGULAR_DETERMINERS = frozenset({"a", "an", "another", "one"})
ROLE_DETERMINERS = SINGULAR_DETERMINERS | {"the"}  # before a role of an organisation ('a senior commander of', 'the head of')
# Nouns that name one person when written without a determiner ('opposition activist said'); 'state media' is no one.
INDIVIDUAL_NOUNS = frozenset({"source", "official", "activist", "resident", "witness", "eyewitness", "commander", "spokesman", "spokeswoman",
                              "spokesperson", "doctor", "medic", "correspondent", "diplomat", "officer", "worker", "governor", "minister"})


def _is_individual(name: str) -> bool:
    """An anonymous speaker phrase naming one person ('a source at X Police Command', 'opposition activist'), not a
    group ('military sources', 'state media', 'a monitor and rebels')."""
    words = name.lower().split()
    if not words or "and" in words:
        return False
    return words[0] in SINGULAR_DETERMINERS or words[-1] in INDIVIDUAL_NOUNS


# 'the Britain-based group', 'US-backed forces': a name before one of these is a modifier, not a speaker.
MODIFIER_PARTICIPLES = frozenset({"based", "backed", "led", "funded", "allied", "affiliated", "linked", "run", "controlled", "held", "born", "supported", "sponsored", "aligned"})


def _is_modifier(doc: _Toks, hit: _Hit) -> bool:
    return hit.end + 1 < doc.n and doc.lower[hit.end] == "-" and doc.lower[hit.end + 1] in MODIFIER_PARTICIPLES


def _inside_longer_name(doc: _Toks, hit: _Hit) -> bool:
    """A registry name followed by 'for' and a capitalised word that does not go on to the registry's own name ('the
    Syrian Network for Democracy', not 'the UK-based Observatory for Human Rights'): part of a longer name the registry
    lacks, not that actor."""
    if not (hit.kind == "S" and hit.end + 1 < doc.n and doc.lower[hit.end] == "for" and not doc.sent_start[hit.end] and doc.title[hit.end + 1] and doc.alpha[hit.end + 1]):
        return False
    _, has_for, rest = hit.key.partition(" for ")
    return not (has_for and rest.split()[0].lower() == doc.lower[hit.end + 1])  # 'the UK-based Observatory for Human Rights' is the registry's own name


def _before_unregistered_name(doc: _Toks, hit: _Hit, hit_starts: set[int], verb_starts: set[int], compiled: _Compiled) -> bool:
    """A registry mention followed right before a reporting verb by one capitalised word that starts no other mention
    and is no title, organisation or media word ('SARC chief Abdulrahman Attar said' with 'Abdulrahman' a registry
    alias, 'committed by rebels Pillay said'): the surname of a person, who is the speaker (found by the proper-name
    rules), not the actor of the mention."""
    word = hit.end
    if hit.kind != "S" or word + 1 >= doc.n or word + 1 not in verb_starts or word in hit_starts:
        return False
    lower = doc.lower[word]
    return (doc.title[word] and doc.alpha[word] and not doc.sent_start[word] and lower not in ORGANISATION_WORDS and not _is_title_word(lower)
            and (lower,) not in compiled.speaker_modifiers and lower not in compiled.media_groups and lower not in HEADLINE_FUNCTION_WORDS)


def _is_noun_before_verb(hit: _Hit, hits: list[_Hit], position: int, speakers: list[_Hit]) -> bool:
    """A verb form that is also a group noun ('reports') directly followed by another reporting verb."""
    following = hits[position + 1:position + 3]
    return any(other.kind == "L" and other.key == "reporting_verb" and other.start == hit.end for other in following) and any(
        speaker.start <= hit.start and hit.end <= speaker.end for speaker in speakers
    )


SAME_WORDS = frozenset({"same", "aforementioned", "latter"})  # 'the same source said': a back-reference, as 'the source'


def _after_definite(doc: _Toks, start: int, lower_bound: int) -> bool:
    """'the' opens a back-reference ending at ``start``, right before it or before 'same' ('the source', 'the same source')."""
    before = start - 1
    if before > lower_bound and doc.lower[before] in SAME_WORDS:
        before -= 1
    return before >= lower_bound and doc.lower[before] == "the"


def _speaker_phrases(sent: _Sent, speakers: list[_Hit], compiled: _Compiled, verb_starts: set[int], state: _ArticleState | None = None,
                     places: Sequence[_Hit] = ()) -> list[_Hit]:
    """Group speakers widened over the modifiers before them: 'Russian sources', 'rebel commanders', 'Syrian state
    media'. A widened phrase becomes a hit of kind W (key: its camp, text: its name), with 'the' when written ('The
    Turkish television'). Members of a registry organisation ('Pentagon officials', 'a local civil defence
    official') are that organisation: its hit is widened over them. 'the source', 'the official' are back-references,
    left to the pronoun rule. An outlet noun (lexicon note 'media') before a name is that name ('news agency
    Anadolu', 'the Turkish daily Hurriyet'), and 'the newspaper' / 'the broadcaster' alone is the last outlet that
    reported (``_media_phrase``)."""
    modifiers = compiled.speaker_modifiers
    if not modifiers:
        return speakers
    doc = sent.toks
    speakers = [hit for hit in speakers if not (hit.kind == "L" and hit.text.lower() in BACK_REFERENCE_NOUNS and _after_definite(doc, hit.start, sent.start))]
    registry_by_end = {hit.end: hit for hit in speakers if hit.kind == "S"}
    registry_by_start = {hit.start: hit for hit in speakers if hit.kind == "S"}
    group_starts = {hit.start for hit in speakers if hit.kind == "L"}
    if compiled.media_groups and registry_by_end:  # 'Al-Manar TV channel': the outlet noun overlapping a registry name belongs to it
        speakers = [hit for hit in speakers if not (hit.kind == "L" and any(other.start < hit.start < other.end for other in registry_by_end.values()))]
    absorbed: set[int] = set()
    widened: dict[int, _Hit] = {}
    for hit in speakers:
        registry_group = hit.kind == "S" and compiled.sources[hit.key]["kind"] == "group"
        if (hit.kind == "S" and not registry_group) or (hit.start in verb_starts and hit.end not in verb_starts):
            continue  # a registry name stands as it is; 'reports' may be the verb ('Reuters reports'), not before another ('Initial reports said')
        start, camp, state_camp, kept, member = hit.start, None, None, [], None
        while start > sent.start:
            source = registry_by_end.get(start)
            if source is not None and source.start >= sent.start:
                source_kind = compiled.sources[source.key]["kind"]
                if source_kind == "person":
                    break  # 'forces loyal to President Assad sources said': commas lost, not his sources
                if source_kind in ("organisation", "outlet") and not registry_group:
                    if doc.lower[hit.start] in DEFINITE_WORDS and source.start > sent.start and doc.lower[source.start - 1] in OBJECT_PREPOSITIONS:
                        break  # 'a statement to SANA a source at ... said': the organisation is an object, the determiner opens the speaker
                    if doc.lower[hit.start] in DEFINITE_WORDS and source.start > sent.start and doc.alpha[source.start - 1] and doc.text[doc.idx[source.start - 1]].islower():
                        break  # 'a town bordering Iraq an NGO said': the organisation ends the clause before, the determiner opens the speaker
                    if _object_in_coordination(doc, sent, source, registry_by_end):
                        break  # 'objections from Russia and China diplomats said': the organisation is an object, not the diplomats' 
                    member = source  # the organisation speaks through its members
                    break
                camp = camp or compiled.sources[source.key]["camp"]
                absorbed.add(id(source))
                kept.append((source.start, source.end))
                start = source.start
                continue
            size = _modifier_ending_at(doc, start, sent.start, compiled)
            if size is None:
                if hit.end in verb_starts and (possessive := _place_possessive_ending_at(doc, start, sent.start, compiled)) is not None and not kept:
                    kept.append((start - possessive, start))  # 'Homss governor', 'Irans foreign minister': the place's, as written
                    start -= possessive
                    actor = compiled.source_by_alias.get(doc.lower[start] if possessive == 2 else doc.lower[start][:-1])
                    camp = camp or (compiled.sources[actor]["camp"] if actor in compiled.sources else None)  # a registry actor's: its camp
                break
            category, modifier_camp, capitalised = modifiers[tuple(doc.lower[start - size:start])]
            if category == "speaker_side":
                camp = camp or modifier_camp
            elif category == "demonym":
                state_camp = state_camp or modifier_camp
            if capitalised:
                kept.append((start - size, start))
            start -= size
        if member is not None:
            absorbed.add(id(member))
            start = member.start
            while start > sent.start and (size := _modifier_ending_at(doc, start, sent.start, compiled)) is not None:
                start -= size  # 'a senior Pentagon official'
            widened[id(hit)] = _Hit("S", member.key, start, hit.end, doc.span_text(start, hit.end))
            continue
        if hit.kind == "L" and hit.text.lower() in compiled.media_groups:
            media = _media_phrase(doc, sent, hit, start, camp or state_camp, registry_by_start, compiled, state, places, kept)
            if media is not None:
                named, phrase = media
                if hit.end in group_starts or _after_preposition(doc, sent, phrase.start):
                    absorbed.add(id(hit))  # 'media activist Karim said': a modifier; 'an interview on the CBS television network': an object
                elif named is not None:
                    absorbed.add(id(hit))
                    widened[id(named)] = phrase
                else:
                    widened[id(hit)] = phrase
                continue
        if start == hit.start:
            continue
        if registry_group:
            camp = compiled.sources[hit.key]["camp"]
        elif camp is None and hit.text.lower() not in compiled.civilian_groups:
            camp = state_camp
        if start - 1 >= sent.start and doc.lower[start - 1] == "the":
            start -= 1  # 'the Turkish newspaper said': a description keeps its determiner (docs/annotation.md, Speaker rule 3)
        widened[id(hit)] = _Hit("W", camp or CAMP_UNKNOWN, start, hit.end, _phrase_as_written(doc, start, hit.end, kept))
    if not widened and not absorbed:
        return speakers
    return [widened.get(id(hit), hit) for hit in speakers if id(hit) not in absorbed]


DEFINITE_WORDS = frozenset({"the", "its", "their", "his", "her", "this", "that", "these", "those", "a", "an", "one", "another"})


def _determiner_lowered(doc: _Toks, start: int, end: int, determiners: frozenset | tuple = DEFINITE_WORDS) -> str:
    """The words start..end as written, the first lowercased when it is a determiner ('The source at ...' -> 'the source
    at ...'): a speaker described as written, wherever in the sentence it stands."""
    first = doc.token(start)
    return (first.lower() if first.lower() in determiners else first) + doc.span_text(start, end)[len(first):]


def _capitalised(doc: _Toks, index: int) -> bool:
    """A word of a name: capitalised ('Hurriyet') or an acronym ('CBS')."""
    return doc.alpha[index] and (doc.title[index] or (doc.length[index] > 1 and doc.token(index).isupper()))


def _after_preposition(doc: _Toks, sent: _Sent, start: int) -> bool:
    """A phrase opening at ``start`` that is the object of a preposition before it, over capitalised words and then an
    article ('on the U.S. CBS television network', 'to the Turkish TV'; not 'in Homs the Turkish newspaper said')."""
    position = start - 1
    if doc.lower[start] not in ARTICLES:
        while position >= sent.start and start - position <= 3 and (_capitalised(doc, position) or doc.token(position).isupper()):
            position -= 1  # 'the U.S. CBS television network'
        if position >= sent.start and doc.lower[position] in ARTICLES:
            position -= 1
    return position >= sent.start and doc.lower[position] in OBJECT_PREPOSITIONS


PERSON_ROLE_SCAN = 6  # words of a role after a name searched for its registry organisation ('a volunteer with the group')
PERSON_TITLE_SCAN = 4  # words of a title before a name searched for a demonym or side ('Turkish Prime Minister')
SIDE_CATEGORIES = frozenset({"demonym", "speaker_side"})


def _person_camp(sent: _Sent, frame: _Frame, speakers: list[_Hit], compiled: _Compiled) -> str | None:
    """The camp of an unregistered person speaker from the words around the name (docs/annotation.md, Speaker rule
    2: the camp of what the title names): a description right after it ('X Y a Kurdish official', 'X Y, a civil
    defence official', 'X Y the Syrian National Coalition's vice-president'), else a demonym or side in the title
    right before it ('Turkish Prime Minister X Y', 'Kurdish activist X Y'); None when neither gives one."""
    doc = sent.toks
    low, high = (frame.verb_end, frame.right) if frame.kind == "inverted" else (frame.left, frame.verb_start)
    if high <= low:
        return None
    text_start = doc.idx[low]
    found = doc.text.find(frame.speaker.name, text_start, doc.idx[high - 1] + doc.length[high - 1])
    if found < 0:
        return None
    start = bisect_left(doc.idx, found)
    end = bisect_left(doc.idx, found + len(frame.speaker.name))
    after = end + (end < sent.end and doc.lower[end] == ",")
    described = next((s for s in speakers if s.start == after and (s.kind != "S" or compiled.sources[s.key]["kind"] != "person")), None)
    if described is None and after + 1 < sent.end and doc.lower[after] in ARTICLES:
        described = next((s for s in speakers if s.start == after + 1 and (s.kind != "S" or compiled.sources[s.key]["kind"] != "person")), None)
    if described is not None and (camp := _speaker_from_hit(described, compiled).camp) != CAMP_UNKNOWN:
        return camp
    if after < sent.end and doc.lower[after] in ARTICLES:  # 'X Y a volunteer with the Observatory', 'X Y the Coalitions vice-president'
        registry = {s.start: s for s in speakers if s.kind == "S" and compiled.sources[s.key]["kind"] in ("organisation", "outlet")}
        for index in range(after + 1, min(after + PERSON_ROLE_SCAN, sent.end)):
            if index in registry:
                return compiled.sources[registry[index].key]["camp"]
            lower = doc.lower[index]
            if not (doc.alpha[index] and doc.token(index) == lower) or lower in FINITE_WORDS or lower in CLAUSE_WORDS or lower in RELATIVE_WORDS:
                break
    for index in range(start - 1, max(sent.start, start - PERSON_TITLE_SCAN) - 1, -1):
        if doc.lower[index] in ORGANISATION_WORDS:
            return None  # 'member of the Kurdish National Council X Y': the organisation the title names, not in the registry
        modifier = compiled.speaker_modifiers.get((doc.lower[index],)) if doc.title[index] else None
        if modifier is not None and modifier[0] in SIDE_CATEGORIES and modifier[1] is not None:
            return modifier[1]  # capitalised only: 'Turkish', 'Kurdish'; not 'government spokeswoman' of another country
        if not (doc.alpha[index] and (doc.title[index] or doc.lower[index] in ROLE_WORDS or doc.lower[index] in TITLE_WORDS
                                      or (doc.lower[index],) in compiled.speaker_modifiers)):
            break
    return None


def _object_in_coordination(doc: _Toks, sent: _Sent, source: _Hit, registry_by_end: dict) -> bool:
    """A registry mention joined by 'and' to an earlier one after a preposition ('from Russia and China'): both objects."""
    position = source.start - 1
    if position - 1 < sent.start or doc.lower[position] != "and" or (first := registry_by_end.get(position)) is None:
        return False
    return first.start - 1 >= sent.start and doc.lower[first.start - 1] in OBJECT_PREPOSITIONS


OUTLET_NAME_WORDS = 4  # 'the pro-government al-Watan newspaper', 'Turkish daily Hurriyet', 'news agency Anadolu'


def _media_phrase(doc: _Toks, sent: _Sent, hit: _Hit, start: int, camp: str | None, registry_by_start: dict, compiled: _Compiled,
                  state: _ArticleState | None, places: Sequence[_Hit], kept: list[tuple[int, int]]) -> tuple[_Hit | None, _Hit] | None:
    """An outlet noun ('broadcaster', 'news agency', 'TV'; lexicon note 'media') widened to ``start``: followed by a
    registry outlet or organisation, that mention widened over it (named, the widened hit); followed by an unregistered
    capitalised name (no place or date), that name as an outlet with the camp its modifiers give ('Turkish daily
    Hurriyet': Turkey's); 'the' and the noun alone, the last outlet that reported in the article, when there is one.
    Else None: the phrase is widened as any group."""
    registry = registry_by_start.get(hit.end)
    if registry is not None and compiled.sources[registry.key]["kind"] in ("outlet", "organisation"):
        return registry, _Hit("S", registry.key, start, registry.end, doc.span_text(start, registry.end))
    end = hit.end
    while end < sent.end and end - hit.end < OUTLET_NAME_WORDS + 2 and (
            (_capitalised(doc, end) and not doc.dateish[end + 1] > doc.dateish[end]) or (end > hit.end and _joins_name(doc, end, hit.end, sent.end))):
        end += 1  # 'Hurriyet', 'Al-Akhbar'
    while end > hit.end and not _capitalised(doc, end - 1):
        end -= 1
    if end > hit.end and not any(hit.end <= place.start < end for place in places) and doc.lower[hit.end] not in SENTENCE_OPENERS:
        name = doc.span_text(hit.end, end)
        return None, _Hit("W", camp or CAMP_UNKNOWN, start, end, name, _Speaker(name, camp or CAMP_UNKNOWN, False, "organisation", media=True))
    if (low := _outlet_name_before(doc, sent, hit.start, places, compiled)) is not None:
        # 'Press TV reported', 'the pro-government al-Watan newspaper said': the name with its noun, the camp of a side before it
        name, camp = doc.span_text(low, hit.end), None
        while low > sent.start and (size := _modifier_ending_at(doc, low, sent.start, compiled)) is not None:
            camp = camp or compiled.speaker_modifiers[tuple(doc.lower[low - size:low])][1]
            low -= size
            if low - 2 >= sent.start and doc.lower[low - 1] == "-" and doc.lower[low - 2] in STANCE_PREFIXES:
                low -= 2  # 'the pro-Kurdish Firat news agency'
        if low - 1 >= sent.start and doc.lower[low - 1] == "the":
            low -= 1
        return None, _Hit("W", camp or CAMP_UNKNOWN, low, hit.end, name, _Speaker(name, camp or CAMP_UNKNOWN, False, "organisation", media=True))
    if start == hit.start and start - 1 >= sent.start and doc.lower[start - 1] == "the" and state is not None and state.last_outlet is not None:
        return None, _Hit("W", state.last_outlet.camp, start - 1, hit.end, doc.span_text(start - 1, hit.end), state.last_outlet)
    if start - 1 >= sent.start and doc.lower[start - 1] == "the":
        start -= 1
    text = _phrase_as_written(doc, start, hit.end, [*kept, (hit.start, hit.end)])
    return None, _Hit("W", camp or CAMP_UNKNOWN, start, hit.end, text, _Speaker(text, camp or CAMP_UNKNOWN, True, "group", media=True))


def _outlet_name_before(doc: _Toks, sent: _Sent, end: int, places: Sequence[_Hit], compiled: _Compiled) -> int | None:
    """Where the name of an outlet written before its noun starts ('Press TV', 'Haberturk TV', 'al-Watan newspaper'):
    up to four capitalised words or name particles right before ``end``, no date or place among them, not only
    demonyms or sides ('Turkish TV'), and no qualifier opening the sentence ('State TV'); else None."""
    low = end
    while low > sent.start and end - low < OUTLET_NAME_WORDS and (
            (_capitalised(doc, low - 1) and not doc.dateish[low] > doc.dateish[low - 1]) or _joins_name(doc, low - 1, sent.start, end)):
        low -= 1
    if low > sent.start and doc.lower[low] == "-" and doc.lower[low - 1] in NAME_PARTICLES and doc.idx[low - 1] + doc.length[low - 1] == doc.idx[low]:
        low -= 1  # 'al-Watan newspaper'
    low = max([low] + [place.end for place in places if low <= place.start < end])  # 'in Azaz Press TV reported': the place is no part of it (no starred item: Cython rejects one in a list display)
    while low < end and (doc.lower[low] in DEFINITE_WORDS or doc.lower[low] in SENTENCE_OPENERS or (
            (modifier := compiled.speaker_modifiers.get((doc.lower[low],))) is not None and (modifier[0] != "speaker_qualifier" or doc.sent_start[low]))):
        low += 1  # 'The', 'Turkish', 'Syrian', a capitalised 'State' opening the sentence: not the name
    if low >= end or not (_capitalised(doc, low) or doc.lower[low] in NAME_PARTICLES):  # (the loop above passed determiners and openers)
        return None
    return low


def _descriptions_as_written(doc: _Toks, speakers: list[_Hit], compiled: _Compiled) -> list[_Hit]:
    """A registry alias that is a lowercase plural without a determiner ('rebels said', 'opposition fighters said')
    describes a class of people, not the organisation: the speaker is the phrase as written (anonymous), with the
    registry camp ('rebels': opposition). With a determiner ('the rebels', 'the army') or written as a name
    ('Syrian rebels') it still names the registry actor."""
    described = None
    for position, hit in enumerate(speakers):
        if hit.kind != "S" or not hit.text.islower() or not hit.text.endswith("s") or doc.lower[hit.start] in DEFINITE_WORDS:
            continue
        if compiled.source_by_alias.get(hit.text) != hit.key:
            continue  # members widened to their organisation ('local civil defence sources') speak for it
        if hit.start > 0 and not doc.sent_start[hit.start] and doc.lower[hit.start - 1] in DEFINITE_WORDS:
            continue
        described = described or list(speakers)
        start = hit.start
        while start > 0 and not doc.sent_start[start] and (size := _modifier_ending_at(doc, start, 0, compiled)) is not None and doc.lower[start - 1] not in DEFINITE_WORDS:
            start -= size  # 'local opposition activists': the description keeps its qualifiers as written
        if start - 2 > 0 and doc.lower[start - 1] == "-" and doc.lower[start - 2] in STANCE_PREFIXES and not doc.sent_start[start - 1]:
            start -= 2  # 'pro-opposition groups'
        if start - 1 > 0 and not doc.sent_start[start] and doc.lower[start - 1] in NUMBER_TOKENS and doc.lower[start - 1] not in DEFINITE_WORDS:
            start -= 1  # 'two pro-opposition groups'
        described[position] = _Hit("W", compiled.sources[hit.key]["camp"], start, hit.end, doc.span_text(start, hit.end) if start < hit.start else hit.text)
    return described or speakers


STANCE_PREFIXES = frozenset({"pro", "anti"})


def _place_possessive_ending_at(doc: _Toks, end: int, low: int, compiled: _Compiled) -> int | None:
    """Tokens of a place's or registry actor's possessive right before ``end`` ('Homs's', 'Homss', 'Irans' with the
    apostrophe lost), else None."""
    if end - 1 < low or not doc.alpha[end - 1] and doc.lower[end - 1] not in ("'s", "’s"):
        return None
    if doc.lower[end - 1] in ("'s", "’s"):
        stem, size = (doc.lower[end - 2], 2) if end - 2 >= low and doc.title[end - 2] else (None, 0)
    else:
        word = doc.lower[end - 1]
        stem, size = (word[:-1], 1) if doc.title[end - 1] and len(word) > 3 and word.endswith("s") else (None, 0)
    if stem is None or not (stem in compiled.place_words or stem in compiled.source_by_alias):
        return None
    return size


def _modifier_ending_at(doc: _Toks, end: int, low: int, compiled: _Compiled) -> int | None:
    """Tokens in the longest speaker modifier ending right before ``end`` (not before ``low``), else None."""
    for size in range(min(compiled.longest_modifier, end - low), 0, -1):
        if tuple(doc.lower[end - size:end]) in compiled.speaker_modifiers:
            return size
    return None


def _phrase_as_written(doc: _Toks, start: int, end: int, kept: list[tuple[int, int]]) -> str:
    """The words start..end, lowercased except the names in ``kept`` ('Russian', 'Pentagon')."""
    keep = {index for low, high in kept for index in range(low, high)}
    parts = []
    for index in range(start, end):
        token = doc.token(index)
        parts.append(token if index in keep else token.lower())
        if index + 1 < end:
            parts.append(doc.text[doc.idx[index] + doc.length[index]:doc.idx[index + 1]])
    return "".join(parts)


ORGANISATION_WORDS = {"association", "ministry", "council", "committee", "agency", "army", "front", "group", "organisation", "organization",
                      "commission", "network", "forces", "command", "office", "department", "union", "coalition", "centre", "center", "observatory",
                      "governorate", "directorate", "administration", "mission", "municipality"}


ACCORDING_LINKS = frozenset({"from", "by", "of", "to", "at", "in", "with", "according"})
ACCORDING_NOUNS = frozenset({"report", "reports", "statement", "figures", "tally", "count"})  # 'according to a CNN report': part of the frame
ACCORDING_STOPS = frozenset({"that", "which", "who", "whose", "and", "but", "while", "as"})


def _according_frame(hit: _Hit, speakers: list[_Hit], compiled: _Compiled, doc: _Toks, state: _ArticleState) -> _Frame | None:
    """'according to X': the first speaker mention within six words of description ('a statement by the', 'the
    Syrian opposing UK-based', 'a new toll from the'), widened over its modifiers ('local reports'); a new noun
    phrase without a linking preposition ('a CNN report the US ...') or a clause word ends the search. Without a
    mention, a back-reference ('the watchdog', 'the statement', 'the group') is the last speaker of its kind."""
    position, reference = hit.end, None
    while position < doc.n and position - hit.end < 7 and not doc.sent_start[position]:
        if any(s.start == position for s in speakers):
            speaker_hit = next(s for s in speakers if s.start == position)
            if speaker_hit.text.lower().endswith("report") and speaker_hit.end < doc.n and doc.lower[speaker_hit.end] in ("by", "from", "of", "in"):
                speaker_hit = next((s for s in speakers if speaker_hit.end < s.start <= speaker_hit.end + 2), speaker_hit)  # 'a report by the Observatory'
            if speaker_hit.kind == "L" and (named := _named_head_after(doc, speaker_hit, speakers)) is not None:
                speaker_hit = named  # 'according to Hezbollahs official television station al-Manar': the station named
            if speaker_hit.kind == "L":  # 'according to local reports': 'reports' was kept apart as a verb form
                speaker_hit = _speaker_phrases(_Sent(hit.end, speaker_hit.end, doc), [speaker_hit], compiled, set())[0]
            if speaker_hit.kind != "S" and _is_individual(speaker_hit.text):
                if (posted := _affiliation_after(doc, speaker_hit, speakers)) is not None:
                    # 'according to an official from the autonomous administration', 'the medical source in Hasakeh city': as written
                    name = _determiner_lowered(doc, speaker_hit.start, posted)
                    camp = speaker_hit.key if speaker_hit.kind == "W" else CAMP_UNKNOWN
                    return _Frame(hit.start, hit.end, hit.text, _Speaker(name, camp, True, "group"), hit.start, posted, "according_to")
                end = next((index for index in range(speaker_hit.end, min(doc.n, speaker_hit.end + 8)) if doc.sent_start[index]), min(doc.n, speaker_hit.end + 8))
                if (named := _name_after_description(doc, speaker_hit, end, speakers, (), compiled)) is not None:
                    # 'according to media activist Karim Haddad': the person named (docs/annotation.md, Speaker rule 2)
                    return _Frame(hit.start, hit.end, hit.text, _known_person(state, named[1]), hit.start, named[0], "according_to")
            if (partner := _according_partner(doc, speaker_hit, speakers)) is not None:
                joint = _coordinated_speaker(doc, [speaker_hit, partner], compiled, loose=True)
                return _Frame(hit.start, hit.end, hit.text, joint, hit.start, partner.end, "according_to")
            right = speaker_hit.end + (speaker_hit.end < doc.n and doc.lower[speaker_hit.end] in ACCORDING_NOUNS and not doc.sent_start[speaker_hit.end])
            return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(speaker_hit, compiled), hit.start, right, "according_to")  # 'according to a CNN report'
        lower = doc.lower[position]
        if lower in ACCORDING_STOPS or not (doc.alpha[position] or lower == "-"):
            break
        if lower in ARTICLES and position > hit.end and doc.lower[position - 1] not in ACCORDING_LINKS:
            break  # 'according to a CNN report the US has ...': a new subject
        if lower in BACK_REFERENCE_NOUNS and position > hit.end and doc.lower[position - 1] == "the":
            reference = (position + 1, lower)
        elif lower in DOCUMENT_NOUNS:  # 'according to a statement', 'according to report'
            reference = (position + 1, lower)
        if (reference is not None and reference[0] == position + 1
                and (position + 1 >= doc.n or not (doc.lower[position + 1] in ACCORDING_LINKS or (doc.lower[position + 1].endswith("ed") and doc.alpha[position + 1])))):
            break  # 'according to report ISIS has ...': the reference ends the phrase, a new subject follows ('a statement released by X' goes on)
        position += 1
    by_document = reference[0] + 1 if reference is not None and reference[0] < doc.n and doc.lower[reference[0]] in ("by", "from", "of") else None
    for start in (hit.end, by_document):  # 'according to the Syrian Center for Policy Research', 'a February report by the X Centre for Y'
        if start is not None and (organisation := _organisation_name(doc, start) or _acronym_at(doc, start)) is not None:
            organisation = _without_subject_place(doc, organisation, compiled)
            return _Frame(hit.start, hit.end, hit.text, _Speaker(organisation[1], CAMP_UNKNOWN, False, "organisation"), hit.start, organisation[0], "according_to")
    if reference is not None and (referent := _noun_referent(reference[1], state)) is not None:
        return _Frame(hit.start, hit.end, hit.text, referent, hit.start, reference[0], "according_to")
    named = _proper_name_after(doc, hit.end, doc.n) if hit.end < doc.n and doc.title[hit.end] else None
    if named is not None and (person := _person_by_part(state, named[1])) is not None:
        return _Frame(hit.start, hit.end, hit.text, person, hit.start, named[0], "according_to")  # 'According to Abu Leith ...'
    office = _described_organisation(doc, hit.end)
    if office is not None:  # 'according to the citys monitoring and documentation office'
        return _Frame(hit.start, hit.end, hit.text, _Speaker(doc.span_text(hit.end, office).lower(), CAMP_UNKNOWN, True, "group"), hit.start, office, "according_to")
    if named is not None and not any(word in ORGANISATION_WORDS or word in DATE_TOKENS for word in named[1].lower().split()):
        # 'according to Jowan Ibrahim the commander of ...': a person the registry lacks, as written
        kind = "organisation" if doc.lower[hit.end] in ARTICLES else "person"  # 'according to The Independent'
        return _Frame(hit.start, hit.end, hit.text, _Speaker(named[1], CAMP_UNKNOWN, False, kind), hit.start, named[0], "according_to")
    if hit.end < doc.n and doc.title[hit.end] and (hit.end + 1 >= doc.n or not doc.title[hit.end + 1]) and (
            person := _person_named_earlier(doc, hit.end, state, compiled)) is not None:
        return _Frame(hit.start, hit.end, hit.text, person, hit.start, hit.end + 1, "according_to")  # 'according to Dali' after 'Ahmad Dali'
    if (described := _according_description(doc, hit.end)) is not None:
        # 'according to the Al-Quds hospital' as written; 'according to the British-based human rights organisation' the one it refers back to
        if doc.lower[hit.end] == "the" and doc.lower[described - 1] in BACK_REFERENCE_NOUNS and (referent := _noun_referent(doc.lower[described - 1], state)) is not None:
            return _Frame(hit.start, hit.end, hit.text, referent, hit.start, described, "according_to")
        return _Frame(hit.start, hit.end, hit.text, _Speaker(_determiner_lowered(doc, hit.end, described), CAMP_UNKNOWN, True, "group"), hit.start, described, "according_to")
    return None




def _without_subject_place(doc: _Toks, organisation: tuple[int, str], compiled: _Compiled) -> tuple[int, str]:
    """An organisation's name after 'according to' that ran on into the content's subject, a one-word place right after
    the organisation noun and before a finite verb ('according to the World Heath Organization Syria is ...'): the name
    without the place, which opens the content; else the name as found."""
    end, name = organisation
    if (end < doc.n and doc.lower[end] in FINITE_WORDS and doc.lower[end - 1] in compiled.place_words and doc.lower[end - 2] in ORGANISATION_WORDS):
        return end - 1, name.rsplit(" ", 1)[0]
    return organisation


def _according_description(doc: _Toks, start: int) -> int | None:
    """The end of a description after 'according to' that opens with an article and ends in a source noun within a few
    words ('the Al-Quds hospital'), with an 'of' and a capitalised name after it ('the Twitter account of the Islamic
    Front'); None when another word ends it first ('according to a wide margin')."""
    if start >= doc.n or doc.lower[start] not in ARTICLES:
        return None
    for position in range(start + 1, min(start + 1 + DESCRIPTION_MAX, doc.n)):
        if doc.sent_start[position] or not _description_word(doc, position):
            return None
        if doc.lower[position] in ACCORDING_HEADS:
            end = position + 1
            if end + 1 < doc.n and doc.lower[end] == "of" and (doc.title[end + 1] or (doc.lower[end + 1] == "the" and end + 2 < doc.n and doc.title[end + 2])):
                end += 2 if doc.title[end + 1] else 3
                while end < doc.n and end - position < 8 and doc.title[end] and not doc.sent_start[end]:
                    end += 1
            return end
    return None


NAMED_HEAD_GAP = 3  # lowercase words between a description's first noun and the registry name it leads to


def _named_head_after(doc: _Toks, description: _Hit, speakers: list[_Hit]) -> _Hit | None:
    """The registry mention a lowercase description runs into ('official television station al-Manar'): an actor or
    outlet mention after one to ``NAMED_HEAD_GAP`` lowercase words, none an article or conjunction ('medical sources
    the monitoring group said', 'activists and the army' name two); None otherwise."""
    named = next((s for s in speakers if s.kind == "S" and description.end < s.start <= description.end + NAMED_HEAD_GAP), None)
    if named is None or not all(doc.alpha[index] and doc.lower[index] == doc.token(index) and doc.lower[index] not in DEFINITE_WORDS
                                and doc.lower[index] not in CLAUSE_WORDS and doc.lower[index] != "or" for index in range(description.end, named.start)):
        return None
    return named


ORGANISATION_NAME_LINKS = frozenset({"for", "of", "on", "and", "-"})  # lowercase words inside an organisation's name ('Center for Policy Research')
ORGANISATION_NAME_WORDS = 8  # words of an unregistered organisation's name at most


def _organisation_name(doc: _Toks, start: int) -> tuple[int, str] | None:
    """An organisation the registry lacks, written as a name at ``start`` after an optional 'the': capitalised words
    joined by 'for', 'of', 'on', 'and' or a hyphen, two or more of them, one an organisation noun ('the Syrian Center for
    Policy Research', 'the Damascus Centre for Human Rights Studies'); (end, name without 'the'), else None."""
    position = start + (start < doc.n and doc.lower[start] == "the")
    first, last, capitalised, organisation = position, None, 0, False
    while position < doc.n and position - first < ORGANISATION_NAME_WORDS and not (doc.sent_start[position] and position > start):
        lower = doc.lower[position]
        if doc.title[position] and doc.alpha[position]:
            capitalised += 1
            last = position
            organisation = organisation or lower in ORGANISATION_WORDS
        elif not (lower in ORGANISATION_NAME_LINKS and last == position - 1 and position + 1 < doc.n and doc.title[position + 1]):
            break
        position += 1
    if last is None or capitalised < 2 or not organisation:
        return None
    return last + 1, doc.span_text(first, last + 1)


def _organisation_name_before(doc: _Toks, verb: int, lower_bound: int) -> tuple[int, int] | None:
    """An unregistered organisation's name (``_organisation_name``, 'the' included) ending right before the verb, over
    frame adverbs ('The Syrian Center for Policy Research however put ...'); (start, end), else None."""
    end = verb
    while end - 1 > lower_bound and doc.lower[end - 1] in FRAME_ADVERBS:
        end -= 1
    if end - 1 <= lower_bound or not doc.title[end - 1]:
        return None
    for start in range(end - 2, max(end - 2 - ORGANISATION_NAME_WORDS, lower_bound - 1), -1):
        if doc.lower[start] == "the" or ((start == lower_bound or doc.sent_start[start]) and doc.title[start]):
            named = _organisation_name(doc, start)
            if named is not None and named[0] == end:
                return start, end
    return None


def _acronym_at(doc: _Toks, start: int) -> tuple[int, str] | None:
    """An acronym the registry lacks at ``start`` ('according to RT', 'according to the SCPR'): two to six capital letters,
    not followed by another capitalised word (then it opens a longer name); (end, acronym), else None."""
    position = start + (start < doc.n and doc.lower[start] == "the")
    if position >= doc.n or not doc.alpha[position] or not 2 <= doc.length[position] <= 6 or not doc.token(position).isupper():
        return None
    if position + 1 < doc.n and not doc.sent_start[position + 1] and _capitalised(doc, position + 1):
        return None
    return position + 1, doc.token(position)


def _described_organisation(doc: _Toks, start: int) -> int | None:
    """The end of an unregistered organisation described in lowercase words after 'the' ('the citys monitoring and
    documentation office', 'the local relief committee'): up to six words ending in an organisation noun, else None."""
    if start >= doc.n or doc.lower[start] != "the":
        return None
    for position in range(start + 1, min(start + 7, doc.n)):
        lower = doc.lower[position]
        if doc.sent_start[position] or not doc.alpha[position] or doc.token(position) != lower:
            return None
        if lower in ORGANISATION_WORDS:
            return position + 1
    return None


ACCORDING_PARTNER_GAP = 5  # words of a postmodifier between 'according to X' and 'and Y' ('residents near the area and ...')


def _according_partner(doc: _Toks, first: _Hit, speakers: list[_Hit]) -> _Hit | None:
    """'according to residents near the area and the Syrian Observatory': the second speaker mention joined to the
    first by 'and' after at most a short postmodifier without punctuation or clause words, and not the subject of a new
    clause (no verb right after it); else None."""
    position = first.end
    while position < doc.n and position - first.end <= ACCORDING_PARTNER_GAP and not doc.sent_start[position]:
        lower = doc.lower[position]
        if lower == "and":
            start = position + 1 + (position + 1 < doc.n and doc.lower[position + 1] in ARTICLES)
            partner = next((s for s in speakers if s.start in (position + 1, start)), None)
            if partner is not None and partner.end < doc.n and not doc.sent_start[partner.end] and _may_be_verb(doc, partner.end):
                return None  # 'according to activists and the army shelled the town': a new clause
            return partner
        if not doc.alpha[position] or lower in ACCORDING_STOPS or lower in RELATIVE_WORDS or any(s.start == position for s in speakers):
            return None
        position += 1
    return None


TOLL_PARTICIPLES = frozenset({"saying", "adding"})  # after a toll given or raised, they give its figures
TOLL_WORD = "toll"  # a reporting phrase holding it ('gave a death toll', lexicon) reports the toll written after its first word
REPORTED_FIGURE_WORDS = frozenset({TOLL_WORD, "figure", "tally"})  # likewise 'puts the figure at', 'put the tally at' (lexicon)
PERFECT_AUXILIARIES = frozenset({"had", "has", "have"})
FRAME_ADVERBS = frozenset({"earlier", "previously", "repeatedly", "already", "later", "initially", "also", "again", "consistently", "strongly",
                           "flatly", "categorically", "vehemently", "publicly", "long", "since", "officially", "firmly", "recently", "promptly",
                           "quickly", "immediately", "swiftly", "however", "meanwhile", "too", "further", "separately", "subsequently", "both"})
COORDINATED_VERB_ADVERBS = frozenset(FRAME_ADVERBS | {"instead", "then"})  # 'and instead suggests', 'and then said'
WEEKDAYS_WRITTEN = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


RELATIVE_LEAD_WORDS = frozenset(FRAME_ADVERBS | PERFECT_AUXILIARIES | WEEKDAYS_WRITTEN | {"on", "last", "the", "day", "before"})


def _relative_lead(doc: _Toks, start: int, verb: int) -> bool:
    """Only perfect auxiliaries, frame adverbs and a weekday ('on Thursday had', 'has also', 'the day before had')
    stand between a relative word and the verb at ``verb`` (no negation, no subject of its own)."""
    return all(doc.lower[index] in RELATIVE_LEAD_WORDS for index in range(start, verb))


def _with_auxiliaries(doc: _Toks, hit: _Hit, lower_bound: int) -> _Hit:
    """The verb widened back over a perfect auxiliary and frame adverbs written between the speaker and it ('Barazi had
    earlier reported', 'the ministry has repeatedly said'), so the speaker rules see the speaker right before it; the
    verb text stays the verb."""
    start = hit.start
    while start - 1 > lower_bound and not doc.sent_start[start - 1]:
        if doc.lower[start - 1] in FRAME_ADVERBS:
            start -= 1
        elif start - 2 > lower_bound and doc.lower[start - 1] in WEEKDAYS_WRITTEN and doc.lower[start - 2] == "on":
            start -= 2  # 'The Russians had on Saturday accused'
        else:
            break
    if start - 1 > lower_bound and not doc.sent_start[start - 1] and doc.lower[start - 1] in PERFECT_AUXILIARIES:
        start -= 1
    if start == hit.start or hit.text.lower().endswith("ing"):
        return hit
    return _Hit(hit.kind, hit.key, start, hit.end, hit.text)


def _reported_frame(sent, hit: _Hit, speakers: list[_Hit], frames: list[_Frame], compiled: _Compiled, state: _ArticleState,
                    places: Sequence[_Hit] = (), hits: Sequence[_Hit] = ()) -> _Frame | None:
    doc = sent.toks
    lower_bound = frames[-1].right if frames else sent.start
    verb = hit.text.lower()
    participle = verb.endswith("ing")
    if participle and hit.start > sent.start and doc.lower[hit.start - 1] in GERUND_PREPOSITIONS:
        return None  # 'hit out at Johnson for accusing Russia of ...': a gerund names an act, no one reports here
    if (frames and participle and doc.lower[hit.start - 1] not in PARTICIPLE_SUBJECT_WORDS
            and (not any(s.end == hit.start for s in speakers) or frames[-1].right == hit.start)
            and not (frames[-1].passive_agent and "with" in doc.lower[lower_bound:hit.start])):
        # '... he said government forces had surrounded Bani Zeid reporting heavy strikes': a participle after a
        # frame continues that frame's speaker (commas are often lost), not the name before it
        return _Frame(hit.start, hit.end, hit.text, frames[-1].speaker, hit.start, hit.end, "reported", inherited=True)
    if (frames and hit.start > lower_bound and doc.lower[lower_bound] in RELATIVE_WORDS and frames[-1].kind in ("inverted", "according_to")
            and _relative_lead(doc, lower_bound + 1, hit.start)):
        # 'was also reported by Syrian state television which said ...', '... according to the Observatory which has
        # documented ...', '... said the Observatory which on Thursday had given a toll of 17': the relative refers to
        # the speaker just named, whose report it gives
        return _Frame(hit.start, hit.end, hit.text, frames[-1].speaker, lower_bound, hit.end, "reported", inherited=True)
    adverb = hit.start - 2 >= lower_bound and doc.lower[hit.start - 2] == "and" and doc.lower[hit.start - 1] in COORDINATED_VERB_ADVERBS
    if frames and hit.start - 1 >= lower_bound and (doc.lower[hit.start - 1] == "and" or adverb) and not participle:
        # '... said the air force was not responsible and accused Britain of ...', '... denied involvement and instead
        # suggests ...': the second verb shares the subject
        return _Frame(hit.start, hit.end, hit.text, frames[-1].speaker, hit.start - 1 - adverb, hit.end, "reported", inherited=True)
    if hit.start > lower_bound and (closing := _name_closing_sentence(doc, hit, sent.end, places, speakers, compiled, state)) is not None:
        return closing
    if hit.start - 2 > lower_bound and (referent := _back_reference_after(doc, hit, sent.end, speakers, state)) is not None:
        return _Frame(hit.start, hit.end, hit.text, referent[1], hit.start, referent[0], "inverted")  # '... said the source noting ...'
    if (in_role := _person_in_role(doc, hit, speakers, places, lower_bound, compiled, state)) is not None:
        return in_role
    if (member := _person_of_organisation(doc, hit, speakers, places, lower_bound, compiled, state)) is not None:
        return member
    proper = _proper_name_before(doc, hit.start, lower_bound)
    if proper is None and places:
        government = _government_before(doc, hit, lower_bound, places, compiled)
        if government is not None:
            return _Frame(hit.start, hit.end, hit.text, government[0], government[1], hit.end, "reported")
    written_at = None if proper is None else proper[0]
    if proper is not None and places:
        proper = _not_a_place(doc, proper, hit.start, places, compiled)
        if isinstance(proper, _Speaker):  # a place standing for its government ('Moscow said')
            start = hit.start - 1
            while start > lower_bound and doc.title[start - 1] and not doc.sent_start[start]:
                start -= 1
            return _Frame(hit.start, hit.end, hit.text, proper, start, hit.end, "reported")
    elif proper is not None:
        proper = _not_a_date(doc, proper, hit.start)
    if proper is not None and _after_locative(doc, proper[0], lower_bound):
        proper = None  # 'US Central Command which oversees operations in the Middle East said': a location, not the subject
    if proper is not None and (office := _source_at_office(doc, hit, proper, speakers, lower_bound)) is not None:
        return office
    if (affiliated := _description_with_affiliation(doc, hit, speakers, lower_bound, places)) is not None:
        return affiliated
    if proper is not None and proper[0] - 1 > lower_bound and doc.lower[proper[0] - 1] in PLACE_OF_SPEAKER_WORDS and any(s.end == proper[0] - 1 for s in speakers):
        proper = None  # 'an official in Damascus Hassan said': the speaker is the mention before 'in'
    adjacent = [s for s in speakers if s.end == hit.start and s.start >= lower_bound]
    if adjacent and adjacent[-1].start > lower_bound and doc.lower[adjacent[-1].start - 1] in AGENT_WORDS:
        named = _proper_name_after(doc, hit.end, sent.end)  # '... the execution of the pilot by Nusra Front said Said Seif al Qalamoni from ...'
        if named is not None and (named[0] >= sent.end or doc.lower[named[0]] in NAME_ENDINGS):
            return _inverted_person_frame(doc, hit, named, speakers, compiled, state)
    if (proper is not None and not adjacent and (proper[0] < hit.start - 1 or proper[0] != written_at)
            and not any(s.start < hit.start and s.end > proper[0] for s in speakers)):
        return _titled_name_frame(hit, proper, doc, speakers, compiled, state)
    opening = (_opening_organisation(doc, sent, speakers, hit.start)
               if hit.start - 2 > lower_bound and doc.lower[hit.start - 1] in PRONOUNS_GROUP and doc.lower[hit.start - 2] in EMBEDDING_WORDS else (False, None))
    if opening[1] is not None and compiled.sources.get(opening[1].key, {}).get("kind") == "organisation":
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(opening[1], compiled), hit.start - 1, hit.end, "reported")  # 'Turkey ... although it said'
    pronoun = _pronoun_before(doc, hit.start, lower_bound, state)  # pure: resolved once, used by three rules below
    if hit.start - 1 > lower_bound and doc.lower[hit.start - 1] in SUBJECT_PRONOUNS and not opening[0]:
        if (introduced := _person_introduced_before_quotation(doc, sent, hit, state)) is not None:
            return _Frame(hit.start, hit.end, hit.text, introduced, hit.start - 1, hit.end, "reported")  # '... Ann Clwyd who called for ... "A" she said'
        if pronoun is not None:
            return _Frame(hit.start, hit.end, hit.text, pronoun[0], pronoun[1], hit.end, "reported")  # '... fled to Turkey he said': 'he' is the subject
        if state.last_any is not None:
            return None  # '"..." against President Assad he added' with no one 'he' can mean: still the subject, not the name before it
    long_subject = _subject_with_postmodifier(doc, hit, speakers, hits, lower_bound, places, compiled, state)
    if long_subject is not None and pronoun is None:
        return long_subject
    before = [s for s in speakers if lower_bound <= s.start and s.end <= hit.start and _distance(doc, s.end, hit.start) <= 6 and not _crosses_clause(doc, s.end, hit.start)
              and not _object_before_new_phrase(doc, s, hit.start, lower_bound) and not _members_of_collective(doc, s, lower_bound)]
    if hit.start - 1 > lower_bound and doc.lower[hit.start - 1] == "," and (apposed := _name_before_comma_description(doc, hit.start - 1, lower_bound, speakers, places, compiled)) is not None:
        return _Frame(hit.start, hit.end, hit.text, apposed[1], apposed[0], hit.end, "reported")  # 'Karim Haddad, a doctor at the hospital, said'
    if (joint := _coordinated_with_description(doc, hit.start, lower_bound, speakers, compiled)) is not None:
        return _Frame(hit.start, hit.end, hit.text, joint[1], joint[0], hit.end, "reported")  # 'activists and the extremist group said'
    if before and not frames and participle and (subject := _subject_of_participle(doc, hit, before, speakers, lower_bound)) is not None:
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(subject, compiled), hit.start, hit.end, "reported", inherited=True)
    if before:
        return _frame_from_mention_before(doc, hit, before, speakers, lower_bound, places, compiled, state)
    if (hit.start - 1 >= lower_bound and doc.title[hit.start - 1] and (person := _person_by_surname(state, doc.lower[hit.start - 1])) is not None
            and (hit.start - 1 == lower_bound or not doc.title[hit.start - 2] or doc.lower[hit.start - 2] in DATE_TOKENS)):
        return _Frame(hit.start, hit.end, hit.text, person, hit.start - 1, hit.end, "reported")  # 'Sino said' opening a sentence
    if pronoun is not None:
        speaker, start = pronoun
        return _Frame(hit.start, hit.end, hit.text, speaker, start, hit.end, "reported")
    if hit.start - 1 > sent.start and doc.lower[hit.start - 1] == "it" and state.last_any is None:
        # 'The United Nations called for a ceasefire in Aleppo where it said ...': with no speaker before, 'it' is the
        # organisation that is the sentence's subject
        subject = next((s for s in speakers if sent.start <= s.start < hit.start - 1 and _is_registry_organisation(s, compiled)), None)
        if subject is not None and (subject.start == sent.start or doc.lower[subject.start - 1] not in OBJECT_PREPOSITIONS):
            return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(subject, compiled), hit.start - 1, hit.end, "reported")
    if participle and frames and _previous_is_comma(doc, hit.start, lower_bound):
        previous = frames[-1]
        return _Frame(hit.start, hit.end, hit.text, previous.speaker, hit.start, hit.end, "reported", inherited=True)
    after = [s for s in speakers if hit.end <= s.start <= hit.end + 1 and not _subject_of_content(doc, hit, s)]
    if not after and (organisation := _organisation_subject(doc, hit, lower_bound, speakers, compiled)) is not None:
        return _Frame(hit.start, hit.end, hit.text, organisation[1], organisation[0], hit.end, "reported")  # 'the Franciscan mission said'
    if after and after[0].end < sent.end and doc.lower[after[0].end] in CLAUSE_VERB_WORDS:
        after = []  # 'Yildirim said Turkey wont allow ...': the mention after the verb is the subject of its content
    if after and not _is_accusation(hit) and verb not in TELLING_VERBS and not (verb in STANCE_ACT_VERBS and hit.start > 0 and doc.lower[hit.start - 1] not in _QUOTES and doc.lower[hit.start - 1] != ","):
        # 'the opposition accused government forces of ...', 'some who have supported the Assad regime': the mention after
        # is the accused or the object; a stance verb takes its speaker after it only after a quotation ('"...," warned X')
        speaker_hit = after[0]
        if (named := _name_after_description(doc, speaker_hit, sent.end, speakers, places, compiled)) is not None:
            return _Frame(hit.start, hit.end, hit.text, _known_person(state, named[1]), hit.start, named[0], "inverted")
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(speaker_hit, compiled), hit.start, speaker_hit.end, "inverted")
    if (hit.start - 2 >= lower_bound and doc.lower[hit.start - 1] in HEAD_REFERENCE_NOUNS
            and (referent := _the_noun_organisation(doc, hit.start - 1, state)) is not None):
        # '... on Raqqa in what the coalition said was ...': the coalition named last, not the sentence's first mention
        return _Frame(hit.start, hit.end, hit.text, referent, hit.start - 2, hit.end, "reported")
    subject = [s for s in speakers if s.start == lower_bound and s.end < hit.start and not _crosses_clause(doc, s.end, hit.start)]
    if subject:
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(subject[0], compiled), subject[0].start, hit.end, "reported")
    if proper is not None:
        return _name_frame(hit, proper, doc, speakers, compiled, state)
    if hit.start > sent.start:
        named = _proper_name_after(doc, hit.end, sent.end)
        closes_name = named is not None and (named[0] >= sent.end or doc.lower[named[0]] in NAME_ENDINGS)
        after_clause = doc.lower[hit.start - 1] in _QUOTES or doc.lower[hit.start - 1] == ","
        if named is not None and (after_clause or closes_name) and not any(place.start < named[0] and place.end > hit.end for place in places):
            return _inverted_person_frame(doc, hit, named, speakers, compiled, state)
    if (not frames and hit.start - 2 > sent.start and doc.lower[hit.start - 1] == "and" and not participle
            and (subject := _sentence_subject(doc, sent, speakers, compiled, state, hit.start - 1, places)) is not None):
        # 'Activists mourned him online and said ...', 'Alloush described Damascus as ... and said ...': the sentence's
        # subject, whose report is what follows the verb (what comes before is its own act)
        return _Frame(hit.start, hit.end, hit.text, subject, hit.start, hit.end, "reported")
    return _described_speaker_frame(doc, sent, hit, lower_bound, state, compiled, places, speakers)


INTRODUCED_NAME_WORDS = 4  # 'Labour member of parliament Ann Clwyd who ...'


def _person_introduced_before_quotation(doc: _Toks, sent, hit: _Hit, state: _ArticleState) -> _Speaker | None:
    """'he'/'she' closing a quotation that opens the sentence ('"A" she said'), when the sentence before introduced a
    person by name with a relative clause ('a question from Labour MP Ann Clwyd who called for ...', 'A witness named
    Ahmad who was wounded ...', '... asked Jihad who survived the bombing'): that person, the one the quotation is
    introduced for, rather than the last speaker. A registry name is its actor; None when no such name is there."""
    start = sent.start
    if (doc.lower[hit.start - 1] not in PRONOUNS_PERSON or hit.start - 2 <= start or doc.lower[hit.start - 2] not in _QUOTES
            or start < 2 or doc.lower[start - 1] not in _QUOTES or any(doc.lower[index] in _QUOTES for index in range(start, hit.start - 2))):
        return None
    previous = start - 1
    while previous > 0 and not doc.sent_start[previous]:
        previous -= 1
    who = next((index for index in range(start - 2, previous, -1) if doc.lower[index] == "who" and doc.title[index - 1]), None)
    if who is None:
        return None
    named = _proper_name_before(doc, who, previous)
    if named is None or len(named[1].split()) > INTRODUCED_NAME_WORDS or any(word in ORGANISATION_WORDS for word in named[1].lower().split()):
        return None
    mentions = [h for h in state.hits if h.start < who and h.end > named[0] and h.kind in ("S", "P", "L")]
    if not mentions:
        return _Speaker(named[1], CAMP_UNKNOWN, False, "person")
    if len(mentions) == 1 and mentions[0].kind == "S" and (mentions[0].start, mentions[0].end) == (named[0], who):
        return _speaker_from_hit(mentions[0], state.compiled)  # 'Sergei Lavrov who ...': the registry decides
    return None


def _sentence_subject(doc: _Toks, sent, speakers: list[_Hit], compiled: _Compiled, state: _ArticleState, end: int,
                      places: Sequence[_Hit] = ()) -> _Speaker | None:
    """The speaker opening the sentence before ``end``: a registry or group mention (after an optional 'The'), a name
    of two to five capitalised words, or a lone surname the article named in full earlier; else None."""
    first = sent.start + (doc.lower[sent.start] in ARTICLES)
    mention = next((s for s in speakers if s.start == first and s.end < end), None)
    if mention is not None:
        return _speaker_from_hit(mention, compiled)
    if not doc.title[first]:
        return None
    named = _proper_name_after(doc, first, end)
    if named is not None and any(place.start < named[0] and place.end > first for place in places):
        return None  # 'Hassakeh Kurdish units ...': a place, no name
    if named is not None:
        if not any(word in ORGANISATION_WORDS for word in named[1].lower().split()):
            return _known_person(state, _Speaker(named[1], CAMP_UNKNOWN, False, "person"))
        return _Speaker(_determiner_lowered(doc, sent.start, named[0]) if first > sent.start else named[1], CAMP_UNKNOWN, False, "organisation")
    if first == sent.start and first + 1 < end and not doc.title[first + 1] and _lone_name(doc, first):
        return _person_named_earlier(doc, first, state, compiled)
    return None


def _description_word(doc: _Toks, index: int) -> bool:
    lower = doc.lower[index]
    if lower == "-":
        return True
    if not doc.alpha[index] or lower in DESCRIPTION_STOPS:
        return False
    return not lower.endswith("ed") or (index > 0 and doc.lower[index - 1] == "-")  # 'Britain-based', not 'killed'


def _closes_clause(doc: _Toks, index: int, end: int) -> bool:
    """Nothing but punctuation, a date or a statement's occasion follows ``index`` to the end of the sentence."""
    lower = doc.lower[index] if index < end else ""
    return index >= end or doc.punct[index] or (lower in CLOSING_WORDS and end - index <= DESCRIPTION_MAX) or lower in CONTINUING_PARTICIPLES


def _described_speaker_frame(doc: _Toks, sent, hit: _Hit, lower_bound: int, state: _ArticleState, compiled: _Compiled,
                             places: Sequence[_Hit], speakers: Sequence[_Hit]) -> _Frame | None:
    """The frame of a finite reporting verb whose speaker no rule names, with that speaker as the article describes it
    (rule 3 of docs/annotation.md): the description before the verb, from its determiner ('... on Monday the source
    added', 'The narrator in the video said', 'an organisation monitoring the conflict said') or from the sentence's
    start ('Western countries say', 'Ensari added'), or a lowercase description right after a closing 'said' ('...
    said the resident who asked for anonymity'); None when the verb is no finite report ('has claimed 21 lives') or
    nothing before it reads as its subject ('The claim which did not mention a wedding said ...')."""
    if hit.key != "reporting_verb" or not _unresolved_report(doc, hit):  # (not a participle either)
        return None
    verb = hit.text.lower()
    if hit.end < sent.end and doc.lower[hit.end] in PASSIVE_PARTICLE_WORDS and verb.endswith("ed"):
        return None  # 'Jet strikes blamed on the regime hit ...': a passive participle, no one reports
    if hit.end < sent.end and doc.lower[hit.end] in CLAUSE_VERB_WORDS and doc.token(hit.end).islower():
        return None  # 'the casualty figures reported could not be reconciled': the verb is a participle, the clause's verb follows
    if any(lower in KILLED_OF for lower in doc.lower[hit.end:min(hit.end + DESCRIPTION_MAX, sent.end)]):
        return None  # 'fire has claimed 21 lives': a casualty idiom
    after = _after_addressee(doc, hit, sent.end) if verb in TELLING_VERBS else hit.end
    closing = _closes_clause(doc, after, sent.end) or (after < sent.end and doc.lower[after] in ADDRESSEE_ADJUNCTS)
    head = hit.start - 1
    start = _description_start(doc, sent, head, lower_bound)
    if start is not None and not (closing or start == sent.start or after > hit.end or (start > lower_bound and doc.lower[start - 1] in CLAUSE_COORDINATORS) or (
            lower_bound == sent.start and doc.lower[sent.start] in LEAD_OPENERS and not any(
                doc.lower[index] in RELATIVE_WORDS or doc.lower[index] == "that" or doc.lower[index] in _QUOTES for index in range(sent.start, start)))):
        start = None  # 'The claim which did not mention a school said ...': 'a school' is no subject
    if closing and after == hit.end and (described := _closing_relative_description(doc, sent, hit, lower_bound)) is not None:
        # '... late Tuesday the aid group that supports it said.': the description the relative clause modifies
        start, head = described
    elif start is None and (relative := _relative_before(doc, sent, hit, lower_bound)) is not None:
        head = relative - 1  # 'Civil defence workers who went to the site said': the description the relative clause modifies
        start = _description_start(doc, sent, head, lower_bound)
        if start is not None and start != sent.start:
            start = None
    if start is not None and not (start == head and not _lone_name(doc, start)):
        if start == head:  # a lone surname ('Ensari added'): the person the article named with it earlier
            person = _person_named_earlier(doc, start, state, compiled)
            return None if person is None else _Frame(hit.start, hit.end, hit.text, person, start, hit.end, "reported")
        name = _determiner_lowered(doc, start, head + 1, DESCRIPTION_DETERMINERS)
        right = after if closing else hit.end  # '... the source told Anadolu Agency on condition of anonymity': the one told is the frame's
        if doc.lower[start] in SINGULAR_DETERMINERS and (named := _name_in_apposition_before(doc, start, lower_bound, places)) is not None:
            # 'Qamishli resident Suleiman Youssef a writer told': the person the description describes
            return _Frame(hit.start, hit.end, hit.text, _Speaker(named[1], CAMP_UNKNOWN, False, "person"), named[0], right, "reported")
        if (organisation := _organisation_named_by_members(doc, start, head + 1, speakers, compiled, places)) is not None:
            # 'Syria Civil Defence workers who went to the site said': the organisation's members speak for it (rule 1)
            return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(organisation, compiled), start, right, "reported")
        if name in OWN_STAFF and state.publisher is not None:
            return _Frame(hit.start, hit.end, hit.text, state.publisher, start, right, "reported")  # 'the reporter added': the outlet's
        if doc.lower[start] == "the" and doc.lower[head] in CLAIM_NOUNS and (state.last_report or state.last_any) is not None:
            # 'The claim which did not mention a wedding said ...': the claim of whoever reported last
            return _Frame(hit.start, hit.end, hit.text, state.last_report or state.last_any, start, right, "reported")
        return _Frame(hit.start, hit.end, hit.text, _Speaker(name, CAMP_UNKNOWN, True, "group"), start, right, "reported")
    if (hit.end < sent.end and verb in INVERTING_VERBS and doc.lower[hit.end] in DESCRIPTION_DETERMINERS and hit.start - 2 > sent.start):
        position = hit.end + 1
        while (position < sent.end and position - hit.end <= DESCRIPTION_MAX and _description_word(doc, position) and not doc.title[position]
               and not doc.lower[position].endswith("ing")):
            position += 1
        if position > hit.end + 1 and (position >= sent.end or doc.punct[position] or doc.lower[position] in DESCRIPTION_FOLLOWERS):
            name = _determiner_lowered(doc, hit.end, position, DESCRIPTION_DETERMINERS)  # '... said the health worker.'
            return _Frame(hit.start, hit.end, hit.text, _Speaker(name, CAMP_UNKNOWN, True, "group"), hit.start, position, "inverted")
    return None


def _is_registry_organisation(hit: _Hit, compiled: _Compiled) -> bool:
    """The mention is a registry name whose actor is of the kind organisation (no outlet, person or description)."""
    return hit.kind == "S" and compiled.sources[hit.key]["kind"] == "organisation"


def _organisation_named_by_members(doc: _Toks, start: int, end: int, speakers: Sequence[_Hit], compiled: _Compiled,
                                   places: Sequence[_Hit]) -> _Hit | None:
    """The registry organisation a description start..end names its members by ('Syria Civil Defence workers', 'the
    UN relief staff'): the organisation's mention after only a determiner or modifiers, then lowercase words only up
    to ``end``; or the description's noun placed in it ('Monitors at the Syrian Observatory', ``_organisation_of_members``);
    None otherwise."""
    organisation = next((s for s in speakers if start <= s.start and s.end <= end and s.kind == "S"), None)
    if organisation is None or not _is_registry_organisation(organisation, compiled):
        return None
    link = next((index for index in range(start + 1, organisation.start) if doc.lower[index] in MEMBER_OF_LINKS), None)
    if link is not None:
        member = _organisation_of_members(doc, link, end, speakers, compiled, places)
        return organisation if member is not None and member[0] == end else None
    if organisation.end == end:
        return None
    if any(not (doc.lower[index] in DESCRIPTION_DETERMINERS or _continuation_modifier(doc, index)) for index in range(start, organisation.start)):
        return None
    if not all(doc.alpha[index] and doc.token(index) == doc.lower[index] for index in range(organisation.end, end)):
        return None
    return organisation


def _description_start(doc: _Toks, sent, head: int, lower_bound: int) -> int | None:
    """Where the description ending in the noun ``head`` starts: its determiner ('the health worker', 'the narrator in
    the video', 'an organisation monitoring the conflict') or the sentence's first word ('Western countries'); None
    when ``head`` is no noun of a description or its start is held inside a modifier ('in the city')."""
    if head < lower_bound or not _description_word(doc, head) or doc.lower[head].endswith(("ing", "ly")) or doc.lower[head] == "-":
        return None
    start, position, held, joined = None, head, False, False
    while position >= lower_bound and head - position < DESCRIPTION_MAX:
        lower = doc.lower[position]
        if lower == "and" and not joined and head > position > sent.start:
            joined = True  # 'Government and opposition forces have both denied': joined descriptions, only as the sentence's subject
            position -= 1
            continue
        if lower in DESCRIPTION_DETERMINERS and position < head:
            start = position
            previous = doc.lower[position - 1] if position - 1 >= lower_bound else ""
            held = previous in DESCRIPTION_LINKS or previous.endswith("ing")  # 'the narrator in the video', 'a group tracking the violence'
            if not held:
                break  # 'a base the agency said': the nearest determiner opens the speaker, unless a modifier holds it
        elif position == sent.start and doc.token(position)[:1].isupper() and _description_word(doc, position) and not _opens_sentence_only(doc, position):
            start, held = position, False  # 'Western countries say', 'Ensari added': the sentence opens with the speaker
        if not (_description_word(doc, position) or lower in DESCRIPTION_LINKS or lower in DESCRIPTION_DETERMINERS):
            break
        position -= 1
    if joined and (start != sent.start or doc.lower[start] in DESCRIPTION_DETERMINERS):
        return None  # 'the town and residents said': 'and' joins a description only when both open the sentence
    return None if held else start


def _closing_relative_description(doc: _Toks, sent, hit: _Hit, lower_bound: int) -> tuple[int, int] | None:
    """A description closing the sentence after the content, modified by a short relative clause right before a
    closing verb ('... late Tuesday the aid group that supports it said.', '... a group of doctors that runs clinics in
    the city said'): (its start, its head noun before the relative word); else None."""
    for position in range(hit.start - 2, max(lower_bound, hit.start - DESCRIPTION_MAX - 1), -1):
        lower = doc.lower[position]
        if lower in _QUOTES or lower in SENTENCE_CLOSERS:
            return None
        if lower in ("that", "which", "who"):
            start = _description_start(doc, sent, position - 1, lower_bound)
            return None if start is None or start == sent.start else (start, position - 1)
    return None


def _relative_before(doc: _Toks, sent, hit: _Hit, lower_bound: int) -> int | None:
    """The 'who' or 'which' opening a relative clause of two or more words between a subject and its verb ('workers who
    went to the site said'), with no quotation inside; else None."""
    for position in range(hit.start - 1, max(lower_bound, hit.start - LONG_SUBJECT_TOKENS) - 1, -1):
        lower = doc.lower[position]
        if lower in _QUOTES:
            return None
        if lower in ("who", "which"):  # right before the verb ('men who say'), the relative clause is the verb's own
            return position if lower_bound < position < hit.start - 2 else None
    return None


def _person_named_earlier(doc: _Toks, index: int, state: _ArticleState, compiled: _Compiled) -> _Speaker | None:
    """The person a lone capitalised word before a verb names ('Amos said' after 'Valerie Amos', 'Hariri said' after
    'Nasr al-Hariri'): one remembered by surname, the last person, the full name written earlier (with the camp of a
    registry organisation named as his right after it: 'Nasr al-Hariri Secretary General of the Syrian Coalition'), or
    the word itself when the article wrote it capitalised before; None for a word never written before ('Evidence')."""
    surname = doc.lower[index]
    if (surname,) in compiled.speaker_modifiers:
        return None  # 'Kurdish units have ...': a demonym or side, no surname
    if (person := _person_by_surname(state, surname)) is not None:
        return person
    if state.last_person is not None and state.last_person.name.lower().split()[-1] == surname:
        return state.last_person
    word = doc.token(index)
    earlier = doc.text[:doc.idx[index]]
    if word not in earlier:
        return None
    full = _full_name_before(doc, index, word)
    if full is None and (particled := re.search(r"\b([A-Z][a-z]+ (?:[Aa]l|[Ee]l|[Aa]bu|bin|ibn)-)" + re.escape(word) + r"\b", earlier)) is not None:
        full = particled.group(1) + word  # 'Hariri said' after 'Nasr al-Hariri'
    if full is not None:
        name_end = bisect_left(doc.idx, earlier.rfind(full) + len(full))
        return _Speaker(full, _organisation_camp_after(doc, name_end, state, compiled), False, "person")
    if re.search(r"\b" + re.escape(word) + r"\b", earlier) is not None:
        return _Speaker(word, CAMP_UNKNOWN, False, "person")
    return None


def _organisation_camp_after(doc: _Toks, name_end: int, state: _ArticleState, compiled: _Compiled) -> str:
    """The camp of the registry organisation a person's earlier mention names as his within a few words ('X, head of
    the Y', 'X from Y'), else unknown."""
    for hit in islice(state.hits, state.hits_before):
        if hit.kind == "S" and name_end < hit.start <= name_end + DESCRIPTION_MAX and doc.lower[hit.start - 1] in ("of", "from", "the") and (
                doc.lower[hit.start - 1] != "the" or doc.lower[hit.start - 2] in ("of", "from")):
            return compiled.sources[hit.key]["camp"]
    return CAMP_UNKNOWN


def _name_in_apposition_before(doc: _Toks, start: int, lower_bound: int, places: Sequence[_Hit]) -> tuple[int, str] | None:
    """(start, name) of a person's name of two or more capitalised words right before a one-person description ('Suleiman
    Youssef a writer'), not a place ('in Douma a militia member'); else None."""
    proper = _proper_name_before(doc, start, lower_bound)
    if proper is None or len(proper[1].split()) < 2 or any(place.start < start and place.end > proper[0] for place in places):
        return None
    return proper


def _after_addressee(doc: _Toks, hit: _Hit, end: int) -> int:
    """The token after the one a telling verb names as told ('told AFP', 'told The Associated Press', 'told reporters',
    'told SANAs correspondent'): up to four capitalised words, 'the', or a word for journalists."""
    position = hit.end
    while position < end and position - hit.end < 4 and (doc.title[position] or doc.token(position).isupper() or doc.lower[position] in TOLD_WORDS):
        position += 1
    for phrase in ANONYMITY_PHRASES:  # '... told Anadolu Agency on condition of anonymity': how the source spoke
        if tuple(doc.lower[position:position + len(phrase)]) == phrase:
            return position + len(phrase)
    return position


def _lone_name(doc: _Toks, index: int) -> bool:
    """A capitalised word alone before the verb, opening a sentence that a full stop or quotation mark ended before it:
    a surname ('Ensari added'), not the tail of a name run in from a headline ('... Human Rights says')."""
    lower = doc.lower[index]
    return (doc.title[index] and lower not in ORGANISATION_WORDS and lower not in DOCUMENT_NOUNS and lower not in BACK_REFERENCE_NOUNS
            and (index == 0 or doc.punct[index - 1]))


def _opens_sentence_only(doc: _Toks, position: int) -> bool:
    """A capitalised first word that opens the sentence without naming anyone ('However', 'The', 'Meanwhile')."""
    lower = doc.lower[position]
    return lower in SENTENCE_OPENERS and lower not in DESCRIPTION_DETERMINERS or lower in LEAD_OPENERS or lower in ARTICLES


AREA_PREPOSITIONS = frozenset({"in", "inside", "near", "across", "around", "outside", "throughout", "within"})
PLACE_PREPOSITIONS = frozenset(AREA_PREPOSITIONS | PLACE_OF_SPEAKER_WORDS)  # before a place, also one the gazetteer lacks ('near Tal Sawan')


def _after_locative(doc: _Toks, start: int, lower_bound: int) -> bool:
    """The capitalised run at ``start`` closes a relative clause after a preposition of place, 'the' between or not ('US
    Central Command which oversees operations in the Middle East said'): a location inside the subject's relative
    clause, not the verb's subject (the subject is found by the long-subject rule)."""
    before = start - 1
    if before > lower_bound and doc.lower[before] == "the":
        before -= 1
    return before > lower_bound and doc.lower[before] in AREA_PREPOSITIONS and any(doc.lower[index] in RELATIVE_WORDS for index in range(lower_bound, before))


COLLECTIVE_NOUNS = frozenset({"network", "collection", "coalition", "alliance", "umbrella", "grouping", "web"})


def _members_of_collective(doc: _Toks, mention: _Hit, lower_bound: int) -> bool:
    """A group noun inside 'a network of ...' in apposition to a name ('The Local Coordination Committees (LCC) a network
    of activists reported'): what the named subject is made of, not the verb's subject (the name before is)."""
    if mention.kind == "S" or mention.start - 4 < lower_bound or doc.lower[mention.start - 1] != "of" or doc.lower[mention.start - 2] not in COLLECTIVE_NOUNS:
        return False
    article = mention.start - 3
    while article > lower_bound and doc.lower[article] not in ("a", "an") and mention.start - article <= 5 and doc.alpha[article]:
        article -= 1  # 'a wide network of'
    return doc.lower[article] in ("a", "an") and article - 1 >= lower_bound and (doc.lower[article - 1] == ")" or _capitalised(doc, article - 1))


def _frame_from_mention_before(doc: _Toks, hit: _Hit, before: list[_Hit], speakers: list[_Hit], lower_bound: int, places: Sequence[_Hit],
                               compiled: _Compiled, state: _ArticleState) -> _Frame:
    """The frame of a verb with speaker mentions ``before`` it in its clause: the first of a coordination ending in the
    nearest mention, or the name it describes in apposition; a person in apposition to it, a person named beside a
    one-person description, a participial description, a group or head noun said before, or the coordination joined."""
    speaker_hit = _first_of_coordination(doc, [s for s in speakers if s.end <= before[-1].start and s.start >= lower_bound] + [before[-1]], compiled, state)
    if speaker_hit is before[-1] and len(before) > 1 and _described_in_apposition(doc, before[-2], before[-1]):
        speaker_hit = before[-2]  # 'The Local Coordination Committees another monitoring group says': the named one
    speaker = _speaker_from_hit(speaker_hit, compiled)
    if speaker_hit.kind == "S" and speaker_hit.end == hit.start and (member := _person_in_apposition(doc, speaker_hit, lower_bound)) is not None:
        # 'Abu Mohammad al-Golani a commander of al-Nusra threatened ...': the subject is the person, the organisation his role's
        return _Frame(hit.start, hit.end, hit.text, _Speaker(member[1], speaker.camp, False, "person"), member[0], hit.end, "reported")
    if (speaker.anonymous and speaker_hit is before[-1] and speaker_hit.kind != "S" and doc.lower[speaker_hit.start] in ("a", "an")
            and (named_organisation := _organisation_name_before(doc, speaker_hit.start, lower_bound)) is not None and _opens_subject(doc, named_organisation[0], lower_bound)):
        # 'The Beirut Centre for Conflict Studies an NGO however put ...': the organisation the description is in apposition to
        start, end = named_organisation
        return _Frame(hit.start, hit.end, hit.text, _Speaker(_determiner_lowered(doc, start, end, ("the",)), CAMP_UNKNOWN, False, "organisation"), start, hit.end, "reported")
    if speaker.anonymous and speaker_hit is before[-1] and speaker_hit.kind != "S" and _is_individual(speaker.name):
        named = _name_beside_description(doc, speaker_hit, hit.start, lower_bound, speakers, places)
        if named is not None:  # 'Karim Haddad an activist in the town told', 'activist Karim Haddad told'
            return _Frame(hit.start, hit.end, hit.text, _Speaker(named[1], speaker.camp, False, "person"), min(named[0], speaker_hit.start), hit.end, "reported")
    if (speaker.anonymous and speaker_hit is before[-1] and speaker_hit.end < hit.start and _opens_participle(doc, speaker_hit.end)
            and doc.lower[hit.start - 1] != "to" and not any(doc.lower[index] in FINITE_WORDS for index in range(speaker_hit.end, hit.start))):
        # 'a group tracking the violence said', 'sources close to the group told': the description names the group
        speaker = _Speaker(f"{speaker.name} {doc.span_text(speaker_hit.end, hit.start).lower()}", speaker.camp, True, "group")
    if (speaker.anonymous and state.last_group is not None and speaker_hit.start > 0 and doc.lower[speaker_hit.start - 1] == "the"
            and speaker.name.islower() and state.last_group.name.lower().endswith(" " + speaker.name)):
        speaker = state.last_group  # 'Local sources in the city said ... The sources said': the same group
    elif (speaker.anonymous and speaker_hit.start > 0 and doc.lower[speaker_hit.start - 1] == "the" and speaker.name.islower()
          and (named := state.heads.get(speaker.name.split()[-1])) is not None):
        speaker = named  # 'US officials said ... one of the officials said': the speaker those officials were
    if (speaker_hit is not before[-1]
            and (joint := _coordinated_speaker(doc, [s for s in speakers if speaker_hit.start <= s.start and s.end <= before[-1].end], compiled, hit.start)) is not None):
        speaker = joint  # 'The Observatory and the LCC said', 'a monitor and rebels said'
        return _Frame(hit.start, hit.end, hit.text, speaker, _determiner_of_first_conjunct(doc, speaker_hit.start), hit.end, "reported")
    return _Frame(hit.start, hit.end, hit.text, speaker, speaker_hit.start, hit.end, "reported")


def _inverted_person_frame(doc: _Toks, hit: _Hit, named: tuple[int, str], speakers: list[_Hit], compiled: _Compiled, state: _ArticleState) -> _Frame:
    """The person ``named`` (end, name) right after an inverted verb: the person named in full earlier when the surname
    matches one, else the name with the camp of an affiliation after it."""
    person = _Speaker(named[1], _affiliation_camp(doc, named[0], speakers, compiled), False, "person")
    return _Frame(hit.start, hit.end, hit.text, _known_person(state, person), hit.start, named[0], "inverted")


def _known_person(state: _ArticleState, person: _Speaker) -> _Speaker:
    """The person the article named earlier with ``person``'s surname ('Haddad' after 'Karim Haddad'), else ``person``."""
    return state.persons.get(person.name.split()[-1].lower(), person)


def _capitalised_organisation(doc: _Toks, start: int, end: int) -> int | None:
    """The end of a capitalised organisation name from ``start`` ('Idlib Media Center'): two to six capitalised words
    (with 'for' / 'of' inside) whose last is an organisation noun; else None."""
    position, last = start, None
    while position < end and position - start < 6 and (doc.title[position] and doc.alpha[position] or (
            doc.lower[position] in ("for", "of") and position + 1 < end and doc.title[position + 1])):
        if doc.lower[position] in ORGANISATION_WORDS:
            last = position + 1
        position += 1
    return last if last is not None and last - start >= 2 else None


def _object_before_new_phrase(doc: _Toks, mention: _Hit, verb: int, lower_bound: int) -> bool:
    """A registry mention after a preposition with a new noun phrase right after it ('near the border with Iraq an
    organisation monitoring the conflict said', commas lost): an object, not the verb's subject."""
    return (mention.kind == "S" and mention.start - 1 >= lower_bound and doc.lower[mention.start - 1] in OBJECT_PREPOSITIONS
            and mention.end < verb and doc.lower[mention.end] in ARTICLES)


def _subject_of_content(doc: _Toks, verb: _Hit, mention: _Hit) -> bool:
    """A mention after the verb that opens the content rather than closing an inverted frame: after 'that', or a
    group followed by a finite verb ('reported that ten rebels were killed', 'said ten rebels had withdrawn')."""
    if doc.lower[verb.end] == "that":
        return True
    return mention.kind != "S" and mention.end < doc.n and not doc.sent_start[mention.end] and doc.lower[mention.end] in FINITE_WORDS


def _opening_organisation(doc: _Toks, sent: _Sent, speakers: list[_Hit], verb: int) -> tuple[bool, _Hit | None]:
    """Whether the sentence's subject is an organisation, which a later 'it' or 'they' in it refers to ('The council did
    not demand an inquiry although it said ...'), and its registry mention if it is one: a speaker mention or 'the' and
    an organisation noun opening the sentence, with no quotation mark before the verb (the subject of a quotation is
    not the reporter's: '"ISIL executed ..." it said')."""
    start = sent.start
    if any(doc.lower[index] in _QUOTES for index in range(start, verb)):
        return False, None
    mention = next((s for s in speakers if s.kind == "S" and (s.start == start or (s.start == start + 1 and doc.lower[start] == "the"))), None)
    if mention is not None:
        return True, mention
    return doc.lower[start] == "the" and any(doc.lower[index] in ORGANISATION_WORDS for index in range(start + 1, min(start + 4, sent.end))), None


APPOSITION_MODIFIERS_MAX = 5  # tokens between 'a' / 'another' and an appositive description's head ('another anti - government')


def _described_in_apposition(doc: _Toks, name: _Hit, description: _Hit) -> bool:
    """Whether ``description`` is an indefinite description in apposition to the mention ``name`` right before it ('The
    Local Coordination Committees another anti-government monitoring group'), which names no second speaker."""
    between = range(name.end, description.start)
    if not 1 <= len(between) <= APPOSITION_MODIFIERS_MAX or doc.lower[name.end] not in ("a", "an", "another") or not description.text.islower():
        return False
    return all(doc.lower[index] == "-" or (doc.alpha[index] and doc.lower[index] == doc.token(index)) for index in between)


def _name_after_description(doc: _Toks, description: _Hit, end: int, speakers: list[_Hit], places: Sequence[_Hit], compiled: _Compiled) -> tuple[int, _Speaker] | None:
    """'... said activist Karim Haddad', '... said Kurdish activist Karim Haddad.': a person named right after a bare
    one-person description (no determiner) after an inverted verb, the name closing the sentence or followed by a
    name ending ('of', ','); (name end, the person with the description's camp), else None (docs/annotation.md,
    Speaker rule 2)."""
    if description.kind == "S" or doc.lower[description.start] in DEFINITE_WORDS or not _is_individual(description.text):
        return None
    named = _proper_name_after(doc, description.end, end)
    if named is None or not (named[0] >= end or doc.lower[named[0]] in NAME_ENDINGS) or doc.lower[description.end] in NAME_PARTICLES:
        return None
    start = description.end
    if any(word in ORGANISATION_WORDS for word in named[1].lower().split()) or any(s.start < named[0] and s.end > start for s in speakers if s is not description):
        return None
    if any(place.start < named[0] and place.end > start for place in places):
        return None
    return named[0], _Speaker(named[1], _speaker_from_hit(description, compiled).camp, False, "person")


ORGANISATION_SUBJECT_MODIFIERS = 3  # 'the Franciscan mission', 'the local relief committee', 'The civil administration of Idlib'
SUBJECT_OPENING_WORDS = frozenset({",", "meanwhile", "separately", "elsewhere", "but", "and", "also"} | set(_QUOTES))


def _organisation_subject(doc: _Toks, hit: _Hit, lower_bound: int, speakers: list[_Hit], compiled: _Compiled) -> tuple[int, _Speaker] | None:
    """'The civil administration of Idlib announced', '... on Sunday night the Franciscan mission said': an unregistered
    organisation as the subject right before the verb: 'the', up to three modifiers (capitalised or not), an organisation
    noun, optionally 'of' and a capitalised name; opening the clause (after the frame's start, a clause opener, a
    quotation or a time word). Written as the article writes it, camp unknown (docs/annotation.md, Speaker rule 3);
    (start, speaker), else None. Without 'of X', a noun with no modifier or only generic ones ('the coalition', 'the TV
    network') is a back-reference, left to the pronoun rules. A capitalised name holding an organisation noun and
    'for' / 'of' ('The Syrian Center for Policy Research however put the toll at ...') is one too, adverbs before the
    verb skipped."""
    named = _organisation_name_before(doc, hit.start, lower_bound)
    if named is not None and not any(s.start < named[1] and s.end > named[0] for s in speakers):
        start, end = named
        if _opens_subject(doc, start, lower_bound):
            return start, _Speaker(_determiner_lowered(doc, start, end, ("the",)), CAMP_UNKNOWN, False, "organisation")
    end = hit.start
    if end - 2 > lower_bound and doc.lower[end - 2] == "of" and doc.title[end - 1] and doc.alpha[end - 1]:
        end -= 2  # 'of Idlib'
        while end - 2 > lower_bound and doc.lower[end - 2] == "of" and doc.title[end - 1]:
            end -= 2
    noun = end - 1
    if noun <= lower_bound or doc.lower[noun] not in ORGANISATION_WORDS or doc.token(noun) != doc.lower[noun]:
        return None
    start = next((index for index in range(noun - 1, max(noun - 2 - ORGANISATION_SUBJECT_MODIFIERS, lower_bound - 1), -1) if doc.lower[index] == "the"), None)
    if start is None or any(not doc.alpha[index] or doc.lower[index] in NOT_HEAD_WORDS or doc.sent_start[index] for index in range(start + 1, noun)):
        return None
    if end == hit.start and all((doc.lower[index],) in compiled.speaker_modifiers for index in range(start + 1, noun)):
        return None  # 'the coalition said', 'the TV network said': a back-reference
    if not _opens_subject(doc, start, lower_bound) or any(s.start < hit.start and s.end > start for s in speakers):
        return None
    return start, _Speaker(_determiner_lowered(doc, start, hit.start), CAMP_UNKNOWN, False, "organisation")  # 'the' opens it


def _opens_subject(doc: _Toks, start: int, lower_bound: int) -> bool:
    """A subject at ``start`` opens its clause: at the frame's lower bound or the sentence start, or after a clause opener,
    a quotation mark or a time word."""
    if start == lower_bound or doc.sent_start[start]:
        return True
    before = doc.lower[start - 1]
    return before in SUBJECT_OPENING_WORDS or before in DATE_TOKENS or before in WEEKDAYS_WRITTEN


# Reporting verbs whose object is the party accused or blamed ('accused government forces of gassing', 'blames the
# government for the attack'): the name after them is never their speaker.
ACCUSATION_VERBS = frozenset({"accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed", "blaming"})
# Verbs whose mention right after them is the one told, never the speaker ('a relative told AFP', 'the source told Anadolu').
TELLING_VERBS = frozenset({"told", "tells", "tell"})


def _is_accusation(hit: _Hit) -> bool:
    return hit.text.lower().rsplit(" ", 1)[-1] in ACCUSATION_VERBS


def _person_in_apposition(doc: _Toks, organisation: _Hit, lower_bound: int) -> tuple[int, str] | None:
    """(start, name) of a person named in full before 'a|an|the <role> of <organisation>' right before the verb
    ('Abu Mohammad al-Golani a commander of al-Nusra threatened'), else None."""
    position = organisation.start - 1
    if position - 2 < lower_bound or doc.lower[position] != "of" or doc.lower[position - 1] not in ROLE_WORDS:
        return None
    position -= 2
    while position > lower_bound and doc.lower[position] not in ROLE_DETERMINERS and doc.alpha[position] and doc.token(position) == doc.lower[position] \
            and organisation.start - position < 6:
        position -= 1  # 'a senior commander of', 'a top military commander of'
    if doc.lower[position] not in ROLE_DETERMINERS:
        return None
    named = _proper_name_before(doc, position, lower_bound)
    if named is None or len(named[1].split()) < 2:
        return None
    return named


def _name_frame(hit: _Hit, proper: tuple[int, str], doc: _Toks, speakers: list[_Hit], compiled: _Compiled, state: _ArticleState) -> _Frame:
    """The frame of the capitalised name ``proper`` (start, text) before the verb: the name as the registry spells it,
    or a role of the organisation it names."""
    return _role_of_organisation(_registry_by_spelling(_proper_frame(hit, proper, doc, state), compiled), doc, proper[0], speakers, compiled)


def _titled_name_frame(hit: _Hit, proper: tuple[int, str], doc: _Toks, speakers: list[_Hit], compiled: _Compiled, state: _ArticleState) -> _Frame:
    """``_name_frame`` for a name right before the verb, whose opening title words are the person's role ('SNHR
    Director Fadl Abdel-Ghani said'); the frame starts where the name is written, or at a role mention right before
    it ('activist Abu Malek al-Jayrudi told')."""
    written_start = proper[0]
    while _is_title_word(doc.lower[proper[0]]) and proper[0] + 2 < hit.start:
        proper = (proper[0] + 1, doc.span_text(proper[0] + 1, hit.start))
    frame = _name_frame(hit, proper, doc, speakers, compiled, state)
    left = min(frame.left, written_start)
    role = next((s for s in speakers if s.end == left and s.kind != "S"), None)
    if role is not None:
        left = role.start
    return frame if left == frame.left else replace(frame, left=left)


ROLE_QUALIFIERS = frozenset({"vice", "deputy", "acting", "senior", "chief", "executive", "general", "former", "regional", "emergencies", "media",
                             "political", "military", "foreign", "programme", "program", "research", "country", "middle", "east"})  # words of a role before its head
APPOSITION_ROLE_SCAN = 4  # tokens after 'the' / 'a' searched for the role's head word ('the deputy emergencies director')


def _is_role_head(lower: str) -> bool:
    return _is_title_word(lower) or lower in ROLE_HEADS


ROLE_HEADS = frozenset({"director", "head", "chief", "president", "researcher", "official", "leader", "spokesman", "spokeswoman", "spokesperson",
                        "representative", "member", "founder", "commander", "coordinator", "manager", "advocate", "investigator", "expert"})
# Nouns that end a description of a source after 'according to' ('the Al-Quds hospital', 'the Twitter account of ...').
ACCORDING_HEADS = frozenset(ORGANISATION_WORDS | ROLE_HEADS | {"hospital", "account", "newspaper", "daily", "website", "station", "channel", "doctor", "medic"})


def _person_in_role(doc: _Toks, hit: _Hit, speakers: list[_Hit], places: Sequence[_Hit], lower_bound: int, compiled: _Compiled,
                    state: _ArticleState) -> _Frame | None:
    """A person named with a role in an organisation is the speaker by name, with the organisation's camp
    (docs/annotation.md, Speaker rule 2): the organisation and title before the name ('U.S. Senator John McCain
    said'), the role and organisation before the name ('Vice president of the Syrian Coalition Nagham al-Ghadiri said') or after it in apposition ('Ahmet Uzumcu the head of the OPCW said', 'Ole
    Solvang deputy emergencies director at the New York-based group says'); a registry organisation gives the camp,
    'the group' / 'the organisation' the last organisation's, else unknown. A name the registry lists is a registry
    mention and never reaches this rule; None when the words do not fit."""
    organisations = [s for s in speakers if s.kind == "S" and compiled.sources[s.key]["kind"] in ("organisation", "outlet") and lower_bound <= s.start and s.end <= hit.start]
    # the organisation and title words before the name: 'U.S. Senator John McCain said', 'OPCW Director General X Y said'
    for organisation in reversed(organisations):
        position = organisation.end
        while position < hit.start and (_is_title_word(doc.lower[position]) or doc.lower[position] in ROLE_QUALIFIERS):
            position += 1
        if position == organisation.end or position >= hit.start:
            continue
        named = _proper_name_after(doc, position, hit.start)
        if named is None or named[0] != hit.start or not _plain_name(named[1], position, hit.start, speakers, places):
            continue
        state.last_organisation = _speaker_from_hit(organisation, compiled)
        person = _Speaker(_name_without_title(named[1]), state.last_organisation.camp, False, "person")
        return _registry_by_spelling(_Frame(hit.start, hit.end, hit.text, person, organisation.start, hit.end, "reported"), compiled)
    # the role and organisation before the name: '<role> of (the) <organisation> <Name> said'
    for organisation in reversed(organisations):
        named = _proper_name_after(doc, organisation.end, hit.start)
        if named is None or named[0] != hit.start or not _plain_name(named[1], organisation.end, hit.start, speakers, places):
            continue
        position = organisation.start - (organisation.start - 1 > lower_bound and doc.lower[organisation.start - 1] == "the")
        if position - 2 < lower_bound or doc.lower[position - 1] != "of" or not _is_role_head(doc.lower[position - 2]):
            continue
        start = position - 2
        while start - 1 >= lower_bound and (doc.lower[start - 1] in ROLE_QUALIFIERS or _is_title_word(doc.lower[start - 1])):
            start -= 1
        state.last_organisation = _speaker_from_hit(organisation, compiled)  # 'the group said' later is the organisation
        return _registry_by_spelling(_Frame(hit.start, hit.end, hit.text, _Speaker(named[1], state.last_organisation.camp, False, "person"), start, hit.end, "reported"), compiled)
    # the name, then its role in apposition: '<Name> (the|a) <qualifiers> <role> of|at|for <organisation> said'
    for start in range(lower_bound, hit.start - 3):
        if not (start == lower_bound or doc.lower[start - 1] in _QUOTES or doc.lower[start - 1] == ","):
            continue
        named = _proper_name_after(doc, start, hit.start)
        if named is None or not _plain_name(named[1], start, named[0], speakers, places) or any(s.start == start for s in speakers):
            continue
        position = named[0] + (doc.lower[named[0]] in ARTICLES)
        role = next((index for index in range(position, min(position + APPOSITION_ROLE_SCAN, hit.start)) if _is_role_head(doc.lower[index])), None)
        if role is None or any(not (doc.lower[index] in ROLE_QUALIFIERS or doc.alpha[index] and doc.text[doc.idx[index]].islower())
                               or doc.lower[index] in NOT_HEAD_WORDS for index in range(position, role)):
            continue  # 'Al-Hamad was also the Emir of ...': a clause of its own, not an apposition
        tail = range(role + 1, hit.start)
        if tail and doc.lower[role + 1] not in ("of", "at", "for", "with", "from", "in"):
            continue
        if any(doc.lower[index] in FINITE_WORDS or doc.lower[index] in _QUOTES or doc.lower[index] in RELATIVE_WORDS for index in tail) or len(tail) > LONG_SUBJECT_TOKENS:
            continue
        organisation = next((s for s in organisations if role < s.start), None)
        if organisation is not None:
            state.last_organisation = _speaker_from_hit(organisation, compiled)
            camp = state.last_organisation.camp
        elif tail and doc.lower[hit.start - 1] in ("group", "organisation", "organization", "agency") and state.last_organisation is not None:
            camp = state.last_organisation.camp  # 'at the New York-based group': the organisation just named
        else:
            camp = CAMP_UNKNOWN
        return _registry_by_spelling(_Frame(hit.start, hit.end, hit.text, _Speaker(named[1], camp, False, "person"), start, hit.end, "reported"), compiled)
    return None


PERSON_OF_LINKS = frozenset({"of", "from"})  # a named person of an organisation (_person_of_organisation); members of one: MEMBER_OF_LINKS
MEMBER_ORGANISATION_WORDS = 8  # 'of the Aleppo based Fastaqim opposition group'


def _person_of_organisation(doc: _Toks, hit: _Hit, speakers: list[_Hit], places: Sequence[_Hit], lower_bound: int, compiled: _Compiled,
                            state: _ArticleState) -> _Frame | None:
    """'Obeida al-Hamawi of the activist-run Hama Media Center said', '"..." Zakaria Malhifji of the Aleppo based X
    opposition group told Reuters': a person named in full (two to five capitalised words, no registry name, place
    or organisation word in it), then 'of' or 'from' and an organisation right before the verb (up to
    ``MEMBER_ORGANISATION_WORDS`` words ending in an organisation word or a registry organisation, no verb or clause
    word), is the speaker by name (docs/annotation.md, Speaker rule 2), not the organisation; its camp is a registry
    organisation's named there, else unknown. A name the registry lists ('Rami Abdel Rahman of the Observatory') is
    a registry mention and is left to rule 1."""
    last = hit.start - 1
    if last - 2 < lower_bound or not doc.alpha[last]:
        return None
    organisation = next((s for s in speakers if s.end == hit.start and _is_registry_organisation(s, compiled)), None)
    if organisation is None and doc.lower[last] not in SUBJECT_ORGANISATION_HEADS:
        return None
    link = next((index for index in range(last - 1, max(lower_bound, last - MEMBER_ORGANISATION_WORDS - 1), -1) if doc.lower[index] in PERSON_OF_LINKS), None)
    if link is None or link - 2 < lower_bound or (organisation is not None and organisation.start <= link):
        return None
    if any(not (doc.alpha[index] or doc.lower[index] == "-") or doc.lower[index] in FINITE_WORDS or doc.lower[index] in CLAUSE_WORDS
           or doc.lower[index] in _QUOTES for index in range(link + 1, hit.start)):
        return None
    if any(s.start < hit.start and s.end > link and s is not organisation and s.kind == "S" for s in speakers):
        return None  # another registry name inside: left to the registry rules
    named = _proper_name_before(doc, link, lower_bound)
    if named is not None and doc.lower[named[0]] in DATE_TOKENS:  # 'on Monday Ahmad Karim of ...'
        start = next((index for index in range(named[0], link) if doc.lower[index] not in DATE_TOKENS), link)
        named = (start, doc.span_text(start, link)) if start < link else None
    if named is None or not 2 <= len(named[1].split()) <= 5 or not _plain_name(named[1], named[0], link, speakers, places):
        return None
    if any(_is_title_word(word) or word in NOT_HEAD_WORDS for word in named[1].lower().split()):
        return None  # 'Head of the ...', 'Members of ...': a role, not a name
    if named[0] > lower_bound and doc.title[named[0] - 1] and doc.alpha[named[0] - 1] and doc.lower[named[0] - 1] not in DATE_TOKENS:
        return None
    camp = _speaker_from_hit(organisation, compiled).camp if organisation is not None else CAMP_UNKNOWN
    return _Frame(hit.start, hit.end, hit.text, _Speaker(named[1], camp, False, "person"), named[0], hit.end, "reported")


AFFILIATION_HEADS = frozenset(ORGANISATION_WORDS | {"militia", "militias", "police", "government", "regime", "hospital", "military", "unit", "units"})
AFFILIATION_WORDS_MAX = 4  # 'a source in the Syrian militia', 'an official at the local health directorate'


def _description_with_affiliation(doc: _Toks, hit: _Hit, speakers: list[_Hit], lower_bound: int, places: Sequence[_Hit] = ()) -> _Frame | None:
    """'a source in the Syrian militia said': an unnamed one-person description placed in an unregistered body (a
    short phrase ending in an organisation word, no registry name in it) right before the verb is the phrase as
    written, affiliation kept (docs/annotation.md, rule 3; a registry body inside makes it that body's, rule 1). A
    posting in a place ('an official in the Turkish town of Kilis said') is kept the same way; an origin ('a source
    from Idlib') is not."""
    for source in speakers:
        if source.kind == "S" or source.start < lower_bound or source.end >= hit.start or not _is_individual(source.text):
            continue
        if doc.lower[source.end] not in PLACE_OF_SPEAKER_WORDS or doc.lower[source.start] not in SINGULAR_DETERMINERS:
            continue
        if source.start > lower_bound and doc.lower[source.start - 1] == "and":
            continue  # 'The security sources and a witness in Akcakale said': a coordinated speaker, left to that rule
        body = range(source.end + 1 + (doc.lower[source.end + 1] == "the"), hit.start)
        posted = doc.lower[source.end] in ("in", "at") and (any(place.end == hit.start and place.start in body for place in places)
                                                             or _named_place_phrase(doc, body.start, hit.start))
        if not 1 <= len(body) <= AFFILIATION_WORDS_MAX or not (doc.lower[hit.start - 1] in AFFILIATION_HEADS or posted):
            continue
        if any(not doc.alpha[index] or doc.lower[index] in FINITE_WORDS or doc.lower[index] in CLAUSE_WORDS for index in body):
            continue
        if any(s.start < hit.start and s.end > source.end for s in speakers):
            continue
        name = _determiner_lowered(doc, source.start, hit.start)  # 'a', 'an', 'another' or 'one' opens it
        camp = source.key if source.kind == "W" else CAMP_UNKNOWN  # 'a regime source in Hassakeh': the description's own camp
        return _Frame(hit.start, hit.end, hit.text, _Speaker(name, camp, True, "group"), source.start, hit.end, "reported")
    return None


def _affiliation_after(doc: _Toks, source: _Hit, speakers: list[_Hit]) -> int | None:
    """The end of the body or posting a one-person description is placed in right after it ('an official from the
    autonomous administration', 'a source at Aleppo Police Command', 'the medical source in Hasakeh city'): 'in', 'at',
    'from' or 'inside', an optional 'the', and up to ``AFFILIATION_WORDS_MAX`` words ending in an affiliation noun,
    or ('in'/'at') in a capitalised place name with an optional place noun; no registry name, verb or clause word in
    it. None otherwise (an origin, 'a source from Idlib', is no affiliation)."""
    if source.end + 1 >= doc.n or doc.lower[source.end] not in PLACE_OF_SPEAKER_WORDS:
        return None
    start = source.end + 1 + (doc.lower[source.end + 1] == "the")
    for position in range(start, min(start + AFFILIATION_WORDS_MAX, doc.n)):
        lower = doc.lower[position]
        if doc.sent_start[position] or not doc.alpha[position] or lower in FINITE_WORDS or lower in CLAUSE_WORDS:
            return None
        if lower in AFFILIATION_HEADS:
            end = position + 1
            while end < doc.n and not doc.sent_start[end] and doc.title[end] and doc.lower[end] in AFFILIATION_HEADS and doc.title[position]:
                end += 1  # 'Aleppo Police Command': the head is the last of the name's organisation words
            break
        if (doc.lower[source.end] in ("in", "at") and doc.title[position] and position + 1 < doc.n and doc.lower[position + 1] in PLACE_NOUNS
                and doc.token(position + 1) == doc.lower[position + 1]):
            end = position + 2  # 'in Hasakeh city'
            break
    else:
        return None
    if any(s.kind == "S" and s.start < end and s.end > source.end for s in speakers):
        return None
    return end


CLAUSE_WORDS = frozenset({"that", "and", "but", "which", "who", "where", "when"})
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "district", "camp", "region", "governorate", "countryside", "neighbourhood", "neighborhood"})


def _named_place_phrase(doc: _Toks, start: int, end: int) -> bool:
    """'Turkish town of Suruc': words start..end end in a place noun, 'of' and capitalised words (a place the
    gazetteer may lack)."""
    of = next((index for index in range(start + 1, end - 1) if doc.lower[index] == "of" and doc.lower[index - 1] in PLACE_NOUNS), None)
    return of is not None and all(doc.title[index] and doc.alpha[index] for index in range(of + 1, end))


def _plain_name(name: str, start: int, end: int, speakers: list[_Hit], places: Sequence[_Hit]) -> bool:
    """A person's name: no organisation word, no speaker mention or place inside it."""
    return (not any(word in ORGANISATION_WORDS for word in name.lower().split())
            and not any(s.start < end and s.end > start for s in speakers) and not any(p.start < end and p.end > start for p in places))


def _source_at_office(doc: _Toks, hit: _Hit, proper: tuple[int, str], speakers: list[_Hit], lower_bound: int) -> _Frame | None:
    """'a source at Aleppo Police Command said', 'A source at the Police Command told': an anonymous source placed
    in an office (a capitalised name ending in an organisation word, no registry actor) is the phrase as written."""
    start = proper[0] - (doc.lower[proper[0] - 1] == "the")
    if start - 1 <= lower_bound or doc.lower[start - 1] not in PLACE_OF_SPEAKER_WORDS or proper[1].split()[-1].lower() not in ORGANISATION_WORDS:
        return None
    source = next((s for s in speakers if s.end == start - 1 and s.kind != "S"), None)
    if source is None or any(s.kind == "S" and start <= s.start < hit.start for s in speakers):
        return None
    return _Frame(hit.start, hit.end, hit.text, _Speaker(_determiner_lowered(doc, source.start, hit.start), CAMP_UNKNOWN, True, "group"), source.start, hit.end, "reported")


def _name_beside_description(doc: _Toks, description: _Hit, verb: int, lower_bound: int, speakers: list[_Hit], places: list[_Hit]) -> tuple[int, str] | None:
    """A person's name in apposition to a one-person description: right before 'a/an ...' ('Karim Haddad an activist
    in the town told', 'Karim Haddad, a doctor, said') or right after a bare role noun up to the verb ('activist Karim
    Haddad told'); two to four capitalised words (name particles allowed), no place, registry name, date or
    organisation word among them; (start, name), else None."""
    opening = _article_before_modifier(doc, description.start, lower_bound)
    if opening is not None:
        description = _Hit(description.kind, description.key, opening, description.end, description.text)
    if doc.lower[description.start] in ("a", "an"):
        end = description.start - (description.start - 1 > lower_bound and doc.lower[description.start - 1] == ",")
        position = end - 1
        while position >= lower_bound and ((doc.title[position] and doc.alpha[position]) or doc.lower[position] in NAME_PARTICLES):
            if doc.dateish[position + 1] > doc.dateish[position] or (doc.alpha[position] and doc.lower[position] in HEADLINE_FUNCTION_WORDS):
                break
            position -= 1
            if doc.sent_start[position + 1]:
                break
        start = position + 1
        if start - 1 >= lower_bound and doc.lower[start - 1] in ("of", "for", "-", "and"):
            return None  # the tail of a longer name
        start = next((place.end for place in places if place.start == start and place.end < end and doc.lower[start - 1] in LOCATIVE_WORDS), start)  # '... in Douma Karim Haddad a doctor'
        if start - 1 >= lower_bound and start == position + 1 and doc.lower[start - 1] in PLACE_PREPOSITIONS:
            return None  # 'an attack near Tal Sawan a local source told': a place the gazetteer lacks closes the content, no name
    elif doc.lower[description.start] not in DEFINITE_WORDS:
        named = _proper_name_after(doc, description.end, verb)
        if named is None or named[0] != verb:
            return None
        start, end = description.end, verb
    else:
        return None
    while start < end and doc.lower[start] in NAME_PARTICLES and not doc.title[start]:
        start += 1
    name = doc.span_text(start, end)
    capitalised = sum(1 for index in range(start, end) if doc.title[index])
    if not 2 <= capitalised <= 4 or not doc.title[start] or any(word.lower() in ORGANISATION_WORDS or _is_title_word(word.lower()) for word in name.split()):
        return None
    if any(other.start < end and other.end > start for other in speakers) or any(place.start < end and place.end > start for place in places):
        return None
    return start, name


def _article_before_modifier(doc: _Toks, start: int, lower_bound: int) -> int | None:
    """'a Douma-based media activist': the position of 'a' / 'an' before a hyphenated participle modifier ('Douma-based',
    'UK-based') that opens a description, else None."""
    position = start - 1
    if position - 2 <= lower_bound or doc.lower[position] not in MODIFIER_PARTICIPLES or doc.lower[position - 1] != "-":
        return None
    position -= 2
    while position > lower_bound and doc.title[position] and doc.alpha[position] and start - position <= 5:
        position -= 1
    return position if doc.lower[position] in ("a", "an") and position < start - 3 else None


def _name_before_comma_description(doc: _Toks, comma: int, lower_bound: int, speakers: list[_Hit], places: list[_Hit], compiled: _Compiled) -> tuple[int, _Speaker] | None:
    """'Karim Haddad, a doctor at the field hospital, said': a one-person description between commas, after a
    person's name, before the verb; (name start, the person), else None. A description naming a registry
    organisation ('a spokesman for the YPG') is left to the other rules."""
    opening = next((index for index in range(comma - 1, max(comma - 12, lower_bound), -1) if doc.lower[index] == ","), None)
    if opening is None:
        return None
    description = next((s for s in speakers if s.start == opening + 1 and s.kind != "S" and doc.lower[s.start] in ("a", "an")), None)
    if description is None or any(s.kind == "S" and opening < s.start < comma for s in speakers):
        return None
    named = _name_beside_description(doc, description, comma, lower_bound, speakers, places)
    if named is None:
        return None
    return named[0], _Speaker(named[1], _speaker_from_hit(description, compiled).camp, False, "person")


# Words before a participle that give it a subject of its own: 'quoted a source as saying', 'it saying'.
GERUND_PREPOSITIONS = frozenset({"for", "of", "without", "about", "against"})  # before a reporting verb in -ing: a gerund, no report
PARTICIPLE_SUBJECT_WORDS = frozenset({"as", "it", "they", "we", "he", "she", "with"})


# Words that open a noun's postmodifier: 'Fadi al-Shami of the X Brigade which operates in Y said', 'an activist in
# Deir al-Zour who spoke on condition of anonymity told', 'Observatory which tracks the war said'.
POSTMODIFIER_OPENERS = frozenset({"of", "from", "in", "at", "inside", "near", "with", "close", "based", "-", "(", ",", "who", "which", "whose"})
RELATIVE_WORDS = frozenset({"who", "which", "whose", "whom"})
# Outside a relative clause, these mean the subject already has its own verb ('Residents of Aleppo were ...').
FINITE_WORDS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might", "did", "do", "does", "be", "been"})
# Finite and modal words that open a clause: a mention right before one is that clause's subject, not the speaker of an
# inverted frame ('said Turkey wont allow ...', 'said Russia has ...').
CLAUSE_VERB_WORDS = frozenset(FINITE_WORDS | {"wont", "cannot", "cant", "must", "should", "shall", "doesnt", "didnt", "isnt", "wasnt", "hasnt", "havent"})
LONG_SUBJECT_TOKENS = 24


def _opens_participle(doc: _Toks, index: int) -> bool:
    """A participial or 'close to' postmodifier starts at ``index`` ('tracking the violence', 'close to the group')."""
    token = doc.lower[index]
    return (token.endswith("ing") and doc.alpha[index] and len(token) > 4) or (token == "close" and index + 1 < doc.n and doc.lower[index + 1] == "to")


def _subject_with_postmodifier(doc: _Toks, hit: _Hit, speakers: list[_Hit], hits: list[_Hit], lower_bound: int, places: list[_Hit], compiled: _Compiled,
                               state: _ArticleState) -> _Frame | None:
    """The subject at the start of the clause when a postmodifier separates it from the verb: a speaker mention or
    a person's name, then a prepositional phrase, a participle or a relative clause ('Fadi al-Shami of the Tahrir
    al-Sham Brigade which operates in the eastern Ghouta region said', 'The Observatory - which has a network of
    opposition and medical sources - also said'). Mentions inside the relative clause ('medical sources') are not
    the speaker. Before a relative word, no finite verb, fact word (killed, captured ...) or '-ed' form may come
    (the subject would have its own verb); after it, no other reporting verb; quotations end the search. Lowercase
    or hyphenated modifiers may come between the article and the mention ('The London-based Syrian Observatory
    which relies on ... says'); a back-reference before a relative clause ('The UK-based group which backs the
    opposition said') is resolved as ``_pronoun_before`` resolves it."""
    if not 3 <= hit.start - lower_bound <= LONG_SUBJECT_TOKENS:
        return None
    determiner = doc.lower[lower_bound] in ARTICLES
    head = next((s for s in speakers if s.start == lower_bound or (determiner and s.start == lower_bound + 1)), None)
    if head is None and determiner:  # modifiers written before the name ('The London-based ...', 'The UK based Syrian Observatory ... which')
        head = next((s for s in speakers if lower_bound + 1 < s.start <= lower_bound + 1 + SUBJECT_MODIFIERS_MAX and all(
            _continuation_modifier(doc, index) or _capitalised(doc, index) or doc.lower[index] in MODIFIER_PARTICIPLES for index in range(lower_bound + 1, s.start))), None)
    named_body = _capitalised_organisation(doc, lower_bound + 1, hit.start) if head is None and determiner else None
    if named_body is not None:  # 'The Idlib Media Center which publishes news ... said': an organisation the registry lacks, as written
        end, speaker = named_body, _Speaker(doc.span_text(lower_bound, named_body), CAMP_UNKNOWN, False, "organisation")
    elif head is None and determiner and (referent := _back_reference_head(doc, lower_bound, hit.start, state)) is not None:
        end, speaker = referent
    elif head is not None and head.end < hit.start:
        end, speaker = head.end, _speaker_from_hit(head, compiled)
        if head.kind != "S" and (member := _organisation_of_members(doc, head.end, hit.start, speakers, compiled, places)) is not None:
            end, speaker = member  # 'Monitors at the Syrian Observatory which tracks ... said', 'an official of the UN said': its members speak for it
    elif head is None and not determiner:
        named = _proper_name_after(doc, lower_bound, hit.start)
        if named is None or any(place.start < named[0] and place.end > lower_bound for place in places) or any(word in ORGANISATION_WORDS for word in named[1].lower().split()):
            return None
        end, speaker = named[0], _Speaker(named[1], _affiliation_camp(doc, named[0], speakers, compiled), False, "person")
    else:
        return None
    opener = doc.lower[end]
    if end >= hit.start or not (opener in POSTMODIFIER_OPENERS or (opener.endswith("ing") and doc.alpha[end]) or _apposed_description(doc, end, hit.start)):
        return None
    between = [other for other in hits if other.kind == "L" and end <= other.start < hit.start]
    reporting = {other.start for other in between if other.key == "reporting_verb"}
    blockers = reporting | {other.start for other in between if other.key in FACT_CATEGORIES}
    relative = False
    for index in range(end, hit.start):
        token = doc.lower[index]
        if token in _QUOTES:
            return None
        if token in RELATIVE_WORDS:
            relative = True
        elif relative:
            if index in reporting:
                return None  # 'which monitors the fighting': a fact word inside the relative clause describes the subject
        elif token in FINITE_WORDS or index in blockers or (token.endswith("ed") and doc.alpha[index] and token not in MODIFIER_PARTICIPLES and not doc.title[index]):
            return None
        elif any(s.start == index for s in speakers) and not doc.lower[index - 1] in ("of", "from", "in", "at", "to", "with", "by", "-"):
            return None  # 'Rebels in Aleppo province activists said': a second subject
    return _Frame(hit.start, hit.end, hit.text, speaker, lower_bound, hit.end, "reported")


SUBJECT_MODIFIERS_MAX = 4  # tokens of modifiers between 'the' and a subject mention ('The London - based')
MEMBER_OF_LINKS = frozenset({"of", "from", "at", "with", "for", "in", "inside", "within"})  # 'volunteers with the White Helmets'


def _organisation_of_members(doc: _Toks, position: int, stop: int, speakers: Sequence[_Hit], compiled: _Compiled,
                             places: Sequence[_Hit]) -> tuple[int, _Speaker] | None:
    """(end, organisation) when a description's postmodifier at ``position`` places it in a registry organisation
    ('at the Britain-based Syrian Observatory', 'of the United Nations', 'from the UN Secretary General'): a linking
    preposition, an optional 'the' and modifiers (``_continuation_modifier``), then the organisation's mention, ending
    the noun phrase (title words may follow, the role of no one named) before ``stop`` or a postmodifier opener. An
    unnamed member or source of a registry organisation speaks for it (docs/annotation.md, Speaker rule 1); None
    otherwise (an unregistered body is kept as written, rule 3; a country, 'officials in Iraq', is where they are)."""
    if position + 1 >= stop or doc.lower[position] not in MEMBER_OF_LINKS:
        return None
    start = position + 1
    organisation = next((s for s in speakers if start <= s.start <= start + SUBJECT_MODIFIERS_MAX and s.start < stop), None)
    if organisation is None or not _is_registry_organisation(organisation, compiled):
        return None
    if any(place.start < organisation.end and organisation.start < place.end for place in places):
        return None
    if any(not (doc.lower[index] == "the" and index == start) and not _continuation_modifier(doc, index) and not _capitalised(doc, index)
           for index in range(start, organisation.start)):
        return None
    end = organisation.end
    while end < stop and doc.alpha[end] and _is_title_word(doc.lower[end]):
        end += 1  # 'the UN Secretary General'
    if end < stop and not (doc.lower[end] in POSTMODIFIER_OPENERS or doc.punct[end]):
        return None  # 'residents of Islamic State territory': the organisation modifies another noun
    return end, _speaker_from_hit(organisation, compiled)


def _apposed_description(doc: _Toks, start: int, stop: int) -> bool:
    """An appositive description opens at ``start`` ('The Observatory an anti-Assad group which tracks ...'): 'a' or
    'an', then a description head (``DESCRIPTION_HEADS``) within ``APPOSITION_MODIFIERS_MAX`` tokens, before ``stop``."""
    return doc.lower[start] in ("a", "an") and any(doc.lower[index] in DESCRIPTION_HEADS for index in range(start + 1, min(start + 2 + APPOSITION_MODIFIERS_MAX, stop)))


def _back_reference_noun(doc: _Toks, start: int, stop: int) -> int | None:
    """The first back-reference noun within ``SUBJECT_MODIFIERS_MAX`` tokens after the 'the' at ``start`` (and before
    ``stop``), only modifiers that keep it a back-reference between ('the UK-based group', ``_continuation_modifier``);
    else None."""
    noun = next((index for index in range(start + 1, min(start + 1 + SUBJECT_MODIFIERS_MAX, stop)) if doc.lower[index] in BACK_REFERENCE_NOUNS), None)
    return None if noun is None or not all(_continuation_modifier(doc, index) for index in range(start + 1, noun)) else noun


def _back_reference_after(doc: _Toks, verb: _Hit, end: int, speakers: list[_Hit], state: _ArticleState) -> tuple[int, _Speaker] | None:
    """(end, speaker) of a back-reference right after an inverted verb that closes its clause ('... were killed said
    the source', '... said the group on Sunday', '... said the source noting that ...'), resolved as
    ``_pronoun_before`` resolves it; None otherwise."""
    start = verb.end
    if start >= end or doc.lower[start] != "the":
        return None
    noun = _back_reference_noun(doc, start, end)
    if noun is None or any(s.start <= noun < s.end for s in speakers):
        return None  # 'said the Observatory': the registry mention names it
    following = noun + 1
    if following < end and not (doc.punct[following] or doc.lower[following] in TIME_WORDS or doc.lower[following].endswith("ing")):
        return None  # 'said the group had ...': the back-reference opens the content
    referent = _referent_opening(doc, start, following, state)
    if referent is None:
        return None
    if referent is not state.last_individual and f"the {doc.lower[noun]}" not in ORGANISATION_REFERENCES and doc.lower[noun] not in DOCUMENT_NOUNS:
        return None  # '... said the frontline commander' may name a person still to come ('In a separate event ...')
    return following, referent


def _back_reference_head(doc: _Toks, start: int, verb: int, state: _ArticleState) -> tuple[int, _Speaker] | None:
    """(end, speaker) of a back-reference opening the clause at ``start`` right before a relative word ('The UK-based
    group which ...', 'The source who ...'), resolved to the speaker it refers back to; None otherwise."""
    noun = _back_reference_noun(doc, start, verb - 1)
    if noun is None or doc.lower[noun + 1] not in RELATIVE_WORDS:
        return None
    referent = _referent_opening(doc, start, noun + 1, state)
    return None if referent is None else (noun + 1, referent)


def _referent_opening(doc: _Toks, start: int, end: int, state: _ArticleState) -> _Speaker | None:
    """The speaker the back-reference from ``start`` to ``end`` refers to (``_pronoun_before``), when that
    back-reference opens at ``start`` itself; else None."""
    resolved = _pronoun_before(doc, end, start, state)
    return None if resolved is None or resolved[1] != start else resolved[0]


# A mention right after one of these is the agent or object in the content ('killed by Nusra Front said X'), so a
# name after the verb is the speaker.
AGENT_WORDS = frozenset({"by", "against"})


def _affiliation_camp(doc: _Toks, name_end: int, speakers: list[_Hit], compiled: _Compiled) -> str:
    """The camp of a registry organisation a person is named as belonging to ('Said Seif al Qalamoni from the Free
    Syrian Army's brigade', 'X of the YPG'), else unknown: the person stays the speaker, the organisation gives the side."""
    if name_end >= doc.n or doc.lower[name_end] not in ("from", "of"):
        return CAMP_UNKNOWN
    organisation = next((s for s in speakers if name_end < s.start <= name_end + 2 and s.kind == "S" and compiled.sources[s.key]["kind"] == "organisation"), None)
    if organisation is None or any(doc.lower[index] not in ("the", "a") for index in range(name_end + 1, organisation.start)):
        return CAMP_UNKNOWN
    return compiled.sources[organisation.key]["camp"]


def _government_before(doc: _Toks, hit: _Hit, lower_bound: int, places: list[_Hit], compiled: _Compiled) -> tuple[_Speaker, int] | None:
    """A place standing for its government where no capitalised run was taken: opening the sentence ('Damascus
    denied ...') or before an auxiliary ('Damascus has claimed ...'); (speaker, first token) or None."""
    end = hit.start - 1 if hit.start - 1 > lower_bound and doc.lower[hit.start - 1] in ("has", "had", "have") else hit.start
    place = next((place for place in places if place.end == end and place.start >= lower_bound), None)
    if place is None:
        return None
    government = _not_a_place(doc, (place.start, place.text), end, places, compiled)
    return (government, place.start) if isinstance(government, _Speaker) else None


def _not_a_date(doc: _Toks, proper: tuple[int, str], end: int) -> tuple[int, str] | None:
    """The capitalised run without leading date words ('Thursday announced' has no speaker)."""
    start = proper[0]
    while start < end and doc.dateish[start + 1] > doc.dateish[start]:
        start += 1
    if start == proper[0]:
        return proper
    return (start, doc.span_text(start, end)) if start < end else None


def _not_a_place(doc: _Toks, proper: tuple[int, str], end: int, places: list[_Hit], compiled: _Compiled) -> tuple[int, str] | _Speaker | None:
    """A capitalised run before a verb that is a gazetteer place is no speaker ('activists in Deir Ezzor said'),
    unless the place stands for a government: a country or capital (by gazetteer kind) not after a locative
    word ('Moscow denied', not 'fighting in Syria said'); then the registry actor of that name, else the place.
    A place run into a name ('Aleppo Ibrahim Abu Leith told', commas lost) is dropped from the name unless
    the rest names an organisation ('Aleppo Police Command')."""
    proper = _not_a_date(doc, proper, end)
    if proper is None:
        return None
    start = proper[0]
    inside = [place for place in places if place.end > start and place.start < end and place.end <= end]  # 'the Panjshir Valley' starts before the run
    if not inside:
        return proper
    first = inside[0]
    if first.start > start:
        return proper if inside[-1].end < end else None  # 'Directorate of Health in east Aleppo reported': the place ends the run
    if first.end == end:  # the whole run is one place
        opening = first.start
        before = doc.lower[opening - 1] if opening > 0 and not doc.sent_start[opening] else ""
        capital_of = compiled.capitals.get(first.text.lower())  # 'Damascus said': a seat of government the gazetteer files as a governorate
        if (capital_of is None and compiled.place_kind.get(first.key) not in METONYMIC_PLACE_KINDS) or before in LOCATIVE_WORDS or opening < start:  # 'northern Syria claiming'
            return None
        actor = capital_of or compiled.source_by_alias.get(first.key.lower()) or compiled.source_by_alias.get(first.text.lower())
        if actor is not None:
            info = compiled.sources[actor]
            return _Speaker(actor, info["camp"], bool(info["anonymous"]), info["kind"])
        government = compiled.governments.get(first.key)  # 'Syria said': the country as written, with its government's side
        return _Speaker(first.key, CAMP_UNKNOWN if government is None else compiled.sources[government]["camp"], False, "organisation")
    rest = doc.span_text(first.end, end)
    words = rest.lower().split()
    if (len(words) == 1 and len(inside) == 1 and first.start > 0 and doc.lower[first.start - 1] in LOCATIVE_WORDS and rest.isalpha()
            and words[0] not in PLACE_NOUNS and words[0] not in ORGANISATION_WORDS):
        return _not_a_date(doc, (first.end, rest), end)  # 'an attack on Turkey Haberturk reported': the place closes the content, the word after it reports
    if len(words) < 2 or any(word in ORGANISATION_WORDS for word in words) or any(place.end == end for place in inside):
        return None if len(words) < 2 or any(place.end == end for place in inside) else proper
    return _not_a_date(doc, (first.end, rest), end)


SENTENCE_CLOSERS = frozenset({".", ";", "!", "?"})


def _person_by_part(state: _ArticleState, written: str) -> _Speaker | None:
    """The person named in full earlier that ``written`` names by part: the surname ('Sino'), the end of the full name
    ('Abu Leith' after 'Ibrahim Abu Leith') or, when one person alone has it, the first name ('Ibrahim')."""
    lower = written.lower()
    person = _person_by_surname(state, lower) if " " not in lower else None
    person = person or next((known for known in state.persons.values() if known.name.lower().endswith(" " + lower)), None)
    if person is None and " " not in lower:
        firsts = {known.name: known for known in state.persons.values() if known.name.lower().startswith(lower + " ")}
        person = next(iter(firsts.values())) if len(firsts) == 1 else None
    return person


def _person_by_surname(state: _ArticleState, surname: str) -> _Speaker | None:
    """The person named in full earlier whose surname is ``surname`` (lowercase), its particle written on or not
    ('Barazi' after 'Talal al-Barazi')."""
    person = state.persons.get(surname)
    if person is None and surname.isalpha():
        person = next((known for key, known in state.persons.items() if key.endswith("-" + surname)), None)
    return person


def _name_closing_sentence(doc: _Toks, hit: _Hit, end: int, places: list[_Hit], speakers: list[_Hit], compiled: _Compiled,
                           state: _ArticleState) -> _Frame | None:
    """'... 22 wounded in Zahraa a district of Assad said Talal al-Barazi.', '... were gunned down said Kirkuki.': a
    person's name closing the sentence right after the verb is its speaker (an inverted frame), whatever name comes
    before the verb; one word only when it is the surname of a person named in full earlier. A description may come
    before the name ('said Idlib-based activist Karim Haddad', 'said the groups director Karim Haddad') and a frame
    tail after it ('... to Reuters', '... via Skype', '... on Monday'): the frame then runs to the tail's end."""
    if hit.text.lower().endswith("ing") or hit.end >= end:
        return None
    start = hit.end if doc.title[hit.end] and not _joined_by_hyphen(doc, hit.end, end) else _closing_description_end(doc, hit.end, end)
    if start is not None and start != hit.end and (source := _registry_source_at(speakers, start)) is not None:
        return _registry_closing_frame(doc, hit, source, end, compiled)
    saying = hit.text.lower() in INVERTED_SAYING_VERBS
    if saying and start is None and hit.end + 1 < end and doc.lower[hit.end] == "the" and (source := _registry_source_at(speakers, hit.end + 1)) is not None:
        # '... near the Euphrates River said the Syrian Observatory for Human Rights.': the registry source closing the
        # sentence is the speaker, whatever name comes before the verb
        return _registry_closing_frame(doc, hit, source, end, compiled, apposition=True)
    if start is None:
        return None
    named = _proper_name_after(doc, start, end)
    if named is not None:
        right = (named[0] if named[0] >= end or doc.lower[named[0]] in SENTENCE_CLOSERS
                 else _frame_tail_end(doc, named[0], end) or (_speaker_apposition_end(doc, named[0], end) if saying else None))
        if right is None or any(word in ORGANISATION_WORDS for word in named[1].lower().split()):
            return None
        if any(place.start < named[0] and place.end > start for place in places) or any(s.start < named[0] and s.end > start for s in speakers):
            return None
        person = _Speaker(named[1], _affiliation_camp(doc, named[0], speakers, compiled), False, "person")
        return _Frame(hit.start, hit.end, hit.text, _person_by_surname(state, named[1].split()[-1].lower()) or person, hit.start, right, "inverted")
    if start != hit.end:
        return None
    closes = hit.end + 1 >= end or doc.lower[hit.end + 1] in SENTENCE_CLOSERS
    if not closes or not doc.alpha[hit.end]:
        return None
    person = _person_by_surname(state, doc.lower[hit.end])
    surname = doc.token(hit.end)
    if person is None and not surname.isupper() and (full := _full_name_before(doc, hit.start, surname)) is not None:
        person = _Speaker(full, CAMP_UNKNOWN, False, "person")
    return None if person is None else _Frame(hit.start, hit.end, hit.text, person, hit.start, hit.end + 1, "inverted")


def _registry_source_at(speakers: list[_Hit], start: int) -> _Hit | None:
    """The registry source mention starting at token ``start``, or None."""
    return next((s for s in speakers if s.start == start and s.kind == "S"), None)


def _registry_closing_frame(doc: _Toks, hit: _Hit, source: _Hit, end: int, compiled: _Compiled, apposition: bool = False) -> _Frame | None:
    """The inverted frame of verb ``hit`` whose speaker is the registry ``source`` after it: it runs to the sentence's end
    or to the end of a frame tail after the source (with ``apposition``, else of a bare description of it: 'said the
    Observatory monitoring group'); None when other words follow."""
    right = (source.end if source.end >= end or doc.lower[source.end] in SENTENCE_CLOSERS
             else _frame_tail_end(doc, source.end, end) or (_speaker_apposition_end(doc, source.end, end, bare=True) if apposition else None))
    return None if right is None else _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(source, compiled), hit.start, right, "inverted")


# Verbs of saying whose subject may follow them when they close the sentence ('... said the Observatory', '... added
# Karim Haddad a teacher'); not verbs taking an object there ('told the Security Council', 'called on the U.N. team').
INVERTED_SAYING_VERBS = frozenset({"said", "says", "added", "adds", "stated", "explained", "noted", "wrote"})
# Nouns that end a person's description before the name after an inverted verb ('said Idlib-based activist Karim
# Haddad'), with ROLE_HEADS and title words.
PERSON_DESCRIPTION_NOUNS = frozenset({"activist", "resident", "doctor", "medic", "witness", "journalist", "correspondent", "analyst", "officer",
                                      "fighter", "volunteer", "nurse", "lawyer", "monitor", "worker", "rebel", "surgeon", "pilot", "engineer"})
# Prepositions opening a frame tail after an inverted frame's speaker ('... to Reuters', '... via Skype', '... on Monday').
FRAME_TAIL_OPENERS = frozenset({"to", "via", "by", "on", "in", "at", "during", "over"})


def _closing_description_end(doc: _Toks, index: int, end: int) -> int | None:
    """Where a name starts after a lowercase description right after an inverted verb: an optional 'the' and up to four
    lowercase words (a hyphened modifier counted by its parts) ending in a person noun ('Idlib-based activist', 'the groups
    director', 'spokesman'); else None."""
    position = index + (doc.lower[index] == "the")
    first = position
    while position < end and position - first < 6 and (not (doc.title[position] or doc.punct[position]) or doc.lower[position] == "-"
                                                       or _joined_by_hyphen(doc, position, end)):
        position += 1  # 'Idlib - based' is one modifier
    if position == first or position >= end or not doc.title[position]:
        return None
    head = doc.lower[position - 1]
    return position if head in PERSON_DESCRIPTION_NOUNS or _is_role_head(head) else None


def _joined_by_hyphen(doc: _Toks, index: int, end: int) -> bool:
    """A capitalised word joined by a hyphen to a lowercase word after it ('Aleppo-based', 'Britain-based')."""
    return index + 2 < end and doc.lower[index + 1] == "-" and not doc.title[index + 2]


def _closing_mark(doc: _Toks, start: int, end: int) -> int:
    """The first sentence-closing mark from token ``start`` on, else ``end``."""
    return next((position for position in range(start, end) if doc.lower[position] in SENTENCE_CLOSERS), end)


def _frame_tail_end(doc: _Toks, index: int, end: int) -> int | None:
    """The end of a frame tail closing the sentence after an inverted frame's speaker ('to ARA News', 'via Skype', 'on
    Wednesday'): a preposition, then frame-tail words only up to the sentence's closing mark; else None."""
    if index >= end or doc.lower[index] not in FRAME_TAIL_OPENERS:
        return None
    stop = _closing_mark(doc, index, end)
    return stop if stop - index <= FRAME_TAIL_MAX and all(doc.token(position).isupper() or _only_frame_tail(doc, position, position + 1)
                                                          for position in range(index, stop)) else None


# Nouns heading a description of a speaker in apposition after its name ('... said Karim Haddad a 40-year-old teacher',
# '... according to the Levant Front one of the factions fighting in Aleppo'), with PERSON_DESCRIPTION_NOUNS, ROLE_HEADS,
# title words and ORGANISATION_WORDS, singular or plural.
APPOSITION_SPEAKER_NOUNS = frozenset({"teacher", "student", "farmer", "father", "mother", "man", "woman", "mechanic", "driver", "shopkeeper",
                                      "soldier", "civilian", "survivor", "defector", "faction", "militia", "brigade", "battalion", "movement",
                                      "outlet", "broadcaster", "monitor", "watchdog"})
# Suffixes of a person noun ('pharmacist', 'physician') heading such a description.
APPOSITION_PERSON_SUFFIXES = ("ist", "ician")
# Words that end the head search of an apposition: its first preposition or participle-free modifier after the head.
APPOSITION_STOPS = OBJECT_PREPOSITIONS | RELATIVE_WORDS | {"near", "after", "before", "since", "during", "based", "that"}


def _apposition_head(lower: str) -> bool:
    singular = lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower
    return any(word in APPOSITION_SPEAKER_NOUNS or word in PERSON_DESCRIPTION_NOUNS or word in ORGANISATION_WORDS or _is_role_head(word)
               or word.endswith(APPOSITION_PERSON_SUFFIXES) for word in (lower, singular))


def _speaker_apposition_end(doc: _Toks, start: int, end: int, bare: bool = False) -> int | None:
    """The end of a description of the speaker just named that closes the sentence after it: 'a' / 'an' / 'one of the'
    (or, with ``bare``, lowercase words straight after a registry name: 'monitoring group'), a few modifiers and a person
    or organisation noun before any preposition ('a 32-year-old pharmacist', 'a civil defence official in rebel-held
    Aleppo', 'one of the factions fighting for the city'), with no verb of a clause of its own (no finite word, no '-ed'
    word outside a hyphened modifier); else None. Such a phrase is who spoke, not content."""
    stop = _closing_mark(doc, start, end)
    if start >= stop or stop - start > FRAME_TAIL_MAX:
        return None
    position = start
    if doc.lower[start] in ("a", "an"):
        position += 1
    elif doc.lower[start] == "one" and start + 2 < stop and doc.lower[start + 1] == "of" and doc.lower[start + 2] in ("the", "its", "their", "his"):
        position += 3
    elif not bare or doc.title[start]:
        return None
    head = False
    for index in range(position, stop):
        lower = doc.lower[index]
        if lower in FINITE_WORDS or (doc.alpha[index] and len(lower) > 3 and lower.endswith("ed") and doc.lower[index - 1] != "-"):
            return None
        if not head and lower in APPOSITION_STOPS and index > position:
            return None
        if not head and index - position < 6 and doc.alpha[index] and _apposition_head(lower):
            head = True
    return stop if head else None


def _proper_frame(hit: _Hit, proper: tuple[int, str], doc: _Toks, state: _ArticleState) -> _Frame:
    """A capitalised name before the verb: an organisation (by its words), a person (two to four words), or one
    word: the person of that surname named in full earlier ('Sino said' after 'Mustafa Sino said'), else a
    person when it is not written in capitals ('Xelil said'; 'SOHR said' stays unknown). A part of a full name said
    before is that person (``_person_by_part``: 'Abu Leith said', 'Ibrahim said' after 'Ibrahim Abu Leith')."""
    start, name = proper
    name = _name_without_title(name)
    if (named := _name_before_titled_acronym(doc, start, name)) is not None:
        start, name = named
    words = name.lower().split()
    organisation_at = [index for index, word in enumerate(words) if word in ORGANISATION_WORDS]
    if organisation_at and 2 <= len(words) - organisation_at[-1] - 1 <= 3:  # 'Kurdish National Council Mustafa Sino' (commas lost)
        tail = name.split()[organisation_at[-1] + 1:]
        return _Frame(hit.start, hit.end, hit.text, _Speaker(" ".join(tail), CAMP_UNKNOWN, False, "person"), start, hit.end, "reported")
    if len(words) == 1 and words[0] in state.persons:
        return _Frame(hit.start, hit.end, hit.text, state.persons[words[0]], start, hit.end, "reported")
    if len(words) >= 2 and words[-1] in state.persons and " ".join(words[:-1]) in state.compiled.source_by_alias:
        # 'combatting Daesh Cavusoglu said' after 'Mevlut Cavusoglu' (commas lost): a registry mention, then the surname of a person named before
        return _Frame(hit.start, hit.end, hit.text, state.persons[words[-1]], start + len(words) - 1, hit.end, "reported")
    if len(words) <= 3 and not organisation_at and name.replace("-", "").replace(" ", "").isalpha() and (known := _person_by_part(state, name)) is not None:
        return _Frame(hit.start, hit.end, hit.text, known, start, hit.end, "reported")  # 'Abu Leith said', 'Ibrahim said' after 'Ibrahim Abu Leith'
    if len(words) == 1 and name.isalpha() and not name.isupper() and (full := _full_name_before(doc, start, name)) is not None:
        return _Frame(hit.start, hit.end, hit.text, _Speaker(full, CAMP_UNKNOWN, False, "person"), start, hit.end, "reported")
    if any(word in ORGANISATION_WORDS for word in words):
        kind = "organisation"
    elif 2 <= len(words) <= 4 or (len(words) == 1 and not name.isupper() and name.isalpha()):
        kind = "person"
    else:
        kind = "unknown"
    return _Frame(hit.start, hit.end, hit.text, _Speaker(name, CAMP_UNKNOWN, False, kind), start, hit.end, "reported")


# Head words of office titles written before or after a name ('National Security Adviser Susan Rice', 'Yacoub El Hillo
# UN Resident Coordinator'), with HONORIFICS and ROLE_WORDS.
TITLE_WORDS = frozenset({"adviser", "advisor", "secretary", "coordinator", "spokeswoman", "governor", "mayor", "chairman", "chairwoman",
                         "premier", "chancellor", "king", "prince", "emir", "lawmaker", "mp", "envoy", "undersecretary"})


def _name_without_title(name: str) -> str:
    """A person's name out of a capitalised run that carries an office title: the two or three words after the last
    title word ('Security Adviser Susan Rice' -> 'Susan Rice'); else the run."""
    words = name.split()
    if len(words) < 4:
        return name
    titled = [index for index, word in enumerate(words) if _is_title_word(word.lower())]
    if not titled or titled[-1] == len(words) - 1:
        return name
    rest = words[titled[-1] + 1:]
    return " ".join(rest) if 2 <= len(rest) <= 3 else name


def _is_title_word(lower: str) -> bool:
    return lower in TITLE_WORDS or lower in HONORIFICS or lower in ROLE_WORDS


def _name_before_titled_acronym(doc: _Toks, start: int, name: str) -> tuple[int, str] | None:
    """'Yacoub El Hillo UN Resident Coordinator said': a run of title words after an acronym follows the person's
    name (commas lost); the two to four capitalised words before the acronym, as (start, name)."""
    if not _is_title_word(name.split()[-1].lower()) or start < 3 or not (doc.alpha[start - 1] and doc.token(start - 1).isupper()):
        return None
    position = start - 2
    while position >= 0 and (doc.title[position] or doc.lower[position] in NAME_PARTICLES) and not doc.sent_start[position] and start - 1 - position <= 4:
        position -= 1
    if doc.sent_start[position] and doc.title[position]:
        position -= 1  # the name opens the sentence
    first = position + 1
    return (first, doc.span_text(first, start - 1)) if 2 <= start - 1 - first <= 4 else None


def _full_name_before(doc: _Toks, start: int, surname: str) -> str | None:
    """'Blinken said' after 'Rices deputy Tony Blinken speaking at ...': the last earlier mention of the surname
    after a capitalised given name (not a title), when the surname never spoke in full before."""
    earlier = doc.text[:doc.idx[start]]
    if surname not in earlier:
        return None
    given = None
    for match in re.finditer(r"\b([A-Z][a-z]+) " + surname + r"\b", earlier):
        if match.group(1).lower() not in HONORIFICS and match.group(1).lower() not in TITLE_WORDS and match.group(1).lower() not in DEFINITE_WORDS:
            given = match.group(1)
    return None if given is None else f"{given} {surname}"


def _proper_name_after(doc: _Toks, index: int, end: int) -> tuple[int, str] | None:
    """A person's name right after an inverted verb ('..." said Dr Ammar al-Assad a Member of Parliament'):
    titles skipped, capitalised words joined by name particles ('al-', 'Abu'); two to five words; (end, name)."""
    position = index
    while position < end and doc.lower[position] in HONORIFICS and doc.title[position]:
        position += 1
    start, capitalised, last = position, 0, None
    while position < end and position - start < 8:
        lower = doc.lower[position]
        if doc.title[position] and doc.alpha[position] and not doc.dateish[position + 1] > doc.dateish[position]:
            capitalised += 1
            last = position
        elif not (lower in NAME_PARTICLES and position + 1 < end and (doc.title[position + 1] or doc.lower[position + 1] in NAME_PARTICLES)):
            break
        position += 1
    if last is None or capitalised < 2 or capitalised > 5:
        return None
    return last + 1, doc.span_text(start, last + 1)


_CLAUSE_BREAKS = frozenset({",", ";", ":", "that", "and", "but", "which", "who"})


def _outside_parentheses(doc: _Toks, start: int, end: int):
    """Lowercased tokens in [start, end) that are not inside a parenthesis."""
    depth = 0
    for index in range(start, end):
        token = doc.lower[index]
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            yield token


def _distance(doc: _Toks, start: int, end: int) -> int:
    """Tokens between a mention and the verb, not counting a parenthesis ('ISIS (Daesh ISIL) group claimed')."""
    tokens = doc.lower[start:end]
    if "(" not in tokens and ")" not in tokens:
        return len(tokens)
    return sum(1 for _ in _outside_parentheses(doc, start, end))


def _first_of_coordination(doc: _Toks, before: list[_Hit], compiled: _Compiled | None = None, state: _ArticleState | None = None) -> _Hit:
    """'the United States and the G7 ... vowed': the first of coordinated speaker mentions; 'YPG spokesman Redur
    Xelil and Turkish security sources told' also coordinates the organisation of the named spokesman."""
    chosen = before[-1]
    for candidate in reversed(before[:-1]):
        between = [doc.lower[i] for i in range(candidate.end, chosen.start)]
        if between and all(word in COORDINATION_WORDS for word in between) and "and" in between:
            if candidate.start > 0 and not doc.sent_start[candidate.start] and doc.lower[candidate.start - 1] in OBJECT_PREPOSITIONS:
                break  # 'objections from Russia and China diplomats said': the first conjunct is an object
            chosen = candidate
        elif compiled is not None and between and between[0] in ROLE_WORDS and between[-1] == "and" and _is_member_of(doc, candidate, compiled):
            named = _proper_name_after(doc, candidate.end + 1, chosen.start)
            if named is None or named[0] != chosen.start - 1:
                break
            if state is not None:
                _remember_member(named[1], _speaker_from_hit(candidate, compiled), state)
            chosen = candidate
        else:
            break
    return chosen


COORDINATION_WORDS = frozenset({"and", "the", "a", "an", ","})


COORDINATION_HEAD_WORDS = 2  # 'Moscow and Syrian official media reported', 'the Reuters news agency said'


def _coordinated_speaker(doc: _Toks, conjuncts: list[_Hit], compiled: _Compiled, verb: int | None = None, loose: bool = False) -> _Speaker | None:
    """Speakers joined by 'and' who assert the claim together ('The Observatory and the LCC said', 'Rebels and
    activists have reported', 'residents and a monitoring group said') are one speaker written as the whole phrase
    (docs/annotation.md, Speaker rule 4): the camp they share, else unknown; anonymous only when all of them are (a
    named actor among them stands behind the claim: 'The Observatory and activists'). None unless the words between the mentions
    are a plain coordination or a spokesman's name ('YPG spokesman Redur Xelil and Turkish security sources').
    ``loose``: the caller has checked the words between (``_according_partner``). The phrase runs on to the verb at ``verb`` over at most two more lowercase words that finish the last mention
    ('the Reuters news agency', 'Syrian official media'), never over a finite, frame or time word."""
    conjuncts = [hit for hit in conjuncts if not any(other is not hit and other.start <= hit.start and hit.end <= other.end for other in conjuncts)]
    if len(conjuncts) < 2:
        return None
    for left, right in zip(conjuncts, conjuncts[1:]):
        between = doc.lower[left.end:right.start]
        if between and between[0] in ROLE_WORDS and between[-1] == "and" and _is_member_of(doc, left, compiled):
            continue  # 'YPG spokesman Redur Xelil and Turkish security sources': the spokesman is the first partner
        if not loose and (not between or any(word not in COORDINATION_WORDS for word in between)):
            return None
    if "and" not in doc.lower[conjuncts[-2].end:conjuncts[-1].start]:
        return None
    parts = [_speaker_from_hit(hit, compiled) for hit in conjuncts]
    camps = {part.camp for part in parts}
    camp = camps.pop() if len(camps) == 1 else CAMP_UNKNOWN
    first, last = conjuncts[0].start, conjuncts[-1].end
    if doc.lower[conjuncts[0].end] in ROLE_WORDS and _is_member_of(doc, conjuncts[0], compiled):
        named = _proper_name_after(doc, conjuncts[0].end + 1, conjuncts[1].start)
        if named is not None:  # 'YPG spokesman Redur Xelil and ...' is written 'Redur Xelil and ...' (names without titles)
            first = named[0] - len(named[1].split())
            while first > conjuncts[0].end and doc.span_text(first, named[0]) != named[1]:
                first -= 1
    first = _determiner_of_first_conjunct(doc, first)
    if verb is not None and 0 < verb - last <= COORDINATION_HEAD_WORDS and all(
            doc.alpha[index] and doc.text[doc.idx[index]].islower() and doc.lower[index] not in NOT_HEAD_WORDS for index in range(last, verb)):
        last = verb
    return _Speaker(doc.span_text(first, last), camp, all(part.anonymous for part in parts), "group")


DESCRIPTION_MAX_MODIFIERS = 2  # 'the extremist group', 'a local rights group'


def _determiner_of_first_conjunct(doc: _Toks, first: int) -> int:
    """Where a coordinated speaker starts: the first conjunct's determiner with the modifiers between ('The Britain-based
    observatory and opposition fighters', 'a human rights monitoring group and activists', 'the observatory and a
    security source' are written whole, docs/annotation.md Speaker rule 4); ``first`` when no determiner opens it
    within a few modifier tokens (hyphen compounds, description modifiers), inside the sentence."""
    position = first - 1
    while position >= 0 and first - position <= COORDINATION_MODIFIER_TOKENS + 1:
        lower = doc.lower[position]
        if lower in ARTICLES:
            return position
        if doc.sent_start[position] or not (lower == "-" or lower in COORDINATION_MODIFIERS or (
                doc.alpha[position] and (doc.lower[position + 1] == "-" or (position > 0 and doc.lower[position - 1] == "-")))):
            return first
        position -= 1
    return first


COORDINATION_MODIFIER_TOKENS = 3  # 'Britain - based', 'human rights monitoring'
COORDINATION_MODIFIERS = DESCRIPTION_NOUN_MODIFIERS | {"human", "local", "international", "independent"}


def _coordinated_with_description(doc: _Toks, verb: int, lower_bound: int, speakers: list[_Hit], compiled: _Compiled) -> tuple[int, _Speaker] | None:
    """'Syrian opposition activists and the extremist group said': a speaker mention joined by 'and' to an
    unregistered description right before the verb (a determiner, at most two lowercase words and an organisation or
    one-person noun) is a joint speaker like two mentions (``_coordinated_speaker``); (start, speaker), else None."""
    position = verb - 1
    if position <= lower_bound or not doc.alpha[position] or not doc.text[doc.idx[position]].islower():
        return None
    noun = doc.lower[position]
    if noun not in ORGANISATION_WORDS and noun.removesuffix("s") not in ORGANISATION_WORDS | INDIVIDUAL_NOUNS:
        return None
    if any(s.start <= position < s.end for s in speakers):
        return None  # a mention of its own: the coordination rule of mentions applies
    start = position
    while start - 1 > lower_bound and position - start < DESCRIPTION_MAX_MODIFIERS and doc.alpha[start - 1] and doc.lower[start - 1] not in DESCRIPTION_DETERMINERS and doc.lower[start - 1] != "and" and doc.text[doc.idx[start - 1]].islower():
        start -= 1
    if start - 1 <= lower_bound or doc.lower[start - 1] not in DESCRIPTION_DETERMINERS:
        return None
    start -= 1
    if start - 1 <= lower_bound or doc.lower[start - 1] != "and":
        return None
    first = next((s for s in speakers if s.end == start - 1 and s.start >= lower_bound), None)
    if first is None:
        return None
    description = _Hit("W", CAMP_UNKNOWN, start, verb, doc.span_text(start, verb))
    conjuncts = [s for s in speakers if s.start >= lower_bound and s.end <= first.start] + [first, description]
    chosen = _first_of_coordination(doc, conjuncts[:-1])
    joint = _coordinated_speaker(doc, [c for c in conjuncts if c.start >= chosen.start], compiled)
    return None if joint is None else (_determiner_of_first_conjunct(doc, chosen.start), joint)


# Roles a person speaks in for an organisation named right before them ('YPG spokesman Redur Xelil').
ROLE_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "commander", "leader", "head", "chief", "director", "representative", "envoy"})


def _is_member_of(doc: _Toks, organisation: _Hit, compiled: _Compiled) -> bool:
    """The mention is a registry organisation followed by a role word ('YPG spokesman')."""
    return organisation.kind == "S" and compiled.sources[organisation.key]["kind"] == "organisation" and organisation.end < doc.n and doc.lower[organisation.end] in ROLE_WORDS


def _titled_member_of(doc: _Toks, organisation: _Hit, stop: int, compiled: _Compiled) -> bool:
    """The mention is a registry organisation followed only by title words up to ``stop`` ('UN Secretary General')."""
    return (organisation.kind == "S" and compiled.sources[organisation.key]["kind"] == "organisation" and organisation.end < stop
            and all(doc.alpha[index] and _is_title_word(doc.lower[index]) for index in range(organisation.end, stop)))


def _remember_member_name(doc: _Toks, verb: int, frame: _Frame, places: Sequence[_Hit], source_by_alias: dict, state: _ArticleState) -> None:
    """A person's name of two to four capitalised words right before the verb of a frame an organisation was found to
    speak through ('Member of the Syrian Coalitions political committee Badr Jamous said', the Coalition's): a later
    'Jamous said' / 'Jamous pointed out' by surname is the same speaker, also when the registry lists the full name as
    the organisation's alias. Another actor's registry name and places are no person."""
    name = _proper_name_before(doc, verb, frame.left)
    if name is None or not 2 <= len(name[1].split()) <= 4 or source_by_alias.get(name[1].lower(), frame.speaker.name) != frame.speaker.name or any(s.kind == "P" and s.start < verb and s.end > name[0] for s in places):
        return
    surname = name[1].split()[-1].lower()
    if surname.isalpha() and surname not in state.persons and not any(word.lower() in ORGANISATION_WORDS for word in name[1].split()):
        state.persons[surname] = frame.speaker


def _remember_member(name: str, organisation: _Speaker, state: _ArticleState) -> None:
    """Later 'Xelil said' and 'He said' about the spokesman are his, with his organisation's camp (docs/annotation.md,
    Speaker rule 2)."""
    person = _Speaker(name, organisation.camp, False, "person")
    state.persons[name.split()[-1].lower()] = person
    state.last_person = person


SPELLING_CACHE_LIMIT = 50_000  # distinct unregistered speaker names remembered per pack before the memo starts afresh
TYPO_MIN_LETTERS = 8  # names shorter than this are too easily confused with other names by one letter


def _registry_by_spelling(frame: _Frame, compiled: _Compiled) -> _Frame:
    """An unregistered capitalised speaker one letter away from a registry name or alias of as many words ('Ananolu
    Agency' -> Anadolu Agency; two letters for names of 16 letters or more) is that registry actor, misspelt."""
    name = frame.speaker.name
    if name in compiled.sources or len(name.replace(" ", "")) < TYPO_MIN_LETTERS or name.isupper():
        return frame
    if (frame.speaker.anonymous or frame.speaker.kind == "group") and not _capitalised_name(name):
        return frame  # a description ('local sources'), not a name; 'the Syrian Obervatory for Human Rights' is one
    canonical = compiled.spelling_cache[name.lower().removeprefix("the ")]
    if canonical is None:
        return frame  # 'The Local Coordination Committee': the article is no part of the name it misspells
    info = compiled.sources[canonical]
    speaker = _Speaker(canonical, info["camp"], bool(info["anonymous"]), info["kind"])
    return replace(frame, speaker=speaker)


def _capitalised_name(name: str) -> bool:
    """Two or more words, each capitalised or a name link ('for', 'of', 'and', 'the'), after an optional 'the'."""
    words = name.split()
    words = words[1:] if words and words[0].lower() == "the" else words
    return len(words) >= 2 and all(word[:1].isupper() or word in ORGANISATION_NAME_LINKS or word == "the" for word in words)


def _misspelt_registry_name(compiled: _Compiled, lower: str) -> str | None:
    """The one registry actor with a name or alias of as many words, the same first letter and within the allowed
    edits of ``lower``, else the one whose name or alias is ``lower`` and one more organisation word; None when
    there is none or more than one."""
    allowed = 2 if len(lower) >= 16 else 1
    matches = {canonical for alias, canonical in compiled.names_by_shape.get((lower.count(" ") + 1, lower[0]), ())
               if abs(len(alias) - len(lower)) <= allowed and _within_edits(alias, lower, allowed)}
    if not matches and lower.count(" ") >= 1:
        # a name cut before its head noun ('The Syrian National said' for the Syrian National Coalition): the one
        # registry actor with a name or alias of one more word, an organisation word, that starts with it
        matches = {canonical for alias, canonical in compiled.names_by_shape.get((lower.count(" ") + 2, lower[0]), ())
                   if alias.startswith(lower + " ") and alias.rsplit(" ", 1)[1] in ORGANISATION_WORDS}
    return matches.pop() if len(matches) == 1 else None


def _within_edits(first: str, second: str, allowed: int) -> bool:
    """Levenshtein distance of the two strings is at most ``allowed`` (one edit checked directly, more banded)."""
    if allowed == 1:
        if len(first) < len(second):
            first, second = second, first
        if len(first) - len(second) > 1:
            return False
        cut = next((index for index, (a, b) in enumerate(zip(first, second)) if a != b), len(second))
        if len(first) == len(second):
            return first[cut + 1:] == second[cut + 1:]
        return first[cut + 1:] == second[cut:]
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, 1):
        current = [row] + [0] * len(second)
        for column in range(1, len(second) + 1):
            current[column] = min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != second[column - 1]))
        if min(current) > allowed:
            return False
        previous = current
    return previous[-1] <= allowed


def _role_of_organisation(frame: _Frame, doc: _Toks, name_start: int, speakers: list[_Hit], compiled: _Compiled) -> _Frame:
    """'YPG spokesman Redur Xelil said', 'OPCW chief Ahmet Uzumcu said': a person named in a role of a registry
    organisation is the speaker by name, with the organisation's camp (docs/annotation.md, Speaker rule 2; a person
    the registry lists, 'Rami Abdel Rahman', stays folded into the organisation by the registry match)."""
    if frame.speaker.kind != "person" or frame.speaker.name in compiled.sources:
        return frame
    if all(_is_title_word(word) for word in frame.speaker.name.lower().split()) and (
            organisation := next((s for s in speakers if s.end < frame.verb_start and _titled_member_of(doc, s, frame.verb_start, compiled)), None)) is not None:
        # 'a report from the UN Secretary General says': a role with no name is the organisation's voice (rule 1)
        return _Frame(frame.verb_start, frame.verb_end, frame.verb_text, _speaker_from_hit(organisation, compiled), organisation.start, frame.right, frame.kind)
    organisation = next((s for s in speakers if s.end == name_start - 1 and _is_member_of(doc, s, compiled)), None)
    if organisation is None:
        return frame
    speaker = _Speaker(frame.speaker.name, _speaker_from_hit(organisation, compiled).camp, False, "person")
    return _Frame(frame.verb_start, frame.verb_end, frame.verb_text, speaker, organisation.start, frame.right, frame.kind)


def _crosses_clause(doc, start: int, end: int) -> bool:
    tokens = doc.lower[start:end]
    if "(" not in tokens and ")" not in tokens:  # the common case, tested without a Python loop
        return not _CLAUSE_BREAKS.isdisjoint(tokens) or any(map(_QUOTES.__contains__, tokens))
    return any(token in _CLAUSE_BREAKS or token in _QUOTES for token in _outside_parentheses(doc, start, end))


def _previous_is_comma(doc, index: int, lower_bound: int) -> bool:
    return index - 1 >= lower_bound and doc.token(index - 1) in (",", ";")


# Sentences back that an organisation may have spoken in for 'he' / 'she' to mean its voice when no person spoke
# ('said observatory director Rami Abdel Rahman. He said'): further back, 'he' is someone else ('ISIS said ... . "..."
# he said' four sentences on is a witness, not the group).
PERSONAL_FALLBACK_SENTENCES = 2


def _personal_referent(state: _ArticleState) -> _Speaker | None:
    """What 'he' / 'she' refers to: the last unnamed individual or person, else the last named speaker when it is a
    person or spoke within ``PERSONAL_FALLBACK_SENTENCES`` sentences (an organisation's voice)."""
    if (personal := state.last_individual or state.last_person) is not None:
        return personal
    if state.last_any is not None and (state.last_any.kind == "person" or state.titled_any or state.sentence - state.any_sentence <= PERSONAL_FALLBACK_SENTENCES):
        return state.last_any
    return None


OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her"})


def _pronoun_before(doc, index: int, lower_bound: int, state: _ArticleState) -> tuple[_Speaker, int] | None:
    """A pronoun or back-reference just before the verb, resolved: 'he'/'she' to the last person (else the last named
    speaker that just spoke: 'said observatory director Rami Abdel Rahman. He said'; ``_personal_referent``), 'it'
    and organisation nouns ('the group', 'the Britain-based group') to the last organisation (else the last named
    speaker), 'they' to the last named speaker that is no single person, other back-references ('the source', 'the
    military representative') to the last named speaker; a description whose kind or side disagrees with that
    speaker's refers to the nearest that agrees (``_noun_referent``)."""
    for position in range(index - 1, max(index - 4, lower_bound - 1), -1):
        lower = doc.lower[position]
        if lower in OBJECT_PRONOUNS and any(doc.lower[before] in ("that", "which", "who") for before in range(max(position - 3, lower_bound), position - 1)):
            return None  # 'the aid group that supports it said': the object of a relative clause, not the verb's subject
        if lower in PRONOUNS_PERSON and (personal := _personal_referent(state)) is not None:
            return personal, position
        if lower in PRONOUNS_GROUP and (state.last_any is not None or (lower == "it" and state.last_organisation is not None)):
            if any(doc.lower[between] in PASSIVE_AUXILIARIES for between in range(position + 1, index)):
                return None  # 'it is estimated that': no one in particular
            referent = state.last_organisation if lower == "it" and state.last_organisation is not None else state.last_any
            if lower == "they" and referent.kind == "person":
                return None  # 'they' is never one person: 'activist X said ... they say they will fight' means others
            return referent, position
        if lower in BACK_REFERENCE_NOUNS and (state.last_individual is not None or state.last_any is not None or state.last_report is not None
                                              or f"the {lower}" in ORGANISATION_REFERENCES):
            start = _definite_start(doc, position, lower_bound)
            if (start is not None and (state.last_individual is not None or state.last_any is not None or state.last_report is not None)
                    and (referent := _noun_referent(lower, state, _description_camp(doc, start, position, state), start)) is not None):
                return referent, start
            if start is not None and start + 2 == position + 1 and f"the {lower}" in ORGANISATION_REFERENCES and (named := _organisation_named_before(doc, start)) is not None:
                return named, start  # 'The staff of the Union of Syrian Medical Relief Organisations were ... the group said'
        if not (doc.alpha[position] and lower == doc.token(position)) or lower in ("that", "and", "but", "which"):
            return None
    return None


def _organisation_named_before(doc, end: int) -> _Speaker | None:
    """The last organisation the registry lacks named in full ('the Union of Syrian Medical Relief Organisations',
    ``_organisation_name``) in the sentence before ``end``: what 'the group' refers to when no organisation spoke."""
    start = end
    while start > 0 and not doc.sent_start[start]:
        start -= 1
    for position in range(end - 3, start - 1, -1):  # the last one: searched backwards
        if doc.lower[position] == "the" and doc.title[position + 1] and (named := _organisation_name(doc, position)) is not None and named[0] <= end:
            return _Speaker(named[1], CAMP_UNKNOWN, False, "organisation")
    return None


OUTLET_REFERENCE_NOUNS = frozenset({"agency"})  # back-reference nouns that name a news agency when one reported last


ANTECEDENT_TOKENS = 150  # tokens back searched for a registry organisation a description agrees with ('the jihadist group')


def _description_camp(doc, start: int, noun: int, state: _ArticleState) -> str | None:
    """The camp a side adjective of the description 'the ... noun' gives ('the jihadist group', 'the rebel group': the
    pack's ``speaker_side`` words; not a demonym: 'the Syrian monitoring group' is the Observatory), or None."""
    if noun - start < 2 or state.compiled is None:
        return None
    modifiers = state.compiled.speaker_modifiers
    for position in range(start + 1, noun):
        entry = modifiers.get((doc.lower[position],))
        if entry is not None and entry[0] == "speaker_side" and entry[1] is not None:
            return entry[1]
    return None


def _hits_up_to(state: _ArticleState, before: int) -> int:
    """How many of the article's hits (in position order) start before token ``before``, counting from the first hit of
    the sentence being read (``before`` 0 or inside an earlier sentence: those before the sentence)."""
    hits, index = state.hits, state.hits_before
    while index < len(hits) and hits[index].start < before:
        index += 1
    return index


def _mentioned_organisation(state: _ArticleState, camp: str, before: int) -> _Speaker | None:
    """The registry organisation of ``camp`` mentioned last in the ``ANTECEDENT_TOKENS`` tokens before ``before``
    ('IS militants seized the base. SANA said ... The jihadist group said'), or None."""
    sources, hits = state.compiled.sources, state.hits
    for index in range(_hits_up_to(state, before) - 1, -1, -1):
        hit = hits[index]
        if hit.start < before - ANTECEDENT_TOKENS:
            return None
        if hit.kind == "S" and (info := sources[hit.key])["kind"] == "organisation" and info["camp"] == camp and not info["anonymous"]:
            return _Speaker(hit.key, camp, False, "organisation")
    return None


# Back-reference nouns that refer only to a registry organisation whose name, as the article wrote it, holds one of
# them ('the Russian coordination center ... The center said'): no other organisation or person is 'the centre'.
NAME_HEAD_REFERENCE_NOUNS = frozenset({"centre", "center"})


def _organisation_named_with(state: _ArticleState, nouns: frozenset, before: int) -> _Speaker | None:
    """The registry organisation last mentioned before token ``before`` (0: before the sentence being read) by a name
    holding one of ``nouns``, or None."""
    sources, hits = state.compiled.sources, state.hits
    for index in range(_hits_up_to(state, before) - 1, -1, -1):
        hit = hits[index]
        if hit.kind == "S" and sources[hit.key]["kind"] == "organisation" and not nouns.isdisjoint(hit.text.lower().split()):
            return _registry_speaker(hit.key, state.compiled)
    return None


def _noun_referent(noun: str, state: _ArticleState, camp: str | None = None, start: int = 0) -> _Speaker | None:
    """The speaker a back-reference noun ('source', 'group', 'report') refers to: the last unnamed individual whose
    description holds the noun ('a source at X Police Command ... the source'), the last reporter for 'report' and
    'statement' (another outlet included), the last organisation for organisation nouns, else the last named speaker.
    An organisation noun agrees with its referent: it is no news outlet unless it can name one ('the agency'), and
    one with a side ('the jihadist group', ``camp``) has that side; else it is the last named speaker that agrees (an
    organisation), or the registry organisation of that side mentioned last before ``start``, or nothing."""
    if state.last_individual is not None and noun in state.last_individual.name.lower().split():
        return state.last_individual  # 'a source at X Police Command said ... The source added'
    if noun in DOCUMENT_NOUNS and state.last_report is not None:
        return state.last_report  # 'the report said': the last reporter's, another outlet's included
    if noun in OUTLET_REFERENCE_NOUNS and state.last_report is not None and (state.last_report.kind == "outlet" or state.last_report.media):
        return state.last_report  # 'SANA said ... The official agency put the toll at 12': the news agency that reported last
    if noun in NAME_HEAD_REFERENCE_NOUNS:
        return _organisation_named_with(state, NAME_HEAD_REFERENCE_NOUNS, start)  # 'the Russian Reconciliation Centre ... the centre said'
    if f"the {noun}" not in ORGANISATION_REFERENCES:
        return state.last_any
    if state.last_any is None and camp is None:
        return None
    last = state.last_organisation or state.last_any
    for referent in (last, state.last_any if last is not state.last_any and state.last_any is not None and state.last_any.kind != "person" else None):
        if referent is not None and (camp is None or referent.camp == camp) and (noun in OUTLET_REFERENCE_NOUNS or not (referent.kind == "outlet" or referent.media)):
            return referent  # the last organisation, else ('Nusra said ... SANA said ... The group said') the last actor before the outlet
    return None if camp is None else _mentioned_organisation(state, camp, start)  # 'SANA said ... the jihadist group said': not SANA


def _definite_start(doc, noun: int, lower_bound: int) -> int | None:
    """Where 'the' opens the definite description ending in ``noun``: 'the group', 'the military representative',
    'the Britain-based group', 'the UK-based monitor' (up to four words of modifiers, hyphenated ones included)."""
    for position in range(noun - 1, max(noun - 6, lower_bound - 1), -1):
        lower = doc.lower[position]
        if lower == "the":
            return position
        if not (doc.alpha[position] or lower == "-"):
            return None
    return None


# Capitalised words that open sentences without being names ('Then Haddad said', 'Meanwhile the group said').
SENTENCE_OPENERS = frozenset({"then", "meanwhile", "later", "earlier", "also", "however", "but", "and", "so", "yet", "still", "now", "here", "there",
                              "separately", "elsewhere", "overnight", "yesterday", "today", "tonight", "speaking", "asked", "when", "while", "after",
                              "before", "since", "during", "although", "though", "if", "as", "last", "this", "that", "these", "those", "both",
                              "all", "some", "many", "most", "several", "other", "another", "such", "according", "instead", "finally", "first",
                              "second", "again", "moreover", "furthermore", "indeed", "thus", "hence", "nevertheless", "besides", "in", "on", "at"})


def _may_open_a_name(doc, position: int) -> bool:
    """The capitalised word opening a sentence may be a given name: no opener, article, pronoun, date or adverb in -ly."""
    lower = doc.lower[position]
    return not (lower in SENTENCE_OPENERS or lower in HEADLINE_FUNCTION_WORDS or lower in BODY_OPENERS or lower in DEFINITE_WORDS
                or lower in PRONOUNS_PERSON or lower in PRONOUNS_GROUP or lower.endswith(("ly", "ing")) or doc.dateish[position + 1] > doc.dateish[position])


def _joins_name(doc, position: int, lower_bound: int, end: int) -> bool:
    """A hyphen or lowercase name particle inside a name, between capitalised words or particles ('Karim al-Haddad',
    'Abdul-Karim'), written onto the next word."""
    lower = doc.lower[position]
    if not (lower == "-" or (lower in NAME_PARTICLES and not doc.title[position])) or position + 1 >= end or position - 1 < lower_bound:
        return False
    following, previous = position + 1, position - 1
    attached = doc.idx[position] + doc.length[position] == doc.idx[following]
    return attached and (doc.title[following] or doc.lower[following] == "-") and (doc.title[previous] or doc.lower[previous] in NAME_PARTICLES)


def _proper_name_before(doc, index: int, lower_bound: int) -> tuple[int, str] | None:
    """A run of capitalised words right before the verb ('the Independent Doctors Association said')."""
    position = index - 1
    while position >= lower_bound and not doc.sent_start[position] and (doc.title[position] or _joins_name(doc, position, lower_bound, index)):
        position -= 1
    start = position + 1
    if start < index and position >= lower_bound and index - position <= 6 and doc.sent_start[position] and doc.title[position] and doc.alpha[position] and _may_open_a_name(doc, position):
        start = position  # 'Karim Haddad said' opening the sentence: the capitalised first word is the given name
    if start < index and doc.lower[start] == "-" and start - 1 >= lower_bound and doc.idx[start - 1] + doc.length[start - 1] == doc.idx[start] and (
            doc.title[start - 1] or doc.lower[start - 1] in NAME_PARTICLES):
        start -= 1  # 'Abdul-Rahman said', 'al-Faris said' opening the sentence or after a quotation
    if start >= index:
        return None
    if index - start > 6:
        return _person_after_office(doc, start, index)  # 'Daraa Health Directorate Abdel Wadoud al-Homsi said'
    if not doc.title[start] and start - 1 >= lower_bound and doc.alpha[start - 1]:
        return None  # 'the defeat of the al-Sheitaat said X': a lowercase particle opens a name only after a quotation or a break
    if start - 1 >= lower_bound and doc.lower[start - 1] in ("for", "of", "and", "de", "-") and not _opens_coordinated_clause(doc, start - 1, lower_bound):
        return _person_after_office(doc, start, index)  # the tail of a longer name ('... Observatory for Human Rights')
    return start, doc.span_text(start, index)


COORDINATED_CLAUSE_WORDS = 4  # words of a clause before 'and' that make the name after it a new clause's subject


def _opens_coordinated_clause(doc, conjunction: int, lower_bound: int) -> bool:
    """'and' at ``conjunction`` after a lowercase word or a number ending a clause of ``COORDINATED_CLAUSE_WORDS`` or more
    words ('... fled a village near Manbij on July 19 and Colonel X said ...'): the name after it is the subject of a
    new clause with its own report, not the tail of a longer name ('Ministry of Justice and Legal Affairs') nor a
    short subject coordinated with a noun ('Local activists and X said')."""
    if doc.lower[conjunction] != "and" or conjunction - 1 < lower_bound or doc.title[conjunction - 1] or not (doc.alpha[conjunction - 1] or doc.lower[conjunction - 1].isdigit()):
        return False
    return _n_words(doc, lower_bound, conjunction) >= COORDINATED_CLAUSE_WORDS


def _person_after_office(doc, start: int, index: int) -> tuple[int, str] | None:
    """In the tail of an office's name before the verb, the person named after its organisation noun ('Director of
    Daraa Health Directorate Abdel Wadoud al-Homsi said'): (start, name) of two to four words, else None."""
    heads = [position for position in range(start, index) if doc.lower[position] in ORGANISATION_WORDS]
    if not heads:
        return None
    first = heads[-1] + 1
    while first < index and (doc.lower[first].rstrip(".") in HONORIFICS or doc.lower[first] == "."):
        first += 1  # 'Dr. Hassan al-Jundi'
    name = doc.span_text(first, index)
    if not 2 <= len(name.split()) <= 4 or not doc.title[first]:
        return None
    return first, name


# --- claims from a sentence --------------------------------------------------------


@dataclass(slots=True)
class _Segment:
    start: int  # token indices of the asserted content
    end: int
    frame: _Frame | None
    lead_start: int | None = None  # start of the frame words before the content ("stated on Wednesday that")
    act: bool = False  # the frame words are part of the claim ('Turkey denied the accusations')


SUBORDINATORS = {"while", "although", "though", "whereas"}


PARENTHETICAL_SUBJECT_WORDS = 4  # words of a subject before an 'according to X' inside its clause


PLAIN_REPORT_VERBS = frozenset({"said", "says", "reported", "reports", "told"})  # 'X said A saying B': one report; not 'condemned A saying B'


def _segments(sent, frames: list[_Frame]) -> list[_Segment]:
    """Split a sentence into asserted-content segments: one per frame plus the outlet's own text."""
    doc = sent.toks
    segments: list[_Segment] = []
    boundary = sent.start
    subordinate = doc.lower[sent.start] in SUBORDINATORS
    for index, frame in enumerate(frames):
        next_left = frames[index + 1].left if index + 1 < len(frames) else sent.end
        after_words = _n_words(doc, frame.right, next_left)
        before_words = _n_words(doc, boundary, frame.left)
        content_before = before_words >= 3 and (
            frame.kind in ("according_to", "inverted") or (before_words >= 4 and (
                not _introduces_content(doc, frame.right, next_left, frame.verb_text) or (_after_quotation(doc, frame.left) and not _opens_content(doc, frame.right, next_left))))
        )
        what = _what_before(doc, frame, boundary) if frame.kind == "reported" else None
        if (frame.kind == "according_to" and index == len(frames) - 1 and boundary == sent.start and 1 <= before_words <= PARENTHETICAL_SUBJECT_WORDS
                and after_words >= 3 and doc.lower[boundary] in ARTICLES):
            # 'The attacks according to the source claimed two lives': the frame sits inside the clause, which is all its claim
            segments.append(_Segment(boundary, next_left, frame))
            boundary = next_left
        elif (index and frame.inherited and frame.kind == "reported" and frame.verb_text.lower() == "saying" and segments
                and segments[-1].frame is frames[index - 1] and segments[-1].end == frame.left and frames[index - 1].speaker.name == frame.speaker.name
                and frames[index - 1].verb_text.lower() in PLAIN_REPORT_VERBS
                and not _previous_is_comma(doc, frame.left, boundary)):
            segments[-1] = replace(segments[-1], end=next_left)  # 'X said A saying B': B is the same report's
            boundary = next_left
        elif what is not None and after_words >= 2:
            # '... in what two pro-opposition groups claimed was a gas attack': the clause from 'what' is the speaker's claim
            if _n_words(doc, boundary, what) >= 3:
                segments.append(_Segment(boundary, what, None))
            segments.append(_Segment(what, next_left, frame, lead_start=frame.left))
            boundary = next_left
        elif frame.passive_agent and before_words < 3 and _n_words(doc, boundary, frame.right) >= 3:
            # 'The ambush was also reported by Syrian state television': the report itself is the claim
            segments.append(_Segment(boundary, frame.right, frame))
            boundary = frame.right
        elif not content_before and _is_short_denial(doc, frame, next_left):
            # 'Turkey has consistently denied those accusations': the act is the claim, the frame words its text
            if frame.left > boundary and before_words >= 3:
                segments.append(_Segment(boundary, frame.left, None))
            segments.append(_Segment(frame.left, next_left, frame, lead_start=frame.left, act=True))
            boundary = next_left
        elif after_words >= 3 and not content_before and next_left - frame.right <= FRAME_TAIL_MAX and _only_frame_tail(doc, frame.right, next_left):
            boundary = next_left  # '... Foreign Secretary X said on a visit to Paris.' after a quotation: the tail is no content
        elif after_words >= 3 and not content_before:
            if frame.left > boundary and before_words >= 3:
                segments.append(_Segment(boundary, frame.left, None))
            end = next_left
            if subordinate and index == 0:
                end = _first_comma(doc, frame.right, next_left) or next_left
            if _is_stance_act(doc, frame, end):  # 'Damascus denounced the intervention as ...': the act is the claim
                segments.append(_Segment(frame.left, end, frame, lead_start=frame.left, act=True))
            else:
                segments.append(_Segment(_after_that(doc, frame.right, end), end, frame, lead_start=frame.left))
            boundary = end
        else:
            segments.append(_Segment(boundary, frame.left, frame))
            # 'said a district next to ...', 'told his counterpart in a telephone call': no claim
            boundary = next_left if _place_apposition(doc, frame.right, next_left) or (content_before and (
                _told_occasion(doc, frame.right, next_left, frame.verb_text) or _speaker_apposition_end(doc, frame.right, next_left) is not None)) else frame.right
            if content_before and after_words >= 3 and frame.kind == "reported" and (_continues_content(doc, frame.right, next_left) or _time_led_participle(doc, frame.right, next_left)):
                if not _speaking_occasion(doc, frame.right, next_left):
                    segments.append(_Segment(frame.right, next_left, frame))  # '... a monitoring group said on Monday including 29 in one district': the report's too
                boundary = next_left  # '... said in a new toll on Sunday': how the speaker spoke is no claim
    if boundary < sent.end and _n_words(doc, boundary, sent.end) >= 3:
        segments.append(_Segment(boundary, sent.end, None))
    if _has_quote_mark(sent.text):
        segments = [part for segment in segments for part in _split_at_quotation(doc, segment)]
    return [part for segment in segments for part in _split_contrast(doc, segment)]


def _split_passive_relative(doc: _Toks, segments: list[_Segment], hits: list[_Hit]) -> list[_Segment]:
    """The outlet's own text split at a relative clause that opens with an agentless passive report ('More than 50
    people were wounded in the attack which was blamed on rebels'): the clause is the unnamed sources' claim
    (docs/annotation.md, rule 9), the words before it the outlet's."""
    relatives = [hit.start - 1 for hit in hits if hit.kind == "L" and hit.key == "passive" and doc.lower[hit.start - 1] in RELATIVE_WORDS]
    if not relatives:
        return segments
    split: list[_Segment] = []
    for segment in segments:
        relative = None if segment.frame is not None else next(
            (position for position in relatives if segment.start < position < segment.end and _n_words(doc, segment.start, position) >= 3), None)
        if relative is None:
            split.append(segment)
        else:
            split.extend((_Segment(segment.start, relative, None), _Segment(relative, segment.end, None)))
    return split


# Words after which a quotation is their own complement, a name or a phrase the words before quote ('known as "Abu X"',
# 'the so-called "Army of Conquest"', 'dismissing his comments as "hysteria"', 'shouting "..."'), not a new statement.
QUOTATION_COMPLEMENT_WORDS = frozenset({
    "as", "called", "dubbed", "named", "nicknamed", "titled", "entitled", "labelled", "labeled", "branded", "so-called", "the", "a", "an", "of",
    "that", "and", "or", "to", "its", "his", "her", "their", "our", "this", "these", "page", "slogan", "slogans", "chanting", "chanted",
    "shouting", "shouted", "screaming", "crying", "reading", "read", "reads", "saying", "said", "says", "adding", "added", "stating", "stated",
    "writing", "wrote", "tweeted", "posted", "declared", "declaring", "told", "telling", "asked", "asking", "warned", "warning",
})
QUOTATION_SPLIT_BEFORE = 4  # words of a clause before an opening mark that make it a statement of its own


def _split_at_quotation(doc: _Toks, segment: _Segment) -> list[_Segment]:
    """A quoted statement opening inside a framed segment without a sentence end before it (scraped text often drops
    full stops): '... under siege for more than a year "The toll has risen to 42 dead" said the monitor' gives the
    words before the mark as the outlet's own claim and the quotation as the frame's; 'X said A "B."' gives the frame
    both, A reported and B quoted. Only a quotation of ``QUOTATION_WORDS`` or more words opening on a capital after a
    word that takes no quotation (``QUOTATION_COMPLEMENT_WORDS``), running to the segment's end, after
    ``QUOTATION_SPLIT_BEFORE`` or more words."""
    frame = segment.frame
    if frame is None or frame.inherited:
        return [segment]
    start, end = segment.start, segment.end
    opening = next((position for position in range(start + 1, end - 1) if doc.lower[position] in _QUOTES), None)
    if (opening is None or not _mark_opens(doc.text, doc.idx[opening]) or not doc.alpha[opening - 1]
            or doc.lower[opening - 1] in QUOTATION_COMPLEMENT_WORDS or not doc.title[opening + 1]
            or _n_words(doc, start, opening) < QUOTATION_SPLIT_BEFORE or _n_words(doc, opening, end) < QUOTATION_WORDS):
        return [segment]
    closing = next((position for position in range(opening + 1, end) if doc.lower[position] in _QUOTES), end)
    if any(not doc.punct[position] for position in range(closing + 1, end)):
        return [segment]  # the quotation closes inside the content ('the fate of the "Western-backed opposition hangs ..." as IS advances')
    if end <= frame.left:  # the frame closes the quotation: the words before the mark are the outlet's
        return [_Segment(start, opening, None), replace(segment, start=opening)]
    if start >= frame.right:  # the frame opened the content: both parts are its
        return [replace(segment, end=opening), _Segment(opening, end, frame)]
    return [segment]


def _what_before(doc: _Toks, frame: _Frame, boundary: int) -> int | None:
    """The 'what' opening the frame's subject within four words ('in what two pro-opposition groups claimed was'), else None."""
    for position in range(frame.left - 1, max(boundary, frame.left - 5) - 1, -1):
        if doc.lower[position] == "what":
            return position
        if not (doc.lower[position] in DEFINITE_WORDS or doc.lower[position] in NUMBER_TOKENS or doc.lower[position] in ("-", "pro", "anti") or doc.lower[position] in MODIFIER_PARTICIPLES or doc.title[position]):
            return None  # only a determiner, a number and modifiers between 'what' and the speaker ('what caused the deaths a spokeswoman said')
    return None


# Verbs of naming or describing ('called the raid a massacre', 'described the attack as a war crime'): the speaker's
# judgement of a thing, a stance act; no report when a name follows ('a coalition called the Army of Conquest', 'so called').
REFLEXIVE_PRONOUNS = frozenset({"itself", "themselves", "himself", "herself"})
NAMING_VERBS = frozenset({"described", "describes", "called the", "called it", "called them", "has called the"})
# Reporting verbs whose content is the speaker's stance ('threatened to target ...', 'pledged victory', 'vowed to ...').
STANCE_FRAME_VERBS = frozenset({"threaten", "threatens", "threatened", "threatening", "pledge", "pledges", "pledged", "pledging", "vow", "vows",
                                "vowed", "vowing", "warn", "warns", "warned", "warning"})
# Verbs of a stance taken as an act ('urged both sides to ...', 'denounced the intervention as ...', 'has supported the
# plan', 'warned of ...'): without 'that', a quotation or a colon after them, the speaker's act is the claim, frame
# words included ('Damascus denounced the intervention as a breach of its sovereignty'), a stance unless a fact type
# says more (docs/annotation.md: calls, demands, condemnations, warnings, intentions, pledges, support).
STANCE_ACT_VERBS = STANCE_FRAME_VERBS | frozenset({
    "urged", "urges", "urging", "called on", "called upon", "calls on", "calls upon", "calling on", "called for", "calling for", "demanded", "asked for", "asks for",
    "condemned", "condemns", "denounced", "denounces", "criticised", "criticized", "criticises", "criticizes", "slammed", "welcomed", "welcomes",
    "rejected", "rejects", "dismissed", "dismisses", "hinted", "promised", "appealed", "voiced", "has supported", "have supported", "had supported"}) | NAMING_VERBS
# Verbs of confirming: 'X also confirmed the reports' is X's claim (the reports' type, not a stance), frame words included.
CONFIRMING_VERBS = frozenset({"confirmed", "confirms"})
# Verbs whose short object is itself the claim ('denied the allegations', 'accused the regime', 'confirmed the
# reports'): nothing else follows.
SHORT_OBJECT_VERBS = frozenset({"denied", "denies", "deny", "denying"}) | ACCUSATION_VERBS | CONFIRMING_VERBS


def _is_stance_act(doc: _Toks, frame: _Frame, end: int) -> bool:
    """A stance verb of a reported frame (not a participle continuing another) whose content is its object, not a
    clause after 'that', a quotation or a colon ('urged both sides to return to talks', 'pledged victory')."""
    if frame.kind != "reported" or frame.inherited or frame.verb_text.lower() not in STANCE_ACT_VERBS:
        return False
    return _after_that(doc, frame.right, end) == frame.right and not _opens_content(doc, frame.right, min(frame.right + 1, end))


def _is_short_denial(doc: _Toks, frame: _Frame, end: int) -> bool:
    """A denial or accusation frame (not a participle continuing another) followed by one or two words of object only."""
    if frame.kind != "reported" or frame.inherited or (frame.verb_text.lower().rsplit(" ", 1)[-1] not in SHORT_OBJECT_VERBS and frame.verb_text.lower() not in STANCE_ACT_VERBS):
        return False
    start, stop = _trim(doc, frame.right, end)
    return 1 <= _n_words(doc, start, stop) < 3


CONTRASTS = {"although", "though", "whereas"}


def _split_contrast(doc: _Toks, segment: _Segment) -> list[_Segment]:
    """', although ...' starts the outlet's own aside, which must earn its place as a claim by itself."""
    contrasts = doc.contrasts
    if not contrasts:
        return [segment]
    for index in contrasts[bisect_left(contrasts, segment.start + 3):bisect_left(contrasts, segment.end - 2)]:
        if doc.lower[index - 1] in (",", ";"):
            return [_Segment(segment.start, index - 1, segment.frame, segment.lead_start, segment.act), _Segment(index, segment.end, None)]
    return [segment]


# Verbs whose '-ing' complement is their content ('denied bombing hospitals'); after the others a participle
# continues the sentence ('..., SANA said blaming terrorists'), so the content came before the frame.
GERUND_CONTENT_VERBS = frozenset({"denied", "denies", "deny", "admitted", "admits", "acknowledged", "acknowledges", "accused", "accuses", "claimed", "claims", "alleged", "alleges"})


ADDRESSEE_WORDS = frozenset({"reporters", "journalists", "media", "press", "him", "her", "them", "us"})


def _told_occasion(doc: _Toks, start: int, end: int, verb: str) -> bool:
    """After a telling verb, only the one told and how or when it was told ('told his Iranian counterpart in a telephone
    call on Saturday', 'told the Security Council on Wednesday', 'told Reuters on condition of anonymity', 'told an
    investment conference', 'told a forum in Seoul', 'told Catholic News Agency Feb. 26'): the words from ``start`` hold
    no content of their own, so the content came before the frame."""
    if verb.lower() not in TELLING_VERBS:
        return False
    position = start
    while position < end and position - start < TOLD_ADDRESSEE_MAX and (doc.title[position] or doc.token(position).isupper() or doc.lower[position] in TOLD_ADDRESSEE_WORDS):
        position += 1
    if position == start or any(doc.lower[index] in _QUOTES or doc.lower[index] in ("that", ":") for index in range(start, end)):
        return False
    gathering = next((index for index in range(position, min(position + 2, end)) if doc.lower[index] in TOLD_GATHERINGS), None)
    if gathering is not None and all(doc.alpha[index] and doc.token(index).islower() for index in range(position, gathering)):
        position = gathering + 1  # 'told an investment conference', 'told a diplomatic forum': the one told is a gathering
    if _only_told_tail(doc, position, end):
        return True
    if any(tuple(doc.lower[position:position + len(phrase)]) == phrase for phrase in ANONYMITY_PHRASES):
        return True
    if doc.lower[position] not in OCCASION_PREPOSITIONS:
        return False
    occasion = range(position + 1, min(position + 5, end))
    return any(doc.lower[index] in OCCASION_NOUNS for index in occasion) or _only_told_tail(doc, position + 1, end)


def _only_told_tail(doc: _Toks, start: int, end: int) -> bool:
    """Nothing from ``start`` to ``end`` but time words, capitalised words (a place, a date: 'in Seoul', 'Feb. 26'),
    day numbers and punctuation (empty included)."""
    return all(doc.lower[index] in TIME_WORDS or doc.title[index] or doc.punct[index] or (doc.token(index).isdigit() and len(doc.token(index)) <= 2)
               for index in range(start, end))


def _introduces_content(doc: _Toks, start: int, end: int, verb: str = "") -> bool:
    """The verb is followed by its content: 'that', a quotation, a colon, or a clause within two time words (after an
    addressee: 'told reporters on Saturday stressing ...' is a participle, so the content came before; after the one
    told and the occasion only, ``_told_occasion``, the content came before too)."""
    if _told_occasion(doc, start, end, verb):
        return False
    addressee = start < end and (doc.lower[start] in ADDRESSEE_WORDS or (verb.lower() in ("told", "tells") and (doc.title[start] or doc.text[doc.idx[start]].isupper())
                                                                          and not doc.sent_start[start]))  # 'told Reuters', 'told FNA'

    addressee = addressee or (verb.lower() in ("told", "tells") and start + 2 < end and doc.lower[start] in NAME_PARTICLES and doc.lower[start + 1] == "-" and doc.title[start + 2])
    if addressee and all(doc.lower[index] in TIME_WORDS or doc.lower[index] in FRAME_TAIL_WORDS or doc.lower[index] == "this" or doc.punct[index]
                         or doc.title[index] or doc.lower[index] in NAME_PARTICLES for index in range(start + 1, end)):
        return False  # 'told Reuters earlier this month.': nothing follows the addressee, the content came before
    if end - start <= FRAME_TAIL_MAX and _only_frame_tail(doc, start, end):
        return False  # 'said by telephone from Britain.', 'said in a statement on its website.': the content came before
    if _place_apposition(doc, start, end):
        return False  # '... on the Sheikh Maqsoud area the Observatory said a district next to the road.': the content came before
    for index in range(start + addressee, min(start + 4 + addressee, end)):
        token = doc.lower[index]
        if token in ("that", ":") or token in _QUOTES:
            return True
        if token in (".", ",", ";", "!", "?"):
            return False
        if token not in TIME_WORDS:
            if (index == start or addressee) and token.endswith("ing") and doc.alpha[index] and token not in ("saying", "claiming") and verb.lower() not in GERUND_CONTENT_VERBS:
                return False  # '... on Thursday activists said keeping up pressure ...': a participle continues, content came before
            if token in CITING_WORDS or token in TIME_LED_PARTICIPLES:
                return False  # 'Al Jazeera reported Wednesday citing a source', 'a monitor said Friday giving an updated toll': after time words too, the content came before
            if _continues_content(doc, start, end):
                return False  # '... a monitoring group said on Monday including ...', '... said in the second attack in two weeks': a phrase continues the content before
            return index > start or token not in ("part", "as", "and")  # 'adding', 'updating': TIME_LED_PARTICIPLES above
    return False


# Participles that continue a frame after its time words too ('said Friday giving an updated toll', 'said Sunday adding
# that ...'): never a gerund subject of a clause of their own.
TIME_LED_PARTICIPLES = frozenset({"giving", "adding", "updating", "noting", "raising", "revising"})


def _time_led_participle(doc: _Toks, start: int, end: int) -> bool:
    """After time words, a participle of ``TIME_LED_PARTICIPLES`` opens the words from ``start`` ('Friday giving an
    updated toll'): the frame's own words, which give more of its report."""
    index = start
    while index < end and doc.lower[index] in TIME_WORDS:
        index += 1
    return start < index < end and doc.lower[index] in TIME_LED_PARTICIPLES


# Words after a frame (and its time words) that continue the content before it, never open a clause of its own.
NO_CLAUSE_OPENERS = frozenset({"including", "among", "amid", "despite"})


def _speaking_occasion(doc: _Toks, start: int, end: int) -> bool:
    """Only the frame's tail, or an occasion or medium noun within the first four words after the frame's time words."""
    if end - start <= FRAME_TAIL_MAX and _only_frame_tail(doc, start, end):
        return True
    return any(doc.lower[index] in OCCASION_NOUNS for index in range(start, min(start + 5, end)))


def _continues_content(doc: _Toks, start: int, end: int) -> bool:
    """After a frame's time words, a phrase that continues the content before the frame, not a clause of its own: 'including',
    'among', 'amid', 'despite', or an article right after a preposition ('said in the second attack in two weeks'; 'in the
    evening' is a time), with no 'that', colon or quotation opening content."""
    index = start
    while index < end and doc.lower[index] in TIME_WORDS and not (index > start and doc.lower[index] == "a"):
        index += 1
    if index >= end:
        return False
    token = doc.lower[index]
    preposition_phrase = (index > start and doc.lower[index - 1] in OBJECT_PREPOSITIONS and token in ARTICLES
                          and not (index + 1 < end and doc.lower[index + 1] in TIME_WORDS))
    return (token in NO_CLAUSE_OPENERS or preposition_phrase) and not _opens_content(doc, start, end)


# Nouns of a place described in apposition after a closing frame ('... said a district next to the road').
APPOSITION_PLACE_NOUNS = frozenset({"district", "town", "village", "city", "neighbourhood", "neighborhood", "area", "suburb", "region", "province",
                                    "stronghold", "enclave", "hamlet", "quarter"})


def _place_apposition(doc: _Toks, start: int, end: int) -> bool:
    """The words after a frame are only a description of a place named before it: 'a' or 'an', at most two modifiers
    and a place noun ('a district next to ...', 'a rebel-held town near ...'), with no verb of a clause of their own
    (no finite word, no '-ed' word that is not part of a hyphenated modifier)."""
    if start >= end or doc.lower[start] not in ("a", "an"):
        return False
    if not any(doc.lower[position] in APPOSITION_PLACE_NOUNS for position in range(start + 1, min(start + 5, end))):
        return False
    for position in range(start + 1, end):
        lower = doc.lower[position]
        if lower in FINITE_WORDS or lower in SENTENCE_CLOSERS:
            return lower in SENTENCE_CLOSERS
        if doc.alpha[position] and len(lower) > 3 and lower.endswith("ed") and doc.lower[position - 1] != "-":
            return False
    return True


# A participle after a frame (and its time words) that says where the frame's speaker got the claim from.
CITING_WORDS = frozenset({"citing", "quoting"})
# Words of a frame's tail that carry no content: how, where and when the speaker spoke ('by telephone from Britain',
# 'in a statement on its website'); with capitalised words (names, places), time words and FRAME_TAIL_WORDS.
FRAME_TAIL_FUNCTION_WORDS = frozenset({"from", "its", "his", "her", "their", "an", "at", "with", "during", "after"})
FRAME_TAIL_EXTRA = FRAME_TAIL_FUNCTION_WORDS | frozenset({"website", "interview", "conference", "telephone", "call", "email", "skype", "twitter",
                                                          "facebook", "television", "tv", "channel", "account", "page", "briefing", "visit", "speech",
                                                          "meeting", "session"})
FRAME_TAIL_MAX = 10  # tokens
# Nouns of the occasion or medium of a report ('said in a new toll', 'in a post on its Facebook page', 'on the condition of
# anonymity'): a phrase after a frame holding one in its first words is how the speaker spoke, not content.
OCCASION_NOUNS = (FRAME_TAIL_EXTRA - FRAME_TAIL_FUNCTION_WORDS) | DOCUMENT_NOUNS | frozenset({
    "toll", "tally", "count", "figures", "post", "message", "video", "bulletin", "recording", "letter", "tweet", "broadcast", "condition",
    "update", "communique", "declaration"})


def _only_frame_tail(doc: _Toks, start: int, end: int) -> bool:
    """Nothing but frame-tail words, capitalised words and punctuation from ``start`` to ``end`` (non-empty)."""
    lower, title, punct = doc.lower, doc.title, doc.punct
    return start < end and all(lower[index] in TIME_WORDS or lower[index] in FRAME_TAIL_WORDS or lower[index] in FRAME_TAIL_EXTRA or title[index] or punct[index]
                               for index in range(start, end))


def _after_quotation(doc: _Toks, left: int) -> bool:
    """A frame right after a closing quotation mark ('..." the statement added', '..." the Pentagon said')."""
    return doc.lower[left - 1] in _QUOTES or (left >= 2 and doc.lower[left - 1] in ARTICLES and doc.lower[left - 2] in _QUOTES)


def _opens_content(doc: _Toks, start: int, end: int) -> bool:
    """'that', a colon or a quotation mark within the first four tokens after a frame: the frame opens new content
    ('"..." the statement added unlike the strikes against IS' opens none: the quotation before it is the content)."""
    return any(doc.lower[index] in ("that", ":") or doc.lower[index] in _QUOTES for index in range(start, min(start + 4, end)))


TIME_WORDS = {"on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "late", "early", "last", "night", "morning", "evening", "in", "a", "statement", "on", "also", "previously", "earlier", "later"}
# Words that never finish a coordinated speaker before its verb (``_coordinated_speaker``).
NOT_HEAD_WORDS = frozenset(FINITE_WORDS | FRAME_ADVERBS | TIME_WORDS | OBJECT_PREPOSITIONS | DEFINITE_WORDS | RELATIVE_WORDS | {"that", "and", "but", "as", "among", "others", "alike"})
# A speaker no rule names, described by the article ('the health worker said', 'Other agencies said', 'said the resident
# who asked for anonymity'): determiners that open the description, prepositions that join a modifier inside it ('the
# narrator in the video'), words that end the search for it (clause and phrase boundaries), and its longest extent.
DESCRIPTION_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "other", "some", "its", "his", "their", "her"})
DESCRIPTION_LINKS = frozenset({"in", "of", "at", "from", "for"})
DESCRIPTION_STOPS = frozenset(FINITE_WORDS | RELATIVE_WORDS | OBJECT_PREPOSITIONS | DATE_TOKENS | frozenset(TIME_WORDS) | PRONOUNS_PERSON | PRONOUNS_GROUP
                              | {"that", "and", "but", "or", "as", "what", "when", "where", "while", "after", "before", "if", "not", "near", "there",
                                 "than", "then", "who", "them", "him", "us", "said", "says", "told", "added", "no", "your", "my", "our"}
                              | NEGATED_SUBJECT_WORDS) - DESCRIPTION_LINKS
CLAIM_NOUNS = frozenset(DOCUMENT_NOUNS | {"claim"})  # 'the claim which ... said': a back-reference to the last report
OWN_STAFF = frozenset({"the reporter", "the correspondent", "our reporter", "our correspondent"})  # the publishing outlet's own staff
PASSIVE_PARTICLE_WORDS = frozenset({"on", "upon"})  # 'strikes blamed on the regime': a reduced passive, not a report
DESCRIPTION_MAX = 7
# Words that open a sentence before its subject ('In a statement the coalition said ...', 'However the leaders said').
LEAD_OPENERS = frozenset({"in", "on", "upon", "however", "meanwhile", "after", "later", "earlier", "separately", "but", "speaking", "during", "at"})
# After a closing inverted frame's description: the end of the sentence or of its clause ('... said the resident who
# asked for anonymity', '... said the spokesman on Monday').
INVERTING_VERBS = frozenset({"said", "says", "added", "adds", "stated", "noted", "explained", "wrote", "tweeted"})  # verbs put before their speaker
CLOSING_WORDS = frozenset(DATE_TOKENS | {"on", "in", "late", "early", "last", "earlier", "later", "this", "overnight"})
# Words that open a new clause, so a description right after them may be the subject of the verb that follows
# ('... but one of his relatives told AFP that ...').
CLAUSE_COORDINATORS = frozenset({"but", "while", "whereas", ","})
TOLD_WORDS = ADDRESSEE_WORDS | {"the", "reporter", "correspondent", "correspondents", "a", "an"}  # words of the one told ('told a reporter')
ANONYMITY_PHRASES = (("on", "condition", "of", "anonymity"), ("on", "the", "condition", "of", "anonymity"), ("by", "telephone"), ("by", "phone"))
ADDRESSEE_ADJUNCTS = frozenset({"by", "via", "on", "in"})  # after the one told: 'by telephone', 'on condition of anonymity'
# Words of the one a telling verb names as told besides capitalised ones ('told his Iranian counterpart', 'told the
# Security Council'), and prepositions that open the occasion after it ('... in a telephone call', '... at a forum').
TOLD_ADDRESSEE_WORDS = frozenset(TOLD_WORDS | {"his", "her", "their", "its", "counterpart", "counterparts", "lawmakers", "delegates", "diplomats"})
TOLD_ADDRESSEE_MAX = 6  # tokens
OCCASION_PREPOSITIONS = frozenset(ADDRESSEE_ADJUNCTS | {"during", "at"})
# Gatherings one tells something to ('told an investment conference', 'told a diplomatic forum').
TOLD_GATHERINGS = frozenset({"conference", "forum", "summit", "meeting", "session", "gathering", "rally", "audience", "assembly"})
# Participles that carry a closing frame's speaker on to more content ('... the source said noting that ...').
CONTINUING_PARTICIPLES = frozenset({"adding", "saying", "stressing", "indicating", "explaining", "stating", "confirming", "pointing"})
DESCRIPTION_FOLLOWERS = frozenset({"who", "on", "in", "speaking", "late", "early", "last", "this", "adding", "noting", "via"})


def _first_comma(doc, start: int, end: int) -> int | None:
    """First comma outside quotation marks between start and end."""
    quoted = False
    for index in range(start, end):
        text = doc.token(index)
        if text in _QUOTES:
            quoted = not quoted if text == '"' else text == "“"
        elif text == "," and not quoted:
            return index
    return None


def _after_that(doc, start: int, end: int) -> int:
    """Skip the frame's tail ('to the Wall Street Journal last week that') up to a complementiser 'that'."""
    for index in range(start, min(start + 10, end)):
        token = doc.lower[index]
        if token == "that":
            return index + 1
        if token in (",", ";", ":") or token in _QUOTES:
            break
        if not (token in TIME_WORDS or token in FRAME_TAIL_WORDS or doc.title[index] or doc.text[doc.idx[index]].isupper()):  # 'told SANA that', 'told SANAs correspondent that'
            break  # an object ('claimed responsibility for ... that killed'): 'that' is relative, not 'said that'
    return start


FRAME_TAIL_WORDS = frozenset({"to", "the", "reporters", "reporter", "correspondent", "journalists", "media", "press", "week", "month", "told", "him", "her", "them",
                              "us", "news", "agency", "via", "over", "phone", "by", "telephone", "-"})


def _n_words(doc, start: int, end: int) -> int:
    alpha_before = doc.alpha_before
    return alpha_before[end if end > start else start] - alpha_before[start]


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading 'that', punctuation and conjunctions, and trailing punctuation, from a segment."""
    while start < end and (doc.punct[start] or doc.lower[start] in ("that", "and", "but", "while", "with", "as", "though", "although") or doc.space[start]):
        start += 1
    while end > start and (doc.punct[end - 1] or doc.space[end - 1] or doc.lower[end - 1] in ("and", "with", "as", "while", "the", "a", "an")):
        end -= 1
    return start, end


def _segment_claim(doc, segment: _Segment, hits: list[_Hit], article: dict, compiled: _Compiled, sent, sentence_index: int, previous_frame_dates: dict) -> dict | None:
    start, end = _trim(doc, segment.start, segment.end)
    if _n_words(doc, start, end) < 3:
        return None
    inside = [hit for hit in hits if start <= hit.start and hit.end <= end]
    first_seen = _first_seen(inside)
    categories = set(first_seen)
    typed_inside = _typing_hits(doc, inside) if "combat" in first_seen or "no_harm" in first_seen else inside
    if len(typed_inside) < len(inside):  # 'a coalition battling IS', 'without any casualties': not what the text asserts
        typed_seen = _asserted_first_seen(doc, typed_inside, _first_seen(typed_inside), end)
    else:
        typed_seen = _asserted_first_seen(doc, inside, first_seen, end)
    if segment.frame is not None and _frame_judges(segment.frame, hits):
        categories.add("stance")  # 'X warned that ...', 'X condemned ...': the frame's verb judges
    char_start, char_end = doc.idx[start], doc.idx[end - 1] + doc.length[end - 1]
    text = doc.text[char_start:char_end]
    frame = segment.frame
    if frame is None and _TEN_LOWERCASE.search(text) is None:
        return None  # own text needs ten lowercase letters to be a claim, whatever it holds
    quantities = find_quantities(text, compiled.outcomes, offset=char_start) if doc.numberish[end] > doc.numberish[start] else []
    passive = [hit for hit in hits if hit.kind == "L" and hit.key == "passive" and segment.start <= hit.start < segment.end]
    if frame is None and not _is_checkable(categories, quantities) and not _states_a_report(doc, inside, categories, start, end):
        return None
    if frame is not None and ((segment.act and frame.verb_text.lower() not in CONFIRMING_VERBS) or frame.verb_text.lower().rsplit(" ", 1)[-1] in STANCE_FRAME_VERBS):
        categories.add("stance")  # 'Turkey denied the accusations', 'threatened to target ...': a stance unless a fact type says more
    speaker, attribution_value = _speaker_and_attribution(frame, passive, doc, min(segment.start, start), end, article, compiled)
    frame_end = max(frame.right, frame.verb_end, segment.start) if frame is not None else start
    if frame is not None and segment.end <= frame.left:
        frame_end = sent.end  # '... were killed, a monitor said Sunday': the frame runs to the sentence end
    frame_text = "" if frame is None else doc.span_text(min(frame.left, frame.verb_start), frame_end)
    frame_low = start if frame is None else min(frame.left, frame.verb_start, start)
    has_date = doc.dateish[max(end, frame_end)] > doc.dateish[frame_low]
    day = article.get("day", article["published"])
    event = event_date(text, frame_text, day) if has_date else None
    if event is None and frame is not None and not frame.inherited and start >= frame.left and _dated_lead(doc, sent, frame, hits):
        # 'In a speech to parliament last Tuesday Yildirim said ...': the words before the speaker date the statement
        event = event_date(doc.span_text(sent.start, frame.left), "", day)
    if frame is not None:
        if event is None and frame.inherited:
            event = previous_frame_dates.get(id(frame.speaker))
        previous_frame_dates[id(frame.speaker)] = event
    if segment.act and frame is not None:  # 'Damascus denounced ...', 'Turkey denied ...': the speaker's own name is no place of the claim
        inside = [hit for hit in inside if not (hit.kind == "P" and frame.left <= hit.start < frame.verb_start)]
    places = _places(inside, compiled)
    if not places and frame is not None and frame.speaker.media and frame.kind == "reported":
        # 'Syrias state TV raised the death toll from a bombing in a Kurdish town': a state outlet's country is where its report is
        places = _places([hit for hit in hits if hit.kind == "P" and frame.left <= hit.start and hit.end <= frame.verb_start], compiled)
    if not places and frame is not None and not frame.inherited:
        places = _lead_places(doc, sent, frame, hits, start, compiled)
    return {
        _COLUMN_CLAIM_ID: claim_id(article["article_id"], char_start, char_end),
        _COLUMN_ARTICLE_ID: article["article_id"],
        _COLUMN_OUTLET: article["outlet"],
        _COLUMN_PUBLISHED: article["published"],
        _COLUMN_TEXT: text,
        _COLUMN_SENTENCE: sent.text,
        _COLUMN_SENTENCE_INDEX: sentence_index,
        _COLUMN_SPAN_START: char_start,
        _COLUMN_SPAN_END: char_end,
        _COLUMN_SPEAKER: speaker.name,
        _COLUMN_SPEAKER_CAMP: speaker.camp,
        _COLUMN_ANONYMOUS: speaker.anonymous,
        _COLUMN_ATTRIBUTION: attribution_value,
        _COLUMN_REPORTING_VERB: reporting_verb(frame, passive),
        _COLUMN_HEDGES: hedges(hits, segment, frame),
        _COLUMN_QUANTITIES: [{"value": q["value"], "value_max": q["value_max"], "counts": q["counts"], "approximator": q["approximator"], "text": q["text"]} for q in quantities],
        _COLUMN_PLACES: places,
        _COLUMN_EVENT_DATE: event,
        _COLUMN_CLAIM_TYPE: claim_type(categories if typed_seen is first_seen else _typed_categories(categories, first_seen, typed_seen), quantities, places, typed_seen, categories,
                                        any(compiled.place_kind.get(place) != "country" for place in places)),
    }


def _first_seen(hits: list[_Hit]) -> dict[str, int]:
    """Lexicon category -> the token where its first hit starts (``hits`` in position order)."""
    first_seen: dict[str, int] = {}
    for hit in hits:
        if hit.kind == "L" and hit.key not in first_seen:
            first_seen[hit.key] = hit.start
    return first_seen


# Lexicon categories that say how a fact is asserted rather than what happened: an intention or purpose leaves them be.
SCOPE_NEUTRAL_CATEGORIES = frozenset({"commentary", "reporting_verb", "hedge", "passive", "anonymous_group", "according_to"})
# Lexicon categories whose phrase opens words that state no fact: an intention, call or pledge ('vowed to retake',
# 'called on the UN to protect civilians caught in the fighting': a stance), a stated purpose ('to prevent their
# advance', 'aimed at foiling') or, after a fact of the text's own, background ('hours after it received aid', 'amid
# clashes'): docs/annotation.md, neither a purpose nor background sets the type.
UNASSERTED_SCOPES = frozenset({"intention", "purpose", "background"})
# Words that close such a scope: what follows is asserted again ('planned to storm the lines, but the car bombs
# exploded').
SCOPE_BREAKS = frozenset({"but", ";", "while", "whereas", "although", "though", "however"})


def _asserted_first_seen(doc: _Toks, inside: list[_Hit], first_seen: dict[str, int], end: int) -> dict[str, int]:
    """``first_seen`` (lexicon category -> first token) over the facts the text asserts: fact and type words inside an
    intention or purpose scope (from its phrase to the next ``SCOPE_BREAKS`` word or the text's end) are left out,
    stance words there included, and an intention before any asserted fact stands for a stance. ``first_seen``
    itself when the text has no such scope."""
    if not any(key in first_seen for key in UNASSERTED_SCOPES):
        return first_seen
    asserted: dict[str, int] = {}
    scope_end = -1
    for hit in inside:
        if hit.kind != "L":
            continue
        if hit.key in UNASSERTED_SCOPES:
            if hit.key == "background" and SCOPE_NEUTRAL_CATEGORIES.issuperset(asserted):
                continue  # 'Amid heavy fighting, jets struck ...': background only once the text has asserted a fact of its own
            if hit.start >= scope_end:
                scope_end = next((index for index in range(hit.end, end) if doc.lower[index] in SCOPE_BREAKS), end)
            if hit.key == "intention" and SCOPE_NEUTRAL_CATEGORIES.issuperset(asserted):
                asserted.setdefault("stance", hit.start)  # the intention is what the text asserts, not a modifier ('forces seeking to ...')
            continue
        if hit.start < scope_end and hit.key not in SCOPE_NEUTRAL_CATEGORIES:
            continue
        asserted.setdefault(hit.key, hit.start)
    return asserted


# Participles of fighting that describe a group when they follow its noun and take an object ('rebels fighting the
# army', 'a coalition battling IS', 'forces fighting against ISIL', 'fighting terrorism'), not the noun ('heavy fighting
# in Aleppo') nor a finite verb ('rebels are fighting the army').
FIGHTER_PARTICIPLES = frozenset({"fighting", "battling"})
FIGHTING_OBJECT_WORDS = frozenset({"against", "the", "a", "an", "it", "them", "its", "their", "government", "regime", "rebels", "terrorism", "terrorists",
                                   "militants", "jihadists", "insurgents", "extremists", "forces", "troops", "opposition", "pro-government", "regime-backed"})
FINITE_BEFORE_PARTICIPLE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "continue", "continues", "continued",
                                      "continuing", "keep", "keeps", "kept", "start", "started", "began", "begun", "stop", "stopped", "still", "now", "also"})
# Words before the noun 'fighting' ('fierce fighting against the terrorists ensued', 'the fighting').
NOMINAL_BEFORE_FIGHTING = frozenset({"the", "fierce", "heavy", "intense", "violent", "bitter", "renewed", "ongoing", "fresh", "sporadic", "street", "ferocious",
                                     "deadly", "bloody", "more", "of", "in", "amid", "after", "during"})


def _typing_hits(doc: _Toks, inside: list[_Hit]) -> list[_Hit]:
    """The hits that can type a claim: without a fighting participle that describes a group (``_describes_a_fighter``)
    nor harm the text denies ('causing material damage without any casualties', 'no one was hurt': lexicon
    ``no_harm``)."""
    unharmed = {index for hit in inside if hit.kind == "L" and hit.key == "no_harm" for index in range(hit.start, hit.end)}
    return [hit for hit in inside if not (hit.kind == "L" and (hit.key == "no_harm" or (hit.key in PEOPLE_HARMED_CATEGORIES and hit.start in unharmed)))
            and not _describes_a_fighter(doc, hit)]


def _describes_a_fighter(doc: _Toks, hit: _Hit) -> bool:
    """A fighting participle after a noun and before its object describes who fights ('Kurds and Arabs fighting against
    ISIL', 'the group fighting government forces'): the claim does not assert the fighting, so it leaves the type."""
    if hit.kind != "L" or hit.key != "combat" or hit.end - hit.start != 1 or doc.lower[hit.start] not in FIGHTER_PARTICIPLES:
        return False
    before, after = hit.start - 1, hit.end
    if before < 0 or after >= doc.n or not doc.alpha[before]:
        return False
    previous = doc.lower[before]
    if previous in FINITE_BEFORE_PARTICIPLE or previous in FIGHTER_PARTICIPLES or previous in NOMINAL_BEFORE_FIGHTING or previous.endswith("ly"):
        return False  # 'are currently fighting', 'fierce fighting against the terrorists'
    if doc.lower[after] in FIGHTING_OBJECT_WORDS:
        return True
    return doc.alpha[after] and doc.text[doc.idx[after]].isupper() and doc.dateish[after + 1] == doc.dateish[after]


def _typed_categories(categories: set[str], first_seen: dict[str, int], typed_seen: dict[str, int]) -> set[str]:
    """The categories that type a claim once unasserted facts are left out: those seen as asserted, and a stance the
    frame's verb adds from outside the text ('X warned that ...')."""
    return set(typed_seen) | (categories - set(first_seen))


def _lead_places(doc: _Toks, sent, frame: _Frame, hits: list[_Hit], start: int, compiled: _Compiled) -> list[str]:
    """For a claim naming no place, the places of a lead of place ('In ...') before the frame whose content follows
    it, a lead holding no report or fact of its own: 'Meanwhile in Idlib province the Observatory said three children
    were killed' is a claim about Idlib. (Where the speaker is, 'activists in X said', is not: the sets leave it out.)"""
    low = min(frame.left, frame.verb_start)
    if low <= sent.start or start < frame.left:
        return []
    lead = sent.start
    while lead < low and doc.lower[lead] in PLACE_LEAD_OPENERS:
        lead += 1
    if lead + 1 >= low or doc.lower[lead] != "in" or doc.lower[lead + 1] in NOT_A_PLACE_LEAD_NEXT or _report_or_fact_in(hits, sent.start, low):
        return []  # not 'In a statement issued in Damascus the ministry said': a lead of the statement, not of place
    inside = [hit for hit in hits if hit.kind == "P" and lead < hit.start and hit.end <= low]
    if not inside or inside[0].start - lead > PLACE_LEAD_REACH:
        return []
    return _places(inside, compiled)


# Words that may open a sentence before its lead phrase of place ('Meanwhile in Idlib province ...').
PLACE_LEAD_OPENERS = frozenset({"meanwhile", "elsewhere", "and", "but", "also", "further", "separately", ","})
# Words after a lead's 'In' that make it the setting of a statement, not a place ('In a statement', 'In his speech').
NOT_A_PLACE_LEAD_NEXT = frozenset({"a", "an", "his", "her", "its", "their", "our", "this", "that", "response", "reply", "addition", "comments", "remarks"})
# Tokens from the lead's 'In' within which its place starts ('In the northwestern province of Idlib').
PLACE_LEAD_REACH = 6


def _dated_lead(doc: _Toks, sent, frame: _Frame, hits: list[_Hit]) -> bool:
    """The sentence's words before a frame whose content follows it hold a date and no other report or fact of their own."""
    if frame.left <= sent.start or doc.dateish[frame.left] == doc.dateish[sent.start]:
        return False
    return not _report_or_fact_in(hits, sent.start, frame.left)


def _report_or_fact_in(hits: list[_Hit], start: int, end: int) -> bool:
    """A reporting verb or a fact word starts between tokens ``start`` and ``end``: a lead with a report or fact of its own."""
    return any(hit.kind == "L" and (hit.key == "reporting_verb" or hit.key in FACT_CATEGORIES) and start <= hit.start < end for hit in hits)


def _frame_judges(frame: _Frame, hits: list[_Hit]) -> bool:
    """The frame's verb is a stance or denial word ('warned', 'condemned', 'called on', 'denied')."""
    return any(hit.kind == "L" and hit.key in ("stance", "denial") and frame.verb_start <= hit.start < frame.verb_end for hit in hits)


def _states_a_report(doc: _Toks, inside: list[_Hit], categories: set[str], start: int, end: int) -> bool:
    """Own text holding a report or a stance act whose speaker the speaker rules did not resolve ('World powers have
    urged Assad to ...', 'Ban had demanded wider access ...', 'Ghouta townspeople said the militants were ...'): what a
    named speaker states is a claim (a stance at least), unless the text is commentary or the verb no finite report."""
    return "commentary" not in categories and any(hit.kind == "L" and (hit.key == "passive" or (hit.key == "reporting_verb" and _unresolved_report(doc, hit)))
                                                  and not _speaker_fragment(doc, hit, start, end) for hit in inside)


def _speaker_fragment(doc: _Toks, verb: _Hit, start: int, end: int) -> bool:
    """A reporting verb ending the text after a few words and no quotation: a speaker cut off from its statement."""
    return verb.end >= end and _n_words(doc, start, verb.start) <= FRAGMENT_SUBJECT_WORDS and not any(doc.lower[index] in _QUOTES for index in range(max(start - 1, 0), verb.start))


# At most this many words before a reporting verb that ends the text: a speaker and its verb only, with the statement
# cut off ('The Syrian Institute of Justice said'), no claim.
FRAGMENT_SUBJECT_WORDS = 6
# Words right before a reporting verb (or before its auxiliary) that deny a statement was made.
UNSAID_WORDS = frozenset(NEGATED_SUBJECT_WORDS | {"nobody", "none", "not", "never", "one"})


def _unresolved_report(doc: _Toks, hit: _Hit) -> bool:
    """A reporting verb used as a finite verb: not a participle ('reporting', 'Reporting by'), a noun ('the claims',
    'weapons claims') nor a passive with its agent ('... by')."""
    lower = hit.text.lower()
    if lower.endswith("ing") or lower in NOUN_FORMS or doc.lower[hit.start - 1] in NOUN_DETERMINERS:
        return False
    if lower in NAMING_VERBS and _names_no_judgement(doc, hit, doc.n):
        return False  # 'a coalition called the Army of Conquest', 'which describes itself as': no report stated
    if lower in ASKING_FORMS and doc.lower[hit.start - 1] in RELATIVE_WORDS:
        return False  # '... said the resident who asked for anonymity': how the speaker spoke, no report stated
    if doc.lower[hit.start - 1] in UNSAID_WORDS or (hit.start >= 2 and doc.lower[hit.start - 2] in UNSAID_WORDS and doc.lower[hit.start - 1] in FINITE_WORDS):
        return False  # 'nobody said anything', 'the army did not say': nothing is stated
    return hit.end >= doc.n or doc.lower[hit.end] != "by"


def _is_checkable(categories: set[str], quantities: list[dict]) -> bool:
    """Own text (of ten lowercase letters or more, checked before its quantities are read) is a claim when it
    carries a checkable fact and is not mere commentary."""
    has_fact = bool(categories & FACT_CATEGORIES) or any(q["counts"] for q in quantities)
    return has_fact and not ("commentary" in categories and not quantities)


UNNAMED_REPORTERS = frozenset({"reports"})  # a bare plural speaker that names no one: the report is passive


def _speaker_and_attribution(frame, passive, doc, start: int, end: int, article: dict, compiled: _Compiled) -> tuple[_Speaker, str]:
    if frame is None:
        if passive:
            return _Speaker(PASSIVE_SPEAKER, CAMP_UNKNOWN, True, "group"), "passive"
        return outlet_speaker(article["outlet"], compiled), "own_assertion"
    if frame.kind == "according_to":
        return frame.speaker, "according_to"
    if frame.speaker.name.lower() in UNNAMED_REPORTERS:
        # '... were killed on Thursday reports said': no one is named (docs/annotation.md, rule 9), unlike 'media reports'
        return _Speaker(PASSIVE_SPEAKER, CAMP_UNKNOWN, True, "group"), "passive"
    if frame.kind == "quote":
        return frame.speaker, "direct_quote"
    if frame.kind == "continued":  # a report continued: only its own sentence's quotation marks count
        return frame.speaker, attribution(doc, start + 1, end)
    return frame.speaker, attribution(doc, start, end)


def outlet_speaker(outlet: str, compiled: _Compiled) -> _Speaker:
    """The publishing outlet as the speaker of its own assertions, with its registry camp."""
    canonical = compiled.outlets.get(str(outlet).lower())
    if canonical is None:
        return _Speaker(str(outlet), CAMP_UNKNOWN, False, "outlet")
    return _Speaker(canonical, compiled.sources[canonical]["camp"], False, "outlet")


QUOTATION_WORDS = 5  # a shorter quoted phrase inside reported content is a term it quotes ('said "tens of terrorists" had been killed')


def attribution(doc, start: int, end: int) -> str:
    """direct_quote when the content holds a quotation of ``QUOTATION_WORDS`` or more words, or one of three or more
    that is at least half the content, else reported_speech: a short quoted phrase in reported content ('the army said
    "tens of terrorists" had been killed in the attack') is reported speech. Quotation marks pair by their typography
    (``_quotations``), so the words before a scare-quoted phrase ('the "double-tap" strike') are no quotation."""
    first, last = max(start - 1, 0), min(end, doc.n - 1)
    text = doc.text[doc.idx[first]:doc.idx[last] + doc.length[last]]
    if not _has_quote_mark(text):
        return "reported_speech"
    words = len(text.split())
    lengths = [len(text[low:high].split()) for low, high in _quotations(text)]
    return "direct_quote" if any(n >= QUOTATION_WORDS or (n >= 3 and 2 * n >= words) for n in lengths) else "reported_speech"


def _mark_opens(text: str, at: int) -> bool | None:
    """Whether the quotation mark at ``text[at]`` opens (True) or closes (False) a quotation, by its typography: a
    curly mark says so; a straight mark opens after a space or an opening bracket (or at the start) before a
    non-space, and closes after a non-space before a space, punctuation or the end; None when it could be either."""
    mark = text[at]
    if mark == "“":
        return True
    if mark == "”":
        return False
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if (before.isspace() or before in "([") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return False
    return None


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans quoted in ``text``. Marks open or close by their typography (``_mark_opens``);
    one that could be either toggles. A closing mark with none open closes a quotation begun before the text; an
    opening mark never closed runs to its end."""
    spans, opened = [], None
    for match in _QUOTE_MARK.finditer(text):
        at = match.start()
        opens = _mark_opens(text, at)
        if opens is None:
            opens = opened is None
        if opens:
            opened = at + 1 if opened is None else opened
        else:
            spans.append((0 if opened is None else opened, at))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def reporting_verb(frame: _Frame | None, passive: list[_Hit]) -> str | None:
    """The reporting verb as written; the passive marker for passive claims; None for own assertions."""
    if frame is not None:
        return frame.verb_text
    return passive[0].text if passive else None


def hedges(hits: list[_Hit], segment: _Segment, frame: _Frame | None) -> list[str]:
    """Hedge phrases in the segment or its frame, lowercased, in order, without repeats."""
    low = segment.start if frame is None else min(segment.start, frame.left)
    high = segment.end if frame is None else max(segment.end, frame.right)
    found: list[str] = []
    for hit in hits:
        if hit.kind == "L" and hit.key == "hedge" and low <= hit.start < high and hit.text.lower() not in found:
            found.append(hit.text.lower())
    return found


def _places(inside: list[_Hit], compiled: _Compiled | None = None) -> list[str]:
    """Canonical places in order; a country is dropped when a place inside it is also named."""
    names: list[str] = []
    for hit in inside:
        if hit.kind == "P" and hit.key not in names:
            names.append(hit.key)
    if compiled is None or len(names) < 2:
        return names
    countries = {name for name in names if compiled.place_kind.get(name) == "country"}
    covered = {_country_of(name, compiled) for name in names if name not in countries}
    return [name for name in names if name not in countries or name not in covered]


def _country_of(place: str, compiled: _Compiled) -> str | None:
    seen = set()
    while place is not None and place not in seen:
        seen.add(place)
        if compiled.place_kind.get(place) == "country":
            return place
        place = compiled.place_parent.get(place)
        place = None if place is None or (isinstance(place, float)) else place
    return None


def event_date(text: str, frame_text: str, published) -> pd.Timestamp | None:
    """The claim's own date expression, else the frame's ('stated on Wednesday'), resolved against published."""
    resolved = resolve_event_date(text, published)
    if resolved is None and frame_text:
        resolved = resolve_event_date(frame_text, published)
    return resolved


TERRITORY_FIRST = {"territory", "communications", "negotiation", "combat", "damage", "materiel_action", "delivery"}
PEOPLE_HARMED_CATEGORIES = frozenset({"casualty", "harm"})
# Facts whose uncounted harm is a by-product ('took control of the town, enabling civilians to flee').
TAKING_CATEGORIES = frozenset({"territory", "materiel_action", "seizure"})
# Attacks by fire or explosion ('shelled', 'air strikes', 'a blast'): `other` unless people or things harmed or ground
# taken are reported too (docs/annotation.md, claim types). The *_mention categories only type a claim: they do not
# make text a claim by themselves (not in FACT_CATEGORIES).
ATTACK_EVENT_CATEGORIES = frozenset({"attacked", "attacked_mention"})
ATTACK_CATEGORIES = ATTACK_EVENT_CATEGORIES | {"attack", "attack_mention"}
# Facts of type `other` that a stance word beside them does not turn into a stance (who backs whom, deployments).
OTHER_FACT_CATEGORIES = frozenset({"alliance", "deployment", "obstruction", "protest", "designation"})
_CASUALTY_OUTCOME = re.compile(r"\b(killed|injured|casualties|missing|displaced)\b")
_DESTROYED_OUTCOME = re.compile(r"\b(destroyed)\b")


def claim_type(categories: set[str], quantities: list[dict], places: list[str], first_seen: dict[str, int] | None = None, context: set[str] | None = None,
               local_place: bool = False) -> str:
    """The type of the fact a claim asserts, by the precedence of docs/annotation.md: casualties (people harmed;
    an uncounted harm after a fact of ground or things taken or destroyed leaves that fact's type), people taken
    (captures), ground captured or seized (territory), materiel destroyed or seized, the earliest of
    territory/communications/negotiation/ground-combat/damage words, then an attack (`other`; `stance` when a
    judgement only names attacks), ground described as held or besieged (territory), stance, else other. ``context``
    (default: ``categories``) holds every category of the text, those of unasserted words included: what was
    captured or seized is read from all of them ('the capture of the road came in the wake of advances').
    ``local_place``: the claim names a place below a country, so a condemnation of an attack there names an event."""
    first_seen = first_seen or {}
    context = categories if context is None else context
    outcomes = " ".join([q["counts"] for q in quantities]) if quantities else ""
    if _CASUALTY_OUTCOME.search(outcomes) or (categories & PEOPLE_HARMED_CATEGORIES and not _harm_follows_a_taking(categories, first_seen)):
        return "casualties"
    if "people_taken" in categories:
        return "captures"
    ground = "ground" in context
    if "capture" in categories:
        if _takes_things(first_seen, "capture"):
            return "materiel"
        return "territory" if ground or (places and ("territory" in context or "combat" in context)) else "captures"
    if "seizure" in categories:
        return "territory" if not _takes_things(first_seen, "seizure") and (ground or (places and "materiel" not in context)) else "materiel"
    if _DESTROYED_OUTCOME.search(outcomes):
        return "materiel"
    present = [category for category in TERRITORY_FIRST if category in categories]
    if "supply" in categories and "delivery" not in categories and _takes_things(first_seen, "supply"):
        # 'provides it with weapons', 'provided chemical weapons to the group': things supplied, a delivery (lexicon ``supply``)
        present.append("delivery")
        first_seen = {**first_seen, "delivery": first_seen["supply"]}
    if present:
        earliest = min(present, key=lambda category: (first_seen.get(category, 10**9), category))
        return {"combat": "territory", "damage": "materiel", "materiel_action": "materiel", "delivery": "materiel"}.get(earliest, earliest)
    return _attack_or_stance_type(categories, local_place and _judges_before_attack(categories, first_seen))


# Tokens from a verb of taking to the thing it takes: 'seized weapons', 'captured two tanks', 'the capture of heavy
# weapons', 'seized large quantities of ammunition'.
TAKEN_OBJECT_SPAN = 4


def _takes_things(first_seen: dict[str, int], taking: str) -> bool:
    """The first taking word ('seized', 'capture') has a materiel word for its object, a few tokens after it:
    'seized weapons and ammunition during the clashes' takes things, whatever ground the text also names."""
    gap = first_seen.get("materiel", -1) - first_seen.get(taking, 10**9)
    return 0 < gap <= TAKEN_OBJECT_SPAN


def _harm_follows_a_taking(categories: set[str], first_seen: dict[str, int]) -> bool:
    """'destroyed a bulldozer, killing a number of terrorists', 'regained the villages after killing many': an
    uncounted harm written after ground or things taken or destroyed is that fact's by-product."""
    taken = [first_seen[category] for category in TAKING_CATEGORIES if category in categories and category in first_seen]
    harmed = [first_seen[category] for category in PEOPLE_HARMED_CATEGORIES if category in categories and category in first_seen]
    return bool(taken and harmed) and min(taken) < min(harmed)


def _judges_before_attack(categories: set[str], first_seen: dict[str, int]) -> bool:
    """The judging word (stance or denial) comes before the attack it judges, or from the frame's verb outside the
    text: 'slammed the air strikes on Daraya', 'raised concerns over the reports of gas attacks around Aleppo'; not a
    prediction or threat of attacks to come ('warned it would launch missiles at the capital')."""
    if "prediction" in categories:
        return False
    judging = [first_seen.get(category, -1) for category in ("stance", "denial") if category in categories]
    attacks = [first_seen[category] for category in ATTACK_CATEGORIES if category in first_seen]
    return bool(judging) and (not attacks or min(judging) < min(attacks))


def _attack_or_stance_type(categories: set[str], names_event: bool) -> str:
    """What is left once no casualty, capture, materiel, territory, communications or negotiation fact is found."""
    judged = "stance" in categories or "denial" in categories
    if categories & ATTACK_EVENT_CATEGORIES:
        return "other"  # 'jets struck the market': the attack itself is reported
    if categories & ATTACK_CATEGORIES:  # 'the attacks amounted to war crimes' judges attacks it only names, unless it states another fact
        # or condemns an attack it places ('slammed the air strikes on Daraya': a condemnation naming an event takes its type)
        # or says who carried the attack out ('jets were believed responsible for the attacks': lexicon ``perpetrator``)
        return "stance" if judged and not categories & OTHER_FACT_CATEGORIES and not names_event and "perpetrator" not in categories else "other"
    if "held_area" in categories:
        return "territory"
    if categories & OTHER_FACT_CATEGORIES:
        return "other"  # 'are giving military support to the militants': the backing is a fact, not a stance
    return "stance" if judged else "other"


def claim_id(article_id: str, span_start: int, span_end: int) -> str:
    """Stable id: first 16 hex digits of SHA-256 over article id and span."""
    return hashlib.sha256(f"{article_id}:{span_start}:{span_end}".encode()).hexdigest()[:16]


# --- public entry points -----------------------------------------------------------


_COLLECTOR_LOCK = threading.Lock()
_COLLECTOR_PAUSES = {"depth": 0, "was_enabled": False}


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for one batch (extraction allocates millions of short-lived
    objects, none in reference cycles, and each collection walks every live object: an eighth to a quarter of the
    CPU time on FA-KES). Reference counting still frees everything; nested or concurrent batches (threaded
    task runners) share one pause and the collector's previous state comes back when the last one ends."""
    with _COLLECTOR_LOCK:
        if _COLLECTOR_PAUSES["depth"] == 0:
            _COLLECTOR_PAUSES["was_enabled"] = gc.isenabled()
            gc.disable()
        _COLLECTOR_PAUSES["depth"] += 1
    try:
        yield
    finally:
        with _COLLECTOR_LOCK:
            _COLLECTOR_PAUSES["depth"] -= 1
            if _COLLECTOR_PAUSES["depth"] == 0 and _COLLECTOR_PAUSES["was_enabled"]:
                gc.enable()



def _claim_rows(spacy_doc, text: str, article: dict, compiled: _Compiled) -> list[dict]:
    doc = _Toks(spacy_doc, text)
    deferred: list[_Hit] = []
    hits_all = _doc_hits(spacy_doc, doc, compiled, deferred)
    _mark_headline(doc, hits_all, compiled)
    _mark_inner_headlines(doc, hits_all)
    tag_lists = _mark_tag_lists(doc)
    _mark_page_widgets(doc)
    if deferred:
        hits_all = _headline_openers(hits_all, deferred, doc)
    publisher = outlet_speaker(article["outlet"], compiled)
    state = _ArticleState(outlet=publisher.name.lower(), hits=hits_all, publisher=publisher, compiled=compiled)
    sentences: list[tuple[_Sent, list[_Hit], list[_Frame]]] = []
    continuations: dict[int, _Speaker | None] = {}  # sentence index -> its back-reference subject's speaker (None: a part or more of the count)
    position = 0
    for sent_start, sent_end in doc.sentences():
        sent = _Sent(sent_start, sent_end, doc)
        hits, position = _sentence_hits(hits_all, position, sent)
        if sent_start in tag_lists:  # a page's keyword list: no frame, no claim, no subject to refer back to
            sentences.append((sent, [], []))
            continue
        state.hits_before, state.sentence = position, len(sentences)
        frames = _find_frames(sent, hits, compiled, state)
        if not frames:
            _remember_subject(doc, sent, hits, compiled, state)
        if not frames and sentences and sentences[-1][2]:
            if _opens_with_partitive(doc, sent) or _also_harmed(doc, sent, hits) or _count_of_others(doc, sent, hits):
                continuations[len(sentences)] = None
            elif (subject := _back_reference_subject(doc, sent, state)) is not None:
                continuations[len(sentences)] = subject
        sentences.append((sent, hits, frames))
    _attribute_quotations(sentences)
    if continuations:
        _continue_reports(sentences, continuations, publisher.name)
    rows: list[dict] = []
    frame_dates: dict = {}
    for sentence_index, (sent, hits, frames) in enumerate(sentences):
        if sent.start in tag_lists:
            continue
        for segment in _split_passive_relative(doc, _segments(sent, frames), hits):
            row = _segment_claim(doc, segment, hits, article, compiled, sent, sentence_index, frame_dates)
            if row is not None:
                rows.append(row)
    return rows


# Head nouns of an unregistered organisation or outlet named as a sentence's subject ('The Ariha Today Facebook page').
SUBJECT_ORGANISATION_HEADS = frozenset(ORGANISATION_WORDS | {"page", "channel", "website", "account", "newspaper", "station", "television",
                                                             "radio", "brigade", "battalion", "movement", "party", "center", "centre"})
SUBJECT_OPENERS = frozenset(DATE_TOKENS | {"last", "on", "in", "early", "late", "then", "meanwhile", "later", "earlier", "also", "but", "and"})
SUBJECT_OPENERS_MAX = 3  # 'Last month', 'On Monday', 'But late on Sunday'


def _remember_subject(doc: _Toks, sent: _Sent, hits: list[_Hit], compiled: _Compiled, state: _ArticleState) -> None:
    """A sentence without a report whose subject is a person by full name ('Last month Abu Mohammad al-Golani a
    commander of al-Nusra threatened ...') or an unregistered organisation ('The Ariha Today Facebook page posted a
    photo ...') makes that actor the one a following 'he said' / 'It said' / 'The group said' refers to (rule 5). A
    person (two or more words, no number, lexicon word, place or registry name in it) has the camp of a registry
    organisation in an apposition right after the name ('a commander of al-Nusra'), else unknown; an unregistered
    organisation ('the' and capitalised words before a head noun) has camp unknown. Registry actors, places and quotations are
    left to the other rules."""
    start = sent.start
    while start < sent.end and start - sent.start < SUBJECT_OPENERS_MAX and doc.lower[start] in SUBJECT_OPENERS:
        start += 1
    if start >= sent.end - 2 or any(hit.start <= start < hit.end and hit.kind == "S" for hit in hits) or doc.lower[start] in _QUOTES:
        return
    determiner = doc.lower[start] == "the"
    position = start + determiner
    while position < sent.end and doc.title[position] and doc.alpha[position] and doc.lower[position] not in SUBJECT_ORGANISATION_HEADS:
        position += 1
    if (determiner and position > start + 1 and position < sent.end - 1 and doc.lower[position] in SUBJECT_ORGANISATION_HEADS
            and _may_be_verb(doc, position + 1)
            and not any(hit.kind == "S" and start <= hit.start < position for hit in hits)):
        organisation = _Speaker(_determiner_lowered(doc, start, position + 1), CAMP_UNKNOWN, False, "organisation")  # 'the' opens it
        state.last_organisation = state.last_any = state.last_report = organisation
        state.last_individual, state.any_sentence = None, state.sentence
        return
    if determiner:
        return
    named = _proper_name_after(doc, start, sent.end)
    if named is None or named[0] >= sent.end - 1 or len(named[1].split()) < 2 or any(word in ORGANISATION_WORDS or word in NUMBER_TOKENS for word in named[1].lower().split()):
        return  # 'Al-Faris' alone is a surname, 'Eight Martyred' a headline
    if any(hit.kind in ("S", "P", "L") and hit.start < named[0] and hit.end > start for hit in hits):
        return  # a registry actor, a place or a lexicon word ('Killed') inside the name
    after = named[0]
    if not (doc.lower[after] in ARTICLES or _may_be_verb(doc, after)):
        return  # 'Majed al-Sadeq and Abu Jaber were among the killed', 'Assads Alawite sect is
    camp = CAMP_UNKNOWN
    if doc.lower[after] in ARTICLES:
        organisation = next((hit for hit in hits if hit.kind == "S" and after < hit.start <= after + APPOSITION_ROLE_SCAN + 2
                             and compiled.sources[hit.key]["kind"] == "organisation"), None)
        if organisation is not None and any(_is_role_head(doc.lower[index]) for index in range(after + 1, organisation.start)):
            camp = compiled.sources[organisation.key]["camp"]
    person = _registry_by_spelling(_Frame(after, after, "", _Speaker(named[1], camp, False, "person"), start, after, "reported"), compiled).speaker
    if person.kind != "person":
        return
    state.last_person = person  # not last_any: 'they say' after it is not him
    state.last_individual = None
    state.persons.setdefault(person.name.split()[-1].lower(), person)


def _may_be_verb(doc: _Toks, index: int) -> bool:
    """Whether the lowercase word at ``index`` may be a subject's verb: an auxiliary, a frame adverb or a word ending
    as verbs do ('posted', 'threatens'), not a noun run on from a name ('sect', 'and')."""
    lower = doc.lower[index]
    if not (doc.alpha[index] and doc.text[doc.idx[index]].islower()):
        return False
    return lower in FINITE_WORDS or lower in FRAME_ADVERBS or (len(lower) > 3 and lower.endswith(("ed", "s")) and not lower.endswith("ss"))


# Words that may open a sentence before its back-reference subject ('But the group also listed ...').
CONTINUATION_OPENERS = frozenset({"but", "and", "later", "earlier"})
# Words between the back-reference subject and its verb ('The group also listed', 'He had earlier reported').
CONTINUATION_ADVERBS = frozenset({"also", "later", "earlier", "further", "then", "separately", "had"})
# Words after the subject that make the sentence no account of the speaker's: 'It is not yet clear', 'He was killed',
# 'The group will hold talks', 'The group has carried out such barrages before', 'It comes after ...', or that show
# the subject is no back-reference ('The group which describes itself as ...', 'She like other Syrians ...').
NOT_AN_ACCOUNT_VERBS = PASSIVE_AUXILIARIES | OBJECT_PREPOSITIONS | frozenset({
    "will", "would", "could", "can", "may", "might", "must", "should", "shall", "has", "have", "seems", "seemed", "appears", "appeared",
    "remains", "remained", "comes", "came", "which", "who", "that", "and", "or", "like", "as"})


def _back_reference_subject(doc: _Toks, sent: _Sent, state: _ArticleState) -> _Speaker | None:
    """The speaker a frameless sentence's subject refers back to ('He described ...', 'The group also listed ...',
    'It also put the toll at ...'), resolved as the pronoun rule resolves a frame's subject (``_pronoun_before``);
    None when the sentence opens otherwise or its verb is a form of 'be', a modal or 'seems'."""
    start, end = sent.start, sent.end
    if start < end and doc.lower[start] in CONTINUATION_OPENERS:
        start += 1
    if start >= end:
        return None
    lower = doc.lower[start]
    if lower in PRONOUNS_PERSON or lower == "it":
        subject_end = start + 1
    elif lower == "the":
        subject_end = next((noun + 1 for noun in range(start + 1, min(start + 5, end)) if doc.lower[noun] in BACK_REFERENCE_NOUNS), None)
        while subject_end is not None and subject_end < end and doc.lower[subject_end] in BACK_REFERENCE_NOUNS:
            subject_end += 1  # 'The official agency placed ...': the noun is the last of the run, 'official' its modifier
        if subject_end is None or not all(_continuation_modifier(doc, position) for position in range(start + 1, subject_end - 1)):
            return None
    else:
        return None
    verb = subject_end
    while verb < end and doc.lower[verb] in CONTINUATION_ADVERBS:
        verb += 1
    if verb >= end or not doc.alpha[verb] or doc.lower[verb] != doc.token(verb) or doc.lower[verb] in NOT_AN_ACCOUNT_VERBS or doc.lower[verb].endswith("ly"):
        return None
    return _referent_opening(doc, start, subject_end, state)


# 'Five of them', 'Most of those killed', 'Of those', 'Among the dead': a part of the count just reported.
PARTITIVE_HEADS = frozenset({"most", "many", "some", "all", "half", "none", "several", "both", "dozens", "hundreds", "scores", "one", "two",
                             "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"})
CASUALTY_NOUNS = frozenset({"dead", "victims", "killed", "wounded", "injured", "casualties", "fatalities"})


def _opens_with_partitive(doc: _Toks, sent: _Sent) -> bool:
    """Whether a sentence opens with a part of a count said before: 'Five of them ...', '12 of those killed ...',
    'Of those, ...', 'Among them ...', 'Among the dead ...'."""
    start, end = sent.start, sent.end
    if end - start < 3:
        return False
    first, second, third = doc.lower[start], doc.lower[start + 1], doc.lower[start + 2]
    if first in ("of", "among"):
        return _refers_to_count(doc, start + 1, end) or (second == "the" and third in CASUALTY_NOUNS)
    return (first in PARTITIVE_HEADS or first.isdigit()) and second == "of" and _refers_to_count(doc, start + 2, end)


TOPIC_SHIFT_OPENERS = frozenset({"meanwhile", "elsewhere", "separately", "in", "on"})  # 'In Homs ...', 'On Sunday ...': another event
ALSO_HARMED_GAP = frozenset({"been", "reportedly", "reported", "said", "believed"})  # 'have also been killed'


def _also_harmed(doc: _Toks, sent: _Sent, hits: list[_Hit]) -> bool:
    """Whether a sentence adds a count of people harmed to the count just reported: a count, then 'also' right before
    the casualty word ('Dozens of people were also wounded in the village', 'More than 40 others have also been
    killed'). A sentence with a subject of its own doing the harm ('The army also killed 20 fighters') has its
    count after the word and is not one, nor one that opens a new topic ('Meanwhile ...', 'Elsewhere ...')."""
    if doc.lower[sent.start] in TOPIC_SHIFT_OPENERS:
        return False
    for hit in hits:
        if hit.kind != "L" or hit.key != "casualty":
            continue
        before = hit.start - 1
        while before > sent.start and doc.lower[before] in ALSO_HARMED_GAP:
            before -= 1
        if before > sent.start and doc.lower[before] == "also":
            return doc.numberish[before] > doc.numberish[sent.start]
    return False


OTHERS_WORDS = frozenset({"other", "others", "more"})


def _count_of_others(doc: _Toks, sent: _Sent, hits: list[_Hit]) -> bool:
    """Whether a sentence opens with a count of other people harmed, added to the count just reported: a number, then
    'other', 'others' or 'more', then a casualty word ('17 other civilians were injured in Mogambo', 'Three more people
    died', 'Two others were wounded'), not one marked passive ('Seven others were reported injured')."""
    start, end = sent.start, sent.end
    position = start
    while position < end and doc.numberish[position + 1] > doc.numberish[position]:
        position += 1
    if position == start or position >= end or doc.lower[position] not in OTHERS_WORDS or any(hit.kind == "L" and hit.key == "passive" for hit in hits):
        return False  # 'Seven others were reported injured': the sentence marks its own report as passive
    return any(hit.kind == "L" and hit.key == "casualty" and position < hit.start <= position + 4 for hit in hits)


def _refers_to_count(doc: _Toks, position: int, end: int) -> bool:
    """'them', or 'those'/'these' alone or before a casualty noun ('those killed'), not before another noun ('One of
    those al-Omar is ...': fields, not the dead)."""
    lower = doc.lower[position]
    if lower == "them":
        return True
    if lower not in ("those", "these"):
        return False
    following = doc.lower[position + 1] if position + 1 < end else ""
    return following in CASUALTY_NOUNS or following in (",", "were", "was", "are", "had", "have", "included", "include")


def _continuation_modifier(doc: _Toks, position: int) -> bool:
    """A word between 'the' and a back-reference noun that keeps it a back-reference: lowercase ('the rights group'),
    or a hyphenated modifier ('the Britain-based group'); a capitalised word names a new one ('The UN humanitarian
    agency', 'The Islamic militant group')."""
    lower = doc.lower[position]
    return lower == "-" or (doc.alpha[position] and (lower == doc.token(position) or (position + 1 < doc.n and doc.lower[position + 1] == "-")))


def _continue_reports(sentences: list[tuple[_Sent, list[_Hit], list[_Frame]]], continuations: dict[int, _Speaker | None], outlet: str) -> None:
    """A frameless sentence that refers back to the previous sentence's last report, in the same paragraph, continues
    that report and takes its speaker, as reported speech (in place): its subject refers back to the speaker ('The
    monitor said 14 fighters died. The group also listed 30 wounded.'; ``continuations`` holds the speaker it
    resolves to), or it opens with a part of the count reported ('Six of them were foreigners'; None) or adds a count of
    people 'also' harmed ('Dozens of people were also wounded'; None). Not when the
    report is the outlet's own, nor another outlet's unless the subject refers back to it, the sentence is inside a quotation (it took the quotation's speaker already), or a
    line break separates the two."""
    doc = sentences[0][0].toks
    for index, speaker in continuations.items():
        sent, _, frames = sentences[index]
        previous_sent, _, previous_frames = sentences[index - 1]  # had a frame when ``continuations`` was filled; frames are only added
        if frames:
            continue
        source = previous_frames[-1]
        if (speaker is not None and source.speaker.name != speaker.name) or (source.speaker.kind == "outlet" and speaker is None) or source.speaker.name.lower() == outlet.lower():
            continue  # another outlet's report is continued only by a subject referring back to it ('The official agency put the toll at 12')
        gap_start = doc.idx[previous_sent.end - 1] + doc.length[previous_sent.end - 1]
        if "\n" in doc.text[gap_start:doc.idx[sent.start]]:
            continue
        frames.append(_Frame(sent.start, sent.start, source.verb_text, source.speaker, sent.start, sent.start, "continued", inherited=True))


def _sentence_hits(hits: list[_Hit], position: int, sent: _Sent) -> tuple[list[_Hit], int]:
    """The hits (in position order) that lie inside ``sent``, and where the next sentence's search starts."""
    n, start, end = len(hits), sent.start, sent.end
    while position < n and hits[position].start < start:
        position += 1
    inside = []
    for scan in range(position, n):
        hit = hits[scan]
        if hit.start >= end:
            break
        if hit.end <= end:
            inside.append(hit)
    return inside, position


_QUOTE_MARK = re.compile("[“”\"]")
_QUOTE_LOOKAHEAD = 6  # sentences searched for the attribution that closes a quotation


def _open_after_mark(is_open: bool, text: str, at: int) -> bool:
    """Whether a quotation is open after the mark at ``text[at]``: by the mark's typography (``_mark_opens``), so a
    mark reopening a quotation at a new paragraph ('... explosion. "People had fallen') keeps it open and a stray
    closing mark ('no other option". Assads comments') leaves it closed; a straight mark that could be either toggles."""
    opens = _mark_opens(text, at)
    return (not is_open) if opens is None else opens


def _has_quote_mark(text: str) -> bool:
    """Whether ``text`` holds a quotation mark: three substring tests, cheaper than a regex scan of every sentence."""
    return '"' in text or "“" in text or "”" in text


def _quote_open_after(open_before: bool, sent: _Sent) -> bool:
    """Whether a quotation is open after sentence ``sent``, given whether one was open before it."""
    is_open = open_before
    if not _has_quote_mark(sent.text):
        return is_open
    doc = sent.toks
    last = sent.end - 1
    for mark in _QUOTE_MARK.finditer(doc.text, doc.idx[sent.start], doc.idx[last] + doc.length[last]):
        is_open = _open_after_mark(is_open, doc.text, mark.start())
    return is_open


def _quoted_speaker(frame: _Frame, sent: _Sent) -> _Frame:
    return _Frame(sent.start, sent.start, frame.verb_text, frame.speaker, sent.start, sent.start, "quote", inherited=True)


def _attribute_quotations(sentences: list[tuple[_Sent, list[_Hit], list[_Frame]]]) -> None:
    """Sentences without a frame of their own inside a quotation take the quotation's speaker (in place):

    - a quotation a frame opened continues ('X said: "A. B."': B is X's);
    - a quotation attributed where it closes ('"A. B. C" the military representative said': A and B are the
      representative's), looked for up to ``_QUOTE_LOOKAHEAD`` sentences on;
    - a quotation opening right after a quoted, attributed sentence continues that speaker ('"A" said X. "B."').
    """
    inside = False
    open_frame: _Frame | None = None  # the frame whose quotation is still open
    previous_quoted: _Frame | None = None  # the last frame of the previous sentence when it held a quotation
    opened_at_end = False  # the previous sentence ended on the mark opening the quotation ('X said. "A. B" Y said')
    for index, (sent, _, frames) in enumerate(sentences):
        text = sent.text
        opens_here = not inside and sent.end > sent.start and sent.toks.lower[sent.start] in _QUOTES
        if not frames and (inside or opens_here):
            source = open_frame if inside and not opened_at_end else None
            if source is None:
                source = _attribution_at_close(sentences, index, inside) or (open_frame if inside else None)
            if source is None and opens_here:
                source = previous_quoted
            if source is not None:
                frames.append(_quoted_speaker(source, sent))
        after = _quote_open_after(inside, sent)
        if after and frames and _attribution_closes(sent, frames):
            after = False
        if frames and after:
            open_frame = open_frame if inside and frames[0].inherited else frames[-1]
        elif not after:
            open_frame = None
        previous_quoted = frames[-1] if frames and _has_quote_mark(text) else None
        opened_at_end = after and not inside and _ends_on_opening_mark(sent)
        inside = after


def _ends_on_opening_mark(sent: _Sent) -> bool:
    """Whether the sentence ends on a quotation mark after its final punctuation: the sentencizer leaves the mark
    opening the next sentence's quotation there ('... the monitor said. "The hospital was hit'), so the quotation is
    not the content of the sentence's frame."""
    doc = sent.toks
    position = sent.end - 1
    while position > sent.start and doc.punct[position] and doc.lower[position] not in _QUOTES:
        position -= 1
    return position > sent.start and doc.lower[position] in _QUOTES and doc.punct[position - 1] and doc.lower[position - 1] not in _QUOTES


def _attribution_closes(sent: _Sent, frames: list[_Frame]) -> bool:
    """Whether a sentence's own attribution after its last quotation mark closes the quotation it leaves open: its
    closing mark was lost ('... children. "The bombing is an outrage said Dr X, medical manager ...'). An attribution
    that follows content ('said X', '... the minister said.') closes it; one opening content ('X said: "A', '"Nothing
    of what the regime said about corridors is real') does not, unless it opens a sentence without quotation marks
    ('MSF said the hospital was hit'), which no quotation runs through."""
    doc = sent.toks
    last_mark = next((position for position in range(sent.end - 1, sent.start - 1, -1) if doc.lower[position] in _QUOTES), sent.start - 1)
    if last_mark < sent.start and not frames[0].inherited and frames[0].left == sent.start and frames[0].kind in ("reported", "according_to"):
        return True  # a sentence without marks opening with its own report ('MSF said ...'): the quotation closed before it
    return any(not frame.inherited and frame.left > last_mark and (frame.kind == "inverted" or (
        _n_words(doc, last_mark + 1, frame.left) >= 3 and (frame.right >= sent.end - 1 or _only_frame_tail(doc, frame.right, sent.end))))
               for frame in frames)


def _attribution_at_close(sentences: list[tuple[_Sent, list[_Hit], list[_Frame]]], index: int, inside: bool) -> _Frame | None:
    """The frame right after the mark that closes the quotation open in (or opened by) sentence ``index``."""
    is_open = inside
    for sent, _, frames in sentences[index:index + _QUOTE_LOOKAHEAD]:
        doc = sent.toks
        for position in range(sent.start, sent.end):
            token = doc.lower[position]
            if token not in _QUOTES:
                continue
            was_open, is_open = is_open, _open_after_mark(is_open, doc.text, doc.idx[position])
            if was_open and not is_open:  # the closing mark
                return next((frame for frame in frames if frame.left > position and not frame.inherited), None)
    return None


HEADER_WORDS = frozenset({"date", "of", "publication", "published", "posted", "on", "last", "updated", "at", "-"})
HEADLINE_FUNCTION_WORDS = frozenset({"in", "of", "for", "on", "to", "the", "a", "an", "and", "by", "at", "as", "after", "with", "from", "over",
                                     "into", "near", "amid", "against", "&", "-", ":", "'", '"', "vs", "is", "are", "than", "up", "off", "out"})
BODY_OPENERS = frozenset({"the", "a", "an", "at", "in", "on", "more", "some", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
NOT_A_DATELINE_BEFORE = frozenset({"told", "to", "by", "quoted", "said", "from", "according", "the", "via", "on", "with"})
_NUMERIC_DATE = re.compile(r"\d{1,2}[-./]\d{1,2}[-./](?:19|20)?\d\d|\d{5,6}$")  # '13-08-2013', 'Jan 202015' (day and year run together)
_CLOCK = re.compile(r"\d{1,2}:\d\d$")
_HEADLINE_SCAN = 80  # tokens of the article start searched for a headline


def _mark_headline(doc: _Toks, hits: list[_Hit], compiled: _Compiled) -> None:
    """Headline and dateline run into the first sentence without a full stop (FA-KES strips punctuation) start
    sentences of their own: a publication-date prefix ('Date of publication 20 September 2016', 'Sun 10 Jul
    2016') or a date after the headline ('... on Aleppo city 6 October 2016 Aleppo SANA-Terrorist ...'), an
    outlet tag between headline and body ('... on Aleppo SANA One civilian ...', '... Monitor AFP Tuesday 21
    Jul 2015 A missile ...'), a capitalised sentence opener after a word ('... suicide blast The Islamic State
    ...', '... on Aleppo Two people ...'), or, failing those, a Title Case headline ending where lowercase text
    begins ('... Kills 3 Popular Fighters in Syrias Quneitra Three fighters from ...'). A dateline with the
    agency in parentheses ('BEIRUT August 21 (The Associated Press)') is a sentence of its own."""
    if doc.n < 8:
        return
    scan_end = min(doc.n, _HEADLINE_SCAN)
    first_end = next((index for index in range(1, scan_end) if doc.sent_start[index]), scan_end)
    body = _date_prefix_end(doc, 0, first_end)
    if 0 < body < first_end:
        doc.sent_start[body] = True
    outlets: dict[int, _Hit] = {}
    for hit in hits:  # in position order
        if hit.start >= scan_end:
            break
        if hit.kind == "S" and compiled.sources[hit.key]["kind"] == "outlet":
            outlets[hit.start] = hit
    if outlets:
        _mark_parenthesised_dateline(doc, outlets, scan_end)
    for index in range(body + 4, first_end if doc.dateish[first_end] > doc.dateish[body] else 0):
        if YEAR_WORD.match(doc.lower[index]) and doc.dateish[index] > doc.dateish[index - 2]:  # a month word just before the year
            date_start = index - 1
            while date_start > body + 3 and (doc.dateish[date_start] > doc.dateish[date_start - 1] or doc.token(date_start - 1).isdigit() and doc.length[date_start - 1] <= 2):
                date_start -= 1
            doc.sent_start[date_start] = True
            tag = next((hit for hit in outlets.values() if hit.end == date_start), None)
            if tag is not None and tag.start > 0:
                doc.sent_start[tag.start] = True  # '... on northern Syria AFP Monday 18 Aug 2014 Syrian war planes ...'
            body = _date_prefix_end(doc, date_start, first_end) or index + 1
            if body < first_end:
                doc.sent_start[body] = True
            break
    for start in sorted(outlets):
        hit = outlets[start]
        if start >= first_end:
            break
        after = hit.end
        if start <= body or after + 1 >= first_end or doc.lower[start - 1] in NOT_A_DATELINE_BEFORE or doc.punct[start - 1]:
            continue
        if doc.lower[after] in ("-", "–", "—"):
            after += 1
        if not (doc.title[after] or doc.text[doc.idx[after]].isdigit()):
            continue
        doc.sent_start[start] = True  # the outlet tag is a sentence of its own: not a speaker of the headline
        after = _date_prefix_end(doc, after, first_end) or after
        doc.sent_start[after] = True
        return
    for index in range(body + 4, first_end - 2):
        if doc.title[index] and doc.lower[index] in BODY_OPENERS and index not in outlets and _ends_a_headline(doc, index - 1):
            doc.sent_start[index] = True  # 'suicide blast The Islamic State ...'
            return
    _mark_title_run(doc, body, first_end, hits)


def _mark_inner_headlines(doc: _Toks, hits: list[_Hit]) -> None:
    """Headlines and sub-headings further down run into the next sentence too (scraped pages with several stories:
    '... from Turkey. Peshmerga shoot dead six bombers west of Kirkuk In a separate event ...', '... Scores of
    Terrorists across Country The Syrian army continued ...'): after the first sentence, a capitalised sentence opener
    (``BODY_OPENERS``) after a word that may end a headline starts a sentence, as at the article start, when running
    text follows it (``_lowercase_follows``); after a lowercase word, not where a source's name starts ('reported The
    Associated Press')."""
    sent_start, first_end, sources = doc.sent_start, -1, None
    for index in doc.openers:  # the capitalised openers, from the lexeme table: no loop over every token
        if sent_start[index] or index == 0 or index >= doc.n - 1 or not _ends_a_headline(doc, index - 1):
            continue
        if first_end < 0:
            first_end = next((position for position in range(1, doc.n) if sent_start[position]), doc.n)
            sources = {hit.start for hit in hits if hit.kind == "S"}
        if index > first_end and (doc.title[index - 1] or index not in sources and index + 1 not in sources) and _lowercase_follows(doc, index):
            sent_start[index] = True


def _lowercase_follows(doc: _Toks, index: int) -> bool:
    """A lowercase word (not a headline's function word) comes within four words after ``index``, before any
    punctuation: the opener starts running text ('In a separate event', 'The Syrian army continued'), not a word
    inside a Title Case headline ('Car bomb Kills Four .', 'Kills Two Injures Three in')."""
    for position in range(index + 1, min(index + 5, doc.n)):
        if doc.punct[position]:
            return False
        if doc.alpha[position] and not doc.title[position] and doc.lower[position] not in HEADLINE_FUNCTION_WORDS and not doc.token(position).isupper():
            return True
    return False


def _headline_openers(hits: list[_Hit], deferred: list[_Hit], doc: _Toks) -> list[_Hit]:
    """Capitalised lexicon phrases that the headline rules made sentence openers ('Published October 31 2014
    Activists in Syria reported ...': 'Activists' now opens the body) join the hits, unless a hit already starts
    there; in position order, longest first."""
    taken = {hit.start for hit in hits}
    openers = [hit for hit in deferred if doc.sent_start[hit.start] and hit.start not in taken]
    inside = [hit for hit in deferred if not doc.sent_start[hit.start] and hit.start not in taken and hit.key in FACT_CATEGORIES]
    if inside:  # capitalised fact words inside a sentence: only a Title Case headline's count
        covered = {index for hit in hits if hit.kind != "L" and hit.start < _HEADLINE_SCAN for index in range(hit.start, hit.end)}
        facts = [hit.start for hit in hits if hit.kind == "L" and (hit.key in FACT_CATEGORIES or hit.key in ("reporting_verb", "according_to"))]
        openers += [hit for hit in inside if not any(index in covered for index in range(hit.start, hit.end)) and _in_title_case_sentence(doc, hit.start, facts)]
    if not openers:
        return hits
    return _in_position_order(hits + openers)


HEADLINE_TITLE_SHARE = 0.85  # of a sentence's words other than HEADLINE_FUNCTION_WORDS
HEADLINE_MIN_WORDS = 4


def _in_title_case_sentence(doc: _Toks, index: int, facts: Sequence[int]) -> bool:
    """The token at ``index`` lies in a Title Case headline sentence with no fact word found (positions ``facts``):
    at least four words, nearly all of them (other than function words) capitalised. There a capitalised fact word is the
    headline's verb ('Syrian Army Kills Top Terrorist Commander in Daraa', 'Many Civilians Martyred as Terrorists Shell
    Aleppo'), not part of a name as elsewhere. Only a headline that would yield no claim: one with a fact word found, a
    reporting verb or a count of a capitalised noun keeps its claim as it was."""
    start = index
    while start > 0 and not doc.sent_start[start]:
        start -= 1
    end = index + 1
    while end < doc.n and not doc.sent_start[end]:
        end += 1
    if any(start <= position < end for position in facts) or any(
            doc.token(position).isdigit() and not YEAR_WORD.match(doc.lower[position]) and position + 1 < end and doc.title[position + 1]
            for position in range(start, end)):
        return False  # a fact word, a report or a count ('150 Terrorists Infiltrated ...') already makes the headline a claim
    words = [position for position in range(start, end) if doc.alpha[position] and doc.lower[position] not in HEADLINE_FUNCTION_WORDS]
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    return sum(1 for position in words if doc.title[position] or doc.token(position).isupper()) >= HEADLINE_TITLE_SHARE * len(words)


def _ends_a_headline(doc: _Toks, index: int) -> bool:
    """The word at ``index`` may end a headline: a word, not a preposition or verb that takes what follows."""
    lower = doc.lower[index]
    return bool(doc.alpha[index]) and lower not in NOT_A_DATELINE_BEFORE and lower not in HEADLINE_FUNCTION_WORDS


def _mark_parenthesised_dateline(doc: _Toks, outlets: dict[int, _Hit], end: int) -> None:
    """'BEIRUT August 21 (The Associated Press)', 'MOSCOW (Sputnik) -': the dateline from its capitalised place
    word to the closing parenthesis (and dash) starts a sentence, and so does the text after it."""
    for index in range(1, end - 3):
        if doc.lower[index] != "(":
            continue
        hit = outlets.get(index + 1) or (outlets.get(index + 2) if doc.lower[index + 1] == "the" else None)
        if hit is None:
            continue
        close = next((position for position in range(hit.end, min(hit.end + 4, end)) if doc.lower[position] == ")"), None)
        if close is None:
            continue
        start = next((position for position in range(max(index - 4, 0), index) if doc.alpha[position] and doc.token(position).isupper() and doc.length[position] >= 4), None)
        if start is None:
            continue
        after = close + 1
        if after < doc.n and doc.lower[after] in ("-", "–", "—"):
            after += 1
        if start > 0:
            doc.sent_start[start] = True
        if after < doc.n:
            doc.sent_start[after] = True
        return


def _date_prefix_end(doc: _Toks, start: int, end: int) -> int:
    """Token after a date at ``start`` ('Friday 19 Aug 2016', '13-08-2013', 'Posted on August 3 2016 21:09'), or 0."""
    index = start
    while index < end and doc.lower[index] in HEADER_WORDS:
        index += 1
    found = 0
    while index < end:
        token = doc.token(index)
        if doc.dateish[index + 1] > doc.dateish[index] and doc.title[index] or (token.isdigit() and len(token) <= 2 and not found):
            index += 1
        elif token in ("-", ".", "/") and index > start and doc.token(index - 1).isdigit() and index + 1 < end and doc.token(index + 1).isdigit():
            index += 1  # '13-08-2013' tokenised as 13 - 08 - 2013
        elif YEAR_WORD.match(token) or _NUMERIC_DATE.match(token):
            index += 1
            found = index
            if index < end and _CLOCK.match(doc.token(index)):
                found = index = index + 1
            break
        else:
            break
    return found


TAG_LIST_WORDS = frozenset({"Tags", "Tag", "Keywords", "TAGS", "KEYWORDS"})  # as written: a page's keyword list follows
LOWERCASE_TAG_WORDS = TAG_LIST_WORDS - {"Tag"}  # lists that may open on a lowercase keyword ('Tags airstrikes ...')
# Lowercase words of running text, never of a keyword list: the first of them (or a past-tense verb) shows the body
# sentence the list ran into ('Tags Syria Idlib war Government air raids in a ...'); 'the' and 'and' are left out,
# since lists hold names with them ('the Nusra Front').
RUNNING_TEXT_WORDS = frozenset({"of", "in", "on", "at", "to", "by", "for", "with", "from", "a", "an", "is", "are", "was", "were", "have", "has",
                                "had", "who", "which", "that", "including", "into", "after", "as"})


def _mark_tag_lists(doc: _Toks) -> set[int]:
    """Keyword lists scraped with a page ('Tags Syria Idlib Ariha Assad war', '11 Tags Bashar al-Assad chemical
    weapons ...', 'Tags airstrikes US-led coalition ...') are page furniture, never claims: each capitalised 'Tags' or 'Keywords' before a capitalised word
    starts a sentence of its own (a number of comments before it joins it), and where running text follows in the
    same sentence, the body starts at the last capitalised word before its first running-text word or past-tense
    verb ('... Syrian opposition Fourteen members of the ...'). Returns the token indices that start a list."""
    starts: set[int] = set()
    if "Tag" not in doc.text and "Keywords" not in doc.text and "TAGS" not in doc.text and "KEYWORDS" not in doc.text:
        return starts
    sent_start, n = doc.sent_start, doc.n
    for index in range(n - 1):
        word = doc.token(index)
        if word not in TAG_LIST_WORDS or not (doc.title[index + 1] or (word in LOWERCASE_TAG_WORDS and doc.alpha[index + 1] and not sent_start[index])):
            continue
        start = index - 1 if index > 0 and sent_start[index - 1] and doc.text[doc.idx[index - 1]].isdigit() else index
        sent_start[start] = True
        if start != index:
            sent_start[index] = False
        starts.add(start)
        end = next((position for position in range(index + 1, n) if sent_start[position]), n)
        last_capital = None
        for position in range(index + 1, end):
            lower = doc.lower[position]
            word = doc.token(position)
            if doc.alpha[position] and word[0].isupper():
                last_capital = position
            elif doc.alpha[position] and (lower in RUNNING_TEXT_WORDS or (len(lower) > 4 and lower.endswith("ed"))):
                if last_capital is not None and last_capital > index + 1:
                    sent_start[last_capital] = True
                break
    return starts


# A page's sharing widget scraped into the text, with its share counts after it ('Get short URL 0 13 The US-led ...').
PAGE_WIDGETS = ("Get short URL",)


def _mark_page_widgets(doc: _Toks) -> None:
    """A sharing widget and the counts after it are a sentence of their own, and the body starts after them (so
    'Get short URL 2440 Over 100 civilians ...' yields the claim 'Over 100 civilians ...' only)."""
    for widget in PAGE_WIDGETS:
        at = doc.text.find(widget)
        if at < 0:
            continue
        words = widget.lower().split()
        for index in range(doc.n - len(words)):
            if doc.idx[index] != at or [doc.lower[index + offset] for offset in range(len(words))] != words:
                continue
            doc.sent_start[index] = True
            body = index + len(words)
            while body < doc.n and doc.text[doc.idx[body]].isdigit():
                body += 1
            if body < doc.n:
                doc.sent_start[body] = True
            at = doc.text.find(widget, at + 1)
            if at < 0:
                break  # no occurrence left: the remaining tokens need no look


def _mark_title_run(doc: _Toks, start: int, end: int, hits: Sequence[_Hit]) -> None:
    """A Title Case headline run from ``start``: the body starts at its last capitalised word (or an opener such
    as 'The' among the last three) when lowercase text follows inside the same sentence."""
    titled: list[int] = []
    index = start
    while index < end:
        lower = doc.lower[index]
        if doc.title[index] or (doc.alpha[index] and doc.token(index).isupper()):
            titled.append(index)
        elif not (lower in HEADLINE_FUNCTION_WORDS or doc.text[doc.idx[index]].isdigit()):
            break
        index += 1
    if index >= end or not doc.alpha[index] or len(titled) < 4 or titled[-1] != index - 1:
        return
    body = titled[-1]
    for candidate in titled[-3:]:
        if doc.lower[candidate] in BODY_OPENERS:
            body = candidate
            break
    inside = next((hit for hit in hits if hit.kind == "S" and hit.start < body < hit.end), None)
    if inside is not None:  # '13 Jun 2016 Syrian Observatory for Human Rights says ...': the body opens with the whole name
        body = inside.start
    if body > start + 3:
        doc.sent_start[body] = True


@pa.check_types
def extract_claims(articles: DataFrame[Articles], pack: TheatrePack) -> DataFrame[Claims]:
    """Extract every checkable claim of each article with the given theatre pack.

    Args:
        articles: articles to read (``Articles`` schema).
        pack: the theatre pack whose registry, gazetteer and lexicon drive the matchers.

    Returns:
        One ``Claims`` row per claim, in article and text order.
    """
    compiled = compile_pack(pack)
    texts = articles[Articles.text].tolist()
    metadata = zip(articles[Articles.article_id].tolist(), articles[Articles.outlet].tolist(), articles[Articles.published].tolist())
    rows: list[dict] = []
    with _collector_paused():
        for doc, text, (article_id, outlet, published) in zip(compiled.nlp.tokenizer.pipe(texts), texts, metadata):
            published = None if pd.isna(published) else published
            article = {"article_id": article_id, "outlet": outlet, "published": published, "day": None if published is None else publication_day(published)}
            rows.extend(_claim_rows(doc, text, article, compiled))
        frame = _claims_frame(rows, pack.name)
    log.info("extracted %d claims from %d articles with pack %s", len(rows), len(texts), pack.name)
    return frame


def _claims_frame(rows: list[dict], theatre: str) -> pd.DataFrame:
    columns = list(Claims.to_schema().columns)
    names = [column for column in columns if column != Claims.theatre]
    if rows:
        # Every row is built by one dict literal, so all share one key order: transpose the values in one pass.
        by_key = dict(zip(rows[0], map(list, zip(*map(dict.values, rows)))))
        frame = pd.DataFrame({column: by_key[column] for column in names})
    else:
        frame = pd.DataFrame(columns=names)
    frame.insert(columns.index(Claims.theatre), Claims.theatre, theatre)
    for column in (Claims.published, Claims.event_date):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in (Claims.sentence_index, Claims.span_start, Claims.span_end):
        frame[column] = frame[column].astype("int64")
    frame[Claims.anonymous] = frame[Claims.anonymous].astype(bool)
    frame[Claims.reporting_verb] = frame[Claims.reporting_verb].astype("str")  # nulls stay null
    for column in (Claims.claim_id, Claims.article_id, Claims.outlet, Claims.text, Claims.sentence, Claims.speaker, Claims.speaker_camp, Claims.attribution, Claims.claim_type, Claims.theatre):
        frame[column] = frame[column].astype(str)
    return frame.drop_duplicates(subset=[Claims.claim_id]).reset_index(drop=True)


@pa.check_types
def detect_blackouts(articles: DataFrame[Articles], pack: TheatrePack) -> DataFrame[BlackoutEvents]:
    """Communication blackouts reported in the articles: region, start, partial restoration, evidence.

    A sentence with a blackout phrase ("cut telephone and internet", "information blackout")
    and a gazetteer place opens an event for that place (or the last place the article named);
    its date expression (else the publication day) is the start. A later restoration phrase
    ("partial reconnection") in the same article sets ``partial_restoration``.
    """
    compiled = compile_pack(pack)
    records = articles[[Articles.article_id, Articles.published, Articles.text]].to_dict("records")
    rows: list[dict] = []
    # A text that lacks some word of every blackout phrase cannot match one (ASCII text: the lowercase text holds each
    # token's lowercase form), so it is not tokenised at all.
    records = [record for record in records if _may_hold_blackout(record[Articles.text], compiled.blackout_phrases)]
    with _collector_paused():
        for doc, record in zip(compiled.nlp.tokenizer.pipe(record[Articles.text] for record in records), records):
            rows.extend(_blackout_rows(doc, record, compiled))
    frame = pd.DataFrame(rows, columns=list(BlackoutEvents.to_schema().columns))
    for column in (BlackoutEvents.start, BlackoutEvents.partial_restoration, BlackoutEvents.end):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in (BlackoutEvents.event_id, BlackoutEvents.region, BlackoutEvents.source, BlackoutEvents.evidence):
        frame[column] = frame[column].astype(str)
    return frame.drop_duplicates(subset=[BlackoutEvents.event_id]).reset_index(drop=True)


def _may_hold_blackout(text: str, phrases: tuple) -> bool:
    """Whether ``text`` holds every word of some blackout phrase (any text with non-ASCII letters may)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(all(word in lower for word in words) for words in phrases)


def _blackout_rows(spacy_doc, record: dict, compiled: _Compiled) -> list[dict]:
    published = record[Articles.published]
    published = None if pd.isna(published) else published
    doc = _Toks(spacy_doc, record[Articles.text])
    hits = _doc_hits(spacy_doc, doc, compiled)
    events: list[dict] = []
    last_place: str | None = None
    if not any(hit.kind == "L" and hit.key == "blackout" for hit in hits):
        return events  # no blackout phrase: no event (a restoration only completes an event)
    position = 0
    for sent_start, sent_end in doc.sentences():
        sent = _Sent(sent_start, sent_end, doc)
        inside, position = _sentence_hits(hits, position, sent)
        places = _places(inside)
        keys = {hit.key for hit in inside if hit.kind == "L"}
        if places:
            last_place = _region_of(places, compiled)
        if not ("blackout" in keys or "restoration" in keys):
            continue
        day = resolve_event_date(sent.text, published) or (None if published is None else pd.Timestamp(published).tz_convert("UTC").normalize())
        if "blackout" in keys and (places or last_place) and day is not None:
            region = _region_of(places, compiled) if places else last_place
            event_id = hashlib.sha256(f"{region}:{day.isoformat()}:{record[Articles.article_id]}".encode()).hexdigest()[:16]
            events.append({"event_id": event_id, "region": region, "start": day, "partial_restoration": None, "end": None, "source": record[Articles.article_id], "evidence": sent.text})
        elif "restoration" in keys and events and day is not None:
            events[-1]["partial_restoration"] = day
    return events


def _region_of(places: list[str], compiled: _Compiled) -> str:
    """The broadest-but-not-country place named: a province/governorate over a town, else the first."""
    for level in ("province", "governorate", "region", "valley"):
        for place in places:
            if compiled.place_kind.get(place) == level:
                return place
    non_country = [place for place in places if compiled.place_kind.get(place) != "country"]
    return (non_country or places)[0]


def articles_from_texts(
    texts: list[str],
    outlet: str = "unknown",
    published: pd.Timestamp | str | None = None,
    sources: list[str] | None = None,
    titles: list[str] | None = None,
    external_ids: list[str | None] | None = None,
    labels: list[float | None] | None = None,
) -> pd.DataFrame:
    """Build an ``Articles`` frame from raw texts (for the CLI without a store, tests and benchmarks).

    Args:
        texts: article texts.
        outlet: outlet id of every article.
        published: publication time (parsed as UTC) or None.
        sources: where each text came from; defaults to "text:<n>".
        titles: headlines; default empty.
        external_ids: ids in the source dataset; default null.
        labels: dataset labels; default null.
    """
    hashes = [hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest() for text in texts]
    stamp = None if published is None else pd.Timestamp(published)
    if stamp is not None:
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    frame = pd.DataFrame(
        {
            Articles.article_id: [digest[:16] for digest in hashes],
            Articles.content_hash: hashes,
            Articles.external_id: pd.Series(external_ids or [None] * len(texts), dtype=object),
            Articles.outlet: outlet,
            Articles.url: pd.Series([None] * len(texts), dtype=object),
            Articles.title: titles or [""] * len(texts),
            Articles.published: pd.Series([stamp] * len(texts), dtype="datetime64[us, UTC]"),
            Articles.text: list(texts),
            Articles.language: "en",
            Articles.label: pd.Series(labels or [None] * len(texts), dtype=float),
            Articles.source: sources or [f"text:{index}" for index in range(len(texts))],
        }
    )
    for column in (Articles.article_id, Articles.content_hash, Articles.outlet, Articles.title, Articles.text, Articles.language, Articles.source):
        frame[column] = frame[column].astype(str)
    return frame
