"""A classroom: N kernels at once, kernel i running lesson i mod len; memory measured while all live."""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import step
from kernels import Hold, memory, run_kernel

CLASSROOM_MAX = 60  # kernels; more would swap a teacher's laptop rather than measure it


def _spread(values: list[float], name: str) -> dict:
    if not values:
        return {}
    return {f"{name}_mib_per_kernel_median": round(statistics.median(values), 1),
            f"{name}_mib_per_kernel_max": max(values), f"{name}_mib_total": round(sum(values), 1)}  # fmt: skip


async def classroom(notebooks: list[Path], n: int, timeout: float) -> dict:
    """All stop once the last is done, or when the timeout runs out."""
    hold = Hold()
    began = time.monotonic()
    tasks = [asyncio.create_task(run_kernel(notebooks[i % len(notebooks)], hold)) for i in range(n)]
    wall = None
    while time.monotonic() - began < timeout:
        await asyncio.sleep(0.2)
        failed = sum(t.done() and (t.cancelled() or t.exception() is not None) for t in tasks)
        if len(hold.arrived) + failed >= n:
            wall = time.monotonic() - began
            break
    # Measured again now that every kernel is alive: PSS splits the pages they share between them.
    live = [memory(r.pop("pid")) for r in hold.arrived]
    hold.release.set()
    _, pending = await asyncio.wait(tasks, timeout=120)
    for task in pending:  # cancelling runs nbclient's cleanup, which stops the kernel
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=60)
    return {
        "kernels": n,
        "completed": len(hold.arrived),
        "timed_out": wall is None,
        "wall_seconds": round(wall if wall is not None else timeout, 1),
        **_spread([m["rss_mib"] for m in live], "rss"),
        **_spread([m["pss_mib"] for m in live if "pss_mib" in m], "pss"),
        **_spread([m["uss_mib"] for m in live if "uss_mib" in m], "uss"),
    }


def measure(ctx) -> dict:
    """Run the classroom in a child process that is killed if it outlives the timeout (its
    kernels then exit on their own: ipykernel stops when its parent is gone)."""
    n, timeout = ctx.args.classroom, ctx.args.timeout
    step(f"classroom: {n} kernels at once")
    notebooks = [lesson.notebook for lesson in ctx.lessons]
    cmd = [sys.executable, str(Path(__file__).with_name("bench.py")), "--classroom-child",
           "--classroom", str(n), "--timeout", str(timeout), *map(str, notebooks)]  # fmt: skip
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout + 180, check=False
        )
    except subprocess.TimeoutExpired:
        return {"classroom": {"kernels": n, "completed": 0, "timed_out": True, "killed": True}}
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"classroom": {"kernels": n, "completed": 0, "error": done.stderr.strip()[-500:]}}
    return {"classroom": json.loads(lines[-1])}
