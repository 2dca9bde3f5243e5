"""The parts of the course a score counts towards, their titles, and the summary to copy."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._content import essay, lesson_info
from ._data import DATA, text
from ._essay import Section
from ._i18n import t


def score_section(item: Mapping[str, Any], section: Section | None, root: Path = DATA) -> str:
    """Return the part an item's score counts towards: an essay section id, "since" or "intro".

    In a section lesson, that section; elsewhere, the section of the item's first essay sentence.
    """
    if section is not None:
        return section.id
    first = (item.get("essay") or [0])[0]
    for s in essay(root).sections:
        if first in s.numbers:
            return s.id
    return "since" if first else "intro"


def section_title(section_id: str, lang: str, root: Path = DATA) -> str:
    """Return a section's title in lang (the intro and since-the-essay parts included)."""
    for s in essay(root).sections:
        if s.id == section_id:
            return text(s.title, lang)
    return t(f"part_{section_id}", lang)


def summary_text(stem: str, state: Any, lang: str, root: Path = DATA) -> str:
    """Return the student's results as plain text to copy."""
    board = state.board
    done, total = board.progress()
    points, items = board.score()
    lines = [
        text(lesson_info(stem, root)["title"], lang),
        t("progress", lang, done=done, total=total),
        t("score_line", lang, score=f"{points:g}", total=items),
    ]
    for section in board.sections():
        p, n = board.score(section)
        lines.append(
            "  "
            + t(
                "section_score",
                lang,
                section=section_title(section, lang, root),
                score=f"{p:g}",
                total=n,
            )
        )
    return "\n".join(lines)
