"""Open a lesson in a running JupyterLab → every cell run and every output drawn, against a floor
notebook of the same shape (same code and Markdown cells; one figure and one widget)."""

from __future__ import annotations

import time
from statistics import median

from _common import shape, step

from tests.browser import _lab

# Opens a notebook the way a student's click in the file browser does, in the Lab already open.
_OPEN = """async (path) => {
  const w = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await w.context.ready; await w.sessionContext.ready; return true;
}"""
_KERNEL = """() => { const w = window.jupyterapp.shell.currentWidget;
  return w && w.sessionContext ? w.sessionContext.kernelDisplayStatus : null; }"""
# Starts Run All with a watch on the output areas: the page notes when run-all resolved and
# when an output last changed (a figure or widget view drawn), both on its own clock.
_RUN = """() => {
  if (window.__tmdObs) window.__tmdObs.disconnect();
  window.__tmdDrawn = performance.now(); window.__tmdRan = null;
  window.__tmdObs = new MutationObserver(recs => {
    if (recs.some(r => { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
                         return el && el.closest('.jp-OutputArea'); }))
      window.__tmdDrawn = performance.now();
  });
  window.__tmdObs.observe(document.body,
    {subtree: true, childList: true, attributes: true, characterData: true});
  const t0 = performance.now();
  window.jupyterapp.commands.execute('notebook:run-all-cells')
    .then(() => { window.__tmdRan = performance.now(); }, () => { window.__tmdRan = -1; });
  return t0;
}"""
# Stops the kernel and closes the tab without a save dialog (the lesson file stays as it was).
_CLOSE = """async () => { const w = window.jupyterapp.shell.currentWidget;
  await w.sessionContext.shutdown(); w.context.model.dirty = false; w.dispose(); }"""
# Every lesson and its floor, one right after the other, five times. The ratio is the median of
# the five pairs' ratios: a pair sees the same load, and a median shrugs off one lucky floor or
# one slow lesson, which moved a best-of-three ratio by 0.2 from run to run on a 2-core machine.
ROUNDS = 5
QUIET_S = 1.5  # nothing drawn for this long after the run: the notebook is done


def _idle(page, path: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while page.evaluate(_KERNEL) != "idle":
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():  # a kernel chooser, should the server ask
            dialog.first.click()
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path}: kernel not idle after {timeout:.0f} s")
        page.wait_for_timeout(50)


def open_run_drawn(page, path: str) -> float:
    """Return the seconds from opening the notebook until every cell ran and its last output
    was drawn (the moment it was drawn, not the moment we became sure nothing followed)."""
    began = time.monotonic()
    page.evaluate(_OPEN, path)
    _idle(page, path)
    opened = time.monotonic() - began
    t0 = page.evaluate(_RUN)
    page.wait_for_function("() => window.__tmdRan !== null", timeout=180_000)
    while True:
        ran, drawn, now = page.evaluate(
            "() => [window.__tmdRan, window.__tmdDrawn, performance.now()]"
        )
        if ran < 0:
            raise RuntimeError(f"{path}: run all failed")
        if page.evaluate(_KERNEL) == "idle" and now - max(ran, drawn) > QUIET_S * 1000:
            break
        page.wait_for_timeout(100)
    if _lab.unrun_cells(page):
        raise RuntimeError(f"{path}: cells left unrun")
    page.evaluate(_CLOSE)
    return opened + (max(ran, drawn) - t0) / 1000


def measure(ctx, lab, browser) -> dict:
    """Each lesson, then at once a floor of its shape, in one JupyterLab page, ROUNDS times: on a
    shared machine the pair sees the same load, so their ratio means more than either time."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{lab.base}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
    page.evaluate("() => window.jupyterapp.restored")
    ours: dict[str, list[float]] = {lesson.name: [] for lesson in ctx.lessons}
    floors: dict[str, list[float]] = {lesson.name: [] for lesson in ctx.lessons}
    served = lambda nb: ctx.floor(*shape(nb), where=ctx.served).relative_to(ctx.base).as_posix()  # noqa: E731
    try:
        # Once unmeasured: the widget and Plotly renderers' scripts load on first use.
        open_run_drawn(page, served(ctx.lessons[0].notebook))
        for turn in range(ROUNDS):
            for lesson in ctx.lessons:
                step(f"browser: open → run all → drawn, {lesson.name} and its floor ({turn + 1})")
                ours[lesson.name].append(open_run_drawn(page, lesson.path))
                floors[lesson.name].append(open_run_drawn(page, served(lesson.notebook)))
    finally:
        page.close()
        _lab.shutdown_kernels(lab)
    best = {n: round(min(v), 2) for n, v in ours.items()}
    floor = {n: round(min(v), 2) for n, v in floors.items()}
    paired = {n: [a / b for a, b in zip(ours[n], floors[n], strict=True)] for n in ours}
    return {
        "browser_run_all_seconds_by_lesson": best,
        "browser_run_all_floor_seconds_by_lesson": floor,
        "browser_run_all_ratio_by_lesson": {n: round(median(r), 2) for n, r in paired.items()},
        "browser_run_all_ratio_range_by_lesson": {
            n: [round(min(r), 2), round(max(r), 2)] for n, r in paired.items()
        },
    }
