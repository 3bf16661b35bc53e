"""Claim extraction: every checkable assertion of fact, who asserts it and how.

Rule-based and explainable. spaCy ``blank("en")`` with a sentencizer tokenises;
one ``PhraseMatcher`` per theatre pack (built once, cached by pack name and
version) finds the registry's actors and outlets, the gazetteer's places and the
lexicon's phrases (reporting verbs, hedges, casualty words ...). The rest is
plain Python over the matches of each sentence:

1. *Frames*: a reporting verb ("said", "claimed", "stated") with its speaker (a
   registry mention, an anonymous group, a pronoun resolved to the last named
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

import hashlib
import logging
import re
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.dates import resolve_event_date
from features.numbers import DEFAULT_OUTCOMES, VAGUE, find_quantities
from features.schemas import CAMP_UNKNOWN, Articles, BlackoutEvents, Claims
from features.theatre import TheatrePack

log = logging.getLogger(__name__)

PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_GROUP = {"they", "it", "we"}
BACK_REFERENCES = {
    "the spokesman", "the spokesperson", "the spokeswoman", "the group", "the agency", "the official", "the ministry",
    "the organisation", "the organization", "the statement", "the report", "the commander", "the source",
}
PASSIVE_SPEAKER = "unnamed sources"
# Lexicon categories read elsewhere (numbers.py handles approximators; the specificity family counts units).
UNMATCHED_CATEGORIES = {"approximator", "combatant", "unit"}
FACT_CATEGORIES = {"casualty", "capture", "territory", "combat", "materiel_action", "communications", "negotiation", "blackout"}
MATERIEL_ACTIONS = {"destroyed", "destroying", "seized", "shot down", "downed", "captured", "seizing", "destroy"}
_QUOTES = "\"“”"
_NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|dozens|scores|hundreds|thousands)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]")


def _paragraph_boundaries(doc):
    """Start a sentence after every line break: headlines and paragraphs lack a final full stop."""
    from spacy.attrs import IS_SPACE, ORTH

    if len(doc) < 2:
        return doc
    strings = doc.vocab.strings
    for index, (is_space, orth) in enumerate(doc.to_array([IS_SPACE, ORTH]).tolist()[:-1]):
        if is_space and "\n" in strings[orth]:
            doc[index + 1].is_sent_start = True
    return doc


class _Toks:
    """Token attributes of one doc as plain lists: cheaper than creating spaCy ``Token`` objects."""

    __slots__ = ("text", "idx", "length", "alpha", "punct", "space", "title", "sent_start", "lower", "n")

    def __init__(self, doc, text: str):
        from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, LENGTH, SENT_START

        self.text = text
        columns = doc.to_array([IDX, LENGTH, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_TITLE, SENT_START]).T.tolist() if len(doc) else [[]] * 7
        self.idx, self.length, self.alpha, self.punct, self.space, self.title, starts = columns
        self.sent_start = [start == 1 for start in starts]
        self.lower = [text[i:i + n].lower() for i, n in zip(self.idx, self.length)]
        self.n = len(self.idx)

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
        starts = [i for i, flag in enumerate(self.sent_start) if flag or i == 0]
        return [(start, starts[k + 1] if k + 1 < len(starts) else self.n) for k, start in enumerate(starts)] if self.n else []


@dataclass
class _Sent:
    start: int
    end: int
    toks: _Toks

    @property
    def text(self) -> str:
        return self.toks.span_text(self.start, self.end)


def _register_components() -> None:
    from spacy.language import Language

    if "claimcred_paragraphs" not in Language.factories:
        Language.component("claimcred_paragraphs", func=_paragraph_boundaries)


# --- the compiled pack -------------------------------------------------------------


@dataclass
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

    _register_components()

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimcred_paragraphs", after="sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels, exact, lower = {}, {}, {}
    entries: dict[tuple[str, str], set[str]] = {}
    for row in pack.sources.itertuples(index=False):
        for alias in [row.name, *row.aliases]:
            entries.setdefault(("S", row.name), set()).add(alias)
    for row in pack.places.itertuples(index=False):
        for alias in [row.name, *row.aliases]:
            entries.setdefault(("P", row.name), set()).add(alias)
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
    return _Compiled(
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


# --- matches per sentence ----------------------------------------------------------


@dataclass
class _Hit:
    kind: str  # S, P, L
    key: str  # canonical name or lexicon category
    start: int  # token index in the doc
    end: int
    text: str


def _doc_hits(spacy_doc, doc: _Toks, compiled: _Compiled) -> list[_Hit]:
    """All accepted matches of a doc: case-checked, longest-first within each kind."""
    hits: list[_Hit] = []
    for match_id, start, end in compiled.matcher(spacy_doc):
        kind, key = compiled.labels[match_id]
        text = doc.span_text(start, end)
        if kind != "L" and not _alias_case_matches(text, compiled.exact_aliases[(kind, key)], compiled.lower_aliases[(kind, key)]):
            continue
        if kind == "L" and not text.islower() and text.lower() in compiled.lower_aliases[(kind, key)] and not doc.sent_start[start]:
            continue  # "States" in "the United States" is not the verb "states"
        if kind == "L" and key == "materiel" and text.lower() in MATERIEL_ACTIONS:
            hits.append(_Hit("L", "materiel_action", start, end, text))
        hits.append(_Hit(kind, key, start, end, text))
    return _longest_per_kind(hits)


def _alias_case_matches(text: str, exact: set[str], lower: set[str]) -> bool:
    """A registry or gazetteer alias matches as written, or with a sentence-initial capital ('The Reds')."""
    return text in exact or text.lower() in lower or (text[:1].lower() + text[1:]) in exact


def _longest_per_kind(hits: list[_Hit]) -> list[_Hit]:
    kept: list[_Hit] = []
    groups: dict[str, list[_Hit]] = {}
    for hit in hits:
        group = hit.kind if hit.kind != "L" else "L:" + hit.key
        groups.setdefault(group, []).append(hit)
    for group_hits in groups.values():
        taken: list[_Hit] = []
        for hit in sorted(group_hits, key=lambda h: (-(h.end - h.start), h.start)):
            if all(hit.end <= other.start or hit.start >= other.end for other in taken):
                taken.append(hit)
        kept.extend(taken)
    # a speaker mention and an anonymous-group phrase on the same words: the registry wins
    sources = [hit for hit in kept if hit.kind == "S"]
    kept = [
        hit for hit in kept
        if not (hit.kind == "L" and hit.key == "anonymous_group" and any(hit.start < s.end and s.start < hit.end for s in sources))
    ]
    return sorted(kept, key=lambda h: (h.start, -h.end))


# --- frames ------------------------------------------------------------------------


@dataclass
class _Speaker:
    name: str
    camp: str
    anonymous: bool
    kind: str  # person, organisation, outlet, group, pronoun-resolved


@dataclass
class _Frame:
    verb_start: int  # token indices (doc-level)
    verb_end: int
    verb_text: str
    speaker: _Speaker
    left: int  # first token of the frame (speaker start or verb start)
    right: int  # token after the frame (verb end or speaker end for inverted frames)
    kind: str  # reported, according_to
    inherited: bool = False
    date: pd.Timestamp | None = None


@dataclass
class _ArticleState:
    last_person: _Speaker | None = None
    last_any: _Speaker | None = None


def _speaker_from_hit(hit: _Hit, compiled: _Compiled) -> _Speaker:
    if hit.kind == "S":
        info = compiled.sources[hit.key]
        if info["kind"] == "group" or info["anonymous"]:
            return _Speaker(hit.text, info["camp"], True, "group")
        return _Speaker(hit.key, info["camp"], False, info["kind"])
    return _Speaker(hit.text.lower(), CAMP_UNKNOWN, True, "group")


def _is_speaker_hit(hit: _Hit) -> bool:
    return hit.kind == "S" or (hit.kind == "L" and hit.key == "anonymous_group")


def _find_frames(sent, hits: list[_Hit], compiled: _Compiled, state: _ArticleState) -> list[_Frame]:
    """Reporting frames of one sentence, in order."""
    speakers = [hit for hit in hits if _is_speaker_hit(hit)]
    passive_spans = [(hit.start, hit.end) for hit in hits if hit.kind == "L" and hit.key == "passive"]
    frames: list[_Frame] = []
    for hit in hits:
        if hit.kind != "L" or hit.key not in ("reporting_verb", "according_to"):
            continue
        if any(start <= hit.start < end for start, end in passive_spans):
            continue
        if frames and hit.start < frames[-1].right:
            continue
        frame = _according_frame(hit, speakers, compiled) if hit.key == "according_to" else _reported_frame(sent, hit, speakers, frames, compiled, state)
        if frame is not None:
            frames.append(frame)
            if not frame.speaker.anonymous and frame.speaker.kind != "outlet":
                state.last_any = frame.speaker
                if frame.speaker.kind == "person":
                    state.last_person = frame.speaker
    return frames


def _according_frame(hit: _Hit, speakers: list[_Hit], compiled: _Compiled) -> _Frame | None:
    after = [s for s in speakers if hit.end <= s.start <= hit.end + 2]
    if not after:
        return None
    speaker_hit = after[0]
    return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(speaker_hit, compiled), hit.start, speaker_hit.end, "according_to")


def _reported_frame(sent, hit: _Hit, speakers: list[_Hit], frames: list[_Frame], compiled: _Compiled, state: _ArticleState) -> _Frame | None:
    doc = sent.toks
    lower_bound = frames[-1].right if frames else sent.start
    before = [s for s in speakers if lower_bound <= s.start and s.end <= hit.start and hit.start - s.end <= 6 and not _crosses_clause(doc, s.end, hit.start)]
    if before:
        speaker_hit = before[-1]
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(speaker_hit, compiled), speaker_hit.start, hit.end, "reported")
    pronoun = _pronoun_before(doc, hit.start, lower_bound, state)
    if pronoun is not None:
        speaker, start = pronoun
        return _Frame(hit.start, hit.end, hit.text, speaker, start, hit.end, "reported")
    if hit.text.lower().endswith("ing") and frames and _previous_is_comma(doc, hit.start, lower_bound):
        previous = frames[-1]
        return _Frame(hit.start, hit.end, hit.text, previous.speaker, hit.start, hit.end, "reported", inherited=True)
    after = [s for s in speakers if hit.end <= s.start <= hit.end + 1]
    if after:
        speaker_hit = after[0]
        return _Frame(hit.start, hit.end, hit.text, _speaker_from_hit(speaker_hit, compiled), hit.start, speaker_hit.end, "reported")
    proper = _proper_name_before(doc, hit.start, lower_bound)
    if proper is not None:
        start, name = proper
        return _Frame(hit.start, hit.end, hit.text, _Speaker(name, CAMP_UNKNOWN, False, "unknown"), start, hit.end, "reported")
    return None


def _crosses_clause(doc, start: int, end: int) -> bool:
    return any(doc.lower[i] in (",", ";", ":", "(", ")", "that", "and", "but", "which", "who") or doc.lower[i] in _QUOTES for i in range(start, end))


def _previous_is_comma(doc, index: int, lower_bound: int) -> bool:
    return index - 1 >= lower_bound and doc.token(index - 1) in (",", ";")


def _pronoun_before(doc, index: int, lower_bound: int, state: _ArticleState) -> tuple[_Speaker, int] | None:
    for position in range(index - 1, max(index - 4, lower_bound - 1), -1):
        lower = doc.lower[position]
        if lower in PRONOUNS_PERSON and state.last_person is not None:
            return state.last_person, position
        if lower in PRONOUNS_GROUP and state.last_any is not None:
            return state.last_any, position
        if position >= 1 and f"{doc.lower[position - 1]} {lower}" in BACK_REFERENCES and state.last_any is not None:
            return state.last_any, position - 1
        if not (doc.alpha[position] and lower == doc.token(position)) or lower in ("that", "and", "but", "which"):
            return None
    return None


def _proper_name_before(doc, index: int, lower_bound: int) -> tuple[int, str] | None:
    """A run of capitalised words right before the verb ('the Independent Doctors Association said')."""
    position = index - 1
    while position >= lower_bound and doc.title[position] and not doc.sent_start[position]:
        position -= 1
    start = position + 1
    if start >= index or index - start > 6:
        return None
    return start, doc.span_text(start, index)


# --- claims from a sentence --------------------------------------------------------


@dataclass
class _Segment:
    start: int  # token indices of the asserted content
    end: int
    frame: _Frame | None
    lead_start: int | None = None  # start of the frame words before the content ("stated on Wednesday that")


SUBORDINATORS = {"while", "although", "though", "whereas"}


def _segments(sent, frames: list[_Frame]) -> list[_Segment]:
    """Split a sentence into asserted-content segments: one per frame plus the outlet's own text."""
    doc = sent.toks
    segments: list[_Segment] = []
    boundary = sent.start
    subordinate = doc.lower[sent.start] in SUBORDINATORS
    for index, frame in enumerate(frames):
        next_left = frames[index + 1].left if index + 1 < len(frames) else sent.end
        after_words = _n_words(doc, frame.right, next_left)
        if after_words >= 3 and not (frame.kind == "according_to" and frame.left > boundary and _n_words(doc, boundary, frame.left) >= 3):
            if frame.left > boundary and _n_words(doc, boundary, frame.left) >= 3:
                segments.append(_Segment(boundary, frame.left, None))
            end = next_left
            if subordinate and index == 0:
                end = _first_comma(doc, frame.right, next_left) or next_left
            segments.append(_Segment(_after_that(doc, frame.right, end), end, frame, lead_start=frame.left))
            boundary = end
        else:
            segments.append(_Segment(boundary, frame.left, frame))
            boundary = frame.right
    if boundary < sent.end and _n_words(doc, boundary, sent.end) >= 3:
        segments.append(_Segment(boundary, sent.end, None))
    return segments


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
        if doc.lower[index] == "that":
            return index + 1
        if doc.token(index) in (",", ";", ":") or doc.token(index) in _QUOTES:
            break
    return start


