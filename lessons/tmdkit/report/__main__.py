"""`python -m tmdkit.report FOLDER [--out DIR] [--lang kk|ru|en]`: the class report as files.

Each run writes into a new folder inside DIR named by its date and time, so an earlier report is
never overwritten; DIR may not be, or be inside, the results folder it reads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._data import LANGS
from .._i18n import t
from .load import load_folder
from .output import InsideResults, write_report
from .tables import build


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
    try:
        out, written = write_report(loaded, build(loaded), lang, args.out, [args.folder])
    except InsideResults:
        print(t("report_out_inside_results", lang, results=args.folder), file=sys.stderr)
        return 1
    except OSError as exc:  # --out names a file, a read-only folder, a full disk
        where = exc.filename or args.out
        message = t("report_write_failed", lang, path=where)
        print(f"{message} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if not loaded.files:
        print(t("report_cli_no_files", lang, path=args.folder), file=sys.stderr)
    counts = {
        "files": loaded.files,
        "counted": len(loaded.submissions),
        "skipped": len(loaded.skipped),
        "superseded": len(loaded.superseded),
    }
    print(t("report_cli_counted", lang, **counts))
    for p in loaded.skipped:
        print(f"  {p.path}: {t(p.key, lang)} {p.detail}".rstrip())
    print(t("report_out_written", lang, path=out.resolve(), n=len(written)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
