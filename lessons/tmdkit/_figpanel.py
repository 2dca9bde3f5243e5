"""A figure panel: the Plotly figure and its text alternative, redrawn in the lesson's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ._figures import figure_bundle
from ._html import esc
from ._i18n import t
from ._kit import Kit


def alternative_html(table: str, lang: str) -> str:
    """Return the text alternative of a figure: its table behind a disclosure."""
    return (
        f'<details class="tmd-alt"><summary>{esc(t("text_alternative", lang))}</summary>'
        f"{table}</details>"
    )


def figure_outputs(
    build: Callable[[str], Any], table: Callable[[str], str], lang: str
) -> tuple[dict, dict]:
    """Return the figure's mime bundle and its text alternative as two display_data outputs."""
    alt = alternative_html(table(lang), lang)
    return (
        {"output_type": "display_data", "metadata": {}, "data": figure_bundle(build(lang))},
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": alt, "text/plain": t("text_alternative", lang)},
        },
    )


def figure_panel(kit: Kit, build: Callable[[str], Any], table: Callable[[str], str]) -> w.Output:
    """Return one Output widget holding the figure and its table, both redrawn per language.

    The figure is sent as Plotly's mime bundle, which the front end's renderer draws with its own
    plotly.js, so no copy of plotly.js lands in the notebook.
    """
    out = kit.make(w.Output, "tmd-figure", outputs=figure_outputs(build, table, kit.state.lang))

    def draw(_change: Any = None) -> None:
        out.outputs = figure_outputs(build, table, kit.state.lang)

    kit.state.observe(draw, names=["lang"])
    return out
