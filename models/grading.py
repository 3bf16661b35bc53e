"""From a probability to what the analyst reads: the grade and the reasons.

Grade, on the information-credibility scale (the digit of the Admiralty code;
the source's reliability letter is kept separate, see ``reliability``):

| grade | meaning | rule (first that applies, top to bottom) |
|---|---|---|
| 6 | cannot be judged | evidence too thin: no quantity, place, time, named person or unit, no corroboration or contradiction, and neither speaker nor outlet is a known party or self-serving/against-interest signal |
| 1 | confirmed by independent sources | probability >= 0.80 AND cross-camp confirmation AND >= 1 independent corroboration AND no contradiction |
| 2 | probably true | probability >= 0.65 (a high probability without cross-camp corroboration stops here) |
| 3 | possibly true | probability >= 0.45 |
| 4 | doubtful | probability >= 0.25 |
| 5 | improbable | probability < 0.25 |

Reasons are model-agnostic: for each input column whose value differs from the
neutral reference (0), the column is set to its reference and the claim is
re-scored; the change in probability is that column's contribution. The
``n_reasons`` largest (at least ``min_effect`` in probability) are phrased with
``REASON_PHRASES``, strongest first, each saying whether it raises or lowers
the score.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

GRADE_THRESHOLDS = ((0.65, 2), (0.45, 3), (0.25, 4))
CONFIRMED_PROBABILITY = 0.80
GRADE_MEANINGS = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
EVIDENCE_COLUMNS = [
    "n_quantities", "n_named_places", "n_times", "n_named_people", "n_named_units",
    "independent_corroborations", "contradictions",
    "speaker_is_party", "outlet_is_party", "self_serving", "against_interest",
]

REASON_PHRASES: dict[str, str] = {
    "speaker_is_party": "claimed by a party to the conflict",
    "outlet_is_party": "published by state or partisan media",
    "self_serving": "self-serving claim by a party to the conflict",
    "against_interest": "admits losses or setbacks of the speaker's own side",
    "anonymous": "anonymous or vague source",
    "outlet_camp_matches_speaker": "partisan outlet relaying its own side",
    "n_quantities": "{value:g} quantities given",
    "n_precise_numbers": "{value:g} precise (non-round) numbers",
    "n_round_numbers": "{value:g} round or vague numbers",
    "n_named_places": "{value:g} named places",
    "n_named_units": "{value:g} named units or materiel",
    "n_times": "{value:g} time references",
    "n_named_people": "{value:g} named people",
    "n_approximators": "approximate figures ('at least', 'around')",
    "n_hedges": "hedged wording ('reportedly', 'said to')",
    "specificity_score": "specific, checkable detail",
    "in_blackout": "reported during a communications blackout",
    "near_blackout": "reported near a communications blackout",
    "blackout_days": "{value:g} days into a communications blackout",
    "partial_restoration": "communications partly restored",
    "independent_corroborations": "corroborated by {value:g} independent source(s)",
    "corroborating_outlets": "carried by {value:g} outlet(s)",
    "cross_camp_confirmation": "confirmed by a source from another camp",
    "contradictions": "contradicted by {value:g} other report(s)",
    "first_reported": "first to report it",
    "is_passive_attribution": "no one named asserts it ('is reported', 'said to')",
    "is_own_assertion": "the outlet's own assertion, no source named",
}


def is_thin_evidence(inputs: pd.DataFrame) -> pd.Series:
    """True where nothing in the claim can be weighed (grade 6 rule)."""
    present = [c for c in EVIDENCE_COLUMNS if c in inputs.columns]
    return inputs[present].abs().sum(axis=1) == 0


CONFIRMATION_COLUMNS = ("cross_camp_confirmation", "independent_corroborations", "contradictions")


def is_confirmed(probability: pd.Series, inputs: pd.DataFrame) -> pd.Series:
    """True where the grade-1 rule holds: high probability and independent cross-camp corroboration, no contradiction.

    A model fitted without the corroboration columns (registered by older code) never sees them, so it cannot
    establish grade 1: every claim is then graded on its probability and evidence alone, with a warning.
    """
    missing = [column for column in CONFIRMATION_COLUMNS if column not in inputs.columns]
    if missing:
        logger.warning("grade 1 needs %s, which this model's inputs lack: no claim is graded 1 (retrain with `claimcred train`)", missing)
        return pd.Series(False, index=inputs.index)
    return (
        (probability >= CONFIRMED_PROBABILITY)
        & (inputs["cross_camp_confirmation"] > 0)
        & (inputs["independent_corroborations"] >= 1)
        & (inputs["contradictions"] == 0)
    )


def grade(probability: pd.Series, inputs: pd.DataFrame) -> pd.Series:
    """Information-credibility grade 1–6 for each claim, by the rules in the module docstring."""
    probability = pd.Series(np.asarray(probability, dtype=float), index=inputs.index)
    by_probability = pd.Series(5, index=inputs.index)
    for threshold, value in reversed(GRADE_THRESHOLDS):
        by_probability = by_probability.mask(probability >= threshold, value)
    graded = by_probability.mask(is_confirmed(probability, inputs), 1)
    return graded.mask(is_thin_evidence(inputs), 6).astype(int).rename("grade")


def reliability(source_reliability: pd.Series) -> pd.Series:
    """The source's Admiralty letter, or None when unrated ('' in the model input)."""
    return source_reliability.astype(object).where(source_reliability.astype(str) != "", None).rename("reliability")


