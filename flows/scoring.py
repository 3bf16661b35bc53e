"""The scoring stages as plain functions (no Prefect): extract → features → score → store.

``flows/pipeline.py`` wraps each stage in one coarse Prefect task; ``flows/api.py`` uses
``score_articles_frame`` to score a text without storing it. ``score_theatre_groups`` is the one in-memory
extract → blackouts → features → score path: ``score_articles_frame`` calls it with the stored claims and
blackouts as context and the champion as scorer, ``claimcred extract`` (flows/extraction.py) with no context.

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
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from features.assemble import build_features
from features.extract import detect_blackouts, extract_claims
from features.schemas import Articles, BlackoutEvents, Claims
from features.theatre import TheatrePack, pick_theatre
from flows import store
from flows.config import Settings
from flows.packs import load_packs

logger = logging.getLogger(__name__)

AFFECTED_WINDOW_DAYS = 30
EXTRACTED_PREFIX = "extracted:"


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


def _not_extracted() -> sa.ColumnElement:
    a, m = store.articles, store.meta
    done = sa.select(sa.func.substr(m.c.key, len(EXTRACTED_PREFIX) + 1)).where(m.c.key.like(f"{EXTRACTED_PREFIX}%"))
    return a.c.article_id.not_in(done)


def pending_articles(engine: sa.Engine) -> pd.DataFrame:
    """Stored articles not extracted yet (no ``extracted:<article_id>`` meta row)."""
    a = store.articles
    query = sa.select(*[a.c[name] for name in ARTICLE_COLUMNS]).where(_not_extracted()).order_by(a.c.article_id)
    frame = store.read_frame(engine, query)
    return frame.assign(label=frame["label"].astype(float))


def has_pending_articles(engine: sa.Engine) -> bool:
    """Whether any stored article is not extracted yet (without reading the articles)."""
    with engine.connect() as connection:
        return connection.execute(sa.select(store.articles.c.article_id).where(_not_extracted()).limit(1)).first() is not None


def assign_theatres(articles: pd.DataFrame, packs: list[TheatrePack]) -> pd.Series:
    """Pack name per article (index kept): the pack whose gazetteer the title and text name most; the only pack when one is given."""
    if len(packs) == 1:
        return pd.Series(packs[0].name, index=articles.index)
    titles, texts = articles[Articles.title].to_numpy(dtype=object), articles[Articles.text].to_numpy(dtype=object)
    return pd.Series([pick_theatre(f"{title}\n{text}", packs) for title, text in zip(titles, texts)], index=articles.index)


def theatre_groups(articles: pd.DataFrame, packs: list[TheatrePack]) -> list[tuple[TheatrePack, pd.DataFrame]]:
    """The articles split by pack (``assign_theatres``), each group with a fresh index, in order of each pack's first article."""
    if articles.empty:
        return []
    by_name = _packs_by_name(packs)
    theatres = assign_theatres(articles, packs)
    return [(by_name[name], articles[theatres == name].reset_index(drop=True)) for name in theatres.unique()]


def extract_pending(engine: sa.Engine, packs: list[TheatrePack]) -> ExtractResult:
    """Extract claims and blackouts from the articles not extracted yet and store them.

    Claims are stored before the article is marked extracted, so a run killed in between re-extracts
    and stores nothing twice (claim ids are stable, writes keyed).
    """
    articles = pending_articles(engine)
    result = ExtractResult(n_articles=len(articles))
    if articles.empty:
        return result
    for pack, group in sorted(theatre_groups(articles, packs), key=lambda pair: pair[0].name):
        result.packs[pack.name] = pack.version
        claims = extract_claims(group, pack)
        blackouts = detect_blackouts(group, pack)
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


def stored_blackouts(engine: sa.Engine) -> pd.DataFrame:
    """Every detected and stored blackout event (BlackoutEvents columns)."""
    return store.read_frame(engine, sa.select(store.blackout_events))


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
    blackouts = stored_blackouts(engine)
    every = stored_claims(engine)  # read once: targets and context of every theatre
    wanted = set(claim_ids)
    is_target = np.fromiter((claim_id in wanted for claim_id in every[Claims.claim_id].to_numpy(dtype=object)), dtype=bool, count=len(every))
    theatres = every[Claims.theatre].to_numpy(dtype=object)
    frames = []
    for theatre in sorted(set(theatres[is_target])):
        if theatre not in by_name:
            logger.warning("claims of theatre %r are left unscored: no such pack loaded (loaded: %s)", theatre, ", ".join(by_name))
            continue
        pack = by_name[theatre]
        mine = theatres == theatre
        targets = every[mine & is_target].reset_index(drop=True)
        context = every[mine & ~is_target].reset_index(drop=True)
        frames.append(build_features(targets, pack, known_blackouts(pack, blackouts), context_claims=context))
    del every
    features = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not features.empty:
        store.upsert(engine, store.features, feature_rows(features))
    return features


def feature_rows(features: pd.DataFrame) -> list[dict]:
    """Rows for the ``features`` table: the family columns (not the Claims columns) as JSON per claim."""
    family = [name for name in features.columns if name not in CLAIM_COLUMNS]
    now = store.utcnow()
    columns = [_plain_values(features[name]) for name in family]
    return [
        {"claim_id": claim_id, "feature_values": store.to_json(dict(zip(family, row))), "computed_at": now}
        for claim_id, row in zip(features["claim_id"].to_numpy(dtype=object), zip(*columns))
    ]


def _plain_values(column: pd.Series) -> list:
    """Python values of a column, nulls as None (what ``astype(object)``, ``where(notna, None)`` and ``to_dict`` give)."""
    values = column.astype(object).where(column.notna(), None).to_numpy(dtype=object)
    return [value.item() if isinstance(value, np.generic) else value for value in values]


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


