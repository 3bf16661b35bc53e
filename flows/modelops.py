"""Model operations the CLI and the Prefect flows call: score, train, import verdicts, export a verdict template.

Plain functions (no Prefect): each loads what it needs from the store, calls the
pure code in ``models/``, and records results through ``models/registry.py``.

Labels for training:
- an analyst verdict on a claim (true → 1, false → 0; unresolved ignored; several
  analysts → the majority, a tie is dropped) wins over everything else;
- otherwise a labelled dataset's article label (FA-KES: 1 credible, 0 fake) is
  given to every claim of the article. The label is about the article's account
  of the event, so this is noisy per claim; it is the only claim-level signal
  such datasets offer.
- Article credibility is aggregated back from claim scores by the mean of the
  claim probabilities (``models.evaluate.aggregate_by_article``); the article
  metrics (``article_roc_auc`` ...) are computed on that mean.
"""

from __future__ import annotations

import csv
import logging
import os
import socket
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from flows import store
from flows.config import Settings

logger = logging.getLogger(__name__)

PROMOTION_LOCK = "model-promotion"
VERDICT_VALUES = {"true": 1.0, "false": 0.0, "unresolved": None}
TEMPLATE_CONTEXT_COLUMNS = ["outlet", "published", "speaker", "claim_type", "text", "sentence", "probability", "grade"]
_CHAMPION_CACHE: dict[tuple[str, str, str], object] = {}


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def promotion_lock(settings: Settings):
    """Zero-argument factory of the store-level lock that serialises champion changes."""
    engine = store.connect(settings.store_url)
    holder = _holder()
    return lambda: store.lock(engine, PROMOTION_LOCK, holder)


def pack_params(pack=None) -> dict:
    """MLflow params naming the theatre pack, when one is given."""
    return {} if pack is None else {"theatre_pack": pack.name, "theatre_pack_version": pack.version}


def _champion(settings: Settings, example: pd.DataFrame, params: dict):
    """(pyfunc, version) of the champion, registering the scorecard on a fresh home; every scoring path loads it here.

    Raises:
        models.registry.FeatureListMismatch: the champion needs model-input columns the code no longer builds
            (checked before anything is scored; a version that fails is not cached, so fixing the alias takes effect).
    """
    from models import registry
    from models.feature_sets import MODEL_INPUT_COLUMNS

    version = registry.ensure_champion(
        settings.mlflow_tracking_uri, settings.mlflow_artifact_root, settings.model_name, params, input_example=example, lock=promotion_lock(settings)
    )
    key = (settings.mlflow_tracking_uri, settings.model_name, version)
    if key not in _CHAMPION_CACHE:
        _CHAMPION_CACHE[key] = registry.load_for_scoring(settings.mlflow_tracking_uri, settings.model_name, version, MODEL_INPUT_COLUMNS)
    return _CHAMPION_CACHE[key], version


def score_features(settings: Settings, features: pd.DataFrame, pack=None) -> pd.DataFrame:
    """Score ClaimFeatures rows with the champion (registering the scorecard first on a fresh home); return Scores.

    Args:
        settings: resolved settings (tracking URI, artifact root, model name).
        features: a ClaimFeatures frame.
        pack: the theatre pack, logged as params if the scorecard gets registered.
    """
    from models.feature_sets import features_hash, model_input
    from models.schemas import ModelInput, Scores

    inputs = ModelInput.validate(model_input(features), lazy=True)
    model, version = _champion(settings, inputs.head(5).reset_index(drop=True), pack_params(pack))
    if inputs.empty:
        return Scores.validate(_empty_scores(), lazy=True)
    predicted = model.predict(inputs.reset_index(drop=True))
    scores = pd.DataFrame(
        {
            "claim_id": features["claim_id"].to_numpy(),
            "model_name": settings.model_name,
            "model_version": str(version),
            "features_hash": features_hash(inputs).to_numpy(),
            "probability": predicted["probability"].astype(float).to_numpy(),
            "grade": predicted["grade"].astype(int).to_numpy(),
            "reliability": predicted["reliability"].astype(object).where(predicted["reliability"].notna(), None).to_numpy(),
            "reasons": list(predicted["reasons"]),
            "scored_at": pd.Timestamp.now(tz="UTC").as_unit("us"),
        }
    )
    return Scores.validate(scores, lazy=True)


