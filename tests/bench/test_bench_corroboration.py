"""Benchmark: corroboration (and all families) on 10k and 100k synthetic claims. Run with `make bench`.

Synthetic theatre: 20 governorates with 5 districts each, 8 claim types, one year of dates,
300 speakers in 4 camps, 15 outlets; n/4 events each reported about four times with noise,
one claim in ten a reprint of another (wire copy), one in twenty an inflated number.
Prints seconds, claims/s and the process's peak resident memory (tracemalloc would slow the run several-fold); the target is 100 000 claims in under 60 s
on one core for corroboration.
"""

from __future__ import annotations

import os
import time
import resource

import numpy as np
import pandas as pd
import pytest

from features.assemble import build_features
from features.corroboration import build_corroboration_features
from features.schemas import CLAIM_TYPES, Claims
from features.theatre import TheatrePack
from tests.feature_packs import blackout_frame

CAMPS = ["government", "opposition", "isis", "neutral"]


def synthetic_pack() -> TheatrePack:
    """A Syria-like pack with 20 governorates x 5 districts, 300 speakers, 15 outlets."""
    places = [{"name": "Country", "kind": "country", "aliases": [], "parent": None, "neighbours": []}]
    for g in range(20):
        places.append({"name": f"Gov{g}", "kind": "governorate", "aliases": [], "parent": "Country", "neighbours": [f"Gov{(g + 1) % 20}"]})
        places += [{"name": f"Gov{g}-D{d}", "kind": "district", "aliases": [], "parent": f"Gov{g}", "neighbours": []} for d in range(5)]
    camps = pd.DataFrame(
        [
            {"camp": "government", "is_party": True, "opponents": ["opposition", "isis"], "description": "g"},
            {"camp": "opposition", "is_party": True, "opponents": ["government"], "description": "o"},
            {"camp": "isis", "is_party": True, "opponents": ["government", "opposition"], "description": "i"},
            {"camp": "neutral", "is_party": False, "opponents": [], "description": "n"},
        ]
    )
    sources = [{"name": f"speaker{s}", "kind": "person", "aliases": [], "camp": CAMPS[s % 4], "reliability": None, "parent": None, "anonymous": False} for s in range(300)]
    sources += [{"name": f"outlet{o}", "kind": "outlet", "aliases": [], "camp": CAMPS[o % 4], "reliability": "C", "parent": None, "anonymous": False} for o in range(15)]
    lexicon = pd.DataFrame([{"category": "denial", "phrase": "denied", "note": None}, {"category": "combatant", "phrase": "regime", "note": "government"}])
    return TheatrePack.from_tables(
        "synthetic", "0", "bench", camps=camps, sources=pd.DataFrame(sources), places=pd.DataFrame(places),
        blackouts=blackout_frame([{"region": "Gov3", "start": "2016-03-01", "end": "2016-03-20"}]), lexicon=lexicon,
    )


