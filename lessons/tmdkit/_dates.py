"""Dates of the timeline in Kazakh, Russian and English, shown at the precision the sources give."""

from __future__ import annotations

import datetime as dt
import re

from ._i18n import t

PRECISIONS = ("day", "month", "year")  # finest first

# YYYY, YYYY-MM or YYYY-MM-DD: the form of the string *is* its precision.
_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

DASH = "\u2013"  # en dash between the two ends of a range


def precision_of(value: str) -> str:
    """Return 'day', 'month' or 'year' from the form of value, or raise ValueError."""
    match = _FORM.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    return "day" if match[3] else "month" if match[2] else "year"


def parse_date(value: str) -> tuple[dt.date, str]:
    """Return the first day value can mean and its precision; ValueError if it is no real date."""
    precision = precision_of(value)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2]), precision
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


def end_of(value: str) -> dt.date:
    """Return the last day value can mean: 31 Dec for a year, the month's last day for a month."""
    first, precision = parse_date(value)
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def to_plotly(value: str) -> str:
    """Return an ISO date for an axis position; a month or year maps to its first day."""
    # Position only: labels and hover always go through format_date, never this invented day.
    return parse_date(value)[0].isoformat()


def _resolve(value: str, precision: str | None) -> tuple[dt.date, str]:
    first, own = parse_date(value)
    if precision is None:
        return first, own
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
    if PRECISIONS.index(precision) < PRECISIONS.index(own):
        # Showing "2008-10" as "1 October 2008" would invent a day the sources do not give.
        raise ValueError(f"{value!r} is only known to the {own}; cannot show it to the {precision}")
    return first, precision


def month_name(month: int, lang: str, *, after_day: bool = False) -> str:
    """Return the name of month (1–12) in lang; after_day gives the form written after a day number."""
    return t(f"month_{'of_' if after_day else ''}{month:02d}", lang)


def _written(year: int, month: int, day: str, precision: str, lang: str) -> str:
    # The words live in data/ui.yaml (date_day, date_month, date_year, month_NN, month_of_NN).
    if precision == "year":
        return t("date_year", lang, year=year)
    if precision == "month":
        return t("date_month", lang, year=year, month=month_name(month, lang))
    return t("date_day", lang, year=year, day=day, month=month_name(month, lang, after_day=True))


def format_date(value: str, lang: str, *, precision: str | None = None) -> str:
    """Return value as a date in lang (kk, ru or en), never finer than its precision."""
    d, precision = _resolve(value, precision)
    if lang not in ("kk", "ru", "en"):
        raise ValueError(f"lang must be one of kk, ru, en, got {lang!r}")
    return _written(d.year, d.month, str(d.day), precision, lang)


def format_range(
    start: str,
    end: str | None,
    lang: str,
    *,
    start_precision: str | None = None,
    end_precision: str | None = None,
) -> str:
    """Return 'start – end' in lang; a range inside one month is shortened to '21–22 July 2006'."""
    if end is None:
        return format_date(start, lang, precision=start_precision)
    a, pa = _resolve(start, start_precision)
    b, pb = _resolve(end, end_precision)
    if (a, pa) == (b, pb):
        return format_date(start, lang, precision=pa)
    if pa == pb == "day" and (a.year, a.month) == (b.year, b.month):
        return _written(a.year, a.month, f"{a.day}{DASH}{b.day}", "day", lang)
    left = format_date(start, lang, precision=pa)
    return f"{left} {DASH} {format_date(end, lang, precision=pb)}"
