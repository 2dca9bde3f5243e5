"""Return the interface strings of data/ui.yaml in Kazakh, Russian or English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._data import DATA, LANGS, text

if TYPE_CHECKING:
    from ._check import Msg


@cache
def strings(root: Path = DATA) -> Mapping[str, Mapping[str, Any]]:
    """Return every entry of data/ui.yaml, key → {kk, ru, en[, count]}, checked by the rules
    `make check` runs (placeholders the same in every language included)."""
    from ._validate import validated

    return validated("ui", root)["strings"]


def plural_form(n: int, lang: str) -> str:
    """Return the plural category of n in lang: one/few/many (ru), one/other (en), other (kk)."""
    n = abs(int(n))
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if lang == "en":
        return "one" if n == 1 else "other"
    return "other"  # Kazakh: "1 сұрақ", "5 сұрақ"


def t(key: str, lang: str, **params: Any) -> str:
    """Return string key in lang with params filled in ({kk, ru, en} params resolved to lang)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    try:
        entry = strings()[key]
    except KeyError:
        raise KeyError(f"no UI string {key!r} in data/ui.yaml") from None
    values = {k: text(v, lang) if isinstance(v, Mapping) else v for k, v in params.items()}
    value = entry[lang]
    if isinstance(value, Mapping):
        count = entry.get("count", "n")
        if count not in values:
            raise KeyError(f"UI string {key!r} needs the count {count!r} to choose its plural form")
        value = value[plural_form(values[count], lang)]
    return value.format(**values)


def plural(key: str, n: int, lang: str, **params: Any) -> str:
    """Return the counted string key for n in lang ("5 вопросов")."""
    count = strings().get(key, {}).get("count", "n")
    return t(key, lang, **{**params, count: n})


def sentence_refs(numbers: Sequence[int], lang: str) -> str:
    """Return the "Essay, sentence 4" / "sentences 4, 5" label; Kazakh ordinals keep each hyphen (3-, 8-)."""
    key = "essay_sentence" if len(numbers) == 1 else "essay_sentences"
    return t(key, lang, refs=("-, " if lang == "kk" else ", ").join(str(n) for n in numbers))


def render(msg: Msg, lang: str) -> str:
    """Return a checker message as text in lang."""
    return t(msg.key, lang, **msg.params)
