"""Where the timeline puts things: its view, the sub-rows of a category, the era labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from ._data import LANGS
from ._dates import end_of, parse_date
from ._events import Era, Event
from ._html import esc

MIN_BAR_DAYS = 90  # shorter periods are one marker: a 6-day bar is invisible on a 35-year axis
# Layout is planned in pixels so that markers and labels never overlap: the plot area is assumed
# about this wide, each sub-row of a category gets ROW_PX. Measured in JupyterLab with the file
# browser open: 766 px at a 1366 px screen, 424 px at 1024 (names may touch there; closing the
# file browser, or the Lite site's single-notebook view, gives them room). Planning for 424 px
# would make lesson 06's chronology taller than a projector's screen.
PLOT_PX, ROW_PX, _CHAR_PX, TOP, BOTTOM = 680, 30, 8, 110, 45
DAY_MS = 86_400_000
View = tuple[dt.date, dt.date]


def first(value: str) -> dt.date:
    """Return the first day a date string can mean."""
    return parse_date(value)[0]


def is_bar(e: Event) -> bool:
    """Return True if the event is drawn as a bar (a period long enough to see)."""
    return e.end is not None and (first(e.end) - first(e.start)).days >= MIN_BAR_DAYS


def extent(e: Event, label: str, view: View) -> tuple[dt.date, dt.date, str]:
    """Return the days an event and its label cover on screen, and where the label goes: "right"
    of the event, "left" of it (near the right edge), or "inside" a bar too long for either."""
    px = (view[1] - view[0]) / PLOT_PX
    t0 = first(e.start)
    t1, pad = (first(e.end), 4) if is_bar(e) else (t0, 12)  # type: ignore[arg-type]
    width = (len(label) * _CHAR_PX + 10) if label else 0
    if not label or t1 + (pad + width) * px <= view[1]:
        return t0 - pad * px, t1 + (pad + width) * px, "right"
    if t0 - (pad + width) * px >= view[0] or not is_bar(e):
        return t0 - (pad + width) * px, t1 + pad * px, "left"
    # A bar spanning most of the view: its name goes on it, from its start (the halo keeps it
    # legible), rather than past either edge of the plot, which would cut it off.
    return t0 - pad * px, max(t1, t0 + (2 * pad + width) * px) + pad * px, "inside"


def rows(spans: Mapping[str, tuple[dt.date, dt.date, str]]) -> dict[str, int]:
    """Return the first free sub-row for each span, packing them left to right."""
    last: list[dt.date] = []  # last occupied day of each sub-row
    rows = {}
    for eid, (lo, hi, _) in sorted(spans.items(), key=lambda kv: kv[1][0]):
        row = next((i for i, day in enumerate(last) if lo > day), len(last))
        last[row : row + 1] = [hi]
        rows[eid] = row
    return rows


def refuse_unknown(events: Sequence[Event], lang: str, highlight: Collection[str]) -> None:
    """Raise ValueError for a language we do not have or a highlighted event not in events."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    unknown = set(highlight) - {e.id for e in events}
    if unknown:
        raise ValueError(f"highlight names events that are not in the data: {sorted(unknown)}")


def view(
    events: Sequence[Event], eras: Sequence[Era], focus: tuple[str, str] | None, chosen: list
) -> View:
    """Return the days on screen: everything, or the focus widened to the chosen events."""
    if focus is None:
        lo = min([first(e.start) for e in events] + [first(r.start) for r in eras])
        hi = max([end_of(e.end or e.start) for e in events] + [end_of(r.end) for r in eras])
        return lo - dt.timedelta(days=150), hi + dt.timedelta(days=150)
    # The focus, widened to take in every highlighted event whole.
    lo = min([first(focus[0])] + [first(e.start) for e in chosen])
    hi = max([end_of(focus[1])] + [end_of(e.end or e.start) for e in chosen])
    margin = max((hi - lo) * 0.06, dt.timedelta(days=120))
    return lo - margin, hi + margin


def era_parts(eras: Sequence[Era], lang: str, view: View) -> tuple[list[dict], list[dict]]:
    """Return the eras' shaded rectangles and their labels, placed so no two labels overlap."""
    shapes, notes, placed = [], [], []  # placed: (level, first day, last day) of each label
    px = (view[1] - view[0]) / PLOT_PX
    ordered = sorted(eras, key=lambda e: first(e.start))
    for i, era in enumerate(ordered):
        x0, x1 = first(era.start), end_of(era.end) + dt.timedelta(days=1)
        shapes.append({"type": "rect", "name": era.id, "xref": "x", "yref": "paper",
                       "x0": x0.isoformat(), "x1": x1.isoformat(), "y0": 0, "y1": 1,
                       "fillcolor": era.colour, "opacity": 0.18, "layer": "below",
                       "line": {"width": 0}})  # fmt: skip
        if x1 <= view[0] or x0 >= view[1]:
            continue  # off screen: plotly would hide its label anyway
        # Against the border it shares with the next era if the label fits there; otherwise from
        # the era's visible start (moved left if it would run past the plot's right edge), one
        # level higher if it would cover an earlier label.
        w = (len(era.label[lang]) * _CHAR_PX + 12) * px
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        joined = (nxt is not None and (first(nxt.start) - x1).days <= 31
                  and view[0] <= x1 - w and x1 <= view[1])  # fmt: skip
        start = max(x0, view[0] + 6 * px)
        a = x1 - w if joined else max(view[0] + 6 * px, min(start, view[1] - w))
        free = (n for n in range(len(placed) + 1)
                if all(lv != n or a + w <= pa or a >= pb for lv, pa, pb in placed))  # fmt: skip
        level = next(free)
        placed.append((level, a, a + w))
        notes.append({"name": era.id, "text": esc(era.label[lang], quote=False),
                      "x": (x1 if joined else a).isoformat(), "xshift": -6 if joined else 0,
                      "xanchor": "right" if joined else "left", "yshift": 22 * level, "xref": "x",
                      "yref": "paper", "y": 1.0, "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 15, "color": "#333"}})  # fmt: skip
    return shapes, notes
