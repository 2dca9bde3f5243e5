"""Read one results file: return what it holds, or say why it cannot count and in which field."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import _content as content
from .._data import LANGS
from .._html import shown_text
from .._normalize import fold

MAX_BYTES = 1_000_000  # a lesson's file is a few kilobytes; anything this big is not one of ours
STATUSES = frozenset({"unanswered", "right", "partial", "wrong", "revealed"})
# What format 2 added; a format-1 file loads without them and the report says so.
FORMAT2_FIELDS = ("bank_version", "type", "responses", "first_try", "hints", "revealed")


@dataclass(frozen=True)
class Answer:
    """One item of one submission; None where an old file does not say."""

    id: str
    status: str
    score: float
    tries: int
    type: str | None = None
    responses: tuple[Any, ...] | None = None
    first_try: str | None = None
    hints: int | None = None
    revealed: bool | None = None


@dataclass(frozen=True)
class Submission:
    """One valid results file."""

    path: Path
    lesson: str
    name: str  # as typed
    student: str  # the name folded, so "Айгүл " and "айгүл" are one student
    time: datetime
    lang: str
    format: int
    points: float
    items: int
    answers: tuple[Answer, ...]
    bank_version: str | None = None
    coverage: dict[str, Any] | None = None


class Skip(ValueError):
    """Why a file cannot count: a ui.yaml key (report_skip_*) and the detail to show with it."""

    def __init__(self, key: str, detail: str = "") -> None:
        self.key, self.detail = key, detail
        super().__init__(f"{key}: {detail}")


def _number(value: Any, where: str, lo: float, hi: float) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or not lo <= value <= hi:
        raise Skip("report_skip_tampered", where)
    return float(value)


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Skip("report_skip_tampered", where)
    return value


def _one_of(value: Any, allowed: Any) -> bool:
    # A list or a mapping where a string belongs cannot even be looked up in a set.
    return isinstance(value, str) and value in allowed


def _answer(raw: Any, n: int, old: bool) -> Answer:
    where = f"answers[{n}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise Skip("report_skip_tampered", f"{where}.id")
    if not _one_of(raw.get("status"), STATUSES):
        raise Skip("report_skip_tampered", f"{where}.status")
    score = _number(raw.get("score"), f"{where}.score", 0, 1)
    if raw["status"] == "right" and score != 1:
        raise Skip("report_skip_tampered", f"{where}.score")
    if old:
        return Answer(
            raw["id"], raw["status"], score, _count(raw.get("tries", 0), f"{where}.tries")
        )
    responses = raw.get("responses")
    first = raw.get("first_try")
    if not isinstance(responses, list):
        raise Skip("report_skip_tampered", f"{where}.responses")
    if not (first is None or _one_of(first, STATUSES)):
        raise Skip("report_skip_tampered", f"{where}.first_try")
    if not isinstance(raw.get("revealed"), bool):
        raise Skip("report_skip_tampered", f"{where}.revealed")
    if not isinstance(raw.get("type"), str):
        raise Skip("report_skip_tampered", f"{where}.type")
    return Answer(
        raw["id"],
        raw["status"],
        score,
        _count(raw.get("tries"), f"{where}.tries"),
        raw["type"],
        tuple(responses),
        raw["first_try"],
        _count(raw.get("hints"), f"{where}.hints"),
        raw["revealed"],
    )


def _time(value: Any) -> datetime:
    try:
        stamp = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise Skip("report_skip_tampered", "time") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def parse(path: Path, raw: bytes) -> Submission:
    """Return the submission a file holds, or raise Skip saying why it cannot count."""
    if len(raw) > MAX_BYTES:
        raise Skip("report_skip_too_big", f"{len(raw) // 1024} KB")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Skip("report_skip_broken", "UTF-8") from None
    except json.JSONDecodeError as exc:
        raise Skip("report_skip_broken", f"{exc.msg}, line {exc.lineno}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, lists nested 100,000 deep
        raise Skip("report_skip_broken", type(exc).__name__) from None
    if not isinstance(data, dict) or not {"lesson", "name", "answers"} <= data.keys():
        raise Skip("report_skip_foreign")
    fmt = data.get("format", 1)
    if fmt not in (1, 2):
        raise Skip("report_skip_format", str(fmt))
    if not _one_of(data["lesson"], content.lessons()):
        raise Skip("report_skip_lesson", str(data["lesson"])[:80])
    name = data["name"]
    if not isinstance(name, str) or not fold(name) or len(name) > 200:
        raise Skip("report_skip_tampered", "name")
    if not isinstance(data["answers"], list):
        raise Skip("report_skip_tampered", "answers")
    answers = tuple(_answer(a, n, fmt == 1) for n, a in enumerate(data["answers"]))
    ids = [a.id for a in answers]
    if len(set(ids)) != len(ids):  # an item twice would count twice in every table
        twice = next(n for n, i in enumerate(ids) if i in ids[:n])
        raise Skip("report_skip_tampered", f"answers[{twice}].id")
    points = _number(data.get("points"), "points", 0, len(answers))
    if data.get("items") != len(answers) or abs(points - sum(a.score for a in answers)) > 0.011:
        raise Skip("report_skip_tampered", "points")
    coverage = data.get("coverage")
    if coverage is not None and not isinstance(coverage, dict):
        raise Skip("report_skip_tampered", "coverage")
    lang = data.get("lang", "kk")
    return Submission(
        path=path,
        lesson=data["lesson"],
        name=" ".join(shown_text(name).split()),
        student=fold(name),
        time=_time(data.get("time")),
        lang=lang if lang in LANGS else "kk",
        format=fmt,
        points=points,
        items=len(answers),
        answers=answers,
        bank_version=data.get("bank_version") if fmt == 2 else None,
        coverage=coverage,
    )
