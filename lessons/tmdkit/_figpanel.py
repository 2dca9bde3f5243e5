"""A figure panel: the Plotly figure and its text alternative, redrawn in the lesson's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
from IPython.display import display

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


def _html_output(html: str, plain: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": html, "text/plain": plain}}  # fmt: skip


def figure_outputs(
    build: Callable[[str], Any],
    table: Callable[[str], str],
    lang: str,
    legend: Callable[[str], str] | None = None,
) -> tuple[dict, ...]:
    """Return the figure's legend (if it has one as HTML), its mime bundle and its text
    alternative as display_data outputs."""
    figure = {"output_type": "display_data", "metadata": {}, "data": figure_bundle(build(lang))}
    alt = _html_output(alternative_html(table(lang), lang), t("text_alternative", lang))
    return (_html_output(legend(lang), ""), figure, alt) if legend else (figure, alt)


class FigureOutput(w.Output):
    """An Output that sends its figure just after the browser shows it, and again on each change.

    Sent with the Output, a figure is drawn before the Output is on the page, and JupyterLab's
    plotly renderer draws it twice more when the Output is placed; sent just after, it is drawn in
    place like a figure outside a widget: three draws instead of five (benchmarks/run_all.py).
    So the panel must be shown by IPython's display (a cell's last line), not inside another box.
    """

    def __init__(self, make: Callable[[], tuple[dict, ...]], **traits: Any) -> None:
        super().__init__(**traits)
        self._make = make
        self._sent = False

    def draw(self, _change: Any = None) -> None:
        """Send the figure as it is now (the lesson's language, the chosen organisation)."""
        self.outputs = self._make()
        self._sent = True

    def _ipython_display_(self) -> None:
        show_then_draw(self, self)


class FigureSwitcher(w.VBox):
    """Buttons above a FigureOutput, which gets its figure once the two are shown."""

    def _ipython_display_(self) -> None:
        show_then_draw(self, self.children[-1])


def show_then_draw(shown: w.Widget, out: FigureOutput) -> None:
    """Display shown, then send out's figure unless it was sent before (a re-run cell)."""
    display(shown._repr_mimebundle_(), raw=True)
    if not out._sent:
        out.draw()


def figure_panel(
    kit: Kit,
    build: Callable[[str], Any],
    table: Callable[[str], str],
    legend: Callable[[str], str] | None = None,
) -> FigureOutput:
    """Return one Output holding the figure, its legend and table, redrawn per language.

    The figure is sent as Plotly's mime bundle, which the front end's renderer draws with its own
    plotly.js, so no copy of plotly.js lands in the notebook.
    """

    def outputs() -> tuple[dict, ...]:
        return figure_outputs(build, table, kit.state.lang, legend)

    out = kit.make(FigureOutput, "tmd-figure", make=outputs)
    kit.state.observe(out.draw, names=["lang"])
    return out


def figure_switch(
    kit: Kit,
    choices: Callable[[str], list[tuple[str, str]]],
    build: Callable[[str, str], Any],
    table: Callable[[str, str], str],
    label: str,
    legend: Callable[[str, str], str] | None = None,
) -> FigureSwitcher:
    """Return buttons choosing one of several figures, above one Output showing the chosen one.

    One figure drawn instead of several: each costs the browser a draw, a redraw and a snapshot
    when the lesson runs (benchmarks/run_all.py). label is the ui.yaml key naming the buttons.
    """
    lang = kit.state.lang
    first = choices(lang)
    pick = kit.make(w.ToggleButtons, "tmd-figure-switch", options=first, value=first[0][1],
                    description=t(label, lang))  # fmt: skip

    def outputs() -> tuple[dict, ...]:
        chosen = pick.value
        key = (lambda lg: legend(lg, chosen)) if legend else None
        return figure_outputs(lambda lg: build(lg, chosen), lambda lg: table(lg, chosen),
                              kit.state.lang, key)  # fmt: skip

    out = kit.make(FigureOutput, "tmd-figure", make=outputs)

    def relabel(_change: Any = None) -> None:
        chosen = pick.value
        # New options reset the choice: put it back unseen.
        pick.unobserve(out.draw, names=["value"])
        pick.options = choices(kit.state.lang)
        pick.value = chosen
        pick.observe(out.draw, names=["value"])
        pick.description = t(label, kit.state.lang)
        out.draw()

    pick.observe(out.draw, names=["value"])
    kit.state.observe(relabel, names=["lang"])
    return kit.make(FigureSwitcher, "tmd-figure-switcher", children=[pick, out])