Scorer = Callable[[pd.DataFrame], pd.DataFrame]
"""ClaimFeatures rows → one row per claim: ``claim_id`` and the score columns to add to the features."""


def known_blackouts(pack: TheatrePack, *frames: pd.DataFrame | None) -> pd.DataFrame:
    """The pack's blackout events, then those of ``frames``, one row per event_id (the first row of an id wins)."""
    rows = [frame for frame in (pack.blackouts, *frames) if frame is not None and not frame.empty]
    if not rows:
        return pack.blackouts
    return pd.concat(rows, ignore_index=True).drop_duplicates(BlackoutEvents.event_id).reset_index(drop=True)[list(pack.blackouts.columns)]


def score_theatre_groups(groups: list[tuple[TheatrePack, pd.DataFrame]], scorer: Scorer, context_claims: pd.DataFrame | None = None,
                         context_blackouts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Extract claims and blackouts, build features and score each group of articles with its pack; write nothing.

    Args:
        groups: (pack, Articles frame) pairs, e.g. from ``theatre_groups``.
        scorer: ClaimFeatures → ``claim_id`` plus the score columns to add (see ``Scorer``).
        context_claims: other claims (Claims columns, any theatre) to corroborate against; those of each
            group's theatre are used, minus the group's own claims. None: the claims corroborate only each other.
        context_blackouts: further BlackoutEvents beside the pack's and those detected in the articles.

    Returns:
        One row per claim, group after group: the ClaimFeatures columns, then the scorer's columns. A group
        without claims adds nothing and its scorer is not called; no claim at all gives an empty frame.
    """
    frames = []
    for pack, group in groups:
        features = group_features(pack, group, context_claims, context_blackouts)
        if features is not None:
            frames.append(features.merge(scorer(features), on=Claims.claim_id, how="left"))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def group_features(pack: TheatrePack, articles: pd.DataFrame, context_claims: pd.DataFrame | None = None, context_blackouts: pd.DataFrame | None = None,
                   as_of_publication: bool = False) -> pd.DataFrame | None:
    """Extract the claims and blackouts of ``articles`` with ``pack`` and build their ClaimFeatures; None when no claim is found.

    Args:
        pack: the theatre pack of the articles.
        articles: an Articles frame.
        context_claims: other claims (Claims columns, any theatre) to corroborate against; those of the pack's
            theatre are used, minus the articles' own claims. None: the claims corroborate only each other.
        context_blackouts: further BlackoutEvents beside the pack's and those detected in the articles.
        as_of_publication: corroborate each claim only with reporting published by then (``build_features``).
    """
    claims = extract_claims(articles, pack)
    if claims.empty:
        return None
    blackouts = known_blackouts(pack, context_blackouts, detect_blackouts(articles, pack))
    context = None
    if context_claims is not None:
        mine = (context_claims[Claims.theatre] == pack.name) & ~context_claims[Claims.claim_id].isin(claims[Claims.claim_id])
        context = context_claims[mine].reset_index(drop=True)
    return build_features(claims, pack, blackouts, context_claims=context, as_of_publication=as_of_publication)


def score_articles_frame(settings: Settings, articles: pd.DataFrame) -> pd.DataFrame:
    """Extract, build features (stored claims and blackouts as context) and score ``articles`` with the champion; write nothing."""
    from flows.modelops import score_features

    engine = store.connect(settings.store_url)
    groups = theatre_groups(articles, load_packs(settings.theatre))
    context_claims = stored_claims(engine, [pack.name for pack, _ in groups])
    return score_theatre_groups(groups, lambda features: score_features(settings, features).drop(columns=["features_hash"]), context_claims, stored_blackouts(engine))


# --- the whole scoring pass, stage by stage (the Prefect tasks call these same functions) --------------


def champion_version(settings: Settings) -> str | None:
    """Version of the current champion model; None on a fresh home (scoring then registers the expert prior)."""
    from models.registry import champion_version as registered_champion

    version = registered_champion(settings.mlflow_tracking_uri, settings.model_name)
    return None if version is None else str(version)


def stage_extract(settings: Settings) -> ExtractResult:
    """Extract the articles not extracted yet (all packs loaded per settings)."""
    engine = store.connect(settings.store_url)
    if not has_pending_articles(engine):
        return ExtractResult()
    return extract_pending(engine, load_packs(settings.theatre))


def stage_features(settings: Settings, new_claim_ids: list[str], model_version: str | None) -> pd.DataFrame:
    """Features of the claims without a current score and of the claims the new ones affect."""
    engine = store.connect(settings.store_url)
    targets = claims_to_score(engine, settings.model_name, model_version, new_claim_ids)
    return compute_features(engine, load_packs(settings.theatre), targets)


def stage_score(settings: Settings, features: pd.DataFrame) -> dict:
    """Score the feature rows with the champion and append the new score rows."""
    engine = store.connect(settings.store_url)
    first_new = max_score_id(engine)
    if features.empty:
        return {"n_scored": 0, "n_rescored": 0, "first_new_score_id": first_new, "model_version": None}
    from flows.modelops import score_features

    scores = score_features(settings, features)
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
        model_version = score["model_version"] or version  # a fresh home registers the champion while scoring
        log.info("%d articles extracted, %d new claims; %d score rows (%d re-scored) with model v%s; MLflow run %s",
                 extracted.n_articles, extracted.n_new_claims, score["n_scored"], score["n_rescored"], model_version, run_id)
        return {**counts, "model_version": model_version, "mlflow_run_id": run_id, "timings": timings}
