"""Specificity features: how much checkable detail a claim gives.

| column | type | meaning |
|---|---|---|
| claim_id | str | Claims.claim_id. |
| n_quantities | int | Number of quantities in the claim. |
| n_precise_numbers | int | Quantities that are exact, not round and not a range or vague word (37, 143, "four"). |
| n_round_numbers | int | Round, ranged or vague quantities (40, 100, 35, "10-15", "dozens", "hundreds"). |
| n_named_places | int | Distinct gazetteer places named in the claim. |
| n_named_units | int | Named military units and materiel (lexicon categories unit and materiel: "Humvees", "brigade"). |
| n_times | int | Time expressions ("on Wednesday", "over the past 40 hours", "last week", "at dawn"). |
| n_named_people | int | Named people: registry persons and capitalised names after a role word ("spokesperson Fahim Dashty"). |
| n_approximators | int | Approximators on quantities ("at least", "around", "about"). |
| n_hedges | int | Distinct hedges on the claim ("said to", "reportedly", "some accounts claim"). |
| specificity_score | float | Bounded summary in [0, 1]: detail saturating, discounted by vagueness; formula in docs/features.md. |

A number is **round** when it is 10 or more and a multiple of 5·10^(d−2), d its number of
digits (multiples of 5 below 100, of 50 below 1000, of 500 below 10 000, ...), when it is a
range (value_max set) or when the quantity is a vague word ("dozens", "scores", "hundreds");
whole numbers below 10 and everything else are **precise**.

**specificity_score** = (1 − exp(−detail / 3)) · exp(−vagueness / 3), where
detail = n_precise_numbers + 0.5·n_round_numbers + n_named_places + n_named_units
+ 0.5·n_times + 0.5·n_named_people and vagueness = 0.5·n_approximators + 0.75·n_hedges.
A claim with no detail scores 0; a score above 0.9 needs about seven units of detail and no
hedges. Specificity is evidence, not proof (partisan sources inflate precision), so the raw
counts stay columns for the model to combine with partisanship.
"""

from __future__ import annotations

import logging
import math
import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame

from features.hierarchy import PackIndex, pack_index, phrase_pattern
from features.schemas import Claims, PackSources, SpecificityFeatures
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)

VAGUE_WORDS = re.compile(r"\b(?:dozens|scores|hundreds|thousands|tens|several|many|numerous|a few|a number of|multiple)\b", re.IGNORECASE)
DEFAULT_UNITS = (
    "brigade", "battalion", "division", "regiment", "company", "tank", "tanks", "helicopter", "helicopters", "humvee", "humvees",
    "artillery", "jets", "warplanes", "drones", "drone", "armoured vehicles", "pickup trucks", "rockets", "mortars", "barrel bombs",
)
DEFAULT_HEDGES = ("reportedly", "said to", "allegedly", "apparently", "some accounts", "unconfirmed", "it is believed", "rumoured")
DEFAULT_APPROXIMATORS = ("at least", "around", "about", "approximately", "nearly", "almost", "more than", "over", "up to", "some", "roughly")
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
TIME_EXPRESSIONS = re.compile(
    "|".join(
        [
            rf"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?{_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?\b",
            rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:\s+\d{{4}})?\b",
            r"\b\d{4}-\d{2}-\d{2}\b",
            r"\b\d{1,2}:\d{2}\b",
            r"\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am|pm)\b",
            r"\b(?:yesterday|today|tonight|overnight|last\s+night|at\s+dawn|at\s+dusk|at\s+noon|at\s+midnight)\b",
            r"\b(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|weekend|month|morning|afternoon|evening|year)\b",
            r"\bover\s+the\s+(?:weekend|past\s+(?:\d+|\w+)\s+(?:hours|days|weeks|months))\b",
            r"\b(?:in|within|for)\s+the\s+(?:past|last|early)\s+(?:\d+\s+|\w+\s+)?(?:hours|days|weeks)\b",
        ]
    ),
    re.IGNORECASE,
)
ROLE_WORDS = (
    "spokesperson", "spokesman", "spokeswoman", "leader", "commander", "minister", "president", "general", "gen", "colonel", "col",
    "head", "chief", "governor", "mayor", "envoy", "ambassador", "official", "dr", "mr", "mrs", "ms", "sheikh", "emir", "founder",
)
_ROLE_NAME = re.compile(
    r"\b(?:" + "|".join(ROLE_WORDS) + r")\.?\s+((?:[A-Z][\w'’-]+)(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][\w'’-]+)+)"
)
DETAIL_WEIGHTS = {"n_precise_numbers": 1.0, "n_round_numbers": 0.5, "n_named_places": 1.0, "n_named_units": 1.0, "n_times": 0.5, "n_named_people": 0.5}
VAGUENESS_WEIGHTS = {"n_approximators": 0.5, "n_hedges": 0.75}
SCORE_SCALE = 3.0


