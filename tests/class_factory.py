"""Synthetic results files, made by the lesson's own scoreboard and checker: a class whose answers
are known, for the report's tests, its sample fixture and its benchmark. No real names."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tmdkit import _content as content
from tmdkit._check import check
from tmdkit._quizdata import iter_items
from tmdkit._results import Scoreboard, record
from tmdkit._summary import score_section

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=5)))
FIRST = (
    "Айгерім",
    "Нұрлан",
    "Дана",
    "Ерлан",
    "Әлия",
    "Бекзат",
    "Жанар",
    "Тимур",
    "Мадина",
    "Қайрат",
)
LAST = ("Оқушы", "Сыныптас", "Тестов", "Үлгіұлы", "Мысалова")
WRONG_TEXT = ("Мәскеу", "мәскеу", "МӘСКЕУ қаласы", "Москва", "Астана", "Минск")


def items(lesson: str) -> dict[str, Mapping[str, Any]]:
    """Return a lesson's checkable items by id (nested context questions included)."""
    return {i["id"]: i for i in iter_items({"items": content.quiz_items(lesson)})}


def submission(
    lesson: str,
    name: str,
    answers: Mapping[str, Iterable[Any]],
    *,
    hints: Mapping[str, int] | None = None,
    reveal: Iterable[str] = (),
    time: datetime = T0,
    lang: str = "kk",
    coverage: Mapping[str, Any] | None = None,
) -> dict:
    """Return the results file a student writes after giving these answers, in order, per item."""
    board, section = Scoreboard(), content.essay_section(lesson)
    bank = items(lesson)
    for item in bank.values():
        board.register(item["id"], score_section(item, section), item["type"])
    for item_id, responses in answers.items():
        for response in responses:
            verdict = check(bank[item_id], response)
            counts = verdict.status != "invalid"
            board.record(item_id, verdict.status, verdict.score, counts=counts, response=response)
    for item_id, n in (hints or {}).items():
        for _ in range(n):
            board.hint(item_id)
    for item_id in reveal:
        board.reveal(item_id)
    board.coverage = dict(coverage) if coverage is not None else None
    return record(lesson, name, lang, board, time, content.bank_version(lesson))


def right(item: Mapping[str, Any]) -> Any:
    """Return a right response to item."""
    answer = item["answer"]
    return (
        answer["kk"]
        if item["type"] == "text"
        else str(answer)
        if item["type"] == "year"
        else answer
    )


def wrong(item: Mapping[str, Any], rng: random.Random) -> Any:
    """Return a plausible wrong response to item."""
    kind, answer = item["type"], item["answer"]
    ids = [o["id"] for o in item.get("options", ())]
    if kind == "single":
        return rng.choice([i for i in ids if i != answer])
    if kind == "multiple":
        return [*answer[:-1], rng.choice([i for i in ids if i not in answer])]
    if kind == "order":
        return [answer[1], answer[0], *answer[2:]]
    if kind == "match":
        rows = list(answer)
        return {**answer, rows[0]: answer[rows[1]], rows[1]: answer[rows[0]]}
    if kind == "year":
        return str(answer + rng.choice((-5, -3, 3, 10)))
    return rng.choice(WRONG_TEXT)


def random_file(lesson: str, name: str, rng: random.Random, skill: float, when: datetime) -> dict:
    """Return one student's file for a lesson: each item right first with probability skill."""
    answers: dict[str, list[Any]] = {}
    hints: dict[str, int] = {}
    for item_id, item in items(lesson).items():
        if rng.random() < skill:
            answers[item_id] = [right(item)]
        else:
            hints[item_id] = rng.randint(0, 2)
            answers[item_id] = [wrong(item, rng)] + ([right(item)] if rng.random() < 0.5 else [])
    return submission(
        lesson, name, answers, hints=hints, time=when, lang=rng.choice(("kk", "ru", "en"))
    )


