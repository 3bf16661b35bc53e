"""Ingest readers (flows/ingest.py): every source format into the store, and re-ingest as a no-op."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
import sqlalchemy as sa
from local_http import serve
from typer.testing import CliRunner

from features.schemas import Articles
from flows import store
from flows.cli import app
from flows.config import SAMPLE_DIR, load_settings
from flows.ingest import as_articles, content_hash, ingest_sources, read_source

ARTICLE_TEXT = (
    "The National Resistance Front said on Wednesday that its fighters killed at least 40 Taliban fighters "
    "at the Khawak Pass. The Taliban denied the claim and said it had captured two districts."
)


@pytest.fixture
def settings(home):
    """Settings over a fresh data home."""
    return load_settings(home=home)


def _stored(settings) -> pd.DataFrame:
    return store.read_frame(store.connect(settings.store_url), sa.select(store.articles))


def _read(settings, path, outlet=None) -> pd.DataFrame:
    frame, rejects, _warnings = read_source(settings, str(path), outlet=outlet)
    assert not rejects, [reject.line() for reject in rejects]
    return frame


def test_ingest_sample_folder_stores_every_sample_article(settings):
    """Check that the bundled sample folder (txt + sidecar, md, html, jsonl) is stored with its metadata, README skipped."""
    result = ingest_sources(settings, [str(SAMPLE_DIR)], quiet=True)
    assert (result.new, result.unchanged, result.rejected) == (5, 0, 0)
    stored = _stored(settings).set_index("title")
    seed = stored.loc["Panjshir’s Resistance Claims Repulsion Of Taliban Attacks"]
    assert seed.outlet == "unknown"
    assert seed.published == pd.Timestamp("2021-09-02", tz="UTC")
    assert seed.text.startswith("The National Resistance Front of Afghanistan claims")
    assert set(stored.outlet) == {"unknown", "sample-statements", "sample-wire", "sample-daily"}
    assert not stored.text.str.contains("constructed", case=False).any()
    Articles.validate(_stored(settings).drop(columns=["ingested_at"]).astype({"label": "float64"}), lazy=True)


def test_ingest_same_sources_twice_is_noop(settings):
    """Check that re-ingesting the same articles adds nothing and counts them unchanged."""
    first = ingest_sources(settings, [str(SAMPLE_DIR)], quiet=True)
    second = ingest_sources(settings, [str(SAMPLE_DIR)], quiet=True)
    assert (second.new, second.unchanged, second.rejected) == (0, 5, 0)
    assert sorted(first.article_ids) == sorted(second.article_ids)
    assert len(_stored(settings)) == 5
    assert second.summary() == "5 articles: 0 new, 5 unchanged, 0 rejected"


def test_content_hash_ignores_whitespace_and_sets_article_id(settings, tmp_path):
    """Check that the same text with different whitespace is one article, id = hash[:16]."""
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "b.txt").write_text("  " + ARTICLE_TEXT.replace(" ", "  \n ", 3) + "\n\n")
    result = ingest_sources(settings, [str(tmp_path)], quiet=True)
    assert (result.new, result.unchanged) == (1, 1)
    row = _stored(settings).iloc[0]
    assert row.content_hash == content_hash(ARTICLE_TEXT)
    assert row.article_id == row.content_hash[:16]


def test_read_text_takes_headline_and_sidecar(settings, tmp_path):
    """Check that a short first line is the title and a sidecar overrides outlet, date and url."""
    path = tmp_path / "story.txt"
    path.write_text("Fighting at the pass\n\n" + ARTICLE_TEXT)
    (tmp_path / "story.txt.meta.json").write_text(json.dumps({"outlet": "tolo", "published": "2021-09-02T10:00:00+04:30", "url": "https://x.example/a"}))
    row = _read(settings, path).iloc[0]
    assert (row.title, row.outlet, row.url) == ("Fighting at the pass", "tolo", "https://x.example/a")
    assert row.published == pd.Timestamp("2021-09-02T05:30:00Z")
    assert row.text == ARTICLE_TEXT
    assert row.language == "en"


def test_read_markdown_front_matter_and_heading(settings, tmp_path):
    """Check that Markdown front matter gives the fields and the markup is stripped from the text."""
    path = tmp_path / "a.md"
    path.write_text("---\noutlet: ariana\npublished: 2021-09-04\nlabel: 1\nexternal_id: a-7\n---\n# Heading here\n\nThe **front** said [more](http://x) and\nwrapped lines join.\n")
    row = _read(settings, path).iloc[0]
    assert (row.title, row.outlet, row.label, row.external_id) == ("Heading here", "ariana", 1.0, "a-7")
    assert row.text == "The front said more and wrapped lines join."


def test_read_markdown_without_front_matter_uses_outlet_option(settings, tmp_path):
    """Check that --outlet fills the outlet of a source that names none."""
    path = tmp_path / "a.md"
    path.write_text("# T\n\n" + ARTICLE_TEXT)
    assert _read(settings, path, outlet="khaama").iloc[0].outlet == "khaama"


def test_read_html_main_text_only(settings, tmp_path):
    """Check that HTML main text is extracted without navigation and footer, with title and date."""
    row = _read(settings, SAMPLE_DIR / "wire-report-panjshir-fighting.html").iloc[0]
    assert row.title == "Both sides claim gains as fighting continues around Panjshir"
    assert "Markets close higher" not in row.text and "Copyright" not in row.text
    assert "at least 40 Taliban fighters" in row.text
    assert row.published == pd.Timestamp("2021-09-03T14:10:00Z")
    assert row.outlet == "sample-wire"


def test_read_json_object_and_list(settings, tmp_path):
    """Check that a JSON object is one article and a JSON list is many; aliases content/date/link accepted."""
    (tmp_path / "one.json").write_text(json.dumps({"title": "One", "text": ARTICLE_TEXT, "outlet": "bbc"}))
    (tmp_path / "many.json").write_text(
        json.dumps([{"headline": "A", "content": ARTICLE_TEXT + " A.", "date": "2021-09-05", "link": "https://x.example/a"}, {"title": "B", "body": ARTICLE_TEXT + " B."}])
    )
    one = _read(settings, tmp_path / "one.json")
    many = _read(settings, tmp_path / "many.json")
    assert list(one.title) == ["One"] and one.iloc[0].outlet == "bbc"
    assert list(many.title) == ["A", "B"]
    assert many.iloc[0].url == "https://x.example/a"
    assert many.iloc[0].published == pd.Timestamp("2021-09-05", tz="UTC")


def test_read_jsonl_lines(settings, tmp_path):
    """Check that each JSONL line is one article and blank lines are skipped."""
    lines = [json.dumps({"title": f"T{index}", "text": f"{ARTICLE_TEXT} {index}", "language": "EN"}) for index in range(3)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:2]) + "\n\n" + lines[2] + "\n")
    frame = _read(settings, tmp_path / "a.jsonl")
    assert list(frame.title) == ["T0", "T1", "T2"]
    assert set(frame.language) == {"en"}


def test_read_fakes_csv_keeps_labels_and_outlets(settings, fakes_csv):
    """Check that the FA-KES CSV is recognised by its header: one article per distinct text, labels, outlets, unit ids, dates."""
    frame, rejects, warnings = read_source(settings, str(fakes_csv))
    raw = pd.read_csv(fakes_csv)
    assert not rejects
    assert len(frame) == raw.article_content.map(lambda text: " ".join(text.split())).nunique()
    assert any("label 1 instead of 0; kept the first" in warning for warning in warnings)
    assert set(frame.label.unique()) == {0.0, 1.0}
    assert set(frame.outlet) == set(raw.source)
    first = frame.set_index("external_id").loc[str(raw.unit_id.iloc[0])]
    assert first.title == raw.article_title.iloc[0]
    assert first.published == pd.to_datetime(raw.date.iloc[0], format="%m/%d/%Y").tz_localize("UTC")


def test_read_fakes_csv_without_labels_is_unlabelled(settings, fakes_csv, tmp_path):
    """Check that a FA-KES file without the labels column gives unlabelled articles."""
    raw = pd.read_csv(fakes_csv, nrows=5).drop(columns=["labels"])
    raw.to_csv(tmp_path / "unlabelled.csv", index=False)
    frame = _read(settings, tmp_path / "unlabelled.csv")
    assert len(frame) == 5 and frame.label.isna().all()


def test_read_generic_csv_documented_columns(settings, tmp_path):
    """Check that a generic CSV with the documented columns is read, and a wrong header is rejected."""
    pd.DataFrame(
        {"title": ["A", "B"], "text": [ARTICLE_TEXT, ARTICLE_TEXT + " More."], "outlet": ["afp", None], "url": ["https://a.example/1", None],
         "published": ["2021-09-02T08:00:00Z", "3 September 2021"], "language": ["en", None], "external_id": ["x1", "x2"], "label": [1, None]}
    ).to_csv(tmp_path / "generic.csv", index=False)
    frame = _read(settings, tmp_path / "generic.csv", outlet="fallback")
    assert list(frame.outlet) == ["afp", "fallback"]
    assert frame.iloc[1].published == pd.Timestamp("2021-09-03", tz="UTC")
    assert frame.label.iloc[0] == 1.0 and pd.isna(frame.label.iloc[1])
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    _frame, rejects, _ = read_source(settings, str(tmp_path / "other.csv"))
    assert len(rejects) == 1 and "neither FA-KES" in rejects[0].reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Sample feed</title><link>https://news.example.org/</link><language>en-us</language>
<item><title>Resistance claims gains</title><link>https://news.example.org/a</link><pubDate>Thu, 02 Sep 2021 10:00:00 +0430</pubDate>
<description>&lt;p&gt;The resistance said it &lt;b&gt;held&lt;/b&gt; the pass.&lt;/p&gt;&lt;p&gt;The Taliban denied it.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://news.example.org/b</link><description>Talks have stalled, officials said.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom sample</title><link href="https://atom.example.net/"/><id>urn:x</id><updated>2021-09-03T00:00:00Z</updated>
<entry><title>Atom entry</title><link href="https://atom.example.net/e1"/><id>urn:e1</id><updated>2021-09-03T12:00:00Z</updated>
<content type="html">&lt;p&gt;Fighting continued near Gulbahar, residents said.&lt;/p&gt;</content></entry></feed>"""


