"""Measure what the lessons cost next to a bare plotly + ipywidgets floor; print a table and
write benchmarks/results.json. A report, not a test: it never fails on a slow number."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.browser import _lab  # noqa: E402 (the repo root must be on the path first)

RESULTS = Path(__file__).with_name("results.json")
# The lesson's environment against the bare stack, both measured in this run as the installed
# files of a package set and everything it depends on (dev tools such as playwright left out).
FLOOR_PACKAGES = ("jupyterlab", "ipywidgets", "plotly", "nbval")
CLASSROOM_MAX = 60  # kernels; more would swap a teacher's laptop rather than measure it
MIB = 1024 * 1024

FLOOR_CELLS = [
    "import ipywidgets as w\nimport plotly.graph_objects as go",
    "go.Figure(go.Scatter(x=[1991, 2006, 2007], y=[1, 3, 2]))",
    # the same classes as a lesson's item, so the latency probe reads both the same way
    """opts = w.RadioButtons(options=["a", "b", "c", "d"], value=None)
check, feedback, n = w.Button(description="Check"), w.HTML(), [0]


def on_check(_):
    n[0] += 1
    verdict = "right" if opts.value == "b" else "wrong"
    feedback.value = f'<span class="tmd-verdict-{verdict}">{verdict} #{n[0]}</span>'


check.on_click(on_check)
for widget, cls in ((opts, "tmd-options"), (check, "tmd-check"), (feedback, "tmd-feedback")):
    widget.add_class(cls)
box = w.VBox([opts, check, feedback])
box.add_class("tmd-item")
box""",
]


def floor_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FLOOR_CELLS]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def mib(nbytes: float) -> float:
    return round(nbytes / MIB, 1)


def ratio(ours: float | None, floor: float | None) -> float | None:
    return round(ours / floor, 2) if ours and floor else None


# ---- nbval -------------------------------------------------------------------------------


def nbval(paths: list[Path], cwd: Path, *extra: str) -> tuple[float, int]:
    """Run the notebooks under nbval the way `make unit` does; return (seconds, exit code)."""
    cmd = [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env",
           "-p", "no:cacheprovider", "-q", *extra, *map(str, paths)]  # fmt: skip
    began = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    return time.monotonic() - began, done.returncode


# ---- kernels: RSS after a whole lesson, figure sizes, the classroom -------------------------

PLOTLY = "application/vnd.plotly.v1+json"


def plotly_specs(node: object):
    """Yield every Plotly figure spec in a message, however deeply a widget's state nests it."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == PLOTLY:
                yield value
            else:
                yield from plotly_specs(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from plotly_specs(value)


class Probe(NotebookClient):
    """A NotebookClient that notes the size of every figure the kernel sends: as cell output,
    or (as tmdkit does) inside an Output widget's state."""

    def process_message(self, msg, cell, cell_index):
        for spec in plotly_specs(msg.get("content")):
            size = round(len(json.dumps(spec, separators=(",", ":")).encode()) / 1024, 1)
            if (cell_index, size) not in self.figures:  # a widget may send its state twice
                self.figures.append((cell_index, size))
        return super().process_message(msg, cell, cell_index)


class Hold:
    """Keeps finished classroom kernels alive until the last one finished, then lets go."""

    def __init__(self) -> None:
        self.arrived: list[dict] = []
        self.release = asyncio.Event()


async def run_kernel(notebook: Path, hold: Hold | None = None) -> dict:
    """Run a notebook in a fresh kernel and measure the kernel's RSS at the end. nbclient owns
    the kernel manager, so it stops the kernel and its client however the run ends."""
    nb = nbformat.read(notebook, as_version=4)
    client = Probe(nb, kernel_name="python3", timeout=300, startup_timeout=120,
                            allow_errors=True, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(notebook.parent)}})  # fmt: skip
    client.figures = []
    began = time.monotonic()
    async with client.async_setup_kernel():
        if client.km.transport != "tcp" or client.km.ip not in _lab.LOOPBACK:
            raise RuntimeError(f"kernel listens on {client.km.transport}://{client.km.ip}")
        for index, cell in enumerate(nb.cells):
            await client.async_execute_cell(cell, index)
        result = {
            "lesson": notebook.stem,
            "seconds": round(time.monotonic() - began, 2),
            "rss_mib": mib(psutil.Process(client.km.provisioner.process.pid).memory_info().rss),
            "errors": sum(o.output_type == "error" for c in nb.cells for o in c.get("outputs", [])),
            "figures_kib": [size for _cell, size in client.figures],
        }
        if hold is not None:
            hold.arrived.append(result)
            await hold.release.wait()
    return result


