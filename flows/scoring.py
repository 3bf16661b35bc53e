"""The scoring stages as plain functions (no Prefect): extract → features → score → store.

``flows/pipeline.py`` wraps each stage in one coarse Prefect task; ``flows/api.py`` uses
``score_articles_frame`` to score a text without storing it.

What gets scored in a run: every stored claim without a score from the current champion version
(new claims, and all claims after a new champion), plus the *affected* claims: stored claims of the
same theatre dated within ``AFFECTED_WINDOW_DAYS`` of a new claim (or undated), whose corroboration
may have changed. Their features are recomputed with every other stored claim of the theatre as
context; scores are append-only and keyed by ``features_hash``, so an unchanged feature row adds
nothing and a changed one adds a new score row (the history is kept).

An article is extracted once: after its claims are stored, the meta row ``extracted:<article_id>``
records the pack and version used, so articles without claims are not re-read every run.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa

from flows import store
from flows.config import Settings

logger = logging.getLogger(__name__)

AFFECTED_WINDOW_DAYS = 30
EXTRACTED_PREFIX = "extracted:"


# --- the other parts' functions, resolved at call time (tests replace these) -------------------------


def _load_packs(settings: Settings) -> list:
    from flows.packs import load_all_packs, load_pack

    return [load_pack(settings.theatre)] if settings.theatre else load_all_packs()


def _pick_theatre(text: str, packs: list) -> str:
    from features.theatre import pick_theatre

    return pick_theatre(text, packs)


def _extract_claims(articles: pd.DataFrame, pack) -> pd.DataFrame:
    from features.extract import extract_claims

    return extract_claims(articles, pack)


def _detect_blackouts(articles: pd.DataFrame, pack) -> pd.DataFrame:
    from features.extract import detect_blackouts

    return detect_blackouts(articles, pack)


def _build_features(claims: pd.DataFrame, pack, blackouts: pd.DataFrame, context_claims: pd.DataFrame | None) -> pd.DataFrame:
    from features.assemble import build_features

    return build_features(claims, pack, blackouts, context_claims=context_claims)


def _score_features(settings: Settings, features: pd.DataFrame) -> pd.DataFrame:
    from flows.modelops import score_features

    return score_features(settings, features)


# --- stages ---------------------------------------------------------------------------------------------

ARTICLE_COLUMNS = ["article_id", "content_hash", "external_id", "outlet", "url", "title", "published", "text", "language", "label", "source"]
CLAIM_COLUMNS = [column.name for column in store.claims.columns if column.name != "extracted_at"]
BLACKOUT_COLUMNS = [column.name for column in store.blackout_events.columns]


@dataclass
class ExtractResult:
    """What one extraction stage did."""

    n_articles: int = 0
    n_claims: int = 0
    n_new_claims: int = 0
    n_blackouts: int = 0
    new_claim_ids: list[str] = field(default_factory=list)
    packs: dict[str, str] = field(default_factory=dict)


def _packs_by_name(packs: list) -> dict:
    return {pack.name: pack for pack in packs}


def pending_articles(engine: sa.Engine) -> pd.DataFrame:
    """Stored articles not extracted yet (no ``extracted:<article_id>`` meta row)."""
    a, m = store.articles, store.meta
    done = sa.select(sa.func.substr(m.c.key, len(EXTRACTED_PREFIX) + 1)).where(m.c.key.like(f"{EXTRACTED_PREFIX}%"))
    query = sa.select(*[a.c[name] for name in ARTICLE_COLUMNS]).where(a.c.article_id.not_in(done)).order_by(a.c.article_id)
    frame = store.read_frame(engine, query)
    return frame.assign(label=frame["label"].astype(float))


def _assign_theatres(settings: Settings, articles: pd.DataFrame, packs: list) -> pd.Series:
    if settings.theatre:
        return pd.Series(packs[0].name, index=articles.index)
    return articles.apply(lambda row: _pick_theatre(f"{row['title']}\n{row['text']}", packs), axis=1)


def extract_pending(settings: Settings, engine: sa.Engine, packs: list) -> ExtractResult:
    """Extract claims and blackouts from the articles not extracted yet and store them.

    Claims are stored before the article is marked extracted, so a run killed in between re-extracts
    and stores nothing twice (claim ids are stable, writes keyed).
    """
    articles = pending_articles(engine)
    result = ExtractResult(n_articles=len(articles))
    if articles.empty:
        return result
    by_name = _packs_by_name(packs)
    theatres = _assign_theatres(settings, articles, packs)
    for theatre, group in articles.groupby(theatres):
        pack = by_name[theatre]
        result.packs[pack.name] = pack.version
        claims = _extract_claims(group.reset_index(drop=True), pack)
        blackouts = _detect_blackouts(group.reset_index(drop=True), pack)
        result.n_claims += len(claims)
        result.n_new_claims += store.insert_new(engine, store.claims, store.frame_to_rows(claims.assign(extracted_at=store.utcnow()), store.claims))
        result.n_blackouts += store.insert_new(engine, store.blackout_events, store.frame_to_rows(blackouts, store.blackout_events))
        result.new_claim_ids += list(claims["claim_id"])
        marks = [{"key": f"{EXTRACTED_PREFIX}{article_id}", "value": f"{pack.name}@{pack.version}"} for article_id in group["article_id"]]
        store.insert_new(engine, store.meta, marks)
    logger.info("%d articles extracted: %d claims (%d new), %d blackouts", result.n_articles, result.n_claims, result.n_new_claims, result.n_blackouts)
    return result


def stored_claims(engine: sa.Engine, theatres: list[str] | None = None) -> pd.DataFrame:
    """Stored claims (Claims columns), optionally only those of ``theatres``."""
    c = store.claims
    query = sa.select(*[c.c[name] for name in CLAIM_COLUMNS]).order_by(c.c.claim_id)
    if theatres is not None:
        query = query.where(c.c.theatre.in_(theatres))
    return store.read_frame(engine, query)


def stored_blackouts(engine: sa.Engine, pack) -> pd.DataFrame:
    """The pack's known blackouts plus every detected and stored one (one row per event_id)."""
    stored = store.read_frame(engine, sa.select(store.blackout_events))
    frames = [frame for frame in (pack.blackouts, stored) if not frame.empty]
    if not frames:
        return pack.blackouts
    return pd.concat(frames, ignore_index=True).drop_duplicates("event_id").reset_index(drop=True)[list(pack.blackouts.columns)]


