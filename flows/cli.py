"""The ``claimcred`` command line: one Typer app, each command a thin wrapper.

Each command parses its arguments and calls a plain function (in the flows
module of its step) that returns a value and takes ``quiet``. Heavy imports
(Prefect, MLflow, spaCy) happen inside the commands so ``--help`` stays fast.
A failure exits non-zero with one line naming the path, record or run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.config import DEFAULTS_TOML, Settings, load_settings, prepare_environment

app = typer.Typer(help="Score how credible each claim in conflict reporting is.", no_args_is_help=True, add_completion=False)

ConfigOption = Annotated[Path | None, typer.Option("--config", help="claimcred.toml to use (default: $CLAIMCRED_HOME/claimcred.toml).")]
HomeOption = Annotated[Path | None, typer.Option("--home", help="Data home (default: $CLAIMCRED_HOME or ./.claimcred).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only results and errors, no progress.")]


def _settings(config: Path | None, home: Path | None) -> Settings:
    try:
        settings = load_settings(config=config, home=home)
    except ValueError as error:
        fail(str(error))
    prepare_environment(settings)
    return settings


def fail(message: str, code: int = 1) -> None:
    """Print one error line to stderr and exit non-zero."""
    typer.secho(f"claimcred: error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@app.command()
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (keys: home, store_url, ...).")] = False,
    defaults: Annotated[bool, typer.Option("--defaults", help="Print the default claimcred.toml with every key documented.")] = False,
    config: ConfigOption = None,
    home: HomeOption = None,
) -> None:
    """Show where claimcred keeps its data, which model it scores with, and how much is stored."""
    if defaults:
        typer.echo(DEFAULTS_TOML)
        return
    from flows.status import status

    summary = status(_settings(config, home))
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            typer.echo(f"{key:>20}: {value}")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Folders, files (txt, md, html, json, jsonl, csv), feed URLs or files, page URLs.")],
    outlet: Annotated[str | None, typer.Option(help="Outlet id for sources that do not name one.")] = None,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Store the articles of each source; re-ingesting the same article is a no-op. Exits 1 if anything was rejected."""
    from flows.ingest import ingest_sources

    result = ingest_sources(_settings(config, home), sources, outlet=outlet, quiet=quiet)
    for line in result.warning_lines():
        typer.secho(line, fg=typer.colors.YELLOW, err=True)
    for line in result.reject_lines():
        typer.secho(line, fg=typer.colors.YELLOW, err=True)
    typer.echo(result.summary())
    if result.rejected:
        raise typer.Exit(1)


@app.command("fetch-fakes")
def fetch_fakes(
    url: Annotated[str | None, typer.Option(help="Download this URL instead of asking Zenodo record 2607278 for the file link (skips the record's md5 check).")] = None,
    sha256: Annotated[str, typer.Option(help="SHA-256 the file must have (default: that of the public 804-row copy, a7104da3...); 'none' skips the check.")] = "",
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Download the full FA-KES CSV (Zenodo record 2607278, CC BY 4.0) into the data home and check its checksums."""
    from flows.fetch import FAKES_SHA256, FetchError
    from flows.fetch import fetch_fakes as download

    settings = _settings(config, home)
    try:
        path = download(settings, url=url, expected_sha256=None if sha256.lower() == "none" else (sha256 or FAKES_SHA256))
    except FetchError as error:
        fail(f"fetch-fakes: {error}")
    typer.echo(f"FA-KES saved to {path}; ingest it with: claimcred ingest {path}")


@app.command()
def train(
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Labelled article CSV in the FA-KES format, run through extraction and features in memory.")] = None,
    theatre: Annotated[str | None, typer.Option("--theatre", help="Theatre pack for --dataset (default: config, else picked from the text).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the candidates.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as one JSON object.")] = False,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Train candidate models on labelled claims, log them to MLflow, promote the best if it beats the champion."""
    from flows.modelops import train_models

    settings = _settings(config, home)
    if dataset is not None and not dataset.exists():
        fail(f"{dataset}: no such file")
    try:
        result = train_models(settings, quiet=quiet, dataset=dataset, theatre=theatre, random_state=seed)
    except (RuntimeError, ValueError) as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps(result, indent=2, default=str))
    elif not result["trained"]:
        fail(f"nothing trained: {result['reason']}")
    else:
        typer.echo(f"trained on {result['n_train']} claims, tested on {result['n_test']} later claims")
        for name, values in {**result["candidates"], **result["baselines"]}.items():
            typer.echo(f"{name:>24}: roc_auc {values['roc_auc']:.3f}  brier {values['brier']:.4f}")
        promotion = result["promotion"]
        verdict = "promoted to champion" if promotion["promoted"] else f"champion {promotion['champion_version']} kept"
        typer.echo(f"best: {result['best']} (version {result['candidates'][result['best']]['version']}): {verdict}")
    if not result["trained"]:
        raise typer.Exit(1)


verdicts_app = typer.Typer(help="Analyst verdicts on claims: export a template, import the filled file.", no_args_is_help=True)
app.add_typer(verdicts_app, name="verdicts")


@verdicts_app.command("import")
def verdicts_import(
    path: Annotated[Path, typer.Argument(help="CSV with claim_id, verdict (true/false/unresolved), analyst, note.")],
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Store analyst verdicts; rows naming unknown claims or bad verdicts are rejected. Exits 1 if anything was rejected."""
    from flows.modelops import import_verdicts

    if not path.exists():
        fail(f"{path}: no such file")
    try:
        result = import_verdicts(_settings(config, home), path)
    except ValueError as error:
        fail(str(error))
    for line in result["reject_lines"]:
        typer.secho(line, fg=typer.colors.YELLOW, err=True)
    typer.echo(f"{result['rows']} verdict rows: {result['imported']} imported, {result['rejected']} rejected")
    if result["rejected"]:
        raise typer.Exit(1)


@verdicts_app.command("template")
def verdicts_template(
    out: Annotated[Path, typer.Argument(help="CSV to write (claim_id, empty verdict/analyst/note, then context columns).")],
    include_reviewed: Annotated[bool, typer.Option("--include-reviewed", help="Also list claims that already have a verdict.")] = False,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Export stored claims for review as a spreadsheet-safe CSV."""
    from flows.modelops import write_verdict_template

    n_rows = write_verdict_template(_settings(config, home), out, include_reviewed=include_reviewed)
    typer.echo(f"{n_rows} claims written to {out}")


def main() -> None:  # pragma: no cover - console entry for `python -m flows.cli`
    app(prog_name="claimcred")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
