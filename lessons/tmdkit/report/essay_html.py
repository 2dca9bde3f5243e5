"""The essay-writing section as HTML: key points the class missed, known essay errors repeated."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from .. import _content as content
from .._data import text
from .._html import esc
from .._i18n import t
from .._load import load
from .items_html import Href, _head
from .tables import EssayRow, Tables


@cache
def essay_entries() -> Mapping[str, Mapping[str, Any]]:
    """Return the key points and the essay's known errors (where data/ has them), by id."""
    doc = load("keypoints")
    return {e["id"]: e for e in [*doc["points"], *doc.get("errors", ())]}


def essay_label(row: EssayRow, lang: str) -> str:
    """Return a key point's or essay error's label in lang (its id if data/ has no label)."""
    entry = essay_entries().get(row.id)
    return text(entry["label"], lang) if entry else row.id


def _fix(row: EssayRow, lang: str, href: Href) -> str:
    """Return an error's correction and the lesson that teaches it, where data/ gives them."""
    entry = essay_entries().get(row.id, {})
    fix = esc(text(entry["correction"], lang)) if entry.get("correction") else ""
    if entry.get("lesson") in content.lessons():
        link = esc(t("report_open_lesson", lang))
        fix += f' <a href="{esc(href(entry["lesson"]))}">{link}</a>'
    return f"<td>{fix}</td>"


ESSAY_COLUMNS = {
    "point": ("report_col_point", "report_col_found", "report_col_missed"),
    "error": ("report_col_error", "report_col_repeated", "report_col_avoided", "report_col_fix"),
}


def essay(tables: Tables, lang: str, href: Href) -> str:
    """Return which key points the class's essays missed, and which known errors they repeated."""
    if not tables.essay:
        return f"<p>{esc(t('report_essay_none', lang))}</p>"
    out = []
    for kind, cols in ESSAY_COLUMNS.items():
        body = "".join(
            f'<tr data-essay="{esc(r.id)}"><td>{esc(essay_label(r, lang))}</td>'
            f"<td>{r.hits} / {r.of}</td><td>{r.of - r.hits} / {r.of}</td>"
            + (_fix(r, lang, href) if kind == "error" else "")
            + "</tr>"
            for r in tables.essay
            if r.kind == kind
        )
        if body:
            out.append(f'<table class="tmd-report-essay-{kind}">{_head(cols, lang)}{body}</table>')
    return "".join(out)
