"""Tests for the shell of ``claimcred extract`` / ``claimcred blackouts`` (flows/extraction.py) and the theatre grouping it shares with scoring."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from flows.cli import TABLE_COLUMNS, app
from flows.packs import load_all_packs
from flows.scoring import theatre_groups
from flows_fakes import article_row


def test_extract_cli_file_without_claims_prints_only_the_header(tmp_path):
    """Check that `claimcred extract` on a file with no claim exits 0: csv gives the header alone, jsonl nothing, table the table header."""
    path = tmp_path / "quiet.txt"
    path.write_text("A quiet day\n\nNothing happened today and nobody said anything about it.\n")
    home = str(tmp_path / "home")
    outputs = {}
    for fmt in ("csv", "jsonl", "table"):
        result = CliRunner().invoke(app, ["extract", str(path), "--format", fmt, "--home", home])
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.output.strip()
    assert outputs["csv"].split(",")[:3] == ["claim_id", "article_id", "outlet"] and "\n" not in outputs["csv"]
    assert outputs["jsonl"] == ""
    assert outputs["table"] == " | ".join(TABLE_COLUMNS)


def test_extract_cli_scores_with_the_expert_prior_on_a_fresh_home(seed_article, tmp_path):
    """Check that `claimcred extract` on a home without a champion scores with the unregistered expert prior and registers nothing."""
    result = CliRunner().invoke(app, ["extract", str(seed_article), "--format", "jsonl", "--home", str(tmp_path / "home")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and {row["model_version"] for row in rows} == {"expert-prior (not registered)"}
    assert all(0.0 <= row["probability"] <= 1.0 and row["grade"] in range(1, 7) for row in rows)
    assert not (tmp_path / "home" / "mlflow.db").exists()


def test_theatre_groups_follow_gazetteer_hits_in_order_of_first_article():
    """Check that theatre_groups puts each article with the pack its title and text name most, groups in order of first article."""
    rows = [
        article_row(1, title="Aleppo", text="Shelling in Aleppo and Idlib killed 5 people."),
        article_row(2, title="Panjshir", text="Fighting in Panjshir and Kapisa."),
        article_row(3, title="Idlib", text="Idlib was shelled."),
    ]
    articles = pd.DataFrame(rows).drop(columns=["ingested_at"])
    groups = theatre_groups(articles, load_all_packs())
    assert [(pack.name, list(group["article_id"])) for pack, group in groups] == [
        ("syria", [f"{1:016x}", f"{3:016x}"]),
        ("afghanistan-2021", [f"{2:016x}"]),
    ]
    assert all(list(group.index) == list(range(len(group))) for _, group in groups)
    single = load_all_packs()[:1]
    assert [(pack.name, len(group)) for pack, group in theatre_groups(articles, single)] == [(single[0].name, 3)]
