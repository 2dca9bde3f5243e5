"""Draw who belonged to the CIS, EurAsEC or EAEU when, as an offline map and as a table."""

from __future__ import annotations

import html
import itertools
import json
import math
import textwrap
from functools import cache
from pathlib import Path

import plotly.graph_objects as go

from ._data import DATA, DataError, check_unique, load, text
from ._dates import end_of, format_date, parse_date

GEOJSON = DATA / "geo" / "post-soviet.geojson"
# Status when no period covers the moment: (the state has no periods at all, it has some).
_UNCOVERED = {"cis": ("never", "outside")} | dict.fromkeys(("eurasec", "eaeu"), ("nonmember",) * 2)
# Albers equal-area conic centred on the former USSR, computed here: no geo subplot, no CDN.
_LON0, _LAT0, _LAT1, _LAT2, _R = 82.0, 55.0, 45.0, 65.0, 6371.0
# Names that do not fit inside their state sit here instead (km in that projection, and the
# side of the text the leader line starts from).
_CALLOUT = {
    "EST": (-3650, 2050, "right"), "LVA": (-3850, 1780, "right"), "LTU": (-3950, 1500, "right"),
    "BLR": (-4050, 1180, "right"), "MDA": (-4150, 420, "right"), "GEO": (-3650, -420, "right"),
    "ARM": (-3600, -900, "right"), "AZE": (-3150, -1450, "right"), "TKM": (-2300, -2050, "right"),
    "TJK": (-900, -2200, "center"), "KGZ": (150, -1650, "left"),
}  # fmt: skip
_RANGE = {"x": [-4900, 4600], "y": [-2350, 4400]}  # the states plus room for those names
_LINE = {"color": "#333333", "width": 0.8}
# fmt: off
_LABEL = {"axref": "x", "ayref": "y", "arrowhead": 0, "arrowwidth": 1.2, "arrowcolor": "#333",
          "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 2,
          "font": {"size": 14, "color": "#111"}}
# Big enough to read on a projector; nothing here can fetch tiles or a world map from a CDN.
_LAYOUT = {
    "font": {"size": 15}, "height": 700, "margin": {"l": 10, "r": 10, "t": 75, "b": 5},
    "hovermode": "closest", "hoverlabel": {"font": {"size": 15}, "align": "left"},
    "plot_bgcolor": "white", "paper_bgcolor": "white",
    "xaxis": {"visible": False, "range": _RANGE["x"]},
    "yaxis": {"visible": False, "range": _RANGE["y"], "scaleanchor": "x", "scaleratio": 1,
              "domain": [0.1, 1]},  # the slider sits below the map
    # The legend explains the colours; clicking it must not hide states.
    "legend": {"x": 0, "y": 1, "yanchor": "top", "font": {"size": 14}, "itemclick": False,
               "itemdoubleclick": False, "bgcolor": "rgba(255,255,255,0.75)"},
}
_SLIDER = {"currentvalue": {"visible": False}, "font": {"size": 14}, "x": 0.03, "len": 0.94,
           "y": 0, "yanchor": "bottom", "pad": {"t": 0, "b": 5}}  # the subtitle names the step
