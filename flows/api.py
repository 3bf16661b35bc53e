"""The Python API: the store as pandas DataFrames, and scoring a text on the spot.

    >>> from flows import api
    >>> api.claims(since="2021-09-01", camp="resistance", grade=[1, 2])   # latest score per claim
    >>> api.scores(history=True)                                          # every score row ever written
    >>> api.articles(theatre="syria")                                     # with external_id and credibility
    >>> api.score_text("The ministry said 40 fighters were killed in Panjshir.", outlet="tolonews")

Filters, the same for every function and for ``claimcred report`` / ``claimcred export``:
``since`` / ``until`` (publication time, inclusive, UTC; naive values are read as UTC), ``theatre``,
``camp`` (speaker camp), ``grade`` (latest grade). Each takes one value or a list. A claim's *latest*
score is its score row with the greatest ``scored_at`` (ties: greatest ``score_id``).

An article's ``credibility`` is the mean of the latest probabilities of its scored claims (null when
none of its claims is scored); ``n_claims`` and ``n_scored_claims`` say how many it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from flows import store
from flows.config import Settings, load_settings

SCORE_COLUMNS = ["score_id", "model_name", "model_version", "features_hash", "probability", "grade", "reliability", "reasons", "run_id", "scored_at"]


@dataclass(frozen=True)
class Filters:
    """The report/export filters; ``None`` means no restriction."""

    since: datetime | str | None = None
    until: datetime | str | None = None
    theatre: str | list[str] | None = None
    camp: str | list[str] | None = None
    grade: int | list[int] | None = None

    def describe(self) -> str:
        """One line naming the active filters ('all claims' when none)."""
        parts = [f"{name}={_values(value) if name in ('theatre', 'camp', 'grade') else _timestamp(value).isoformat()}"
                 for name, value in vars(self).items() if value not in (None, [], "")]
        return ", ".join(parts) or "all claims"


def _values(value) -> list:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [value]
    return list(value)


def _timestamp(value: datetime | str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise ValueError(f"cannot read {value!r} as a date or time; expected ISO 8601 like 2021-09-06 or 2021-09-06T12:00") from error
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _engine(settings: Settings | None) -> sa.Engine:
    return store.connect((settings or load_settings()).store_url)


def _latest_scores() -> sa.Subquery:
    rank = sa.func.row_number().over(
        partition_by=store.scores.c.claim_id, order_by=(store.scores.c.scored_at.desc(), store.scores.c.score_id.desc())
    )
    ranked = sa.select(store.scores, rank.label("score_rank")).subquery("ranked")
    return sa.select(*[ranked.c[name] for name in ["claim_id", *SCORE_COLUMNS]]).where(ranked.c.score_rank == 1).subquery("latest")


def _claim_conditions(filters: Filters, claims_table, grade_column) -> list:
    conditions = []
    if filters.since is not None:
        conditions.append(claims_table.c.published >= _timestamp(filters.since).tz_localize(None).to_pydatetime())
    if filters.until is not None:
        conditions.append(claims_table.c.published <= _timestamp(filters.until).tz_localize(None).to_pydatetime())
    if _values(filters.theatre):
        conditions.append(claims_table.c.theatre.in_(_values(filters.theatre)))
    if _values(filters.camp):
        conditions.append(claims_table.c.speaker_camp.in_(_values(filters.camp)))
    if _values(filters.grade):
        grades = [int(grade) for grade in _values(filters.grade)]
        bad = [grade for grade in grades if not 1 <= grade <= 6]
        if bad:
            raise ValueError(f"grade {bad[0]} is not a credibility grade; expected 1 (confirmed) to 6 (cannot be judged)")
        conditions.append(grade_column.in_(grades))
    return conditions


def claims_frame(engine: sa.Engine, filters: Filters = Filters()) -> pd.DataFrame:
    """Claims with their article title and latest score (null score columns when never scored), sorted by grade."""
    latest = _latest_scores()
    c, a = store.claims, store.articles
    score_columns = [latest.c[name] for name in SCORE_COLUMNS if name != "reasons"]
    query = (
        sa.select(*c.columns, a.c.title.label("title"), a.c.url.label("url"), *score_columns,
                  sa.func.coalesce(latest.c.reasons, "[]").label("reasons"))
        .select_from(c.join(a, a.c.article_id == c.c.article_id).outerjoin(latest, latest.c.claim_id == c.c.claim_id))
        .where(*_claim_conditions(filters, c, latest.c.grade))
    )
    frame = store.read_frame(engine, query)
    frame["grade"] = frame["grade"].astype("Int64")
    frame["score_id"] = frame["score_id"].astype("Int64")
    return _by_grade(frame)


def _by_grade(frame: pd.DataFrame) -> pd.DataFrame:
    order = frame.assign(_missing=frame["grade"].isna()).sort_values(
        ["_missing", "grade", "probability", "claim_id"], ascending=[True, True, False, True], na_position="last"
    )
    return order.drop(columns="_missing").reset_index(drop=True)


def scores_frame(engine: sa.Engine, filters: Filters = Filters(), history: bool = True) -> pd.DataFrame:
    """Score rows (every row when ``history``, else the latest per claim) with the claim's theatre, camp and date."""
    c = store.claims
    source = store.scores if history else _latest_scores()
    latest_ids = sa.select(_latest_scores().c.score_id)
    query = (
        sa.select(*[source.c[name] for name in ["claim_id", *SCORE_COLUMNS]], c.c.theatre, c.c.speaker_camp, c.c.published,
                  source.c.score_id.in_(latest_ids).label("is_latest"))
        .select_from(source.join(c, c.c.claim_id == source.c.claim_id))
        .where(*_claim_conditions(filters, c, source.c.grade))
        .order_by(source.c.claim_id, source.c.scored_at, source.c.score_id)
    )
    frame = store.read_frame(engine, query)
    return frame.assign(is_latest=frame["is_latest"].astype(bool))


