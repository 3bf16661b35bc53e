"""Tests of the model operations the CLI and flows call (flows/modelops.py) and the train/verdicts commands."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from typer.testing import CliRunner

from flows import modelops, store
from flows.cli import app
from flows.config import load_settings
from models import registry
from models.schemas import Scores
from conftest import TEST_SEED
from modelframes import random_claim_features, seed_like_claims


@pytest.fixture
def settings(home):
    """Settings over a fresh temporary data home."""
    return load_settings(home=home)


def _store_claims(settings, frame: pd.DataFrame) -> None:
    engine = store.connect(settings.store_url)
    articles = frame.drop_duplicates("article_id").assign(
        content_hash=lambda f: f["article_id"].str.ljust(64, "0"), external_id=None, url=None, title="t", language="en", label=None,
        source="test", ingested_at=store.utcnow(),
    )
    store.insert_new(engine, store.articles, store.frame_to_rows(articles, store.articles))
    store.insert_new(engine, store.claims, store.frame_to_rows(frame.assign(extracted_at=store.utcnow()), store.claims))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One fresh home scored with the scorecard, then trained on synthetic labelled claims (shared: MLflow is slow)."""
    settings = load_settings(home=tmp_path_factory.mktemp("trained"))
    scores = modelops.score_features(settings, seed_like_claims())
    features, labels = random_claim_features(300, TEST_SEED)
    result = modelops.train_on_features(settings, features, labels, {"theatre_pack": "test", "theatre_pack_version": "0"})
    return settings, scores, result


@pytest.mark.slow
def test_score_features_fresh_home_uses_scorecard(trained):
    """Check that scoring on a fresh home registers the scorecard champion and returns valid, ranked Scores."""
    settings, scores, _ = trained
    features = seed_like_claims()
    Scores.validate(scores)
    assert scores["model_version"].unique().tolist() == ["1"]
    against, self_serving, anonymous = scores["probability"]
    assert against > self_serving and against > anonymous
    assert (settings.mlflow_artifact_root / registry.SCORECARD_EXPERIMENT).is_dir()
    again = modelops.score_features(settings, features)
    assert again["features_hash"].tolist() == scores["features_hash"].tolist()
    assert again["model_version"].unique().tolist() == [registry.champion_version(settings.mlflow_tracking_uri, settings.model_name)]


@pytest.mark.slow
def test_train_on_features_logs_and_promotes(trained):
    """Check that training logs every candidate with the named metrics and artifacts and promotes a better model."""
    settings, _, result = trained
    assert result["trained"] and set(result["baselines"]) == {"outlet_only", "tfidf_text"}
    mlflow_client = registry.client(settings.mlflow_tracking_uri)
    best = result["candidates"][result["best"]]
    run = mlflow_client.get_run(best["run_id"])
    assert {"roc_auc", "pr_auc", "brier", "log_loss", "ece", "outlet_only_roc_auc", "champion_brier"} <= set(run.data.metrics)
    assert run.data.params["theatre_pack"] == "test"
    artifacts = [a.path for a in mlflow_client.list_artifacts(best["run_id"])]
    assert "model_card.md" in artifacts
    assert any("calibration" in a and a.endswith(".png") for a in artifacts)
    assert any("importance" in a and a.endswith(".png") for a in artifacts) and any("importance" in a and a.endswith(".json") for a in artifacts)
    champion = registry.champion_version(settings.mlflow_tracking_uri, settings.model_name)
    promoted = result["promotion"]["promoted"]
    assert champion == (best["version"] if promoted else "1")
    assert run.data.tags["promotion"] == ("promoted" if promoted else "kept champion 1")


def test_train_models_without_labels_says_why(settings):
    """Check that training with nothing labelled returns the reason instead of failing."""
    result = modelops.train_models(settings)
    assert not result["trained"] and "no labelled claims" in result["reason"]


def test_verdict_labels_majority_and_ties():
    """Check that verdict labels take the analysts' majority, drop ties and ignore unresolved."""
    verdicts = pd.DataFrame(
        {"claim_id": ["a", "a", "a", "b", "b", "c"], "verdict": ["true", "true", "false", "true", "false", "unresolved"]}
    )
    assert modelops.verdict_labels(verdicts).to_dict() == {"a": 1.0}


def test_import_verdicts_stores_and_rejects(settings, tmp_path):
    """Check that good verdict rows are stored and bad ones rejected with line and reason."""
    _store_claims(settings, seed_like_claims())
    path = tmp_path / "verdicts.csv"
    path.write_text(
        "claim_id,verdict,analyst,note\nc0,TRUE,ana,matches later reports\nc1,false,ana,\nc9,true,ana,\nc2,maybe,ana,\n", encoding="utf-8"
    )
    result = modelops.import_verdicts(settings, path)
    assert (result["imported"], result["rejected"]) == (2, 2)
    assert "claim_id 'c9' is not in the store" in result["reject_lines"][0]
    assert "verdict 'maybe'" in result["reject_lines"][1]
    engine = store.connect(settings.store_url)
    assert store.count(engine, store.verdicts) == 2 and store.count(engine, store.rejects) == 2
    assert modelops.import_verdicts(settings, path)["imported"] == 2
    assert store.count(engine, store.verdicts) == 2


