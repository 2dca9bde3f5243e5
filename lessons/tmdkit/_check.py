"""Check a student's response to one quiz item and return the verdict with its feedback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .items import kind_of
from .items._common import KEYS, Msg, Verdict

__all__ = ["KEYS", "Msg", "Verdict", "check"]


def check(item: Mapping[str, Any], response: Any) -> Verdict:
    """Return whether the response to item is right, with the feedback that teaches why."""
    return kind_of(item).check(item, response)
