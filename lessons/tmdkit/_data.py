"""What every content module shares: the data folder, its languages, DataError and text()."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import _bundle

DATA = _bundle.DATA or Path(__file__).resolve().parents[2] / "data"
LANGS = ("kk", "ru", "en")


class DataError(ValueError):
    """A content file is malformed: names the file, the entry, the field and what was expected."""

    def __init__(self, file: str | Path, entry: str, field: str, expected: str) -> None:
        self.file, self.entry, self.field, self.expected = str(file), entry, field, expected
        super().__init__(f'{self.file}: {entry}: field "{field}": {expected}')


def relative(path: Path, root: Path = DATA) -> str:
    """Return the path as a teacher sees it from the repository root (data/...)."""
    try:
        return str(Path("data") / path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check_unique(entries: Iterable[Mapping[str, Any]], key: str, file: str) -> None:
    """Raise DataError if two entries share the same value of key."""
    seen: set[Any] = set()
    for entry in entries:
        value = entry[key]
        if value in seen:
            raise DataError(file, str(value), key, "a unique value (this one is used twice)")
        seen.add(value)


def text(value: Mapping[str, str], lang: str) -> str:
    """Return the text of a {kk, ru, en} mapping in lang, falling back to Kazakh."""
    return value.get(lang) or value["kk"]
