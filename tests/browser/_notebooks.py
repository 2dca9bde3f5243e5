"""What a lesson promises, read from its source: figures, quiz items, the lessons under test."""

from __future__ import annotations

import ast
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ._server import root

_MAGIC = re.compile(r"^\s*[%!].*$", re.MULTILINE)


def _calls(source: str) -> list[ast.Call]:
    try:
        tree = ast.parse(_MAGIC.sub("", source))
    except SyntaxError:
        return []
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _method(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def code_sources(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
    ]


def expected_figures(notebook: Path) -> int:
    """Count the code cells that call .timeline( or .map( (each shows one figure)."""
    return sum(
        any(_method(call) in {"timeline", "map"} for call in _calls(source))
        for source in code_sources(notebook)
    )


def quiz_calls(notebook: Path) -> list[ast.Call]:
    return [
        call
        for source in code_sources(notebook)
        for call in _calls(source)
        if _method(call) == "quiz"
    ]


def _literal_ids(call: ast.Call) -> list[str] | None:
    """Return the item ids a .quiz(...) call names literally, or None if it says more."""
    if call.keywords:
        return None
    ids: list[str] = []
    for arg in call.args:
        elts = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
        for elt in elts:
            if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)):
                return None
            ids.append(elt.value)
    return ids


def expected_items(notebook: Path, quiz_items: list[dict]) -> tuple[int, bool]:
    """Return (count, exact): .quiz() shows every top-level item, .quiz('id', ...) those ids;
    any other call only promises at least one item."""
    total, exact = 0, True
    for call in quiz_calls(notebook):
        ids = _literal_ids(call)
        if ids is None:
            total, exact = total + 1, False
        else:
            total += len(ids) if ids else len(quiz_items)
    return total, exact


@dataclass(frozen=True)
class Lesson:
    """One lesson notebook: its path under the served root and its quiz data."""

    base: Path
    path: str  # posix path under the root, e.g. lessons/02-toragalyk.ipynb
    stem: str  # 02-toragalyk (also the quiz file's stem)
    name: str  # 02-toragalyk, or ru-02-toragalyk for lessons/ru/

    @property
    def notebook(self) -> Path:
        return self.base / self.path

    def quiz_items(self) -> list[dict]:
        quiz = self.base / "data" / "quizzes" / f"{self.stem}.yaml"
        if not quiz.exists():
            return []
        data = yaml.safe_load(quiz.read_text(encoding="utf-8")) or {}
        return list(data.get("items") or [])

    def shown_items(self) -> list[dict]:
        """Return the top-level quiz items the notebook shows (all of them for .quiz())."""
        items = self.quiz_items()
        wanted: list[str] = []
        for call in quiz_calls(self.notebook):
            ids = _literal_ids(call)
            if ids == []:
                return items
            wanted += ids or []
        return [item for item in items if item.get("id") in wanted]


# The generated ru/en sets differ from the Kazakh ones only in their Markdown and first cell, so two
# lessons of each (together: an essay section, the maps and the review) keep the suite short;
# TMD_E2E_ALL_LANGS=1 runs all of them.
TRANSLATED_SAMPLE = {
    "ru": {"02-toragalyk", "07-kaitalau"},
    "en": {"05-almaty-1991", "06-esseden-keiin"},
}


def lessons(base: Path | None = None) -> list[Lesson]:
    """Return the Kazakh lesson notebooks, then a sample (or all) of lessons/ru and lessons/en."""
    base = base or root()
    every = os.environ.get("TMD_E2E_ALL_LANGS") == "1"
    found = []
    for sub, prefix in (("lessons", ""), ("lessons/ru", "ru-"), ("lessons/en", "en-")):
        for nb in sorted((base / sub).glob("*.ipynb")):
            lang = prefix.rstrip("-")
            if lang and not every and nb.stem not in TRANSLATED_SAMPLE[lang]:
                continue
            path = f"{sub}/{nb.name}"
            found.append(Lesson(base, path, nb.stem, prefix + nb.stem))
    return found


def ui_message(ui: object, verdict: str, lang: str = "kk") -> str | None:
    """Find the message data/ui.yaml gives for a verdict ("right"/"wrong"), preferring keys
    under feedback/verdict; None when the file names no such message."""
    strings = ui.get("strings") if isinstance(ui, dict) else None
    if isinstance(strings, dict) and isinstance(strings.get(verdict), dict):
        return strings[verdict].get(lang)  # the lead's layout: strings.right.kk
    keys = {"right": {"right", "correct"}, "wrong": {"wrong", "incorrect"}}[verdict]
    found: list[tuple[int, int, str]] = []

    def walk(node: object, path: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            if path and path[-1] in keys and isinstance(node.get(lang), str):
                near = any(p in {"feedback", "verdict", "verdicts", "check"} for p in path)
                found.append((0 if near else 1, len(path), node[lang]))
            for key, value in node.items():
                walk(value, (*path, str(key)))

    walk(ui, ())
    return min(found)[2] if found else None


def fragments(message: str) -> list[str]:
    """Split a message at its {placeholders}; the literal pieces must appear on screen."""
    return [part.strip() for part in re.split(r"\{[^}]*\}", message) if len(part.strip()) >= 3]
