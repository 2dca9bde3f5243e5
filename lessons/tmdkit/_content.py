"""Everything a lesson reads from data/, loaded and validated once per kernel."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, text
from ._essay import Essay, Section
from ._validate import validated

__all__ = ["text"]


def essay(root: Path = DATA) -> Essay:
    """Return the essay."""
    return validated("essay", root)


@cache
def lessons(root: Path = DATA) -> dict[str, Mapping[str, Any]]:
    """Return the course's lessons by stem, in order."""
    return validated("lessons", root)


def lesson_info(stem: str, root: Path = DATA) -> Mapping[str, Any]:
    """Return one lesson's entry of data/lessons.yaml."""
    try:
        return lessons(root)[stem]
    except KeyError:
        raise KeyError(f"data/lessons.yaml has no lesson {stem!r}") from None


def essay_section(stem: str, root: Path = DATA) -> Section | None:
    """Return the essay section a lesson presents (data/lessons.yaml `section`), or None."""
    wanted = lesson_info(stem, root)["section"]
    return next((s for s in essay(root).sections if s.id == wanted), None)


def lesson_kind(stem: str, root: Path = DATA) -> str:
    """Return a lesson's kind: intro, section, since or review (data/lessons.yaml `kind`)."""
    return lesson_info(stem, root)["kind"]


@cache
def glossary(root: Path = DATA) -> tuple[Mapping[str, Any], ...]:
    """Return the glossary terms."""
    return tuple(validated("glossary", root)["terms"])


def terms_in(numbers: Iterable[int], root: Path = DATA) -> list[Mapping[str, Any]]:
    """Return the glossary terms that occur in these essay sentences."""
    words = " ".join(essay(root).sentence(n).displayed for n in numbers).casefold()
    return [term for term in glossary(root) if any(f.casefold() in words for f in term["forms"])]


@cache
def checks(root: Path = DATA) -> tuple[Mapping[str, Any], ...]:
    """Return every context and fact-check box."""
    return tuple(validated("factchecks", root)["checks"])


def checks_for(numbers: Iterable[int] | None, root: Path = DATA) -> list[Mapping[str, Any]]:
    """Return the boxes whose first sentence lies in numbers (all boxes for None)."""
    if numbers is None:
        return list(checks(root))
    wanted = set(numbers)
    return [c for c in checks(root) if c["sentences"] and c["sentences"][0] in wanted]


@cache
def keypoints(root: Path = DATA) -> tuple[Mapping[str, Any], ...]:
    """Return what a strong answer to question 68 covers."""
    return tuple(validated("keypoints", root)["points"])


@cache
def known_errors(root: Path = DATA) -> tuple[Mapping[str, Any], ...]:
    """Return the essay's known errors the coverage checker looks for in a student's answer."""
    return tuple(validated("keypoints", root).get("errors", ()))


@cache
def timeline_data(root: Path = DATA) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """Return (events, lanes, eras), read once from data/events.yaml."""
    return validated("events", root)


@cache
def members(root: Path = DATA) -> dict:
    """Return the membership data, its dates, statuses and map outlines checked."""
    return validated("members", root)


def events(root: Path = DATA) -> tuple[Any, ...]:
    """Return the timeline events."""
    return timeline_data(root)[0]


def sentence_numbers(stem: str, root: Path = DATA) -> range:
    """Return the essay sentences a lesson presents: its section's, or the whole essay."""
    section = essay_section(stem, root)
    return section.numbers if section else range(1, len(essay(root).sentences) + 1)


def focus_for(stem: str, root: Path = DATA) -> tuple[str, str, frozenset[str]] | None:
    """Return (start, end, highlighted event ids) for a lesson's part of the chronology."""
    if essay_section(stem, root) is not None:
        wanted = set(sentence_numbers(stem, root))
        chosen = [e for e in events(root) if wanted & set(e.essay)]
    elif lesson_kind(stem, root) == "since":
        chosen = [e for e in events(root) if e.since_essay]
    else:
        return None
    if not chosen:
        return None
    start = min(e.start for e in chosen)
    end = max((e.end or e.start) for e in chosen)
    return start, end, frozenset(e.id for e in chosen)


@cache
def _quiz(stem: str, root: Path = DATA) -> Mapping[str, Any]:
    return validated(f"quizzes/{stem}", root)


def quiz_items(stem: str, ids: Sequence[str] = (), root: Path = DATA) -> list[Mapping[str, Any]]:
    """Return a lesson's items in data order, or the named ones in the order named."""
    items = _quiz(stem, root)["items"]
    if not ids:
        return list(items)
    by_id = {item["id"]: item for item in items}
    missing = [i for i in ids if i not in by_id]
    if missing:
        # A notebook names an item the quiz file does not have (renamed or removed): a box, and
        # the same message make check would give, not a KeyError traceback in the cell.
        raise DataError(
            f"data/quizzes/{stem}.yaml", missing[0], "id", "an item id the notebook's quiz() names"
        )
    return [by_id[i] for i in ids]


def bank_version(stem: str, root: Path = DATA) -> str:
    """Return a short hash of the lesson's validated item bank, so a report sees when items changed."""
    payload = json.dumps(_quiz(stem, root), ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:12]


def shown_path(path: Path) -> str:
    """Return a results path relative to the repository, as a student finds it in the file browser."""
    try:
        return str(path.resolve().relative_to(DATA.parent.resolve()))
    except ValueError:
        return str(path)
