"""Widgets built light: every control of a kind shares one Layout and one Style model.

An ipywidgets control costs three models (itself, its Layout, its Style); sharing the last two
makes it one. Shared layouts and styles are never changed after creation: to hide or place a
control, give it a CSS class (see _blocks.CSS). The items use it; any block can.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

_SHARED: dict[str, w.Widget] = {}
_MAKERS: dict[str, Callable[[], w.Widget]] = {
    "layout": w.Layout,
    "wide": lambda: w.Layout(width="auto", max_width="100%"),
    "text_box": lambda: w.Layout(width="30em", max_width="100%"),
    "description": lambda: DescriptionStyle(description_width="initial"),
    "text": lambda: TextStyle(description_width="initial"),
    "checkbox": lambda: CheckboxStyle(description_width="initial"),
    "button": w.ButtonStyle,
    "html": HTMLStyle,
}


def shared(name: str) -> Any:
    """Return the one Layout or Style model of this name (made again if someone closed it)."""
    model = _SHARED.get(name)
    if model is None or model.comm is None:
        model = _SHARED[name] = _MAKERS[name]()
    return model


def classed(widget: w.DOMWidget, *classes: str) -> w.DOMWidget:
    """Return widget with the CSS classes added."""
    for css in classes:
        widget.add_class(css)
    return widget


def html(*classes: str) -> w.HTML:
    """Return an empty HTML widget."""
    return classed(w.HTML(layout=shared("layout"), style=shared("html")), *classes)


def button(css: str, on_click: Callable[[Any], None], **kw: Any) -> w.Button:
    """Return a button calling on_click."""
    made = classed(w.Button(layout=shared("layout"), style=shared("button"), **kw), css)
    made.on_click(on_click)
    return made


def box(children: list[w.Widget], *classes: str) -> w.Box:
    """Return a plain flex box (CSS in _blocks places its children; no nested boxes needed)."""
    return classed(w.Box(children, layout=shared("layout")), *classes)


def close_all(widgets: list[w.Widget]) -> None:
    """Close widgets (never the shared layouts and styles, which other controls still use)."""
    for widget in widgets:
        widget.close()
