"""The timeline's events, categories and eras as records, loaded from data/events.yaml and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, check_unique, relative
from ._dates import format_range, parse_date
from ._load import load


@dataclass(frozen=True)
class Category:
    """One category of the timeline (its own rows): its label in each language, symbol and colour."""

    id: str
    label: Mapping[str, str]
    symbol: str
    colour: str


@dataclass(frozen=True)
class Era:
    """An era: a shaded span behind the categories, from `start` to `end` (month strings)."""

    id: str
    start: str
    end: str
    label: Mapping[str, str]
    colour: str


@dataclass(frozen=True)
class Event:
    """One event or period of the timeline; dates are strings at their real precision."""

    id: str
    start: str
    precision: str
    category: str
    name: Mapping[str, str]
    short: Mapping[str, str]
    place: Mapping[str, str]
    description: Mapping[str, str]
    verification: Mapping[str, str]
    essay: tuple[int, ...]
    sources: tuple[str, ...]
    since_essay: bool
    name_kk_checked: bool
    end: str | None = None
    end_precision: str | None = None
    essay_note: Mapping[str, str] | None = None
    reported: bool = False

    def when(self, lang: str) -> str:
        """Return the date, or the range, in lang; each end at its own precision."""
        return format_range(
            self.start,
            self.end,
            lang,
            start_precision=self.precision,
            end_precision=self.end_precision,
        )


def _check_date(file: str, entry: str, field: str, value: str, precision: str) -> None:
    try:
        _, form = parse_date(value)
    except ValueError:
        raise DataError(file, entry, field, f"a real calendar date, got {value!r}") from None
    if form != precision:
        # The string's form carries the precision; a mismatch means one of the two is wrong.
        where = "end_precision" if field == "end" else "precision"
        raise DataError(
            file, entry, where, f"{form!r} to match {field} {value!r}, got {precision!r}"
        )


def _event(raw: dict[str, Any], file: str, known: set[str]) -> Event:
    eid = raw["id"]
    _check_date(file, eid, "start", raw["start"], raw["precision"])
    end = raw.get("end")
    end_precision = raw.get("end_precision")
    if end is None and end_precision is not None:
        raise DataError(file, eid, "end_precision", "no end_precision without an end")
    if end is not None:
        end_precision = end_precision or raw["precision"]
        _check_date(file, eid, "end", end, end_precision)
        if parse_date(end)[0] < parse_date(raw["start"])[0]:
            raise DataError(
                file, eid, "end", f"a date not before start {raw['start']!r}, got {end!r}"
            )
    if raw["category"] not in known:
        raise DataError(file, eid, "category", f"one of {sorted(known)}, got {raw['category']!r}")
    # essay numbers are checked against the essay's own length by tmdkit._validate
    return Event(
        id=eid,
        start=raw["start"],
        precision=raw["precision"],
        category=raw["category"],
        name=raw["name"],
        short=raw["short"],
        place=raw["place"],
        description=raw["description"],
        verification=raw["verification"],
        essay=tuple(raw["essay"]),
        sources=tuple(raw["sources"]),
        since_essay=raw["since_essay"],
        name_kk_checked=raw["name_kk_checked"],
        end=end,
        end_precision=end_precision,
        essay_note=raw.get("essay_note"),
        reported=raw.get("reported", False),
    )


def load_timeline(root: Path = DATA) -> tuple[list[Event], list[Category], list[Era]]:
    """Return (events, categories, eras) from one reading of data/events.yaml, or raise DataError."""
    doc = load("events", root)
    file = relative(root / "events.yaml", root)
    check_unique(doc["categories"], "id", file)
    check_unique(doc["eras"], "id", file)
    check_unique(doc["events"], "id", file)
    cats = [Category(c["id"], c["label"], c["symbol"], c["colour"]) for c in doc["categories"]]
    eras = []
    for e in doc["eras"]:
        for field in ("from", "to"):
            try:
                parse_date(e[field])
            except ValueError:
                raise DataError(file, e["id"], field, f"a real date, got {e[field]!r}") from None
        if parse_date(e["to"])[0] < parse_date(e["from"])[0]:
            raise DataError(file, e["id"], "to", f"a date not before from {e['from']!r}")
        eras.append(Era(e["id"], e["from"], e["to"], e["label"], e["colour"]))
    events = [_event(raw, file, {c.id for c in cats}) for raw in doc["events"]]
    return events, cats, eras
