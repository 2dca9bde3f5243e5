"""The chronology as a Plotly figure: rows per category, periods as bars, days as markers."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._dates import to_plotly
from ._events import Category, Era, Event
from ._html import esc, esc_lines
from ._i18n import t
from ._map import LABEL_FONT  # the map's state names: same size, same white halo
from ._timeline_layout import (
    BOTTOM,
    DAY_MS,
    ROW_PX,
    TOP,
    View,
    era_parts,
    extent,
    first,
    is_bar,  # fmt: skip
    refuse_unknown,
    rows,
    view,
)

if TYPE_CHECKING:  # a lesson's kernel never imports plotly: its figures are plain data
    import plotly.graph_objects as go

_DIM = 0.22
_FONT = "Arial, 'DejaVu Sans', 'Noto Sans', sans-serif"  # all three cover Kazakh letters (ә, ғ, қ…)
# Digits only at every zoom level: plotly.js has no Kazakh locale, so no month names can leak.
_TICKS = [
    {"dtickrange": [None, 28 * DAY_MS], "value": "%d.%m.%Y"},
    {"dtickrange": [28 * DAY_MS, "M12"], "value": "%m.%Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]
Quotes = Mapping[int, str] | None  # essay sentence number -> its text
_PAD = "\u00a0"
BARE = {"data": {"scatter": [{"type": "scatter"}]}}  # plotly's "none" template, as plotly writes it


def _wrapped(s: str, width: int = 60) -> str:
    return "<br>".join(esc_lines(s, width))


def hover(e: Event, lang: str, essay_text: Mapping[int, str] | None = None) -> str:
    """Return the hover text of one event: escaped, with <br> line breaks plotly understands."""
    flag = f" · <i>{_wrapped(t('timeline_reported', lang))}</i>" if e.reported else ""
    lines = [
        f"<b>{_wrapped(e.name[lang])}</b>",
        _wrapped(e.when(lang), 200) + flag,
        _wrapped(e.place[lang]),
    ]
    lines.append(_wrapped(e.description[lang]))
    if e.essay:
        key = "timeline_sentences" if len(e.essay) > 1 else "timeline_sentence"
        lines.append(f"{t(key, lang)}: {', '.join(map(str, e.essay))}")
        quote = "“{}”" if lang == "en" else "«{}»"
        for n in [n for n in e.essay if essay_text and n in essay_text][:2]:
            said = essay_text[n]  # type: ignore[index]
            lines.append(
                _wrapped(f"{n}. " + quote.format(said if len(said) < 80 else said[:79] + "…"))
            )
    if e.essay_note:
        lines.append(f"<i>{_wrapped(e.essay_note[lang])}</i>")
    lines.append(f"{t('timeline_checked', lang)}: {_wrapped(e.verification[lang])}")
    return "<br>".join(lines)


def _category(data: list[dict], i: int, cat: Category, own: list[Event], base: float, lang: str,
          lit: set[str], shown: View, essay: Quotes) -> tuple[float, list]:  # fmt: skip
    """Add one category's traces to data from sub-row base on; return its rows and the
    highlighted events with their row and where the name goes (see extent)."""
    spans = {e.id: extent(e, e.short[lang] if e.id in lit else "", shown) for e in own}
    row = rows(spans)
    n = max(row.values(), default=0) + 1
    slot = max(n, 2)  # a category is never thinner than two rows, so its name fits beside it
    y = {eid: base + (slot - n) / 2 + r + 0.5 for eid, r in row.items()}
    bars, points = [e for e in own if is_bar(e)], [e for e in own if not is_bar(e)]

    def common(group: list[Event]) -> dict:
        return {"name": esc(cat.label[lang], quote=False), "legendgroup": cat.id, "legendrank": i + 1,
                "y": [y[e.id] for e in group], "ids": [e.id for e in group],
                "customdata": [hover(e, lang, essay) for e in group],  # ids already name them
                "hovertemplate": "%{customdata}<extra></extra>"}  # fmt: skip

    def look(group: list[Event], on: float, off: float) -> list[float]:
        return [on if e.id in lit else off for e in group]

    def dim(group: list[Event]) -> list[float]:
        return [1.0 if not lit or e.id in lit else _DIM for e in group]

    if bars:
        data.append(dict(type="bar", orientation="h", base=[to_plotly(e.start) for e in bars],
                    x=[(first(e.end) - first(e.start)).days * DAY_MS for e in bars],  # type: ignore[arg-type]
                    width=0.6, **common(bars),
                    marker={"color": cat.colour, "opacity": dim(bars),
                            "line": {"color": "#000", "width": look(bars, 2, 0)},
                            "pattern": {"shape": ["/" * e.reported for e in bars]}},
                    ))  # fmt: skip
    if points:
        data.append(dict(type="scatter", mode="markers", x=[to_plotly(e.start) for e in points], **common(points),
                        marker={"color": cat.colour, "opacity": dim(points),
                                "size": look(points, 20, 15),
                                "symbol": [cat.symbol + "-open" * e.reported for e in points],
                                "line": {"color": "#000", "width": look(points, 2, 0.5)}},
                        ))  # fmt: skip
    # Names of highlighted events: placed by the caller as one text trace (see _labels).
    labels = [(e, y[e.id], spans[e.id][2]) for e in own if e.id in lit]
    return slot, labels


def _labels(named: list[tuple[Event, float, str]], lang: str) -> dict:
    """Return the names of highlighted events as one text trace beside their bars and markers.

    One trace, not an annotation per name: JupyterLab draws a figure three times as a lesson
    opens, and each annotation is laid out again every time. The white halo keeps a name legible
    over a bar or an era's shading, as the map's state names are."""
    x, text, side = [], [], []
    for e, _, where in named:
        # plotly's text has no pixel shift: a no-break space (about 4 px at 14 px) keeps the
        # name clear of the bar's end or the marker's edge (extent() plans the same gaps).
        pad = _PAD * (3 if not is_bar(e) else 2 if where == "inside" else 1)
        name = esc(e.short[lang], quote=False)
        x.append(to_plotly(e.end if is_bar(e) and where == "right" else e.start))  # type: ignore[arg-type]
        text.append(name + pad if where == "left" else pad + name)
        side.append("middle left" if where == "left" else "middle right")
    return {"type": "scatter", "mode": "text", "name": "labels", "ids": [e.id for e, _, _ in named],
            "x": x, "y": [y for _, y, _ in named], "text": text, "textposition": side,
            "textfont": LABEL_FONT, "hoverinfo": "skip", "showlegend": False}  # fmt: skip


def timeline(events: Sequence[Event], **options: Any) -> go.Figure:
    """Return the chronology as a plotly figure (what timeline_spec sends, checked by plotly)."""
    import plotly.graph_objects as go  # checked by plotly: tests and printing only

    return go.Figure(timeline_spec(events, **options))


def timeline_spec(
    events: Sequence[Event],
    *,
    lang: str = "kk",
    focus: tuple[str, str] | None = None,
    highlight: Collection[str] = (),
    categories: Sequence[Category],
    eras: Sequence[Era] = (),
    essay_text: Mapping[int, str] | None = None,
) -> dict:
    """Return the chronology as plotly.js reads it: rows per category, periods as bars, days as
    markers. Plain data: building it costs no plotly validation in a student's kernel."""
    refuse_unknown(events, lang, highlight)
    lit = set(highlight)
    shown = view(events, eras, focus, [e for e in events if e.id in lit])
    data: list[dict] = []
    labels, ticks, bounds, base = [], [], [], 0.0
    for i, cat in enumerate(categories):
        own = [e for e in events if e.category == cat.id]
        slot, named = _category(data, i, cat, own, base, lang, lit, shown, essay_text)
        ticks.append(base + slot / 2)
        bounds.append(base)
        labels += named
        base += slot
    if labels:
        data.append(_labels(labels, lang))
    shapes, notes = era_parts(eras, lang, shown)
    shapes += [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                "line": {"color": "#BBB", "width": 1}, "layer": "below"}
               for y in bounds[1:]]  # fmt: skip
    plot_px = base * ROW_PX
    layout = dict(
        template=BARE,  # no template: keeps the JSON small
        title={"text": esc(t("timeline_title", lang), quote=False), "x": 0.01,
               "xanchor": "left", "y": 1 - 30 / (plot_px + TOP + BOTTOM), "font": {"size": 22}},
        font={"family": _FONT, "size": 16, "color": "#222"},
        height=plot_px + TOP + BOTTOM, margin={"l": 10, "r": 30, "t": TOP, "b": BOTTOM},
        plot_bgcolor="white", paper_bgcolor="white", barmode="overlay", hovermode="closest",
        hoverlabel={"font": {"size": 15, "family": _FONT}, "align": "left"},
        # No legend: the axis names each lane beside it, and a legend costs plotly a fifth of
        # every draw (JupyterLab draws a figure three times as a lesson opens).
        showlegend=False,
        shapes=shapes, annotations=notes,
        xaxis={"type": "date", "range": [d.isoformat() for d in shown],
               "tickformatstops": _TICKS, "tickfont": {"size": 15}, "gridcolor": "#E4E4E4",
               "showline": True, "linecolor": "#888"},
        yaxis={"tickmode": "array", "tickvals": ticks,
               "ticktext": [_wrapped(c.label[lang], 14) for c in categories], "tickfont": {"size": 15},
               "range": [base, 0], "fixedrange": True, "showgrid": False,
               "zeroline": False, "automargin": True},
    )  # fmt: skip
    return {"data": data, "layout": layout}
