"""Extraction quality on the annotated set (tests/data/extraction_eval.csv): thresholds that fail if extraction breaks."""

from __future__ import annotations

import pandas as pd
import pytest

from extraction_eval import EVAL_COLUMNS, _metrics, HOLDOUT13_CSV, HOLDOUT14_CSV, HOLDOUT2_CSV, HOLDOUT3_CSV, HOLDOUT4_CSV, HOLDOUT6_CSV, HOLDOUT7_CSV, HOLDOUT8_CSV, HOLDOUT9_CSV, HOLDOUT10_CSV, HOLDOUT11_CSV, HOLDOUT_CSV, NAMED_SETS, bootstrap_intervals, covering_claim, eval_row_problems, evaluate, fakes_texts, load_eval
from flows.packs import load_pack

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


# Format checks (row validity, disjointness) run over every set in BLIND_SETS. The sets whose errors were since read
# (holdout4, 6, 7, 8, 9, 10, 11, 13, 14) also have floors below; nothing here extracts holdout12, whose ten untouched
# articles are kept blind for the next round of rules.
BLIND_SETS = {name: path for name, path in NAMED_SETS.items() if name not in ("tuned", "holdout")}
# Sets annotated by docs/annotation.md, whose key phrases must each occur once in their article.
UNIQUE_PHRASE_SETS = {"holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14"}


def _blind_set(path, fakes_csv):
    """The rows of one blind set, the texts of their FA-KES articles and the syria pack (no extraction run)."""
    rows = load_eval(path)
    return rows, fakes_texts(set(rows["unit_id"]), fakes_csv.parent.parent.parent), load_pack("syria")


@pytest.fixture(scope="module")
def holdout2(fakes_csv):
    """The blind holdout2 rows, the texts of their FA-KES articles and the syria pack (no extraction run)."""
    return _blind_set(HOLDOUT2_CSV, fakes_csv)


@pytest.fixture(scope="module", params=sorted(BLIND_SETS))
def blind_set(request, fakes_csv):
    """(name, rows, texts, pack) of each blind set: holdout2 to holdout14."""
    return (request.param, *_blind_set(BLIND_SETS[request.param], fakes_csv))


def test_extraction_eval_blind_set_rows_are_valid(blind_set):
    """Check that every blind-set row's key phrase is in its article and its camp, attribution, type, quantities, places and date are valid."""
    name, rows, texts, pack = blind_set
    assert len(rows) >= 40 and rows["unit_id"].nunique() >= 12, f"{name} has {len(rows)} rows over {rows['unit_id'].nunique()} articles"
    assert eval_row_problems(rows, texts, pack, unique_phrases=name in UNIQUE_PHRASE_SETS) == []


def test_extraction_eval_blind_set_is_disjoint_and_short(blind_set):
    """Check that a blind set names no article of any other annotated set and keeps key phrases to at most 12 words."""
    name, rows = blind_set[0], blind_set[1]
    others = [path for other, path in NAMED_SETS.items() if other != name]  # the blind sets and the two read ones (tuned, holdout)
    seen = set().union(*(set(load_eval(path)["unit_id"]) for path in others))
    assert set(rows["unit_id"]) & seen == set(), f"{name} shares articles with the other sets"
    long = [phrase for phrase in rows["key_phrase"] if len(phrase.split()) > 12]
    assert long == [], f"{name} key phrases longer than 12 words: {long}"


# Articles of two different sets whose texts are near-copies (FA-KES holds some articles twice under two unit_ids).
# A pair found here lets one set's errors leak into the other. Found on 2026-12-06 when this check was written:
# holdout12's 1924058039 is a copy of holdout11's 1924058038 (jordantimes, two days apart), found after holdout11 was
# read (holdout12's figures are given with and without it in docs/extraction.md); holdout10's 1923848264 (ahram) and
# holdout2's 1924058059 (jordantimes) carry one wire story, so holdout10's blind figures included an article of a set
# read long before. The next set's selection rule must skip copies of annotated articles.
KNOWN_NEAR_COPIES = {frozenset({"1924058038", "1924058039"}), frozenset({"1923848264", "1924058059"})}


def _shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    """The article's runs of `size` consecutive words, lowercased."""
    words = text.lower().split()
    return {tuple(words[i:i + size]) for i in range(max(len(words) - size + 1, 1))}


