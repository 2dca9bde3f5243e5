"""Fixtures for the browser tests: one JupyterLab and one Chromium per session, a page per test."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from . import _lab
from ._host import HOSTS, Host, Tab, serving_site

TIMINGS: dict[str, float] = {}


def _missing() -> str | None:
    if not _lab.CHROMIUM.exists():
        return _lab.SKIP_LINE
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the Python package playwright is not installed"
    return None


def pytest_report_header(config):
    reason = _missing()
    return [reason] if reason and not os.environ.get("CI") else []


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if not reason or os.environ.get("CI"):
        return  # in CI the session fixtures fail every browser test instead
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        item.tmd_failed = True
    if (
        report.skipped
        and isinstance(report.longrepr, tuple)
        and report.longrepr[2].endswith(_lab.SKIP_LINE)
    ):
        # one folded line for the whole folder in the -rs summary, not one per test file
        report.longrepr = ("tests/browser", None, _lab.SKIP_LINE)


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("browser timings")
        for name, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{name:<48} {seconds:7.1f} s")


@pytest.fixture(autouse=True)
def no_console_or_kernel_errors():
    """Fail the test on any console error, page error or kernel failure (a widget callback's
    traceback or log line) that any watched page met while it ran, the noise list aside."""
    yield
    problems = _lab.take_all()
    if problems:
        pytest.fail("the page reported errors:\n" + "\n".join(p[:2000] for p in problems))


def _require_browser() -> None:
    reason = _missing()
    if reason:  # only reached in CI: elsewhere the tests were skipped at collection
        pytest.fail(f"{reason} (CI is set, so this is a failure)", pytrace=False)


@pytest.fixture(scope="session")
def lab():
    _require_browser()
    server = _lab.LabServer(_lab.root())
    try:
        server.start()
        TIMINGS["JupyterLab server start"] = server.start_seconds
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = _lab.launch_browser(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_")[:120]


@pytest.fixture(scope="session")
def site():
    """The JupyterLite site (make lite), rebuilt from the cache when stale, served on loopback."""
    with serving_site() as served:
        if isinstance(served, str):
            if os.environ.get("CI"):
                pytest.fail(f"{served} (CI is set: `make browser` builds it first)", pytrace=False)
            pytest.skip(served)
        yield served


@pytest.fixture(scope="session")
def lab_host(browser, lab):
    return Host("lab", browser, lab)


@pytest.fixture(scope="session")
def lite_host(browser, site):
    return Host("lite", browser, site)


@pytest.fixture(scope="session", params=HOSTS)
def host(request):
    """JupyterLab, then the JupyterLite site: the shared tests run in both."""
    return request.getfixturevalue(f"{request.param}_host")


@pytest.fixture
def tab(request, browser, lab):
    opened = Tab(browser, lab)
    try:
        yield opened
        if opened.watch.dialogs:
            pytest.fail(f"a dialog opened: {opened.watch.dialogs}")
    finally:
        if getattr(request.node, "tmd_failed", False):
            _lab.screenshot(opened.page, "failed-" + _safe(request.node.name))
        opened.close()


@pytest.fixture
def page(tab):
    return tab.page


@pytest.fixture
def watch(tab):
    return tab.watch


LESSONS = _lab.lessons()
# Lite runs the shared lesson checks on one ru and one en lesson (its kernel takes ~20 s to start);
# Kazakh lessons run in Lite in test_items.py and test_lite.py.
LITE_LESSONS = [
    _lab.Lesson(_lab.root(), f"lessons/{lang}/{stem}.ipynb", stem, f"{lang}-{stem}")
    for lang, stem in (("ru", "04-eurazek"), ("en", "05-almaty-1991"))
]
RENDERED = [("lab", lesson) for lesson in LESSONS] + [("lite", x) for x in LITE_LESSONS]


@pytest.fixture(
    scope="session",
    params=RENDERED,
    ids=[x.name if h == "lab" else f"lite-{x.name}" for h, x in RENDERED],
)
def rendered(request):
    """A lesson run to the end on its host in its own page and screenshot, shared by the tests
    that inspect it (pytest groups them by lesson, so one lesson page is open at a time)."""
    host, lesson = request.param
    opened = request.getfixturevalue(f"{host}_host").tab()
    opened.lesson = lesson
    name = lesson.name if host == "lab" else f"lite-{lesson.name}"
    try:
        opened.open_and_run(lesson.path)
        TIMINGS[f"{name}: open + kernel idle"] = opened.opened
        TIMINGS[f"{name}: run all + render"] = opened.ran
        _lab.screenshot(opened.page, name)
        yield opened
    except Exception:
        _lab.screenshot(opened.page, "failed-" + name)
        raise
    finally:
        opened.close()
