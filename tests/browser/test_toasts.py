"""No news or update prompt: the repository's .jupyter/ (read by `make lab`, Binder, Voilà and
these tests) switches off JupyterLab's announcements plugin, which asks on first start."""

from __future__ import annotations

import time

import pytest

from . import _lab

pytestmark = pytest.mark.browser
FIRST = "lessons/00-kirispe.ipynb"  # what `make lab` opens
# On a Lab without the setting the prompt shows within a second or two of the app being restored
# (the control test below measures it and fails if it takes longer than this).
GRACE_SECONDS = 8.0
NEWS = "official Jupyter news"


_RESTORED = """() => new Promise(done => {
  const wait = () => window.jupyterapp ? window.jupyterapp.restored.then(() => done(true))
                                       : setTimeout(wait, 100);
  wait(); })"""


def _restored(page) -> float:
    """Wait for Lab to restore its layout (the announcements plugin starts then); return when."""
    page.evaluate(_RESTORED)
    return time.monotonic()


def _toasts_after(page, restored: float) -> list[str]:
    """Wait until GRACE_SECONDS after `restored`; return the texts of the toasts then shown."""
    page.wait_for_timeout(max(0.0, GRACE_SECONDS - (time.monotonic() - restored)) * 1000)
    return page.locator(".Toastify__toast").all_inner_texts()


def test_no_news_or_update_prompt_shows_after_the_first_lesson_loads(tab):
    tab.open_and_run(FIRST)
    toasts = _toasts_after(tab.page, _restored(tab.page))
    assert toasts == []
    assert NEWS not in tab.page.inner_text("body")


def test_the_news_prompt_shows_on_a_lab_without_the_repository_configuration(browser):
    """The control: the same check sees the prompt when Lab starts without our .jupyter/, so
    the test above can fail."""
    bare = _lab.LabServer(_lab.root(), config_path=None).start()
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(f"{bare.base}/lab?reset&token={bare.token}", wait_until="domcontentloaded")
        restored = _restored(page)
        page.locator(".Toastify__toast", has_text=NEWS).wait_for(timeout=GRACE_SECONDS * 1000)
        print(f"news prompt shown {time.monotonic() - restored:.1f} s after Lab restored")
        assert any(NEWS in text for text in _toasts_after(page, restored))
    finally:
        context.close()
        bare.stop()
