"""`python -m tmdkit check`: run every rule on the content in data/ and say what is wrong, where."""

from __future__ import annotations

import sys
from pathlib import Path

from ._data import DATA


def _label(name: str) -> str:
    from ._validate import label

    if name == "quizzes":
        return "data/quizzes/ (item ids across files, a file for every lesson)"
    return label(name) + (f" and lessons/{name[-2:]}/" if name.startswith("translations/") else "")


def check(root: Path = DATA) -> int:
    """Run every rule a lesson runs on data/; print one line per file; return the error count."""
    from ._validate import report

    errors = 0
    for name, found, blocked in report(root):
        if blocked:
            print(f"… {_label(name)}: not checked, it needs a file with an error above")
        for error in found:
            print(f"✘ {error}")
        if not found and not blocked:
            print(f"✔ {_label(name)}")
        errors += len(found)
    print("OK: every content file is valid." if not errors else f"{errors} error(s) to fix.")
    return errors


def translations(argv: list[str]) -> int:
    """Build, check or stamp the Russian and English lesson sets."""
    from . import _translate as tr

    action, langs = (argv[:1] or ["check"])[0], argv[1:] or list(tr.TARGETS)
    if action == "build":
        for lang in langs:
            for path in tr.write(lang):
                print(f"wrote {path.relative_to(tr.LESSONS.parent)}")
        return 0
    if action == "stamp":  # stamp LANG [KEY ...]: after (re)translating those cells
        lang, keys = langs[0], tuple(langs[1:])
        print(f"{lang}: {tr.stamp(lang, keys)} entries stamped")
        return 0
    found = [line for lang in langs for line in tr.problems(lang) + tr.outdated(lang)]
    print("\n".join(found) or "OK: every Kazakh cell has an up-to-date translation.")
    return 1 if found else 0


def readme(argv: list[str]) -> int:
    """Regenerate the README's lesson tables from data/lessons.yaml, or check them (readme check)."""
    from . import _readme

    if argv[:1] == ["check"]:
        stale = _readme.outdated()
        print(
            "README.md: lesson tables out of date (run make readme)" if stale else "OK: README.md"
        )
        return 1 if stale else 0
    print("wrote README.md" if _readme.write() else "README.md already up to date")
    return 0


def html(argv: list[str]) -> int:
    """Write the printable static version of the lessons into build/html/<lang>/."""
    from ._print import build

    for lang in argv or ["kk", "ru", "en"]:
        pages = build(DATA.parent / "build" / "html" / lang, lang)
        print(f"{lang}: {len(pages)} pages in build/html/{lang}/")
    return 0


USAGE = (
    "usage: python -m tmdkit check [DATA_FOLDER] | html [kk|ru|en ...] | readme [check]"
    " | translations [check|build] [ru|en ...] | translations stamp ru|en [NOTEBOOK/CELL ...]"
)


def main(argv: list[str]) -> int:
    """Run the command line."""
    if argv[:1] == ["check"]:  # check [DATA_FOLDER]: a copy of data/ being edited elsewhere
        root = Path(argv[1]) if len(argv) > 1 else DATA
        if not (root / "schemas").is_dir():
            print(f"{root}: not a data folder (it has no schemas/ folder)", file=sys.stderr)
            return 2
        return 1 if check(root) else 0
    if argv[:1] == ["html"]:
        return html(argv[1:])
    if argv[:1] == ["readme"]:
        return readme(argv[1:])
    if argv[:1] == ["translations"]:
        return translations(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