def _n_words(doc, start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if doc.alpha[i])


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading 'that', punctuation and conjunctions, and trailing punctuation, from a segment."""
    while start < end and (doc.punct[start] or doc.lower[start] in ("that", "and", "but", "while", "with", "as", "though", "although") or doc.space[start]):
        start += 1
    while end > start and (doc.punct[end - 1] or doc.space[end - 1] or doc.lower[end - 1] in ("and", "with", "as", "while")):
        end -= 1
    return start, end


def _segment_claim(doc, segment: _Segment, hits: list[_Hit], article: dict, compiled: _Compiled, sent, sentence_index: int, previous_frame_dates: dict) -> dict | None:
    start, end = _trim(doc, segment.start, segment.end)
    if _n_words(doc, start, end) < 3:
        return None
    inside = [hit for hit in hits if start <= hit.start and hit.end <= end]
    categories = {hit.key for hit in inside if hit.kind == "L"}
    char_start, char_end = doc.idx[start], doc.idx[end - 1] + doc.length[end - 1]
    text = doc.text[char_start:char_end]
    quantities = find_quantities(text, compiled.outcomes, offset=char_start) if _NUMBERISH.search(text) else []
    frame = segment.frame
    passive = [hit for hit in hits if hit.kind == "L" and hit.key == "passive" and segment.start <= hit.start < segment.end]
    if frame is None and not _is_checkable(categories, quantities, text):
        return None
    speaker, attribution_value = _speaker_and_attribution(frame, passive, doc, min(segment.start, start), end, article, compiled)
    frame_text = "" if frame is None else doc.span_text(min(frame.left, frame.verb_start), max(frame.right, frame.verb_end, segment.start))
    event = event_date(text, frame_text, article.get("day", article["published"]))
    if frame is not None:
        if event is None and frame.inherited:
            event = previous_frame_dates.get(id(frame.speaker))
        previous_frame_dates[id(frame.speaker)] = event
    places = _places(inside)
    return {
        Claims.claim_id: claim_id(article["article_id"], char_start, char_end),
        Claims.article_id: article["article_id"],
        Claims.outlet: article["outlet"],
        Claims.published: article["published"],
        Claims.text: text,
        Claims.sentence: sent.text,
        Claims.sentence_index: sentence_index,
        Claims.span_start: char_start,
        Claims.span_end: char_end,
        Claims.speaker: speaker.name,
        Claims.speaker_camp: speaker.camp,
        Claims.anonymous: speaker.anonymous,
        Claims.attribution: attribution_value,
        Claims.reporting_verb: reporting_verb(frame, passive),
        Claims.hedges: hedges(hits, segment, frame),
        Claims.quantities: [{k: q[k] for k in ("value", "value_max", "counts", "approximator", "text")} for q in quantities],
        Claims.places: places,
        Claims.event_date: event,
        Claims.claim_type: claim_type(categories, quantities, places),
    }


def _is_checkable(categories: set[str], quantities: list[dict], text: str) -> bool:
    """Own text is a claim when it carries a checkable fact and is not mere commentary."""
    has_fact = bool(categories & FACT_CATEGORIES) or any(q["counts"] for q in quantities)
    if not has_fact:
        return False
    if "commentary" in categories and not quantities:
        return False
    return sum(1 for char in text if char.islower()) >= 10


def _speaker_and_attribution(frame, passive, doc, start: int, end: int, article: dict, compiled: _Compiled) -> tuple[_Speaker, str]:
    if frame is None:
        if passive:
            return _Speaker(PASSIVE_SPEAKER, CAMP_UNKNOWN, True, "group"), "passive"
        return outlet_speaker(article["outlet"], compiled), "own_assertion"
    if frame.kind == "according_to":
        return frame.speaker, "according_to"
    if frame.kind == "quote":
        return frame.speaker, "direct_quote"
    return frame.speaker, attribution(doc, start, end)


def outlet_speaker(outlet: str, compiled: _Compiled) -> _Speaker:
    """The publishing outlet as the speaker of its own assertions, with its registry camp."""
    canonical = compiled.outlets.get(str(outlet).lower())
    if canonical is None:
        return _Speaker(str(outlet), CAMP_UNKNOWN, False, "outlet")
    return _Speaker(canonical, compiled.sources[canonical]["camp"], False, "outlet")


def attribution(doc, start: int, end: int) -> str:
    """direct_quote when the content holds a quotation of three or more words, else reported_speech."""
    last = min(end, doc.n - 1)
    text = doc.text[doc.idx[start]:doc.idx[last] + doc.length[last]]
    for quoted in re.findall(r"[\"“]([^\"“”]+)(?:[\"”]|$)", text):
        if len(quoted.split()) >= 3:
            return "direct_quote"
    return "reported_speech"


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


def _places(inside: list[_Hit]) -> list[str]:
    names: list[str] = []
    for hit in inside:
        if hit.kind == "P" and hit.key not in names:
            names.append(hit.key)
    return names


def event_date(text: str, frame_text: str, published) -> pd.Timestamp | None:
    """The claim's own date expression, else the frame's ('stated on Wednesday'), resolved against published."""
    resolved = resolve_event_date(text, published)
    if resolved is None and frame_text:
        resolved = resolve_event_date(frame_text, published)
    return resolved


def claim_type(categories: set[str], quantities: list[dict], places: list[str]) -> str:
    """First matching type: casualties, captures/territory, materiel, communications, negotiation, territory, stance, other."""
    outcomes = " ".join(q["counts"] for q in quantities)
    if "casualty" in categories or re.search(r"\b(killed|injured|casualties)\b", outcomes):
        return "casualties"
    if "capture" in categories:
        return "territory" if places and "territory" in categories else "captures"
    if "materiel_action" in categories or re.search(r"\b(destroyed|seized)\b", outcomes):
        return "materiel"
    if "territory" in categories:
        return "territory"
    if "communications" in categories or "blackout" in categories:
        return "communications"
    if "negotiation" in categories:
        return "negotiation"
    if "stance" in categories:
        return "stance"
    if "combat" in categories:
        return "territory"
    return "other"


def claim_id(article_id: str, span_start: int, span_end: int) -> str:
    """Stable id: first 16 hex digits of SHA-256 over article id and span."""
    return hashlib.sha256(f"{article_id}:{span_start}:{span_end}".encode()).hexdigest()[:16]


# --- public entry points -----------------------------------------------------------


def _claim_rows(spacy_doc, text: str, article: dict, compiled: _Compiled) -> list[dict]:
    doc = _Toks(spacy_doc, text)
    hits_all = _doc_hits(spacy_doc, doc, compiled)
    state = _ArticleState()
    rows: list[dict] = []
    frame_dates: dict = {}
    open_quote: _Frame | None = None
    position = 0
    for sentence_index, (sent_start, sent_end) in enumerate(doc.sentences()):
        sent = _Sent(sent_start, sent_end, doc)
        while position < len(hits_all) and hits_all[position].start < sent.start:
            position += 1
        hits = []
        scan = position
        while scan < len(hits_all) and hits_all[scan].start < sent.end:
            if hits_all[scan].end <= sent.end:
                hits.append(hits_all[scan])
            scan += 1
        frames = _find_frames(sent, hits, compiled, state)
        if not frames and open_quote is not None:
            frames = [_Frame(sent.start, sent.start, open_quote.verb_text, open_quote.speaker, sent.start, sent.start, "quote", inherited=True)]
        open_quote = frames[-1] if frames and _opens_quote(sent.text) else None
        for segment in _segments(sent, frames):
            row = _segment_claim(doc, segment, hits, article, compiled, sent, sentence_index, frame_dates)
            if row is not None:
                rows.append(row)
    return rows


def _opens_quote(text: str) -> bool:
    """The sentence leaves a quotation open (it continues into the next sentence)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


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
    records = articles[[Articles.article_id, Articles.outlet, Articles.published, Articles.text]].to_dict("records")
    rows: list[dict] = []
    for doc, record in zip(compiled.nlp.pipe(record[Articles.text] for record in records), records):
        published = record[Articles.published]
        article = {"article_id": record[Articles.article_id], "outlet": record[Articles.outlet], "published": None if pd.isna(published) else published}
        article["day"] = None if article["published"] is None else pd.Timestamp(article["published"]).tz_convert("UTC").normalize()
        rows.extend(_claim_rows(doc, record[Articles.text], article, compiled))
    log.info("extracted %d claims from %d articles with pack %s", len(rows), len(records), pack.name)
    return _claims_frame(rows, pack.name)


