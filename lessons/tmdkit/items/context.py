"""A ҰБТ context item: a passage (essay sentences or its own text) and items about it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._data import text
from .._html import esc
from ._common import Item, Verdict, fail, key_note, printed

NAME = "context"


def check(item: Item, response: Any) -> Verdict:
    """Never called: each nested item is checked on its own."""
    raise TypeError(f"item {item['id']}: a context item is checked through its nested items")


def make_input(item: Item, shuffled: Callable[[list], list], lang: str) -> Any:
    """Never called: the nested items bring their own inputs (see _views.ContextView)."""
    raise TypeError(f"item {item['id']}: a context item is answered through its nested items")


def _kind(item: Item) -> Any:
    from . import kind_of  # the registry imports this module, so look it up when called

    return kind_of(item)


def passage_html(item: Item, lang: str) -> str:
    """Return the passage: the essay's sentences (with translation) or the item's own text."""
    if "passage" not in item:
        return esc(text(item["passage_text"], lang))
    from .. import _content as content
    from .._blocks import passage_html as essay_passage

    return essay_passage(content.essay(), item["passage"], lang)


def answer_text(item: Item, lang: str) -> str:
    """Return the nested items' answers, one after another."""
    return " | ".join(_kind(sub).answer_text(sub, lang) for sub in item["items"])


def question_html(item: Item, number: str, lang: str) -> str:
    """Return the printed passage and the nested questions numbered 1.1, 1.2, …"""
    subs = "".join(
        _kind(sub).question_html(sub, f"{number}.{i + 1}", lang)
        for i, sub in enumerate(item["items"])
    )
    return printed(item, number, lang, f"<blockquote>{passage_html(item, lang)}</blockquote>{subs}")


def key_html(item: Item, number: str, lang: str) -> str:
    """Return the passage's teacher note (if any) as a numbered head, then the nested key lines."""
    note = key_note(item, lang)
    head = f'<li class="tmd-key-group"><b>{esc(number)}.</b>{note}</li>' if note else ""
    return head + "".join(
        _kind(sub).key_html(sub, f"{number}.{i + 1}", lang) for i, sub in enumerate(item["items"])
    )


def rules(file: str, item: Item) -> None:
    """A passage is given, by essay sentence numbers or as text (nested items have their own)."""
    if "passage" not in item and "passage_text" not in item:
        raise fail(file, item, "passage", "a passage (essay sentence numbers) or a passage_text")
    if "passage" in item and "passage_text" in item:  # the lesson would show one, silently
        raise fail(file, item, "passage_text", "either a passage or a passage_text, not both")
