"""The wrong answers a class chose most, grouped the way the checker reads them."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._check import check
from .._html import shown_text
from .._normalize import answer_key
from .._screen import InputProblem, parse_year

Item = Mapping[str, Any]
TOP = 5  # wrong answers shown per item: the list a teacher reads aloud, not a census


@dataclass(frozen=True)
class WrongAnswer:
    """One wrong answer to one item and how many students gave it."""

    lesson: str
    item: str
    kind: str  # the item type
    answer: Any  # option id, ids in order, (left id, option id) for match, typed text, or year
    students: int
    of: int  # students whose file records their answers to this item
    explain: tuple[Mapping[str, str], ...]  # the option's explanations, or the item's teacher note


def _groups(item: Item, response: Any) -> Iterator[tuple[Hashable, Any, tuple[str, ...]]]:
    """Yield (group key, what to show, options whose explanation fits) for a wrong response."""
    try:
        verdict = check(item, response)
    except (ValueError, TypeError, KeyError, AttributeError):
        return  # a response no view could have sent (edited file): nothing to learn from it
    if verdict.status not in ("wrong", "partial"):
        return
    kind = item["type"]
    if kind == "single":
        yield response, response, verdict.explain_options
    elif kind == "multiple":
        chosen = tuple(sorted(set([response] if isinstance(response, str) else response)))
        yield chosen, chosen, verdict.explain_options
    elif kind == "order":
        yield tuple(response), tuple(response), ()
    elif kind == "match":
        for left, option in sorted(response.items()):
            if item["answer"].get(left) != option:
                yield (left, option), (left, option), (option,)
    elif kind == "year":
        try:
            year = parse_year(str(response))
        except InputProblem:
            return
        yield year, year, ()
    elif kind == "text":
        yield answer_key(response), " ".join(shown_text(str(response)).split()), ()


def _explain(item: Item, options: Sequence[str]) -> tuple[Mapping[str, str], ...]:
    by_id = {o["id"]: o for o in item.get("options", ())}
    notes = tuple(by_id[i]["explain"] for i in options if by_id.get(i, {}).get("explain"))
    if notes:
        return notes
    return (item["teacher_note"],) if item.get("teacher_note") else ()


def wrong_answers(
    subs: Sequence[Any], bank: Callable[[str], Mapping[str, Item]]
) -> tuple[WrongAnswer, ...]:
    """Return, per item, its most chosen wrong answers (each student counted once per answer)."""
    students: dict[tuple[str, str], Counter] = defaultdict(Counter)
    spelled: dict[tuple[str, str, Hashable], Counter] = defaultdict(Counter)
    fits: dict[tuple[str, str, Hashable], tuple[str, ...]] = {}
    answered: Counter = Counter()
    seen: dict[tuple[str, str, str], list] = {}  # a class gives the same answers again and again
    for sub in subs:
        items = bank(sub.lesson)
        for a in sub.answers:
            item = items.get(a.id)
            if item is None or not a.responses:
                continue
            answered[(sub.lesson, a.id)] += 1
            mine: set[Hashable] = set()
            for response in a.responses:
                memo = (sub.lesson, a.id, json.dumps(response, sort_keys=True))
                if memo not in seen:
                    seen[memo] = list(_groups(item, response))
                for key, shown, options in seen[memo]:
                    spelled[(sub.lesson, a.id, key)][_hashable(shown)] += 1
                    fits.setdefault((sub.lesson, a.id, key), options)
                    mine.add(key)
            students[(sub.lesson, a.id)].update(mine)
    out = []
    for (lesson, item_id), counter in students.items():
        item = bank(lesson)[item_id]
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:TOP]:
            shown = spelled[(lesson, item_id, key)].most_common(1)[0][0]
            explain = _explain(item, fits[(lesson, item_id, key)])
            of = answered[(lesson, item_id)]
            out.append(WrongAnswer(lesson, item_id, item["type"], shown, n, of, explain))
    return tuple(out)


def _hashable(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value
