"""`python -m tmdkit check`: validate every content file in data/ and say what is wrong, where."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._data import DATA, DataError, load


def _checks(root: Path) -> list[tuple[str, Callable[[], Any]]]:
    from ._essay import load_essay
    from ._events import load_events
    from ._quizdata import load_all

    def quizzes() -> Any:
        return load_all(root, event_ids={e.id for e in load_events(root)})

    plain = ["ui", "glossary", "members", "lessons", "factchecks", "keypoints"]
    return [
        ("data/essay/essay.yaml", lambda: load_essay(root)),
        ("data/events.yaml", lambda: load_events(root)),
        ("data/quizzes/*.yaml", quizzes),
        *((f"data/{name}.yaml", lambda name=name: load(name, root)) for name in plain),
    ]


def check(root: Path = DATA) -> int:
    """Validate every content file; print one line per file; return the number of broken files."""
    broken = 0
    for label, run in _checks(root):
        try:
            run()
        except DataError as exc:
            broken += 1
            print(f"✘ {exc}")
        else:
            print(f"✔ {label}")
    print("OK: every content file is valid." if not broken else f"{broken} file(s) need fixing.")
    return broken


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


def html(argv: list[str]) -> int:
    """Write the printable static version of the lessons into build/html/<lang>/."""
    from ._print import build

    for lang in argv or ["kk", "ru", "en"]:
        pages = build(DATA.parent / "build" / "html" / lang, lang)
        print(f"{lang}: {len(pages)} pages in build/html/{lang}/")
    return 0


USAGE = (
    "usage: python -m tmdkit check | html [kk|ru|en ...]"
    " | translations [check|build] [ru|en ...] | translations stamp ru|en [NOTEBOOK/CELL ...]"
)


def main(argv: list[str]) -> int:
    """Run the command line."""
    if argv[:1] == ["check"]:
        return 1 if check() else 0
    if argv[:1] == ["html"]:
        return html(argv[1:])
    if argv[:1] == ["translations"]:
        return translations(argv[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