def test_extraction_eval_sets_hold_no_unknown_near_copies(fakes_csv):
    """Check that no two annotated FA-KES articles in different sets share most of their text, except the known copies."""
    owner = {}
    for name, path in NAMED_SETS.items():
        for unit_id in set(load_eval(path)["unit_id"]) - {"seed"}:
            owner.setdefault(unit_id, name)
    texts = fakes_texts(set(owner), fakes_csv.parent.parent.parent)
    shingles = {unit_id: _shingles(text) for unit_id, text in texts.items()}
    ids = sorted(shingles)
    copies = set()
    for i, first in enumerate(ids):
        for second in ids[i + 1:]:
            a, b = shingles[first], shingles[second]
            if owner[first] != owner[second] and len(a & b) >= 0.8 * min(len(a), len(b)):
                copies.add(frozenset({first, second}))
    assert copies == KNOWN_NEAR_COPIES, f"near-copies across sets: {sorted(map(sorted, copies - KNOWN_NEAR_COPIES))}"


def test_eval_row_problems_reports_each_broken_field(holdout2):
    """Check that the row checker flags a missing phrase, an unknown camp, attribution, type, outcome, place and a bad date."""
    rows, texts, pack = holdout2
    broken = rows[rows["is_claim"] == "true"].head(1).assign(
        key_phrase="no such phrase in any article", camp="rebel", attribution="said", claim_type="death",
        quantities="3:wounded", places="Aleppo province", event_date="2016-13-01",
    )
    problems = " ".join(eval_row_problems(broken, texts, pack))
    for expected in ("key phrase not in", "camp 'rebel'", "attribution 'said'", "claim_type 'death'", "outcome 'wounded'", "place 'Aleppo province'", "event_date '2016-13-01'"):
        assert expected in problems, f"{expected!r} not reported in: {problems}"


# Unseen-text floors over the three held-out sets together (holdout, holdout2, holdout3: 106 claims), a few points
# below what was measured on 2026-11-25 after the second round of speaker rules (speaker recall 0.821, attribution
# 0.906). They guard against regressions; they are no target (see docs/extraction.md).
UNSEEN_FLOORS = {
    "claim_recall": 0.86,
    "claim_precision": 0.88,
    "speaker_recall": 0.78,
    "attribution_recall": 0.86,
    "quantities_recall": 0.90,
    "places_recall": 0.77,
    "event_date_accuracy": 0.92,
}


@pytest.fixture(scope="module")
def unseen(fakes_csv):
    """Metrics over the three held-out sets together."""
    return evaluate(path=[HOLDOUT_CSV, HOLDOUT2_CSV, HOLDOUT3_CSV])[0]


@pytest.mark.parametrize("metric", sorted(UNSEEN_FLOORS))
def test_extraction_eval_meets_floor_on_unseen_articles(unseen, metric):
    """Check that each metric over the held-out sets (articles the rules were not written on) stays above its floor."""
    assert unseen[metric] >= UNSEEN_FLOORS[metric], f"unseen {metric} = {unseen[metric]:.3f}, floor {UNSEEN_FLOORS[metric]}"


