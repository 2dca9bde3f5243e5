"""Matching: each left-hand row gets one option from a labelled menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._data import text
from .._html import esc
from .._i18n import t
from .._widgets import control
from ._common import (
    Item,
    Msg,
    OptionsInput,
    Verdict,
    fail,
    graded,
    invalid,
    key_line,
    known,
    labels,
    lettered_html,
    printed,
    reoffer,
    unique_ids,
)

NAME = "match"


def check(item: Item, response: Any) -> Verdict:
    """Score the rows matched right; every row must be answered first."""
    given = dict(response or {})
    if not any(v is not None for v in given.values()):
        return invalid("empty")
    left = [row["id"] for row in item["left"]]
    unknown = set(given) - set(left)
    if unknown:
        raise ValueError(f"item {item['id']}: unknown left ids {sorted(unknown)}")
    known(item, [v for v in given.values() if v is not None])
    if any(given.get(row) is None for row in left):
        return invalid("answer_every_row")
    right = sum(given[row] == item["answer"][row] for row in left)
    return graded(right / len(left), (Msg("n_rows_right", {"n": right, "total": len(left)}),))


class Input(OptionsInput):
    """One dropdown per left-hand row, labelled by that row (a real <label>)."""

    def __init__(self, item: Item, shuffled: Callable[[list], list], lang: str) -> None:
        super().__init__(item, shuffled)
        rows = labels(item, lang, "left")
        self.menus = [
            control(
                "Dropdown",
                "tmd-match",
                layout="wide",
                style="description",
                options=self._pairs(lang),
                value=None,
                description=rows[row["id"]],
            )
            for row in item["left"]
        ]
        self.widgets = list(self.menus)

    def _pairs(self, lang: str) -> list[tuple[str, str | None]]:
        return [(t("choose", lang), None), *self.pairs(lang)]

    def response(self) -> dict[str, str | None]:
        """Return left id → chosen option id (None where nothing is chosen)."""
        return {
            row["id"]: menu.value for row, menu in zip(self.item["left"], self.menus, strict=True)
        }

    def relabel(self, lang: str) -> None:
        """Show both sides in lang, keeping the choices."""
        rows = labels(self.item, lang, "left")
        for row, menu in zip(self.item["left"], self.menus, strict=True):
            menu.description = rows[row["id"]]
            reoffer(menu, self._pairs(lang))


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Input:
    """Return the menus, options in this student's order."""
    return Input(item, shuffled, lang)


def answer_text(item: Item, lang: str) -> str:
    """Return each row with its right option."""
    left, options = labels(item, lang, "left"), labels(item, lang)
    return "; ".join(f"{left[k]} — {options[v]}" for k, v in item["answer"].items())


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed rows (numbered) and options (lettered)."""
    rows = "".join(
        f"<li>{i + 1}. {esc(text(x['text'], lang))}</li>" for i, x in enumerate(item["left"])
    )
    body = f'<ul style="list-style:none">{rows}</ul>' + lettered_html(item, lang)
    return printed(item, number, lang, body)


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the key line: each row with its right option."""
    return key_line(item, number, lang, answer_text(item, lang))


def rules(file: str, item: Item) -> None:
    """Unique ids; enough options; the answer gives each left row one option."""
    left = unique_ids(item["left"], file, item, "left")
    ids = unique_ids(item["options"], file, item, "options")
    if len(ids) < len(left):
        raise fail(file, item, "options", f"at least as many options as left rows ({len(left)})")
    answer = item["answer"]
    if set(answer) != set(left):
        raise fail(file, item, "answer", f"one entry for each left id {left}, got {sorted(answer)}")
    for row, option in answer.items():
        if option not in ids:
            raise fail(file, item, f"answer.{row}", f"one of the option ids {ids}, got {option!r}")
