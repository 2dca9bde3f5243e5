"""Rules across content files: essay sentence numbers and sections, event, lesson and quiz ids."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._data import DATA, DataError, check_unique
from ._load import load

if TYPE_CHECKING:
    from ._validate import Run


def _numbers(file: str, entry: str, field: str, numbers: Iterable[int], count: int) -> None:
    for n in numbers:
        if not 1 <= n <= count:
            raise DataError(file, entry, field, f"essay sentence numbers 1..{count}, got {n}")


def events(run: Run) -> Any:
    """Return (events, lanes, eras); each event's essay sentences exist."""
    from ._events import load_timeline

    found, lanes, eras = load_timeline(run.root)
    count, file = run.sentences(), run.file("events")
    for event in found:
        _numbers(file, event.id, "essay", event.essay, count)
    return tuple(found), tuple(lanes), tuple(eras)


def lessons(run: Run) -> Any:
    """Return the lessons by stem; each section lesson presents the section the essay gives it."""
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


def factchecks(run: Run) -> Any:
    """Return the fact-check boxes; their sentences and events exist."""
    doc, file = load("factchecks", run.root), run.file("factchecks")
    check_unique(doc["checks"], "id", file)
    events, count = {e.id for e in run.get("events")[0]}, run.sentences()
    for box in doc["checks"]:
        _numbers(file, box["id"], "sentences", box["sentences"], count)
        for event in box["events"]:
            if event not in events:
                raise DataError(file, box["id"], "events", f"event ids ({event!r} is not one)")
    return doc


def keypoints(run: Run) -> Any:
    """Return the key points; each known error sends the student to a real lesson."""
    doc, file = load("keypoints", run.root), run.file("keypoints")
    check_unique(doc["points"], "id", file)
    errors = doc.get("errors", ())
    check_unique(errors, "id", file)
    listed = run.get("lessons")
    for error in errors:  # the essay's known errors each send the student to a lesson
        if error["lesson"] not in listed:
            raise DataError(file, error["id"], "lesson", "a lesson stem of data/lessons.yaml")
    return doc


def quiz(run: Run, stem: str) -> Any:
    """Return one lesson's quiz, its essay sentences and events checked; the lesson must exist."""
    from ._quizdata import load_quiz

    listed = run.get("lessons")
    if stem not in listed:
        file = run.file(f"quizzes/{stem}")
        raise DataError(file, "(top)", "lesson", "a lesson listed in data/lessons.yaml")
    return load_quiz(
        stem,
        run.root,
        event_ids={e.id for e in run.get("events")[0]},
        essay_optional=listed[stem]["kind"] in ("intro", "since"),
        sentences=run.sentences(),
    )


def quiz_stems(root: Path = DATA) -> list[str]:
    """Return the stems of the quiz files in data/quizzes/."""
    return [path.stem for path in sorted((root / "quizzes").glob("*.yaml"))]


def quizzes(run: Run) -> Any:
    """Return every quiz by stem; item ids are unique across them and no lesson lacks one."""
    from ._quizdata import check_ids_across

    found = {stem: run.get(f"quizzes/{stem}") for stem in quiz_stems(run.root)}
    check_ids_across(found, run.root)
    for stem in run.get("lessons"):
        if stem not in found:
            run.problems.append(
                DataError(run.file(f"quizzes/{stem}"), "(file)", "(file)", "the file is missing")
            )
    return found
