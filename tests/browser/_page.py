"""Drive a notebook in JupyterLab: open it, run every cell, wait for outputs, take screenshots."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from ._server import LabServer, artifacts

_KERNEL_STATUS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return w && w.sessionContext ? w.sessionContext.kernelDisplayStatus : null;
}"""

_BUSY_PROMPTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
  .filter(p => p.textContent.includes('*')).length"""

_UNRUN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  return w.content.widgets.filter(c => c.model.type === 'code')
    .filter(c => c.model.sharedModel.getSource().trim() && c.model.executionCount === null).length;
}"""


_RUN_ALL = """() => { window.__tmdRun = null; window.jupyterapp.commands
  .execute('notebook:run-all-cells')
  .then(() => { window.__tmdRun = 'done'; }, e => { window.__tmdRun = 'failed: ' + e; }); }"""


def open_notebook(page, lab: LabServer, path: str, timeout: float = 90.0) -> float:
    """Open a notebook, accept a kernel dialog if one asks, wait for an idle kernel; return s."""
    began = time.monotonic()
    page.goto(lab.url(path), wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext",
                           timeout=timeout * 1000)  # fmt: skip
    deadline = began + timeout
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        if page.evaluate(_KERNEL_STATUS) == "idle":
            return time.monotonic() - began
        page.wait_for_timeout(200)
    raise TimeoutError(f"kernel for {path} not idle after {timeout:.0f} s")


def run_all(page, timeout: float = 90.0) -> float:
    """Run every cell and wait for no [*] prompt and an idle kernel; return the seconds taken."""
    began = time.monotonic()
    page.evaluate(_RUN_ALL)
    try:
        page.wait_for_function("() => window.__tmdRun !== null", timeout=timeout * 1000)
    except Exception as exc:  # Playwright's TimeoutError, said plainly
        raise TimeoutError(f"cells still running after {timeout:.0f} s") from exc
    # run-all resolves when the last cell finished (or after the first error); confirm on screen
    # twice in a row, 300 ms apart, so a cell that is only queued is not taken for done.
    quiet = 0
    while quiet < 2:
        if time.monotonic() - began > timeout:
            raise TimeoutError(f"cells still running after {timeout:.0f} s")
        idle = page.evaluate(_KERNEL_STATUS) == "idle" and page.evaluate(_BUSY_PROMPTS) == 0
        quiet = quiet + 1 if idle else 0
        page.wait_for_timeout(300)
    return time.monotonic() - began


def unrun_cells(page) -> int:
    """Return how many non-empty code cells have no execution count."""
    return page.evaluate(_UNRUN)


def settle_outputs(page, timeout: float = 20.0) -> None:
    """Wait until widget views and Plotly figures stop appearing (they render after idle)."""
    last, stable, began = None, 0, time.monotonic()
    count = """() => [document.querySelectorAll('.jp-OutputArea-output').length,
      document.querySelectorAll('.widget-box, .widget-inline-hbox, .widget-html').length,
      document.querySelectorAll('.js-plotly-plot .main-svg').length,
      document.querySelectorAll('.jp-Spinner, .jupyter-widgets-loading').length].join()"""
    while stable < 3 and time.monotonic() - began < timeout:
        now = page.evaluate(count)
        stable = stable + 1 if now == last else 0
        last = now
        page.wait_for_timeout(250)


_OUTER = "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer'"


@contextlib.contextmanager
def tall(page, limit: int = 16000):
    """Grow the window to the notebook's full height, scrolled to the top, so every output is
    on screen at once (for screenshots, and for axe's contrast checks)."""
    size = page.viewport_size or {"width": 1366, "height": 900}
    extra = page.evaluate(f"""() => {{ const s = document.querySelector({_OUTER});
        if (!s) return 0; s.scrollTop = 0;
        const inner = s.querySelector('.jp-WindowedPanel-inner');
        return (inner ? inner.offsetHeight : s.scrollHeight) - s.clientHeight; }}""")
    grown = min(size["height"] + max(extra, 0) + 40, limit)
    page.set_viewport_size({"width": size["width"], "height": grown})
    page.wait_for_function(  # Lumino lays the panels out again on resize
        f"h => {{ const s = document.querySelector({_OUTER}); return !s || s.clientHeight > h; }}",
        arg=size["height"] - 200,
    )
    page.evaluate(
        f"() => {{ const s = document.querySelector({_OUTER}); if (s) s.scrollTop = 0; }}"
    )
    page.wait_for_timeout(200)
    try:
        yield page
    finally:
        page.set_viewport_size(size)


def screenshot(page, name: str) -> Path | None:
    """Save the whole notebook as artifacts/screenshots/<name>.png."""
    target = artifacts() / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tall(page):
            page.screenshot(path=str(target))
    except Exception:  # a screenshot must never hide the real failure
        return None
    return target
