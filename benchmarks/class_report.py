"""Time the class report on a school year of results: 2,000 generated files, loaded and drawn.
A report, not a test; goal: under 5 s on a 2-core machine. Run alone: python benchmarks/class_report.py"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for path in (REPO / "lessons", REPO / "tests", REPO):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

FILES = 2000
GOAL_SECONDS = 5.0


def _draw(folder: Path) -> int:
    """Load the folder, build every table, render every section and the figure; return bytes."""
    from tmdkit.report import build, load_folder
    from tmdkit.report import render as r
    from tmdkit.report.chart import score_chart

    loaded = load_folder(folder)
    tables = build(loaded)
    page = r.page(loaded, tables, "kk", lambda stem: f"../{stem}.ipynb")
    figure = score_chart(r.distribution(tables, "kk"), "kk").to_json()
    return len(page) + len(figure)


def measure(files: int = FILES) -> dict:
    """Return class_report_seconds: load and draw the report of `files` generated results files."""
    from class_factory import write_class

    with tempfile.TemporaryDirectory(prefix="tmd-class-") as tmp:
        folder = Path(tmp)
        write_class(folder, files)
        began = time.perf_counter()
        _draw(folder)  # the first run also imports plotly and reads the lessons' item banks
        first = time.perf_counter() - began
        began, cpu = time.perf_counter(), time.process_time()
        size = _draw(folder)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "class_report_seconds": round(seconds, 2),
        "class_report_cpu_seconds": round(cpu, 2),  # the same run, free of other processes' load
        "class_report_first_seconds": round(first, 2),
        "class_report_files": files,
        "class_report_html_bytes": size,
        "class_report_goal_seconds": GOAL_SECONDS,
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
