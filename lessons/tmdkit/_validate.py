"""Run every rule the content in data/ follows: `make check` and the lessons both go through here.

A rule (tmdkit._rules, one per file or group of files) reads the file with its schema, then checks
what a schema cannot: unique ids, ids that point at other files, real dates, the essay's sections
and sentence count, translation staleness.
`check_all` runs every rule and collects the errors; a lesson asks `validated(name)` for what it
shows, so the message a lesson meets is the one `make check` prints.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, relative
from ._rules import FILES, rule
from ._rules_across import quiz_stems


class Run:
    """One validation of a data folder: each rule runs at most once and its result is kept."""

    def __init__(self, root: Path = DATA, *, keep_errors: bool = True) -> None:
        self.root = root
        self.keep_errors = keep_errors  # False in a lesson: a fixed file is read again on re-run
        self.problems: list[DataError] = []  # independent problems a rule found besides its result
        self._done: dict[str, tuple[Any, DataError | None]] = {}

    def get(self, name: str) -> Any:
        """Return the checked content named (a file under data/ without .yaml), or raise."""
        if name not in self._done:
            try:
                self._done[name] = (rule(name)(self), None)
            except DataError as exc:
                if not self.keep_errors:
                    raise
                self._done[name] = (None, exc)
        value, error = self._done[name]
        if error is not None:
            raise error
        return value

    def file(self, name: str) -> str:
        """Return data/<name>.yaml as a teacher sees it."""
        return relative(self.root / f"{name}.yaml", self.root)

    def sentences(self) -> int:
        """Return how many sentences the essay has."""
        return len(self.get("essay").sentences)


def names(root: Path = DATA) -> list[str]:
    """Return every rule's name, in the order `make check` reports them."""
    from ._translate import TARGETS

    out = [*FILES, *(f"quizzes/{stem}" for stem in quiz_stems(root)), "quizzes"]
    # The catalogs are checked against the Kazakh notebooks beside data/, where there are some.
    if (root.parent / "lessons").is_dir():
        out += [f"translations/{lang}" for lang in TARGETS]
    return out


def label(name: str) -> str:
    """Return the file (or files) a rule reads, as a teacher sees it."""
    group, _, part = name.partition("/")
    if group == "translations":
        return f"data/translations/{part}.yaml"
    if name == "quizzes":
        return "data/quizzes/"
    return "data/essay/essay.yaml" if name == "essay" else f"data/{name}.yaml"


def report(root: Path = DATA) -> list[tuple[str, list[DataError], bool]]:
    """Return (rule name, its errors not reported before, blocked) for every rule, in order.

    blocked: the rule could not run because a file it needs has an error reported above.
    """
    run, seen, out = Run(root), set(), []
    for name in names(root):
        errors: list[DataError] = []
        try:
            run.get(name)
        except DataError as exc:
            errors.append(exc)
        except Exception as exc:  # a rule's own bug still names the file, never a traceback
            what = f"content the checker can read (it failed: {type(exc).__name__}: {exc})"
            errors.append(DataError(label(name), "(file)", "(file)", what))
        errors, run.problems = errors + run.problems, []
        fresh = [e for e in errors if str(e) not in seen]
        seen.update(str(e) for e in errors)
        out.append((name, fresh, bool(errors) and not fresh))
    return out


def check_all(root: Path = DATA) -> list[DataError]:
    """Return every error in the data folder, each naming file, entry and field (none: all good)."""
    return [e for _, errors, _ in report(root) for e in errors]


@cache
def _lesson_run(root: Path) -> Run:
    return Run(root, keep_errors=False)


def validated(name: str, root: Path = DATA) -> Any:
    """Return what a lesson shows from data/<name>.yaml, checked by the rules `make check` runs."""
    return _lesson_run(root).get(name)
