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


def main(argv: list[str]) -> int:
    """Run the command line."""
    if argv[:1] != ["check"]:
        print("usage: python -m tmdkit check", file=sys.stderr)
        return 2
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