def _empty_scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": pd.Series(dtype=str),
            "model_name": pd.Series(dtype=str),
            "model_version": pd.Series(dtype=str),
            "features_hash": pd.Series(dtype=str),
            "probability": pd.Series(dtype=float),
            "grade": pd.Series(dtype=int),
            "reliability": pd.Series(dtype=object),
            "reasons": pd.Series(dtype=object),
            "scored_at": pd.Series(dtype="datetime64[us, UTC]"),
        }
    )


# --- labels -------------------------------------------------------------------------


def verdict_labels(verdicts: pd.DataFrame) -> pd.Series:
    """One label per claim from analyst verdicts: majority of true/false; unresolved and ties dropped."""
    values = verdicts.assign(value=verdicts["verdict"].map(VERDICT_VALUES)).dropna(subset=["value"])
    if values.empty:
        return pd.Series(dtype=float, name="label")
    mean = values.groupby("claim_id")["value"].mean()
    return mean[mean != 0.5].round().rename("label")


def stored_claim_features(engine: sa.Engine) -> pd.DataFrame:
    """Claims joined with their stored feature values and their article's label (ClaimFeatures columns + article_label)."""
    claims = store.read_frame(engine, sa.select(store.claims))
    feature_rows = store.read_frame(engine, sa.select(store.features.c.claim_id, store.features.c.feature_values))
    labels = store.read_frame(engine, sa.select(store.articles.c.article_id, store.articles.c.label.label("article_label")))
    if claims.empty or feature_rows.empty:
        return pd.DataFrame()
    values = pd.DataFrame(list(feature_rows["feature_values"]), index=feature_rows["claim_id"])
    values = values.drop(columns=[c for c in values.columns if c in claims.columns and c != "claim_id"], errors="ignore")
    frame = claims.drop(columns=["extracted_at"], errors="ignore").merge(values, left_on="claim_id", right_index=True, how="inner")
    return frame.merge(labels, on="article_id", how="left")


def corroboration_as_of_publication(frame: pd.DataFrame, pack_loader=None) -> pd.DataFrame:
    """Stored claims with their corroboration columns recomputed as of each claim's publication day.

    Stored features were computed against whatever was in the store when they were scored: a bulk
    ingest corroborates early claims with later reporting, which would let a split in time look into
    the future. Training recomputes them over the stored claims of each theatre, matching each claim
    only against claims published on its own day or earlier. A theatre whose pack cannot be loaded
    keeps its stored values (logged).

    Args:
        frame: stored claims joined with their feature values (``stored_claim_features``).
        pack_loader: name → TheatrePack; default ``flows.packs.load_pack``.
    """
    from features.corroboration import build_corroboration_features
    from features.schemas import Claims, CorroborationFeatures

    if frame.empty:
        return frame
    if pack_loader is None:
        from flows.packs import load_pack as pack_loader
    claim_columns = list(Claims.to_schema().columns)
    columns = [name for name in CorroborationFeatures.to_schema().columns if name != CorroborationFeatures.claim_id]
    result = frame.copy()
    for theatre, group in frame.groupby(Claims.theatre, sort=False):
        try:
            pack = pack_loader(theatre)
        except (FileNotFoundError, ValueError) as error:
            logger.warning("theatre %s: stored corroboration kept for %d claims (pack not loadable: %s)", theatre, len(group), error)
            continue
        fresh = build_corroboration_features(group[claim_columns].reset_index(drop=True), pack, as_of_publication=True).set_index(CorroborationFeatures.claim_id)
        for column in columns:
            values = fresh.loc[group[Claims.claim_id].to_numpy(), column].to_numpy()
            if column not in result.columns:
                result[column] = pd.Series(index=result.index, dtype=values.dtype)
            result.loc[group.index, column] = values
    return result