def write_class(folder: Path, files: int, seed: int = 68) -> list[Path]:
    """Write `files` results files of a generated class into folder; return their paths."""
    rng = random.Random(seed)  # noqa: S311 (made-up answers, not secrets)
    lessons = list(content.lessons())
    folder.mkdir(parents=True, exist_ok=True)
    students = max(1, files // len(lessons))
    paths = []
    for n in range(files):
        k = n % students  # the same k in every lesson is the same student
        name = f"{FIRST[k % len(FIRST)]} {LAST[k // len(FIRST) % len(LAST)]} {k}"
        lesson = lessons[(n // students) % len(lessons)]
        data = random_file(lesson, name, rng, rng.uniform(0.3, 0.95), T0 + timedelta(minutes=n))
        path = folder / f"{lesson}-{n:05d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        paths.append(path)
    return paths


HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_ANSWER = "<script>alert('Сочи')</script>"


def sample_files() -> dict[str, Any]:
    """Return the committed sample class (tests/fixtures/class-sample): file name -> content.

    Six made-up students in three languages, and the files a real folder also holds: a broken
    file, a foreign JSON, an edited (impossible) file, an earlier copy, an old format-1 file."""
    rng = random.Random(15)  # noqa: S311 (made-up answers, not secrets)
    names = ("Айгерім Үлгіқызы", "Нұрлан Мысалов", "Дана Тестова", "Ерлан Сыныптас", HOSTILE_NAME)
    out: dict[str, Any] = {}
    for n, name in enumerate(names):
        for k, lesson in enumerate(("02-toragalyk", "05-almaty-1991")):
            when = T0 + timedelta(days=k, minutes=n)
            data = random_file(lesson, name, rng, 0.35 + 0.12 * n, when)
            data["lang"] = ("kk", "ru", "en")[n % 3]
            out[f"{lesson}-s{n}.json"] = data
    # The hostile student typed markup as an answer too: it must show as text, never run.
    out["02-toragalyk-s4.json"] = submission(
        "02-toragalyk",
        HOSTILE_NAME,
        {"02-handover-city": [HOSTILE_ANSWER, "Мәскеу", "Душанбе"], "02-chair-period": ["b", "a"]},
        hints={"02-handover-city": 2},
        time=T0 + timedelta(minutes=4),
    )
    # Two students sent lesson 02 twice: the later file counts (names differ in case and spaces).
    out["02-toragalyk-s1-earlier.json"] = submission(
        "02-toragalyk", "нұрлан  МЫСАЛОВ", {"02-chair-period": ["d"]}, time=T0 - timedelta(hours=1)
    )
    points = [p["id"] for p in content.keypoints()]
    for n, name in enumerate(names[:4]):
        found = points[n : n + 6 + 2 * n]
        data = random_file(
            "07-kaitalau", name, rng, 0.4 + 0.15 * n, T0 + timedelta(days=2, minutes=n)
        )
        data["coverage"] = {
            "found": found,
            "missing": [p for p in points if p not in found],
            "errors": ["chair-2008"] if n % 2 else ["chair-2008", "eurasec-members-now"],
            "chars": 600 + 150 * n,
        }
        out[f"07-kaitalau-s{n}.json"] = data
    old = submission("05-almaty-1991", "Бекзат Ескіформатов", {"05-protocol-date": ["a"]})
    for key in ("format", "bank_version"):
        old.pop(key)
    for answer in old["answers"]:
        for key in ("type", "responses", "first_try", "hints", "revealed"):
            answer.pop(key)
    out["05-almaty-1991-old-format.json"] = old
    edited = submission("02-toragalyk", "Жанар Өзгертова", {"02-chair-period": ["b"]})
    edited["answers"][0]["score"], edited["points"] = 5, 5
    out["02-toragalyk-edited.json"] = edited
    out["package.json"] = {"name": "not-a-results-file", "version": "1.0.0"}
    out["02-toragalyk-broken.json"] = '{"format": 2, "lesson": "02-toragalyk", "name": "Ти'
    return out


def write_sample(folder: Path) -> None:
    """Write the sample class into folder (run once to refresh the committed fixture)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in sample_files().items():
        body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
        (folder / name).write_text(body + ("" if isinstance(data, str) else "\n"), "utf-8")
