import contextlib
import os
import re

import pytest

from . import _lab
from .conftest import TIMINGS, Tab

pytestmark = pytest.mark.browser

NOTEBOOK = "lessons/teacher/class-report.ipynb"
SAMPLE = _lab.REPO / "tests" / "fixtures" / "class-sample"
HOSTILE_NAME = "<img src=x onerror=alert(1)>"

_ERRORS = """() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
  .filter(el => el.dataset.mimeType === 'application/vnd.jupyter.stderr'
    || /Traceback|Error displaying/.test(el.innerText))
  .map(el => el.innerText.slice(0, 300))"""

_CHART = """() => {
  const plot = document.querySelector('.jp-Notebook .js-plotly-plot');
  if (!plot || !plot.querySelector('.main-svg')) return null;
  return {bars: plot.querySelectorAll('.barlayer .trace').length,
          height: plot.getBoundingClientRect().height,
          legend: [...plot.querySelectorAll('.legendtext')].map(el => el.textContent)};
}"""


@contextlib.contextmanager
def _env(**values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="module")
def report_lab():
    """A JupyterLab whose kernels read the committed sample class as their results folder."""
    server = _lab.LabServer(_lab.root())
    with _env(TMD_RESULTS_DIR=str(SAMPLE)):
        server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def report(browser, report_lab):
    opened = Tab(browser, report_lab)
    try:
        opened.open_and_run(NOTEBOOK)
        # Plotly's renderer loads after the kernel is idle; the screenshot should hold the figure.
        opened.page.wait_for_selector(".jp-Notebook .js-plotly-plot .main-svg", timeout=30_000)
        TIMINGS["class report: run all + render"] = opened.ran
        _lab.screenshot(opened.page, "class-report")
        yield opened
    finally:
        opened.close()


def _rows(page, selector: str) -> list[str]:
    return page.locator(selector).all_inner_texts()


def test_the_report_notebook_runs_without_an_error_or_a_dialog(report):
    assert _lab.unrun_cells(report.page) == 0
    assert report.page.evaluate(_ERRORS) == []
    assert report.watch.dialogs == []


def test_the_class_at_a_glance_lists_each_lesson_of_the_sample_once(report):
    lessons = report.page.locator(".tmd-report-glance tr[data-lesson]")
    assert lessons.evaluate_all("rows => rows.map(r => r.dataset.lesson)") == [
        "02-toragalyk",
        "05-almaty-1991",
        "07-kaitalau",
    ]


def test_the_chart_draws_one_bar_trace_per_lesson(report):
    chart = report.page.evaluate(_CHART)
    assert chart is not None, "no Plotly figure was drawn"
    assert chart["bars"] == 3 and len(chart["legend"]) == 3
    assert chart["height"] > 200, chart


def test_the_wrong_answers_table_reads_the_explanation_of_the_chosen_option(report):
    row = report.page.locator('.tmd-report-wrong tr[data-item="02-chair-period"]').first
    assert "Қырғызстан" in row.inner_text()  # option b's explanation: Kyrgyzstan chaired in 2008


def test_an_item_opens_to_its_text_right_answer_and_lesson_link(report):
    item = report.page.locator(".tmd-report-items details").first
    item.locator("summary").click()
    assert item.locator("b").first.is_visible()  # "Right answer:", shown once the item is open
    link = item.locator("a")
    # Lab resolves the link against the notebook's folder: it points at the lesson, one level up.
    assert re.search(r"/lessons/0\d-[a-z0-9-]+\.ipynb", link.get_attribute("href"))
    assert link.is_visible()


def test_a_hostile_name_shows_as_text_and_runs_nothing(report):
    people = report.page.locator(".tmd-report-people")
    assert HOSTILE_NAME in people.inner_text()
    assert report.page.locator(".jp-OutputArea-output img[src='x']").count() == 0
    assert report.page.locator(".jp-OutputArea-output script").count() == 0


def test_the_bad_files_of_the_sample_are_listed_with_a_reason(report):
    text = " ".join(_rows(report.page, ".tmd-report-problems td"))
    for name in ("02-toragalyk-broken.json", "package.json", "02-toragalyk-edited.json"):
        assert name in text
    assert "05-almaty-1991-old-format.json" in text and "02-toragalyk-s1-earlier.json" in text


def test_the_report_asks_nothing_of_the_network(report):
    assert report.watch.foreign() == []
