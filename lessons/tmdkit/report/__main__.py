"""`python -m tmdkit.report FOLDER [--out DIR] [--lang kk|ru|en]`: the class report as files.

Each run writes into a new folder inside DIR named by its date and time, so an earlier report is
never overwritten; DIR may not be, or be inside, the results folder it reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .._data import LANGS
from .._i18n import t
from .export import export
from .load import load_folder
from .tables import build


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
            candidate.mkdir()  # exclusive: two runs in one second get two folders
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(out / stamp)


def main(argv: list[str]) -> int:
    """Read FOLDER, write the CSV tables and report.html into a new folder in --out, say where."""
    parser = argparse.ArgumentParser(prog="python -m tmdkit.report", description=__doc__)
    parser.add_argument("folder", type=Path, help="the folder of students' results files")
    parser.add_argument("--out", type=Path, default=Path("build/report"))
    parser.add_argument("--lang", choices=LANGS, default="kk")
    args = parser.parse_args(argv)
    lang = args.lang
    loaded = load_folder(args.folder)
    if not loaded.found:
        key = "report_cli_not_folder" if args.folder.exists() else "report_cli_no_folder"
        print(t(key, lang, path=args.folder), file=sys.stderr)
        return 1
    if inside(args.out, args.folder):
        print(t("report_cli_inside_results", lang, results=args.folder), file=sys.stderr)
        return 1
    if not loaded.files:
        print(t("report_cli_no_files", lang, path=args.folder), file=sys.stderr)
    try:
        out = new_folder(args.out)
        written = export(loaded, build(loaded), lang, out)
    except OSError as exc:  # --out names a file, a read-only folder, a full disk
        where = exc.filename or args.out
        message = t("report_write_failed", lang, path=where)
        print(f"{message} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    counts = {
        "files": loaded.files,
        "counted": len(loaded.submissions),
        "skipped": len(loaded.skipped),
        "superseded": len(loaded.superseded),
    }
    print(t("report_cli_counted", lang, **counts))
    for p in loaded.skipped:
        print(f"  {p.path}: {t(p.key, lang)} {p.detail}".rstrip())
    print(t("report_cli_written", lang, path=out.resolve(), n=len(written)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