def phrase(column: str, value: float, effect: float) -> str:
    """One reason in analyst words, e.g. 'self-serving claim by a party to the conflict (lowers)'."""
    text = REASON_PHRASES.get(column, column.replace("_", " ")).format(value=value)
    return f"{text} ({'raises' if effect > 0 else 'lowers'})"


def contributions(predict_positive: Callable[[pd.DataFrame], np.ndarray], inputs: pd.DataFrame, batch_rows: int = 20000) -> pd.DataFrame:
    """Probability change from setting each non-zero column to 0, one column per input column (occlusion).

    The occluded copies are scored in batches of about ``batch_rows`` rows, so memory stays bounded on large frames.
    """
    base = np.asarray(predict_positive(inputs), dtype=float)
    values = inputs.to_numpy(dtype=float)
    n_rows, n_columns = values.shape
    effects = np.zeros((n_rows, n_columns))
    step = max(1, batch_rows // max(n_columns, 1))
    for start in range(0, n_rows, step):
        block = values[start : start + step]
        stacked = np.repeat(block[None, :, :], n_columns, axis=0)
        stacked[np.arange(n_columns), :, np.arange(n_columns)] = 0.0
        frame = pd.DataFrame(stacked.reshape(-1, n_columns), columns=inputs.columns)
        occluded = np.asarray(predict_positive(frame), dtype=float).reshape(n_columns, len(block))
        effects[start : start + step] = (base[start : start + step][None, :] - occluded).T
    effects[values == 0] = 0.0
    return pd.DataFrame(effects, index=inputs.index, columns=inputs.columns)


def reasons(effects: pd.DataFrame, inputs: pd.DataFrame, n_reasons: int = 3, min_effect: float = 0.01) -> pd.Series:
    """The top ``n_reasons`` contributions of each claim, phrased, strongest first."""
    magnitude = effects.abs().to_numpy()
    order = np.argsort(-magnitude, axis=1, kind="stable")[:, :n_reasons]
    columns = list(effects.columns)
    values = inputs[columns].to_numpy(dtype=float)
    signed = effects.to_numpy()
    out = []
    for row, top in enumerate(order):
        out.append([phrase(columns[k], float(values[row, k]), float(signed[row, k])) for k in top if magnitude[row, k] >= min_effect])
    return pd.Series(out, index=inputs.index, name="reasons", dtype=object)