def test_read_rss_and_atom_feed_files(settings, tmp_path):
    """Check that RSS and Atom files give one article per entry with link, time (UTC), outlet from the host."""
    (tmp_path / "feed.rss").write_text(RSS)
    (tmp_path / "feed.atom").write_text(ATOM)
    rss = _read(settings, tmp_path / "feed.rss")
    atom = _read(settings, tmp_path / "feed.atom")
    assert list(rss.title) == ["Resistance claims gains", "Second"]
    assert rss.iloc[0].text == "The resistance said it held the pass.\n\nThe Taliban denied it."
    assert rss.iloc[0].published == pd.Timestamp("2021-09-02T05:30:00Z")
    assert set(rss.outlet) == {"news.example.org"}
    assert atom.iloc[0].url == "https://atom.example.net/e1" and atom.iloc[0].outlet == "atom.example.net"


def test_ingest_feed_and_page_urls_from_local_server(settings):
    """Check that a feed URL and an article page URL are fetched (loopback allowed for the test) and stored."""
    page = (SAMPLE_DIR / "wire-report-panjshir-fighting.html").read_bytes()
    routes = {"/feed": (200, {"Content-Type": "application/rss+xml"}, RSS.encode()), "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, page)}
    with serve(routes) as base:
        result = ingest_sources(settings, [base + "/feed", base + "/article"], outlet="localtest", quiet=True, allow_loopback=True)
    assert (result.new, result.rejected) == (3, 0), result.reject_lines()
    stored = _stored(settings).set_index("title")
    assert stored.loc["Both sides claim gains as fighting continues around Panjshir"].url == base + "/article"
    assert stored.loc["Second"].outlet == "localtest"


def test_ingest_url_refuses_loopback_by_default(settings):
    """Check that ingest of a 127.0.0.1 URL without the test-only switch is rejected with the reason."""
    with serve({"/feed": (200, {"Content-Type": "application/rss+xml"}, RSS.encode())}) as base:
        result = ingest_sources(settings, [base + "/feed"], quiet=True)
    assert result.rejected == 1 and "loopback" in result.reject_lines()[0]


def test_cli_ingest_prints_summary_and_exits_zero(home, tmp_path):
    """Check that `claimcred ingest` prints the summary line and exits 0 when nothing is rejected."""
    shutil.copytree(SAMPLE_DIR, tmp_path / "sample")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "sample"), "--home", str(home), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "5 articles: 5 new, 0 unchanged, 0 rejected"


