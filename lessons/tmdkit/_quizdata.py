"""Load the lessons' self-check items and check what a schema cannot: answers, ids, references."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, load, relative
from ._normalize import input_problem

Item = Mapping[str, Any]


def _fail(file: str, item: Item, field: str, expected: str) -> DataError:
    return DataError(file, str(item.get("id", "(item)")), field, expected)


def _ids(rows: list[Item], file: str, item: Item, field: str) -> list[str]:
    ids = [row["id"] for row in rows]
    for i in ids:
        if ids.count(i) > 1:
            raise _fail(file, item, field, f"unique ids ({i!r} is used twice)")
    return ids


def _count(file: str, item: Item, field: str, n: int, lo: int, hi: int) -> None:
    if not lo <= n <= hi:
        wanted = f"exactly {lo}" if lo == hi else f"{lo} to {hi}"
        raise _fail(file, item, field, f"{wanted} entries, got {n}")


def _single(file: str, item: Item) -> None:
    ids = _ids(item["options"], file, item, "options")
    _count(file, item, "options", len(ids), 4, 4)
    if item["answer"] not in ids:
        raise _fail(file, item, "answer", f"one of the option ids {ids}, got {item['answer']!r}")


def _multiple(file: str, item: Item) -> None:
    ids = _ids(item["options"], file, item, "options")
    _count(file, item, "options", len(ids), 6, 6)
    _count(file, item, "answer", len(item["answer"]), 1, 3)
    for answer in item["answer"]:
        if answer not in ids:
            raise _fail(file, item, "answer", f"option ids among {ids}, got {answer!r}")


def _order(file: str, item: Item) -> None:
    ids = _ids(item["options"], file, item, "options")
    if sorted(item["answer"]) != sorted(ids):
        raise _fail(file, item, "answer", f"every option id exactly once, in order; options {ids}")


def _match(file: str, item: Item) -> None:
    left = _ids(item["left"], file, item, "left")
    ids = _ids(item["options"], file, item, "options")
    if len(ids) < len(left):
        raise _fail(file, item, "options", f"at least as many options as left rows ({len(left)})")
    answer = item["answer"]
    if set(answer) != set(left):
        raise _fail(
            file, item, "answer", f"one entry for each left id {left}, got {sorted(answer)}"
        )
    for row, option in answer.items():
        if option not in ids:
            raise _fail(file, item, f"answer.{row}", f"one of the option ids {ids}, got {option!r}")


def _text(file: str, item: Item) -> None:
    for lang, form in item["answer"].items():
        problem = input_problem(form, "text")
        if problem:  # a form the checker would refuse from a student could never be matched
            raise _fail(file, item, f"answer.{lang}", f"an answer a student can type ({problem})")


def _context(file: str, item: Item) -> None:
    if "passage" not in item and "passage_text" not in item:
        raise _fail(file, item, "passage", "a passage (essay sentence numbers) or a passage_text")


_RULES: dict[str, Callable[[str, Item], None]] = {
    "single": _single,
    "multiple": _multiple,
    "order": _order,
    "match": _match,
    "text": _text,
    "context": _context,
}


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
    rule = _RULES.get(item["type"])
    if rule:
        rule(file, item)


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
