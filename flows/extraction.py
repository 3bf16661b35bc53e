"""Shell for ``claimcred extract`` and ``claimcred blackouts``: read files, pick the pack, call features/extract.

No store and no Prefect: files are read with the ingest readers, claims are
extracted, described and scored in memory by ``flows.scoring.score_theatre_groups``
(with no stored context) and returned as frames for the CLI to print.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd

from features.extract import detect_blackouts
from features.schemas import Articles, ClaimFeatures
from flows.config import Settings
from flows.packs import load_packs
from flows.scoring import Scorer, score_theatre_groups, theatre_groups
from models.feature_sets import FEATURE_COLUMNS

log = logging.getLogger(__name__)


def read_articles(settings: Settings, paths: list[str], published: str | None = None, outlet: str | None = None) -> pd.DataFrame:
    """Read files into an ``Articles`` frame; ``published``/``outlet`` override what the files say.

    Raises:
        ValueError: a file yields no article (the message names it and the reason), or ``published`` is not a date.
    """
    from flows.ingest import read_source

    frames = []
    for path in paths:
        if "://" not in path and not Path(path).exists():
            raise ValueError(f"{path}: no such file or folder")
        frame, rejects, _warnings = read_source(settings, path, outlet=outlet)
        if rejects and frame.empty:
            raise ValueError(f"{path}: not read ({rejects[0].reason})")
        frames.append(frame)
    articles = pd.concat(frames, ignore_index=True).drop_duplicates(subset=[Articles.article_id])
    if published is not None:
        try:
            stamp = pd.Timestamp(published)
        except ValueError as error:
            raise ValueError(f"--published {published!r} is not a date; expected e.g. 2021-09-02") from error
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        articles = articles.assign(**{Articles.published: pd.Series([stamp] * len(articles), index=articles.index, dtype="datetime64[us, UTC]")})
    if outlet is not None:
        articles = articles.assign(**{Articles.outlet: outlet})
    return Articles.validate(articles.reset_index(drop=True), lazy=True)


def extract_files(settings: Settings, paths: list[str], published: str | None = None, outlet: str | None = None, theatre: str | None = None) -> pd.DataFrame:
    """Claims of the given files with the four feature families and their scores (probability, grade, reasons).

    The claims corroborate only each other (no store is read); scores come from ``extract_scorer``.
    Files without any claim give an empty frame with the ClaimFeatures columns.
    """
    articles = read_articles(settings, paths, published=published, outlet=outlet)
    scored = score_theatre_groups(theatre_groups(articles, load_packs(theatre)), extract_scorer(settings))
    return scored if not scored.empty else pd.DataFrame(columns=list(ClaimFeatures.to_schema().columns))


def extract_scorer(settings: Settings) -> Scorer:
    """The registered champion when the data home has one, else the unregistered expert prior.

    ``extract`` needs no store, so it never registers a model itself (``claimcred run`` does).
    """
    if _has_champion(settings):
        from flows.modelops import score_features

        return lambda features: score_features(settings, features)[["claim_id", "model_version", "probability", "grade", "reliability", "reasons"]]
    return _expert_prior_scores


def _expert_prior_scores(features: pd.DataFrame) -> pd.DataFrame:
    """Scores of the unregistered expert-prior scorecard: claim_id, the pyfunc output columns, model_version."""
    from models.feature_sets import model_input
    from models.pyfunc import score_inputs
    from models.scorecard import ExpertPriorScorecard

    inputs = model_input(features)
    scored = score_inputs(ExpertPriorScorecard().fit(inputs[FEATURE_COLUMNS].astype(float)), inputs).reset_index(drop=True)
    return scored.assign(model_version="expert-prior (not registered)").assign(**{ClaimFeatures.claim_id: features[ClaimFeatures.claim_id].to_numpy()})


def _has_champion(settings: Settings) -> bool:
    uri = settings.mlflow_tracking_uri
    if uri.startswith("sqlite:///") and not Path(uri.removeprefix("sqlite:///")).exists():
        return False  # no MLflow store yet: don't create one just to look
    from models.registry import champion_version

    return champion_version(uri, settings.model_name) is not None


def blackouts_files(settings: Settings, paths: list[str], published: str | None = None, theatre: str | None = None) -> pd.DataFrame:
    """Blackout events detected in the given files."""
    articles = read_articles(settings, paths, published=published)
    frames = [detect_blackouts(group, pack) for pack, group in theatre_groups(articles, load_packs(theatre))]
    return pd.concat(frames, ignore_index=True)


def to_records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: timestamps as ISO text, nulls as None, lists kept."""
    records = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, pd.Timestamp):
                clean[key] = value.isoformat()
            elif isinstance(value, (list, dict)):
                clean[key] = value
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                clean[key] = value
        records.append(clean)
    return records


def render(frame: pd.DataFrame, fmt: str, columns: list[str] | None = None) -> str:
    """Render rows as jsonl, csv (lists as JSON text) or a plain text table."""
    records = to_records(frame)
    if fmt == "jsonl":
        return "\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    if fmt == "csv":
        flat = pd.DataFrame([{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()} for r in records], columns=list(frame.columns))
        return flat.to_csv(index=False).rstrip("\n")
    if fmt == "table":
        shown = columns or list(frame.columns)
        lines = []
        for record in records:
            lines.append(" | ".join(_short(record.get(column)) for column in shown))
        return "\n".join([" | ".join(shown), *lines])
    raise ValueError(f"unknown format {fmt!r}; expected jsonl, csv or table")


def _short(value, width: int = 60) -> str:
    if isinstance(value, list):
        value = "; ".join(q.get("text", "") if isinstance(q, dict) else str(q) for q in value)
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
