"""The chronology as pure functions of records: a Plotly figure, and an HTML table as its twin."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Collection, Mapping, Sequence

import plotly.graph_objects as go

from ._data import LANGS
from ._dates import end_of, parse_date, to_plotly
from ._events import Category, Era, Event

WORDS = {
    "title": {
        "kk": "Қазақстан және ТМД: оқиғалар хронологиясы",
        "ru": "Казахстан и СНГ: хронология событий",
        "en": "Kazakhstan and the CIS: a timeline",
    },
    "sentence": {"kk": "Эссе сөйлемі", "ru": "Предложение эссе", "en": "Essay sentence"},
    "sentences": {"kk": "Эссе сөйлемдері", "ru": "Предложения эссе", "en": "Essay sentences"},
    "check": {"kk": "Тексеру", "ru": "Проверка", "en": "Checked"},
    "reported": {
        "kk": "хабарланған, расталмаған",
        "ru": "по сообщениям, не подтверждено",
        "en": "reported, not verified",
    },
    "date": {"kk": "Күні", "ru": "Дата", "en": "Date"},
    "event": {"kk": "Оқиға", "ru": "Событие", "en": "Event"},
    "place": {"kk": "Орны", "ru": "Место", "en": "Place"},
}
MIN_BAR_DAYS = 90  # shorter periods are one marker: a 6-day bar is invisible on a 35-year axis
# Layout is planned in pixels so that markers and labels never overlap: the plot area is assumed
# about this wide (a notebook on a projector), each sub-row of a lane gets _ROW_PX.
_PLOT_PX, _ROW_PX, _CHAR_PX, _TOP, _BOTTOM = 1000, 30, 8, 110, 150
_DAY_MS = 86_400_000
_DIM = 0.22
_FONT = "Arial, 'DejaVu Sans', 'Noto Sans', sans-serif"  # all three cover Kazakh letters (ә, ғ, қ…)
# Digits only at every zoom level: plotly.js has no Kazakh locale, so no month names can leak.
_TICKS = [
    {"dtickrange": [None, 28 * _DAY_MS], "value": "%d.%m.%Y"},
    {"dtickrange": [28 * _DAY_MS, "M12"], "value": "%m.%Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]
View = tuple[dt.date, dt.date]
Quotes = Mapping[int, str] | None  # essay sentence number -> its text


def _first(value: str) -> dt.date:
    return parse_date(value)[0]


def _is_bar(e: Event) -> bool:
    return e.end is not None and (_first(e.end) - _first(e.start)).days >= MIN_BAR_DAYS


def _esc(s: str, width: int = 60) -> str:
    # Wrap before escaping so that no line break can fall inside "&amp;".
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(s, width))


def hover(e: Event, lang: str, essay_text: Mapping[int, str] | None = None) -> str:
    """Return the hover text of one event: escaped, with <br> line breaks plotly understands."""
    flag = f" · <i>{_esc(WORDS['reported'][lang])}</i>" if e.reported else ""
    lines = [f"<b>{_esc(e.name[lang])}</b>", _esc(e.when(lang), 200) + flag, _esc(e.place[lang])]
    lines.append(_esc(e.description[lang]))
    if e.essay:
        key = "sentences" if len(e.essay) > 1 else "sentence"
        lines.append(f"{WORDS[key][lang]}: {', '.join(map(str, e.essay))}")
        quote = "“{}”" if lang == "en" else "«{}»"
        for n in [n for n in e.essay if essay_text and n in essay_text][:2]:
            said = essay_text[n]  # type: ignore[index]
            lines.append(_esc(f"{n}. " + quote.format(said if len(said) < 80 else said[:79] + "…")))
    if e.essay_note:
        lines.append(f"<i>{_esc(e.essay_note[lang])}</i>")
    lines.append(f"{WORDS['check'][lang]}: {_esc(e.verification[lang])}")
    return "<br>".join(lines)


def _extent(e: Event, label: str, view: View) -> tuple[dt.date, dt.date, bool]:
    """Return the days an event and its label cover on screen, and whether the label goes left."""
    px = (view[1] - view[0]) / _PLOT_PX
    t0 = _first(e.start)
    t1, pad = (_first(e.end), 4) if _is_bar(e) else (t0, 12)  # type: ignore[arg-type]
    width = (len(label) * _CHAR_PX + 10) if label else 0
    left = bool(label) and t1 + (pad + width) * px > view[1]  # near the right edge: flip it
    if left:
        return t0 - (pad + width) * px, t1 + pad * px, True
    return t0 - pad * px, t1 + (pad + width) * px, False


def _rows(spans: Mapping[str, tuple[dt.date, dt.date, bool]]) -> dict[str, int]:
    """Return the first free sub-row for each span, packing them left to right."""
    last: list[dt.date] = []  # last occupied day of each sub-row
    rows = {}
    for eid, (lo, hi, _) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        row = next((i for i, day in enumerate(last) if lo > day), len(last))
        last[row : row + 1] = [hi]
        rows[eid] = row
    return rows


def _check(events: Sequence[Event], lang: str, highlight: Collection[str]) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    unknown = set(highlight) - {e.id for e in events}
    if unknown:
        raise ValueError(f"highlight names events that are not in the data: {sorted(unknown)}")


def _view(
    events: Sequence[Event], eras: Sequence[Era], focus: tuple[str, str] | None, chosen: list
) -> View:
    if focus is None:
        lo = min([_first(e.start) for e in events] + [_first(r.start) for r in eras])
        hi = max([end_of(e.end or e.start) for e in events] + [end_of(r.end) for r in eras])
        return lo - dt.timedelta(days=150), hi + dt.timedelta(days=150)
    # The focus, widened to take in every highlighted event whole.
    lo = min([_first(focus[0])] + [_first(e.start) for e in chosen])
    hi = max([end_of(focus[1])] + [end_of(e.end or e.start) for e in chosen])
    margin = max((hi - lo) * 0.06, dt.timedelta(days=120))
    return lo - margin, hi + margin


def _era_parts(eras: Sequence[Era], lang: str, view: View) -> tuple[list[dict], list[dict]]:
    shapes, notes, placed = [], [], []  # placed: (level, first day, last day) of each label
    px = (view[1] - view[0]) / _PLOT_PX
    ordered = sorted(eras, key=lambda e: _first(e.start))
    for i, era in enumerate(ordered):
        x0, x1 = _first(era.start), end_of(era.end) + dt.timedelta(days=1)
        shapes.append({"type": "rect", "name": era.id, "xref": "x", "yref": "paper",
                       "x0": x0.isoformat(), "x1": x1.isoformat(), "y0": 0, "y1": 1,
                       "fillcolor": era.colour, "opacity": 0.18, "layer": "below",
                       "line": {"width": 0}})  # fmt: skip
        # Against the border it shares with the next era if the label fits there; otherwise from
        # the band's visible start, one level higher if it would cover an earlier label.
        w = (len(era.label[lang]) * _CHAR_PX + 12) * px
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        joined = nxt is not None and (_first(nxt.start) - x1).days <= 31 and x1 - w >= view[0]
        a = x1 - w if joined else max(x0, view[0] + 6 * px)
        free = (n for n in range(len(placed) + 1)
                if all(lv != n or a + w <= pa or a >= pb for lv, pa, pb in placed))  # fmt: skip
        level = next(free)
        placed.append((level, a, a + w))
        notes.append({"name": era.id, "text": html.escape(era.label[lang], quote=False),
                      "x": (x1 if joined else a).isoformat(), "xshift": -6 if joined else 0,
                      "xanchor": "right" if joined else "left", "yshift": 22 * level, "xref": "x",
                      "yref": "paper", "y": 1.0, "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 15, "color": "#333"}})  # fmt: skip
    return shapes, notes


def _lane(fig: go.Figure, i: int, cat: Category, lane: list[Event], base: float, lang: str,
          lit: set[str], view: View, essay: Quotes) -> tuple[float, list]:  # fmt: skip
    """Add one lane's traces to fig from sub-row base on; return its height in rows and labels."""
    spans = {e.id: _extent(e, e.short[lang] if e.id in lit else "", view) for e in lane}
    rows = _rows(spans)
    n = max(rows.values(), default=0) + 1
    slot = max(n, 2)  # a lane is never thinner than two rows, so its name fits beside it
    y = {eid: base + (slot - n) / 2 + r + 0.5 for eid, r in rows.items()}
    bars, points = [e for e in lane if _is_bar(e)], [e for e in lane if not _is_bar(e)]

    def common(group: list[Event]) -> dict:
        return {"name": cat.label[lang], "legendgroup": cat.id, "legendrank": i + 1,
                "y": [y[e.id] for e in group], "ids": [e.id for e in group],
                "customdata": [[e.id, hover(e, lang, essay)] for e in group],
                "hovertemplate": "%{customdata[1]}<extra></extra>"}  # fmt: skip

    def look(group: list[Event], on: float, off: float) -> list[float]:
        return [on if e.id in lit else off for e in group]

    def dim(group: list[Event]) -> list[float]:
        return [1.0 if not lit or e.id in lit else _DIM for e in group]

    if bars:
        fig.add_bar(orientation="h", base=[to_plotly(e.start) for e in bars],
                    x=[(_first(e.end) - _first(e.start)).days * _DAY_MS for e in bars],  # type: ignore[arg-type]
                    width=0.6, showlegend=not points, **common(bars),
                    marker={"color": cat.colour, "opacity": dim(bars),
                            "line": {"color": "#000", "width": look(bars, 2, 0)},
                            "pattern": {"shape": ["/" * e.reported for e in bars]}},
                    )  # fmt: skip
    if points:
        fig.add_scatter(mode="markers", x=[to_plotly(e.start) for e in points], **common(points),
                        marker={"color": cat.colour, "opacity": dim(points),
                                "size": look(points, 20, 15),
                                "symbol": [cat.symbol + "-open" * e.reported for e in points],
                                "line": {"color": "#000", "width": look(points, 2, 0.5)}},
                        )  # fmt: skip
    # Names of highlighted events go into annotations, not trace text: the range slider would
    # draw trace text a second time, squeezed into its thin strip.
    labels = [{"name": f"label:{e.id}", "text": html.escape(e.short[lang], quote=False),
               "x": to_plotly(e.end if _is_bar(e) and not spans[e.id][2] else e.start),  # type: ignore[arg-type]
               "y": y[e.id], "xref": "x", "yref": "y", "showarrow": False,
               "xanchor": "right" if spans[e.id][2] else "left",
               "xshift": (-1 if spans[e.id][2] else 1) * (4 if _is_bar(e) else 12),
               "font": {"size": 14}, "bgcolor": "rgba(255,255,255,0.75)"}
              for e in lane if e.id in lit]  # fmt: skip
    return slot, labels