def test_import_verdicts_missing_column(settings, tmp_path):
    """Check that a verdict file without the verdict column is refused naming it."""
    path = tmp_path / "bad.csv"
    path.write_text("claim_id,analyst\nc0,ana\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['verdict'\]"):
        modelops.import_verdicts(settings, path)


def test_verdict_template_round_trip_is_spreadsheet_safe(settings, tmp_path):
    """Check that the template lists unreviewed claims, neutralises formulas, and imports back once filled."""
    _store_claims(settings, seed_like_claims().assign(text=["=HYPERLINK(1)", "b", "c"]))
    out = tmp_path / "template.csv"
    assert modelops.write_verdict_template(settings, out) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["text"].startswith("'=") or any(r["text"] == "'=HYPERLINK(1)" for r in rows)
    for row in rows:
        row.update(verdict="true", analyst="ana")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert modelops.import_verdicts(settings, out)["imported"] == 3
    assert modelops.write_verdict_template(settings, tmp_path / "again.csv") == 0


def test_cli_verdicts_import_exit_code(settings, tmp_path):
    """Check that `claimcred verdicts import` exits 1 and prints the reject line when a row is bad."""
    _store_claims(settings, seed_like_claims())
    path = tmp_path / "v.csv"
    path.write_text("claim_id,verdict,analyst,note\nc0,true,ana,\nzz,true,ana,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["verdicts", "import", str(path), "--home", str(settings.home)])
    assert result.exit_code == 1
    assert "1 imported, 1 rejected" in result.output


def test_cli_train_without_labels_fails(settings):
    """Check that `claimcred train` with no labels exits 1 with the reason."""
    result = CliRunner().invoke(app, ["train", "--home", str(settings.home)])
    assert result.exit_code == 1
    assert "no labelled claims" in result.output


def test_corroboration_as_of_publication_recomputes_stored_features_without_the_future():
    """Check that stored claims corroborated by later reporting lose that corroboration when training recomputes it."""
    from feature_packs import afghanistan_pack
    from features.corroboration import build_corroboration_features
    from test_corroboration import _three_camps, make_claims

    claims = make_claims(_three_camps())
    stored = claims.merge(build_corroboration_features(claims, afghanistan_pack()), on="claim_id")
    assert stored["independent_corroborations"].tolist() == [2, 2, 2]
    recomputed = modelops.corroboration_as_of_publication(stored, pack_loader=lambda name: afghanistan_pack())
    assert recomputed["independent_corroborations"].tolist() == [0, 1, 2]
    assert recomputed["article_corroborated_share"].tolist() == [0.0, 1.0, 1.0]
    kept = modelops.corroboration_as_of_publication(stored, pack_loader=lambda name: (_ for _ in ()).throw(FileNotFoundError(name)))
    assert kept["independent_corroborations"].tolist() == [2, 2, 2]


def test_dataset_claim_features_without_any_claim_names_the_file(settings, tmp_path):
    """Check that training on a FA-KES-format file from which no claim can be extracted fails with one line naming the file."""
    path = tmp_path / "quiet.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date", "location", "labels"])
        writer.writerow(["1", "Weather", "The weather in Damascus was mild and sunny all week.", "reuters", "03/01/2016", "Damascus", "1"])
        writer.writerow(["2", "Markets", "Markets in Aleppo were busy on a quiet morning.", "sana", "03/02/2016", "Aleppo", "0"])
    with pytest.raises(ValueError, match=r"quiet\.csv: no claim could be extracted from its 2 article\(s\) with pack syria"):
        modelops.dataset_claim_features(settings, path, "syria")


def test_dataset_claim_features_builds_labelled_features_as_scoring_does(settings, fakes_csv, tmp_path):
    """Check that training features of FA-KES articles equal scoring's group_features (as of publication), with each article's label."""
    from flows.packs import load_pack
    from flows.scoring import group_features

    path = tmp_path / "part.csv"
    pd.read_csv(fakes_csv, dtype=str).head(25).to_csv(path, index=False)
    frame, pack = modelops.dataset_claim_features(settings, path, "syria")
    articles = modelops.read_fakes_articles(settings, path)
    expected = group_features(pack, articles, as_of_publication=True)
    pd.testing.assert_frame_equal(frame.drop(columns=["article_label"]), expected)
    labels = articles.set_index("article_id")["label"]
    assert frame["article_label"].tolist() == frame["article_id"].map(labels).tolist()
    assert set(frame["article_label"].dropna()) <= {0.0, 1.0} and frame["article_label"].notna().all()