def articles_frame(engine: sa.Engine, filters: Filters = Filters()) -> pd.DataFrame:
    """Articles with ``credibility`` (mean latest probability of their scored claims), ``n_claims``, ``n_scored_claims``.

    Date filters apply to the article's publication time; theatre, camp and grade keep the articles that
    have at least one claim matching them.
    """
    a = store.articles
    date_filters = Filters(since=filters.since, until=filters.until)
    frame = store.read_frame(engine, sa.select(a).where(*_claim_conditions(date_filters, a, None)).order_by(a.c.published, a.c.article_id))
    every_claim = claims_frame(engine)
    per_article = every_claim.groupby("article_id").agg(
        credibility=("probability", "mean"), n_claims=("claim_id", "size"), n_scored_claims=("probability", "count")
    )
    frame = frame.join(per_article, on="article_id")
    frame = frame.assign(n_claims=frame["n_claims"].fillna(0).astype(int), n_scored_claims=frame["n_scored_claims"].fillna(0).astype(int))
    if any(_values(value) for value in (filters.theatre, filters.camp, filters.grade)):
        matching = claims_frame(engine, Filters(theatre=filters.theatre, camp=filters.camp, grade=filters.grade))
        frame = frame[frame["article_id"].isin(set(matching["article_id"]))]
    return frame.reset_index(drop=True)


def claims(since=None, until=None, theatre=None, camp=None, grade=None, *, settings: Settings | None = None) -> pd.DataFrame:
    """Stored claims with their latest score, best grade first.

    Args:
        since: earliest publication time (inclusive); ISO string or datetime, naive = UTC.
        until: latest publication time (inclusive).
        theatre: theatre pack name(s).
        camp: speaker camp(s).
        grade: latest grade(s), 1–6; unscored claims are left out when given.
        settings: claimcred settings; default ``load_settings()`` ($CLAIMCRED_HOME).

    Returns:
        One row per claim: every Claims column, the article ``title`` and ``url``, and the latest score's
        ``probability``, ``grade``, ``reliability``, ``reasons``, ``model_name``, ``model_version``,
        ``features_hash``, ``run_id``, ``scored_at`` (null when the claim was never scored).
    """
    return claims_frame(_engine(settings), Filters(since, until, theatre, camp, grade))


def scores(since=None, until=None, theatre=None, camp=None, grade=None, *, history: bool = True,
           settings: Settings | None = None) -> pd.DataFrame:
    """Score rows: the whole append-only history (``history=True``) or the latest per claim.

    Filters as in ``claims``; ``grade`` filters on each row's own grade. ``is_latest`` marks the current row.
    """
    return scores_frame(_engine(settings), Filters(since, until, theatre, camp, grade), history=history)


def articles(since=None, until=None, theatre=None, camp=None, grade=None, *, settings: Settings | None = None) -> pd.DataFrame:
    """Stored articles with ``external_id`` and ``credibility`` (mean latest probability of their scored claims)."""
    return articles_frame(_engine(settings), Filters(since, until, theatre, camp, grade))


def score_text(text: str, published: datetime | str | None = None, outlet: str | None = None, *, title: str = "",
               settings: Settings | None = None) -> pd.DataFrame:
    """Extract and score the claims of one text without storing anything.

    Corroboration counts the stored claims as context, so a text repeating stored reporting is scored as
    corroborated. Scores come from the champion model (registered from the expert prior when none exists).

    Args:
        text: the article text.
        published: publication time (naive = UTC); dates like "on Wednesday" resolve against it.
        outlet: outlet id from the theatre's source registry ('unknown' when not given).
        title: headline, if any.
        settings: claimcred settings; default ``load_settings()``.

    Returns:
        One row per claim: the ClaimFeatures columns plus probability, grade, reliability, reasons,
        model_name, model_version; empty when the text holds no claim.
    """
    from flows.scoring import score_articles_frame, text_article

    settings = settings or load_settings()
    article = text_article(text, published=None if published is None else _timestamp(published), outlet=outlet, title=title)
    return score_articles_frame(settings, article)

