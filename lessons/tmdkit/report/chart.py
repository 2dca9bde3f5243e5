"""The score distribution as a figure: records in, go.Figure out."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .._html import esc
from .._i18n import t
from .tables import band_labels

# Okabe–Ito colours: told apart with the common colour-vision deficiencies, and in print.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def score_chart(rows: Sequence[tuple[str, Sequence[int]]], lang: str) -> go.Figure:
    """Return one bar per lesson and score band: how many students scored in that band."""
    fig = go.Figure()
    for n, (title, counts) in enumerate(rows):
        fig.add_bar(
            name=esc(title, quote=False),
            x=band_labels(),
            y=list(counts),
            marker_color=COLOURS[n % len(COLOURS)],
            hovertemplate="%{x}: %{y}<extra>" + esc(title, quote=False) + "</extra>",
        )
    fig.update_layout(
        barmode="group",
        title=t("report_chart_title", lang),
        xaxis_title=t("report_chart_x", lang),
        yaxis_title=t("report_chart_y", lang),
        yaxis={"rangemode": "tozero", "dtick": 1 if _peak(rows) <= 10 else None},
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        height=420,
        template="plotly_white",
    )
    return fig


def _peak(rows: Sequence[tuple[str, Sequence[int]]]) -> int:
    return max((max(counts, default=0) for _, counts in rows), default=0)