async def classroom(notebooks: list[Path], n: int, timeout: float) -> dict:
    """N kernels at once, kernel i running lesson i mod len; all stop once the last is done,
    or when the timeout runs out."""
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
    rss = [r["rss_mib"] for r in hold.arrived]  # measured while all of them were alive
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
        "rss_mib_per_kernel_median": round(statistics.median(rss), 1) if rss else None,
        "rss_mib_per_kernel_max": max(rss, default=None),
        "rss_mib_total": round(sum(rss), 1),
    }


def classroom_apart(notebooks: list[Path], n: int, timeout: float) -> dict:
    """Run the classroom in a child process that is killed if it outlives the timeout (its
    kernels then exit on their own: ipykernel stops when its parent is gone)."""
    cmd = [sys.executable, __file__, "--classroom-child", "--classroom", str(n),
           "--timeout", str(timeout), *map(str, notebooks)]  # fmt: skip
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout + 180, check=False
        )
    except subprocess.TimeoutExpired:
        return {"kernels": n, "completed": 0, "timed_out": True, "killed": True}
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"kernels": n, "completed": 0, "error": done.stderr.strip()[-500:]}
    return json.loads(lines[-1])


# ---- the browser: JupyterLab start, click-to-feedback latency ------------------------------

# Clicks an item's check button and resolves with the ms until its feedback changed and two
# frames were painted, or null when the feedback did not change within the timeout.
_CLICK = """async ([box, timeout]) => {
  const inFeedback = r => {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    return (el && el.closest('.tmd-feedback')) || [...r.addedNodes].some(n => n.nodeType === 1
      && (n.matches('.tmd-feedback') || n.querySelector('.tmd-feedback')));
  };
  return await new Promise(resolve => {
    const t0 = performance.now();
    const obs = new MutationObserver(recs => {
      if (!recs.some(inFeedback)) return;
      obs.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    obs.observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
    box.querySelector('.tmd-check').click();
    setTimeout(() => { obs.disconnect(); resolve(null); }, timeout);
  });
}"""


def click_latencies(page, items: list[tuple[str, list[str]]], clicks: int) -> list[float]:
    """Answer single-choice items (selector, option labels) until `clicks` feedbacks changed;
    an item that stops answering (locked after the right answer) is left, and when all are,
    the notebook runs again for fresh ones."""
    samples: list[float] = []
    for _round in range(5):
        for selector, labels in items:
            box = page.locator(selector).first
            for label in labels * 2:
                if len(samples) >= clicks:
                    return samples
                try:
                    box.get_by_label(label, exact=True).check(timeout=3000)
                except Exception:  # the item no longer takes answers
                    break
                ms = page.evaluate(_CLICK, [box.element_handle(), 3000])
                if ms is None:
                    break
                samples.append(ms)
        _lab.run_all(page)
        _lab.settle_outputs(page)
    return samples


def single_items(lesson: _lab.Lesson) -> list[tuple[str, list[str]]]:
    """Return (selector, kk option labels, wrong ones first) for each shown single item."""
    found = []
    for item in lesson.shown_items():
        if item.get("type") == "single":
            options = sorted(item["options"], key=lambda o: o["id"] == item["answer"])
            found.append((f".tmd-item--{item['id']}", [o["text"]["kk"] for o in options]))
    return found


