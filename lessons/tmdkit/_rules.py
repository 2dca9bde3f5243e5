"""Which rule checks which content file: the one table `make check` and the lessons go through."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import _rules_across as across
from . import _rules_single as single

if TYPE_CHECKING:
    from ._validate import Run

FILES = ("ui", "glossary", "essay", "events", "members", "lessons", "factchecks", "keypoints")


def _translations(run: Run, lang: str) -> Any:
    from . import _translate

    lessons = run.root.parent / "lessons"
    found = _translate.issues(lang, run.root, lessons)
    # A catalog with gaps cannot build the notebooks; those errors already say what to do.
    run.problems += found or _translate.outdated_issues(lang, run.root, lessons)


RULES: dict[str, Callable[[Run], Any]] = {
    "ui": single.ui,
    "glossary": single.glossary,
    "essay": single.essay,
    "events": across.events,
    "members": single.members,
    "lessons": across.lessons,
    "factchecks": across.factchecks,
    "keypoints": across.keypoints,
    "quizzes": across.quizzes,
}


def rule(name: str) -> Callable[[Run], Any]:
    """Return the rule of one name: a file under data/ without .yaml, or a group of files."""
    group, _, part = name.partition("/")
    if group == "quizzes" and part:
        return lambda run: across.quiz(run, part)
    if group == "translations" and part:
        return lambda run: _translations(run, part)
    return RULES[name]
