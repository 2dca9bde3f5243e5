"""`python -m tmdkit.report FOLDER [--out DIR] [--lang kk|ru|en]`: the class report as files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._data import LANGS
from .._i18n import t
from .export import export
from .load import load_folder
from .tables import build


def main(argv: list[str]) -> int:
    """Read FOLDER, write the CSV tables and report.html into --out, print where they are."""
    parser = argparse.ArgumentParser(prog="python -m tmdkit.report", description=__doc__)
    parser.add_argument("folder", type=Path, help="the folder of students' results files")
    parser.add_argument("--out", type=Path, default=Path("build/report"))
    parser.add_argument("--lang", choices=LANGS, default="kk")
    args = parser.parse_args(argv)
    loaded = load_folder(args.folder)
    if not loaded.found:
        what = "not a folder" if args.folder.exists() else "no such folder"
        print(f"{what}: {args.folder}", file=sys.stderr)
        return 1
    if not loaded.files:
        print(f"no results files in {args.folder}: the report below is empty", file=sys.stderr)
    try:
        written = export(loaded, build(loaded), args.lang, args.out)
    except OSError as exc:  # --out names a file, a read-only folder, a full disk
        where = exc.filename or args.out
        print(f"cannot write the report into {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(
        f"{len(loaded.submissions)} of {loaded.files} files counted"
        f" ({len(loaded.skipped)} skipped, {len(loaded.superseded)} earlier copies)."
    )
    for p in loaded.skipped:
        print(f"  {p.path}: {t(p.key, args.lang)} {p.detail}".rstrip())
    print(f"Report written to {args.out.resolve()}/ ({len(written)} files; open report.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
