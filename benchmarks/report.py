"""The table `make bench` prints: ours, floor, ratio, and whether the content cache was cold or warm."""

from __future__ import annotations

# Whether validated content came from a warm cache (the bench fills its own before measuring)
# or a cold one; the environment's size reads no content at all.
META = {"lessons", "problems", "measured_on", "cpus", "bench_seconds", "bench_seconds_by_step",
        "optional_keys", "nbval_options", "first_lesson", "feedback_latency_lesson",
        "widgets_baseline_by_lesson", "cache_by_figure"}  # fmt: skip


def cache_state(key: str) -> str:
    """Return "cold", "warm" or "none" for a figure of results.json."""
    if key.startswith("first_lesson_cold"):
        return "cold"
    if key.startswith("venv_"):
        return "none"
    return "warm"


ROWS = [
    ("nbval, all lessons (s)", "nbval_seconds", "nbval_floor_seconds", "nbval_ratio"),
    ("nbval, against three-cell floors (s)", "nbval_seconds", "nbval_short_floor_seconds",
     "nbval_short_floor_ratio"),
    ("nbval, CPU time (s)", "nbval_cpu_seconds", "nbval_floor_cpu_seconds", "nbval_cpu_ratio"),
    ("first lesson, fresh kernel, cold cache (s)", "first_lesson_cold_seconds",
     "first_lesson_floor_seconds", "first_lesson_cold_ratio"),
    ("first lesson, fresh kernel, warm cache (s)", "first_lesson_warm_seconds",
     "first_lesson_floor_seconds", "first_lesson_warm_ratio"),
    ("kernel RSS, worst lesson (MiB)", "kernel_rss_mib", "kernel_rss_floor_mib", "kernel_rss_ratio"),
    ("click → feedback, median (ms)", "feedback_latency_ms_median",
     "feedback_latency_floor_ms_median", "feedback_latency_ratio"),
    ("click → feedback, p95 (ms)", "feedback_latency_ms_p95", None, None),
    ("JupyterLab start → lesson drawn (s)", "lab_start_seconds", None, None),
    ("venv (MiB)", "venv_mib", "venv_floor_mib", "venv_ratio"),
]  # fmt: skip


def _cell(res: dict, key: str | None) -> str:
    return "" if key is None or res.get(key) is None else str(res[key])


def table(res: dict) -> str:
    """Return the results as aligned text rows, one figure a row."""
    cache = res.get("cache_by_figure", {})
    lines = [f"{'':<48} {'ours':>10} {'floor':>10} {'ratio':>7}  cache"]
    for name, a, b, c in ROWS:
        lines.append(f"{name:<48} {_cell(res, a):>10} {_cell(res, b):>10} {_cell(res, c):>7}"
                     f"  {cache.get(a, '')}")  # fmt: skip
    base = res.get("widgets_baseline_by_lesson", {})
    run_all = res.get("browser_run_all_ratio_by_lesson", {})
    spread = res.get("browser_run_all_ratio_range_by_lesson", {})
    pss = res.get("kernel_pss_mib_by_lesson", {})
    for lesson, n in res.get("widgets_by_lesson", {}).items():
        lo, hi = spread.get(lesson, ("?", "?"))
        lines.append(
            f"{lesson:<24} widgets {n!s:>4} (was {base.get(lesson, '?')!s:>4})"
            f"  run all ×{run_all.get(lesson, '?')!s:<5} ({lo}–{hi})  PSS {pss.get(lesson, '?')} MiB"
        )
    for name, kib in res.get("figure_json_kib", {}).items():
        lines.append(f"{'figure JSON ' + name + ' (KiB)':<48} {kib:>10} "
                     f"{_cell(res, 'figure_json_floor_kib'):>10}")  # fmt: skip
    if room := res.get("classroom"):
        lines.append(
            f"classroom: {room.get('completed')}/{room.get('kernels')} kernels done in "
            f"{room.get('wall_seconds')} s, per kernel median RSS {room.get('rss_mib_per_kernel_median')}"
            f" MiB, PSS {room.get('pss_mib_per_kernel_median')} MiB, USS "
            f"{room.get('uss_mib_per_kernel_median')} MiB"
        )
    lines += [f"problem: {p}" for p in res.get("problems", [])]
    return "\n".join(lines)
