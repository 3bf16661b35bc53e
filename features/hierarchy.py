"""Lookups over a theatre pack shared by the feature families.

Gazetteer hierarchy (ancestors, neighbours, top region), the source registry
(name or alias -> row) and lexicon phrase lists. Everything here is derived from
the pack tables only and cached per pack object, so the feature families stay
pure and cheap to call many times.
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from features.schemas import CAMP_UNKNOWN, PackCamps, PackLexicon, PackPlaces, PackSources
from features.theatre import TheatrePack

logger = logging.getLogger(__name__)

_NON_WORD = re.compile(r"[^\w]+")


def normalise_name(name: object) -> str:
    """Lower-case, fold punctuation and whitespace: 'Al-Manar ' -> 'al manar'."""
    if not isinstance(name, str):
        return ""
    return _NON_WORD.sub(" ", name.lower()).strip()


def _as_list(cell: object) -> list:
    if isinstance(cell, (list, tuple)):
        return list(cell)
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    if isinstance(cell, str):
        return [part.strip() for part in cell.split("|") if part.strip()]
    return list(cell)


class PackIndex:
    """Derived lookups of one pack; build with :func:`pack_index` (cached)."""

    def __init__(self, pack: TheatrePack) -> None:
        self.pack = pack
        places = pack.places
        self.place_parent: dict[str, str | None] = {}
        self.place_neighbours: dict[str, set[str]] = {}
        self.place_by_alias: dict[str, str] = {}
        for name, parent, neighbours, aliases in zip(
            places[PackPlaces.name], places[PackPlaces.parent], places[PackPlaces.neighbours], places[PackPlaces.aliases]
        ):
            self.place_parent[name] = parent if isinstance(parent, str) and parent else None
            self.place_neighbours[name] = set(_as_list(neighbours))
            for alias in [name, *_as_list(aliases)]:
                self.place_by_alias.setdefault(normalise_name(alias), name)
        self._ancestors: dict[str, tuple[str, ...]] = {}

        camps = pack.camps
        self.camp_is_party: dict[str, bool] = dict(zip(camps[PackCamps.camp], camps[PackCamps.is_party].astype(bool)))
        self.camp_opponents: dict[str, set[str]] = {
            camp: set(_as_list(opponents)) for camp, opponents in zip(camps[PackCamps.camp], camps[PackCamps.opponents])
        }
        # Opposition is symmetric even when a pack lists it one way only.
        for camp, opponents in list(self.camp_opponents.items()):
            for other in opponents:
                self.camp_opponents.setdefault(other, set()).add(camp)

        sources = pack.sources
        self.source_by_alias: dict[str, dict] = {}
        self.outlet_by_alias: dict[str, dict] = {}
        for row in sources.to_dict("records"):
            keys = [row[PackSources.name], *_as_list(row[PackSources.aliases])]
            for key in keys:
                norm = normalise_name(key)
                if not norm:
                    continue
                self.source_by_alias.setdefault(norm, row)
                if row[PackSources.kind] == "outlet":
                    self.outlet_by_alias.setdefault(norm, row)

    # --- gazetteer -------------------------------------------------------------------
    def canonical_place(self, name: str) -> str | None:
        """Canonical gazetteer name of a place or alias; None when unknown."""
        if name in self.place_parent:
            return name
        return self.place_by_alias.get(normalise_name(name))

    def ancestors(self, place: str) -> tuple[str, ...]:
        """The place and its parent chain up to the root (cycle-safe); unknown places give (place,)."""
        cached = self._ancestors.get(place)
        if cached is not None:
            return cached
        chain: list[str] = []
        current: str | None = self.canonical_place(place) or place
        while current is not None and current not in chain:
            chain.append(current)
            current = self.place_parent.get(current)
        result = tuple(chain)
        self._ancestors[place] = result
        return result

    def is_root(self, place: str) -> bool:
        """True for places with no parent (countries) and for places unknown to the gazetteer."""
        canonical = self.canonical_place(place)
        return canonical is None or self.place_parent.get(canonical) is None

    def top_region(self, place: str) -> str:
        """The highest non-root ancestor (province/governorate level); the place itself when it is a root."""
        chain = self.ancestors(place)
        non_root = [name for name in chain if not self.is_root(name)]
        return non_root[-1] if non_root else chain[-1]

    def neighbours(self, place: str) -> set[str]:
        """Adjacent places of the place and of each of its ancestors (symmetric closure not assumed)."""
        result: set[str] = set()
        for name in self.ancestors(place):
            result |= self.place_neighbours.get(name, set())
        return result

    # --- registry ----------------------------------------------------------------------
    def source(self, name: object) -> dict | None:
        """Registry row for a source name or alias; None when not registered."""
        return self.source_by_alias.get(normalise_name(name))

    def outlet(self, name: object) -> dict | None:
        """Registry row of kind 'outlet' for an outlet id or alias; None when not registered."""
        return self.outlet_by_alias.get(normalise_name(name))

    def is_party(self, camp: object) -> bool:
        """The camp is a party to the conflict (unknown camps are not)."""
        return bool(self.camp_is_party.get(camp, False)) if isinstance(camp, str) and camp != CAMP_UNKNOWN else False

    def opponents(self, camp: object) -> set[str]:
        """Camps the given camp fights; empty for neutral or unknown camps."""
        return self.camp_opponents.get(camp, set()) if isinstance(camp, str) else set()

    # --- lexicon ------------------------------------------------------------------------
    def phrases(self, category: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Lexicon phrases of a category, lower-cased; ``default`` when the pack has none."""
        lexicon = self.pack.lexicon
        found = lexicon.loc[lexicon[PackLexicon.category] == category, PackLexicon.phrase]
        phrases = tuple(sorted({phrase.lower().strip() for phrase in found if isinstance(phrase, str) and phrase.strip()}))
        return phrases or tuple(default)

    def phrase_notes(self, category: str) -> dict[str, str]:
        """Lexicon phrase -> note for a category (e.g. combatant word -> camp id)."""
        lexicon = self.pack.lexicon
        rows = lexicon.loc[lexicon[PackLexicon.category] == category]
        return {
            phrase.lower().strip(): note.strip()
            for phrase, note in zip(rows[PackLexicon.phrase], rows[PackLexicon.note])
            if isinstance(phrase, str) and isinstance(note, str) and note.strip()
        }


_INDEX_CACHE: dict[int, tuple[TheatrePack, PackIndex]] = {}
_INDEX_CACHE_SIZE = 32


def pack_index(pack: TheatrePack) -> PackIndex:
    """The cached :class:`PackIndex` of a pack (packs are frozen, so caching by identity is safe)."""
    cached = _INDEX_CACHE.get(id(pack))
    if cached is not None and cached[0] is pack:
        return cached[1]
    if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    index = PackIndex(pack)
    _INDEX_CACHE[id(pack)] = (pack, index)
    return index


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern | None:
    """One case-insensitive regex matching any phrase on word boundaries, longest first; None for no phrases."""
    cleaned = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in cleaned)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)
