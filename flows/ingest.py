"""Ingest: read articles from folders, files, CSVs, feeds and pages into the store.

A source is one of:

- a folder (walked recursively, sorted; hidden files, ``README.*`` and
  ``*.meta.json`` sidecars are skipped) or a file:
  ``.txt`` / ``.text`` (first short line without end punctuation = title),
  ``.md`` / ``.markdown`` (optional YAML front matter with the article fields;
  else the first ``# heading`` is the title),
  ``.html`` / ``.htm`` (main text via trafilatura, ``favor_precision``),
  ``.json`` (one article object or a list of them), ``.jsonl`` / ``.ndjson``
  (one article object a line), ``.csv`` (FA-KES or generic, below),
  ``.xml`` / ``.rss`` / ``.atom`` (an RSS or Atom feed);
- an ``http(s)://`` URL of an RSS/Atom feed or of an article page
  (fetched with ``flows.fetch``; a feed is recognised by its content type or
  its first tag).

A single-article file may have a sidecar ``<file>.meta.json`` giving any of
``outlet``, ``published``, ``title``, ``url``, ``language``, ``external_id``,
``label``; it overrides what is read from the file.

Article fields in JSON, JSONL, front matter and the generic CSV (the documented
columns; aliases in brackets): ``title`` [headline], ``text`` [content, body],
``outlet`` [publisher], ``url`` [link], ``published`` [date, published_at],
``language`` [lang], ``external_id`` [id], ``label`` [labels] (1 credible,
0 fake, empty = unlabelled). A CSV whose header has ``unit_id, article_title,
article_content, source, date`` is read as FA-KES: ``source`` is the outlet,
``date`` is M/D/YYYY, ``labels`` the label (a file without ``labels`` is
unlabelled), ``unit_id`` the external id.

Each article gets ``content_hash`` = SHA-256 of its text with whitespace folded
and ``article_id`` = its first 16 hex digits; the store keeps one row per hash,
so re-ingesting is a no-op. Anything that cannot be read (empty, binary, broken
JSON, malformed feed, XML with entity declarations, over the size cap, missing
text, bad label) is rejected with one line naming the file or record and the
reason, stored in the ``rejects`` table, and counted; the rest is stored.
Text that is not UTF-8 is decoded as cp1252, else latin-1, with a warning.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pandera.errors

from features.schemas import Articles
from flows import store
from flows.config import Settings

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SINGLE_ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
SUPPORTED_SUFFIXES = SINGLE_ARTICLE_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
# A file holding many articles (CSV, JSONL, feed) may be this many times the per-article cap.
CONTAINER_CAP_FACTOR = 50
# Fewer words than this from trafilatura means it found navigation or boilerplate, not an article.
MIN_HTML_WORDS = 5
# Rows written per store transaction; small enough that a crash loses little, large enough to be fast.
CHUNK_ROWS = int(os.environ.get("CLAIMCRED_INGEST_CHUNK_ROWS", "200"))

FAKES_COLUMNS = ("unit_id", "article_title", "article_content", "source", "date")
GENERIC_COLUMNS = ("title", "text", "outlet", "url", "published", "language", "external_id", "label")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "content", "body"),
    "outlet": ("outlet", "publisher"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at"),
    "language": ("language", "lang"),
    "external_id": ("external_id", "id"),
    "label": ("label", "labels"),
}
LABEL_VALUES = {"1": 1.0, "1.0": 1.0, "true": 1.0, "0": 0.0, "0.0": 0.0, "false": 0.0}

STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "that", "is", "was", "for", "on", "with", "said", "by", "from", "have", "has", "were", "their", "are", "it"},
    "fr": {"le", "la", "les", "de", "des", "et", "du", "un", "une", "est", "que", "dans", "pour", "qui", "sur", "par", "pas", "au", "ont", "sont"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "sich", "auf", "dem", "des", "im", "sie", "wurde", "auch"},
    "es": {"el", "los", "las", "del", "y", "que", "en", "un", "una", "por", "con", "para", "es", "se", "al", "su", "fue", "como", "más", "sus"},
}


LANGUAGE_SAMPLE_CHARS = 3000
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
PERSIAN_LETTER = re.compile(r"[پچژگ]")
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


class RejectedInput(ValueError):
    """A source or record cannot be ingested; the message is the reason."""


@dataclass(frozen=True)
class Reject:
    """One rejected file or record: where it came from, which record, and why.

    ``transient`` marks URL failures a retry may cure (timeouts, connection errors, HTTP 429/5xx).
    """

    source: str
    record: str
    reason: str
    transient: bool = False

    def line(self) -> str:
        """One line for the terminal: ``rejected <source> <record>: <reason>``."""
        where = f"{self.source} {self.record}" if self.record else self.source
        return f"rejected {where}: {self.reason}"


@dataclass
class SourceBatch:
    """What one source yielded: raw article records, rejects and warnings."""

    records: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    """Counts and details of one ingest run."""

    new: int = 0
    unchanged: int = 0
    rejected: int = 0
    article_ids: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Articles and records seen: new + unchanged + rejected."""
        return self.new + self.unchanged + self.rejected

    @property
    def transient_rejects(self) -> list[Reject]:
        """Rejected URLs whose failure a retry may cure; a caller with retries can raise on these."""
        return [reject for reject in self.rejects if reject.transient]

    def reject_lines(self) -> list[str]:
        """One line per rejected file or record."""
        return [reject.line() for reject in self.rejects]

    def warning_lines(self) -> list[str]:
        """One line per warning (e.g. text decoded as cp1252, unparseable date)."""
        return [f"warning: {warning}" for warning in self.warnings]

    def summary(self) -> str:
        """``12 articles: 3 new, 9 unchanged, 2 rejected``."""
        return f"{self.total} articles: {self.new} new, {self.unchanged} unchanged, {self.rejected} rejected"


