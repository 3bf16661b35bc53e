"""Render the scored claims as a self-contained HTML page or as Markdown.

The HTML page needs no network: styles are inline and the three plots are embedded as base64 PNG.
Every piece of article-derived text (titles, claims, sentences, speakers, outlets, reasons, URLs) goes
through ``html.escape``, so a ``<script>`` in a title is shown as text, never run; links are only made
for http(s) URLs. Markdown escapes the characters that would start HTML or break a table.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from flows import store
from flows.api import Filters, claims_frame
from flows.plots import GRADE_COLOURS, GRADE_LABELS, render_plots

FORMATS = ("html", "md")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1300px;color:#1d1d1f;padding:0 1rem}
h1{margin-bottom:.2rem} .meta{color:#555;margin-top:0}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:8px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem}
.plots{display:flex;gap:1rem;flex-wrap:wrap} .plots img{border:1px solid #eee;border-radius:6px;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin-top:1rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.45rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f6f6;position:sticky;top:0}
.grade{display:inline-block;color:#fff;border-radius:4px;padding:.1rem .45rem;font-weight:600;white-space:nowrap}
.evidence{color:#444;font-size:.85rem;margin-top:.3rem;border-left:3px solid #ddd;padding-left:.5rem}
ul.reasons{margin:0;padding-left:1.1rem} .small{color:#666;font-size:.8rem}
"""