def training_labels(frame: pd.DataFrame, verdicts: pd.DataFrame) -> pd.Series:
    """Label per row of ``frame``: the analysts' verdict where there is one, else the article label; NaN = unlabelled."""
    from_verdicts = frame["claim_id"].map(verdict_labels(verdicts))
    article = frame["article_label"] if "article_label" in frame.columns else pd.Series(np.nan, index=frame.index)
    return from_verdicts.fillna(article).rename("label")


# --- training -----------------------------------------------------------------------


def train_models(settings: Settings, quiet: bool = False, dataset: Path | None = None, theatre: str | None = None, random_state: int = 0) -> dict:
    """Train candidates on every labelled claim (stored verdicts and article labels, plus ``dataset`` if given).

    Args:
        settings: resolved settings.
        quiet: log progress at debug level only.
        dataset: a labelled article CSV in the FA-KES format, run through extraction and features in memory.
        theatre: theatre pack for ``dataset``; default settings.theatre, else picked from the text.
        random_state: seed of the candidates.

    Returns:
        dict with trained (bool), reason when not, and on success n_train, n_test, metrics per model, best, promotion.
    """
    engine = store.connect(settings.store_url)
    frame = corroboration_as_of_publication(stored_claim_features(engine))
    verdicts = store.read_frame(engine, sa.select(store.verdicts))
    labels = training_labels(frame, verdicts) if not frame.empty else pd.Series(dtype=float)
    params: dict = {}
    if dataset is not None:
        extra, pack = dataset_claim_features(settings, Path(dataset), theatre)
        frame = pd.concat([frame, extra], ignore_index=True) if not frame.empty else extra
        labels = pd.concat([labels, extra["article_label"]], ignore_index=True)
        params = {**pack_params(pack), "dataset": Path(dataset).name}
    labelled = labels.notna().to_numpy() if len(labels) else np.zeros(0, dtype=bool)
    if not labelled.any():
        return {"trained": False, "reason": "no labelled claims: import verdicts (claimcred verdicts import) or train with --dataset"}
    return train_on_features(settings, frame[labelled].reset_index(drop=True), labels[labelled].astype(int).to_numpy(), params, quiet, random_state)


