"""The first lesson a student opens, in a fresh kernel: with an empty content cache, then warm."""

from __future__ import annotations

import asyncio
import os
import tempfile

from _common import ratio, step
from kernels import run_kernel


def measure(ctx) -> dict:
    """Cold: TMD_CACHE_DIR points at a new empty folder, so every content file is parsed and
    validated; warm: the same lesson again, reading the copies the cold run left. Best of two
    each (two empty folders for cold), from kernel start to the last cell done."""
    first = ctx.lessons[0]
    step(f"cold and warm cache: {first.name}")
    cold, warm, floors = [], [], []
    for _ in range(2):  # cold, warm and floor side by side, so each pair sees the same load
        with tempfile.TemporaryDirectory(prefix="tmd-cold-cache-") as cache:
            env = {**os.environ, "TMD_CACHE_DIR": cache}
            cold.append(asyncio.run(run_kernel(first.notebook, name=first.name, env=env)))
            warm.append(asyncio.run(run_kernel(first.notebook, name=first.name, env=env)))
        floors.append(asyncio.run(run_kernel(ctx.floor_like(first.notebook))))
    floor = min(floors, key=lambda r: r["seconds"])
    cold_s, warm_s = min(r["seconds"] for r in cold), min(r["seconds"] for r in warm)
    return {
        "first_lesson": first.name,
        "first_lesson_cold_seconds": cold_s,
        "first_lesson_warm_seconds": warm_s,
        "first_lesson_floor_seconds": floor["seconds"],
        "first_lesson_cold_ratio": ratio(cold_s, floor["seconds"]),
        "first_lesson_warm_ratio": ratio(warm_s, floor["seconds"]),
        "first_lesson_cold_cells_seconds": min(r["cells_seconds"] for r in cold),
        "first_lesson_warm_cells_seconds": min(r["cells_seconds"] for r in warm),
        "first_lesson_floor_cells_seconds": floor["cells_seconds"],
    }
