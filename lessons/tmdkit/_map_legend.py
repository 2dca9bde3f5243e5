"""The membership map's legend as HTML beside the figure: each status's colour, hatching and name."""

from __future__ import annotations

from ._data import text
from ._html import esc
from ._map import ink

# plotly.js's fill patterns drawn with CSS gradients, so a swatch hatches as the map does.
_LINE = "{ink} 0 1.5px, transparent 1.5px 6px"
_PATTERNS = {
    "/": ["repeating-linear-gradient(-45deg, {line})"],
    "\\": ["repeating-linear-gradient(45deg, {line})"],
    "x": ["repeating-linear-gradient(-45deg, {line})", "repeating-linear-gradient(45deg, {line})"],
    "-": ["repeating-linear-gradient(0deg, {line})"],
    "|": ["repeating-linear-gradient(90deg, {line})"],
    "+": ["repeating-linear-gradient(0deg, {line})", "repeating-linear-gradient(90deg, {line})"],
    ".": ["radial-gradient({ink} 1.2px, transparent 1.6px) 0 0 / 6px 6px"],
}


def swatch_style(colour: str, pattern: str) -> str:
    """Return the CSS of one status's swatch: its fill colour under its hatching, if any."""
    shade = ink(colour)
    layers = [p.format(line=_LINE.format(ink=shade), ink=shade) for p in _PATTERNS.get(pattern, [])]
    return f"background: {', '.join([*layers, colour])}"


def legend_html(members: dict, org: str, lang: str) -> str:
    """Return the legend of org's map: one swatch and name per status, in the data's order.

    HTML rather than plotly legend entries: the browser draws a plotly figure three times as a
    lesson opens, and seven legend traces were a fifth of the map's drawing; text here is
    also read by screen readers and wraps on a phone."""
    rows = "".join(
        f'<li><span class="tmd-swatch" style="{swatch_style(s["colour"], s["pattern"])}"></span>'
        f"{esc(text(s['label'], lang))}</li>"
        for s in members["orgs"][org]["statuses"]
    )
    return f'<ul class="tmd-map-legend">{rows}</ul>'