def is_round_number(value: float) -> bool:
    """Round by the rule in the module docstring: >= 10 and a multiple of 5·10^(digits−2)."""
    if value is None or not math.isfinite(value) or value != int(value):
        return False
    number = abs(int(value))
    if number < 10:
        return False
    step = 5 * 10 ** (len(str(number)) - 2)
    return number % step == 0


def _quantity_is_round(quantity: dict) -> bool:
    value = quantity.get("value")
    value_max = quantity.get("value_max")
    if value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max)):
        return True
    if VAGUE_WORDS.search(str(quantity.get("text") or "")):
        return True
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return is_round_number(float(value))


def _as_list(cell: object) -> list:
    return list(cell) if isinstance(cell, (list, tuple, np.ndarray)) else []


def _per_distinct(texts: pd.Series, function) -> list:
    """``function(text)`` for each text, computed once per distinct text (repeated sentences and wire copy)."""
    table: dict = {}
    return [table[text] if text in table else table.setdefault(text, function(text)) for text in texts.to_numpy(dtype=object)]


def _count_matches(texts: pd.Series, pattern: re.Pattern | None) -> pd.Series:
    if pattern is None:
        return pd.Series(0, index=texts.index, dtype=int)
    counts = _per_distinct(texts, lambda text: len(pattern.findall(text)) if isinstance(text, str) else 0)
    return pd.Series(counts, index=texts.index, dtype=int)


# --- one function per output column -------------------------------------------------


def n_quantities(quantities: pd.Series) -> pd.Series:
    """Number of quantities in the claim."""
    return quantities.map(lambda cell: len(_as_list(cell))).astype(int)


def n_round_numbers(quantities: pd.Series) -> pd.Series:
    """Round, ranged or vague quantities."""
    return quantities.map(lambda cell: sum(_quantity_is_round(q) for q in _as_list(cell) if isinstance(q, dict))).astype(int)


def n_precise_numbers(n_quantities: pd.Series, n_round_numbers: pd.Series) -> pd.Series:
    """Quantities that are exact and not round."""
    return (n_quantities - n_round_numbers).clip(lower=0).astype(int)


def n_named_places(places: pd.Series) -> pd.Series:
    """Distinct gazetteer places named in the claim."""
    return places.map(lambda cell: len(set(_as_list(cell)))).astype(int)


def n_named_units(text: pd.Series, index: PackIndex) -> pd.Series:
    """Named units and materiel from the lexicon (categories unit, materiel)."""
    phrases = index.phrases("unit") + index.phrases("materiel")
    return _count_matches(text, phrase_pattern(phrases or DEFAULT_UNITS))


def n_times(text: pd.Series) -> pd.Series:
    """Time expressions in the claim."""
    return _count_matches(text, TIME_EXPRESSIONS)


def n_named_people(text: pd.Series, index: PackIndex) -> pd.Series:
    """Registry persons plus capitalised names after a role word, counted once each."""
    persons = [name for name, row in index.source_by_alias.items() if row[PackSources.kind] == "person"]
    pattern = phrase_pattern(persons)

    def count(value: object) -> int:
        if not isinstance(value, str):
            return 0
        found = {index.source(match.group(0))[PackSources.name] for match in pattern.finditer(value)} if pattern else set()
        for match in _ROLE_NAME.finditer(value):
            row = index.source(match.group(1))
            found.add(row[PackSources.name] if row else match.group(1))
        return len(found)

    return pd.Series(_per_distinct(text, count), index=text.index, dtype=int)


