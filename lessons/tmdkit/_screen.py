"""Screen a typed answer before it is checked: can it be checked at all, and which year it names."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from ._normalize import clean, fold

MAX_LEN = 200  # characters a short answer may have after stripping
_MAX_YEAR_LEN = 40
_MAX_RAW = 20_000  # beyond this we say "too long" without reading the text at all


class InputProblem(ValueError):
    """An answer that cannot be checked; key names the data/ui.yaml string that says why."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


# Words allowed around the number of a year: "1991 ж.", "1991 жылы", "в 1991 году", "in 1991".
# fmt: off
_YEAR_WORDS = frozenset([
    "ж", "жыл", "жылы", "жылғы", "жылдың", "ші", "шы", "інші", "ыншы",
    "г", "гг", "год", "году", "года", "в", "year", "yr", "in", "ad",
])
# fmt: on
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: \d would read ١٩٩١ or १९९१ as 1991 unannounced
# A minus sign glued to the number ("-1991", "−1991"): a negative year is not 1991. A hyphen after
# the number ("1991-ші") is a Kazakh ordinal ending and stays welcome.
_NEGATIVE = re.compile(r"(?<!\w)[-\u2212\u2012\u2013](?=[0-9])")


def parse_year(text: str) -> int:
    """Return the year written in text, or raise InputProblem with the key of what is wrong."""
    if len(text) > _MAX_RAW:
        raise InputProblem("too_long")
    # NFKC: full-width １９９１, an IME habit, becomes 1991 and still counts
    s = unicodedata.normalize("NFKC", clean(text)).strip()
    if not s:
        raise InputProblem("empty")
    if len(s) > _MAX_YEAR_LEN:
        raise InputProblem("too_long")
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in s):
        raise InputProblem("year_other_digits")  # digits NFKC leaves alone: say which to use
    numbers = _DIGITS.findall(s)
    if len(numbers) > 1:
        raise InputProblem("several_numbers")
    if not numbers or _NEGATIVE.search(s):
        raise InputProblem("not_a_year")
    if any(w not in _YEAR_WORDS for w in fold(_DIGITS.sub(" ", s)).split()):
        raise InputProblem("not_a_year")
    if len(numbers[0]) > 4 or not 1800 <= int(numbers[0]) <= 2100:
        raise InputProblem("year_out_of_range")
    return int(numbers[0])


def input_problem(text: str | None, kind: Literal["text", "year"]) -> str | None:
    """Return the data/ui.yaml key saying why the answer cannot be checked, or None if it can."""
    if text is None:
        return "empty"
    if len(text) > _MAX_RAW:
        return "too_long"
    s = clean(text).strip()
    if not s:
        return "empty"
    if len(s) > MAX_LEN:
        return "too_long"
    if kind == "year":
        try:
            parse_year(s)
        except InputProblem as problem:
            return problem.key
        return None
    folded = fold(s)
    if not any(ch.isalpha() for ch in folded):
        return "digits_in_text" if any(ch.isdigit() for ch in folded) else "no_letters"
    return None