def _escape(value) -> str:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _when(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def summary(scored: pd.DataFrame) -> dict:
    """Counts for the summary cards: claims, scored, articles, outlets, and claims per grade."""
    grades = scored["grade"].dropna().astype(int).value_counts()
    return {
        "claims": len(scored),
        "scored": int(scored["grade"].notna().sum()),
        "articles": scored["article_id"].nunique(),
        "outlets": scored["outlet"].nunique(),
        "mean_probability": None if scored["probability"].dropna().empty else float(scored["probability"].mean()),
        "per_grade": {grade: int(grades.get(grade, 0)) for grade in GRADE_LABELS},
        "model_versions": sorted({str(v) for v in scored["model_version"].dropna()}),
    }


def _grade_badge(grade) -> str:
    if grade is None or pd.isna(grade):
        return '<span class="grade" style="background:#aaa">unscored</span>'
    grade = int(grade)
    return f'<span class="grade" style="background:{GRADE_COLOURS[grade]}">{_escape(GRADE_LABELS[grade])}</span>'


def _title_cell(row) -> str:
    title = _escape(row.get("title")) or "(untitled)"
    url = row.get("url")
    if isinstance(url, str) and re.match(r"^https?://", url, flags=re.IGNORECASE):
        return f'<a href="{_escape(url)}" rel="noopener noreferrer">{title}</a>'
    return title


ROW_COLUMNS = ["grade", "probability", "reliability", "text", "sentence", "speaker", "speaker_camp", "attribution", "outlet", "published", "title", "url", "reasons"]
"""The columns ``_row_html`` reads."""


def _row_html(row) -> str:
    reasons = "".join(f"<li>{_escape(reason)}</li>" for reason in (row.get("reasons") or []))
    probability = "" if pd.isna(row.get("probability")) else f"{row['probability']:.2f}"
    return (
        "<tr>"
        f"<td>{_grade_badge(row.get('grade'))}<div class='small'>p={probability} {_escape(row.get('reliability'))}</div></td>"
        f"<td>{_escape(row.get('text'))}<div class='evidence'>{_escape(row.get('sentence'))}</div></td>"
        f"<td>{_escape(row.get('speaker'))}<div class='small'>{_escape(row.get('speaker_camp'))} · {_escape(row.get('attribution'))}</div></td>"
        f"<td>{_escape(row.get('outlet'))}<div class='small'>{_escape(_when(row.get('published')))}</div><div class='small'>{_title_cell(row)}</div></td>"
        f"<td><ul class='reasons'>{reasons}</ul></td>"
        "</tr>"
    )


def render_html(scored: pd.DataFrame, filters: Filters = Filters(), title: str = "claimcred report",
                plots: dict[str, bytes] | None = None) -> str:
    """A self-contained HTML page: summary cards, the three plots, and the claims table sorted by grade.

    Args:
        scored: claims with their latest score (``flows.api.claims()`` shape), already filtered.
        filters: the filters that produced ``scored``, named in the header.
        title: page heading.
        plots: PNG bytes by plot name (``flows.plots.render_plots``); drawn here when not given.
    """
    facts = summary(scored)
    cards = [("claims", facts["claims"]), ("scored", facts["scored"]), ("articles", facts["articles"]), ("outlets", facts["outlets"])]
    if facts["mean_probability"] is not None:
        cards.append(("mean probability", f"{facts['mean_probability']:.2f}"))
    cards += [(GRADE_LABELS[grade], n) for grade, n in facts["per_grade"].items() if n]
    cards_html = "".join(f"<div class='card'><b>{_escape(value)}</b>{_escape(label)}</div>" for label, value in cards)
    plots_html = "".join(
        f"<img alt='{_escape(name.replace('_', ' '))}' src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}'>"
        for name, png in (plots if plots is not None else render_plots(scored)).items()
    )
    shown = scored[[name for name in ROW_COLUMNS if name in scored.columns]]  # not the feature columns: to_dict is per cell
    columns = [[value.item() if isinstance(value, np.generic) else value for value in shown[name].to_numpy(dtype=object)] for name in shown.columns]
    rows = "".join(_row_html(dict(zip(shown.columns, row))) for row in zip(*columns))
    models = ", ".join(facts["model_versions"]) or "none"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{_escape(title)}</title><style>{CSS}</style></head>
<body>
<h1>{_escape(title)}</h1>
<p class="meta">Generated {generated} · filters: {_escape(filters.describe())} · model version(s): {_escape(models)}</p>
<h2>Summary</h2><div class="cards">{cards_html}</div>
<div class="plots">{plots_html}</div>
<h2>Claims, by grade</h2>
<p class="small">Grade: 1 confirmed by independent sources … 5 improbable, 6 cannot be judged. p = calibrated probability the claim is accurate; the letter is the source's reliability (A–F) where the registry rates it. Below each claim, the evidence sentence it was found in.</p>
<table><thead><tr><th>grade</th><th>claim and evidence</th><th>speaker</th><th>outlet, article</th><th>top reasons</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>
"""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>&])")  # inside a table cell only these change the rendering


def _md(value) -> str:
    text = "" if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)) else str(value)
    text = " ".join(text.split())  # a newline would end the table row
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\\<", "&lt;").replace("\\>", "&gt;").replace("\\&", "&amp;")


def render_markdown(scored: pd.DataFrame, filters: Filters = Filters(), title: str = "claimcred report") -> str:
    """Markdown: summary list and the claims table sorted by grade, reasons and evidence in their cells."""
    facts = summary(scored)
    lines = [f"# {_md(title)}", "", f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M UTC} · filters: {_md(filters.describe())}", "", "## Summary", ""]
    lines += [f"- {label}: {facts[key]}" for key, label in [("claims", "claims"), ("scored", "scored"), ("articles", "articles"), ("outlets", "outlets")]]
    if facts["mean_probability"] is not None:
        lines.append(f"- mean probability: {facts['mean_probability']:.2f}")
    lines += [f"- {GRADE_LABELS[grade]}: {n}" for grade, n in facts["per_grade"].items() if n]
    lines += ["", "## Claims, by grade", "", "| grade | p | claim | evidence | speaker (camp) | outlet | published | reasons |", "|---|---|---|---|---|---|---|---|"]
    for row in scored.to_dict("records"):
        grade = "unscored" if pd.isna(row.get("grade")) else GRADE_LABELS[int(row["grade"])]
        probability = "" if pd.isna(row.get("probability")) else f"{row['probability']:.2f}"
        reasons = "<br>".join(_md(reason) for reason in (row.get("reasons") or []))
        lines.append(
            f"| {grade} | {probability} | {_md(row.get('text'))} | {_md(row.get('sentence'))} | {_md(row.get('speaker'))} ({_md(row.get('speaker_camp'))}) "
            f"| {_md(row.get('outlet'))} | {_when(row.get('published'))} | {reasons} |"
        )
    return "\n".join(lines) + "\n"


def write_report(settings, out: Path, fmt: str = "html", filters: Filters = Filters(), quiet: bool = False) -> dict:
    """Render the report of the stored claims matching ``filters`` into ``out``.

    Args:
        settings: claimcred settings (the store to read).
        out: file to write; parent folders are created.
        fmt: ``html`` or ``md``.
        filters: since / until / theatre / camp / grade.
        quiet: no progress line.

    Returns:
        ``{"path": str, "claims": int, "scored": int}``.

    Raises:
        ValueError: unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"report format {fmt!r} is not supported; expected one of {', '.join(FORMATS)}")
    scored = claims_frame(store.connect(settings.store_url), filters)
    text = render_html(scored, filters) if fmt == "html" else render_markdown(scored, filters)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return {"path": str(out), "claims": len(scored), "scored": int(scored["grade"].notna().sum())}

