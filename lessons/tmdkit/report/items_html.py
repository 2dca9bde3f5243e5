"""The item tables as HTML: hardest items first, then the wrong answers to discuss."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._data import text
from .._html import esc
from .._i18n import t
from .tables import ItemRow, bank
from .wrong import WrongAnswer

Href = Callable[[str], str]  # lesson stem -> link to the lesson notebook


def share(value: float | None) -> str:
    """Return a share as a whole percent, or a dash when no file can tell."""
    return "—" if value is None else f"{round(100 * value)} %"


def _options(item: Mapping[str, Any], lang: str) -> dict[str, str]:
    rows = [*item.get("options", ()), *item.get("left", ())]
    return {o["id"]: text(o["text"], lang) for o in rows}


def right_answer(item: Mapping[str, Any], lang: str) -> str:
    """Return the item's right answer as plain text in lang."""
    answer, names = item["answer"], _options(item, lang)
    if item["type"] in ("single",):
        return names[answer]
    if item["type"] == "multiple":
        return "; ".join(names[i] for i in answer)
    if item["type"] == "order":
        return " → ".join(names[i] for i in answer)
    if item["type"] == "match":
        return "; ".join(f"{names[left]} → {names[opt]}" for left, opt in answer.items())
    if item["type"] == "text":
        return text(answer, lang)
    return str(answer)


def shown_answer(w: WrongAnswer, lang: str) -> str:
    """Return a wrong answer as escaped HTML: option texts from the bank, typed text as typed."""
    names = _options(bank(w.lesson)[w.item], lang)
    if w.kind == "single":
        return esc(names.get(w.answer, w.answer))
    if w.kind in ("multiple", "order"):
        joiner = "; " if w.kind == "multiple" else " → "
        return esc(joiner.join(names.get(i, str(i)) for i in w.answer))
    if w.kind == "match":
        left, option = w.answer
        return esc(f"{names.get(left, left)} → {names.get(option, option)}")
    return f"«{esc(w.answer)}»"  # typed by a student: escaped, never trusted


def item_cell(lesson: str, item_id: str, lang: str, href: Href, *, open_: bool = False) -> str:
    """Return the item's prompt, with its right answer, explanation and lesson link on a toggle."""
    item = bank(lesson)[item_id]
    prompt = text(item["prompt"], lang)
    cut = len(prompt) > 90 and not open_  # opened for print: the whole prompt in one place
    short = prompt[:88].rstrip() + "…" if cut else prompt
    return (
        f'<details class="tmd-report-item"{" open" if open_ else ""}>'
        f"<summary><code>{esc(item_id)}</code> {esc(short)}</summary>"
        + (f"<p>{esc(prompt)}</p>" if cut else "")
        + f"<p><b>{esc(t('report_right_answer', lang))}:</b> {esc(right_answer(item, lang))}</p>"
        f"<p><b>{esc(t('report_explain', lang))}:</b> {esc(text(item['explain'], lang))}</p>"
        f'<p><a href="{esc(href(lesson))}">{esc(t("report_open_lesson", lang))}</a></p>'
        "</details>"
    )


def _head(keys: Sequence[str], lang: str) -> str:
    return "<tr>" + "".join(f'<th scope="col">{esc(t(k, lang))}</th>' for k in keys) + "</tr>"


ITEM_COLUMNS = (
    "report_col_item",
    "report_col_answered",
    "report_col_first",
    "report_col_final",
    "report_col_hints",
    "report_col_revealed",
)


def items_table(rows: Sequence[ItemRow], lang: str, href: Href, *, open_: bool = False) -> str:
    """Return the per-item table, hardest first."""
    if not rows:
        return f"<p>{esc(t('report_none', lang))}</p>"
    body = "".join(
        f'<tr data-item="{esc(r.item)}"><td>{item_cell(r.lesson, r.item, lang, href, open_=open_)}</td>'
        f"<td>{r.answered}</td><td>{share(r.first_share)}</td><td>{share(r.final_share)}</td>"
        f"<td>{r.hinted} ({r.hints})</td><td>{r.revealed}</td></tr>"
        for r in rows
    )
    return f'<table class="tmd-report-items">{_head(ITEM_COLUMNS, lang)}{body}</table>'


WRONG_COLUMNS = ("report_col_item", "report_col_wrong", "report_col_students", "report_col_note")


def wrong_table(
    wrong: Sequence[WrongAnswer], order: Sequence[ItemRow], lang: str, href: Href
) -> str:
    """Return the most chosen wrong answers, item by item in the order of the item table."""
    if not wrong:
        return f"<p>{esc(t('report_none', lang))}</p>"
    rank = {(r.lesson, r.item): n for n, r in enumerate(order)}
    ordered = sorted(wrong, key=lambda w: (rank.get((w.lesson, w.item), len(rank)), -w.students))
    body, last = [], None
    for w in ordered:
        first = (w.lesson, w.item) != last
        last = (w.lesson, w.item)
        cell = item_cell(w.lesson, w.item, lang, href) if first else ""
        notes = "".join(f"<p>{esc(text(note, lang))}</p>" for note in w.explain)
        body.append(
            f'<tr data-item="{esc(w.item)}"><td>{cell}</td><td>{shown_answer(w, lang)}</td>'
            f"<td>{w.students} / {w.of}</td><td>{notes}</td></tr>"
        )
    return f'<table class="tmd-report-wrong">{_head(WRONG_COLUMNS, lang)}{"".join(body)}</table>'
