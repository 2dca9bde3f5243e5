"""A lesson's self-check items: the practice items, or one exam-format block with its score line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from . import _content as content
from ._blocks import passage_html
from ._html import esc
from ._i18n import t
from ._summary import score_section
from ._views import ContextView, ItemView, item_view
from ._widgets import shared

if TYPE_CHECKING:
    from ._lesson import Lesson


class QuizView:
    """The items of one quiz() call in a column; close() frees them all (a re-run cell does)."""

    def __init__(
        self, views: list[ItemView | ContextView], after: tuple[w.Widget, ...] = (), *classes: str
    ) -> None:
        self.views = views
        self.widget = w.VBox(
            [*(v.widget for v in views), *after],
            layout=shared("layout"),
            _dom_classes=("tmd-quiz", *classes),
        )

    def close(self) -> None:
        """Close every item and the column."""
        for view in self.views:
            view.close()
        self.widget.close()


def block_items(items: Sequence[Mapping[str, Any]], block: str | None) -> list[Mapping[str, Any]]:
    """Return the top-level items of one block (`block: ubt`), or the practice items for None."""
    return [item for item in items if item.get("block") == block]


def scored_ids(items: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """Yield the ids of the items that carry points, a context item's questions included."""
    for item in items:
        if item["type"] == "context":
            yield from scored_ids(item["items"])
        else:
            yield item["id"]


def block_score(board: Any, ids: Sequence[str]) -> tuple[float, int]:
    """Return (points, tasks) over the block's items: one point a task, as the exam counts."""
    points = sum(board.attempts[i].best for i in ids if i in board.attempts)
    return round(points, 2), len(ids)


def score_html(block: str, points: float, total: int, lang: str) -> str:
    """Return the block's score line as the exam prints it: "N / 20 балл" (nothing if empty)."""
    if not total:
        return ""
    line = t(f"{block}_score", lang, score=f"{points:g}", total=total)
    return f'<div class="tmd-block-score">{esc(line)}</div>'


def quiz_panel(lesson: Lesson, ids: Sequence[str], block: str | None = None) -> Any:
    """Return the items of the lesson's quiz (named ones, or one block's) in a box."""
    root = lesson.root
    items = content.quiz_items(lesson.stem, ids, root)
    if not ids:
        items = block_items(items, block)

    def passage(it: Mapping[str, Any], lg: str) -> str:
        if "passage" in it:
            return passage_html(content.essay(root), it.get("passage", ()), lg)
        return esc(content.text(it["passage_text"], lg))

    views = [
        item_view(
            item,
            lesson.state,
            score_section(item, lesson.section, root),
            passage,
            lesson.changed,
        )
        for item in items
    ]
    if block is None:
        quiz = QuizView(views)
    else:  # the block's score line under its items, as the exam prints it
        scored = list(scored_ids(items))
        line, redraw = lesson.kit.html(
            lambda lg: score_html(block, *block_score(lesson.state.board, scored), lg)
        )
        lesson.toolbar.listeners.append(redraw)
        quiz = QuizView(views, (line,), f"tmd-block-{block}")
    lesson.kit.closers.append(quiz.close)
    lesson.changed()
    return quiz.widget
