"""Draw who belonged to the CIS, EurAsEC or EAEU when, as an offline map and as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._data import text
from ._dates import format_date
from ._geo import km, outlines
from ._html import esc, esc_lines
from ._i18n import t
from ._membership import UNCOVERED, status

if TYPE_CHECKING:  # a lesson's kernel never imports plotly: its figures are plain data
    import plotly.graph_objects as go

# Names that do not fit inside their state sit here instead (km on the projected plane, and
# the side of the text the leader line starts from).
_CALLOUT = {
    "EST": (-3650, 2050, "right"), "LVA": (-3850, 1780, "right"), "LTU": (-3950, 1500, "right"),
    "BLR": (-4050, 1180, "right"), "MDA": (-4150, 420, "right"), "GEO": (-3650, -420, "right"),
    "ARM": (-3600, -900, "right"), "AZE": (-3150, -1450, "right"), "TKM": (-2300, -2050, "right"),
    "TJK": (-900, -2200, "center"), "KGZ": (150, -1650, "left"),
}  # fmt: skip
_RANGE = {"x": [km(-5100, 0)[0], km(4600, 0)[0]], "y": [km(0, -2350)[1], km(0, 4400)[1]]}
_LINE = {"color": "#333333", "width": 0.8}
# fmt: off
# State names: a white halo keeps them legible on any fill or hatching; a callout's text
# starts where its leader line ends, on the side the line comes from.
LABEL_FONT = {"size": 14, "color": "#111", "shadow": "0 0 1px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff"}
_LEADER = {"color": "#333", "width": 1.2}
_SIDE = {"right": "middle left", "left": "middle right", "center": "middle center"}
# What every state's outline shares, also said once. This small template replaces plotly's
# default one, which is 6 KiB of settings a map never uses.
_TEMPLATE = {
    "data": {"scatter": [{"type": "scatter", "mode": "lines", "fill": "toself", "hoveron": "fills",
                          "hoverinfo": "text", "showlegend": False, "line": _LINE,
                          "fillpattern": {"fillmode": "overlay", "size": 11, "solidity": 0.2}}]},
}
# Big enough to read on a projector; nothing here can fetch tiles or a world map from a CDN.
_LAYOUT = {
    "font": {"size": 15, "color": "#222"}, "height": 700,
    "margin": {"l": 10, "r": 10, "t": 75, "b": 5},
    "hovermode": "closest", "hoverlabel": {"font": {"size": 15}, "align": "left"},
    "plot_bgcolor": "white", "paper_bgcolor": "white",
    "xaxis": {"visible": False, "range": _RANGE["x"]},
    "yaxis": {"visible": False, "range": _RANGE["y"], "scaleanchor": "x", "scaleratio": 1,
              "domain": [0.1, 1]},  # the slider sits below the map
    "showlegend": False,  # the legend is HTML beside the figure (_map_legend)
}
_SLIDER = {"currentvalue": {"visible": False}, "font": {"size": 14}, "x": 0.03, "len": 0.94,
           "y": 0, "yanchor": "bottom", "pad": {"t": 0, "b": 5}}  # the subtitle names the step
# fmt: on


def ink(colour: str) -> str:
    """Return the hatching colour that shows on a fill of this colour."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    # Dark hatching on light fills, light on dark ones, so the pattern shows on a projector.
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45
    return "rgba(0,0,0,0.55)" if light else "rgba(255,255,255,0.8)"


def _pattern(look: dict) -> dict:
    return {"shape": look["pattern"], "fgcolor": ink(look["colour"])}


# A moment's caption (up to 198 characters) in lines that fit the map's narrowest width, 740 px.
_CAPTION_CHARS, _CAPTION_PX = 68, 20


def _caption(label: str) -> str:
    return "<br>".join(esc_lines(label, _CAPTION_CHARS))


def _since(period: dict, lang: str) -> str:
    mark = "*" if period.get("secondary") else ""
    if "to" in period:
        return f"{format_date(period['from'], lang)}{mark} – {format_date(period['to'], lang)}"
    return f"{t('map_since', lang)}: {format_date(period['from'], lang)}{mark}"


def hover(members: dict, state: dict, org: str, lang: str) -> str:
    """Return a state's hover text: its name, every status it had in org and since when, and
    its note. The same at every slider step, so the figure carries it once; the colour and
    the pattern say which status holds at the step."""
    spec = members["orgs"][org]
    label = {s["id"]: text(s["label"], lang) for s in spec["statuses"]}
    lines = [f"<b>{esc(text(state['name'], lang), quote=False)}</b>", f"{t('map_status', lang)}:"]
    if not state[org]:
        lines.append("• " + esc(label[UNCOVERED[org][0]], quote=False))
    for period in state[org]:
        lines += esc_lines(f"• {label[period['status']]} — {_since(period, lang)}")
    if any(p.get("secondary") for p in state[org]):
        lines += esc_lines(t("map_secondary", lang))
    lines += esc_lines(text(state["note"], lang)) if "note" in state else []
    return "<br>".join(lines)


