"""A self-check item on screen: prompt, answer control, hints, feedback; all checking is delegated.

Light by design: one box per item, one HTML for the prompt and one for hints, feedback and the
revealed answer, the type's own controls (see items/), shared layouts and styles, and no hint
button when the item has no hints. close() frees every widget and the observers on the state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ._data import text
from ._feedback import feedback_html, reveal_html, teacher_note_html
from ._html import esc
from ._i18n import sentence_refs, t
from ._state import State
from ._widgets import box, button, close_all, html
from .items import kind_of
from .items._common import Msg, Verdict

DEFAULT_TRIES = 3
logger = logging.getLogger("tmdkit")


class ItemView:
    """One checkable item; re-displaying it shows the same widgets and never double-counts."""

    def __init__(
        self,
        item: Mapping[str, Any],
        state: State,
        section: str,
        on_change: Callable[[], None] = lambda: None,
        *,
        nested: bool = False,
    ) -> None:
        self.item, self.state, self.on_change = item, state, on_change
        self.kind = kind_of(item)
        self.attempt = state.board.register(item["id"], section, item["type"])
        self.verdict: Verdict | None = None
        self.hints_shown = 0
        self._note_seen()
        # Made with the texts they show: one message each to the browser, nothing to relabel.
        lang = state.lang
        self.prompt = html("tmd-prompt", value=self._prompt_html(lang))
        self.input = self.kind.make_input(item, lambda xs: state.shuffled(item["id"], xs), lang)
        self.check_button = button(
            "tmd-check", self._check, button_style="primary", description=t("check", lang)
        )
        self.buttons = [self.check_button]
        if item.get("hints"):
            self.buttons.append(button("tmd-hint", self._hint, description=t("hint", lang)))
        self.out = html("tmd-out", value=self._out_html(lang))
        self.widget = box(
            [self.prompt, *self.input.widgets, *self.buttons, self.out],
            "tmd-subitem" if nested else "tmd-item",
            f"tmd-item--{item['id']}",
        )
        state.observe(self.relabel, names=["lang", "teacher"])

    @property
    def hint_button(self) -> w.Button | None:
        """The hint button, or None when the item has no hints."""
        return self.buttons[1] if len(self.buttons) > 1 else None

    def close(self) -> None:
        """Stop watching the state and close this item's widgets (the score stays on the board)."""
        self.state.unobserve(self.relabel, names=["lang", "teacher"])
        close_all([self.widget, self.prompt, *self.input.widgets, *self.buttons, self.out])

    # -- events -------------------------------------------------------------------------------
    def _check(self, _button: Any = None) -> None:
        response = self.input.response()
        try:
            verdict = self.kind.check(self.item, response)
        except Exception:  # a checker bug: tell the student plainly, log the traceback for us
            logger.exception(
                "checking item %s failed on the response %.200r", self.item["id"], response
            )
            verdict = Verdict("invalid", 0.0, (Msg("checker_error"),))
        self.verdict = verdict
        self.state.board.record(
            self.item["id"],
            verdict.status,
            verdict.score,
            counts=verdict.status != "invalid",
            response=response,
        )
        if (
            self.attempt.tries >= self.item.get("max_tries", DEFAULT_TRIES)
            and not self.attempt.done
        ):
            self.state.board.reveal(self.item["id"])
        self.relabel()
        self.on_change()

    def _hint(self, _button: Any = None) -> None:
        if self.hints_shown < len(self.item.get("hints", ())):
            self.hints_shown += 1
            self.state.board.hint(self.item["id"])
        self.relabel()

    # -- drawing ------------------------------------------------------------------------------
    def relabel(self, _change: Any = None) -> None:
        """Redraw every text in the current language from the stored state (no re-checking)."""
        lang = self.state.lang
        self._note_seen()
        self.prompt.value = self._prompt_html(lang)
        self.input.relabel(lang)
        self.check_button.description = t("check", lang)
        if self.hint_button is not None:
            self.hint_button.description = t("hint" if not self.hints_shown else "next_hint", lang)
            self.hint_button.disabled = self.hints_shown >= len(self.item.get("hints", ()))
        self.out.value = self._out_html(lang)

    def _note_seen(self) -> None:
        if self.state.teacher:  # a student who turns teacher mode on has seen the answer
            self.state.board.shown(self.item["id"])

    def _prompt_html(self, lang: str) -> str:
        refs = list(self.item.get("essay", ()))
        source = f'<div class="tmd-refs">{esc(sentence_refs(refs, lang))}</div>' if refs else ""
        return f'<div class="tmd-q">{esc(text(self.item["prompt"], lang))}</div>{source}'

    def _out_html(self, lang: str) -> str:
        """Return the hints shown so far, the feedback and, once revealed, the answer."""
        item = self.item
        shown = "".join(
            f'<div class="tmd-hint-text">💡 {esc(text(h, lang))}</div>'
            for h in item.get("hints", ())[: self.hints_shown]
        )
        left = (
            None if self.attempt.done else item.get("max_tries", DEFAULT_TRIES) - self.attempt.tries
        )
        shown_answer = self.state.teacher or self.attempt.status == "revealed"
        return (
            (f'<div class="tmd-hints">{shown}</div>' if shown else "")
            + f'<div class="tmd-feedback">{feedback_html(item, self.verdict, left, lang)}</div>'
            + (reveal_html(item, lang, teacher=self.state.teacher) if shown_answer else "")
        )


class ContextView:
    """A ҰБТ context item: a passage from the essay followed by several items about it."""

    def __init__(
        self,
        item: Mapping[str, Any],
        state: State,
        section: str,
        passage: Callable[[str], str],
        on_change: Callable[[], None],
    ) -> None:
        self.item, self.state, self.passage = item, state, passage
        self.head = html("tmd-prompt", value=self._head_html(state.lang))
        self.items = [
            ItemView(sub, state, section, on_change, nested=True) for sub in item["items"]
        ]
        self.widget = box(
            [self.head, *(v.widget for v in self.items)],
            "tmd-item",
            "tmd-context",
            f"tmd-item--{item['id']}",
        )
        state.observe(self.relabel, names=["lang", "teacher"])

    def relabel(self, _change: Any = None) -> None:
        """Redraw the prompt, the passage and (in teacher mode) its note in the current language."""
        self.head.value = self._head_html(self.state.lang)

    def _head_html(self, lang: str) -> str:
        return (
            f'<div class="tmd-q">{esc(text(self.item["prompt"], lang))}</div>'
            f'<blockquote class="tmd-passage">{self.passage(lang)}</blockquote>'
            + teacher_note_html(self.item, lang, teacher=self.state.teacher)
        )

    def close(self) -> None:
        """Close the nested items, the passage and the box; stop watching the state."""
        self.state.unobserve(self.relabel, names=["lang", "teacher"])
        for view in self.items:
            view.close()
        close_all([self.widget, self.head])


def item_view(
    item: Mapping[str, Any],
    state: State,
    section: str,
    passage: Callable[[Mapping[str, Any], str], str],
    on_change: Callable[[], None],
) -> ItemView | ContextView:
    """Return the view for any item type."""
    if item["type"] == "context":
        return ContextView(item, state, section, lambda lang: passage(item, lang), on_change)
    return ItemView(item, state, section, on_change)
