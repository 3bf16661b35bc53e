"""Benchmark: `claimcred run` stages on FA-KES, the pure pipeline vs the same under Prefect.

Prints per-stage seconds, articles/s and claims/s, and the overhead Prefect adds (flow wall time minus
the sum of its stages) and MLflow adds (champion lookup/registration and the logged scoring run).
Run with `make bench` (minutes: two fresh data homes over the FA-KES early part).
"""

from __future__ import annotations

import resource
import time

import pytest

from flows.config import load_settings, prepare_environment


def _report(label: str, wall: float, ingest_seconds: float, result: dict) -> None:
    timings = result["timings"]
    stages = sum(timings.values())
    print(f"\n[{label}] wall {wall:.1f} s; ingest {ingest_seconds:.1f} s; stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    print(f"[{label}] {result['n_articles']} articles, {result['n_claims']} claims, {result['n_scored']} scored; "
          f"{result['n_articles'] / stages:.1f} articles/s and {result['n_claims'] / stages:.1f} claims/s over the scoring stages")
    print(f"[{label}] MLflow share (champion + record): {timings['champion'] + timings['record']:.1f} s; "
          f"outside the stages (Prefect, imports): {wall - ingest_seconds - stages:.1f} s; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


@pytest.mark.bench
def test_bench_run_fakes_plain_then_prefect(tmp_path, fakes_csv):
    """Check that both paths score every FA-KES claim, and print their timings."""
    from flows import scoring
    from flows.ingest import ingest_sources

    settings = load_settings(home=tmp_path / "plain")
    prepare_environment(settings)
    started = time.perf_counter()
    ingest_sources(settings, [str(fakes_csv)], quiet=True)
    ingest_seconds = time.perf_counter() - started
    plain = scoring.score_pass(settings, wait_seconds=0)
    _report("plain", time.perf_counter() - started, ingest_seconds, plain)

    from flows import pipeline

    started = time.perf_counter()
    result = pipeline.run_flow(sources=[str(fakes_csv)], home=str(tmp_path / "prefect"), wait_seconds=0)
    _report("prefect", time.perf_counter() - started, result["ingest"]["seconds"], result["score"])
    assert result["score"]["n_scored"] == plain["n_scored"] == plain["n_claims"]
