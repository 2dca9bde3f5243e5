"""The lesson's toolbar: title and progress line, language switch, teacher-mode toggle, styles."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as w
from IPython.display import HTML

from ._css import CSS
from ._data import LANGS, text
from ._html import esc
from ._i18n import t
from ._kit import Kit


def lang_labels() -> tuple[tuple[str, str], ...]:
    """Return the language switch's (label, code) pairs: each language named in itself."""
    return tuple((t("language_name", code), code) for code in LANGS)


def progress_html(board: Any, lang: str) -> str:
    """Return the progress line: items finished of shown, and the score when there is one."""
    done, total = board.progress()
    points, items = board.score()
    line = esc(t("progress", lang, done=done, total=total))
    if items:
        line += f" · {esc(t('score_line', lang, score=f'{points:g}', total=items))}"
    return line


def styles() -> HTML:
    """Return the lesson's stylesheet as a plain output: it never changes, so it needs no widget."""
    return HTML(CSS)


class Toolbar:
    """The first output of every lesson; `update()` redraws the progress line after a check."""

    def __init__(self, kit: Kit, info: Mapping[str, Any]) -> None:
        state = self.state = kit.state
        self.info = info
        lang = state.lang  # each widget is made with what it shows: one message to the browser
        self.head = kit.make(w.HTML, "tmd-title", value=self._head_html(lang))
        self.lang = kit.make(w.ToggleButtons, "tmd-lang", options=lang_labels(), value=lang,
                             tooltips=self._tooltips(lang))  # fmt: skip
        w.link((self.lang, "value"), (state, "lang"))
        self.teacher = kit.make(w.ToggleButton, "tmd-teacher", value=state.teacher,
                                icon="graduation-cap", description=t("teacher_mode", lang))  # fmt: skip
        w.link((self.teacher, "value"), (state, "teacher"))
        self.widget = kit.make(w.Box, "tmd-toolbar", children=[self.head, self.lang, self.teacher])
        self.listeners: list[Callable[[], None]] = []
        state.observe(lambda _c: self.relabel(), names=["lang"])

    def relabel(self) -> None:
        """Redraw the labels that follow the language."""
        lang = self.state.lang
        self.teacher.description = t("teacher_mode", lang)
        self.lang.tooltips = self._tooltips(lang)
        self.draw()

    @staticmethod
    def _tooltips(lang: str) -> list[str]:
        return [t("language", lang)] * len(LANGS)

    def draw(self) -> None:
        """Redraw the title and, under it, the progress line."""
        self.head.value = self._head_html(self.state.lang)

    def _head_html(self, lang: str) -> str:
        return (
            f"<b>{esc(text(self.info['title'], lang))}</b>"
            f'<div class="tmd-progress">{progress_html(self.state.board, lang)}</div>'
        )

    def update(self) -> None:
        """Redraw the progress line and tell the panels that follow the score (results)."""
        self.draw()
        for listener in self.listeners:
            listener()
