"""Fold free-text answers so that keyboard, script and case slips are not counted as mistakes."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ._latin import digraphs, latin_to_cyrillic

# Latin letters that look like Cyrillic ones. Case matters (capital H is Н, small h is һ), so
# we map before casefolding. Small i → Kazakh і: the essay itself has "ic" for "іс", "бip" for
# "бір".
_LAT_LOOK, _CYR_LOOK = "aceopxyikmthbACEOPXYIKMTHB", "асеорхуікмтһвАСЕОРХУІКМТНВ"
_TO_CYR, _TO_LAT = str.maketrans(_LAT_LOOK, _CYR_LOOK), str.maketrans(_CYR_LOOK, _LAT_LOOK)

# Kazakh letters a student on a Russian keyboard replaces by the nearest Russian one.
_RELAX = str.maketrans("әғқңөұүһіё", "агкноуухие")

# Words that only frame the answer ("Алматы қаласы", "г. Алматы", "the city of Almaty").
# fmt: off
_FILLERS = frozenset([
    "қ", "қала", "қаласы", "қаласында", "г", "город", "городе", "city", "the", "of", "in", "at",
    "в", "во",
])
# fmt: on

# Case endings: locative, ablative, genitive, instrumental, dative, accusative. Longest first.
# fmt: off
_CASES = sorted([
    "да", "де", "та", "те", "нда", "нде",                      # locative
    "дан", "ден", "тан", "тен", "нан", "нен",                  # ablative
    "ның", "нің", "дың", "дің", "тың", "тің",                  # genitive
    "мен", "бен", "пен",                                       # instrumental
    "ға", "ге", "қа", "ке", "на", "не", "а", "е",              # dative
    "ны", "ні", "ды", "ді", "ты", "ті", "н",                   # accusative
], key=len, reverse=True)
# fmt: on
_POSSESSIVES = ("сы", "сі", "ы", "і")
_MIN_STEM = 3


@dataclass(frozen=True)
class TextMatch:
    """How a typed answer matched: kind of match and the accepted form it matched."""

    kind: Literal["exact", "lookalike", "declined", "latin", "none"]
    canonical: str | None = None


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _is_lat(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or "\u00c0" <= ch <= "\u024f")


def clean(text: str) -> str:
    """Return NFC text without invisible format characters (zero-width, bidi marks, soft hyphen)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _words(text: str) -> list[str]:
    # Punctuation, symbols (emoji), separators and controls all become spaces: «» "" – — - . , etc.
    kept = (ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in clean(text))
    return "".join(kept).split()


def _finish(words: list[str]) -> str:
    out = unicodedata.normalize("NFC", " ".join(words).casefold())
    # Stray accents (stress marks, the dot of a casefolded İ) carry no meaning in an answer.
    return "".join(ch for ch in out if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Return text casefolded, without invisibles or punctuation, look-alikes made Cyrillic."""
    return _finish([w.translate(_TO_CYR) if any(map(_is_cyr, w)) else w for w in _words(text)])


def fold_to_cyrillic(text: str) -> str:
    """Return fold(text), also turning words made only of Latin look-alike letters into Cyrillic."""
    words = _words(text)
    return _finish(
        [w.translate(_TO_CYR) if any(map(_is_cyr, w)) or _only(w, _LAT_LOOK) else w for w in words]
    )


def _fold_to_latin(text: str) -> str:
    # The mirror image, for Latin accepted forms: "СIS" typed with a Cyrillic С still reads "cis".
    words = _words(text)
    return _finish(
        [w.translate(_TO_LAT) if any(map(_is_lat, w)) or _only(w, _CYR_LOOK) else w for w in words]
    )


def _only(word: str, letters: str) -> bool:
    return any(ch.isalpha() for ch in word) and all(ch in letters for ch in word if ch.isalpha())


def relax(folded: str) -> str:
    """Return folded text with Kazakh-only letters replaced by Russian-keyboard look-alikes."""
    return folded.translate(_RELAX)


def strip_ending(word: str, *, relaxed: bool = True) -> list[str]:
    """Return candidate stems of word with a Kazakh case ending (and possessive before it) cut."""
    endings = _CASES + [relax(e) for e in _CASES if relax(e) != e] if relaxed else _CASES
    poss = _POSSESSIVES + (("си", "и") if relaxed else ())
    stems: list[str] = []

    def add(stem: str) -> None:
        if len(stem) >= _MIN_STEM and stem not in stems:
            stems.append(stem)

    for ending in [*endings, *poss]:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stem = word[: -len(ending)]
            add(stem)
            for p in poss:
                if stem.endswith(p) and len(stem) - len(p) >= _MIN_STEM:
                    add(stem[: -len(p)])
    return stems


def _key(folded: str) -> str:
    # Hyphen, space or nothing between parts all compare equal: "көші-қон", "көші қон", "көшіқон".
    words = folded.split()
    return "".join(w for w in words if w not in _FILLERS) or "".join(words)


def _loose(key: str) -> str:
    return relax(key).replace("й", "и")  # Latin i stands for и, й and і alike


def _hit(response: str, target: str, *, relaxed: bool) -> bool:
    return target == response or target in strip_ending(response, relaxed=relaxed)


def match_text(
    response: str, accepted: Sequence[str], *, spelling_matters: bool = False
) -> TextMatch:
    """Return how response matches one of the accepted forms, trying the strictest reading first."""
    # A response is read in the script of the form it is compared with, so look-alikes never matter.
    cyr = [(a, _key(fold_to_cyrillic(a))) for a in accepted if any(map(_is_cyr, a))]
    lat = [(a, _key(_fold_to_latin(a))) for a in accepted if not any(map(_is_cyr, a))]
    as_cyr, as_lat = _key(fold_to_cyrillic(response)), _key(_fold_to_latin(response))
    for forms, typed in ((cyr, as_cyr), (lat, as_lat)):
        for form, key in forms:
            if key and key == typed:
                return TextMatch("exact", form)
    if not spelling_matters and any(map(_is_lat, as_cyr)):
        variants = {latin_to_cyrillic(response), latin_to_cyrillic(digraphs(response))}
        for form, key in cyr:
            for v in variants:
                typed = _key(fold(v))
                if _hit(typed, key, relaxed=False) or _hit(
                    _loose(typed), _loose(key), relaxed=True
                ):
                    return TextMatch("latin", form)
    for form, key in cyr:
        if _hit(as_cyr, key, relaxed=False):
            return TextMatch("declined", form)
    if not spelling_matters:
        for form, key in cyr:
            if _hit(relax(as_cyr), relax(key), relaxed=True):
                return TextMatch("lookalike", form)
    return TextMatch("none")


def answer_key(text: str) -> str:
    """Return the form the checker compares a typed answer by: typed variants of one answer agree."""
    return _loose(_key(fold_to_cyrillic(text)))