# --- small parsers --------------------------------------------------------------------------


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the text with whitespace folded (the dedup key)."""
    return hashlib.sha256(fold_whitespace(text).encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Normalise line endings, strip trailing spaces on lines and blank runs beyond one empty line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode file bytes to text deterministically; return (text, warning or None).

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 are decoded as such; other
    bytes as cp1252, or latin-1 when cp1252 cannot (latin-1 decodes any byte).

    Raises:
        RejectedInput: the data is empty, whitespace only, or binary (NUL bytes or control characters).
    """
    if not data.strip():
        raise RejectedInput("empty file" if not data else "file holds only whitespace")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _reject_if_binary(data.decode(encoding)), None
            except UnicodeDecodeError as error:
                raise RejectedInput(f"starts with a {encoding} byte-order mark but is not valid {encoding} ({error.reason})") from error
    if b"\x00" in data[:8192]:
        raise RejectedInput("binary file (NUL bytes); expected text")
    try:
        return _reject_if_binary(data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        offset, byte = error.start, data[error.start]
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _reject_if_binary(text), f"{name}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); decoded as {encoding}"
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _reject_if_binary(text: str) -> str:
    sample = text[:4096]
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.05:
        raise RejectedInput(f"binary file ({controls} control characters in the first {len(sample)}); expected text")
    return text


def guess_language(text: str) -> str:
    """Cheap language guess: script first (Arabic/Persian, Cyrillic), then stopwords for Latin text; 'en' by default."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sample.isascii():
        return _latin_language(sample) if any(char.isalpha() for char in sample) else "und"
    n_letters = len(LETTER.findall(sample))
    if not n_letters:
        return "und"
    if len(ARABIC_LETTER.findall(sample)) > n_letters / 2:
        return "fa" if PERSIAN_LETTER.search(sample) else "ar"
    if len(CYRILLIC_LETTER.findall(sample)) > n_letters / 2:
        return "ru"
    if len(LATIN_LETTER.findall(sample)) <= n_letters / 2:
        return "und"
    return _latin_language(sample)


def _latin_language(sample: str) -> str:
    """Best stopword match among the Latin-script languages; 'en' unless another scores higher."""
    words = WORD.findall(sample.lower())
    scores = {language: sum(1 for word in words if word in stopwords) for language, stopwords in STOPWORDS.items()}
    best = max(scores, key=lambda language: (scores[language], language == "en"))
    return best if scores[best] > scores["en"] else "en"


def parse_published(value) -> pd.Timestamp | None:
    """Parse a publication time to a UTC timestamp; naive times are taken as UTC; None/empty gives None.

    Raises:
        ValueError: the value is not a date or time claimcred can read.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, time.struct_time):
        value = datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float, bool)):
        raise ValueError(f"published {value!r} is a number; expected a date such as 2021-09-02 or an ISO time")
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        stamp = None
    if stamp is None or pd.isna(stamp):
        import dateparser

        parsed = dateparser.parse(str(value), languages=["en"], settings={"TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC"})
        if parsed is None:
            raise ValueError(f"published {value!r} is not a date or time")
        stamp = pd.Timestamp(parsed)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.as_unit("us")