def browser_bench(base: Path, lessons: list[_lab.Lesson], clicks: int) -> dict:
    from playwright.sync_api import sync_playwright

    floor_nb = floor_notebook(base / "artifacts" / "bench" / "floor-latency.ipynb")
    lab = _lab.LabServer(base)
    out: dict = {}
    began = time.monotonic()
    try:
        lab.start()
        with sync_playwright() as playwright:
            browser = _lab.launch_browser(playwright)

            def show(path: str):
                """A fresh page with the notebook run and drawn (no tab left to unload)."""
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                _lab.open_notebook(page, lab, path)
                _lab.run_all(page)
                _lab.settle_outputs(page)
                return page

            show(lessons[0].path).close()
            out["lab_start_seconds"] = round(time.monotonic() - began, 1)
            _lab.shutdown_kernels(lab)

            # the lesson the browser tests answer (02-toragalyk) when it has single items
            ordered = sorted(lessons, key=lambda lesson: lesson.name != "02-toragalyk")
            chosen = next((lesson for lesson in ordered if single_items(lesson)), None)
            if chosen is not None:
                page = show(chosen.path)
                out["ours"] = click_latencies(page, single_items(chosen), clicks)
                out["lesson"] = chosen.name
                page.close()
                _lab.shutdown_kernels(lab)

            page = show(floor_nb.relative_to(base).as_posix())
            out["floor"] = click_latencies(page, [(".tmd-item", list("abcd"))], clicks)
            browser.close()
    finally:
        lab.stop()
        floor_nb.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # leave artifacts/ as it was
            floor_nb.parent.rmdir()
    return out


# ---- the report ----------------------------------------------------------------------------


def tree_mib(path: Path) -> float:
    return mib(
        sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    )


def _requires(name: str) -> list[str]:
    from importlib.metadata import distribution

    from packaging.requirements import Requirement

    out = []
    for line in distribution(name).requires or ():
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            out.append(req.name)
    return out


