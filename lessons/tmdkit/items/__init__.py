"""The item-type registry: one module per type, each holding every part the type needs.

A part is a module-level function: `check` (pure: item, response → Verdict), `make_input`
(the answer control), `answer_text`, `question_html` and `key_html` (the printable page and
its key) and `rules` (what the quiz schema cannot say). Adding a type means one module here,
its branch in data/schemas/quiz.schema.json and its strings in data/ui.yaml.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import context, match, multiple, order, single, text, year

PARTS = ("check", "make_input", "answer_text", "question_html", "key_html", "rules")
TYPES: dict[str, ModuleType] = {
    m.NAME: m for m in (single, multiple, text, year, order, match, context)
}


def kind_of(item: Any) -> ModuleType:
    """Return the module of an item's type; ValueError names the item for an unknown type."""
    try:
        return TYPES[item["type"]]
    except KeyError:
        raise ValueError(f"item {item.get('id')}: unknown type {item.get('type')!r}") from None
