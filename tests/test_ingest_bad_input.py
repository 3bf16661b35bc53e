"""Bad input to ingest: each bad file or record gets one line with its reason, the rest of the batch is stored."""

from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from flows import store
from flows.cli import app
from flows.ingest import FAKES_COLUMNS
from flows.config import load_settings
from flows.ingest import ingest_sources

GOOD_TEXT = "Taliban forces said on Thursday they had captured the district centre, a claim the resistance denied."

ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title></item></channel></rss>"""


@pytest.fixture
def folder(tmp_path):
    """A folder of inputs beside (not around) the data home, which lives in folder/home."""
    path = tmp_path / "in"
    path.mkdir()
    return path


@pytest.fixture
def settings(home):
    """Settings over a fresh data home with a small size cap (2,000 bytes) so the cap is cheap to test."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "claimcred.toml").write_text("[ingest]\nmax_article_bytes = 2000\n")
    return load_settings(home=home)


def _one_reject(settings, folder, name: str, data: bytes) -> str:
    """Ingest a folder with one good file and the bad one; return the single reject line."""
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / name).write_bytes(data)
    result = ingest_sources(settings, [str(folder)], quiet=True)
    assert result.new == 1, result.reject_lines()
    assert result.rejected == 1 and len(result.reject_lines()) == 1, result.reject_lines()
    with store.connect(settings.store_url).connect() as connection:
        stored = connection.execute(sa.select(store.rejects.c.source, store.rejects.c.reason)).all()
    assert [source for source, _reason in stored] == [str(folder / name)]
    return result.reject_lines()[0]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t ", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, r"binary file \(NUL bytes\)"),
        ("controls.txt", bytes(range(1, 32)) * 50, "binary file .*control characters"),
        ("broken.json", b'{"title": "x", "text": "unterminated', r"not valid JSON \(Unterminated string"),
        ("scalar.json", b"42", "JSON holds a int; expected an article object"),
        ("broken.rss", b"<rss version='2.0'><channel><title>x</title><item></channel>", "malformed feed: not well-formed XML"),
        ("notafeed.xml", b"<?xml version='1.0'?><catalog><book>x</book></catalog>", "not an RSS or Atom feed"),
        ("bomb.rss", ENTITY_BOMB, "entity-expansion bomb"),
        ("xxe.xml", EXTERNAL_ENTITY, "refused"),
        ("big.txt", b"word " * 1000, r"over the cap of 2000 bytes"),
        ("big.html", b"<p>" + b"word " * 1000 + b"</p>", r"over the cap of 2000 bytes"),
        ("picture.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text found in the HTML"),
        ("front.md", b"---\ntitle: [unclosed\n---\nbody text here", "front matter is not valid YAML"),
        ("nocols.csv", b"a,b\n1,2\n", "neither FA-KES"),
    ],
)
def test_ingest_rejects_bad_file_with_reason_and_keeps_rest(settings, folder, name, data, reason):
    """Check that each kind of bad file gets one reject line naming the file and reason, and the good file is stored."""
    line = _one_reject(settings, folder, name, data)
    assert str(folder / name) in line
    assert re.search(reason, line), line


