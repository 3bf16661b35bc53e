"""Extraction quality on the annotated set (tests/data/extraction_eval.csv): thresholds that fail if extraction breaks."""

from __future__ import annotations

import pytest

from extraction_eval import evaluate

# Measured figures are printed by `python tests/extraction_eval.py`; these floors sit a few points below them.
FLOORS = {
    "claim_recall": 0.90,
    "claim_precision": 0.85,
    "speaker_recall": 0.75,
    "attribution_recall": 0.75,
    "quantities_recall": 0.85,
    "quantities_precision": 0.85,
    "places_recall": 0.85,
    "event_date_accuracy": 0.85,
}
SEED_FLOORS = {"claim_recall": 0.95, "speaker_recall": 0.90, "quantities_recall": 0.95, "places_recall": 0.95, "attribution_recall": 0.90}


@pytest.fixture(scope="module")
def measured(seed_article, fakes_csv):
    """Overall and seed metrics of the evaluation set."""
    overall, seed, _ = evaluate()
    return overall, seed


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_extraction_eval_meets_floor_overall(measured, metric):
    """Check that each overall metric on the annotated set stays above its floor."""
    assert measured[0][metric] >= FLOORS[metric], f"{metric} = {measured[0][metric]:.3f}, floor {FLOORS[metric]}"


@pytest.mark.parametrize("metric", sorted(SEED_FLOORS))
def test_extraction_eval_meets_floor_on_the_seed(measured, metric):
    """Check that each metric on the seed article stays above its floor."""
    assert measured[1][metric] >= SEED_FLOORS[metric], f"seed {metric} = {measured[1][metric]:.3f}, floor {SEED_FLOORS[metric]}"
