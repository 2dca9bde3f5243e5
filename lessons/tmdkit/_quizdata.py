"""Load the lessons' self-check items and check what a schema cannot: answers, ids, references."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, relative
from ._load import load
from .items import kind_of
from .items._common import fail as _fail

Item = Mapping[str, Any]


def _walk(items: list[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        if item["type"] == "context":
            yield from item["items"]


def iter_items(quiz: Mapping[str, Any]) -> Iterator[Item]:
    """Yield every question of the quiz: context items are replaced by their nested items."""
    for item in quiz["items"]:
        if item["type"] == "context":
            yield from item["items"]
        else:
            yield item


def _check_item(
    file: str,
    stem: str,
    item: Item,
    event_ids: Collection[str] | None,
    essay_optional: bool,
    sentences: int | None,
) -> None:
    if not item["id"].startswith(stem[:3]):
        raise _fail(file, item, "id", f"an id starting with the lesson number {stem[:3]!r}")
    if not item.get("essay") and item["type"] != "context" and not essay_optional:
        raise _fail(file, item, "essay", "the essay sentence numbers the item rests on")
    for field in ("essay", "passage"):
        for n in item.get(field, ()) if sentences is not None else ():
            if not 1 <= n <= sentences:
                raise _fail(file, item, field, f"essay sentence numbers 1..{sentences}, got {n}")
    for event in item.get("events", ()):
        if event_ids is not None and event not in event_ids:
            raise _fail(
                file, item, "events", f"event ids from data/events.yaml ({event!r} is not one)"
            )
    kind_of(item).rules(file, item)  # each type's own rules live with its checker


def load_quiz(
    stem: str,
    root: Path = DATA,
    event_ids: Collection[str] | None = None,
    *,
    essay_optional: bool = False,
    sentences: int | None = None,
) -> dict[str, Any]:
    """Return data/quizzes/<stem>.yaml validated; raise DataError naming file, item and field.

    essay_optional: the lesson's items may ask about what the essay never says (the intro and the
    since-the-essay lessons); sentences: how many sentences the essay has, to check numbers against.
    """
    quiz = load(f"quizzes/{stem}", root, schema="quiz")
    file = relative(root / "quizzes" / f"{stem}.yaml", root)
    if quiz["lesson"] != stem:
        raise DataError(file, "(top)", "lesson", f"the file stem {stem!r}, got {quiz['lesson']!r}")
    seen: set[str] = set()
    for item in _walk(quiz["items"]):
        if item["id"] in seen:
            raise _fail(file, item, "id", "a unique id (this one is used twice)")
        seen.add(item["id"])
        _check_item(file, stem, item, event_ids, essay_optional, sentences)
    return quiz


def check_ids_across(quizzes: Mapping[str, Mapping[str, Any]], root: Path = DATA) -> None:
    """Raise DataError if two quiz files use the same item id."""
    owner: dict[str, str] = {}
    for stem, quiz in quizzes.items():
        file = relative(root / "quizzes" / f"{stem}.yaml", root)
        for item in _walk(quiz["items"]):
            if item["id"] in owner:
                raise _fail(file, item, "id", f"a unique id (also used in {owner[item['id']]})")
            owner[item["id"]] = file


def load_all(root: Path = DATA) -> dict[str, dict]:
    """Return every quiz, stem → quiz, checked by every rule `make check` runs on quizzes."""
    from ._validate import Run

    return Run(root).get("quizzes")
