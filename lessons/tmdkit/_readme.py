"""The README's lesson tables, generated from data/lessons.yaml (`make readme`, `make translations`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._data import DATA

README = DATA.parent / "README.md"
# Each table sits between these two comments; everything between them is rewritten.
_BLOCK = re.compile(
    r"(<!-- lesson-table:(\w+) generated[^>]*-->\n)(.*?)(<!-- /lesson-table -->)", re.S
)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _link(entry: Mapping[str, Any], lang: str, folder: str = "") -> str:
    return f"[{_cell(entry['title'][lang])}](lessons/{folder}{entry['stem']}.ipynb)"


def table(kind: str, lessons: list[Mapping[str, Any]]) -> str:
    """Return the Markdown table of one kind: kk (Kazakh lessons) or translated (ru and en)."""
    if kind == "kk":
        rows = ["| # | lesson | time | the question it answers |", "|---|---|---|---|"]
        rows += [
            f"| {i} | {_link(e, 'kk')} | {e['minutes']} min | {_cell(e['question']['kk'])} |"
            for i, e in enumerate(lessons)
        ]
    else:
        rows = ["| # | урок (ru) | lesson (en) | time |", "|---|---|---|---|"]
        rows += [
            f"| {i} | {_link(e, 'ru', 'ru/')} | {_link(e, 'en', 'en/')} | {e['minutes']} min |"
            for i, e in enumerate(lessons)
        ]
    return "\n".join(rows) + "\n"


def render(text: str, lessons: list[Mapping[str, Any]]) -> str:
    """Return the README text with every lesson table regenerated."""
    # blank lines around the table: the comments must not read as part of it
    return _BLOCK.sub(lambda m: m[1] + "\n" + table(m[2], lessons) + "\n" + m[4], text)


def _lessons() -> list[Mapping[str, Any]]:
    from ._validate import validated

    return list(validated("lessons").values())


def write(path: Path = README) -> bool:
    """Regenerate the tables in the README; return True if it changed."""
    old = path.read_text("utf-8")
    new = render(old, _lessons())
    if new != old:
        path.write_text(new, "utf-8")
    return new != old


def outdated(path: Path = README) -> bool:
    """Return True if the README's tables differ from data/lessons.yaml."""
    text = path.read_text("utf-8")
    return render(text, _lessons()) != text