def parse_label(value) -> float | None:
    """Parse a dataset label: 1/true = credible, 0/false = fake, empty = unlabelled.

    Raises:
        ValueError: any other value.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    key = str(value).strip().lower()
    if not key:
        return None
    if key not in LABEL_VALUES:
        raise ValueError(f"label {value!r} is not 1 (credible), 0 (fake) or empty (unlabelled)")
    return LABEL_VALUES[key]


def outlet_from_url(url: str | None) -> str | None:
    """Outlet id from a URL's host: 'www.reuters.com' -> 'reuters.com'; None without a host."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _pick(record: dict, name: str):
    for alias in FIELD_ALIASES[name]:
        if alias in record and record[alias] is not None:
            return record[alias]
    return None


def _as_text(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return str(value).strip() or None


def _first_line_title(text: str) -> tuple[str, str]:
    """Split a leading headline from plain text: a first paragraph of one short line without end punctuation."""
    paragraphs = text.split("\n\n", 1)
    head = paragraphs[0].strip()
    if len(paragraphs) == 2 and "\n" not in head and 0 < len(head) <= 200 and head[-1] not in ".!?;:,\"”'":
        return head, paragraphs[1].strip()
    return "", text


def _drop_leading_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if title and fold_whitespace(first) == fold_whitespace(title) and rest.strip():
        return rest.strip()
    return text


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries): block elements become line breaks."""
    import lxml.html

    if "<" not in fragment:
        return clean_text(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to tag stripping
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for element in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
        element.tail = "\n\n" + (element.tail or "")
    return clean_text("\n".join(fold_whitespace(line) for line in root.text_content().split("\n")))


MARKDOWN_PATTERNS = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^#{1,6}\s+", re.M), ""),
    (re.compile(r"^>\s?", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def markdown_to_text(markdown: str) -> str:
    """Plain text of Markdown: links keep their text; images, heading and emphasis marks go; wrapped lines are joined."""
    for pattern, replacement in MARKDOWN_PATTERNS:
        markdown = pattern.sub(replacement, markdown)
    paragraphs = [_unwrap(paragraph) for paragraph in clean_text(markdown).split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _unwrap(paragraph: str) -> str:
    """Join a paragraph's hard-wrapped lines; list items and table rows keep their own lines."""
    lines = [line.strip() for line in paragraph.split("\n")]
    if any(re.match(r"^([-*+]|\d+[.)])\s|^\|", line) for line in lines):
        return "\n".join(lines)
    return " ".join(line for line in lines if line)


# --- readers: bytes -> raw records ----------------------------------------------------------


def _record(source: str, locator: str, **values) -> dict:
    return {"source": source, "record": locator, **values}


def _fields_from_mapping(mapping: dict) -> dict:
    return {name: _pick(mapping, name) for name in FIELD_ALIASES}


def read_text_file(text: str, source: str) -> list[dict]:
    """Plain text: an optional headline line, then the body."""
    title, body = _first_line_title(clean_text(text))
    return [_record(source, "", title=title, text=body)]


