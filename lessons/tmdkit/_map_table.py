"""The membership map's text alternative: each state's status at a moment, as an HTML table."""

from __future__ import annotations

from ._data import text
from ._dates import format_date
from ._html import esc
from ._i18n import t
from ._membership import period_at, status

# fmt: off
_ALPHABET = {"kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
             "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"}
# fmt: on


def _sort_key(name: str, lang: str) -> list[int]:
    order = _ALPHABET.get(lang, "")
    return [order.index(c) if c in order else 100 + ord(c) for c in name.lower()]


def membership_table_html(members: dict, moment: str, *, lang: str = "kk", org: str = "cis") -> str:
    """Return an escaped HTML table (state, status, since, note) of org membership at moment."""
    spec = members["orgs"][org]
    listed = next((m for m in spec["moments"] if m["date"] == moment), None)
    when = text(listed["label"], lang) if listed else format_date(moment, lang)

    rows, starred = [], False
    # Rows follow the alphabet of lang, so a screen-reader user can find a state quickly.
    for state in sorted(members["states"], key=lambda s: _sort_key(text(s["name"], lang), lang)):
        period, since = period_at(state, moment, org), ""
        if period is not None:
            starred |= bool(period.get("secondary"))
            since = format_date(period["from"], lang) + ("*" if period.get("secondary") else "")
        note = text(state["note"], lang) if "note" in state else ""
        label = text(status(members, state, moment, org)["label"], lang)
        cells = "".join(f"<td>{esc(c)}</td>" for c in (label, since, note))
        rows.append(f'<tr><th scope="row">{esc(text(state["name"], lang))}</th>{cells}</tr>')
    keys = ("map_state", "map_status", "map_since", "map_note")
    head = "".join(f'<th scope="col">{esc(t(k, lang))}</th>' for k in keys)
    notes = ([t("map_secondary", lang)] if starred else []) + [text(members["as_of_note"], lang)]
    foot = "".join(f'<tr><td colspan="4">{esc(n)}</td></tr>' for n in notes)
    caption = f"{text(spec['title'], lang)}: {when}"
    body = "\n".join(rows)
    return (
        f'<table class="tmd-members">\n<caption>{esc(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
        f"<tfoot>{foot}</tfoot>\n</table>"
    )
