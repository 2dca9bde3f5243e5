"""The HTML an item shows after a check: the verdict with its feedback, and the revealed answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._data import text
from ._html import esc
from ._i18n import render, t
from .items import kind_of
from .items._common import Verdict

ICONS = {"right": "✔", "partial": "◐", "wrong": "✘", "invalid": "⚠", "revealed": "👁"}


def feedback_html(
    item: Mapping[str, Any], verdict: Verdict | None, tries_left: int | None, lang: str
) -> str:
    """Return the verdict, its messages, the chosen options' explanations and the tries left."""
    if verdict is None:
        return ""
    status = verdict.status
    head = "" if status == "invalid" else esc(t(status, lang))
    # The heading already names the verdict; a message saying it again ("Right! Right!") is dropped.
    lines = [esc(render(m, lang)) for m in verdict.messages if m.key != status]
    options = {o["id"]: o for o in item.get("options", ())}
    for oid in verdict.explain_options:
        explain = options.get(oid, {}).get("explain")
        if explain:
            label = text(options[oid]["text"], lang)
            lines.append(f"<i>{esc(label)}</i>: {esc(text(explain, lang))}")
    if status == "right" and "explain" in item:
        lines.append(esc(text(item["explain"], lang)))
    elif status != "invalid" and tries_left is not None:
        lines.append(esc(t("tries_left", lang, n=tries_left)))
    body = "".join(f"<div>{line}</div>" for line in lines)
    return (
        f'<div class="tmd-fb tmd-fb-{status}"><span class="tmd-verdict-{status}">'
        f"{ICONS[status]} {head}</span>{body}</div>"
    )


def reveal_html(item: Mapping[str, Any], lang: str, *, teacher: bool) -> str:
    """Return the answer box: the right answer, the explanation and (for a teacher) the note."""
    answer = kind_of(item).answer_text(item, lang)
    parts = [f"<b>{esc(t('right_answer', lang))}:</b> {esc(answer)}"]
    if "explain" in item:
        parts.append(esc(text(item["explain"], lang)))
    if teacher and "teacher_note" in item:
        parts.append(_note(item, lang))
    return _answer_box(parts)


def teacher_note_html(item: Mapping[str, Any], lang: str, *, teacher: bool) -> str:
    """Return the item's own teacher note in the answer box's style ("" for a student or none)."""
    return _answer_box([_note(item, lang)]) if teacher and "teacher_note" in item else ""


def _note(item: Mapping[str, Any], lang: str) -> str:
    return f"<b>{esc(t('teacher_note', lang))}:</b> {esc(text(item['teacher_note'], lang))}"


def _answer_box(parts: list[str]) -> str:
    rows = "".join(f"<div>{p}</div>" for p in parts)
    return f'<div class="tmd-reveal"><div class="tmd-answer-box">{rows}</div></div>'
