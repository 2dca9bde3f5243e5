"""Rules one content file keeps on its own, beyond its schema: placeholders, ids, real dates."""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._data import DataError, check_unique
from ._dates import parse_date
from ._load import load

if TYPE_CHECKING:
    from ._validate import Run

GEOJSON = "geo/post-soviet.geojson"


def _real_date(file: str, entry: str, field: str, value: str) -> None:
    try:
        parse_date(value)
    except ValueError:
        raise DataError(file, entry, field, f"a real calendar date, got {value!r}") from None


def _fields(file: str, key: str, field: str, value: str) -> frozenset[str]:
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(value) if name)
    except ValueError as exc:  # a lone "{" or "}": the lesson would fail to show the string
        raise DataError(file, key, field, f"text with balanced {{placeholders}} ({exc})") from None


def ui(run: Run) -> Any:
    """Return data/ui.yaml; every language of a string has the Kazakh text's placeholders."""
    doc, file = load("ui", run.root), run.file("ui")
    # A placeholder misspelt in one language ({pth} for {path}) fails only when a student meets
    # that string in that language, inside a button's callback where nobody sees the error.
    for key, entry in doc["strings"].items():
        forms = {
            f"{lang}.{form}" if form else lang: value
            for lang in ("kk", "ru", "en")
            for form, value in (
                entry[lang].items() if isinstance(entry[lang], dict) else [("", entry[lang])]
            )
        }
        fields = {where: _fields(file, key, where, value) for where, value in forms.items()}
        first = fields["kk"] if "kk" in fields else next(iter(fields.values()))
        for where, names in fields.items():
            if names != first:
                expected = (
                    f"the placeholders of the Kazakh text {sorted(first)}, got {sorted(names)}"
                )
                raise DataError(file, key, where, expected)
    return doc


def glossary(run: Run) -> Any:
    """Return the glossary; term ids are unique and see_also names glossary terms."""
    doc, file = load("glossary", run.root), run.file("glossary")
    check_unique(doc["terms"], "id", file)
    ids = {term["id"] for term in doc["terms"]}
    for term in doc["terms"]:
        for other in term.get("see_also", ()):
            if other not in ids:
                raise DataError(
                    file, term["id"], "see_also", f"glossary ids ({other!r} is not one)"
                )
    return doc


def essay(run: Run) -> Any:
    """Return the essay, its sections and sentences checked."""
    from ._essay import load_essay

    return load_essay(run.root)


def _geojson(run: Run, states: Iterable[str]) -> None:
    path, name = run.root / GEOJSON, f"data/{GEOJSON}"
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DataError(name, "(file)", "(file)", "the file is missing") from None
    except UnicodeDecodeError as exc:
        raise DataError(name, "(file)", "(file)", f"UTF-8 text (byte {exc.start} is not)") from None
    except json.JSONDecodeError as exc:
        raise DataError(name, f"line {exc.lineno}", "(json)", f"valid JSON ({exc.msg})") from None
    try:
        drawn = {feature["properties"]["iso3"] for feature in doc["features"]}
    except (KeyError, TypeError):
        raise DataError(name, "(top)", "features", "features that each name their iso3") from None
    for iso3 in states:
        if iso3 not in drawn:
            raise DataError(name, iso3, "features", "a feature with this iso3 to draw the state")


def members(run: Run) -> Any:
    """Return the membership data; its dates are real and the map draws every state."""
    from ._membership import load_members

    doc, file = load("members", run.root), run.file("members")
    _real_date(file, "(top)", "as_of", doc["as_of"])
    for org, spec in doc["orgs"].items():
        for i, moment in enumerate(spec["moments"]):
            _real_date(file, org, f"moments.{i}.date", moment["date"])
    for state in doc["states"]:
        for org in doc["orgs"]:
            for i, period in enumerate(state.get(org, ())):
                for key in ("from", "to"):
                    if key in period:
                        _real_date(file, state["iso3"], f"{org}.{i}.{key}", period[key])
    members = load_members(run.root)
    _geojson(run, [state["iso3"] for state in members["states"]])
    return members
