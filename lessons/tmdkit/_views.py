"""A self-check item on screen: prompt, answer control, hints, feedback; all checking is delegated."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ._check import Verdict, check
from ._data import text
from ._html import esc
from ._i18n import render, t
from ._inputs import make_input
from ._state import State

ICONS = {"right": "✔", "partial": "◐", "wrong": "✘", "invalid": "⚠", "revealed": "👁"}
DEFAULT_TRIES = 3


def answer_text(item: Mapping[str, Any], lang: str) -> str:
    """Return the right answer of an item as plain text in lang."""
    kind, answer = item["type"], item["answer"]
    if kind == "year":
        return str(answer)
    if kind == "text":
        return text(answer, lang)
    options = {o["id"]: text(o["text"], lang) for o in item.get("options", ())}
    if kind == "single":
        return options[answer]
    if kind == "multiple":
        return "; ".join(options[a] for a in answer)
    if kind == "order":
        return " → ".join(options[a] for a in answer)
    left = {x["id"]: text(x["text"], lang) for x in item["left"]}
    return "; ".join(f"{left[k]} — {options[v]}" for k, v in answer.items())


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
        self.attempt = state.board.register(item["id"], section, item["type"])
        self.verdict: Verdict | None = None
        self.hints_shown = 0
        lang = state.lang
        self.prompt = w.HTML()
        self.prompt.add_class("tmd-prompt")
        self.input = make_input(item, lambda xs: state.shuffled(item["id"], xs), lang)
        self.check_button = w.Button(button_style="primary")
        self.check_button.add_class("tmd-check")
        self.check_button.on_click(self._check)
        self.hint_button = w.Button()
        self.hint_button.add_class("tmd-hint")
        self.hint_button.on_click(self._hint)
        self.hint_button.layout.display = None if item.get("hints") else "none"
        self.hints = w.HTML()
        self.feedback = w.HTML()
        self.feedback.add_class("tmd-feedback")
        self.reveal = w.HTML()
        self.reveal.add_class("tmd-reveal")
        buttons = w.HBox([self.check_button, self.hint_button])
        self.widget = w.VBox(
            [self.prompt, self.input.widget, buttons, self.hints, self.feedback, self.reveal]
        )
        self.widget.add_class("tmd-subitem" if nested else "tmd-item")
        self.widget.add_class(f"tmd-item--{item['id']}")
        state.observe(lambda _change: self.relabel(), names=["lang", "teacher"])
        self.relabel()

    # -- events -------------------------------------------------------------------------------
    def _check(self, _button: Any = None) -> None:
        response = self.input.response()
        try:
            verdict = check(self.item, response)
        except Exception:  # a checker bug must never put a traceback in front of a student
            verdict = Verdict("invalid", 0.0, ())
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
    def relabel(self) -> None:
        """Redraw every text in the current language from the stored state (no re-checking)."""
        lang, item = self.state.lang, self.item
        refs = ", ".join(str(n) for n in item.get("essay", ()))
        source = (
            f'<div class="tmd-refs">{esc(t("essay_sentences", lang, refs=refs))}</div>'
            if refs
            else ""
        )
        self.prompt.value = f'<div class="tmd-q">{esc(text(item["prompt"], lang))}</div>{source}'
        self.input.relabel(lang)
        self.check_button.description = t("check", lang)
        hints = item.get("hints", ())
        self.hint_button.description = t("hint" if self.hints_shown == 0 else "next_hint", lang)
        self.hint_button.disabled = self.hints_shown >= len(hints)
        self.hints.value = "".join(
            f'<div class="tmd-hint-text">💡 {esc(text(h, lang))}</div>'
            for h in hints[: self.hints_shown]
        )
        self.feedback.value = self._feedback_html(lang)
        self.reveal.value = self._reveal_html(lang)

    def _feedback_html(self, lang: str) -> str:
        verdict = self.verdict
        if verdict is None:
            return ""
        status = verdict.status
        head = "" if status == "invalid" else esc(t(status, lang))
        lines = [esc(render(m, lang)) for m in verdict.messages]
        options = {o["id"]: o for o in self.item.get("options", ())}
        for oid in verdict.explain_options:
            explain = options.get(oid, {}).get("explain")
            if explain:
                label = text(options[oid]["text"], lang)
                lines.append(f"<i>{esc(label)}</i>: {esc(text(explain, lang))}")
        if status == "right" and "explain" in self.item:
            lines.append(esc(text(self.item["explain"], lang)))
        elif status != "invalid" and not self.attempt.done:
            left = self.item.get("max_tries", DEFAULT_TRIES) - self.attempt.tries
            lines.append(esc(t("tries_left", lang, n=left)))
        body = "".join(f"<div>{line}</div>" for line in lines)
        return (
            f'<div class="tmd-fb tmd-fb-{status}"><span class="tmd-verdict-{status}">'
            f"{ICONS[status]} {head}</span>{body}</div>"
        )

    def _reveal_html(self, lang: str) -> str:
        shown = self.state.teacher or self.attempt.status == "revealed"
        if not shown:
            return ""
        parts = [f"<b>{esc(t('right_answer', lang))}:</b> {esc(answer_text(self.item, lang))}"]
        if "explain" in self.item:
            parts.append(esc(text(self.item["explain"], lang)))
        if self.state.teacher and "teacher_note" in self.item:
            parts.append(
                f"<b>{esc(t('teacher_note', lang))}:</b> "
                f"{esc(text(self.item['teacher_note'], lang))}"
            )
        return '<div class="tmd-answer-box">' + "".join(f"<div>{p}</div>" for p in parts) + "</div>"


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
        self.head = w.HTML()
        self.head.add_class("tmd-prompt")
        self.items = [
            ItemView(sub, state, section, on_change, nested=True) for sub in item["items"]
        ]
        self.widget = w.VBox([self.head, *(v.widget for v in self.items)])
        self.widget.add_class("tmd-item")
        self.widget.add_class("tmd-context")
        self.widget.add_class(f"tmd-item--{item['id']}")
        state.observe(lambda _change: self.relabel(), names=["lang"])
        self.relabel()

    def relabel(self) -> None:
        """Redraw the prompt and passage in the current language."""
        lang = self.state.lang
        self.head.value = (
            f'<div class="tmd-q">{esc(text(self.item["prompt"], lang))}</div>'
            f'<blockquote class="tmd-passage">{self.passage(lang)}</blockquote>'
        )


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
