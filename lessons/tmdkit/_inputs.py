"""The answer controls of each item type: plain ipywidgets, keyboard-operable, relabelled per language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ._data import text
from ._i18n import t

_WIDE = w.Layout(width="auto", max_width="100%")


def _label(option: Mapping[str, Any], lang: str) -> str:
    return text(option["text"], lang)


class SingleInput:
    """One of four: radio buttons whose labels are the option texts."""

    def __init__(self, options: list[Mapping[str, Any]], lang: str) -> None:
        self.options = options
        self.widget = w.RadioButtons(options=self._pairs(lang), value=None, layout=_WIDE)
        self.widget.add_class("tmd-options")

    def _pairs(self, lang: str) -> list[tuple[str, str]]:
        return [(_label(o, lang), o["id"]) for o in self.options]

    def response(self) -> str | None:
        """Return the chosen option id, or None."""
        return self.widget.value

    def relabel(self, lang: str) -> None:
        """Show the option texts in lang, keeping the student's choice."""
        chosen = self.widget.value
        self.widget.options = self._pairs(lang)
        self.widget.value = (
            chosen  # changing options resets the value; put the student's choice back
        )


class MultipleInput:
    """Several of six: one checkbox per option."""

    def __init__(self, options: list[Mapping[str, Any]], lang: str) -> None:
        self.options = options
        self.boxes = [
            w.Checkbox(value=False, description=_label(o, lang), indent=False, layout=_WIDE)
            for o in options
        ]
        for box in self.boxes:
            box.add_class("tmd-option")
        self.widget = w.VBox(self.boxes)

    def response(self) -> list[str]:
        """Return the ticked option ids."""
        return [o["id"] for o, box in zip(self.options, self.boxes, strict=True) if box.value]

    def relabel(self, lang: str) -> None:
        """Show the option texts in lang."""
        for option, box in zip(self.options, self.boxes, strict=True):
            box.description = _label(option, lang)


class TextInput:
    """A short answer or a year typed into one box."""

    def __init__(self, kind: str, lang: str) -> None:
        self.kind = kind
        self.widget = w.Text(
            value="",
            placeholder=self._placeholder(lang),
            description=t("your_answer", lang),
            style={"description_width": "initial"},
            layout=w.Layout(width="30em", max_width="100%"),
        )
        self.widget.add_class("tmd-answer")

    def _placeholder(self, lang: str) -> str:
        return t("year_placeholder" if self.kind == "year" else "answer_placeholder", lang)

    def response(self) -> str:
        """Return the raw text, exactly as typed."""
        return self.widget.value

    def relabel(self, lang: str) -> None:
        """Show the placeholder in lang."""
        self.widget.placeholder = self._placeholder(lang)
        self.widget.description = t("your_answer", lang)


class OrderInput:
    """Chronology: rows moved with up/down buttons, so no drag (or mouse) is needed."""

    def __init__(self, options: list[Mapping[str, Any]], start: list[str], lang: str) -> None:
        self.by_id = {o["id"]: o for o in options}
        self.order = list(start)
        self.lang = lang
        self.widget = w.VBox()
        self.widget.add_class("tmd-order")
        self._draw()

    def _move(self, index: int, step: int) -> Callable[[w.Button], None]:
        def move(_button: w.Button) -> None:
            j = index + step
            if 0 <= j < len(self.order):
                self.order[index], self.order[j] = self.order[j], self.order[index]
                self._draw()

        return move

    def _draw(self) -> None:
        rows = []
        for i, oid in enumerate(self.order):
            up = w.Button(
                description="↑",
                tooltip=t("move_up", self.lang),
                disabled=i == 0,
                layout=w.Layout(width="3em"),
            )
            down = w.Button(
                description="↓",
                tooltip=t("move_down", self.lang),
                disabled=i == len(self.order) - 1,
                layout=w.Layout(width="3em"),
            )
            up.on_click(self._move(i, -1))
            down.on_click(self._move(i, 1))
            label = w.Label(f"{i + 1}. {_label(self.by_id[oid], self.lang)}", layout=_WIDE)
            rows.append(w.HBox([up, down, label]))
        self.widget.children = rows

    def response(self) -> list[str]:
        """Return the option ids in the student's order."""
        return list(self.order)

    def relabel(self, lang: str) -> None:
        """Show the rows in lang."""
        self.lang = lang
        self._draw()


class MatchInput:
    """Matching: one dropdown per left-hand item, labelled by that item (a real <label>)."""

    def __init__(
        self, left: list[Mapping[str, Any]], options: list[Mapping[str, Any]], lang: str
    ) -> None:
        self.left, self.options = left, options
        self.menus = [
            w.Dropdown(
                options=self._pairs(lang),
                value=None,
                description=_label(item, lang),
                style={"description_width": "initial"},
                layout=_WIDE,
            )
            for item in left
        ]
        for menu in self.menus:
            menu.add_class("tmd-match")
        self.widget = w.VBox(self.menus)

    def _pairs(self, lang: str) -> list[tuple[str, str | None]]:
        return [(t("choose", lang), None)] + [(_label(o, lang), o["id"]) for o in self.options]

    def response(self) -> dict[str, str | None]:
        """Return left id -> chosen option id (None where nothing is chosen)."""
        return {item["id"]: menu.value for item, menu in zip(self.left, self.menus, strict=True)}

    def relabel(self, lang: str) -> None:
        """Show both sides in lang, keeping the choices."""
        for item, menu in zip(self.left, self.menus, strict=True):
            menu.description = _label(item, lang)
            chosen = menu.value
            menu.options = self._pairs(lang)
            menu.value = chosen


def make_input(item: Mapping[str, Any], shuffled: Callable[[list], list], lang: str) -> Any:
    """Return the answer control for an item, with options in this student's order."""
    kind = item["type"]
    if kind == "single":
        return SingleInput(shuffled(item["options"]), lang)
    if kind == "multiple":
        return MultipleInput(shuffled(item["options"]), lang)
    if kind in ("text", "year"):
        return TextInput(kind, lang)
    if kind == "order":
        ids = [o["id"] for o in item["options"]]
        start = shuffled(ids)
        if start == item["answer"]:  # never hand the student the solved chronology
            start = start[1:] + start[:1]
        return OrderInput(item["options"], start, lang)
    if kind == "match":
        return MatchInput(item["left"], shuffled(item["options"]), lang)
    raise ValueError(f"no input for item type {kind!r}")
