"""One JupyterLab server and one headless Chromium shared by the browser measurements."""

from __future__ import annotations

import contextlib
import time

from _common import step

from tests.browser import _lab


@contextlib.contextmanager
def session(ctx):
    """Start JupyterLab, open the first lesson and run it (timed as lab_start_seconds), then
    yield (lab, browser, seconds); stop both however the block ends."""
    from playwright.sync_api import sync_playwright

    step("browser: JupyterLab start → first lesson drawn")
    lab = _lab.LabServer(ctx.base)
    began = time.monotonic()
    try:
        lab.start()
        with sync_playwright() as playwright:
            browser = _lab.launch_browser(playwright)
            try:
                show(browser, lab, ctx.lessons[0].path).close()
                started = round(time.monotonic() - began, 1)
                _lab.shutdown_kernels(lab)
                yield lab, browser, started
            finally:
                browser.close()
    finally:
        lab.stop()


def show(browser, lab, path: str):
    """A fresh page with the notebook run and drawn (no tab left to unload)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _lab.open_notebook(page, lab, path)
    _lab.run_all(page)
    _lab.settle_outputs(page)
    return page
