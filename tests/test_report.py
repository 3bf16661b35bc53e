"""Tests for report rendering (flows/report.py): escaping, self-containment, order, Markdown."""

from __future__ import annotations

import re

import pytest

from flows import api, report
from flows_fakes import populated_store


def test_render_html_escapes_article_text(tmp_path):
    """Check that a <script> in a title or reason is shown as text, never emitted as markup."""
    settings, _ = populated_store(tmp_path / "home")
    page = report.render_html(api.claims(settings=settings))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_render_html_is_self_contained(tmp_path):
    """Check that the page loads nothing from the network: plots are data: URIs and a CSP forbids fetching."""
    settings, _ = populated_store(tmp_path / "home")
    page = report.render_html(api.claims(settings=settings))
    assert len(re.findall(r"src='data:image/png;base64,", page)) == 3
    assert not re.search(r"(src|href)=['\"](?!data:|https://example\.org)", page.split("<body>")[1])
    assert "default-src 'none'" in page


def test_render_html_orders_claims_by_grade_with_evidence(tmp_path):
    """Check that the claims table runs from grade 1 to 6 then unscored, each with its evidence sentence and reasons."""
    settings, _ = populated_store(tmp_path / "home")
    page = report.render_html(api.claims(settings=settings))
    positions = [page.index(label) for label in ("2 probably true</span>", "3 possibly true</span>", "5 improbable</span>", ">unscored</span>")]
    assert positions == sorted(positions)
    assert "Zabihullah Mujahid said Panjshir is under our control." in page
    assert "now corroborated by 2 sources" in page


def test_render_markdown_escapes_and_keeps_rows_on_one_line(tmp_path):
    """Check that Markdown output escapes HTML and table pipes and gives one table row per claim."""
    settings, _ = populated_store(tmp_path / "home")
    frame = api.claims(settings=settings)
    frame.loc[0, "sentence"] = "a | pipe\nand a newline"
    text = report.render_markdown(frame)
    assert "<script>" not in text and "<b>" not in text
    assert "a \\| pipe and a newline" in text
    assert len([line for line in text.splitlines() if line.startswith("| ") and "grade" not in line]) == len(frame)


def test_write_report_applies_filters_and_rejects_unknown_format(tmp_path):
    """Check that write_report writes only the filtered claims and refuses an unknown format by name."""
    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "out" / "r.md"
    result = report.write_report(settings, out, fmt="md", filters=api.Filters(camp="taliban"))
    assert result == {"path": str(out), "claims": 1, "scored": 1}
    assert "Zabihullah Mujahid" in out.read_text() and "Fahim Dashty" not in out.read_text()
    with pytest.raises(ValueError, match="report format 'pdf' is not supported"):
        report.write_report(settings, tmp_path / "r.pdf", fmt="pdf")


def test_render_html_handles_an_empty_store(tmp_path):
    """Check that a report over no claims still renders, with zero counts and placeholder plots."""
    settings, _ = populated_store(tmp_path / "home")
    page = report.render_html(api.claims(grade=1, settings=settings))
    assert "<b>0</b>claims" in page


def test_cli_report_writes_html_with_filters(tmp_path):
    """Check that `claimcred report --grade 2 --format html --out FILE` writes the filtered page and names it."""
    from typer.testing import CliRunner

    from flows.cli import app

    settings, _ = populated_store(tmp_path / "home")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--home", str(settings.home), "--grade", "2", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out}: 1 claims (1 scored)" in result.output
    assert "Zabihullah Mujahid" in out.read_text()


def test_cli_report_fails_on_bad_date(tmp_path):
    """Check that an unreadable --since exits 1 with one line naming the value."""
    from typer.testing import CliRunner

    from flows.cli import app

    settings, _ = populated_store(tmp_path / "home")
    result = CliRunner().invoke(app, ["report", "--home", str(settings.home), "--since", "soon", "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "cannot read 'soon'" in result.output