_ALPHABET = {"kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
             "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
# fmt: on


def _happened(date: str, moment: str) -> bool:
    # Compare the first day date can mean with the last day moment can mean: "1993-12" has
    # happened by the moment "1994" and by "1993-12"; no day is invented for display.
    return parse_date(date)[0] <= end_of(moment)


def _period(state: dict, moment: str, org: str) -> dict | None:
    current = None
    for period in state[org]:
        ended = "to" in period and _happened(period["to"], moment)
        if _happened(period["from"], moment) and not ended:
            current = period
    return current


def status_at(state: dict, moment: str, org: str = "cis") -> str:
    """Return the status id of state in org at moment (YYYY-MM-DD, YYYY-MM or YYYY)."""
    period = _period(state, moment, org)
    if period is not None:
        return period["status"]
    no_periods, otherwise = _UNCOVERED[org]
    return otherwise if state[org] else no_periods


def load_members(root: Path = DATA) -> dict:
    """Return data/members.yaml, validated, with every period's status known to its org."""
    members, file = load("members", root), "data/members.yaml"
    check_unique(members["states"], "iso3", file)
    for org, spec in members["orgs"].items():
        check_unique(spec["statuses"], "id", file)
        ids = [s["id"] for s in spec["statuses"]]
        for needed in set(_UNCOVERED[org]) - set(ids):
            raise DataError(file, org, "statuses", f"an entry with id {needed!r} (used by default)")
        for state in members["states"]:
            for i, period in enumerate(state[org]):
                if period["status"] not in ids:
                    raise DataError(file, state["iso3"], f"{org}.{i}.status", f"one of {ids}")
                if "to" in period and _happened(period["to"], period["from"]):
                    raise DataError(file, state["iso3"], f"{org}.{i}.to", "a date after 'from'")
        for moment in spec["moments"]:
            if parse_date(moment["date"])[0] > end_of(members["as_of"]):
                raise DataError(file, moment["date"], f"orgs.{org}.moments", "a date up to as_of")
    return members


def _project(lon: float, lat: float) -> tuple[int, int]:
    sin1, sin2 = math.sin(math.radians(_LAT1)), math.sin(math.radians(_LAT2))
    n = (sin1 + sin2) / 2
    c = math.cos(math.radians(_LAT1)) ** 2 + 2 * n * sin1
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(_LAT0))) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * math.radians(lon - _LON0)
    # Whole kilometres: as fine as the 2-decimal source, and short in the figure's JSON.
    return round(_R * rho * math.sin(theta)), round(_R * (rho0 - rho * math.cos(theta)))


def _centroid(ring: list[tuple[int, int]]) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (3 * a), cy / (3 * a)


@cache
def outlines(path: Path = GEOJSON) -> dict[str, tuple[list, list, tuple[float, float]]]:
    """Return iso3 -> (xs, ys, label point) in km; rings are split by None."""
    out = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [[_project(lon, lat) for lon, lat in ring] for poly in polys for ring in poly]
        xs = [v for ring in rings for v in [*(x for x, _ in ring), None]][:-1]
        ys = [v for ring in rings for v in [*(y for _, y in ring), None]][:-1]
        out[feature["properties"]["iso3"]] = (xs, ys, _centroid(rings[0]))  # largest comes first
    return out


