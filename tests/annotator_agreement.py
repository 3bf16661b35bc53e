"""Agreement between two annotations of the same key phrases: the ceiling an extractor can reach on a set.

Two annotators label the same (unit_id, key_phrase) rows by ``docs/annotation.md`` without seeing each other's
labels; this prints, per column, the share of rows on which they agree. Where two careful people following one written
guideline disagree on a speaker, an extractor scored against either of them is wrong there whatever it does. Run it::

    PYTHONPATH=$PWD python tests/annotator_agreement.py tests/data/extraction_eval_holdout8.csv \\
        tests/data/agreement_holdout8_second.csv [--disagreements]

Columns are compared as ``tests/extraction_eval.py`` compares an extracted claim with a row: speaker ignoring case,
camp, attribution and claim type exactly, quantities and places as sets, event date exactly. Claim columns are
compared on the rows both call a claim.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extraction_eval import EVAL_COLUMNS, load_eval  # noqa: E402

KEY = ["unit_id", "key_phrase"]
COMPARED = ["speaker", "camp", "attribution", "claim_type", "quantities", "places", "event_date"]


def _normalise(column: str, value: str) -> object:
    """The form in which two annotators' values of ``column`` are compared."""
    if column == "speaker":
        return value.strip().lower()
    if column in ("quantities", "places"):
        return frozenset(item for item in value.split("|") if item)
    return value.strip()


def paired_rows(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """The rows of both annotations side by side (suffixes ``_a`` and ``_b``).

    Raises:
        ValueError: when the two annotations do not label exactly the same (unit_id, key_phrase) rows.
    """
    for name, frame in (("first", first), ("second", second)):
        if list(frame.columns) != EVAL_COLUMNS:
            raise ValueError(f"{name} annotation has columns {list(frame.columns)}, expected {EVAL_COLUMNS}")
    unmatched = set(map(tuple, first[KEY].values)) ^ set(map(tuple, second[KEY].values))
    if unmatched:
        raise ValueError(f"the annotations label different rows, e.g. {sorted(unmatched)[:3]}; both must label the same key phrases")
    return first.merge(second, on=KEY, suffixes=("_a", "_b"), validate="one_to_one")


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> tuple[dict[str, float], pd.DataFrame]:
    """Per-column agreement of two annotations, and the rows with their disagreeing columns.

    Returns:
        ({"is_claim": share, "speaker": share, ..., "rows": n, "both_claims": n}, rows with a ``disagree`` list).
    """
    pairs = paired_rows(first, second)
    both = pairs[(pairs["is_claim_a"] == "true") & (pairs["is_claim_b"] == "true")]
    figures: dict[str, float] = {"rows": len(pairs), "both_claims": len(both), "is_claim": float((pairs["is_claim_a"] == pairs["is_claim_b"]).mean())}
    disagree = pd.Series([[] if a == b else ["is_claim"] for a, b in zip(pairs["is_claim_a"], pairs["is_claim_b"])], index=pairs.index)
    for column in COMPARED:
        same = both.apply(lambda row, c=column: _normalise(c, row[f"{c}_a"]) == _normalise(c, row[f"{c}_b"]), axis=1) if len(both) else pd.Series(dtype=bool)
        figures[column] = float(same.mean()) if len(both) else float("nan")
        for index in same.index[~same]:
            disagree[index] = disagree[index] + [column]
    return figures, pairs.assign(disagree=disagree)


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv if not arg.startswith("--")]
    if len(paths) != 2:
        print("usage: annotator_agreement.py FIRST.csv SECOND.csv [--disagreements]", file=sys.stderr)
        return 2
    figures, pairs = agreement(load_eval(paths[0]), load_eval(paths[1]))
    print(f"{figures['rows']} rows, {figures['both_claims']} that both annotators call a claim")
    for column in ["is_claim", *COMPARED]:
        print(f"{column:<14}{figures[column]:>8.3f}")
    if "--disagreements" in argv:
        for row in pairs[pairs["disagree"].str.len() > 0].to_dict("records"):
            shown = " | ".join(f"{c}: {row[c + '_a']!r} / {row[c + '_b']!r}" for c in row["disagree"])
            print(f"- {row['unit_id']} | {row['key_phrase'][:50]} | {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