def claims_to_score(engine: sa.Engine, model_name: str, model_version: str | None, new_claim_ids: list[str]) -> list[str]:
    """Claim ids to score: no score from ``model_version`` yet, plus the claims affected by the new ones."""
    c, s = store.claims, store.scores
    current = sa.select(s.c.claim_id).where(s.c.model_name == model_name)
    if model_version is not None:
        current = current.where(s.c.model_version == str(model_version))
    with engine.connect() as connection:
        unscored = [row[0] for row in connection.execute(sa.select(c.c.claim_id).where(c.c.claim_id.not_in(current)))]
    return sorted(set(unscored) | set(affected_claims(engine, new_claim_ids)))


def affected_claims(engine: sa.Engine, new_claim_ids: list[str], window_days: int = AFFECTED_WINDOW_DAYS) -> list[str]:
    """Stored claims whose corroboration the new claims may change: same theatre, dated within the window, or undated."""
    if not new_claim_ids:
        return []
    c = store.claims
    when = sa.func.coalesce(c.c.event_date, c.c.published)
    with engine.connect() as connection:
        spans = connection.execute(
            sa.select(c.c.theatre, sa.func.min(when), sa.func.max(when)).where(c.c.claim_id.in_(new_claim_ids)).group_by(c.c.theatre)
        ).all()
        affected: set[str] = set()
        window = timedelta(days=window_days)
        for theatre, first, last in spans:
            condition = when.is_(None)
            if first is not None:
                first, last = pd.Timestamp(first).to_pydatetime(), pd.Timestamp(last).to_pydatetime()
                condition = sa.or_(condition, when.between(first - window, last + window))
            affected |= {row[0] for row in connection.execute(sa.select(c.c.claim_id).where(c.c.theatre == theatre, condition))}
    return sorted(affected - set(new_claim_ids))


