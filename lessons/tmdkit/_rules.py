"""The rules of each content file: what a schema cannot say (ids, references, dates, the essay)."""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._data import DATA, DataError, check_unique
from ._dates import parse_date
from ._load import load

if TYPE_CHECKING:
    from ._validate import Run

GEOJSON = "geo/post-soviet.geojson"
FILES = ("ui", "glossary", "essay", "events", "members", "lessons", "factchecks", "keypoints")


def _numbers(file: str, entry: str, field: str, numbers: Iterable[int], count: int) -> None:
    for n in numbers:
        if not 1 <= n <= count:
            raise DataError(file, entry, field, f"essay sentence numbers 1..{count}, got {n}")


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


def _ui(run: Run) -> Any:
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


def _glossary(run: Run) -> Any:
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


def _essay(run: Run) -> Any:
    from ._essay import load_essay

    return load_essay(run.root)


def _events(run: Run) -> Any:
    from ._events import load_timeline

    events, lanes, eras = load_timeline(run.root)
    count, file = run.sentences(), run.file("events")
    for event in events:
        _numbers(file, event.id, "essay", event.essay, count)
    return tuple(events), tuple(lanes), tuple(eras)


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


def _members(run: Run) -> Any:
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


def _lessons(run: Run) -> Any:
    doc, file = load("lessons", run.root), run.file("lessons")
    check_unique(doc["lessons"], "stem", file)
    sections = {s.id: s for s in run.get("essay").sections}
    shown: dict[str, str] = {}
    for lesson in doc["lessons"]:
        stem, kind, section = lesson["stem"], lesson["kind"], lesson["section"]
        if (kind == "section") != (section is not None):
            raise DataError(
                file, stem, "section", "an essay section id for kind section, else null"
            )
        if section is None:
            continue
        if section not in sections:
            raise DataError(
                file, stem, "section", f"one of the essay's sections {sorted(sections)}"
            )
        if section in shown:
            raise DataError(
                file, stem, "section", f"a section no other lesson has ({shown[section]})"
            )
        if sections[section].stem != stem:
            where = f"data/essay/essay.yaml gives section {section!r} to {sections[section].stem}"
            raise DataError(file, stem, "section", f"the section the essay gives it ({where})")
        shown[section] = stem
    for section in sections:
        if section not in shown:
            raise DataError(file, "(top)", "lessons", f"a lesson of kind section for {section!r}")
    return {lesson["stem"]: lesson for lesson in doc["lessons"]}


def _factchecks(run: Run) -> Any:
    doc, file = load("factchecks", run.root), run.file("factchecks")
    check_unique(doc["checks"], "id", file)
    events, count = {e.id for e in run.get("events")[0]}, run.sentences()
    for box in doc["checks"]:
        _numbers(file, box["id"], "sentences", box["sentences"], count)
        for event in box["events"]:
            if event not in events:
                raise DataError(file, box["id"], "events", f"event ids ({event!r} is not one)")
    return doc


def _keypoints(run: Run) -> Any:
    doc, file = load("keypoints", run.root), run.file("keypoints")
    check_unique(doc["points"], "id", file)
    errors = doc.get("errors", ())
    check_unique(errors, "id", file)
    lessons = run.get("lessons")
    for error in errors:  # the essay's known errors each send the student to a lesson
        if error["lesson"] not in lessons:
            raise DataError(file, error["id"], "lesson", "a lesson stem of data/lessons.yaml")
    return doc


def _quiz(run: Run, stem: str) -> Any:
    from ._quizdata import load_quiz

    lessons = run.get("lessons")
    if stem not in lessons:
        file = run.file(f"quizzes/{stem}")
        raise DataError(file, "(top)", "lesson", "a lesson listed in data/lessons.yaml")
    return load_quiz(
        stem,
        run.root,
        event_ids={e.id for e in run.get("events")[0]},
        essay_optional=lessons[stem]["kind"] in ("intro", "since"),
        sentences=run.sentences(),
    )


def quiz_stems(root: Path = DATA) -> list[str]:
    """Return the stems of the quiz files in data/quizzes/."""
    return [path.stem for path in sorted((root / "quizzes").glob("*.yaml"))]


def _quizzes(run: Run) -> Any:
    from ._quizdata import check_ids_across

    quizzes = {stem: run.get(f"quizzes/{stem}") for stem in quiz_stems(run.root)}
    check_ids_across(quizzes, run.root)
    for stem in run.get("lessons"):
        if stem not in quizzes:
            run.problems.append(
                DataError(run.file(f"quizzes/{stem}"), "(file)", "(file)", "the file is missing")
            )
    return quizzes


def _translations(run: Run, lang: str) -> Any:
    from . import _translate

    lessons = run.root.parent / "lessons"
    found = _translate.issues(lang, run.root, lessons)
    # A catalog with gaps cannot build the notebooks; those errors already say what to do.
    run.problems += found or _translate.outdated_issues(lang, run.root, lessons)


RULES: dict[str, Callable[[Run], Any]] = {
    "ui": _ui,
    "glossary": _glossary,
    "essay": _essay,
    "events": _events,
    "members": _members,
    "lessons": _lessons,
    "factchecks": _factchecks,
    "keypoints": _keypoints,
    "quizzes": _quizzes,
}


def rule(name: str) -> Callable[[Run], Any]:
    """Return the rule of one name: a file under data/ without .yaml, or a group of files."""
    group, _, part = name.partition("/")
    if group == "quizzes" and part:
        return lambda run: _quiz(run, part)
    if group == "translations" and part:
        return lambda run: _translations(run, part)
    return RULES[name]
