"""A theatre pack in memory: the data that describes one conflict.

Files are read by ``flows/packs.py``; this module only holds and validates the
tables, so ``features/`` never touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from features.schemas import BlackoutEvents, PackCamps, PackLexicon, PackPlaces, PackSources


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