def train_on_features(settings: Settings, features: pd.DataFrame, labels, params: dict | None = None, quiet: bool = False, random_state: int = 0) -> dict:
    """Split in time, fit and evaluate the candidates and baselines, log them, and promote the best if it beats the champion."""
    from models import evaluate, registry, train
    from models.feature_sets import FEATURE_COLUMNS, model_input
    from models.scorecard import terms_table

    log = logger.debug if quiet else logger.info
    labels = np.asarray(labels, dtype=int)
    try:
        train.check_labels(labels)
        train_mask, test_mask = train.time_split(features["published"])
        train.check_labels(labels[train_mask])
    except ValueError as error:
        return {"trained": False, "reason": str(error)}
    inputs = model_input(features).reset_index(drop=True)
    context = features[["outlet", "text"]].reset_index(drop=True).assign(text=lambda f: f["text"].fillna(""))
    y_train, y_test = labels[train_mask], labels[test_mask]
    x_train, x_test = inputs[train_mask][FEATURE_COLUMNS], inputs[test_mask]
    log("training on %d claims (%s to %s), testing on %d later claims", train_mask.sum(), features["published"][train_mask].min(), features["published"][train_mask].max(), test_mask.sum())

    # Calibration folds keep each article whole: its claims share one label and the article-level features.
    candidates = train.fit_candidates(x_train, y_train, random_state, groups=features["article_id"].reset_index(drop=True)[train_mask].to_numpy())
    probabilities = {name: model.predict_proba(x_test[FEATURE_COLUMNS])[:, 1] for name, model in candidates.items()}
    metrics = {name: evaluate.classification_metrics(y_test, p) for name, p in probabilities.items()}
    article_ids = features["article_id"].reset_index(drop=True)[test_mask]
    article_labels = pd.Series(y_test, index=article_ids.index).groupby(article_ids.to_numpy()).first()

    def article_metrics(probability) -> dict[str, float]:
        return {f"article_{k}": v for k, v in evaluate.classification_metrics(article_labels, evaluate.aggregate_by_article(article_ids, probability)).items()}

    baselines = {}
    for name, estimator in train.baseline_estimators().items():
        try:
            fitted = estimator.fit(context[train_mask], y_train)
            baseline_probability = fitted.predict_proba(context[test_mask])[:, 1]
            baselines[name] = {**evaluate.classification_metrics(y_test, baseline_probability), **article_metrics(baseline_probability)}
        except ValueError as error:  # e.g. TF-IDF with too few documents: the baseline is reported as missing
            logger.warning("baseline %s could not be fitted: %s", name, error)
    grouped = {name: train.grouped_outlet_roc_auc(estimator, inputs[FEATURE_COLUMNS], labels, features["outlet"].reset_index(drop=True)) for name, estimator in train.candidate_estimators(random_state).items()}

    # The current champion (the expert-prior scorecard on a fresh home), evaluated on the same held-out frame in this training.
    champion_before = registry.ensure_champion(
        settings.mlflow_tracking_uri, settings.mlflow_artifact_root, settings.model_name, params or {},
        input_example=x_test.head(5).reset_index(drop=True), lock=promotion_lock(settings),
    )

    def version_metrics(version: str) -> dict[str, float]:
        model = registry.load_version(settings.mlflow_tracking_uri, settings.model_name, version)
        try:
            registry.check_feature_list(model, settings.model_name, version, list(x_test.columns))
        except registry.FeatureListMismatch as error:  # a champion that cannot score the current features: any candidate beats it
            logger.warning("%s: it cannot score the current features, so any candidate replaces it", error.problem)
            return dict.fromkeys(next(iter(metrics.values())), float("nan"))
        return evaluate.classification_metrics(y_test, model.predict(x_test.reset_index(drop=True))["probability"])

    def comparable_brier(version_scores: dict[str, float]) -> float:
        """The Brier score to compare; infinite (beaten by any candidate) for a version that cannot score the features."""
        return float("inf") if np.isnan(version_scores["brier"]) else version_scores["brier"]

    def evaluate_version(version: str) -> float:
        return comparable_brier(version_metrics(version))

    champion_metrics = version_metrics(champion_before)
    champion_brier = comparable_brier(champion_metrics)
    best = min(metrics, key=lambda name: metrics[name]["brier"])
    split = {
        "train": f"{int(train_mask.sum())} claims published {features['published'][train_mask].min():%Y-%m-%d} to {features['published'][train_mask].max():%Y-%m-%d}",
        "test": f"{int(test_mask.sum())} claims published {features['published'][test_mask].min():%Y-%m-%d} to {features['published'][test_mask].max():%Y-%m-%d}",
    }
    uses_fakes = "fa-kes" in str((params or {}).get("dataset", "")).lower()
    card_rows = {**metrics, f"champion before (version {champion_before})": champion_metrics, **{f"baseline: {k}": v for k, v in baselines.items()}}
    card_rows |= {f"{k} (articles, mean of claims)": {m.removeprefix("article_"): x for m, x in v.items() if m.startswith("article_")} for k, v in {**{n: article_metrics(p) for n, p in probabilities.items()}, **{f"baseline: {n}": v for n, v in baselines.items()}}.items()}
    results = {}
    for name, model in candidates.items():
        by_article = article_metrics(probabilities[name])
        run_metrics = {
            **metrics[name],
            **by_article,
            **{f"{base}_{k}": v for base, values in baselines.items() for k, v in values.items()},
            "grouped_outlet_roc_auc": grouped[name],
            "n_train": float(train_mask.sum()),
            "n_test": float(test_mask.sum()),
        }
        run_metrics |= {f"champion_{k}": v for k, v in champion_metrics.items()}
        importance = evaluate.permutation_importance_table(model, x_test[FEATURE_COLUMNS], y_test, random_state=random_state, n_repeats=3)
        card = evaluate.model_card(
            f"{settings.model_name} / {name}",
            {
                "labelled claims": len(labels),
                "accurate share": f"{labels.mean():.3f}",
                "outlets": features["outlet"].nunique(),
                "labels": "analyst verdicts where present, else the article's dataset label given to each of its claims",
                "champion compared": f"version {champion_before}, brier {champion_brier:.4f} on the same held-out claims"
                if np.isfinite(champion_brier) else f"version {champion_before}, which cannot score the current features (models/registry.py)",
                **(params or {}),
            },
            split,
            card_rows,
            grouped_outlet={k: v for k, v in grouped.items()},
            scorecard_terms=terms_table() if name == "scorecard_calibrated" else None,
            limits=[
                "Labels inherited from articles are noisy at the claim level.",
                "Article credibility = mean of its claims' probabilities.",
                "Metrics come from one split in time; small test sets give wide uncertainty.",
                *_chance_warning(metrics, baselines),
            ],
            uses_fakes=uses_fakes,
        )
        run_id, version = registry.log_candidate_run(
            settings.mlflow_tracking_uri,
            settings.mlflow_artifact_root,
            settings.model_name,
            name,
            model,
            x_test.head(5).reset_index(drop=True),
            params={**(params or {}), "candidate": name, "random_state": random_state, "calibration": "sigmoid", "split": "time"},
            metrics=run_metrics,
            figures={f"{name}_calibration.png": evaluate.calibration_figure(y_test, {name: probabilities[name]}), f"{name}_importance.png": evaluate.importance_figure(importance)},
            tables={f"{name}_importance.json": importance},
            texts={"model_card.md": card},
            tags={"candidate": name, "best_candidate": str(name == best), "compared_champion_version": str(champion_before), "beats_champion": str(metrics[name]["brier"] < champion_brier)},
            register=(name == best),
        )
        results[name] = {"run_id": run_id, "version": version, **metrics[name], "grouped_outlet_roc_auc": grouped[name], **by_article}
    promotion = registry.promote_if_better(
        settings.mlflow_tracking_uri,
        settings.model_name,
        results[best]["version"],
        metrics[best]["brier"],
        evaluate_version,
        compared_version=champion_before,
        compared_score=champion_brier,
        lock=promotion_lock(settings),
        run_id=results[best]["run_id"],
    )
    log("best candidate %s (brier %.4f, roc_auc %.3f): %s", best, metrics[best]["brier"], metrics[best]["roc_auc"], "promoted" if promotion["promoted"] else "champion kept")
    return {"trained": True, "n_train": int(train_mask.sum()), "n_test": int(test_mask.sum()), "split": split, "candidates": results, "baselines": baselines, "best": best, "promotion": promotion}


