"""The class report's tables, computed from the loaded submissions: plain data, no HTML."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import _content as content
from .._quizdata import iter_items
from .load import Loaded
from .parse import Submission
from .wrong import WrongAnswer, wrong_answers

BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))  # score bands in percent


def band_labels() -> list[str]:
    """Return the score bands as labels: 0–19 %, …, 80–100 %."""
    return [f"{lo}–{min(hi - 1, 100)} %" for lo, hi in BANDS]


@dataclass(frozen=True)
class LessonRow:
    """One lesson at a glance: how many students sent it and how they scored (in percent)."""

    lesson: str
    scores: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.scores)

    @property
    def bands(self) -> tuple[int, ...]:
        return tuple(sum(lo <= s < hi for s in self.scores) for lo, hi in BANDS)


@dataclass(frozen=True)
class ItemRow:
    """How the class did on one item; shares are None when no file can tell."""

    lesson: str
    item: str
    answered: int  # students who checked an answer at least once or were shown it
    first_known: int  # of those, students whose file records the first try (format 2)
    first_right: int
    right: int
    hinted: int  # students who opened a hint (format 2)
    hints: int  # hints opened in all
    revealed: int

    @property
    def first_share(self) -> float | None:
        return self.first_right / self.first_known if self.first_known else None

    @property
    def final_share(self) -> float | None:
        return self.right / self.answered if self.answered else None


@dataclass(frozen=True)
class StudentRow:
    """One student: the lessons sent, their scores, and the items to go back to."""

    name: str
    lessons: tuple[tuple[str, float, int], ...]  # (lesson, points, items)
    revisit: tuple[tuple[str, str, str], ...]  # (lesson, item id, status)


@dataclass(frozen=True)
class EssayRow:
    """One key point or known essay error, and how many coverage checks found it."""

    kind: str  # "point" or "error"
    id: str
    hits: int  # checks that found it (a point covered, an error repeated)
    of: int  # coverage checks in all


@dataclass(frozen=True)
class Tables:
    """Every table of the report."""

    students: int
    glance: tuple[LessonRow, ...]
    items: tuple[ItemRow, ...]  # hardest first
    wrong: tuple[WrongAnswer, ...]  # per item, most chosen first
    people: tuple[StudentRow, ...]
    essay: tuple[EssayRow, ...]
    unknown_items: tuple[tuple[str, str], ...]  # (lesson, id) answered but no longer in the bank


@cache
def bank(stem: str) -> Mapping[str, Mapping[str, Any]]:
    """Return a lesson's items by id, nested context questions included."""
    return {item["id"]: item for item in iter_items({"items": content.quiz_items(stem)})}


def _percent(sub: Submission) -> float:
    return 100 * sub.points / sub.items if sub.items else 0.0


def _glance(subs: Sequence[Submission]) -> tuple[LessonRow, ...]:
    by_lesson: dict[str, list[float]] = defaultdict(list)
    for sub in subs:
        if sub.items:
            by_lesson[sub.lesson].append(_percent(sub))
    order = list(content.lessons())
    return tuple(
        LessonRow(stem, tuple(by_lesson[stem])) for stem in sorted(by_lesson, key=order.index)
    )


def _items(subs: Sequence[Submission]) -> tuple[tuple[ItemRow, ...], tuple[tuple[str, str], ...]]:
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    unknown: set[tuple[str, str]] = set()
    for sub in subs:
        known = bank(sub.lesson)
        for a in sub.answers:
            if a.id not in known:
                unknown.add((sub.lesson, a.id))
                continue
            if not (a.tries or a.status == "revealed"):
                continue
            c = counts[(sub.lesson, a.id)]
            c["answered"] += 1
            c["right"] += a.status == "right"
            c["revealed"] += a.status == "revealed" or bool(a.revealed)  # or seen in teacher mode
            if a.hints is not None:
                c["hints"] += a.hints
                c["hinted"] += a.hints > 0
            if a.responses is not None and a.tries:
                c["first_known"] += 1
                c["first_right"] += a.first_try == "right"
    rows = [
        ItemRow(lesson, item, *(c[k] for k in _ITEM_COUNTS)) for (lesson, item), c in counts.items()
    ]
    rows.sort(key=lambda r: (r.final_share, r.first_share if r.first_share is not None else 1))
    return tuple(rows), tuple(sorted(unknown))


_ITEM_COUNTS = ("answered", "first_known", "first_right", "right", "hinted", "hints", "revealed")


def _people(subs: Sequence[Submission]) -> tuple[StudentRow, ...]:
    by_student: dict[str, list[Submission]] = defaultdict(list)
    for sub in subs:
        by_student[sub.student].append(sub)
    order = list(content.lessons())
    rows = []
    for done in by_student.values():
        done.sort(key=lambda s: order.index(s.lesson))
        name = max(done, key=lambda s: s.time).name  # the latest spelling the student typed
        revisit = tuple(
            (s.lesson, a.id, a.status) for s in done for a in s.answers if a.status != "right"
        )
        rows.append(StudentRow(name, tuple((s.lesson, s.points, s.items) for s in done), revisit))
    return tuple(sorted(rows, key=lambda r: r.name.casefold()))


def _essay(subs: Sequence[Submission]) -> tuple[EssayRow, ...]:
    checks = [s.coverage for s in subs if s.coverage]
    found, missing, errors = Counter(), Counter(), Counter()
    for record in checks:
        for counter, key in ((found, "found"), (missing, "missing"), (errors, "errors")):
            ids = record.get(key)
            counter.update({i for i in ids if isinstance(i, str)} if isinstance(ids, list) else ())
    points = sorted(found.keys() | missing.keys(), key=lambda i: (found[i], i))  # most missed first
    return tuple(EssayRow("point", i, found[i], len(checks)) for i in points) + tuple(
        EssayRow("error", i, n, len(checks)) for i, n in errors.most_common()
    )


def build(loaded: Loaded) -> Tables:
    """Return every table of the report for what was loaded."""
    subs = loaded.submissions
    items, unknown = _items(subs)
    return Tables(
        students=len({s.student for s in subs}),
        glance=_glance(subs),
        items=items,
        wrong=wrong_answers(subs, bank),
        people=_people(subs),
        essay=_essay(subs),
        unknown_items=unknown,
    )