# Floors on single held-out sets, a few points below what was measured (docs/extraction.md):
# - holdout4, annotated blind and measured once at the end of the rule work (2026-11-25: claim recall 0.977, precision
#   0.989, speaker recall 0.670, attribution 0.784, quantities 0.811, places 0.920, event date 0.900); its errors were
#   read only after that measurement.
# - holdout6, annotated blind before the fourth and fifth rounds and measured blind three times (2026-11-25: at the
#   start, after the speaker round, after the quantity round, the last: claim recall 0.894, precision 0.983, speaker
#   recall 0.652, attribution 0.742, quantities recall 0.938, places 0.855, event date 0.913); its errors were read only
#   after that.
# - raised on 2026-11-25 (evening) after the sixth and seventh rounds, the annotation conventions and the claim types,
#   to a few points under the figures then (holdout4: speaker recall 0.932, type 0.875, quantities exact 0.920;
#   holdout6: 0.894, 0.818, 0.932; holdout7, seen after its sixth-round blind figure: claim recall 1.000, speaker
#   0.931, type 0.853, quantities exact 0.957).
# - holdout8 and holdout9 added on 2026-12-06 after the eighth and ninth rounds, which read them (holdout8: claim recall
#   1.000, speaker 0.896, type 0.918, quantities exact 0.978; holdout9, blind at 0.938 / 0.771 before its errors were
#   read: claim recall 1.000, speaker 0.910, type 0.910, quantities exact 0.972, places 0.821, event date 0.923).
# - holdout10 added at the end of 2026-12-06 after the tenth round read it (claim recall 0.941, speaker 0.669, type
#   0.822, quantities exact 0.881, places 0.747 against its re-annotated places, event date 1.000).
# - holdout4, 6 and 7 raised on 2026-12-06 (later session) to about 0.04 under their figures then (they had fallen
#   0.05-0.15 behind: holdout7 speaker 0.991 against 0.88); event dates and places of holdout6 kept.
# - holdout10 raised and holdout11 added on 2026-12-06 (later session) after rounds 12 and 13 (holdout11 was read after
#   round 12's blind figure; holdout10: speaker 0.771, attribution 0.788; holdout11: claim recall 0.986, speaker 0.902,
#   attribution 0.902, type 0.692, quantities recall 0.829, exact 0.881, places 0.778, event date 1.000).
# - holdout13 and holdout14 added at the end of the 2026-12-06 evening session, each read after its blind figures
#   (holdout13 after rounds 16 and 17: claim recall 0.929, speaker 0.882, attribution 0.893, type 0.740, quantities
#   recall 0.964, exact 0.893, places 0.794, event date 1.000; holdout14, blind through round 17: 0.897, 0.696,
#   0.775, 0.628, 0.971, 0.858, 0.783, 0.842), to about 0.04 under those.
SET_FLOORS = {
    "holdout4": (HOLDOUT4_CSV, {
        "claim_recall": 0.96,
        "claim_precision": 0.96,
        "speaker_recall": 0.91,
        "attribution_recall": 0.91,
        "type_recall": 0.88,
        "quantities_recall": 0.90,
        "quantities_exact_per_claim": 0.89,
        "places_recall": 0.86,
        "event_date_accuracy": 0.85,
    }),
    "holdout6": (HOLDOUT6_CSV, {
        "claim_recall": 0.94,
        "claim_precision": 0.96,
        "speaker_recall": 0.90,
        "attribution_recall": 0.92,
        "type_recall": 0.83,
        "quantities_recall": 0.92,
        "quantities_exact_per_claim": 0.93,
        "places_recall": 0.80,
        "event_date_accuracy": 0.87,
    }),
    "holdout7": (HOLDOUT7_CSV, {
        "claim_recall": 0.96,
        "claim_precision": 0.96,
        "speaker_recall": 0.95,
        "attribution_recall": 0.95,
        "type_recall": 0.88,
        "quantities_recall": 0.96,
        "quantities_exact_per_claim": 0.96,
        "places_recall": 0.87,
        "event_date_accuracy": 0.95,
    }),
    "holdout8": (HOLDOUT8_CSV, {
        "claim_recall": 0.96,
        "claim_precision": 0.94,
        "speaker_recall": 0.85,
        "attribution_recall": 0.89,
        "type_recall": 0.87,
        "quantities_recall": 0.88,
        "quantities_exact_per_claim": 0.93,
        "places_recall": 0.85,
        "event_date_accuracy": 0.91,
    }),
    "holdout9": (HOLDOUT9_CSV, {
        "claim_recall": 0.96,
        "claim_precision": 0.94,
        "speaker_recall": 0.86,
        "attribution_recall": 0.89,
        "type_recall": 0.86,
        "quantities_recall": 0.92,
        "quantities_exact_per_claim": 0.92,
        "places_recall": 0.78,
        "event_date_accuracy": 0.88,
    }),
    "holdout10": (HOLDOUT10_CSV, {
        "claim_recall": 0.90,
        "claim_precision": 0.93,
        "speaker_recall": 0.73,
        "attribution_recall": 0.75,
        "type_recall": 0.78,
        "quantities_recall": 0.89,
        "quantities_exact_per_claim": 0.84,
        "places_recall": 0.70,
        "event_date_accuracy": 0.95,
    }),
    "holdout11": (HOLDOUT11_CSV, {
        "claim_recall": 0.95,
        "claim_precision": 0.94,
        "speaker_recall": 0.86,
        "attribution_recall": 0.86,
        "type_recall": 0.65,
        "quantities_recall": 0.79,
        "quantities_exact_per_claim": 0.84,
        "places_recall": 0.74,
        "event_date_accuracy": 0.95,
    }),
    "holdout13": (HOLDOUT13_CSV, {
        "claim_recall": 0.89,
        "claim_precision": 0.93,
        "speaker_recall": 0.84,
        "attribution_recall": 0.85,
        "type_recall": 0.70,
        "quantities_recall": 0.92,
        "quantities_exact_per_claim": 0.85,
        "places_recall": 0.75,
        "event_date_accuracy": 0.95,
    }),
    "holdout14": (HOLDOUT14_CSV, {
        "claim_recall": 0.86,
        "claim_precision": 0.90,
        "speaker_recall": 0.65,
        "attribution_recall": 0.73,
        "type_recall": 0.59,
        "quantities_recall": 0.93,
        "quantities_exact_per_claim": 0.82,
        "places_recall": 0.74,
        "event_date_accuracy": 0.80,
    }),
}


