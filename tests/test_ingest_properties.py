"""Hypothesis property tests for the ingest parsers: decoding, hashing, dates, labels, JSONL and CSV round-trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.ingest import (
    RejectedInput,
    content_hash,
    decode_bytes,
    fold_whitespace,
    guess_language,
    parse_label,
    parse_published,
    read_csv,
    read_jsonl,
)

printable_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300).filter(lambda text: text.strip())
whitespace = st.text(alphabet=" \t\n\r\u00a0\u2003", min_size=1, max_size=4)


@given(printable_text)
def test_decode_bytes_round_trips_utf8(text):
    """Check that any UTF-8 text without control characters decodes back unchanged and without a warning."""
    assert decode_bytes(text.encode("utf-8"), "x") == (text, None)


@given(st.binary(min_size=1, max_size=2000))
def test_decode_bytes_is_deterministic_or_rejects(data):
    """Check that arbitrary bytes either decode the same way twice or are rejected with a reason."""
    try:
        first = decode_bytes(data, "x")
    except RejectedInput as error:
        assert str(error)
        return
    assert decode_bytes(data, "x") == first
    if first[1] is not None:
        assert "not valid UTF-8" in first[1] and ("cp1252" in first[1] or "latin-1" in first[1])


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Z", "Cc", "Cs")), min_size=1, max_size=12), min_size=1, max_size=30), st.data())
def test_content_hash_ignores_whitespace_layout(words, data):
    """Check that the content hash depends on the words only, not on how whitespace separates them."""
    separators = [data.draw(whitespace) for _ in words]
    spaced = "".join(word + separator for word, separator in zip(words, separators))
    assert content_hash(spaced) == content_hash(" ".join(words))
    assert fold_whitespace(spaced) == " ".join(words)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)), st.integers(min_value=-12 * 60, max_value=14 * 60))
def test_parse_published_round_trips_iso_with_offsets(moment, offset_minutes):
    """Check that an ISO time with any UTC offset parses to the same instant in UTC."""
    from datetime import timezone

    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=offset_minutes)))
    parsed = parse_published(aware.isoformat())
    assert parsed == pd.Timestamp(aware).tz_convert("UTC")
    assert str(parsed.tz) == "UTC"


@given(st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2200, 1, 1).date()))
def test_parse_published_naive_date_is_utc_midnight(day):
    """Check that a bare date is read as midnight UTC."""
    assert parse_published(day.isoformat()) == pd.Timestamp(datetime(day.year, day.month, day.day, tzinfo=UTC))


@given(st.one_of(st.sampled_from(["1", "0", "1.0", "0.0", "true", "FALSE", "", " "]), st.none()))
def test_parse_label_accepts_documented_values(value):
    """Check that documented label spellings map to 1.0, 0.0 or None."""
    assert parse_label(value) in (1.0, 0.0, None)


@given(st.text(max_size=10).filter(lambda text: text.strip().lower() not in {"1", "0", "1.0", "0.0", "true", "false", ""}))
def test_parse_label_rejects_anything_else(value):
    """Check that any other label value raises with the offending value."""
    with pytest.raises(ValueError, match="is not 1 \\(credible\\), 0 \\(fake\\)"):
        parse_label(value)


article = st.fixed_dictionaries({"title": st.text(max_size=40), "text": printable_text, "outlet": st.text(min_size=1, max_size=20)})


@given(st.lists(article, min_size=1, max_size=8))
def test_read_jsonl_round_trips_records(records):
    """Check that articles written as JSONL are read back field for field, one record per line."""
    text = "\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    found, rejects = read_jsonl(text, "mem.jsonl")
    assert not rejects
    assert [(item["title"], item["text"], item["outlet"]) for item in found] == [(r["title"], r["text"], r["outlet"]) for r in records]


@given(st.lists(article, min_size=1, max_size=8))
def test_read_csv_generic_round_trips_records(records):
    """Check that articles written as a generic CSV (quoted by the csv module) are read back unchanged."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=["title", "text", "outlet"])
    writer.writeheader()
    writer.writerows(records)
    found, rejects, _warnings = read_csv(buffer.getvalue(), "mem.csv")
    assert not rejects
    kept = [record for record in records if any(value.strip() for value in record.values())]
    assert [(item["title"], item["text"], item["outlet"]) for item in found] == [(r["title"], r["text"], r["outlet"]) for r in kept]


@given(st.text(max_size=200))
def test_guess_language_returns_a_code(text):
    """Check that the language guess is always a short lowercase code or 'und'."""
    code = guess_language(text)
    assert code == "und" or (code.isalpha() and code.islower() and len(code) == 2)


def test_guess_language_recognises_scripts_and_stopwords():
    """Check the language guess on English, French, Arabic and Persian sentences."""
    assert guess_language("The fighters said that the pass was held by the resistance.") == "en"
    assert guess_language("Les combattants ont dit que le col est tenu par la résistance et les forces.") == "fr"
    assert guess_language("قال المتحدث إن القوات سيطرت على المنطقة") == "ar"
    assert guess_language("سخنگوی طالبان گفت که پنجشیر سقوط کرد") == "fa"
