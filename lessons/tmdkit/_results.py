"""Scores and the results mapping a student hands in: pure bookkeeping (writing it is _save)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FORMAT = 2  # results files before format 2 had no "format" key and no responses, hints or reveals


@dataclass
class Attempt:
    """What one student did on one item: every answer checked, hints, and how it ended."""

    kind: str = ""  # the item type, so a report can read the responses
    tries: int = 0
    best: float = 0.0
    status: str = "unanswered"  # unanswered | right | partial | wrong | revealed
    done: bool = False
    responses: list[Any] = field(default_factory=list)  # each counted answer, JSON-ready, in order
    first_try: str | None = None  # the verdict of the first counted answer
    hints: int = 0
    revealed: bool = False


@dataclass
class Scoreboard:
    """Scores per item for one lesson; re-displaying or re-checking an item never double-counts."""

    items: dict[str, str] = field(default_factory=dict)  # item id -> section id
    attempts: dict[str, Attempt] = field(default_factory=dict)

    coverage: dict[str, Any] | None = None  # the essay checker's last result (lesson 07)

    def register(self, item_id: str, section: str, kind: str = "") -> Attempt:
        """Return the item's record, creating it the first time the item is shown."""
        self.items.setdefault(item_id, section)
        return self.attempts.setdefault(item_id, Attempt(kind=kind))

    def record(
        self,
        item_id: str,
        status: str,
        score: float,
        *,
        counts: bool = True,
        response: Any = None,
    ) -> Attempt:
        """Record a checked answer; an invalid answer (counts=False) is not a try."""
        attempt = self.attempts[item_id]
        if counts and not attempt.done:
            attempt.tries += 1
            attempt.responses.append(response)
            attempt.first_try = attempt.first_try or status
            attempt.best = max(attempt.best, score)
            attempt.status = status if attempt.status != "right" else "right"
            attempt.done = status == "right"
        return attempt

    def reveal(self, item_id: str) -> None:
        """Mark an item finished because its answer was shown (no points are added)."""
        attempt = self.attempts[item_id]
        if not attempt.done:
            attempt.done, attempt.status, attempt.revealed = True, "revealed", True

    def shown(self, item_id: str) -> None:
        """Note that the answer was on screen (teacher mode) before the item was finished: the
        item stays open, but the results file says the answer was seen."""
        attempt = self.attempts[item_id]
        if not attempt.done:
            attempt.revealed = True

    def hint(self, item_id: str) -> None:
        """Count one more hint shown on an item."""
        self.attempts[item_id].hints += 1

    def progress(self) -> tuple[int, int]:
        """Return (finished items, items shown)."""
        return sum(a.done for a in self.attempts.values()), len(self.attempts)

    def score(self, section: str | None = None) -> tuple[float, int]:
        """Return (points, items) over all items, or over one section's items."""
        ids = [i for i, s in self.items.items() if section in (None, s)]
        return round(sum(self.attempts[i].best for i in ids), 2), len(ids)

    def sections(self) -> list[str]:
        """Return the sections in the order their first item was shown."""
        return list(dict.fromkeys(self.items.values()))


def record(
    lesson: str, name: str, lang: str, board: Scoreboard, now: datetime, bank_version: str = ""
) -> dict:
    """Return the results as a plain JSON-ready mapping (format 2: answers given, hints, reveals)."""
    points, total = board.score()
    data = {
        "format": FORMAT,
        "lesson": lesson,
        "name": name.strip()[:200],
        "time": now.isoformat(timespec="seconds"),
        "lang": lang,
        "bank_version": bank_version,
        "points": points,
        "items": total,
        "sections": {
            s: dict(zip(("points", "items"), board.score(s), strict=True)) for s in board.sections()
        },
        "answers": [
            {
                "id": i,
                "section": board.items[i],
                "type": a.kind,
                "status": a.status,
                "score": a.best,
                "tries": a.tries,
                "responses": list(a.responses),
                "first_try": a.first_try,
                "hints": a.hints,
                "revealed": a.revealed,
            }
            for i, a in board.attempts.items()
        ],
    }
    if board.coverage is not None:
        data["coverage"] = board.coverage
    return data
