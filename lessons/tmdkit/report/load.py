"""Read a folder of results files: keep the valid ones, list every other file with its reason."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .. import _content as content
from .parse import FORMAT2_FIELDS, Skip, Submission, parse

log = logging.getLogger("tmdkit")


@dataclass(frozen=True)
class Problem:
    """A file the report skipped or counted with a caveat: a ui.yaml key and its values."""

    path: Path
    key: str
    detail: str = ""


@dataclass
class Loaded:
    """Everything read from a folder: what counts, and what a teacher should know about."""

    folder: Path
    found: bool = True  # False when the folder does not exist
    submissions: list[Submission] = field(default_factory=list)  # latest per student and lesson
    skipped: list[Problem] = field(default_factory=list)  # broken, foreign, tampered: not counted
    superseded: list[Problem] = field(default_factory=list)  # earlier copies: shown, not counted
    notes: list[Problem] = field(default_factory=list)  # counted, with a caveat (old format...)

    @property
    def files(self) -> int:
        """Return how many results files were looked at."""
        return len(self.submissions) + len(self.skipped) + len(self.superseded)


def results_files(folder: Path) -> list[Path]:
    """Return the .json files under folder, subfolders included, hidden and temporary ones not."""
    return sorted(
        p
        for p in folder.rglob("*.json")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _version(known: dict[str, str], lesson: str) -> str:
    if lesson not in known:  # hashing a bank costs a millisecond: once per lesson, not per file
        known[lesson] = content.bank_version(lesson)
    return known[lesson]


def load_folder(folder: Path) -> Loaded:
    """Read every results file under folder; the latest file per student and lesson counts."""
    folder = Path(folder)
    loaded = Loaded(folder, found=folder.is_dir())
    if not loaded.found:
        return loaded
    groups: dict[tuple[str, str], list[Submission]] = {}
    versions: dict[str, str] = {}
    for path in results_files(folder):
        try:
            sub = parse(path, path.read_bytes())
        except Skip as why:
            loaded.skipped.append(Problem(path, why.key, why.detail))
            continue
        except OSError as exc:
            loaded.skipped.append(Problem(path, "report_skip_unreadable", exc.strerror or ""))
            continue
        except Exception as exc:  # a file no rule foresaw still never stops the report
            log.exception("class report: %s could not be read", path)
            loaded.skipped.append(Problem(path, "report_skip_broken", type(exc).__name__))
            continue
        if sub.format == 1:
            loaded.notes.append(Problem(path, "report_note_old_format", ", ".join(FORMAT2_FIELDS)))
        elif sub.bank_version != _version(versions, sub.lesson):
            loaded.notes.append(Problem(path, "report_note_bank_changed", sub.lesson))
        groups.setdefault((sub.lesson, sub.student), []).append(sub)
    for subs in groups.values():
        # The latest counts; a tie (a copied file) goes to the file name that sorts last.
        *earlier, kept = sorted(subs, key=lambda s: (s.time, str(s.path)))
        loaded.submissions.append(kept)
        loaded.superseded += [Problem(s.path, "report_superseded", kept.path.name) for s in earlier]
    loaded.submissions.sort(key=lambda s: (s.lesson, s.student))
    return loaded
