"""Synthetic ClaimFeatures-like frames for the model tests (no extraction needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd

BASE = {
    "article_id": "a0",
    "outlet": "example",
    "published": pd.Timestamp("2021-09-01", tz="UTC"),
    "theatre": "test",
    "text": "",
    "sentence": "",
    "sentence_index": 0,
    "span_start": 0,
    "span_end": 1,
    "speaker": "someone",
    "speaker_camp": "unknown",
    "anonymous": False,
    "attribution": "reported_speech",
    "reporting_verb": "said",
    "hedges": [],
    "quantities": [],
    "places": [],
    "event_date": pd.NaT,
    "claim_type": "other",
    "outlet_camp": "unknown",
    "speaker_is_party": False,
    "outlet_is_party": False,
    "self_serving": False,
    "against_interest": False,
    "outlet_camp_matches_speaker": False,
    "speaker_reliability": None,
    "outlet_reliability": None,
    "n_quantities": 0,
    "n_precise_numbers": 0,
    "n_round_numbers": 0,
    "n_named_places": 0,
    "n_named_units": 0,
    "n_times": 0,
    "n_named_people": 0,
    "n_approximators": 0,
    "n_hedges": 0,
    "specificity_score": 0.0,
    "in_blackout": False,
    "near_blackout": False,
    "blackout_days": None,
    "partial_restoration": False,
    "independent_corroborations": 0,
    "corroborating_outlets": 0,
    "cross_camp_confirmation": False,
    "contradictions": 0,
    "first_reported": True,
}


def claim_features(rows: list[dict]) -> pd.DataFrame:
    """A ClaimFeatures-like frame: BASE values overridden by each row dict; claim ids c0, c1, ..."""
    records = [{**BASE, "claim_id": f"c{i}", **row} for i, row in enumerate(rows)]
    return pd.DataFrame.from_records(records)


def seed_like_claims() -> pd.DataFrame:
    """Three claims shaped as extraction + features would give them for the seed article (Panjshir, 2021)."""
    blackout = {"in_blackout": True, "blackout_days": 4.0, "partial_restoration": True, "n_named_places": 1}
    return claim_features(
        [
            # "at least six resistance fighters said to have died in fighting for the district" (Gulbahar)
            {**blackout, "claim_type": "casualties", "speaker": "National Resistance Front", "speaker_camp": "resistance",
             "attribution": "passive", "speaker_is_party": True, "against_interest": True, "n_quantities": 1,
             "n_round_numbers": 1, "n_approximators": 1, "n_hedges": 1, "specificity_score": 0.35},
            # Dashty: "at least 40 Taliban fighters were killed and around 35 more injured ... four Humvees ..."
            {**blackout, "claim_type": "casualties", "speaker": "Fahim Dashty", "speaker_camp": "resistance",
             "attribution": "reported_speech", "speaker_is_party": True, "self_serving": True, "n_quantities": 5,
             "n_precise_numbers": 2, "n_round_numbers": 3, "n_named_units": 2, "n_times": 2, "n_named_people": 1,
             "n_approximators": 2, "specificity_score": 0.85, "speaker_reliability": "D"},
            # "Some accounts claim that Bazaar Shirkat, Jamalagha, ... have been captured"
            {**blackout, "claim_type": "territory", "speaker": "some accounts", "anonymous": True,
             "attribution": "reported_speech", "n_named_places": 4, "specificity_score": 0.4},
        ]
    )


def random_claim_features(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """n random claims with labels drawn from a known structure (against-interest and corroboration help)."""
    rng = np.random.default_rng(seed)
    party = rng.random(n) < 0.6
    self_serving = party & (rng.random(n) < 0.5)
    against = party & ~self_serving & (rng.random(n) < 0.4)
    corroborations = rng.poisson(0.8, n)
    cross = (corroborations > 0) & (rng.random(n) < 0.4)
    blackout = rng.random(n) < 0.3
    anonymous = ~party & (rng.random(n) < 0.3)
    outlets = rng.choice(["alpha", "beta", "gamma", "delta", "epsilon"], n)
    logit = -0.2 + 1.5 * against - 1.0 * self_serving - 0.8 * anonymous + 0.6 * corroborations + 0.8 * cross - 0.7 * (self_serving & blackout)
    labels = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    days = pd.Timestamp("2016-01-01", tz="UTC") + pd.to_timedelta(np.sort(rng.integers(0, 280, n)), unit="D")
    rows = [
        {"article_id": f"a{i // 3}", "outlet": outlets[i], "published": days[i], "speaker_is_party": bool(party[i]),
         "self_serving": bool(self_serving[i]), "against_interest": bool(against[i]), "anonymous": bool(anonymous[i]),
         "in_blackout": bool(blackout[i]), "blackout_days": float(rng.integers(0, 5)) if blackout[i] else None,
         "independent_corroborations": int(corroborations[i]), "corroborating_outlets": int(corroborations[i] + rng.integers(0, 3)),
         "cross_camp_confirmation": bool(cross[i]), "contradictions": int(rng.poisson(0.3)),
         "n_quantities": int(rng.integers(0, 4)), "n_named_places": int(rng.integers(0, 3)),
         "specificity_score": float(rng.random()), "text": f"claim {i} about {outlets[i]}"}
        for i in range(n)
    ]
    return claim_features(rows), labels
