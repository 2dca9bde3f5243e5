"""The one escaping helper: every string from data or from a student passes through esc() into HTML."""

from __future__ import annotations

import html
import textwrap
import unicodedata
from typing import Any


def esc(value: Any, *, quote: bool = True) -> str:
    """Return str(value) escaped for HTML text and attributes (quote=False for Plotly's text)."""
    return html.escape(str(value), quote=quote)


def esc_lines(s: str, width: int = 60) -> list[str]:
    """Return s in lines of at most width characters, each escaped for plotly's text.

    Wrapped before escaping, so that no line break can fall inside "&amp;"; a word is never split,
    hyphenated ("ТМД-ға") or long."""
    lines = textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False)
    return [esc(line, quote=False) for line in lines]


def shown_text(typed: str, limit: int = 200) -> str:
    """Return typed text as it may be echoed: no control or bidi marks, cut at limit with "…".

    A right-to-left override in a name would reverse the rest of its table cell on screen and
    in a spreadsheet; zero-width characters make two equal names look different.
    """
    kept = "".join(ch for ch in typed if unicodedata.category(ch) not in ("Cc", "Cf")).strip()
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"