def test_ingest_accepts_path_objects_and_a_single_source(settings):
    """Check that sources may be Path objects, and one source given bare is not iterated character by character."""
    result = ingest_sources(settings, SAMPLE_DIR, quiet=True)
    assert (result.new, result.rejected) == (5, 0)
    assert ingest_sources(settings, [SAMPLE_DIR / "outlet-roundup.jsonl"], quiet=True).unchanged == 2


def test_ingest_marks_transient_url_failures(settings):
    """Check that a 503 from a feed URL is a reject flagged transient (so a caller can retry) and a 404 is not."""
    with serve({"/busy": (503, {}, b"busy"), "/gone": (404, {}, b"")}) as base:
        result = ingest_sources(settings, [base + "/busy", base + "/gone"], quiet=True, allow_loopback=True)
    assert result.rejected == 2
    assert [reject.source for reject in result.transient_rejects] == [base + "/busy"]


def test_as_articles_types_frames_read_back_from_the_store(settings):
    """Check that articles read back from the store (all labels null) become a valid Articles frame."""
    ingest_sources(settings, [SAMPLE_DIR], quiet=True)
    stored = _stored(settings).astype({"label": object})
    articles = as_articles(stored)
    assert list(articles.columns) == list(Articles.to_schema().columns)
    assert articles.label.dtype == "float64" and len(articles) == 5


def test_stored_articles_read_back_with_float_label(settings):
    """Check that store.read_frame returns an all-null label as float64 NaN, so stored articles pass the Articles schema."""
    ingest_sources(settings, [SAMPLE_DIR], quiet=True)
    columns = [store.articles.c[name] for name in Articles.to_schema().columns]
    stored = store.read_frame(store.connect(settings.store_url), sa.select(*columns))
    assert stored.label.dtype == "float64" and stored.label.isna().all()
    Articles.validate(stored, lazy=True)
