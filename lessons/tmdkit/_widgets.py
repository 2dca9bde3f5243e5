"""Widgets built light: every control of a kind shares one Layout and one Style model.

An ipywidgets control costs three models (itself, its Layout, its Style); sharing the last two
makes it one. Shared layouts and styles are never changed after creation: to hide or place a
control, give it a CSS class (see _css.CSS). The items use it; any block can.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ipywidgets as w


def _ipywidgets() -> ModuleType:
    # Imported on first use: checking, printing and `make check` need no widgets.
    import ipywidgets

    return ipywidgets


_SHARED: dict[str, w.Widget] = {}
_MAKERS: dict[str, Callable[[ModuleType], w.Widget]] = {
    "layout": lambda w: w.Layout(),
    "wide": lambda w: w.Layout(width="auto", max_width="100%"),
    "text_box": lambda w: w.Layout(width="30em", max_width="100%"),
    "description": lambda w: w.widgets.widget_description.DescriptionStyle(
        description_width="initial"
    ),
    "text": lambda w: w.widgets.widget_string.TextStyle(description_width="initial"),
    "checkbox": lambda w: w.widgets.widget_bool.CheckboxStyle(description_width="initial"),
    "button": lambda w: w.ButtonStyle(),
    "html": lambda w: w.widgets.widget_string.HTMLStyle(),
    "toggle_buttons": lambda w: w.widgets.widget_selection.ToggleButtonsStyle(),
    "toggle_button": lambda w: w.widgets.widget_bool.ToggleButtonStyle(),
}


def shared(name: str) -> Any:
    """Return the one Layout or Style model of this name (made again if someone closed it)."""
    model = _SHARED.get(name)
    if model is None or model.comm is None:
        model = _SHARED[name] = _MAKERS[name](_ipywidgets())
    return model


# The shared style each kind of control takes unless told otherwise; boxes and outputs have none.
STYLES = {
    "HTML": "html",
    "Button": "button",
    "Text": "text",
    "Textarea": "text",
    "ToggleButtons": "toggle_buttons",
    "ToggleButton": "toggle_button",
}


def control(
    kind: str | type, *classes: str, layout: str = "layout", style: str | None = None, **traits: Any
) -> Any:
    """Return a new control (an ipywidgets class, or its name) with the shared layout and style.

    Everything it shows goes into the constructor: the front end gets one message that opens
    the widget with its state, not an open followed by an update per trait set afterwards."""
    cls = kind if isinstance(kind, type) else getattr(_ipywidgets(), kind)
    style = style or STYLES.get(cls.__name__)
    if style:
        traits["style"] = shared(style)
    if classes:
        traits["_dom_classes"] = classes
    return cls(layout=shared(layout), **traits)


def set_traits(owner: Any, traits_by_widget: dict[str, dict[str, Any]]) -> None:
    """Give each of owner's widgets (named by its attribute) these trait values; a value a widget
    already has sends nothing to the browser."""
    for attribute, traits in traits_by_widget.items():
        widget = getattr(owner, attribute)
        for name, value in traits.items():
            setattr(widget, name, value)


def html(*classes: str, **traits: Any) -> w.HTML:
    """Return an HTML widget (empty unless given a value)."""
    return control("HTML", *classes, **traits)


def button(css: str, on_click: Callable[[Any], None], **traits: Any) -> w.Button:
    """Return a button calling on_click."""
    made = control("Button", css, **traits)
    made.on_click(on_click)
    return made


def box(children: list[w.Widget], *classes: str) -> w.Box:
    """Return a plain flex box (CSS in _blocks places its children; no nested boxes needed)."""
    return control("Box", *classes, children=children)


def close_all(widgets: list[w.Widget]) -> None:
    """Close widgets (never the shared layouts and styles, which other controls still use)."""
    for widget in widgets:
        widget.close()
