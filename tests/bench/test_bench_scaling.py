"""Benchmark: scaling from 1k to 10k articles, for extraction alone and for the plain pipeline (ingest -> score).

FA-KES holds 553 distinct articles, so the larger corpora are built from its sentences: article ``i`` takes
the sentences of one FA-KES article and three of another, in a seeded random order, under that article's
outlet and date moved on by 30 days for each pass over FA-KES (so each pass reports its own month, as a
longer run of real reporting would, instead of piling 18 copies of every story onto the same days). The
texts are new (every article is distinct), the vocabulary and the reporting style are real.
They are written to ``tmp_path`` only and never kept. Results on FA-KES text: Abu Salem et al., ICWSM 2019
(CC BY 4.0).

Prints articles/s, claims/s, peak traced memory (extraction) and peak RSS, and the ratio of per-article
cost at 10k to that at 1k (1.0 is linear). Run with ``make bench``.
"""

from __future__ import annotations

import json
import random
import re
import resource
import time
import tracemalloc

import pandas as pd
import pytest

import features.extract
from features._native import is_compiled
from features.extract import articles_from_texts, extract_claims
from flows.config import load_settings, prepare_environment
from flows.packs import load_pack

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SIZES = (1_000, 10_000)


def recombined_articles(fakes_csv, n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` distinct articles made of the sentences of two FA-KES articles each, in a seeded random order."""
    fakes = pd.read_csv(fakes_csv, dtype={"unit_id": str}).drop_duplicates("article_content").reset_index(drop=True)
    sentences = [_SENTENCE_END.split(text) for text in fakes["article_content"]]
    rng = random.Random(seed)
    rows = []
    for index in range(n):
        first, second = index % len(fakes), rng.randrange(len(fakes))
        picked = sentences[first] + rng.sample(sentences[second], k=min(3, len(sentences[second])))
        rng.shuffle(picked)
        rows.append({
            "external_id": f"recombined-{seed}-{index}",
            "outlet": fakes.at[first, "source"],
            "published": (pd.to_datetime(fakes.at[first, "date"], format="%m/%d/%Y") + pd.Timedelta(days=30 * (index // len(fakes)))).strftime("%Y-%m-%d"),
            "text": " ".join(picked),
        })
    return pd.DataFrame(rows)


def _extraction_mode() -> str:
    return "compiled (Cython)" if is_compiled(features.extract) else "from source"


@pytest.mark.bench
def test_bench_extract_scaling(fakes_csv):
    """Check that extraction cost per article stays flat from 1k to 10k articles, and print the figures."""
    pack = load_pack("syria")
    per_article = {}
    for n in SIZES:
        corpus = recombined_articles(fakes_csv, n)
        articles = pd.concat(
            [articles_from_texts([row.text], outlet=row.outlet, published=row.published, external_ids=[row.external_id]) for row in corpus.itertuples()],
            ignore_index=True,
        )
        extract_claims(articles.head(50), pack)  # compile the pack outside the timing
        wall, cpu = time.perf_counter(), time.process_time()
        claims = extract_claims(articles, pack)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        tracemalloc.start()
        extract_claims(articles.head(1_000), pack)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        per_article[n] = cpu / n
        print(f"\nextract scaling ({_extraction_mode()}): {n} articles, {len(claims)} claims in {cpu:.1f} s CPU ({wall:.1f} s wall): "
              f"{n / cpu:.0f} articles/s, {len(claims) / cpu:.0f} claims/s; peak traced memory per 1k articles "
              f"{peak / 1e6:.1f} MB; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
        assert len(claims) > n
    print(f"extract scaling: CPU per article at {SIZES[-1]} / at {SIZES[0]} = {per_article[SIZES[-1]] / per_article[SIZES[0]]:.2f}")


@pytest.mark.bench
def test_bench_pipeline_scaling(tmp_path, fakes_csv):
    """Check that the plain pipeline (ingest, extract, features with corroboration, score, store) scores every
    claim at 1k and 10k articles, and print its rates."""
    from flows import scoring
    from flows.ingest import ingest_sources

    per_article = {}
    for n in SIZES:
        corpus = recombined_articles(fakes_csv, n, seed=11)
        source = tmp_path / f"recombined-{n}.jsonl"
        source.write_text("\n".join(json.dumps(row) for row in corpus.to_dict("records")), encoding="utf-8")
        settings = load_settings(home=tmp_path / f"home-{n}")
        prepare_environment(settings)
        started = time.perf_counter()
        ingested = ingest_sources(settings, [str(source)], quiet=True)
        ingest_seconds = time.perf_counter() - started
        result = scoring.score_pass(settings, wait_seconds=0)
        wall = time.perf_counter() - started
        per_article[n] = wall / n
        stages = ", ".join(f"{key} {value:.1f} s" for key, value in result["timings"].items())
        print(f"\npipeline scaling (extraction {_extraction_mode()}): {n} articles ({ingested.new} new), {result['n_claims']} claims, {result['n_scored']} scored "
              f"in {wall:.1f} s wall: {n / wall:.1f} articles/s, {result['n_claims'] / wall:.0f} claims/s; "
              f"ingest {ingest_seconds:.1f} s; {stages}; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
        assert ingested.new == n
        assert result["n_scored"] == result["n_claims"] > n
    print(f"pipeline scaling: wall per article at {SIZES[-1]} / at {SIZES[0]} = {per_article[SIZES[-1]] / per_article[SIZES[0]]:.2f}")
