"""Open a lesson in JupyterLab → every cell run and every output drawn, against a floor notebook
of the same shape (same code and Markdown cells; one figure and one widget)."""

from __future__ import annotations

from _common import ratio, shape, step

from tests.browser import _lab

# Starts Run All with a watch on the output areas: the page notes when run-all resolved and
# when an output last changed (a figure or widget view drawn), both on its own clock.
_RUN = """() => {
  window.__tmdDrawn = performance.now(); window.__tmdRan = null;
  new MutationObserver(recs => {
    if (recs.some(r => { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
                         return el && el.closest('.jp-OutputArea'); }))
      window.__tmdDrawn = performance.now();
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const t0 = performance.now();
  window.jupyterapp.commands.execute('notebook:run-all-cells')
    .then(() => { window.__tmdRan = performance.now(); }, () => { window.__tmdRan = -1; });
  return t0;
}"""
_KERNEL = """() => { const w = window.jupyterapp.shell.currentWidget;
  return w && w.sessionContext ? w.sessionContext.kernelDisplayStatus : null; }"""
QUIET_S = 1.5  # nothing drawn for this long after the run: the notebook is done


def open_run_drawn(browser, lab, path: str) -> float:
    """Return the seconds from opening the notebook until every cell ran and its last output
    was drawn (the moment it was drawn, not the moment we became sure nothing followed)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        opened = _lab.open_notebook(page, lab, path)
        t0 = page.evaluate(_RUN)
        page.wait_for_function("() => window.__tmdRan !== null", timeout=180_000)
        while True:
            ran, drawn, now = page.evaluate(
                "() => [window.__tmdRan, window.__tmdDrawn, performance.now()]"
            )
            idle = page.evaluate(_KERNEL) == "idle"
            if ran < 0:
                raise RuntimeError(f"{path}: run all failed")
            if idle and now - max(ran, drawn) > QUIET_S * 1000:
                break
            page.wait_for_timeout(100)
        if _lab.unrun_cells(page):
            raise RuntimeError(f"{path}: cells left unrun")
        return opened + (max(ran, drawn) - t0) / 1000
    finally:
        page.close()
        _lab.shutdown_kernels(lab)


def measure(ctx, lab, browser) -> dict:
    """Each lesson, then at once a floor of its shape: on a shared machine the pair sees the
    same load, so their ratio means more than either time."""
    ours, floors = {}, {}
    for lesson in ctx.lessons:
        step(f"browser: open → run all → drawn, {lesson.name} and its floor")
        ours[lesson.name] = round(open_run_drawn(browser, lab, lesson.path), 2)
        floor_nb = ctx.floor(*shape(lesson.notebook), where=ctx.served)
        path = floor_nb.relative_to(ctx.base).as_posix()
        floors[lesson.name] = round(open_run_drawn(browser, lab, path), 2)
    return {
        "browser_run_all_seconds_by_lesson": ours,
        "browser_run_all_floor_seconds_by_lesson": floors,
        "browser_run_all_ratio_by_lesson": {n: ratio(ours[n], floors[n]) for n in ours},
    }
