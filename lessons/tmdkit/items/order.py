"""Chronology: put the rows in order with one list and two buttons (no mouse, no drag needed)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from .._i18n import t
from .._widgets import button, control
from ._common import (
    Item,
    Msg,
    Verdict,
    fail,
    graded,
    invalid,
    key_line,
    known,
    labels,
    lettered_html,
    letters_of,
    option_ids,
    printed,
    reoffer,
    unique_ids,
)

NAME = "order"
# ipywidgets writes every space of a list row as a no-break space, so a long row could never wrap
# on a phone; a three-per-em space looks the same and lets the line break there (_css.CSS).
_SPACE = "\u2004"


def check(item: Item, response: Any) -> Verdict:
    """Score the neighbouring pairs in the right order; say how many rows are in place."""
    given = list(response or ())
    if not given or all(i is None for i in given):
        return invalid("empty")
    known(item, [i for i in given if i is not None])
    answer = list(item["answer"])
    if None in given or sorted(given) != sorted(answer):
        return invalid("answer_every_row")
    place = {option_id: n for n, option_id in enumerate(answer)}
    pairs = sum(place[a] < place[b] for a, b in pairwise(given))
    in_place = sum(a == b for a, b in zip(given, answer, strict=True))
    count = (
        Msg("n_in_place", {"n": in_place, "total": len(answer)})
        if in_place
        else Msg("none_in_place")
    )
    return graded(pairs / (len(answer) - 1), (count,))


class Input:
    """A list of the rows in the student's order; ↑ and ↓ move the selected row."""

    def __init__(self, item: Item, start: list[str], lang: str) -> None:
        self.item, self.order, self.lang = item, list(start), lang
        self.rows = control(
            "Select",
            "tmd-order",
            layout="wide",
            style="description",
            options=self._pairs(),
            value=None,
            rows=len(start),
            description=t("your_order", lang),
        )
        # Nothing is selected yet, so neither button can move a row.
        self.up = button("tmd-up", lambda _b: self.move(-1), description="↑",
                         tooltip=t("move_up", lang), disabled=True)  # fmt: skip
        self.down = button("tmd-down", lambda _b: self.move(1), description="↓",
                           tooltip=t("move_down", lang), disabled=True)  # fmt: skip
        self.rows.observe(self._enable, names=["index"])
        self.widgets = [self.rows, self.up, self.down]

    def _pairs(self) -> list[tuple[str, str]]:
        text = labels(self.item, self.lang)
        return [
            (f"{n + 1}. " + text[oid].replace(" ", _SPACE), oid) for n, oid in enumerate(self.order)
        ]

    def _enable(self, _change: Any = None) -> None:
        index = self.rows.index
        self.up.disabled = index is None or index == 0
        self.down.disabled = index is None or index == len(self.order) - 1

    def move(self, step: int) -> None:
        """Move the selected row one place up (step -1) or down (+1); it stays selected."""
        chosen = self.rows.value
        if chosen is None:
            return
        i = self.order.index(chosen)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            reoffer(self.rows, self._pairs())
        self._enable()

    def response(self) -> list[str]:
        """Return the option ids in the student's order."""
        return list(self.order)

    def relabel(self, lang: str) -> None:
        """Show the rows, the list's label and the buttons' names in lang, keeping the order."""
        self.lang = lang
        reoffer(self.rows, self._pairs())
        self.rows.description = t("your_order", lang)
        self.up.tooltip, self.down.tooltip = t("move_up", lang), t("move_down", lang)
        self._enable()


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the ordering list, starting in this student's shuffled (never solved) order."""
    start = shuffled(option_ids(item))
    if start == list(item["answer"]):  # never hand the student the solved chronology
        start = start[1:] + start[:1]
    return Input(item, start, lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the rows in the right order."""
    text = labels(item, lang)
    return " → ".join(text[a] for a in item["answer"])


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed question with its lettered rows."""
    return printed(item, number, lang, lettered_html(item, lang))


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: the letters in order and the rows."""
    letters = letters_of(item, item["answer"]) + ": "
    return key_line(item, number, lang, answer_text(item, lang), letters)


def rules(file: str, item: Item) -> None:
    """The answer names every option exactly once."""
    ids = unique_ids(item["options"], file, item, "options")
    if sorted(item["answer"]) != sorted(ids):
        raise fail(file, item, "answer", f"every option id exactly once, in order; options {ids}")
