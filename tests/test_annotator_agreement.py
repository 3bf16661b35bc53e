"""The agreement of two annotations of the same key phrases (tests/annotator_agreement.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from annotator_agreement import agreement
from extraction_eval import EVAL_COLUMNS


def _rows(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=EVAL_COLUMNS)


FIRST = _rows(
    ("1", "forty fighters were killed near", "true", "Syrian Army", "loyalist", "reported_speech", "casualties", "40:killed", "Aleppo", ""),
    ("1", "the rebels took the hill", "true", "rebels", "opposition", "reported_speech", "territory", "", "", ""),
    ("1", "Tags Syria war", "false", "", "", "", "", "", "", ""),
)


def test_agreement_counts_each_column_on_the_rows_both_call_claims():
    """Check that a column's agreement is the share of rows both call claims on which the values match."""
    second = FIRST.copy()
    second.loc[1, "speaker"] = "The rebels"
    second.loc[1, "camp"] = "unknown"
    second.loc[0, "speaker"] = "syrian army"  # case is ignored, as in the extractor's evaluation
    second.loc[0, "places"] = "Aleppo"
    figures, pairs = agreement(FIRST, second)
    assert figures["both_claims"] == 2 and figures["is_claim"] == 1.0
    assert figures["speaker"] == 0.5 and figures["camp"] == 0.5 and figures["attribution"] == 1.0
    assert pairs.loc[1, "disagree"] == ["speaker", "camp"] and pairs.loc[0, "disagree"] == []


def test_agreement_compares_quantities_as_sets_and_counts_claim_disagreements():
    """Check that quantities in another order agree, and that a row one annotator calls no claim is an is_claim disagreement."""
    first = FIRST.copy()
    first.loc[0, "quantities"] = "40:killed|12:injured"
    second = first.copy()
    second.loc[0, "quantities"] = "12:injured|40:killed"
    second.loc[2, "is_claim"] = "true"
    second.loc[2, ["speaker", "camp", "attribution", "claim_type"]] = ["reuters", "neutral", "own_assertion", "other"]
    figures, pairs = agreement(first, second)
    assert figures["quantities"] == 1.0
    assert figures["is_claim"] == pytest.approx(2 / 3) and pairs.loc[2, "disagree"] == ["is_claim"]


def test_agreement_refuses_annotations_of_different_rows():
    """Check that two annotations that do not label the same key phrases are refused with a message naming a row."""
    second = FIRST.copy()
    second.loc[1, "key_phrase"] = "the rebels took the town"
    with pytest.raises(ValueError, match="label different rows.*the rebels took"):
        agreement(FIRST, second)


@pytest.mark.parametrize(("name", "n_rows"), [("holdout8", 146), ("holdout10", 135)])
def test_second_annotation_labels_the_sets_rows_validly(fakes_csv, name, n_rows):
    """Check that a second annotator's file labels exactly its set's key phrases, each by the set's conventions."""
    from extraction_eval import EVAL_CSV, eval_row_problems, fakes_texts, load_eval
    from flows.packs import load_pack

    data = EVAL_CSV.parent
    second = load_eval(data / f"agreement_{name}_second.csv")
    figures, _ = agreement(load_eval(data / f"extraction_eval_{name}.csv"), second)
    assert figures["rows"] == len(second) == n_rows
    assert eval_row_problems(second, fakes_texts(set(second["unit_id"]), fakes_csv.parent.parent.parent), load_pack("syria"), unique_phrases=True) == []
