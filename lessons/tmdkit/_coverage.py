"""What a student's answer to question 68 covers and which of the essay's known errors it repeats.

Matching is Kazakh-aware: case, endings, Russian look-alike letters (a Russian keyboard's к for қ),
Latin homoglyphs and the 2021 Kazakh Latin alphabet all fold to the same stems.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ._latin import latin_to_cyrillic
from ._normalize import fold, fold_to_cyrillic, relax

MAX_CHARS = 20_000  # an exam answer is a page; a longer paste is cut, not refused
# A sentence ends at . ! ? … or a line break, but not after a one-letter abbreviation ("1991 ж.").
_SENTENCE_END = re.compile(r"(?<![\s(]\w\.)(?<=[.!?…])\s+|\n+")

Groups = Sequence[Sequence[str]]


def _tokens(text: str) -> set[str]:
    """Return every word of text in each spelling a student may use (Cyrillic, look-alike, Latin)."""
    variants = (fold(text), fold_to_cyrillic(text), fold(latin_to_cyrillic(text)))
    return {word for v in variants for word in relax(v).split()}


@lru_cache(maxsize=4096)
def _parts(word: str) -> tuple[str, ...]:
    """Return a key word folded into its parts, once: an answer of thousands of sentences asks
    for the same word in each of them, and folding it every time took seconds."""
    return tuple(relax(fold(word)).split())


def _has(tokens: set[str], word: str) -> bool:
    parts = _parts(word)
    if not tokens or not parts:
        return False
    # Numbers must match whole (21 is not 210); words match as stems, so case endings still count.
    return all(p in tokens if p.isdigit() else any(t.startswith(p) for t in tokens) for p in parts)


def _any_group(tokens: set[str], groups: Groups) -> bool:
    """Return True if every word of at least one group occurs."""
    return any(all(_has(tokens, w) for w in group) for group in groups)


def sentences(text: str) -> list[str]:
    """Return the text cut into sentences."""
    return [s for s in _SENTENCE_END.split(text[:MAX_CHARS]) if s.strip()]


def repeats(error: Mapping[str, Any], parts: Sequence[set[str]], whole: set[str]) -> int | None:
    """Return the index of the first sentence that makes the error, or None: a sentence makes it
    when it matches every `find` list and no `unless` group, and the answer nowhere matches an
    `unless_anywhere` group."""
    if _any_group(whole, error.get("unless_anywhere", ())):
        return None
    return next(
        (
            i
            for i, tokens in enumerate(parts)
            if all(_any_group(tokens, groups) for groups in error["find"])
            and not _any_group(tokens, error.get("unless", ()))
        ),
        None,
    )


@dataclass
class Report:
    """The checker's findings: key points found and missing, known errors repeated."""

    found: list[Any] = field(default_factory=list)
    missing: list[Any] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)
    quotes: dict[str, str] = field(default_factory=dict)  # error id -> the student's sentence
    chars: int = 0

    def record(self) -> dict[str, Any]:
        """Return the findings as the results file keeps them (ids only, never the text)."""
        return {
            "found": [p["id"] for p in self.found],
            "missing": [p["id"] for p in self.missing],
            "errors": [e["id"] for e in self.errors],
            "chars": self.chars,
        }


def check_answer(
    text: str, points: Sequence[Mapping[str, Any]], errors: Sequence[Mapping[str, Any]] = ()
) -> Report:
    """Return which key points a student's answer covers and which known errors it repeats."""
    text = text or ""
    whole = _tokens(text[:MAX_CHARS])
    report = Report(chars=len(text))
    for point in points:
        (report.found if _any_group(whole, point["any_of"]) else report.missing).append(point)
    cut = sentences(text)
    parts = [_tokens(s) for s in cut]
    for error in errors:
        at = repeats(error, parts, whole)
        if at is not None:
            report.errors.append(error)
            report.quotes[error["id"]] = cut[at].strip()
    return report


def coverage(text: str, points: Sequence[Mapping[str, Any]]) -> tuple[list[Any], list[Any]]:
    """Return (points found, points missing) for a student's answer."""
    report = check_answer(text, points)
    return report.found, report.missing
