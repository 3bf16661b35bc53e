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


FormatOption = Annotated[str, typer.Option("--format", help="Output format: jsonl, csv or table.")]
TABLE_COLUMNS = ["sentence_index", "speaker", "speaker_camp", "attribution", "claim_type", "event_date", "places", "quantities", "text"]


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files (txt, md, html, json, jsonl, csv) or folders.")],
    published: Annotated[str | None, typer.Option(help="Publication date for every article (e.g. 2021-09-02); overrides the files.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet id for every article; overrides the files.")] = None,
    theatre: Annotated[str | None, typer.Option(help="Theatre pack name or folder; default: picked per article from gazetteer hits.")] = None,
    fmt: FormatOption = "table",
    config: ConfigOption = None,
    home: HomeOption = None,
) -> None:
    """Print one row per claim in the files: speaker, camp, attribution, quantities, places, date, type. Needs no store."""
    from flows.extraction import extract_files, render

    if fmt not in ("jsonl", "csv", "table"):
        fail(f"--format {fmt!r} is not supported; expected jsonl, csv or table")
    try:
        settings = load_settings(config=config, home=home)
        claims = extract_files(settings, files, published=published, outlet=outlet, theatre=theatre)
    except (ValueError, FileNotFoundError) as error:
        fail(str(error))
    typer.echo(render(claims, fmt, TABLE_COLUMNS if fmt == "table" else None))


@app.command()
def blackouts(
    files: Annotated[list[str], typer.Argument(help="Article files or folders.")],
    published: Annotated[str | None, typer.Option(help="Publication date for every article; overrides the files.")] = None,
    theatre: Annotated[str | None, typer.Option(help="Theatre pack name or folder; default: picked per article.")] = None,
    fmt: FormatOption = "jsonl",
    config: ConfigOption = None,
    home: HomeOption = None,
) -> None:
    """Print the communication blackouts the files report: region, start, end, partial_restoration, evidence."""
    from flows.extraction import blackouts_files, render

    if fmt not in ("jsonl", "csv", "table"):
        fail(f"--format {fmt!r} is not supported; expected jsonl, csv or table")
    try:
        settings = load_settings(config=config, home=home)
        events = blackouts_files(settings, files, published=published, theatre=theatre)
    except (ValueError, FileNotFoundError) as error:
        fail(str(error))
    typer.echo(render(events[["region", "start", "end", "partial_restoration", "evidence"]], fmt))


@app.command()
def shutdowns(
    files: Annotated[list[Path], typer.Argument(help="Shutdown lists in the KeepItOn layout (start_date, end_date, area_name, country, ...).")],
    theatre: Annotated[str, typer.Option("--theatre", help="Theatre pack whose gazetteer resolves area_name.")],
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Store the blackout events of shutdown lists; scoring uses them for blackout context. Exits 1 if a row was rejected."""
    from flows.packs import load_pack
    from flows.shutdowns import load_shutdown_list

    settings = _settings(config, home)
    rejected = 0
    try:
        pack = load_pack(theatre)
        for path in files:
            result = load_shutdown_list(settings, path, pack, quiet=quiet)
            for line in result.reject_lines():
                typer.secho(line, fg=typer.colors.YELLOW, err=True)
            rejected += len(result.rejects)
            typer.echo(result.summary())
    except (ValueError, FileNotFoundError) as error:
        fail(str(error))
    if rejected:
        raise typer.Exit(1)


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


# --- run, report, export, serve, ui (flows/pipeline.py, flows/report.py, flows/export.py) -------------

SinceOption = Annotated[str | None, typer.Option("--since", help="Earliest publication time, inclusive (ISO 8601, UTC), e.g. 2021-09-01.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Latest publication time, inclusive (ISO 8601, UTC).")]
TheatreFilter = Annotated[list[str] | None, typer.Option("--theatre", help="Theatre pack name; repeat for several.")]
CampFilter = Annotated[list[str] | None, typer.Option("--camp", help="Speaker camp; repeat for several.")]
GradeFilter = Annotated[list[int] | None, typer.Option("--grade", min=1, max=6, help="Latest grade 1-6; repeat for several.")]


def _filters(since, until, theatre, camp, grade):
    from flows.api import Filters, _timestamp

    try:
        for value in (since, until):
            if value is not None:
                _timestamp(value)
    except ValueError as error:
        fail(str(error))
    return Filters(since=since, until=until, theatre=theatre or None, camp=camp or None, grade=grade or None)


@app.command()
def run(
    source: Annotated[list[str] | None, typer.Option("--source", help="Source to ingest (folder, file, feed or page URL); repeat for several. Default: the configured sources.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet id for sources that do not name one.")] = None,
    wait_seconds: Annotated[float, typer.Option(help="How long to wait for another scoring run to finish before skipping.")] = 60.0,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest once (the given or configured sources), then score every stored claim without a current score."""
    settings = _settings(config, home)
    from flows.pipeline import run_flow
    from models.registry import FeatureListMismatch

    try:
        result = run_flow(sources=source or None, outlet=outlet, home=str(settings.home), config=str(config) if config else None, wait_seconds=wait_seconds)
    except FeatureListMismatch as error:  # the champion cannot score the features this code builds (models/registry.py)
        fail(str(error))
    ingested, scored = result["ingest"], result["score"]
    typer.echo(f"ingest: {ingested['new']} new, {ingested['unchanged']} unchanged, {ingested['rejected']} rejected ({ingested['seconds']:.2f} s)")
    if scored.get("skipped"):
        typer.echo("score: skipped, another scoring run holds the lock")
    else:
        typer.echo(
            f"score: {scored['n_new_claims']} new claims, {scored['n_scored']} score rows ({scored['n_rescored']} re-scored) "
            f"with {settings.model_name} v{scored['model_version']}; MLflow run {scored['mlflow_run_id']}"
        )
        if not quiet:
            typer.echo("timings (s): " + ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in scored["timings"].items()))
    if not quiet:
        _print_where(settings)
    if ingested["rejected"]:
        raise typer.Exit(1)