def timeline(
    events: Sequence[Event],
    *,
    lang: str = "kk",
    focus: tuple[str, str] | None = None,
    highlight: Collection[str] = (),
    categories: Sequence[Category],
    eras: Sequence[Era] = (),
    essay_text: Mapping[int, str] | None = None,
) -> go.Figure:
    """Return the chronology: one lane per category, periods as bars, single days as markers."""
    _check(events, lang, highlight)
    lit = set(highlight)
    view = _view(events, eras, focus, [e for e in events if e.id in lit])
    fig = go.Figure(layout={"template": "none"})  # no template: keeps the JSON small
    labels, ticks, bounds, base = [], [], [], 0.0
    for i, cat in enumerate(categories):
        lane = [e for e in events if e.category == cat.id]
        slot, named = _lane(fig, i, cat, lane, base, lang, lit, view, essay_text)
        ticks.append(base + slot / 2)
        bounds.append(base)
        labels += named
        base += slot
    shapes, notes = _era_parts(eras, lang, view)
    shapes += [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": y, "y1": y,
                "line": {"color": "#BBB", "width": 1}, "layer": "below"}
               for y in bounds[1:]]  # fmt: skip
    plot_px = base * _ROW_PX
    full = _view(events, eras, None, [])
    fig.update_layout(
        title={"text": html.escape(WORDS["title"][lang], quote=False), "x": 0.01,
               "xanchor": "left", "y": 1 - 30 / (plot_px + _TOP + _BOTTOM), "font": {"size": 22}},
        font={"family": _FONT, "size": 16, "color": "#222"},
        height=plot_px + _TOP + _BOTTOM, margin={"l": 10, "r": 30, "t": _TOP, "b": 20},
        plot_bgcolor="white", paper_bgcolor="white", barmode="overlay", hovermode="closest",
        hoverlabel={"font": {"size": 15, "family": _FONT}, "align": "left"},
        legend={"orientation": "h", "x": 0, "y": -100 / plot_px, "yanchor": "top",
                "font": {"size": 15}, "traceorder": "normal"},
        shapes=shapes, annotations=notes + labels,
        xaxis={"type": "date", "range": [d.isoformat() for d in view],
               "tickformatstops": _TICKS, "tickfont": {"size": 15}, "gridcolor": "#E4E4E4",
               "showline": True, "linecolor": "#888", "rangeslider": {"visible": True,
               "thickness": 45 / plot_px, "range": [d.isoformat() for d in full]}},
        yaxis={"tickmode": "array", "tickvals": ticks,
               "ticktext": [c.label[lang] for c in categories], "tickfont": {"size": 15},
               "range": [base, 0], "fixedrange": True, "showgrid": False,
               "zeroline": False, "automargin": True},
    )  # fmt: skip
    return fig


def chronology_html(
    events: Sequence[Event], *, lang: str = "kk", highlight: Collection[str] = ()
) -> str:
    """Return the chronology as an escaped HTML table (date, event, place), the figure's twin."""
    _check(events, lang, highlight)
    esc = html.escape
    head = "".join(
        f'<th scope="col">{esc(WORDS[k][lang])}</th>' for k in ("date", "event", "place")
    )
    rows = []
    for e in sorted(events, key=lambda e: _first(e.start)):
        name = esc(e.name[lang]) + (f" ({esc(WORDS['reported'][lang])})" if e.reported else "")
        lit = e.id in highlight
        mark = ' class="tmd-highlight"' if lit else ""
        cell = f"<strong>{name}</strong>" if lit else name
        rows.append(
            f'<tr data-id="{esc(e.id)}"{mark}>'
            f"<td>{esc(e.when(lang))}</td><td>{cell}</td><td>{esc(e.place[lang])}</td></tr>"
        )
    caption = f"<caption>{esc(WORDS['title'][lang])}</caption>"
    return (
        f'<table class="tmd-chronology" lang="{lang}">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
