"""What every item type shares: the verdict, its messages, option helpers and controls, data rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .._data import DataError, text
from .._html import esc
from .._i18n import t

Item = Mapping[str, Any]
MAX_CHOSEN = 3  # a multiple-choice item has at most 3 right options, so more is never a real answer
LETTERS = "ABCDEF"

# Every key check() can put in a Msg; tests hold data/ui.yaml and this set to each other.
# fmt: off
KEYS = frozenset([
    "right", "wrong", "partial", "empty", "too_long", "digits_in_text", "no_letters",
    "several_numbers", "not_a_year", "year_out_of_range", "year_other_digits", "year_close",
    "spelling_note",
    "base_form_note", "at_most_three", "answer_every_row", "n_right_found", "n_wrong_chosen",
    "n_in_place", "none_in_place", "n_rows_right",
])
# fmt: on


@dataclass(frozen=True)
class Msg:
    """One message to the student: a data/ui.yaml key and the values for its placeholders."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """Whether a response is right, its score, what to say and which option explanations to show."""

    status: Literal["right", "partial", "wrong", "invalid"]  # invalid does not count as a try
    score: float
    messages: tuple[Msg, ...]
    explain_options: tuple[str, ...] = ()


def invalid(key: str) -> Verdict:
    """Return a verdict that asks for a usable answer and does not count as a try."""
    return Verdict("invalid", 0.0, (Msg(key),))


def graded(score: float, details: tuple[Msg, ...]) -> Verdict:
    """Return right, wrong or partial for a score in 0..1, with the details when not right."""
    if score >= 1:
        return Verdict("right", 1.0, (Msg("right"),))
    if score <= 0:
        return Verdict("wrong", 0.0, (Msg("wrong"), *details))
    return Verdict("partial", score, (Msg("partial"), *details))


def option_ids(item: Item) -> list[str]:
    """Return the ids of an item's options in their data order."""
    return [option["id"] for option in item["options"]]


def known(item: Item, ids: Iterable[str]) -> None:
    """Raise ValueError for an option id the item does not have."""
    # An unknown id is a bug in the view, not a student's mistake: fail loudly.
    unknown = set(ids) - set(option_ids(item))
    if unknown:
        raise ValueError(f"item {item['id']}: unknown option ids {sorted(unknown)}")


def explained(item: Item, ids: Iterable[str]) -> tuple[str, ...]:
    """Return those of ids whose option has its own explanation."""
    with_text = {option["id"] for option in item["options"] if option.get("explain")}
    return tuple(i for i in ids if i in with_text)


def labels(item: Item, lang: str, key: str = "options") -> dict[str, str]:
    """Return option id → its text in lang."""
    return {o["id"]: text(o["text"], lang) for o in item.get(key, ())}


# -- answer controls ----------------------------------------------------------------------------
class OptionsInput:
    """What the controls of an item with options share: the options in this student's order."""

    def __init__(self, item: Item, shuffled: Callable[[list], list]) -> None:
        self.item, self.options = item, shuffled(item["options"])

    def pairs(self, lang: str) -> list[tuple[str, str]]:
        """Return (option text in lang, option id) for each option, in this student's order."""
        text = labels(self.item, lang)
        return [(text[o["id"]], o["id"]) for o in self.options]


def reoffer(menu: Any, options: list) -> None:
    """Give a choice control new options, keeping the student's choice (new options reset it)."""
    chosen = menu.value
    menu.options = options
    menu.value = chosen


# -- printable HTML -----------------------------------------------------------------------------
def head_html(item: Item, number: str, lang: str) -> str:
    """Return the printed number and prompt of an item."""
    return f"<b>{esc(number)}.</b> {esc(text(item['prompt'], lang))}"


def lettered_html(item: Item, lang: str, key: str = "options") -> str:
    """Return the options as a printed list lettered A), B), …"""
    rows = "".join(
        f"<li>{LETTERS[i]}) {esc(text(o['text'], lang))}</li>" for i, o in enumerate(item[key])
    )
    return f'<ul style="list-style:none">{rows}</ul>'


def printed(item: Item, number: str, lang: str, body: str) -> str:
    """Return a printed question: number, prompt, then body."""
    return f'<div class="tmd-print-item">{head_html(item, number, lang)}{body}</div>'


def key_line(item: Item, number: str, lang: str, answer: str, letters: str = "") -> str:
    """Return one line of the printed answer key; the explanation and teacher note go below it."""
    explain = (
        f'<div class="tmd-key-explain">{esc(text(item["explain"], lang))}</div>'
        if "explain" in item
        else ""
    )
    return f"<li><b>{esc(number)}.</b> {letters}{esc(answer)}{explain}{key_note(item, lang)}</li>"


def key_note(item: Item, lang: str) -> str:
    """Return the item's own teacher note as the printed key shows it ("" when it has none)."""
    if "teacher_note" not in item:
        return ""
    return (
        f'<div class="tmd-key-note"><b>{esc(t("teacher_note", lang))}:</b> '
        f"{esc(text(item['teacher_note'], lang))}</div>"
    )


def letters_of(item: Item, ids: Iterable[str]) -> str:
    """Return the printed letters of option ids ("C, A, D")."""
    letter = {o["id"]: LETTERS[i] for i, o in enumerate(item["options"])}
    return ", ".join(letter[i] for i in ids)


# -- data rules ---------------------------------------------------------------------------------
def fail(file: str, item: Item, field: str, expected: str) -> DataError:
    """Return the DataError naming file, item and field."""
    return DataError(file, str(item.get("id", "(item)")), field, expected)


def unique_ids(rows: list[Item], file: str, item: Item, field: str) -> list[str]:
    """Return the ids of rows, raising DataError when one is used twice."""
    ids = [row["id"] for row in rows]
    for i in ids:
        if ids.count(i) > 1:
            raise fail(file, item, field, f"unique ids ({i!r} is used twice)")
    return ids


def count(file: str, item: Item, field: str, n: int, lo: int, hi: int) -> None:
    """Raise DataError unless lo <= n <= hi."""
    if not lo <= n <= hi:
        wanted = f"exactly {lo}" if lo == hi else f"{lo} to {hi}"
        raise fail(file, item, field, f"{wanted} entries, got {n}")


def no_rules(file: str, item: Item) -> None:
    """A type whose schema says everything: nothing more to check."""
