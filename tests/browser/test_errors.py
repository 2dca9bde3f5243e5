"""The machinery itself: a failure in a widget callback, which JupyterLab shows only in its log
console and never in a cell, still fails the browser test that caused it; in JupyterLite too,
whose kernel runs in a web worker the page's websockets never show."""

from __future__ import annotations

import time

import pytest

from . import _lab

pytestmark = pytest.mark.browser

# A notebook of three controls whose callbacks fail in the three ways a lesson's can: an
# exception in a click handler (ipywidgets prints its traceback to the log), an exception in a
# trait observer (the kernel's comm layer logs it), and an error logged by our own package.
CELL = """\
import logging
import ipywidgets as w

def click_fails(_button):
    raise RuntimeError("deliberate failure in a click handler")

def observer_fails(change):
    raise ValueError("deliberate failure in an observer")

def logs_an_error(_button):
    logging.getLogger("tmdkit").error("deliberate error logged by tmdkit")

click = w.Button(description="click-fails")
click.on_click(click_fails)
toggle = w.ToggleButtons(options=["first", "second"])
toggle.observe(observer_fails, "value")
log = w.Button(description="logs-an-error")
log.on_click(logs_an_error)
display(click, toggle, log)
"""


NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": CELL}],
    "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                "display_name": "Python 3"}},
    "nbformat": 4, "nbformat_minor": 5,
}  # fmt: skip


@pytest.fixture(scope="module")
def failing(host):
    """The notebook run once on the host (JupyterLab, then Lite); each test clicks one control."""
    tab = host.tab()
    try:
        # Lab serves it from the git-ignored artifacts/ folder; Lite keeps it in the browser's storage
        tab.open_and_run(tab.put_notebook("artifacts/notebooks/callback-failures.ipynb", NOTEBOOK))
        yield tab
    except Exception:
        _lab.screenshot(tab.page, f"failed-errors-{host.name}")
        raise
    finally:
        tab.close()


def _wait_for_kernel_error(tab, seen: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while len(tab.watch.problems()) == seen and time.monotonic() < deadline:
        tab.page.wait_for_timeout(200)  # Playwright delivers websocket frames only while it waits


@pytest.mark.parametrize(
    ("control", "expected"),
    [
        ("click-fails", "RuntimeError: deliberate failure in a click handler"),
        ("second", "ValueError: deliberate failure in an observer"),
        ("logs-an-error", "deliberate error logged by tmdkit"),
    ],
    ids=["click-handler", "observer", "tmdkit-log"],
)
def test_a_failure_in_a_widget_callback_is_caught_by_the_test_machinery(failing, control, expected):
    assert _lab.take_all() == [], "running the cell (or the control before) must report nothing"
    seen = len(failing.watch.problems())
    failing.page.locator(".jp-OutputArea-output button", has_text=control).first.click()
    _wait_for_kernel_error(failing, seen)
    found = _lab.take_all()  # what the autouse fixture fails on; taking it lets this test pass
    assert any(expected in line for line in found), found
    # and the cell never showed it: without the watch, nobody would have known
    assert not any(
        expected in cell for cell in failing.page.locator(".jp-OutputArea").all_inner_texts()
    )
