"""All lessons under nbval against as many floor notebooks of the same shapes, as `make unit` runs them."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO, floor_notebook, ratio, shape, step


def unit_options() -> list[str]:
    """Return the pytest options `make unit` passes, read from the Makefile (one home)."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^unit:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    if recipe is None:
        raise RuntimeError("no unit: target in the Makefile")
    words = recipe.group(1).replace("\\\n", " ").split()
    words = words[words.index("pytest") + 1 :]
    keep, skip_next = [], False
    for word in words:  # drop the paths and the marker filter; keep every nbval/xdist option
        if skip_next:
            skip_next = False
        elif word == "-m":
            skip_next = True
        elif word.startswith("-") or (keep and keep[-1] in ("-n", "--dist")):
            keep.append(word)
    return keep


def nbval(paths: list[Path], cwd: Path, options: list[str], *extra: str) -> tuple[float, int]:
    """Run the notebooks under nbval; return (seconds, exit code)."""
    cmd = [sys.executable, "-m", "pytest", *options, "-p", "no:cacheprovider", "-q", *extra,
           *map(str, paths)]  # fmt: skip
    began = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    return time.monotonic() - began, done.returncode


def measure(ctx) -> dict:
    """Lessons, floors, floors, lessons: the best of two for each, so a busy moment on a shared
    machine does not land on one side only."""
    options = unit_options()
    where = ctx.tmp / "nbval"
    where.mkdir(exist_ok=True)
    # one file per lesson: pytest would collect a path given twice only once
    floors = [floor_notebook(where / f"floor-{i:02d}.ipynb", *shape(lesson.notebook))
              for i, lesson in enumerate(ctx.lessons)]  # fmt: skip
    ini = where / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    floor_args = ("-c", str(ini), "--rootdir", str(where))
    notebooks = [lesson.notebook for lesson in ctx.lessons]
    ours, floor = [], []
    for turn in ("lessons", "floor", "floor", "lessons"):
        step(f"nbval: {turn} ({' '.join(options)})")
        if turn == "lessons":
            seconds, code = nbval(notebooks, ctx.base, options)
            ours.append(seconds)
        else:
            seconds, code = nbval(floors, where, options, *floor_args)
            floor.append(seconds)
        if code:
            ctx.problems.append(f"nbval on the {turn} exited {code}")
    return {
        "nbval_seconds": round(min(ours), 1),
        "nbval_floor_seconds": round(min(floor), 1),
        "nbval_ratio": ratio(min(ours), min(floor)),
        "nbval_options": " ".join(options),
    }