@pytest.fixture(scope="module")
def set_measured(fakes_csv):
    """Metrics of each set in SET_FLOORS, computed once per set on first use."""
    cache: dict[str, dict] = {}

    def measured(name: str) -> dict:
        if name not in cache:
            cache[name] = evaluate(path=SET_FLOORS[name][0])[0]
        return cache[name]

    return measured


@pytest.mark.parametrize(("name", "metric"), [(name, metric) for name, (_, floors) in SET_FLOORS.items() for metric in sorted(floors)])
def test_extraction_eval_meets_floor_on_held_out_set(set_measured, name, metric):
    """Check that each metric on a single held-out set stays above its floor."""
    value, floor = set_measured(name)[metric], SET_FLOORS[name][1][metric]
    assert value >= floor, f"{name} {metric} = {value:.3f}, floor {floor}"


def test_eval_row_problems_reports_a_repeated_key_phrase():
    """Check that the row checker flags a key phrase found twice in its article only when phrases must be unique."""
    rows = pd.DataFrame([["1", "the town was shelled", "true", "residents", "unknown", "reported_speech", "other", "", "", ""]], columns=EVAL_COLUMNS)
    texts = {"1": "Residents said the town was shelled at dawn. By noon the town was shelled again."}
    pack = load_pack("syria")
    assert eval_row_problems(rows, texts, pack) == []
    assert "occurs 2 times" in " ".join(eval_row_problems(rows, texts, pack, unique_phrases=True))


def test_covering_claim_takes_the_middle_then_the_largest_overlap():
    """Check that a key phrase is scored against the claim holding its middle, else the claim it overlaps most, else none."""
    claims = pd.DataFrame({"span_start": [0, 40, 100], "span_end": [30, 90, 120], "text": ["first", "second", "third"]})
    assert covering_claim(claims, 45, 60)["text"] == "second"  # middle 52 inside the second claim
    assert covering_claim(claims, 25, 45)["text"] == "first"  # middle 35 in no claim: overlaps 5 and 5, a tie goes to the earlier claim
    assert covering_claim(claims, 28, 50)["text"] == "second"  # middle 39 in no claim: overlaps 2 and 10
    assert covering_claim(claims, 91, 99) is None  # touches no claim
    assert covering_claim(claims, 28, 50, nearest=False) is None  # a non-claim row: only a claim over its middle is a hit


def _judged(unit_id: str, right: int, wrong: int) -> pd.DataFrame:
    """Judged claim rows of one article: `right` with every field right, `wrong` found with a wrong speaker."""
    fields = {"is_claim": True, "found": True, "camp_ok": True, "attribution_ok": True, "type_ok": True, "quantities_ok": True, "places_ok": True,
              "n_expected_quantities": 0, "n_found_quantities": 0, "n_predicted_quantities": 0, "n_correct_predicted_quantities": 0,
              "n_expected_places": 0, "n_found_places": 0, "n_predicted_places": 0, "date_checked": False, "date_ok": True}
    rows = [{"unit_id": unit_id, "speaker_ok": i < right, **fields} for i in range(right + wrong)]
    return pd.DataFrame(rows)


def test_bootstrap_intervals_resample_whole_articles():
    """Check that the intervals are zero-wide when every article scores alike, and span both articles' values when they differ."""
    alike = pd.concat([_judged(f"a{i}", 3, 1) for i in range(5)], ignore_index=True)
    low, high = bootstrap_intervals(alike, draws=200)["speaker_precision"]
    assert low == high == 0.75
    split = pd.concat([_judged("good", 4, 0), _judged("bad", 0, 4)], ignore_index=True)
    low, high = bootstrap_intervals(split, draws=400)["speaker_precision"]
    assert (low, high) == (0.0, 1.0)


def test_quantities_exact_is_given_over_all_claims_and_over_the_claims_found():
    """Check that a claim not found counts against quantities_exact_per_claim but not against the per-found figure."""
    judged = _judged("a", 3, 0)
    judged.loc[2, "quantities_ok"] = False
    missed = _judged("b", 1, 0).assign(found=False, quantities_ok=False)
    metrics = _metrics(pd.concat([judged, missed], ignore_index=True))
    assert metrics["quantities_exact_per_claim"] == 0.5
    assert metrics["quantities_exact_per_found_claim"] == 2 / 3