def compute_features(engine: sa.Engine, packs: list, claim_ids: list[str]) -> pd.DataFrame:
    """Features of ``claim_ids`` with the other stored claims of each theatre as context; stored in ``features``."""
    if not claim_ids:
        return pd.DataFrame()
    by_name = _packs_by_name(packs)
    wanted = set(claim_ids)
    frames = []
    for theatre in sorted(stored_claims(engine).query("claim_id in @wanted")["theatre"].unique()):
        if theatre not in by_name:
            logger.warning("claims of theatre %r are left unscored: no such pack loaded (loaded: %s)", theatre, ", ".join(by_name))
            continue
        pack = by_name[theatre]
        every = stored_claims(engine, [theatre])
        targets = every[every["claim_id"].isin(wanted)].reset_index(drop=True)
        context = every[~every["claim_id"].isin(wanted)].reset_index(drop=True)
        frames.append(_build_features(targets, pack, stored_blackouts(engine, pack), context))
    features = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not features.empty:
        store.upsert(engine, store.features, feature_rows(features))
    return features


def feature_rows(features: pd.DataFrame) -> list[dict]:
    """Rows for the ``features`` table: the family columns (not the Claims columns) as JSON per claim."""
    family = [name for name in features.columns if name not in CLAIM_COLUMNS]
    now = store.utcnow()
    values = features[family].astype(object).where(features[family].notna(), None).to_dict("records")
    return [
        {"claim_id": claim_id, "feature_values": json.dumps(row, default=store._json_default, ensure_ascii=False), "computed_at": now}
        for claim_id, row in zip(features["claim_id"], values)
    ]


def max_score_id(engine: sa.Engine) -> int:
    """Greatest score_id stored (0 when none); scores after it were written later."""
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.coalesce(sa.func.max(store.scores.c.score_id), 0))).scalar_one())


def store_scores(engine: sa.Engine, scores: pd.DataFrame) -> tuple[int, int]:
    """Append the score rows that are new (keyed by claim, model, version, features_hash); return (new, re-scored)."""
    if scores.empty:
        return 0, 0
    with engine.connect() as connection:
        before = {row[0] for row in connection.execute(sa.select(store.scores.c.claim_id).distinct().where(store.scores.c.claim_id.in_(list(scores["claim_id"]))))}
    first_new = max_score_id(engine)
    n_new = store.insert_new(engine, store.scores, store.frame_to_rows(scores, store.scores))
    with engine.connect() as connection:
        written = [row[0] for row in connection.execute(sa.select(store.scores.c.claim_id).where(store.scores.c.score_id > first_new))]
    return n_new, len(set(written) & before)


def set_run_id(engine: sa.Engine, after_score_id: int, run_id: str) -> None:
    """Record the MLflow run id on the score rows written after ``after_score_id`` (this run's rows)."""
    with engine.begin() as connection:
        connection.execute(sa.update(store.scores).where(store.scores.c.score_id > after_score_id, store.scores.c.run_id.is_(None)).values(run_id=run_id))


# --- scoring a text without storing (flows.api.score_text) --------------------------------------------


def text_article(text: str, published: pd.Timestamp | None = None, outlet: str | None = None, title: str = "") -> pd.DataFrame:
    """One-row Articles frame for a text given in code."""
    import hashlib

    normalised = " ".join(text.split())
    content_hash = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return pd.DataFrame(
        {
            "article_id": [content_hash[:16]],
            "content_hash": [content_hash],
            "external_id": pd.Series([None], dtype=object),
            "outlet": [outlet or "unknown"],
            "url": pd.Series([None], dtype=object),
            "title": [title],
            "published": pd.Series([published], dtype="datetime64[us, UTC]"),
            "text": [text],
            "language": ["en"],
            "label": pd.Series([None], dtype=float),
            "source": ["api.score_text"],
        }
    )


