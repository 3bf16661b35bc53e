"""Benchmark: ingest rate (articles/s) on the 561 FA-KES articles in ../shared; run with `make bench`."""

from __future__ import annotations

import resource
import time
import tracemalloc

import pytest

from flows.config import load_settings
from flows.ingest import ingest_sources


@pytest.mark.bench
def test_bench_ingest_fakes_rate(fakes_csv, tmp_path):
    """Check and print the ingest rate of the FA-KES CSV into a fresh store, then the re-ingest (no-op) rate."""
    settings = load_settings(home=tmp_path / "home")
    ingest_sources(load_settings(home=tmp_path / "warmup"), [str(fakes_csv)], quiet=True)  # imports and caches
    started = time.perf_counter()
    first = ingest_sources(settings, [str(fakes_csv)], quiet=True)
    fresh_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = ingest_sources(settings, [str(fakes_csv)], quiet=True)
    again_seconds = time.perf_counter() - started
    rows = first.total
    tracemalloc.start()
    ingest_sources(load_settings(home=tmp_path / "traced"), [str(fakes_csv)], quiet=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"\nFA-KES ingest ({rows} records, {first.new} distinct articles): fresh store (after a warm-up run) {fresh_seconds:.2f} s = {rows / fresh_seconds:.0f} articles/s; "
        f"re-ingest (no-op) {again_seconds:.2f} s = {rows / again_seconds:.0f} articles/s; "
        f"peak traced memory {peak / 1e6:.1f} MB; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    assert first.rejected == 0 and second.new == 0
    assert second.unchanged == rows
