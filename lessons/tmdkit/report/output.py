"""Where a class report is written: one new folder per report, never inside the results it reads.

Both `make report` and `report.export()` in the notebook come here, so neither overwrites an
earlier report (a teacher may have annotated its CSV files) or mixes it with students' files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from .export import export
from .load import Loaded
from .tables import Tables


class InsideResults(ValueError):
    """The output folder asked for is, or is inside, a results folder the report reads."""

    def __init__(self, out: Path, results: Path) -> None:
        super().__init__(f"{out} is inside the results folder {results}")
        self.out, self.results = out, results


def inside(out: Path, folder: Path) -> bool:
    """Return whether out is folder itself or a folder inside it (links resolved)."""
    out, folder = out.resolve(), folder.resolve()
    return out == folder or folder in out.parents


def new_folder(out: Path, now: dt.datetime | None = None) -> Path:
    """Create and return a folder inside out that did not exist before, named by the time."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
    out.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        candidate = out / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            candidate.mkdir()  # exclusive: two reports in one second get two folders
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(out / stamp)


def report_folder(out: Path, results: Iterable[Path]) -> Path:
    """Return a new, empty folder for one report inside out; InsideResults if out is refused."""
    for folder in results:
        if inside(out, folder):
            raise InsideResults(out, folder)
    return new_folder(out)


def write_report(
    loaded: Loaded, tables: Tables, lang: str, out: Path, results: Iterable[Path]
) -> tuple[Path, list[Path]]:
    """Write the report into a new folder inside out; return that folder and the files written.

    Raises InsideResults when out is inside one of the results folders, OSError when it cannot
    be written (a file in the way, a read-only folder, a full disk).
    """
    folder = report_folder(out, results)
    return folder, export(loaded, tables, lang, folder)
