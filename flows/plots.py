"""The three plots of a scoring run and a report: grade distribution, probability by camp, claims over time.

Each function takes the scored-claims frame (``flows.api.claims()`` shape: one row per claim with its
latest ``grade``, ``probability``, ``speaker_camp`` and ``published``) and returns a matplotlib Figure
drawn with the Agg backend (no display needed). ``figure_png`` turns a figure into PNG bytes.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

GRADE_LABELS = {
    1: "1 confirmed",
    2: "2 probably true",
    3: "3 possibly true",
    4: "4 doubtful",
    5: "5 improbable",
    6: "6 cannot be judged",
}
GRADE_COLOURS = {1: "#1a7f37", 2: "#4d9e3a", 3: "#c9a227", 4: "#d9822b", 5: "#c0392b", 6: "#7f8c8d"}


def _empty(ax, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what}", ha="center", va="center", transform=ax.transAxes, color="#777")
    ax.set_xticks([])
    ax.set_yticks([])


def grade_distribution(scored: pd.DataFrame) -> Figure:
    """Bar chart: number of claims at each grade 1–6."""
    fig, ax = plt.subplots(figsize=(4.6, 3.0))
    grades = scored["grade"].dropna().astype(int) if "grade" in scored else pd.Series(dtype=int)
    counts = grades.value_counts().reindex(list(GRADE_LABELS), fill_value=0)
    ax.bar([GRADE_LABELS[g] for g in counts.index], counts.to_numpy(), color=[GRADE_COLOURS[g] for g in counts.index])
    ax.set_ylabel("claims")
    ax.set_title("Grade distribution")
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    return fig


def probability_by_camp(scored: pd.DataFrame) -> Figure:
    """Box plot: probability of being accurate, per speaker camp."""
    fig, ax = plt.subplots(figsize=(4.6, 3.0))
    frame = scored.dropna(subset=["probability"]) if "probability" in scored else scored.iloc[0:0]
    if frame.empty:
        _empty(ax, "scored claims")
    else:
        groups = frame.groupby("speaker_camp")["probability"]
        camps = sorted(groups.groups)
        ax.boxplot([groups.get_group(camp).to_numpy() for camp in camps], tick_labels=camps)
        ax.set_ylim(0, 1)
        ax.set_ylabel("probability accurate")
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    ax.set_title("Probability by speaker camp")
    return fig


def claims_over_time(scored: pd.DataFrame) -> Figure:
    """Bar chart: number of claims per publication day (claims without a date are left out and counted in the title)."""
    fig, ax = plt.subplots(figsize=(4.6, 3.0))
    published = scored["published"] if "published" in scored else pd.Series(dtype="datetime64[us, UTC]")
    dated = published.dropna()
    if dated.empty:
        _empty(ax, "dated claims")
    else:
        per_day = dated.dt.floor("D").value_counts().sort_index()
        ax.bar(per_day.index.tz_localize(None), per_day.to_numpy(), width=0.8, color="#2c6fbb")
        ax.set_ylabel("claims")
        locator = mdates.AutoDateLocator(minticks=2, maxticks=6)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    undated = int(published.isna().sum())
    ax.set_title("Claims over time" + (f" ({undated} undated)" if undated else ""))
    return fig


PLOTS = {
    "grade_distribution": grade_distribution,
    "probability_by_camp": probability_by_camp,
    "claims_over_time": claims_over_time,
}


def figure_png(fig: Figure) -> bytes:
    """PNG bytes of a figure; the figure is closed afterwards."""
    buffer = io.BytesIO()
    fig.subplots_adjust(left=0.12, right=0.97, top=0.88, bottom=0.32)
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return buffer.getvalue()


def render_plots(scored: pd.DataFrame) -> dict[str, bytes]:
    """PNG bytes of every plot in ``PLOTS``, keyed by plot name."""
    return {name: figure_png(plot(scored)) for name, plot in PLOTS.items()}