def synthetic_claims(n: int, seed: int) -> pd.DataFrame:
    """n claims reporting n/4 events over one year: each claim picks an event and reports it with its own
    speaker, outlet and noise (±1 day, ±5 % on the number, a quarter named at governorate level); one claim in
    ten is a reprint of an earlier sentence (wire copy) and one in twenty inflates the number threefold."""
    rng = np.random.default_rng(seed)
    n_events = max(n // 4, 1)
    event_governorate = rng.integers(0, 20, n_events)
    event_district = rng.integers(0, 5, n_events)
    event_day = rng.integers(0, 365, n_events)
    event_type = np.array(CLAIM_TYPES)[rng.integers(0, len(CLAIM_TYPES), n_events)]
    event_value = rng.integers(3, 80, n_events)
    event_kind = rng.choice(["killed", "injured", "captured"], n_events)
    event_word = np.array(["regime soldiers", "rebels", "civilians", "people"])[rng.integers(0, 4, n_events)]
    event = rng.integers(0, n_events, n)
    speaker = rng.integers(0, 300, n)
    sentence_number = np.arange(n)
    reprint = rng.random(n) < 0.1
    original = rng.integers(0, n, reprint.sum())
    sentence_number[reprint] = original
    speaker[reprint] = speaker[original]
    event[reprint] = event[original]
    governorate, district = event_governorate[event], event_district[event]
    day = event_day[event] + rng.integers(-1, 2, n)
    value = np.maximum(1, np.round(event_value[event] * rng.uniform(0.95, 1.05, n) * np.where(rng.random(n) < 0.05, 3, 1))).astype(int)
    kind, word = event_kind[event], event_word[event]
    at_governorate = rng.random(n) < 0.25
    published = pd.Timestamp("2016-01-01", tz="UTC") + pd.to_timedelta(day + 1, unit="D") + pd.to_timedelta(rng.integers(0, 86400, n), unit="s")
    claims = pd.DataFrame(
        {
            Claims.claim_id: [f"c{i}" for i in range(n)],
            Claims.article_id: [f"a{i // 3}" for i in range(n)],
            Claims.outlet: [f"outlet{o}" for o in rng.integers(0, 15, n)],
            Claims.published: published.astype("datetime64[us, UTC]"),
            Claims.theatre: "synthetic",
            Claims.text: [f"{v} {w} were {k} in Gov{g}-D{d}" for v, w, k, g, d in zip(value, word, kind, governorate, district)],
            Claims.sentence: [f"Sentence {s}." for s in sentence_number],
            Claims.sentence_index: 0,
            Claims.span_start: 0,
            Claims.span_end: 10,
            Claims.speaker: [f"speaker{s}" for s in speaker],
            Claims.speaker_camp: [CAMPS[s % 4] for s in speaker],
            Claims.anonymous: False,
            Claims.attribution: "reported_speech",
            Claims.reporting_verb: "said",
            Claims.hedges: [[] for _ in range(n)],
            Claims.quantities: [[{"value": float(v), "value_max": None, "counts": f"{w} {k}", "approximator": None, "text": str(v)}] for v, w, k in zip(value, word, kind)],
            Claims.places: [[f"Gov{g}"] if top else [f"Gov{g}-D{d}"] for g, d, top in zip(governorate, district, at_governorate)],
            Claims.event_date: (pd.Timestamp("2016-01-01", tz="UTC") + pd.to_timedelta(day, unit="D")).astype("datetime64[us, UTC]"),
            Claims.claim_type: event_type[event],
        }
    )
    for column in (Claims.claim_id, Claims.article_id, Claims.outlet, Claims.theatre, Claims.text, Claims.sentence, Claims.speaker, Claims.speaker_camp,
                   Claims.attribution, Claims.reporting_verb, Claims.claim_type):
        claims[column] = claims[column].astype(str)
    return Claims.validate(claims)


def _measure(label: str, function, n: int) -> float:
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\n{label}: {n} claims in {seconds:.2f} s = {n / seconds:,.0f} claims/s; process peak RSS {peak:.0f} MiB; "
          f"{int(result['independent_corroborations'].gt(0).sum())} corroborated, {int(result['contradictions'].gt(0).sum())} contradicted")
    return seconds


@pytest.mark.bench
@pytest.mark.parametrize("n", [10_000, 100_000])
def test_bench_corroboration(n):
    """Check that corroboration over n synthetic claims finishes (100k under 60 s) and print its throughput."""
    pack, claims = synthetic_pack(), synthetic_claims(n, int(os.environ.get("CLAIMCRED_TEST_SEED", "42")))
    seconds = _measure("corroboration", lambda: build_corroboration_features(claims, pack), n)
    assert seconds < 60 * n / 100_000 + 5


@pytest.mark.bench
@pytest.mark.parametrize("n", [10_000, 100_000])
def test_bench_all_families(n):
    """Print the throughput of build_features (all four families) over n synthetic claims."""
    pack, claims = synthetic_pack(), synthetic_claims(n, int(os.environ.get("CLAIMCRED_TEST_SEED", "42")))
    _measure("build_features", lambda: build_features(claims, pack), n)
