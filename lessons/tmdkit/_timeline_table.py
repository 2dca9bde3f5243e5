"""The chronology as an HTML table (date, event, place): the timeline figure's text twin."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ._events import Event
from ._html import esc
from ._i18n import t
from ._timeline_layout import first, refuse_unknown


def chronology_html(
    events: Sequence[Event], *, lang: str = "kk", highlight: Collection[str] = ()
) -> str:
    """Return the chronology as an escaped HTML table (date, event, place), the figure's twin."""
    refuse_unknown(events, lang, highlight)
    head = "".join(
        f'<th scope="col">{esc(t(f"timeline_{k}", lang))}</th>' for k in ("date", "event", "place")
    )
    rows = []
    for e in sorted(events, key=lambda e: first(e.start)):
        name = esc(e.name[lang]) + (f" ({esc(t('timeline_reported', lang))})" if e.reported else "")
        lit = e.id in highlight
        mark = ' class="tmd-highlight"' if lit else ""
        cell = f"<strong>{name}</strong>" if lit else name
        rows.append(
            f'<tr data-id="{esc(e.id)}"{mark}>'
            f"<td>{esc(e.when(lang))}</td><td>{cell}</td><td>{esc(e.place[lang])}</td></tr>"
        )
    caption = f"<caption>{esc(t('timeline_title', lang))}</caption>"
    return (
        f'<table class="tmd-chronology" lang="{lang}">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
