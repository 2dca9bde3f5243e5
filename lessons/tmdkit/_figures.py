"""The lesson's figures from its data: timeline and membership map, with their text alternatives."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from ._content import members as content_members
from ._content import timeline_data as _events
from ._data import text
from ._essay import essay
from ._html import esc
from ._map import map_spec as _map_spec
from ._map_legend import legend_html
from ._map_table import membership_table_html
from ._timeline import timeline_spec as _timeline_spec
from ._timeline_table import chronology_html

if TYPE_CHECKING:  # a lesson's kernel never imports plotly: its figures are plain data
    import plotly.graph_objects as go

Focus = tuple[str, str, frozenset[str]] | None
# No logo, no link to the plotly cloud. Not plotly's "responsive": JupyterLab's renderer already
# fits a figure to its output's width on every resize, and plotly's own window handler, racing it,
# left a figure 0 px high after a resize that changed only the window's height.
CONFIG = {"displaylogo": False, "responsive": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}


@cache
def members() -> dict:
    """Return the membership data, checked by the rules `make check` runs."""
    return content_members()


def timeline_figure(lang: str, focus: Focus = None) -> go.Figure:
    """Return the whole chronology, or the part a lesson talks about, in lang."""
    import plotly.graph_objects as go  # checked by plotly: tests and printing only

    return go.Figure(timeline_spec(lang, focus))


def timeline_spec(lang: str, focus: Focus = None) -> dict:
    """Return timeline_figure as plotly.js reads it, built without plotly's validation."""
    events, categories, eras = _events()
    sentences = {s.n: s.displayed for s in essay().sentences}
    return _timeline_spec(
        events,
        lang=lang,
        focus=focus[:2] if focus else None,
        highlight=focus[2] if focus else (),
        categories=categories,
        eras=eras,
        essay_text=sentences,
    )


def timeline_table(lang: str, focus: Focus = None) -> str:
    """Return the chronology as an HTML table (the lesson's events, or all of them)."""
    events, _, _ = _events()
    shown = [e for e in events if focus is None or e.id in focus[2]]
    return chronology_html(shown, lang=lang)


def map_figure(lang: str, org: str = "cis") -> go.Figure:
    """Return the membership map of org (cis, eurasec, eaeu) in lang."""
    import plotly.graph_objects as go  # checked by plotly: tests and printing only

    return go.Figure(map_spec(lang, org))


def map_spec(lang: str, org: str = "cis") -> dict:
    """Return map_figure as plotly.js reads it, built without plotly's validation."""
    return _map_spec(members(), lang=lang, org=org)


def map_legend(lang: str, org: str = "cis") -> str:
    """Return the legend of org's map (each status's colour, hatching and name) as HTML."""
    return legend_html(members(), org, lang)


def map_table(lang: str, org: str = "cis") -> str:
    """Return one membership table per moment of the map, as HTML."""
    spec = members()["orgs"][org]
    return "".join(
        f"<h4>{esc(text(m['label'], lang))}</h4>"
        + membership_table_html(members(), m["date"], lang=lang, org=org)
        for m in spec["moments"]
    )


def figure_bundle(fig: go.Figure | dict) -> dict[str, Any]:
    """Return the mime bundle JupyterLab and Voilà render offline (plotly.js ships in the extension)."""
    # A copy through JSON: the bundle shares nothing with the figure or the module's constants.
    # Asked as "a dict?" first: the first touch of go.Figure imports plotly's figure classes.
    spec = json.loads(json.dumps(fig) if isinstance(fig, dict) else fig.to_json())
    spec["config"] = CONFIG
    return {"application/vnd.plotly.v1+json": spec, "text/plain": "<plotly figure>"}