def _chance_warning(metrics: dict, baselines: dict) -> list[str]:
    best = max(values["roc_auc"] for values in metrics.values())
    outlet = baselines.get("outlet_only", {}).get("roc_auc", float("nan"))
    lines = []
    if best < 0.55:
        lines.append(f"Discrimination is near chance on this split (best ROC AUC {best:.3f}): read probabilities as base rates, not evidence.")
    if best <= outlet:
        lines.append(f"No candidate beats the outlet-only baseline (ROC AUC {outlet:.3f}) on this split.")
    return lines


# --- datasets (FA-KES format) ----------------------------------------------------------


def read_fakes_articles(settings: Settings, path: Path) -> pd.DataFrame:
    """Labelled FA-KES-format CSV → Articles, through flows.ingest.read_source (rejected rows are logged and counted)."""
    from flows.ingest import read_source

    articles, rejects, _warnings = read_source(settings, str(path))
    if rejects:
        logger.warning("%s: %d row(s) rejected while reading, e.g. %s", path, len(rejects), rejects[0])
    return articles


def dataset_claim_features(settings: Settings, path: Path, theatre: str | None = None):
    """Run a labelled FA-KES-format CSV through extraction and features in memory: (ClaimFeatures + article_label, pack).

    The features are built as scoring builds them (``scoring.group_features``), except that each claim is
    corroborated only by reporting published by then: the dataset is split in time for training, so no claim may
    lean on later reporting.

    Raises:
        ValueError: no claim could be extracted from the file (named in the message).
    """
    from features.theatre import pick_theatre
    from flows.packs import load_all_packs, load_pack
    from flows.scoring import group_features

    articles = read_fakes_articles(settings, path)
    name = theatre or settings.theatre
    pack = load_pack(name) if name else None
    if pack is None:
        packs = load_all_packs()
        chosen = pick_theatre(" ".join(articles["text"].head(50)), packs)
        pack = next(p for p in packs if p.name == chosen)
    frame = group_features(pack, articles, as_of_publication=True)
    if frame is None:
        raise ValueError(f"{path}: no claim could be extracted from its {len(articles)} article(s) with pack {pack.name}; nothing to train on")
    labels = articles.set_index("article_id")["label"]
    return frame.assign(article_label=frame["article_id"].map(labels).to_numpy()), pack


