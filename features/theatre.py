"""A theatre pack in memory: the data that describes one conflict.

Files are read by ``flows/packs.py``; this module only holds and validates the
tables, so ``features/`` never touches the disk.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import pandas as pd

from features.schemas import BlackoutEvents, PackCamps, PackLexicon, PackPlaces, PackSources

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TheatrePack:
    """One theatre: registry, gazetteer, blackouts and lexicon, each a validated frame."""

    name: str
    version: str
    description: str
    camps: pd.DataFrame  # PackCamps
    sources: pd.DataFrame  # PackSources
    places: pd.DataFrame  # PackPlaces
    blackouts: pd.DataFrame  # BlackoutEvents
    lexicon: pd.DataFrame  # PackLexicon

    @classmethod
    def from_tables(cls, name: str, version: str, description: str, **tables: pd.DataFrame) -> TheatrePack:
        """Validate each table against its schema and build the pack.

        Raises:
            ValueError: a table fails its schema; the message names the pack and table.
        """
        schemas = {"camps": PackCamps, "sources": PackSources, "places": PackPlaces, "blackouts": BlackoutEvents, "lexicon": PackLexicon}
        validated = {}
        for table, schema in schemas.items():
            try:
                validated[table] = schema.validate(tables[table], lazy=True)
            except KeyError:
                raise ValueError(f"theatre pack {name!r}: table {table!r} is missing") from None
            except Exception as error:  # pandera's SchemaErrors: re-raise as one clear line
                raise ValueError(f"theatre pack {name!r}: table {table!r} is invalid: {error}".splitlines()[0]) from error
        return cls(name=name, version=version, description=description, **validated)


_PLACE_PATTERNS: dict[tuple[str, str, int], re.Pattern] = {}


def _place_pattern(pack: TheatrePack) -> re.Pattern:
    """One compiled regex of every gazetteer name and alias of ``pack`` (cached per pack)."""
    key = (pack.name, pack.version, id(pack.places))
    if key not in _PLACE_PATTERNS:
        names = {str(name) for name in pack.places["name"]}
        for aliases in pack.places["aliases"]:
            names.update(str(alias) for alias in aliases)
        alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True) if name)
        _PLACE_PATTERNS[key] = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)") if alternatives else re.compile(r"(?!x)x")
    return _PLACE_PATTERNS[key]


def pick_theatre(text: str, packs: list[TheatrePack]) -> str:
    """Name of the pack whose gazetteer the text names most often; the first pack on a tie or no hit.

    Args:
        text: article text (or several articles joined).
        packs: candidate packs, in order of preference.

    Raises:
        ValueError: ``packs`` is empty.
    """
    if not packs:
        raise ValueError("pick_theatre: no theatre packs to choose from; expected at least one under seeds/theatres/")
    counts = [len(_place_pattern(pack).findall(text)) for pack in packs]
    best = max(range(len(packs)), key=lambda index: (counts[index], -index))
    log.debug("pick_theatre: hits per pack %s", dict(zip((pack.name for pack in packs), counts)))
    return packs[best].name
