"""Which key points of a strong answer a student's own text covers, with Kazakh-aware matching."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._normalize import fold, fold_to_cyrillic, latin_to_cyrillic, relax

MAX_CHARS = 20_000  # an exam answer is a page; a longer paste is cut, not refused


def _tokens(text: str) -> set[str]:
    """Return every word of text in each spelling a student may use (Cyrillic, look-alike, Latin)."""
    text = text[:MAX_CHARS]
    variants = (fold(text), fold_to_cyrillic(text), fold(latin_to_cyrillic(text)))
    return {word for v in variants for word in relax(v).split()}


def _has(tokens: set[str], word: str) -> bool:
    parts = relax(fold(word)).split()
    if not parts:
        return False
    # Numbers must match whole (21 is not 210); words match as stems, so case endings still count.
    return all(p in tokens if p.isdigit() else any(t.startswith(p) for t in tokens) for p in parts)


def coverage(text: str, points: Sequence[Mapping[str, Any]]) -> tuple[list[Any], list[Any]]:
    """Return (points found, points missing) for a student's answer."""
    tokens = _tokens(text or "")
    found, missing = [], []
    for point in points:
        hit = any(all(_has(tokens, w) for w in group) for group in point["any_of"])
        (found if hit else missing).append(point)
    return found, missing
