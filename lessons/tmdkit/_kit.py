"""The widgets of one lesson's panels: made with the shared layouts and styles, closed together.

Each widget model costs a comm message and a DOM subtree in every front end (JupyterLab, Voilà,
JupyterLite), so a panel's widgets take their Layout and Style from tmdkit._widgets (one of each per
kernel) and a panel is built once per lesson: showing it again reuses its widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as w

from ._state import State
from ._widgets import control


class Kit:
    """Makes the widgets of one lesson's panels and closes them all when the lesson goes."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.made: list[w.Widget] = []
        self.closers: list[
            Callable[[], None]
        ] = []  # views that free their own widgets and observers

    def make(self, cls: type, *classes: str, **traits: Any) -> Any:
        """Return a new widget of cls with the shared layout and style, and CSS classes."""
        widget = control(cls, *classes, **traits)
        self.made.append(widget)
        return widget

    def html(
        self,
        draw: Callable[[str], str],
        *classes: str,
        teacher_only: bool = False,
    ) -> tuple[w.HTML, Callable[[Any], None]]:
        """Return an HTML widget redrawn on language and teacher-mode changes, and its redraw."""

        def drawn() -> str:
            return "" if teacher_only and not self.state.teacher else draw(self.state.lang)

        box = self.make(w.HTML, *classes, value=drawn())

        def redraw(_change: Any = None) -> None:
            box.value = drawn()

        self.state.observe(redraw, names=["lang", "teacher"])
        return box, redraw

    def close(self) -> None:
        """Close every widget this lesson made and the item views inside them."""
        for close in self.closers:
            close()
        for widget in _tree(self.made):
            widget.close()
        self.made.clear()
        self.closers.clear()


def _tree(widgets: list[w.Widget]) -> Iterator[w.Widget]:
    """Yield widgets and every descendant box and control (item views nest their own boxes).

    Layout and Style models are left alone: they are shared by every control of the kernel.
    """
    seen: set[int] = set()
    stack = list(widgets)
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        stack.extend(getattr(widget, "children", ()))