def _looks(members: dict, moment: str, org: str) -> list[dict]:
    return [status(members, state, moment, org) for state in members["states"]]


def _steps(members: dict, org: str, lang: str) -> list[dict]:
    """One slider step per moment, restyling only the states whose status ever changes."""
    moments = members["orgs"][org]["moments"]
    looks = [_looks(members, m["date"], org) for m in moments]
    moving = [i for i in range(len(members["states"])) if len({s[i]["id"] for s in looks}) > 1]
    steps = []
    for moment, look in zip(moments, looks, strict=True):
        shown = [look[i] for i in moving]
        restyle = {
            "fillcolor": [s["colour"] for s in shown],
            "fillpattern.shape": [s["pattern"] for s in shown],
            "fillpattern.fgcolor": [ink(s["colour"]) for s in shown],
        }
        subtitle = {"title.subtitle.text": _caption(text(moment["label"], lang))}
        label = esc(text(moment["short"], lang), quote=False)
        steps.append({"method": "update", "label": label,
                      "args": [restyle, subtitle, moving]})  # fmt: skip
    return steps


def _labels(members: dict, lang: str) -> list[dict]:
    # Two traces, not fifteen annotations: plotly draws an annotation as its own measured group,
    # and JupyterLab redraws a figure whenever the notebook's layout moves, so this is what
    # a student waits for (benchmarks/run_all.py).
    lines: tuple[list, list] = ([], [])
    at: tuple[list, list] = ([], [])
    names, sides = [], []
    for state in members["states"]:
        x, y = outlines()[state["iso3"]][2]
        callout = _CALLOUT.get(state["iso3"])
        if callout:
            ax, ay = km(*callout[:2])
            lines[0].extend([round(x), round(ax), None])
            lines[1].extend([round(y), round(ay), None])
            x, y = ax, ay
        at[0].append(round(x))
        at[1].append(round(y))
        sides.append(_SIDE[callout[2] if callout else "center"])
        name = esc(text(state["name"], lang), quote=False)
        names.append(f"<b>{name}</b>" if state["iso3"] == "KAZ" else name)
    return [
        {"type": "scatter", "x": lines[0], "y": lines[1], "mode": "lines", "fill": "none",
         "line": _LEADER, "hoverinfo": "skip"},
        {"type": "scatter", "x": at[0], "y": at[1], "mode": "text", "fill": "none", "text": names,
         "textposition": sides, "textfont": LABEL_FONT, "hoverinfo": "skip"},
    ]  # fmt: skip


def membership_map(members: dict, **options: Any) -> go.Figure:
    """Return the membership map as a plotly figure (what map_spec sends, checked by plotly)."""
    import plotly.graph_objects as go  # checked by plotly: tests and printing only

    return go.Figure(map_spec(members, **options))


def map_spec(
    members: dict, *, lang: str = "kk", org: str = "cis", moment: str | None = None
) -> dict:
    """Return the org membership map as plotly.js reads it; its slider steps through the org's
    moments. Plain data: building it costs no plotly validation in a student's kernel."""
    spec, data = members["orgs"][org], []
    dates = [m["date"] for m in spec["moments"]]
    if moment is not None and moment not in dates:
        raise ValueError(f"moment must be one of {dates} for {org}, got {moment!r}")
    active = dates.index(moment) if moment else 0
    for state, look in zip(members["states"], _looks(members, dates[active], org), strict=True):
        xs, ys, _ = outlines()[state["iso3"]]
        trace = dict(
            type="scatter", x=xs, y=ys, name=esc(text(state["name"], lang), quote=False),
            meta=state["iso3"], fillcolor=look["colour"], fillpattern=_pattern(look),
            text=hover(members, state, org, lang),
        )  # fmt: skip
        if state["iso3"] == "KAZ":  # the lesson's own state
            trace["line"] = {"width": 2.2}
        data.append(trace)
    data += _labels(members, lang)
    title = {"text": f"<b>{esc(text(spec['title'], lang), quote=False)}</b>", "x": 0.01}
    subtitle = {"text": _caption(text(spec["moments"][active]["label"], lang)),
                "font": {"size": 16}}  # fmt: skip
    # Room above the map for the longest caption the slider can show.
    extra = _CAPTION_PX * max(_caption(text(m["label"], lang)).count("<br>")
                              for m in spec["moments"])  # fmt: skip
    layout = {
        **_LAYOUT,
        "height": _LAYOUT["height"] + extra,
        "margin": {**_LAYOUT["margin"], "t": _LAYOUT["margin"]["t"] + extra},
        "template": _TEMPLATE,
        "title": {**title, "font": {"size": 22}, "subtitle": subtitle},
        "sliders": [{**_SLIDER, "active": active, "steps": _steps(members, org, lang)}],
    }
    return {"data": data, "layout": layout}
