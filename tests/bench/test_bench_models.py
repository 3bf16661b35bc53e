"""Benchmarks of scoring and training (run with `make bench`); they print claims/s and peak memory."""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from modelframes import random_claim_features  # noqa: E402

from models import train  # noqa: E402
from models.feature_sets import FEATURE_COLUMNS, model_input  # noqa: E402
from models.pyfunc import score_inputs  # noqa: E402
from models.scorecard import ExpertPriorScorecard  # noqa: E402


@pytest.mark.bench
@pytest.mark.parametrize("n_claims", [1000, 10000])
def test_bench_score_claims(n_claims):
    """Check and print scoring throughput (probability, grade, reasons) of the scorecard and a trained candidate."""
    features, labels = random_claim_features(n_claims, 0)
    inputs = model_input(features)
    models = {"scorecard": ExpertPriorScorecard().fit(inputs[FEATURE_COLUMNS])}
    models |= train.fit_candidates(inputs[FEATURE_COLUMNS].head(2000), labels[:2000])
    for name, model in models.items():
        tracemalloc.start()
        start = time.perf_counter()
        scored = score_inputs(model, inputs)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(scored) == n_claims
        print(f"\n{name}: {n_claims} claims scored with reasons in {seconds:.2f} s = {n_claims / seconds:,.0f} claims/s, peak {peak / 1e6:.1f} MB")


@pytest.mark.bench
def test_bench_fit_candidates():
    """Check and print how long fitting the three calibrated candidates takes on 5000 claims."""
    features, labels = random_claim_features(5000, 0)
    inputs = model_input(features)[FEATURE_COLUMNS]
    start = time.perf_counter()
    train.fit_candidates(inputs, labels)
    print(f"\nfit 3 calibrated candidates on 5000 claims: {time.perf_counter() - start:.1f} s")
