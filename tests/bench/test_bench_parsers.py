"""Benchmark: the pure-Python parsers alone (find_quantities, resolve_event_date) over FA-KES sentences. Prints calls/s."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from features.dates import resolve_event_date
from features.numbers import DEFAULT_OUTCOMES, find_quantities

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _fakes_sentences(fakes_csv) -> list[tuple[str, pd.Timestamp]]:
    fakes = pd.read_csv(fakes_csv, dtype={"unit_id": str})
    sentences = []
    for row in fakes.itertuples():
        published = pd.to_datetime(row.date, format="%m/%d/%Y").tz_localize("UTC")
        sentences.extend((sentence, published) for sentence in _SENTENCE_END.split(str(row.article_content)) if sentence)
    return sentences


def _min_cpu_seconds(run, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.bench
def test_bench_parsers_fakes(fakes_csv):
    """Check the parsers' speed on every FA-KES sentence and print find_quantities and resolve_event_date calls/s."""
    sentences = _fakes_sentences(fakes_csv)
    quantities_seconds = _min_cpu_seconds(lambda: [find_quantities(text, DEFAULT_OUTCOMES) for text, _ in sentences])
    dates_seconds = _min_cpu_seconds(lambda: [resolve_event_date(text, published) for text, published in sentences])
    print(
        f"\nparsers over {len(sentences)} FA-KES sentences (min CPU of 5 rounds): "
        f"find_quantities {quantities_seconds * 1000:.1f} ms ({len(sentences) / quantities_seconds:,.0f} calls/s), "
        f"resolve_event_date {dates_seconds * 1000:.1f} ms ({len(sentences) / dates_seconds:,.0f} calls/s)"
    )
    assert quantities_seconds > 0 and dates_seconds > 0
