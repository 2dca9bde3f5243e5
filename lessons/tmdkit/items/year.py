"""A year: typed in a box, read however it is written ("1991 ж.", "в 1991 году")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._screen import InputProblem, parse_year
from ._common import Item, Msg, Verdict, invalid, key_line, no_rules, printed
from .text import BLANK, Input

NAME = "year"
CLOSE_YEARS = 2
rules = no_rules  # the schema says all: an integer answer and an optional tolerance


def check(item: Item, response: Any) -> Verdict:
    """Right within the item's tolerance; a year off by two or less gets a "close" note."""
    if response is None:
        return invalid("empty")
    try:
        year = parse_year(str(response))
    except InputProblem as problem:
        return invalid(problem.key)
    off = abs(year - item["answer"])
    if off <= item.get("tolerance", 0):
        return Verdict("right", 1.0, (Msg("right"),))
    if off <= CLOSE_YEARS:
        return Verdict("wrong", 0.0, (Msg("wrong"), Msg("year_close")))
    return Verdict("wrong", 0.0, (Msg("wrong"),))


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the text box with a year as its placeholder."""
    return Input("year_placeholder", lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the year."""
    return str(item["answer"])


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed question with a blank to write on."""
    return printed(item, number, lang, BLANK)


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: the year."""
    return key_line(item, number, lang, answer_text(item, lang))
