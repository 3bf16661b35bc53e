"""Benchmark: claim extraction on the distinct FA-KES articles (one core). Prints articles/s, claims/s, peak memory,
with the compiled extraction modules (``make native``) and, in a second interpreter, from source."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

import features.extract
from features._native import PURE_ENV, is_compiled
from features.extract import articles_from_texts, compile_pack, extract_claims
from flows.packs import load_pack


def _fakes_articles(fakes_csv) -> pd.DataFrame:
    fakes = pd.read_csv(fakes_csv, dtype={"unit_id": str})
    frames = [
        articles_from_texts([row.article_content], outlet=row.source, published=pd.to_datetime(row.date, format="%m/%d/%Y"), external_ids=[row.unit_id])
        for row in fakes.itertuples()
    ]
    return pd.concat(frames, ignore_index=True).drop_duplicates("article_id").reset_index(drop=True)


def measure(fakes_csv) -> tuple[str, int, int]:
    """Time extraction on FA-KES: the report lines, the number of articles and of claims."""
    pack = load_pack("syria")
    articles = _fakes_articles(fakes_csv)
    started = time.perf_counter()
    compile_pack(pack)
    compile_seconds = time.perf_counter() - started
    extract_claims(articles.head(20), pack)  # warm the vocabulary
    tokenizer = compile_pack(pack).nlp.tokenizer
    tokenize_cpu = []  # the first pass meets most word forms for the first time; later ones find them in spaCy's cache
    for _ in range(3):
        tokenize_started = time.process_time()
        for _doc in tokenizer.pipe(articles["text"]):
            pass
        tokenize_cpu.append(time.process_time() - tokenize_started)
    rounds = []
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        claims = extract_claims(articles, pack)
        rounds.append((time.perf_counter() - wall, time.process_time() - cpu))
    best_wall, best_cpu = min(r[0] for r in rounds), min(r[1] for r in rounds)
    tracemalloc.start()
    extract_claims(articles, pack)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(articles)
    mode = "compiled (Cython)" if is_compiled(features.extract) else "from source"
    report = (
        f"extract, {mode}: {n} FA-KES articles, {len(claims)} claims; pack compile {compile_seconds:.2f} s\n"
        f"  tokenizer alone: {n / tokenize_cpu[0]:.0f} articles/s CPU on first sight of the texts, {n / min(tokenize_cpu[1:]):.0f} articles/s once cached\n"
        f"  extraction: {n / best_cpu:.0f} articles/s CPU time, {n / best_wall:.0f} articles/s wall (best of 5); "
        f"{len(claims) / best_cpu:.0f} claims/s CPU\n"
        f"  peak traced memory during extraction {peak / 1e6:.1f} MB; process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )
    return report, n, len(claims)


@pytest.mark.bench
def test_bench_extract_fakes(fakes_csv):
    """Check extraction speed on FA-KES and print articles/s (wall and CPU), claims/s and peak memory, with the
    modules in use (compiled after ``make native``) and then from source in a fresh interpreter."""
    report, n, n_claims = measure(fakes_csv)
    print("\n" + report)
    assert n_claims > n
    if is_compiled(features.extract):
        script = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from test_bench_extract import measure; print(measure({str(fakes_csv)!r})[0])"
        environment = {**os.environ, PURE_ENV: "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment)
        assert result.returncode == 0, result.stderr
        print(result.stdout.rstrip())
        assert "from source" in result.stdout