def closure_mib(roots: tuple[str, ...] | list[str]) -> float:
    """Return the size of the installed files of these packages and all they depend on."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [canonicalize_name(r) for r in roots]
    total = 0
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        for f in dist.files or ():
            path = Path(dist.locate_file(f))
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        todo += [canonicalize_name(r) for r in _requires(name)]
    return mib(total)


def direct_requirements() -> list[str]:
    """Return the direct dependencies listed at the top of requirements.txt."""
    text = (REPO / "requirements.txt").read_text("utf-8")
    head = text.split("# --- transitive", 1)[0]
    return [
        line.split("==")[0]
        for line in head.splitlines()
        if "==" in line and not line.startswith("#")
    ]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(args: argparse.Namespace) -> dict:
    base = _lab.root()
    lessons = _lab.lessons(base)
    if not lessons:
        raise SystemExit(f"no lessons under {base}/lessons")
    notebooks = [lesson.notebook for lesson in lessons]
    res: dict = {"lessons": [lesson.name for lesson in lessons], "problems": []}
    with tempfile.TemporaryDirectory(prefix="tmd-bench-") as tmp:
        tmpdir = Path(tmp)
        floors = [floor_notebook(tmpdir / f"floor-{i:02d}.ipynb") for i in range(len(lessons))]
        (tmpdir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

        step("nbval: lessons")
        ours, code = nbval(notebooks, base)
        if code:
            res["problems"].append(f"nbval on the lessons exited {code}")
        step("nbval: floor notebooks")
        floor, code = nbval(floors, tmpdir, "-c", str(tmpdir / "pytest.ini"), "--rootdir", tmp)
        res |= {"nbval_seconds": round(ours, 1), "nbval_floor_seconds": round(floor, 1),
                "nbval_ratio": ratio(ours, floor)}  # fmt: skip

        step("kernel RSS after each lesson")
        runs = [asyncio.run(run_kernel(nb)) for nb in notebooks]
        floor_run = asyncio.run(run_kernel(floors[0]))
        worst = max(run["rss_mib"] for run in runs)
        res |= {"kernel_rss_mib": worst, "kernel_rss_floor_mib": floor_run["rss_mib"],
                "kernel_rss_ratio": ratio(worst, floor_run["rss_mib"]),
                "kernel_rss_mib_by_lesson": {r["lesson"]: r["rss_mib"] for r in runs},
                "kernel_run_seconds_by_lesson": {r["lesson"]: r["seconds"] for r in runs}}  # fmt: skip
        res["figure_json_kib"] = {
            f"{run['lesson']}#{i}": kib
            for run in runs
            for i, kib in enumerate(run["figures_kib"], 1)
        }
        res["figure_json_floor_kib"] = (
            floor_run["figures_kib"][0] if floor_run["figures_kib"] else None
        )
        res["problems"] += [
            f"{r['lesson']}: {r['errors']} error outputs" for r in runs if r["errors"]
        ]

    step("browser: JupyterLab start, click-to-feedback latency")
    try:
        browser = browser_bench(base, lessons, args.clicks)
        ours_ms, floor_ms = browser.get("ours", []), browser.get("floor", [])
        res |= {
            "lab_start_seconds": browser.get("lab_start_seconds"),
            "feedback_latency_lesson": browser.get("lesson"),
            "feedback_latency_clicks": len(ours_ms),
            "feedback_latency_ms_median": round(statistics.median(ours_ms), 1) if ours_ms else None,
            "feedback_latency_ms_p95": round(p95(ours_ms), 1) if ours_ms else None,
            "feedback_latency_floor_clicks": len(floor_ms),
            "feedback_latency_floor_ms_median": round(statistics.median(floor_ms), 1)
            if floor_ms
            else None,
        }
        res["feedback_latency_ratio"] = ratio(
            res["feedback_latency_ms_median"], res["feedback_latency_floor_ms_median"]
        )
        if len(ours_ms) < args.clicks:
            res["problems"].append(
                f"only {len(ours_ms)} of {args.clicks} lesson clicks changed feedback"
            )
    except Exception as exc:  # a report: say what broke and go on
        res["problems"].append(f"browser: {exc!r}"[:500])

    venv, floor = closure_mib(direct_requirements()), closure_mib(FLOOR_PACKAGES)
    res |= {
        "venv_mib": venv,
        "venv_floor_mib": floor,
        "venv_ratio": ratio(venv, floor),
        "venv_with_dev_tools_mib": tree_mib(Path(sys.prefix)),
    }

    if args.classroom:
        step(f"classroom: {args.classroom} kernels at once")
        res["classroom"] = classroom_apart(notebooks, args.classroom, args.timeout)
    return res


def step(what: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


def table(res: dict) -> str:
    rows = [
        ("nbval, all lessons (s)", "nbval_seconds", "nbval_floor_seconds", "nbval_ratio"),
        ("kernel RSS, worst lesson (MiB)", "kernel_rss_mib", "kernel_rss_floor_mib", "kernel_rss_ratio"),
        ("click → feedback, median (ms)", "feedback_latency_ms_median",
         "feedback_latency_floor_ms_median", "feedback_latency_ratio"),
        ("click → feedback, p95 (ms)", "feedback_latency_ms_p95", None, None),
        ("JupyterLab start → lesson drawn (s)", "lab_start_seconds", None, None),
        ("venv (MiB)", "venv_mib", "venv_floor_mib", "venv_ratio"),
    ]  # fmt: skip
    show = lambda key: "" if key is None or res.get(key) is None else str(res[key])  # noqa: E731
    lines = [f"{'':<46} {'ours':>10} {'floor':>10} {'ratio':>7}"]
    lines += [f"{name:<46} {show(a):>10} {show(b):>10} {show(c):>7}" for name, a, b, c in rows]
    for name, kib in res.get("figure_json_kib", {}).items():
        lines.append(
            f"{'figure JSON ' + name + ' (KiB)':<46} {kib:>10} {show('figure_json_floor_kib'):>10}"
        )
    if room := res.get("classroom"):
        lines.append(
            f"classroom: {room['completed']}/{room['kernels']} kernels done in {room['wall_seconds']} s,"
            f" RSS per kernel median {room['rss_mib_per_kernel_median']} MiB,"
            f" max {room['rss_mib_per_kernel_max']} MiB, total {room['rss_mib_total']} MiB"
        )
    lines += [f"problem: {p}" for p in res.get("problems", [])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--classroom",
        type=int,
        default=30,
        metavar="N",
        help=f"kernels run at once (0 skips; at most {CLASSROOM_MAX})",
    )
    parser.add_argument("--clicks", type=int, default=20, help="feedback clicks per side (>= 20)")
    parser.add_argument("--timeout", type=float, default=300, help="classroom time limit, s")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--classroom-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("notebooks", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 0 <= args.classroom <= CLASSROOM_MAX:
        parser.error(f"--classroom must be between 0 and {CLASSROOM_MAX}")
    if args.classroom_child:
        print(json.dumps(asyncio.run(classroom(args.notebooks, args.classroom, args.timeout))))
        return 0
    began = time.monotonic()
    res = measure(args)
    res["bench_seconds"] = round(time.monotonic() - began, 1)
    res["measured_on"] = time.strftime("%Y-%m-%d")
    res["cpus"] = os.cpu_count()
    tmp = args.output.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, args.output)
    print(table(res))
    print(f"written {args.output} in {res['bench_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
