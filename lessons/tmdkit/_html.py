"""The one escaping helper: every string from data or from a student passes through esc() into HTML."""

from __future__ import annotations

import html
from typing import Any


def esc(value: Any, *, quote: bool = True) -> str:
    """Return str(value) escaped for HTML text and attributes (quote=False for Plotly's text)."""
    return html.escape(str(value), quote=quote)