def test_ingest_rejects_bad_records_inside_containers(settings, folder):
    """Check that bad JSONL lines, JSON items and CSV rows are rejected one by one, naming the record."""
    (folder / "a.jsonl").write_text(json.dumps({"text": GOOD_TEXT}) + "\n{broken\n" + json.dumps({"title": "no text"}) + "\n[1]\n")
    (folder / "b.json").write_text(json.dumps([{"text": GOOD_TEXT + " B"}, "string item", {"text": GOOD_TEXT + " C", "label": "maybe"}]))
    (folder / "c.csv").write_text(
        ",".join((*FAKES_COLUMNS, "location", "labels")) + "\n"  # synthetic rows in the FA-KES layout
        f'1,T,"{GOOD_TEXT} D",sana,7/10/2016,aleppo,1\n2,T,"{GOOD_TEXT} E",sana,2016-07-10,aleppo,1\n3,T,,sana,7/10/2016,aleppo,0\n4,T,x,sana\n'
    )
    (folder / "d.jsonl").write_text(json.dumps({"text": "word " * 1000}) + "\n")
    result = ingest_sources(settings, [str(folder)], quiet=True)
    lines = result.reject_lines()
    assert result.new == 3
    expected = [
        f"{folder / 'a.jsonl'} line 2: not valid JSON",
        f"{folder / 'a.jsonl'} line 3: no article text",
        f"{folder / 'a.jsonl'} line 4: is a list; expected an article object",
        f"{folder / 'b.json'} item 1: is a str",
        f"{folder / 'b.json'} item 2: label 'maybe' is not 1 (credible), 0 (fake)",
        f"{folder / 'c.csv'} row 2 (unit_id 2): date '2016-07-10' is not M/D/YYYY",
        f"{folder / 'c.csv'} row 3 (unit_id 3): no article text",
        f"{folder / 'c.csv'} row 4 (unit_id 4): has 4 fields, the header has 7",
        f"{folder / 'd.jsonl'} line 1: article text is 4999 bytes, over the cap of 2000 bytes",
    ]
    assert result.rejected == len(expected)
    for prefix in expected:
        assert sum(line.startswith("rejected " + prefix) for line in lines) == 1, (prefix, lines)


def test_ingest_decodes_non_utf8_as_cp1252_with_warning(settings, folder):
    """Check that cp1252 text is stored decoded as cp1252 and a warning names the file and the encoding."""
    text = "Officials said the \u201cresistance\u201d held the pass \u2013 a caf\u00e9 owner confirmed."
    (folder / "win.txt").write_bytes(text.encode("cp1252"))
    (folder / "latin.txt").write_bytes(b"Caf\xe9 owners near the \x81 pass said the fighting stopped.")
    result = ingest_sources(settings, [str(folder)], quiet=True)
    assert (result.new, result.rejected) == (2, 0)
    warnings = result.warning_lines()
    assert any(f"{folder / 'win.txt'}: not valid UTF-8 (byte 0x93 at offset 19); decoded as cp1252" in line for line in warnings), warnings
    assert any(f"{folder / 'latin.txt'}" in line and "decoded as latin-1" in line for line in warnings), warnings
    with store.connect(settings.store_url).connect() as connection:
        texts = set(connection.execute(sa.select(store.articles.c.text)).scalars())
    assert text in texts


def test_ingest_missing_path_is_rejected(settings, folder):
    """Check that a source path that does not exist is one reject line, not a crash."""
    result = ingest_sources(settings, [str(folder / "nowhere")], quiet=True)
    assert result.reject_lines() == [f"rejected {folder / 'nowhere'}: no such file or folder"]


def test_ingest_unparseable_date_keeps_article_with_warning(settings, folder):
    """Check that an unreadable publication time keeps the article (published null) and says so."""
    (folder / "a.json").write_text(json.dumps({"text": GOOD_TEXT, "published": "the day after the battle of nowhere"}))
    result = ingest_sources(settings, [str(folder)], quiet=True)
    assert (result.new, result.rejected) == (1, 0)
    assert any("is not a date or time; stored without a publication time" in line for line in result.warning_lines())


def test_ingest_rejects_are_recorded_once_across_reruns(settings, folder):
    """Check that re-running a batch with a bad file does not duplicate its reject row."""
    (folder / "empty.txt").write_bytes(b"")
    for _ in range(2):
        assert ingest_sources(settings, [str(folder)], quiet=True).rejected == 1
    assert store.count(store.connect(settings.store_url), store.rejects) == 1


def test_cli_ingest_exits_nonzero_when_anything_rejected(home, folder):
    """Check that `claimcred ingest` prints the reject line and summary and exits 1 when a file is rejected."""
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "broken.json").write_text("{nope")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--home", str(home), "-q"])
    assert result.exit_code == 1
    assert f"rejected {folder / 'broken.json'}: not valid JSON" in result.output
    assert result.output.strip().splitlines()[-1] == "2 articles: 1 new, 0 unchanged, 1 rejected"