def score_articles_frame(settings: Settings, articles: pd.DataFrame) -> pd.DataFrame:
    """Extract, build features (stored claims as context) and score ``articles`` without writing anything."""
    engine = store.connect(settings.store_url)
    packs = _load_packs(settings)
    by_name = _packs_by_name(packs)
    theatres = _assign_theatres(settings, articles, packs)
    frames = []
    for theatre, group in articles.groupby(theatres):
        pack = by_name[theatre]
        claims = _extract_claims(group.reset_index(drop=True), pack)
        if claims.empty:
            continue
        blackouts = pd.concat([stored_blackouts(engine, pack), _detect_blackouts(group.reset_index(drop=True), pack)], ignore_index=True)
        blackouts = blackouts.drop_duplicates("event_id").reset_index(drop=True)
        context = stored_claims(engine, [theatre])
        context = context[~context["claim_id"].isin(claims["claim_id"])].reset_index(drop=True)
        features = _build_features(claims, pack, blackouts, context)
        scores = _score_features(settings, features)
        frames.append(features.merge(scores.drop(columns=[c for c in ("features_hash",) if c in scores]), on="claim_id"))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# --- the whole scoring pass, stage by stage (the Prefect tasks call these same functions) --------------


def champion_version(settings: Settings) -> str | None:
    """Version of the current champion model; None on a fresh home (scoring then registers the expert prior)."""
    from models.registry import champion_version as registered_champion

    version = registered_champion(settings.mlflow_tracking_uri, settings.model_name)
    return None if version is None else str(version)


def stage_extract(settings: Settings) -> ExtractResult:
    """Extract the articles not extracted yet (all packs loaded per settings)."""
    engine = store.connect(settings.store_url)
    if pending_articles(engine).empty:
        return ExtractResult()
    return extract_pending(settings, engine, _load_packs(settings))


def stage_features(settings: Settings, new_claim_ids: list[str], model_version: str | None) -> pd.DataFrame:
    """Features of the claims without a current score and of the claims the new ones affect."""
    engine = store.connect(settings.store_url)
    targets = claims_to_score(engine, settings.model_name, model_version, new_claim_ids)
    return compute_features(engine, _load_packs(settings), targets)


def stage_score(settings: Settings, features: pd.DataFrame) -> dict:
    """Score the feature rows with the champion and append the new score rows."""
    engine = store.connect(settings.store_url)
    first_new = max_score_id(engine)
    if features.empty:
        return {"n_scored": 0, "n_rescored": 0, "first_new_score_id": first_new, "model_version": None}
    scores = _score_features(settings, features)
    n_new, n_rescored = store_scores(engine, scores)
    version = str(scores["model_version"].iloc[0]) if not scores.empty else None
    return {"n_scored": n_new, "n_rescored": n_rescored, "first_new_score_id": first_new, "model_version": version}


def scored_in_run(engine: sa.Engine, first_new_score_id: int) -> pd.DataFrame:
    """Claims scored after ``first_new_score_id`` with their new score and stored features."""
    from flows.api import Filters, claims_frame

    frame = claims_frame(engine, Filters())
    frame = frame[frame["score_id"].notna() & (frame["score_id"] > first_new_score_id)].reset_index(drop=True)
    if frame.empty:
        return frame
    with engine.connect() as connection:
        rows = connection.execute(sa.select(store.features.c.claim_id, store.features.c.feature_values).where(store.features.c.claim_id.in_(list(frame["claim_id"])))).all()
    values = pd.DataFrame([{"claim_id": claim_id, **json.loads(text)} for claim_id, text in rows])
    if values.empty:
        return frame
    extra = [name for name in values.columns if name == "claim_id" or name not in frame.columns]
    return frame.merge(values[extra], on="claim_id", how="left")


