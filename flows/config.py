"""Settings: the data home and ``claimcred.toml``.

Everything claimcred writes lives under one data home, ``CLAIMCRED_HOME``
(default ``./.claimcred``): the claim store, MLflow's database and artifacts,
Prefect's home. ``claimcred.toml`` (in the home, or given with ``--config``)
overrides the defaults below; every key is documented in ``DEFAULTS_TOML``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
THEATRES_DIR = SEEDS_DIR / "theatres"
SAMPLE_DIR = SEEDS_DIR / "sample"

DEFAULTS_TOML = """\
# claimcred.toml: every key with its default. Copy into $CLAIMCRED_HOME/claimcred.toml and edit.

# Claim store: any SQLAlchemy URL. Empty = SQLite at $CLAIMCRED_HOME/claims.db.
store_url = ""
# MLflow tracking URI. Empty = sqlite:///$CLAIMCRED_HOME/mlflow.db with artifacts in $CLAIMCRED_HOME/mlartifacts.
mlflow_tracking_uri = ""
# Registered model name; scoring loads models:/<model_name>@champion.
model_name = "claimcred"
# Theatre pack under seeds/theatres/ (or a path). Empty = pick from gazetteer hits per article.
theatre = ""
# Sources ingested by `claimcred run` and the scheduled ingest: folders, files, feed URLs, page URLs.
# Empty = the bundled sample reporting under seeds/sample/.
sources = []

[ingest]
# Largest article accepted, in bytes (bigger files are rejected with a reason).
max_article_bytes = 5_000_000
# Seconds before a URL fetch gives up.
url_timeout_seconds = 20
# Largest HTTP response read, in bytes.
url_max_bytes = 10_000_000

[schedule]
# Minutes between scheduled ingest + score runs.
ingest_interval_minutes = 15
# Cron (UTC) of the nightly training run.
train_cron = "0 2 * * *"
# Cron (UTC) of the daily report.
report_cron = "0 6 * * *"
"""

DEFAULTS = tomllib.loads(DEFAULTS_TOML)


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    home: Path
    store_url: str
    mlflow_tracking_uri: str
    mlflow_artifact_root: Path
    prefect_home: Path
    model_name: str
    theatre: str
    sources: list[str] = field(default_factory=list)
    max_article_bytes: int = DEFAULTS["ingest"]["max_article_bytes"]
    url_timeout_seconds: float = DEFAULTS["ingest"]["url_timeout_seconds"]
    url_max_bytes: int = DEFAULTS["ingest"]["url_max_bytes"]
    ingest_interval_minutes: int = DEFAULTS["schedule"]["ingest_interval_minutes"]
    train_cron: str = DEFAULTS["schedule"]["train_cron"]
    report_cron: str = DEFAULTS["schedule"]["report_cron"]


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _unknown_keys(raw: dict, defaults: dict, prefix: str = "") -> list[str]:
    unknown = []
    for key, value in raw.items():
        if key not in defaults:
            unknown.append(prefix + key)
        elif isinstance(value, dict) and isinstance(defaults[key], dict):
            unknown += _unknown_keys(value, defaults[key], f"{prefix}{key}.")
    return unknown


def load_settings(config: Path | None = None, home: Path | None = None) -> Settings:
    """Resolve the data home and read ``claimcred.toml`` over the defaults.

    Args:
        config: explicit config file; default ``$CLAIMCRED_HOME/claimcred.toml`` if it exists.
        home: data home; default ``$CLAIMCRED_HOME`` or ``./.claimcred``.

    Raises:
        ValueError: the config file is not valid TOML or names an unknown key.
    """
    home = Path(home or os.environ.get("CLAIMCRED_HOME") or ".claimcred").resolve()
    config = config or home / "claimcred.toml"
    raw: dict = {}
    if config.exists():
        try:
            raw = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{config}: not valid TOML ({error}); fix the file or remove it to use the defaults") from error
        unknown = _unknown_keys(raw, DEFAULTS)
        if unknown:
            raise ValueError(f"{config}: unknown key(s) {', '.join(unknown)}; see `claimcred info --defaults` for the keys")
    values = _merge(DEFAULTS, raw)
    return Settings(
        home=home,
        store_url=values["store_url"] or f"sqlite:///{home / 'claims.db'}",
        mlflow_tracking_uri=values["mlflow_tracking_uri"] or f"sqlite:///{home / 'mlflow.db'}",
        mlflow_artifact_root=home / "mlartifacts",
        prefect_home=home / "prefect",
        model_name=values["model_name"],
        theatre=values["theatre"],
        sources=list(values["sources"]),
        max_article_bytes=int(values["ingest"]["max_article_bytes"]),
        url_timeout_seconds=float(values["ingest"]["url_timeout_seconds"]),
        url_max_bytes=int(values["ingest"]["url_max_bytes"]),
        ingest_interval_minutes=int(values["schedule"]["ingest_interval_minutes"]),
        train_cron=values["schedule"]["train_cron"],
        report_cron=values["schedule"]["report_cron"],
    )


def prepare_environment(settings: Settings) -> None:
    """Create the data home and point Prefect at it before Prefect is imported."""
    settings.home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "true")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false")
    os.environ.setdefault("MLFLOW_ENABLE_TELEMETRY", "false")