def n_approximators(quantities: pd.Series, text: pd.Series, index: PackIndex) -> pd.Series:
    """Approximators on quantities, or approximator phrases in the text when larger."""
    on_quantities = quantities.map(lambda cell: sum(bool(q.get("approximator")) for q in _as_list(cell) if isinstance(q, dict))).astype(int)
    in_text = _count_matches(text, phrase_pattern(index.phrases("approximator", DEFAULT_APPROXIMATORS)))
    has_quantities = quantities.map(lambda cell: len(_as_list(cell)) > 0)
    return on_quantities.where(has_quantities, 0).combine(in_text.where(has_quantities, 0), max).astype(int)


def n_hedges(hedges: pd.Series, text: pd.Series, index: PackIndex) -> pd.Series:
    """Distinct hedges: the extractor's list plus lexicon hedge phrases in the text."""
    pattern = phrase_pattern(index.phrases("hedge", DEFAULT_HEDGES))

    def in_text(value: object) -> frozenset[str]:
        if pattern is None or not isinstance(value, str):
            return frozenset()
        return frozenset(" ".join(m.group(0).lower().split()) for m in pattern.finditer(value))

    def count(listed: object, found_in_text: frozenset[str]) -> int:
        return len({str(h).lower().strip() for h in _as_list(listed)} | found_in_text)

    return pd.Series([count(h, found) for h, found in zip(hedges, _per_distinct(text, in_text))], index=text.index, dtype=int)


def specificity_score(counts: pd.DataFrame) -> pd.Series:
    """(1 − exp(−detail/3)) · exp(−vagueness/3), in [0, 1]."""
    detail = sum(counts[name] * weight for name, weight in DETAIL_WEIGHTS.items())
    vagueness = sum(counts[name] * weight for name, weight in VAGUENESS_WEIGHTS.items())
    score = (1.0 - np.exp(-detail / SCORE_SCALE)) * np.exp(-vagueness / SCORE_SCALE)
    return pd.Series(np.clip(score, 0.0, 1.0), index=counts.index, dtype=float)


@pa.check_types
def build_specificity_features(claims: DataFrame[Claims], pack: TheatrePack) -> DataFrame[SpecificityFeatures]:
    """Specificity columns for each claim.

    Args:
        claims: extracted claims.
        pack: the theatre pack (lexicon units, materiel, hedges, approximators; registry persons).

    Returns:
        One row per claim, columns of ``SpecificityFeatures``.
    """
    index = pack_index(pack)
    text = claims[Claims.text]
    counts = pd.DataFrame({SpecificityFeatures.claim_id: claims[Claims.claim_id]})
    counts[SpecificityFeatures.n_quantities] = n_quantities(claims[Claims.quantities])
    counts[SpecificityFeatures.n_round_numbers] = n_round_numbers(claims[Claims.quantities])
    counts[SpecificityFeatures.n_precise_numbers] = n_precise_numbers(counts[SpecificityFeatures.n_quantities], counts[SpecificityFeatures.n_round_numbers])
    counts[SpecificityFeatures.n_named_places] = n_named_places(claims[Claims.places])
    counts[SpecificityFeatures.n_named_units] = n_named_units(text, index)
    counts[SpecificityFeatures.n_times] = n_times(text)
    counts[SpecificityFeatures.n_named_people] = n_named_people(text, index)
    counts[SpecificityFeatures.n_approximators] = n_approximators(claims[Claims.quantities], text, index)
    counts[SpecificityFeatures.n_hedges] = n_hedges(claims[Claims.hedges], text, index)
    counts[SpecificityFeatures.specificity_score] = specificity_score(counts)
    columns = list(SpecificityFeatures.to_schema().columns)
    logger.debug("specificity features for %d claims", len(counts))
    return counts[columns].reset_index(drop=True)