def stage_record(settings: Settings, counts: dict, score: dict, packs: dict[str, str], timings: dict[str, float], run_name: str | None = None) -> str | None:
    """Log the MLflow scoring run (table, plots, counts, report) and stamp its id on the new score rows."""
    from flows.api import Filters
    from flows.mlflow_runs import log_scoring_run
    from flows.report import render_html

    if not score["n_scored"]:
        logger.info("no new score rows: no MLflow scoring run logged")
        return None
    engine = store.connect(settings.store_url)
    scored = scored_in_run(engine, score["first_new_score_id"])
    if scored.empty:
        logger.info("no new score rows: no MLflow scoring run logged")
        return None
    from flows.plots import render_plots

    version = score["model_version"] or str(scored["model_version"].iloc[0])
    plots = render_plots(scored)
    report_html = render_html(scored, Filters(), title=f"claimcred scoring run {run_name or ''}".strip(), plots=plots)
    run_id = log_scoring_run(
        settings, scored, counts, model_version=version, model_uri=f"models:/{settings.model_name}@champion",
        packs=packs, report_html=report_html, run_name=run_name, timings=timings, plots=plots,
    )
    set_run_id(engine, score["first_new_score_id"], run_id)
    return run_id


# --- one scoring pass: lock, then the stages in order ---------------------------------------------------

SCORE_LOCK = "score"
SCORE_LOCK_TTL = timedelta(hours=2)
STAGES = ("extract", "champion", "features", "score", "record")


@contextmanager
def score_lock(engine: sa.Engine, holder: str, wait_seconds: float, ttl: timedelta = SCORE_LOCK_TTL):
    """Hold the store-level scoring lock, waiting up to ``wait_seconds``; yields False when it stayed taken.

    The lock row expires after ``ttl``, so a crashed holder blocks later runs for at most that long.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        with store.lock(engine, SCORE_LOCK, holder, ttl=ttl) as taken:
            if taken:
                yield True
                return
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(min(2.0, max(0.05, deadline - time.monotonic())))


def plain_stages() -> dict:
    """The stage functions called directly (no Prefect); the score flow passes its tasks instead."""
    return {
        "extract": stage_extract,
        "champion": champion_version,
        "features": stage_features,
        "score": stage_score,
        "record": lambda settings, counts, score, packs, timings, run_name: stage_record(settings, counts, score, packs, timings, run_name=run_name),
    }


def score_pass(settings: Settings, wait_seconds: float = 60.0, run_name: str | None = None, stages: dict | None = None,
               log: logging.Logger | logging.LoggerAdapter | None = None) -> dict:
    """Extract new articles, then score every claim without a current score and the claims they affect.

    Args:
        settings: claimcred settings.
        wait_seconds: how long to wait for another pass holding the lock before skipping.
        run_name: readable name of the pass (MLflow run name, lock holder).
        stages: stage name -> callable (default ``plain_stages()``; the Prefect flow passes its tasks).
        log: logger for the summary line.

    Returns:
        ``{"skipped": True}`` when another pass held the lock, else counts, model version, MLflow run id
        and per-stage seconds.
    """
    stages = stages or plain_stages()
    log = log or logger
    run_name = run_name or f"score-{datetime.now(UTC):%Y%m%d-%H%M%S}"
    engine = store.connect(settings.store_url)
    holder = f"{socket.gethostname()}:{os.getpid()}:{run_name}"
    with score_lock(engine, holder, wait_seconds) as held:
        if not held:
            log.warning("another scoring run holds the %r lock; this run is skipped", SCORE_LOCK)
            return {"skipped": True}
        timings: dict[str, float] = {}

        def timed(stage: str, *args):
            started = time.perf_counter()
            result = stages[stage](*args)
            timings[stage] = round(time.perf_counter() - started, 3)
            return result

        extracted = timed("extract", settings)
        version = timed("champion", settings)
        features = timed("features", settings, extracted.new_claim_ids, version)
        score = timed("score", settings, features)
        counts = {
            "n_articles": store.count(engine, store.articles),
            "n_new_articles": extracted.n_articles,
            "n_claims": store.count(engine, store.claims),
            "n_new_claims": extracted.n_new_claims,
            "n_scored": score["n_scored"],
            "n_rescored": score["n_rescored"],
        }
        run_id = timed("record", settings, counts, score, extracted.packs, dict(timings), run_name)
        log.info("%d articles extracted, %d new claims; %d score rows (%d re-scored) with model v%s; MLflow run %s",
                 extracted.n_articles, extracted.n_new_claims, score["n_scored"], score["n_rescored"], version, run_id)
        return {**counts, "model_version": score["model_version"] or version, "mlflow_run_id": run_id, "timings": timings}
