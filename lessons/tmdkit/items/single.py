"""Single choice: one right option of four, picked with radio buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._widgets import control
from ._common import (
    Item,
    Msg,
    OptionsInput,
    Verdict,
    count,
    explained,
    fail,
    invalid,
    key_line,
    known,
    labels,
    lettered_html,
    letters_of,
    printed,
    reoffer,
    unique_ids,
)

NAME = "single"


def check(item: Item, response: Any) -> Verdict:
    """Right when the chosen option id is the answer; the chosen option's explanation is shown."""
    if response is None or response == "":
        return invalid("empty")
    known(item, [response])
    status = "right" if response == item["answer"] else "wrong"
    score = 1.0 if status == "right" else 0.0
    return Verdict(status, score, (Msg(status),), explained(item, [response]))


class Input(OptionsInput):
    """Radio buttons whose labels are the option texts."""

    def __init__(self, item: Item, shuffled: Callable[[list], list], lang: str) -> None:
        super().__init__(item, shuffled)
        self.radio = control(
            "RadioButtons",
            "tmd-options",
            layout="wide",
            style="description",
            options=self.pairs(lang),
            value=None,
        )
        self.widgets = [self.radio]

    def response(self) -> str | None:
        """Return the chosen option id, or None."""
        return self.radio.value

    def relabel(self, lang: str) -> None:
        """Show the option texts in lang, keeping the student's choice."""
        reoffer(self.radio, self.pairs(lang))


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the radio buttons, options in this student's order."""
    return Input(item, shuffled, lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the right option's text."""
    return labels(item, lang)[item["answer"]]


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed question with its lettered options."""
    return printed(item, number, lang, lettered_html(item, lang))


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: the right letter and text."""
    letters = f"{letters_of(item, [item['answer']])}) "
    return key_line(item, number, lang, answer_text(item, lang), letters)


def rules(file: str, item: Item) -> None:
    """Four options with unique ids; the answer is one of them."""
    ids = unique_ids(item["options"], file, item, "options")
    count(file, item, "options", len(ids), 4, 4)
    if item["answer"] not in ids:
        raise fail(file, item, "answer", f"one of the option ids {ids}, got {item['answer']!r}")
