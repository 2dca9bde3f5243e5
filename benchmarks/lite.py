"""The JupyterLite site against a same-run floor site (bare plotly + ipywidgets): open to fully drawn,
click to feedback, site size; cold (empty browser cache) and warm. A report, never a test."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from lite import build as lite_build  # noqa: E402 (the repo root must be on the path first)
from lite import serve as lite_serve  # noqa: E402
from tests.browser import _lab  # noqa: E402

FLOOR_SITE = REPO / "build" / "lite-floor"
LESSON = "lessons/02-toragalyk.ipynb"
GOALS = {"open": 1.3, "click": 1.2, "site": 1.2}  # issue 11: ours ≤ goal × floor
CLICKS = 6
TIMEOUT = 300.0
MIB = 1024 * 1024

# One figure and one widget the way a lesson shows them (the plotly mime bundle, an item's classes).
FLOOR_CELLS = [
    "import ipywidgets as w\nimport plotly.graph_objects as go\nfrom IPython.display import display",
    "fig = go.Figure(go.Scatter(x=[1991, 2006, 2007], y=[1, 3, 2]))\n"
    "display({'application/vnd.plotly.v1+json': fig.to_plotly_json()}, raw=True)",
    "opts = w.RadioButtons(options=['a', 'b', 'c', 'd'], value=None)\n"
    "check, feedback = w.Button(description='Check'), w.HTML()\n"
    "check.on_click(lambda _: setattr(feedback, 'value', f'<b>{opts.value}</b> {time.time()}'))\n"
    "import time\n"
    "for widget, cls in ((opts, 'tmd-options'), (check, 'tmd-check'), (feedback, 'tmd-feedback')):\n"
    "    widget.add_class(cls)\n"
    "box = w.VBox([opts, check, feedback])\nbox.add_class('tmd-item')\nbox",
]

# Clicks an item's check button; resolves with the ms until its feedback text changed and two frames
# were painted, or null when nothing changed within the timeout. The box is watched, not the feedback
# element: our feedback is an HTML widget whose whole content (that element too) is replaced.
_CLICK = """async ([box, timeout]) => new Promise(resolve => {
  const t0 = performance.now();
  const text = () => { const el = box.querySelector('.tmd-feedback'); return el ? el.innerText : ''; };
  const before = text();
  const obs = new MutationObserver(() => {
    if (text() === before) return;
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });
  obs.observe(box, {subtree: true, childList: true, characterData: true});
  box.querySelector('.tmd-check').click();
  setTimeout(() => { obs.disconnect(); resolve(null); }, timeout);
})"""


class _Site:
    def __init__(self, base: str) -> None:
        self.base = base

    def url(self, path: str) -> str:
        return f"{self.base}/notebooks/index.html?path={path}"


def site_mib(site: Path) -> float:
    """Return the size of a built site in MiB."""
    return round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / MIB, 1)


def floor_site() -> Path:
    """Build the floor site (one notebook: a figure and a widget) beside the lesson site."""
    with tempfile.TemporaryDirectory() as tmp:
        notebook = Path(tmp) / "floor.ipynb"
        cells = [
            {
                "cell_type": "code",
                "metadata": {},
                "source": src,
                "outputs": [],
                "execution_count": None,
            }
            for src in FLOOR_CELLS
        ]
        nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        notebook.write_text(json.dumps(nb), "utf-8")
        lite_build.build_offline("--floor", str(notebook), "--out", str(FLOOR_SITE))
    return FLOOR_SITE


def _items() -> list[tuple[str, list[str]]]:
    lesson = _lab.Lesson(REPO, LESSON, Path(LESSON).stem, Path(LESSON).stem)
    found = []
    for item in lesson.shown_items():
        if item.get("type") == "single":
            options = sorted(item["options"], key=lambda o: o["id"] == item["answer"])
            found.append((f".tmd-item--{item['id']}", [o["text"]["kk"] for o in options[:-1]]))
    return found


def _visit(context, site: _Site, path: str, items: list[tuple[str, list[str]]]) -> dict:
    """Open path in a new page of context: seconds to kernel ready and to fully drawn, click ms."""
    page = context.new_page()
    try:
        began = time.monotonic()
        ready = _lab.open_notebook(page, site, path, timeout=TIMEOUT)
        _lab.run_all(page, timeout=TIMEOUT)
        _lab.settle_outputs(page)
        drawn = time.monotonic() - began
        clicks: list[float] = []
        for selector, labels in items:  # wrong answers only, so an item never locks
            box = page.locator(selector).first
            for label in labels:
                if len(clicks) >= CLICKS:
                    break
                box.get_by_label(label, exact=True).check()
                ms = page.evaluate(_CLICK, [box.element_handle(), 10_000])
                if ms is not None:
                    clicks.append(ms)
        click = round(statistics.median(clicks), 1) if clicks else None
        return {"ready_s": round(ready, 1), "drawn_s": round(drawn, 1), "click_ms": click}
    finally:
        page.close()


def _ratio(ours: float | None, floor: float | None) -> float | None:
    return round(ours / floor, 2) if ours and floor else None


def measure() -> dict:
    """Return the Lite figures, each beside its floor and their ratio (goals in GOALS)."""
    from playwright.sync_api import sync_playwright

    if not lite_build.is_fresh():
        if not lite_build.buildable_offline():
            return {"lite_error": "build/lite/ is stale and the cache cannot rebuild it: make lite"}
        lite_build.build_offline()
    floor = floor_site()
    ours_mib, floor_mib = site_mib(lite_build.OUT), site_mib(floor)
    res: dict = {"lite_site_mib": ours_mib, "lite_site_floor_mib": floor_mib}
    res["lite_site_ratio"] = _ratio(ours_mib, floor_mib)
    stamp = json.loads((lite_build.OUT / lite_build.STAMP).read_text("utf-8"))
    res["lite_build_seconds"] = stamp["build_seconds"]
    items = _items()
    floor_items = [(".tmd-item", ["a", "c", "d", "a", "c", "d"])]
    with (
        lite_serve.running(lite_build.OUT) as ours_base,
        lite_serve.running(floor) as floor_base,
        sync_playwright() as playwright,
    ):
        browser = _lab.launch_browser(playwright)
        try:
            for name, base, path, probe in (
                ("", ours_base, LESSON, items),
                ("_floor", floor_base, "floor.ipynb", floor_items),
            ):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                try:  # cold: an empty browser cache; warm: the same context, a second visit
                    for run in ("cold", "warm"):
                        got = _visit(context, _Site(base), path, probe)
                        for key, value in got.items():
                            res[f"lite_{run}_{key}{name}"] = value
                except Exception as exc:  # a report: say what failed, keep what was measured
                    res[f"lite_error{name}"] = f"{type(exc).__name__}: {str(exc)[:300]}"
                finally:
                    context.close()
        finally:
            browser.close()
    for run in ("cold", "warm"):
        for key in ("ready_s", "drawn_s", "click_ms"):
            stem = f"lite_{run}_{key}"
            res[f"{stem}_ratio"] = _ratio(res.get(stem), res.get(f"{stem}_floor"))
    return res


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