# --- verdicts -----------------------------------------------------------------------


def import_verdicts(settings: Settings, path: Path) -> dict:
    """Store analyst verdicts from a CSV (claim_id, verdict true/false/unresolved, analyst, note); bad rows go to rejects.

    Returns:
        dict with rows, imported, rejected, reject_lines.

    Raises:
        ValueError: the file lacks a required column (named in the message).
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("claim_id", "verdict", "analyst") if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected claim_id, verdict (true/false/unresolved), analyst, note")
    engine = store.connect(settings.store_url)
    known = set(store.read_frame(engine, sa.select(store.claims.c.claim_id))["claim_id"]) if store.count(engine, store.claims) else set()
    now = store.utcnow()
    good, rejects, lines = [], [], []
    for number, row in enumerate(raw.to_dict("records"), start=2):
        claim_id, verdict, analyst = row["claim_id"].strip(), row["verdict"].strip().lower(), row["analyst"].strip()
        reason = None
        if verdict not in VERDICT_VALUES:
            reason = f"verdict {row['verdict']!r} is not one of true, false, unresolved"
        elif not analyst:
            reason = "analyst is empty"
        elif claim_id not in known:
            reason = f"claim_id {claim_id!r} is not in the store"
        if reason:
            rejects.append({"source": str(path), "record": f"line {number}: {claim_id}", "reason": reason, "rejected_at": now})
            lines.append(f"{path}:{number}: {reason}")
        else:
            good.append({"claim_id": claim_id, "analyst": analyst, "verdict": verdict, "note": row.get("note", "").strip(), "recorded_at": now})
    store.upsert(engine, store.verdicts, good)
    store.insert_new(engine, store.rejects, rejects)
    return {"rows": len(raw), "imported": len(good), "rejected": len(rejects), "reject_lines": lines}


def _spreadsheet_safe(value) -> str:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_verdict_template(settings: Settings, out: Path, include_reviewed: bool = False) -> int:
    """Write a CSV of claims for review (empty verdict, analyst, note; context columns after); return the row count."""
    engine = store.connect(settings.store_url)
    claims = store.read_frame(engine, sa.select(store.claims))
    if claims.empty:
        frame = pd.DataFrame(columns=["claim_id", "verdict", "analyst", "note", *TEMPLATE_CONTEXT_COLUMNS])
    else:
        latest = store.read_frame(engine, sa.select(store.scores.c.claim_id, store.scores.c.probability, store.scores.c.grade, store.scores.c.score_id))
        latest = latest.sort_values("score_id").drop_duplicates("claim_id", keep="last")[["claim_id", "probability", "grade"]]
        frame = claims.merge(latest, on="claim_id", how="left")
        if not include_reviewed:
            reviewed = store.read_frame(engine, sa.select(store.verdicts.c.claim_id))
            frame = frame[~frame["claim_id"].isin(set(reviewed["claim_id"]))] if not reviewed.empty else frame
        frame = frame.assign(verdict="", analyst="", note="", published=frame["published"].dt.strftime("%Y-%m-%d"))
        frame = frame.sort_values(["published", "claim_id"])[["claim_id", "verdict", "analyst", "note", *TEMPLATE_CONTEXT_COLUMNS]]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([_spreadsheet_safe(v) for v in row])
    return len(frame)
