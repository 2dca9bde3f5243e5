"""Short answer: a word typed in any of the three languages (or an accepted variant)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._data import text as in_lang
from .._i18n import t
from .._normalize import match_text
from .._screen import input_problem
from .._widgets import control
from ._common import Item, Msg, Verdict, fail, invalid, key_line, printed

NAME = "text"
BLANK = '<span class="tmd-blank"></span>'


def check(item: Item, response: Any) -> Verdict:
    """Right when the typed text matches a form of the answer; a near spelling gets a note."""
    problem = input_problem(response, "text")
    if problem:
        return invalid(problem)
    answer = item["answer"]
    accepted = [answer["kk"], answer["ru"], answer["en"], *item.get("accept", ())]
    found = match_text(response, accepted, spelling_matters=item.get("spelling_matters", False))
    if found.kind == "none":
        return Verdict("wrong", 0.0, (Msg("wrong"),))
    if found.kind == "exact":
        return Verdict("right", 1.0, (Msg("right"),))
    # Right, but show how it is written: the Kazakh spelling, or the form without a case ending.
    note = "base_form_note" if found.kind == "declined" else "spelling_note"
    return Verdict("right", 1.0, (Msg("right"), Msg(note, {"answer": answer["kk"]})))


class Input:
    """One labelled text box; the raw text is the response (checking normalises it)."""

    def __init__(self, placeholder: str, lang: str) -> None:
        self.placeholder = placeholder
        self.box = control("Text", "tmd-answer", layout="text_box", style="text", value="",
                           placeholder=t(placeholder, lang), description=t("your_answer", lang))  # fmt: skip
        self.widgets = [self.box]

    def response(self) -> str:
        """Return the raw text, exactly as typed."""
        return self.box.value

    def relabel(self, lang: str) -> None:
        """Show the label and placeholder in lang."""
        self.box.placeholder = t(self.placeholder, lang)
        self.box.description = t("your_answer", lang)


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the text box."""
    return Input("answer_placeholder", lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the answer in lang."""
    return in_lang(item["answer"], lang)


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed question with a blank to write on."""
    return printed(item, number, lang, BLANK)


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: the answer."""
    return key_line(item, number, lang, answer_text(item, lang))


def rules(file: str, item: Item) -> None:
    """Every answer form is one a student could type (the checker would refuse it otherwise)."""
    for lang, form in item["answer"].items():
        problem = input_problem(form, "text")
        if problem:
            raise fail(file, item, f"answer.{lang}", f"an answer a student can type ({problem})")
