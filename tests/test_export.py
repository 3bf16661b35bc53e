"""Tests for exports (flows/export.py): spreadsheet-safe CSV, Parquet round trip, filters."""

from __future__ import annotations

import csv

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows import api, export
from flows_fakes import populated_store


@given(st.text())
def test_neutralise_cell_never_leaves_a_formula_start(text):
    """Check that no neutralised text cell starts with = + - @ tab or CR, and safe text is unchanged."""
    cell = export.neutralise_cell(text)
    assert not cell.startswith(export.FORMULA_STARTS)
    if not text.startswith(export.FORMULA_STARTS):
        assert cell == text
    else:
        assert cell == "'" + text


def test_neutralise_cell_passes_numbers_through():
    """Check that numbers (negative ones too) stay numbers."""
    assert export.neutralise_cell(-5.0) == -5.0
    assert export.neutralise_cell(None) is None


def test_export_claims_csv_is_spreadsheet_safe(tmp_path):
    """Check that the claims CSV neutralises formula-like claim text and writes lists as JSON."""
    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "claims.csv"
    assert export.export_table(settings, "claims", "csv", out) == {"path": str(out), "rows": 4}
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = {row["text"] for row in rows}
    assert "'=HYPERLINK(\"http://evil\") 40 fighters killed" in texts
    assert "'-5 helicopters downed" in texts
    for row in rows:
        for value in row.values():
            assert not value.startswith(export.FORMULA_STARTS), value
    assert rows[0]["places"] == '["Panjshir"]'


def test_export_articles_has_external_id_and_credibility(tmp_path):
    """Check that the articles export carries external_id and credibility, and honours the date filter."""
    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "articles.csv"
    export.export_table(settings, "articles", "csv", out, filters=api.Filters(until="2021-09-07"))
    frame = pd.read_csv(out)
    assert list(frame["external_id"]) == ["u-1"]
    assert frame["credibility"].iloc[0] == pytest.approx(0.375)
    assert frame["title"].iloc[0].startswith("<script>")


def test_export_parquet_round_trips_types(tmp_path):
    """Check that the Parquet export keeps timestamps, numbers and lists of strings as such."""
    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "scores.parquet"
    result = export.export_table(settings, "scores", "parquet", out, filters=api.Filters(theatre="afghanistan-2021"))
    frame = pq.read_table(out).to_pandas()
    assert result["rows"] == len(frame) == 4
    assert frame["reasons"].map(list).tolist()[0] == ["self-serving claim by a party", "no independent corroboration"]
    assert str(frame["scored_at"].dtype).startswith("datetime64")
    assert frame["is_latest"].sum() == 3


def test_export_rejects_unknown_table_and_format(tmp_path):
    """Check that an unknown table or format is refused with a message naming it."""
    settings, _ = populated_store(tmp_path / "home")
    with pytest.raises(ValueError, match="export table 'verdicts' is not known"):
        export.export_table(settings, "verdicts", "csv", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="export format 'xlsx' is not supported"):
        export.export_table(settings, "claims", "xlsx", tmp_path / "x.xlsx")


def test_cli_export_writes_parquet(tmp_path):
    """Check that `claimcred export --table articles --format parquet` writes the rows and reports the count."""
    from typer.testing import CliRunner

    from flows.cli import app

    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "a.parquet"
    result = CliRunner().invoke(app, ["export", "--home", str(settings.home), "--table", "articles", "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out}: 3 rows" in result.output
    assert "credibility" in pq.read_table(out).column_names
