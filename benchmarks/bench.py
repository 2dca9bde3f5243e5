"""Measure what the lessons cost next to a bare plotly + ipywidgets floor; print a table and
write benchmarks/results.json. A report, not a test: it never fails on a slow number.
Each measurement is its own module here; this file only runs them in order."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _browser
import classroom
import cold_warm
import footprint
import kernels
import latency
import nbval_time
import report
import run_all
from _common import REPO, Context, step

from tests.browser import _lab

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
BASELINE = HERE / "baseline.json"
# Measurements other parts of the project may add: benchmarks/<name>.py with measure() -> dict.
OPTIONAL = ("lite", "class_report")
STEPS = ("kernels", "cold_warm", "nbval", "browser", "footprint", "classroom", "optional")


def warm_cache() -> None:
    """Fill the bench's own content cache (every file validated once), so 'warm' means warm."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "lessons")}
    subprocess.run([sys.executable, "-m", "tmdkit", "check"], env=env, cwd=REPO,
                   capture_output=True, check=True)  # fmt: skip


def optional(res: dict) -> None:
    """Run each optional measurement that exists; say so when one does not."""
    for name in OPTIONAL:
        if not (HERE / f"{name}.py").exists():
            print(f"skipped: benchmarks/{name}.py is not here", file=sys.stderr)
            continue
        step(f"optional: benchmarks/{name}.py")
        # Loaded under another name: benchmarks/lite.py itself imports the repository's lite package.
        spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found = module.measure()
        res.setdefault("optional_keys", {})[name] = sorted(found)
        res |= found


def measure(args: argparse.Namespace) -> dict:
    base = _lab.root()
    lessons = _lab.lessons(base)
    if not lessons:
        raise SystemExit(f"no lessons under {base}/lessons")
    res: dict = {"lessons": [lesson.name for lesson in lessons]}
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tmd-bench-") as tmp:
        ctx = Context(base, lessons, Path(tmp), args)
        served = ctx.served
        os.environ["TMD_CACHE_DIR"] = str(Path(tmp) / "cache")  # kernels, nbval and Lab inherit it
        warm_cache()

        def run(name: str, job) -> None:
            if name not in args.only:
                return
            began = time.monotonic()
            try:
                res.update(job())
            except Exception as exc:  # a report: say what broke and go on
                ctx.problems.append(f"{name}: {exc!r}"[:500])
            timings[name] = round(time.monotonic() - began, 1)

        def browser() -> dict:
            out: dict = {}
            with _browser.session(ctx) as (lab, chromium, started):
                out["lab_start_seconds"] = started
                out |= latency.measure(ctx, lab, chromium)
                out |= run_all.measure(ctx, lab, chromium)
            return out

        def with_baseline(found: dict) -> dict:
            # Beside the counts just measured, never a partial run's empty ones (--only).
            base_counts = json.loads(BASELINE.read_text("utf-8"))["widgets_baseline_by_lesson"]
            now = found.get("widgets_by_lesson", {})
            return found | {"widgets_baseline_by_lesson": base_counts,
                            "widgets_ratio_to_baseline_by_lesson": {
                                k: round(v / base_counts[k], 2) for k, v in now.items()
                                if v is not None and base_counts.get(k)}}  # fmt: skip

        try:
            run("kernels", lambda: with_baseline(kernels.measure(ctx)))
            run("cold_warm", lambda: cold_warm.measure(ctx))
            run("nbval", lambda: nbval_time.measure(ctx))
            run("browser", browser)
            run("footprint", lambda: footprint.measure(ctx))
            if args.classroom:
                run("classroom", lambda: classroom.measure(ctx))
            run("optional", lambda: optional(res) or {})
        finally:
            shutil.rmtree(served, ignore_errors=True)
            with contextlib.suppress(OSError):  # leave artifacts/ as it was
                served.parent.rmdir()
    res["problems"] = res.pop("problems", []) + ctx.problems
    res["bench_seconds_by_step"] = timings
    res["cache_by_figure"] = {k: report.cache_state(k) for k in res if k not in report.META}
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classroom", type=int, default=30, metavar="N",
                        help=f"kernels run at once (0 skips; at most {classroom.CLASSROOM_MAX})")  # fmt: skip
    parser.add_argument("--clicks", type=int, default=20, help="feedback clicks per side (>= 20)")
    parser.add_argument("--timeout", type=float, default=300, help="classroom time limit, s")
    parser.add_argument("--only", default=",".join(STEPS),
                        help=f"comma-separated steps to run, of {','.join(STEPS)}")  # fmt: skip
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--classroom-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("notebooks", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.only = set(args.only.split(","))
    if not 0 <= args.classroom <= classroom.CLASSROOM_MAX:
        parser.error(f"--classroom must be between 0 and {classroom.CLASSROOM_MAX}")
    if unknown := args.only - set(STEPS):
        parser.error(f"unknown steps {sorted(unknown)}; choose from {','.join(STEPS)}")
    if args.classroom_child:
        found = asyncio.run(classroom.classroom(args.notebooks, args.classroom, args.timeout))
        print(json.dumps(found))
        return 0
    began = time.monotonic()
    res = measure(args)
    res["bench_seconds"] = round(time.monotonic() - began, 1)
    res["measured_on"] = time.strftime("%Y-%m-%d")
    res["cpus"] = os.cpu_count()
    if args.only != set(STEPS) and args.output.exists():
        # a partial run (--only) updates its own figures and keeps the others of the last full run
        last = json.loads(args.output.read_text("utf-8"))
        for name in res.get("optional_keys", {}):  # a re-measured module's old keys all go
            for key in last.get("optional_keys", {}).get(name, ()):
                last.pop(key, None)
        res["optional_keys"] = last.get("optional_keys", {}) | res.get("optional_keys", {})
        steps = last.get("bench_seconds_by_step", {}) | res["bench_seconds_by_step"]
        res = last | res | {"bench_seconds_by_step": steps}
        res["cache_by_figure"] = {k: report.cache_state(k) for k in res if k not in report.META}
    tmp = args.output.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, args.output)
    print(report.table(res))
    print(f"written {args.output} in {res['bench_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
