"""The lesson's toolbar: styles and title, language switch, teacher-mode toggle, progress line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w

from ._blocks import CSS
from ._data import text
from ._html import esc
from ._i18n import t
from ._kit import Kit

LANG_LABELS = (("Қазақша", "kk"), ("Русский", "ru"), ("English", "en"))


def progress_html(board: Any, lang: str) -> str:
    """Return the progress line: items finished of shown, and the score when there is one."""
    done, total = board.progress()
    points, items = board.score()
    line = esc(t("progress", lang, done=done, total=total))
    if items:
        line += f" · {esc(t('score_line', lang, score=f'{points:g}', total=items))}"
    return line


class Toolbar:
    """The first output of every lesson; `update()` redraws the progress line after a check."""

    def __init__(self, kit: Kit, info: Mapping[str, Any]) -> None:
        state = self.state = kit.state
        # The styles travel in the title's widget, so they reach the page before any panel.
        self.head, _ = kit.html(
            lambda lg: f"{CSS}<b>{esc(text(info['title'], lg))}</b>", "tmd-title"
        )
        self.lang = kit.make(w.ToggleButtons, "tmd-lang", options=LANG_LABELS, value=state.lang)
        w.link((self.lang, "value"), (state, "lang"))
        self.teacher = kit.make(
            w.ToggleButton, "tmd-teacher", value=state.teacher, icon="graduation-cap"
        )
        w.link((self.teacher, "value"), (state, "teacher"))
        self.progress = kit.make(w.HTML, "tmd-progress")
        self.widget = kit.make(
            w.Box, "tmd-toolbar", children=[self.head, self.lang, self.teacher, self.progress]
        )
        self.listeners: list[Callable[[], None]] = []
        state.observe(lambda _c: self.relabel(), names=["lang"])
        self.relabel()

    def relabel(self) -> None:
        """Redraw the labels that follow the language."""
        lang = self.state.lang
        self.teacher.description = t("teacher_mode", lang)
        self.lang.tooltips = [t("language", lang)] * len(LANG_LABELS)
        self.progress.value = progress_html(self.state.board, lang)

    def update(self) -> None:
        """Redraw the progress line and tell the panels that follow the score (results)."""
        self.progress.value = progress_html(self.state.board, self.state.lang)
        for listener in self.listeners:
            listener()
