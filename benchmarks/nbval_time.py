"""All lessons under nbval against as many floor notebooks of the same shapes, as `make unit` runs them."""

from __future__ import annotations

import re
import resource
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


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def nbval(
    paths: list[Path], cwd: Path, options: list[str], *extra: str
) -> tuple[float, float, int]:
    """Run the notebooks under nbval; return (seconds, CPU seconds, exit code). The CPU time
    of pytest, its workers and their kernels (all reaped in turn) hardly moves with the load
    other programs put on the machine, so it is the steadier of the two."""
    cmd = [sys.executable, "-m", "pytest", *options, "-p", "no:cacheprovider", "-q", *extra,
           *map(str, paths)]  # fmt: skip
    began, cpu = time.monotonic(), _children_cpu()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    tail = done.stdout.strip().splitlines()[-1:] or [""]
    return time.monotonic() - began, _children_cpu() - cpu, done.returncode, tail[0][-200:]


def measure(ctx) -> dict:
    """Lessons, floors of their shapes, three-cell floors, and back: the best of two for each,
    so a busy moment on a shared machine does not land on one side only."""
    options = unit_options()
    where = ctx.tmp / "nbval"
    where.mkdir(exist_ok=True)
    # one file per lesson: pytest would collect a path given twice only once
    floors = [floor_notebook(where / f"floor-{i:02d}.ipynb", *shape(lesson.notebook))
              for i, lesson in enumerate(ctx.lessons)]  # fmt: skip
    # the floor this bench used until 2026-11: three cells each, whatever the lesson's length
    shorts = [floor_notebook(where / f"short-{i:02d}.ipynb") for i in range(len(ctx.lessons))]
    ini = where / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    floor_args = ("-c", str(ini), "--rootdir", str(where))
    notebooks = [lesson.notebook for lesson in ctx.lessons]
    runs: dict[str, list[float]] = {"lessons": [], "floor": [], "short floor": []}
    cpu: dict[str, list[float]] = {side: [] for side in runs}
    sides = {"lessons": (notebooks, ctx.base, ()), "floor": (floors, where, floor_args),
             "short floor": (shorts, where, floor_args)}  # fmt: skip
    for turn in ("lessons", "floor", "short floor", "short floor", "floor", "lessons"):
        step(f"nbval: {turn} ({' '.join(options)})")
        paths, cwd, extra = sides[turn]
        seconds, used, code, tail = nbval(paths, cwd, options, *extra)
        runs[turn].append(seconds)
        cpu[turn].append(used)
        if code:
            ctx.problems.append(f"nbval on the {turn} exited {code}: {tail}")
    ours, floor, short_floor = (min(runs[k]) for k in ("lessons", "floor", "short floor"))
    return {
        "nbval_seconds": round(ours, 1),
        "nbval_floor_seconds": round(floor, 1),
        "nbval_ratio": ratio(ours, floor),
        "nbval_short_floor_seconds": round(short_floor, 1),
        "nbval_short_floor_ratio": ratio(ours, short_floor),
        "nbval_cpu_seconds": round(min(cpu["lessons"]), 1),
        "nbval_floor_cpu_seconds": round(min(cpu["floor"]), 1),
        "nbval_cpu_ratio": ratio(min(cpu["lessons"]), min(cpu["floor"])),
        "nbval_short_floor_cpu_ratio": ratio(min(cpu["lessons"]), min(cpu["short floor"])),
        "nbval_options": " ".join(options),
    }