def read_markdown(text: str, source: str) -> list[dict]:
    """Markdown with optional YAML front matter (article fields) and a ``# heading`` as title.

    Raises:
        RejectedInput: the front matter is not a YAML mapping.
    """
    import yaml

    text = clean_text(text)
    fields: dict = {}
    match = re.match(r"^---\n(.*?)\n---\n?", text, re.S)
    if match:
        try:
            front = yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            raise RejectedInput(f"front matter is not valid YAML ({str(error).splitlines()[0]})") from error
        if not isinstance(front, dict):
            raise RejectedInput(f"front matter is a {type(front).__name__}, expected a mapping of article fields")
        fields = _fields_from_mapping(front)
        text = text[match.end():]
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    if heading and not fields.get("title"):
        fields["title"] = heading.group(1).strip()
    if heading and fold_whitespace(heading.group(1)) == fold_whitespace(str(fields.get("title") or "")):
        text = text[: heading.start()] + text[heading.end():]
    fields["text"] = markdown_to_text(text)
    return [_record(source, "", **{key: value for key, value in fields.items() if value is not None})]


def read_html(html: str, source: str, url: str | None = None) -> list[dict]:
    """Main text of an HTML page via trafilatura (favor_precision), with title, date and site name.

    Raises:
        RejectedInput: trafilatura finds no main text.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    found = document.as_dict() if document is not None and hasattr(document, "as_dict") else (document or {})
    n_words = len((found.get("text") or "").split())
    if n_words < MIN_HTML_WORDS:
        raise RejectedInput(f"no main text found in the HTML ({n_words} words; trafilatura with favor_precision needs {MIN_HTML_WORDS}+)")
    title = (found.get("title") or "").strip()
    return [
        _record(
            source,
            "",
            title=title,
            text=_drop_leading_title(clean_text(found["text"]), title),
            url=url or found.get("url"),
            published=found.get("date"),
            outlet=found.get("sitename") or None,
        )
    ]


def read_json(text: str, source: str) -> tuple[list[dict], list[Reject]]:
    """One article object, or a list of them.

    Raises:
        RejectedInput: not valid JSON, or neither an object nor a list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RejectedInput(f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from error
    if isinstance(data, dict):
        return [_record(source, "", **_fields_from_mapping(data))], []
    if not isinstance(data, list):
        raise RejectedInput(f"JSON holds a {type(data).__name__}; expected an article object or a list of them")
    records, rejects = [], []
    for index, item in enumerate(data):
        if isinstance(item, dict):
            records.append(_record(source, f"item {index}", **_fields_from_mapping(item)))
        else:
            rejects.append(Reject(source, f"item {index}", f"is a {type(item).__name__}; expected an article object"))
    return records, rejects


def read_jsonl(text: str, source: str) -> tuple[list[dict], list[Reject]]:
    """One article object a line; blank lines skipped; a broken line is rejected, the rest kept."""
    records, rejects = [], []
    # Split on newlines only: str.splitlines() would also split inside strings at U+0085 or U+2028.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            rejects.append(Reject(source, f"line {number}", f"not valid JSON ({error.msg} at column {error.colno})"))
            continue
        if isinstance(item, dict):
            records.append(_record(source, f"line {number}", **_fields_from_mapping(item)))
        else:
            rejects.append(Reject(source, f"line {number}", f"is a {type(item).__name__}; expected an article object"))
    return records, rejects


def _fakes_row(row: dict, source: str, locator: str) -> dict:
    raw_date = (row.get("date") or "").strip()
    try:
        published = datetime.strptime(raw_date, "%m/%d/%Y").replace(tzinfo=UTC) if raw_date else None
    except ValueError as error:
        raise RejectedInput(f"date {raw_date!r} is not M/D/YYYY") from error
    return _record(
        source,
        locator,
        external_id=_as_text(row.get("unit_id")),
        title=row.get("article_title") or "",
        text=row.get("article_content") or "",
        outlet=_as_text(row.get("source")),
        published=published,
        label=row.get("labels"),
    )


def read_csv(text: str, source: str) -> tuple[list[dict], list[Reject], list[str]]:
    """A FA-KES CSV (recognised by its header) or a generic articles CSV (needs a ``text`` column).

    Raises:
        RejectedInput: the header matches neither layout.
    """
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise RejectedInput(f"no CSV header ({error})") from error
    is_fakes = all(name in header for name in FAKES_COLUMNS)
    if not is_fakes and "text" not in header:
        raise RejectedInput(
            f"CSV header {header[:10]} is neither FA-KES ({', '.join(FAKES_COLUMNS)}, ...) nor generic (needs 'text'; columns {', '.join(GENERIC_COLUMNS)})"
        )
    warnings = []
    if not is_fakes:
        ignored = [name for name in header if name not in GENERIC_COLUMNS]
        if ignored:
            warnings.append(f"{source}: CSV columns {ignored} are not article fields; ignored")
    records, rejects = [], []
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            rejects.append(Reject(source, f"row {number + 1}", f"CSV error ({error}); rest of the file not read"))
            break
        number += 1
        if not any(value.strip() for value in values):
            continue
        row = dict(zip(header, values))
        locator = f"row {number}" + (f" (unit_id {row.get('unit_id')})" if is_fakes else "")
        if len(values) != len(header):
            rejects.append(Reject(source, locator, f"has {len(values)} fields, the header has {len(header)}"))
            continue
        try:
            records.append(_fakes_row(row, source, locator) if is_fakes else _record(source, locator, **{name: row.get(name) for name in GENERIC_COLUMNS}))
        except RejectedInput as error:
            rejects.append(Reject(source, locator, str(error)))
    return records, rejects, warnings


def read_feed(data: bytes, source: str) -> tuple[list[dict], list[Reject]]:
    """Entries of an RSS or Atom feed; the XML is checked with defusedxml before feedparser sees it.

    Raises:
        RejectedInput: not well-formed XML, entity or DTD declarations (entity bombs), or not a feed.
    """
    import defusedxml
    import feedparser
    from defusedxml import ElementTree as SafeElementTree

    try:
        SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as error:
        raise RejectedInput(f"XML declares entities ({error}); refused as a possible entity-expansion bomb") from error
    except (defusedxml.DTDForbidden, defusedxml.ExternalReferenceForbidden) as error:
        raise RejectedInput(f"XML refers to external resources ({error}); refused") from error
    except SafeElementTree.ParseError as error:
        raise RejectedInput(f"malformed feed: not well-formed XML ({error})") from error
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.get("bozo"):
        raise RejectedInput(f"malformed feed ({type(parsed.bozo_exception).__name__}: {parsed.bozo_exception})")
    if not parsed.get("version"):
        raise RejectedInput("XML is not an RSS or Atom feed")
    feed_outlet = outlet_from_url(parsed.feed.get("link"))
    records, rejects = [], []
    for index, entry in enumerate(parsed.entries):
        locator = f"entry {index} ({entry.get('link') or entry.get('id') or entry.get('title', '')[:60]})"
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        records.append(
            _record(
                source,
                locator,
                title=entry.get("title", ""),
                text=html_fragment_to_text(html or ""),
                url=entry.get("link"),
                published=published,
                outlet=outlet_from_url(entry.get("link")) or feed_outlet,
                external_id=entry.get("id"),
                language=(entry.get("language") or parsed.feed.get("language") or "").split("-")[0] or None,
                derived_outlet=True,
            )
        )
    return records, rejects


def _looks_like_feed(content_type: str, body: bytes) -> bool:
    if any(kind in content_type.lower() for kind in ("rss", "atom", "xml")) and "html" not in content_type.lower():
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


# --- sources -> batches ------------------------------------------------------------------------


def _is_skipped(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name.startswith("readme") or name.startswith("license")


def expand_source(source: str | Path) -> Iterator[str | Reject]:
    """Files under a folder (recursive, sorted, skipping hidden, README/LICENSE and sidecars), the file, or the URL."""
    source = str(source)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        yield source
        return
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(_is_skipped(part) for part in child.relative_to(path).parents if part != Path(".")) and not _is_skipped(child):
                yield str(child)
    elif path.is_file():
        yield str(path)
    else:
        yield Reject(source, "", "no such file or folder")


def _read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise RejectedInput(f"sidecar {sidecar.name} is not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise RejectedInput(f"sidecar {sidecar.name} holds a {type(data).__name__}; expected an object of article fields")
    return {key: value for key, value in _fields_from_mapping(data).items() if key in data or any(alias in data for alias in FIELD_ALIASES[key])}


def read_file(path: Path, settings: Settings) -> SourceBatch:
    """Read one file into raw records, rejects and warnings (never raises for bad input)."""
    source = str(path)
    batch = SourceBatch()
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise RejectedInput(f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        cap = settings.max_article_bytes if suffix in SINGLE_ARTICLE_SUFFIXES else settings.max_article_bytes * CONTAINER_CAP_FACTOR
        size = path.stat().st_size
        if size > cap:
            raise RejectedInput(f"file is {size} bytes, over the cap of {cap} bytes (ingest.max_article_bytes)")
        data = path.read_bytes()
        if suffix in FEED_SUFFIXES:
            batch.records, batch.rejects = read_feed(data, source)
            return batch
        text, warning = decode_bytes(data, source)
        if warning:
            batch.warnings.append(warning)
        if suffix in CSV_SUFFIXES:
            batch.records, batch.rejects, warnings = read_csv(text, source)
            batch.warnings += warnings
        elif suffix in JSON_SUFFIXES:
            batch.records, batch.rejects = read_json(text, source)
        elif suffix in JSONL_SUFFIXES:
            batch.records, batch.rejects = read_jsonl(text, source)
        else:
            reader = {**dict.fromkeys(TEXT_SUFFIXES, read_text_file), **dict.fromkeys(MARKDOWN_SUFFIXES, read_markdown), **dict.fromkeys(HTML_SUFFIXES, read_html)}[suffix]
            batch.records = reader(text, source)
            sidecar = _read_sidecar(path)
            for record in batch.records:
                if sidecar.get("title") and record.get("text"):
                    record["text"] = _drop_leading_title(record["text"], str(sidecar["title"]))
                record.update(sidecar)
    except RejectedInput as error:
        batch.rejects.append(Reject(source, "", str(error)))
    except OSError as error:
        batch.rejects.append(Reject(source, "", f"cannot read the file ({error.strerror or error})"))
    return batch


def read_url(url: str, settings: Settings, *, allow_loopback: bool = False) -> SourceBatch:
    """Fetch a feed or article page URL (flows.fetch) and read it (never raises for bad input)."""
    from flows.fetch import FetchError, fetch

    batch = SourceBatch()
    try:
        response = fetch(url, timeout=settings.url_timeout_seconds, max_bytes=settings.url_max_bytes, allow_loopback=allow_loopback)
        if _looks_like_feed(response.content_type, response.body):
            batch.records, batch.rejects = read_feed(response.body, url)
        else:
            charset = re.search(r"charset=([\w-]+)", response.content_type)
            try:
                html = response.body.decode(charset.group(1)) if charset else None
            except (LookupError, UnicodeDecodeError):
                html = None
            if html is None:
                html, warning = decode_bytes(response.body, url)
                if warning:
                    batch.warnings.append(warning)
            batch.records = read_html(html, url, url=response.url)
            for record in batch.records:
                record["derived_outlet"] = record.get("outlet") is None
                record["outlet"] = record.get("outlet") or outlet_from_url(response.url)
    except FetchError as error:
        batch.rejects.append(Reject(url, "", str(error), transient=error.transient))
    except RejectedInput as error:
        batch.rejects.append(Reject(url, "", str(error)))
    return batch


def read_source(settings: Settings, source: str | Path, outlet: str | None = None, *, allow_loopback: bool = False) -> tuple[pd.DataFrame, list[Reject], list[str]]:
    """Read one source (folder, file or URL) into a validated ``Articles`` frame, rejects and warnings; stores nothing."""
    batch = SourceBatch()
    for item in expand_source(source):
        if isinstance(item, Reject):
            batch.rejects.append(item)
            continue
        part = read_url(item, settings, allow_loopback=allow_loopback) if "://" in item else read_file(Path(item), settings)
        batch.records += part.records
        batch.rejects += part.rejects
        batch.warnings += part.warnings
    frame, rejects, warnings = to_articles(batch.records, settings, outlet=outlet)
    return frame, batch.rejects + rejects, batch.warnings + warnings


# --- raw records -> Articles -------------------------------------------------------------------


def _article_row(record: dict, settings: Settings, outlet: str | None) -> tuple[dict, list[str]]:
    """Turn one raw record into an Articles row; return (row, warnings).

    Raises:
        RejectedInput: no text, text over the size cap, or a bad label.
    """
    warnings = []
    where = f"{record['source']} {record['record']}".strip()
    text = clean_text(_as_text(record.get("text")) or "")
    if not text:
        raise RejectedInput("no article text")
    size = len(text.encode("utf-8"))
    if size > settings.max_article_bytes:
        raise RejectedInput(f"article text is {size} bytes, over the cap of {settings.max_article_bytes} bytes (ingest.max_article_bytes)")
    try:
        label = parse_label(record.get("label"))
    except ValueError as error:
        raise RejectedInput(str(error)) from error
    try:
        published = parse_published(record.get("published"))
    except ValueError as error:
        warnings.append(f"{where}: {error}; stored without a publication time")
        published = None
    own_outlet = _as_text(record.get("outlet"))
    if record.get("derived_outlet"):
        chosen_outlet = outlet or own_outlet or "unknown"
    else:
        chosen_outlet = own_outlet or outlet or "unknown"
    digest = content_hash(text)
    row = {
        Articles.article_id: digest[:16],
        Articles.content_hash: digest,
        Articles.external_id: _as_text(record.get("external_id")),
        Articles.outlet: chosen_outlet,
        Articles.url: _as_text(record.get("url")),
        Articles.title: fold_whitespace(str(record.get("title") or "")),
        Articles.published: published,
        Articles.text: text,
        Articles.language: (_as_text(record.get("language")) or guess_language(text)).lower(),
        Articles.label: label,
        Articles.source: record["source"],
    }
    return row, warnings


def empty_articles() -> pd.DataFrame:
    """An empty frame with the Articles columns and dtypes."""
    return _articles_frame([])


def as_articles(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of article rows (e.g. read back from the store) the Articles columns and dtypes, validated.

    Extra columns (``ingested_at``) are dropped; an all-null ``label`` or ``published`` gets its proper dtype.

    Raises:
        pandera.errors.SchemaErrors: a row breaks the Articles schema (every failure listed).
    """
    return Articles.validate(_articles_frame(frame[[name for name in Articles.to_schema().columns if name in frame.columns]]), lazy=True)


def _articles_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    columns = list(Articles.to_schema().columns)
    frame = pd.DataFrame(rows, columns=columns)
    for name in columns:
        if name == Articles.published:
            frame[name] = pd.to_datetime(frame[name], utc=True).astype("datetime64[us, UTC]")
        elif name == Articles.label:
            frame[name] = frame[name].astype("float64")
        else:
            frame[name] = frame[name].astype("str")
    return frame


def to_articles(records: list[dict], settings: Settings, outlet: str | None = None) -> tuple[pd.DataFrame, list[Reject], list[str]]:
    """Validate raw records into an ``Articles`` frame (one row per content hash); return (frame, rejects, warnings)."""
    frame, rejects, warnings, _duplicates = _to_articles(records, settings, outlet)
    return frame, rejects, warnings


def _to_articles(records: list[dict], settings: Settings, outlet: str | None) -> tuple[pd.DataFrame, list[Reject], list[str], int]:
    """``to_articles`` that also returns how many records repeated an earlier record's text."""
    rows, rejects, warnings, seen, duplicates = [], [], [], {}, 0
    for record in records:
        try:
            row, row_warnings = _article_row(record, settings, outlet)
        except RejectedInput as error:
            rejects.append(Reject(record["source"], record["record"], str(error)))
            continue
        warnings += row_warnings
        kept = seen.get(row[Articles.content_hash])
        if kept is not None:
            duplicates += 1
            if kept[Articles.label] is not None and row[Articles.label] is not None and kept[Articles.label] != row[Articles.label]:
                warnings.append(
                    f"{record['source']} {record['record']}: same text as {kept['_record']} but label {row[Articles.label]:g} "
                    f"instead of {kept[Articles.label]:g}; kept the first"
                )
            continue
        seen[row[Articles.content_hash]] = {**row, "_record": record["record"] or record["source"]}
        rows.append(row)
    frame = _articles_frame(rows)
    try:
        frame = Articles.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as error:
        bad = set(error.failure_cases["index"].dropna().astype(int))
        for index in sorted(bad):
            failures = error.failure_cases[error.failure_cases["index"] == index]
            reason = "; ".join(f"{column}: {check}" for column, check in zip(failures["column"], failures["check"]))
            rejects.append(Reject(rows[index][Articles.source], "", f"fails the Articles schema ({reason})"))
        frame = Articles.validate(frame.drop(index=list(bad)).reset_index(drop=True), lazy=True)
    return frame, rejects, warnings, duplicates


# --- ingest -----------------------------------------------------------------------------------


class _Writer:
    """Buffers raw records and writes them to the store in chunks, keeping the counts."""

    def __init__(self, engine, settings: Settings, outlet: str | None, result: IngestResult):
        self.engine, self.settings, self.outlet, self.result = engine, settings, outlet, result
        self.pending: list[dict] = []
        self.seen: set[str] = set()

    def add(self, batch: SourceBatch) -> None:
        self.pending += batch.records
        self.result.warnings += batch.warnings
        self.reject(batch.rejects)
        if len(self.pending) >= CHUNK_ROWS:
            self.flush()

    def reject(self, rejects: list[Reject]) -> None:
        if not rejects:
            return
        for reject in rejects:
            logger.info("%s", reject.line())
        self.result.rejects += rejects
        self.result.rejected += len(rejects)
        now = store.utcnow()
        store.insert_new(self.engine, store.rejects, [{"source": r.source, "record": r.record, "reason": r.reason, "rejected_at": now} for r in rejects])

    def flush(self) -> None:
        records, self.pending = self.pending, []
        frame, rejects, warnings, duplicates = _to_articles(records, self.settings, self.outlet)
        self.result.unchanged += duplicates
        self.result.warnings += warnings
        self.reject(rejects)
        fresh = frame[~frame[Articles.content_hash].isin(self.seen)]
        self.result.unchanged += len(frame) - len(fresh)
        self.seen.update(fresh[Articles.content_hash])
        rows = store.frame_to_rows(fresh, store.articles)
        now = store.utcnow()
        for row in rows:
            row["ingested_at"] = now
        added = store.insert_new(self.engine, store.articles, rows)
        self.result.new += added
        self.result.unchanged += len(rows) - added
        self.result.article_ids += list(fresh[Articles.article_id])


def ingest_sources(settings: Settings, sources: list[str | Path], outlet: str | None = None, quiet: bool = False, *, allow_loopback: bool = False) -> IngestResult:
    """Read every source and store its articles; re-ingesting the same article is a no-op.

    Args:
        settings: resolved settings (store URL, size cap, URL timeout and byte cap).
        sources: folders, files, feed URLs or page URLs.
        outlet: outlet id for articles whose source names none (a feed or page URL's host name counts as none).
        quiet: no progress bar.
        allow_loopback: let URL sources on 127.0.0.1 through (tests with a local server only).

    Returns:
        Counts (new, unchanged, rejected), the ids of every accepted article, reject lines and warnings.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if isinstance(sources, (str, Path)):
        sources = [sources]
    started = time.perf_counter()
    engine = store.connect(settings.store_url)
    result = IngestResult()
    writer = _Writer(engine, settings, outlet, result)
    items = [item for source in sources for item in expand_source(source)]
    progress = Progress(
        TextColumn("[bold]ingest[/] {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), disable=quiet, transient=False,
    )
    with progress:
        task = progress.add_task("sources", total=len(items))
        for item in items:
            if isinstance(item, Reject):
                writer.reject([item])
            elif "://" in item:
                writer.add(read_url(item, settings, allow_loopback=allow_loopback))
            else:
                writer.add(read_file(Path(item), settings))
            progress.update(task, advance=1, description=f"{result.new} new, {result.unchanged} unchanged, {result.rejected} rejected")
        writer.flush()
        progress.update(task, description=f"{result.new} new, {result.unchanged} unchanged, {result.rejected} rejected")
    engine.dispose()
    for warning in result.warnings:
        logger.info("warning: %s", warning)
    result.seconds = time.perf_counter() - started
    logger.info("%s in %.2f s", result.summary(), result.seconds)
    return result