def _ink(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    # Dark hatching on light fills, light on dark ones, so the pattern shows on a projector.
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45
    return "rgba(0,0,0,0.55)" if light else "rgba(255,255,255,0.8)"


def _pattern(status: dict) -> dict:
    shape, ink = status["pattern"], _ink(status["colour"])
    return {"shape": shape, "fgcolor": ink, "size": 11, "solidity": 0.2}


def _hover(members: dict, state: dict, moment: str, org: str, lang: str) -> str:
    ui, esc = members["ui"], html.escape
    status = _status(members, state, moment, org)
    lines = [f"<b>{esc(text(state['name'], lang))}</b>"]
    lines.append(f"{esc(text(ui['status'], lang))}: {esc(text(status['label'], lang))}")
    period = _period(state, moment, org)
    if period is not None:
        mark = "*" if period.get("secondary") else ""
        lines.append(
            f"{esc(text(ui['from'], lang))}: {esc(format_date(period['from'], lang))}{mark}"
        )
        lines += textwrap.wrap(esc(text(ui["secondary"], lang)), 60) if mark else []
    lines += textwrap.wrap(esc(text(state["note"], lang)), 60) if "note" in state else []
    return "<br>".join(lines)


def _status(members: dict, state: dict, moment: str, org: str) -> dict:
    status = status_at(state, moment, org)
    return next(s for s in members["orgs"][org]["statuses"] if s["id"] == status)


def _restyle(members: dict, moment: str, org: str, lang: str) -> dict[str, list]:
    looks = [_status(members, state, moment, org) for state in members["states"]]
    return {
        "fillcolor": [s["colour"] for s in looks],
        "fillpattern.shape": [s["pattern"] for s in looks],
        "fillpattern.fgcolor": [_ink(s["colour"]) for s in looks],
        "text": [_hover(members, state, moment, org, lang) for state in members["states"]],
    }


def _labels(fig: go.Figure, members: dict, lang: str) -> None:
    for state in members["states"]:
        x, y = outlines()[state["iso3"]][2]
        ax, ay, side = _CALLOUT.get(state["iso3"], (x, y, "center"))
        name = html.escape(text(state["name"], lang))
        fig.add_annotation(
            _LABEL, x=x, y=y, ax=ax, ay=ay, xanchor=side, showarrow=state["iso3"] in _CALLOUT,
            text=f"<b>{name}</b>" if state["iso3"] == "KAZ" else name,
        )  # fmt: skip


def membership_map(
    members: dict, *, lang: str = "kk", org: str = "cis", moment: str | None = None
) -> go.Figure:
    """Return the org membership map; its slider steps through the org's moments."""
    spec, fig = members["orgs"][org], go.Figure()
    dates = [m["date"] for m in spec["moments"]]
    if moment is not None and moment not in dates:
        raise ValueError(f"moment must be one of {dates} for {org}, got {moment!r}")
    active = dates.index(moment) if moment else 0
    for state in members["states"]:
        status = _status(members, state, dates[active], org)
        xs, ys, _ = outlines()[state["iso3"]]
        fig.add_scatter(
            x=xs, y=ys, mode="lines", fill="toself", name=text(state["name"], lang),
            meta=state["iso3"], fillcolor=status["colour"], fillpattern=_pattern(status),
            line={**_LINE, "width": 2.2} if state["iso3"] == "KAZ" else _LINE,  # the lesson's own
            hoveron="fills", hoverinfo="text", showlegend=False,
            text=_hover(members, state, dates[active], org, lang),
        )  # fmt: skip
    for status in spec["statuses"]:  # the legend: one empty trace per status
        fig.add_scatter(
            x=[None], y=[None], mode="lines", fill="toself", name=text(status["label"], lang),
            fillcolor=status["colour"], fillpattern=_pattern(status), line=_LINE, hoverinfo="skip",
        )  # fmt: skip
    traces = list(range(len(members["states"])))
    steps = [
        {"method": "update", "label": text(m["short"], lang), "args": [
            _restyle(members, m["date"], org, lang),
            {"title.subtitle.text": text(m["label"], lang)}, traces]}
        for m in spec["moments"]
    ]  # fmt: skip
    _labels(fig, members, lang)
    title = {"text": f"<b>{html.escape(text(spec['title'], lang))}</b>", "x": 0.01}
    subtitle = {"text": text(spec["moments"][active]["label"], lang), "font": {"size": 16}}
    fig.update_layout(
        _LAYOUT,
        title={**title, "font": {"size": 22}, "subtitle": subtitle},
        sliders=[{**_SLIDER, "active": active, "steps": steps}],
    )
    return fig


def _sort_key(name: str, lang: str) -> list[int]:
    order = _ALPHABET.get(lang, "")
    return [order.index(c) if c in order else 100 + ord(c) for c in name.lower()]


def membership_table_html(members: dict, moment: str, *, lang: str = "kk", org: str = "cis") -> str:
    """Return an escaped HTML table (state, status, since, note) of org membership at moment."""
    spec, ui, esc = members["orgs"][org], members["ui"], html.escape
    listed = next((m for m in spec["moments"] if m["date"] == moment), None)
    when = text(listed["label"], lang) if listed else format_date(moment, lang)

    rows, starred = [], False
    # Rows follow the alphabet of lang, so a screen-reader user can find a state quickly.
    for state in sorted(members["states"], key=lambda s: _sort_key(text(s["name"], lang), lang)):
        period, since = _period(state, moment, org), ""
        if period is not None:
            starred |= bool(period.get("secondary"))
            since = format_date(period["from"], lang) + ("*" if period.get("secondary") else "")
        note = text(state["note"], lang) if "note" in state else ""
        label = text(_status(members, state, moment, org)["label"], lang)
        cells = "".join(f"<td>{esc(c)}</td>" for c in (label, since, note))
        rows.append(f'<tr><th scope="row">{esc(text(state["name"], lang))}</th>{cells}</tr>')
    keys = ("state", "status", "from", "note")
    head = "".join(f'<th scope="col">{esc(text(ui[k], lang))}</th>' for k in keys)
    notes = ([text(ui["secondary"], lang)] if starred else []) + [text(members["as_of_note"], lang)]
    foot = "".join(f'<tr><td colspan="4">{esc(n)}</td></tr>' for n in notes)
    caption = f"{text(spec['title'], lang)}: {when}"
    body = "\n".join(rows)
    return (
        f'<table class="tmd-members">\n<caption>{esc(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
        f"<tfoot>{foot}</tfoot>\n</table>"
    )
