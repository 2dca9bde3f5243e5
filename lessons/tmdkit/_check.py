"""Check a student's response to one quiz item and return the verdict with its feedback."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from ._normalize import InputProblem, input_problem, match_text, parse_year

MAX_CHOSEN = 3  # a multiple-choice item has at most 3 right options, so more is never a real answer
CLOSE_YEARS = 2

# Every key check() can put in a Msg; tests hold data/ui.yaml and this set to each other.
# fmt: off
KEYS = frozenset([
    "right", "wrong", "partial", "empty", "too_long", "digits_in_text", "no_letters",
    "several_numbers", "not_a_year", "year_out_of_range", "year_close", "spelling_note",
    "base_form_note", "at_most_three", "answer_every_row", "n_right_found", "n_wrong_chosen",
    "n_in_place", "none_in_place", "n_rows_right",
])
# fmt: on


@dataclass(frozen=True)
class Msg:
    """One message to the student: a data/ui.yaml key and the values for its placeholders."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """Whether a response is right, its score, what to say and which option explanations to show."""

    status: Literal["right", "partial", "wrong", "invalid"]  # invalid does not count as a try
    score: float
    messages: tuple[Msg, ...]
    explain_options: tuple[str, ...] = ()


def _invalid(key: str) -> Verdict:
    return Verdict("invalid", 0.0, (Msg(key),))


def _graded(score: float, details: tuple[Msg, ...]) -> Verdict:
    if score >= 1:
        return Verdict("right", 1.0, (Msg("right"),))
    if score <= 0:
        return Verdict("wrong", 0.0, (Msg("wrong"), *details))
    return Verdict("partial", score, (Msg("partial"), *details))


def _option_ids(item: Mapping[str, Any]) -> list[str]:
    return [option["id"] for option in item["options"]]


def _known(item: Mapping[str, Any], ids: Iterable[str]) -> None:
    # An unknown id is a bug in the view, not a student's mistake: fail loudly.
    unknown = set(ids) - set(_option_ids(item))
    if unknown:
        raise ValueError(f"item {item['id']}: unknown option ids {sorted(unknown)}")


def _explained(item: Mapping[str, Any], ids: Iterable[str]) -> tuple[str, ...]:
    with_text = {option["id"] for option in item["options"] if option.get("explain")}
    return tuple(i for i in ids if i in with_text)


def _single(item: Mapping[str, Any], response: Any) -> Verdict:
    if response is None or response == "":
        return _invalid("empty")
    _known(item, [response])
    status = "right" if response == item["answer"] else "wrong"
    score = 1.0 if status == "right" else 0.0
    return Verdict(status, score, (Msg(status),), _explained(item, [response]))


def _multiple(item: Mapping[str, Any], response: Any) -> Verdict:
    chosen = [response] if isinstance(response, str) else list(response or ())
    chosen = list(dict.fromkeys(chosen))
    if not chosen:
        return _invalid("empty")
    _known(item, chosen)
    if len(chosen) > MAX_CHOSEN:
        return _invalid("at_most_three")
    right = set(item["answer"])
    found, wrong = len(right.intersection(chosen)), len(set(chosen) - right)
    details = [Msg("n_right_found", {"n": found, "total": len(right)})]
    if wrong:
        details.append(Msg("n_wrong_chosen", {"n": wrong}))
    verdict = _graded(max(0.0, (found - wrong) / len(right)), tuple(details))
    wrong_chosen = [i for i in chosen if i not in right]
    return Verdict(verdict.status, verdict.score, verdict.messages, _explained(item, wrong_chosen))


def _year(item: Mapping[str, Any], response: Any) -> Verdict:
    if response is None:
        return _invalid("empty")
    try:
        year = parse_year(str(response))
    except InputProblem as problem:
        return _invalid(problem.key)
    off = abs(year - item["answer"])
    if off <= item.get("tolerance", 0):
        return Verdict("right", 1.0, (Msg("right"),))
    if off <= CLOSE_YEARS:
        return Verdict("wrong", 0.0, (Msg("wrong"), Msg("year_close")))
    return Verdict("wrong", 0.0, (Msg("wrong"),))


def _text(item: Mapping[str, Any], response: Any) -> Verdict:
    problem = input_problem(response, "text")
    if problem:
        return _invalid(problem)
    answer = item["answer"]
    accepted = [answer["kk"], answer["ru"], answer["en"], *item.get("accept", ())]
    found = match_text(response, accepted, spelling_matters=item.get("spelling_matters", False))
    if found.kind == "none":
        return Verdict("wrong", 0.0, (Msg("wrong"),))
    if found.kind == "exact":
        return Verdict("right", 1.0, (Msg("right"),))
    # Right, but show how it is written: the Kazakh spelling, or the form without a case ending.
    note = "base_form_note" if found.kind == "declined" else "spelling_note"
    return Verdict("right", 1.0, (Msg("right"), Msg(note, {"answer": answer["kk"]})))


def _order(item: Mapping[str, Any], response: Any) -> Verdict:
    given = list(response or ())
    if not given or all(i is None for i in given):
        return _invalid("empty")
    _known(item, [i for i in given if i is not None])
    answer = list(item["answer"])
    if None in given or sorted(given) != sorted(answer):
        return _invalid("answer_every_row")
    place = {option_id: n for n, option_id in enumerate(answer)}
    pairs = sum(place[a] < place[b] for a, b in pairwise(given))
    in_place = sum(a == b for a, b in zip(given, answer, strict=True))
    count = (
        Msg("n_in_place", {"n": in_place, "total": len(answer)})
        if in_place
        else Msg("none_in_place")
    )
    return _graded(pairs / (len(answer) - 1), (count,))


def _match(item: Mapping[str, Any], response: Any) -> Verdict:
    given = dict(response or {})
    if not any(v is not None for v in given.values()):
        return _invalid("empty")
    left = [row["id"] for row in item["left"]]
    unknown = set(given) - set(left)
    if unknown:
        raise ValueError(f"item {item['id']}: unknown left ids {sorted(unknown)}")
    _known(item, [v for v in given.values() if v is not None])
    if any(given.get(row) is None for row in left):
        return _invalid("answer_every_row")
    right = sum(given[row] == item["answer"][row] for row in left)
    return _graded(right / len(left), (Msg("n_rows_right", {"n": right, "total": len(left)}),))


def _context(item: Mapping[str, Any], response: Any) -> Verdict:
    raise TypeError(f"item {item['id']}: a context item is checked through its nested items")


_CHECKERS: dict[str, Callable[[Mapping[str, Any], Any], Verdict]] = {
    "single": _single,
    "multiple": _multiple,
    "year": _year,
    "text": _text,
    "order": _order,
    "match": _match,
    "context": _context,
}


def check(item: Mapping[str, Any], response: Any) -> Verdict:
    """Return whether the response to item is right, with the feedback that teaches why."""
    try:
        checker = _CHECKERS[item["type"]]
    except KeyError:
        raise ValueError(f"item {item.get('id')}: unknown type {item.get('type')!r}") from None
    return checker(item, response)
