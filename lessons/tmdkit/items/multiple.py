"""Multiple choice: one to three right options of six, ticked in checkboxes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._widgets import control
from ._common import (
    MAX_CHOSEN,
    Item,
    Msg,
    OptionsInput,
    Verdict,
    count,
    explained,
    fail,
    graded,
    invalid,
    key_line,
    known,
    labels,
    lettered_html,
    letters_of,
    printed,
    unique_ids,
)

NAME = "multiple"


def check(item: Item, response: Any) -> Verdict:
    """Score found-minus-wrong over the right options; wrongly ticked options are explained."""
    chosen = [response] if isinstance(response, str) else list(response or ())
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        return invalid("empty")
    known(item, chosen)
    if len(chosen) > MAX_CHOSEN:
        return invalid("at_most_three")
    right = set(item["answer"])
    found, wrong = len(right.intersection(chosen)), len(set(chosen) - right)
    details = [Msg("n_right_found", {"n": found, "total": len(right)})]
    if wrong:
        details.append(Msg("n_wrong_chosen", {"n": wrong}))
    verdict = graded(max(0.0, (found - wrong) / len(right)), tuple(details))
    wrong_chosen = [i for i in chosen if i not in right]
    return Verdict(verdict.status, verdict.score, verdict.messages, explained(item, wrong_chosen))


class Input(OptionsInput):
    """One checkbox per option (each a real labelled checkbox, no wrapping box)."""

    def __init__(self, item: Item, shuffled: Callable[[list], list], lang: str) -> None:
        super().__init__(item, shuffled)
        self.boxes = [
            control(
                "Checkbox",
                "tmd-option",
                layout="wide",
                style="checkbox",
                value=False,
                description=label,
                indent=False,
            )
            for label, _id in self.pairs(lang)
        ]
        self.widgets = list(self.boxes)

    def response(self) -> list[str]:
        """Return the ticked option ids."""
        return [o["id"] for o, box in zip(self.options, self.boxes, strict=True) if box.value]

    def relabel(self, lang: str) -> None:
        """Show the option texts in lang."""
        for (label, _id), box in zip(self.pairs(lang), self.boxes, strict=True):
            box.description = label


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the checkboxes, options in this student's order."""
    return Input(item, shuffled, lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the right options' texts."""
    text = labels(item, lang)
    return "; ".join(text[a] for a in item["answer"])


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed question with its lettered options."""
    return printed(item, number, lang, lettered_html(item, lang))


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: the right letters and texts."""
    letters = letters_of(item, item["answer"]) + ": "
    return key_line(item, number, lang, answer_text(item, lang), letters)


def rules(file: str, item: Item) -> None:
    """Six options with unique ids; one to three answers, each an option."""
    ids = unique_ids(item["options"], file, item, "options")
    count(file, item, "options", len(ids), 6, 6)
    count(file, item, "answer", len(item["answer"]), 1, 3)
    for answer in item["answer"]:
        if answer not in ids:
            raise fail(file, item, "answer", f"option ids among {ids}, got {answer!r}")