def _claims_frame(rows: list[dict], theatre: str) -> pd.DataFrame:
    columns = list(Claims.to_schema().columns)
    frame = pd.DataFrame(rows, columns=[c for c in columns if c != Claims.theatre])
    frame.insert(columns.index(Claims.theatre), Claims.theatre, theatre)
    for column in (Claims.published, Claims.event_date):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in (Claims.sentence_index, Claims.span_start, Claims.span_end):
        frame[column] = frame[column].astype("int64")
    frame[Claims.anonymous] = frame[Claims.anonymous].astype(bool)
    frame[Claims.reporting_verb] = frame[Claims.reporting_verb].astype(object)
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
    for doc, record in zip(compiled.nlp.pipe(record[Articles.text] for record in records), records):
        rows.extend(_blackout_rows(doc, record, compiled))
    frame = pd.DataFrame(rows, columns=list(BlackoutEvents.to_schema().columns))
    for column in (BlackoutEvents.start, BlackoutEvents.partial_restoration, BlackoutEvents.end):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
    for column in (BlackoutEvents.event_id, BlackoutEvents.region, BlackoutEvents.source, BlackoutEvents.evidence):
        frame[column] = frame[column].astype(str)
    return frame.drop_duplicates(subset=[BlackoutEvents.event_id]).reset_index(drop=True)


def _blackout_rows(spacy_doc, record: dict, compiled: _Compiled) -> list[dict]:
    published = record[Articles.published]
    published = None if pd.isna(published) else published
    doc = _Toks(spacy_doc, record[Articles.text])
    hits = _doc_hits(spacy_doc, doc, compiled)
    events: list[dict] = []
    last_place: str | None = None
    for sent_start, sent_end in doc.sentences():
        sent = _Sent(sent_start, sent_end, doc)
        inside = [hit for hit in hits if sent.start <= hit.start and hit.end <= sent.end]
        places = _places(inside)
        keys = {hit.key for hit in inside if hit.kind == "L"}
        if places:
            last_place = _region_of(places, compiled)
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