def _print_where(settings: Settings) -> None:
    """Tell the operator where the results are and how to look at them."""
    from flows.mlflow_runs import scoring_experiment_name
    from flows.status import status

    summary = status(settings)
    typer.echo(
        f"\nresults in {summary['home']}:\n"
        f"  claim store  {summary['store_url']} ({summary['articles']} articles, {summary['claims']} claims, {summary['scored']} scored)\n"
        f"  MLflow       {summary['mlflow_tracking_uri']}\n"
        f"  review       claimcred ui   -> http://127.0.0.1:5000, experiment '{scoring_experiment_name(settings)}' (scored-claims table, plots, report)\n"
        f"  report       claimcred report --format html --out report.html\n"
        f"  export       claimcred export --table claims --format csv --out claims.csv"
    )


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="File to write (parent folders are created).")],
    fmt: Annotated[str, typer.Option("--format", help="html (self-contained page with plots) or md (Markdown).")] = "html",
    since: SinceOption = None,
    until: UntilOption = None,
    theatre: TheatreFilter = None,
    camp: CampFilter = None,
    grade: GradeFilter = None,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write a report of the scored claims: summary, plots, the claims sorted by grade with reasons and evidence."""
    from flows.report import write_report

    settings = _settings(config, home)
    try:
        result = write_report(settings, out, fmt=fmt, filters=_filters(since, until, theatre, camp, grade), quiet=quiet)
    except (ValueError, OSError) as error:
        fail(f"{out}: {error}")
    typer.echo(f"{result['path']}: {result['claims']} claims ({result['scored']} scored)")


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (parent folders are created).")],
    table: Annotated[str, typer.Option("--table", help="claims (latest score each), articles (with credibility) or scores (full history).")] = "claims",
    fmt: Annotated[str, typer.Option("--format", help="csv (spreadsheet-safe) or parquet.")] = "csv",
    since: SinceOption = None,
    until: UntilOption = None,
    theatre: TheatreFilter = None,
    camp: CampFilter = None,
    grade: GradeFilter = None,
    config: ConfigOption = None,
    home: HomeOption = None,
    quiet: QuietOption = False,
) -> None:
    """Export claims, articles or scores to CSV or Parquet, with the report's filters."""
    from flows.export import export_table

    settings = _settings(config, home)
    try:
        result = export_table(settings, table, fmt, out, filters=_filters(since, until, theatre, camp, grade), quiet=quiet)
    except (ValueError, OSError) as error:
        fail(f"{out}: {error}")
    typer.echo(f"{result['path']}: {result['rows']} rows")


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port of the local Prefect server (and its UI) started when PREFECT_API_URL is not set.")] = 4200,
    config: ConfigOption = None,
    home: HomeOption = None,
) -> None:
    """Serve the scheduled flows (ingest+score, nightly train, daily report) until Ctrl-C or SIGTERM.

    Uses the Prefect server at PREFECT_API_URL, or starts one on 127.0.0.1:PORT with its database in the
    data home; the Prefect UI at http://127.0.0.1:PORT shows the deployments, schedules and runs.
    """
    import os

    from flows.serving import local_prefect_server

    settings = _settings(config, home)
    with local_prefect_server(settings, port) as api_url:
        typer.echo(f"Prefect API {api_url}; UI at {api_url.removesuffix('/api')}/deployments")
        from flows.pipeline import serve as serve_flows

        os.environ["PREFECT_API_URL"] = api_url
        serve_flows(settings)


@app.command()
def ui(
    port: Annotated[int, typer.Option(help="Port of the MLflow UI on 127.0.0.1.")] = 5000,
    config: ConfigOption = None,
    home: HomeOption = None,
) -> None:
    """Open the MLflow UI (tracking server bound to 127.0.0.1) over the data home's runs and models."""
    from flows.serving import mlflow_server_command

    settings = _settings(config, home)
    import subprocess

    command = mlflow_server_command(settings, port)
    typer.echo(f"MLflow UI at http://127.0.0.1:{port} (Ctrl-C to stop)")
    try:
        raise typer.Exit(subprocess.call(command))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def main() -> None:  # pragma: no cover - console entry for `python -m flows.cli`
    app(prog_name="claimcred")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
