"""Every item type, right and wrong, in each section lesson, in JupyterLab and in the JupyterLite
site; then the language switch redraws the items without losing an answer. One run of each lesson
serves its tests. Lite runs one lesson that has every type, one item of each (its kernel is slow)."""

from __future__ import annotations

import pytest
import yaml
from tmdkit.items import TYPES

from . import _answer, _lab

pytestmark = pytest.mark.browser

SECTION_LESSONS = [
    lesson for lesson in _lab.lessons() if lesson.name[:2] in {"01", "02", "03", "04", "05"}
]
LITE_LESSON = "01-tmd"
UI = yaml.safe_load((_lab.root() / "data" / "ui.yaml").read_text(encoding="utf-8"))["strings"]

_STDERR = """() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
  .filter(el => el.dataset.mimeType === 'application/vnd.jupyter.stderr'
           || el.innerText.includes('Traceback')).map(el => el.innerText.slice(0, 300))"""


RUNS = [("lab", lesson) for lesson in SECTION_LESSONS]
RUNS += [("lite", lesson) for lesson in SECTION_LESSONS if lesson.name == LITE_LESSON]


def _nested(lesson) -> list[dict]:
    return [sub for item in lesson.shown_items() for sub in _answer.answers(item)]


def one_of_each_type(lesson) -> list[dict]:
    """Return the fewest items that answer every type once: the first item of each type, and the
    first nested item of the first context item (answering it answers for "context")."""
    chosen, covered = [], set()
    for item in lesson.shown_items():
        first = _answer.answers(item)[0]
        if item["type"] not in covered:
            chosen.append(first)
            covered |= {item["type"], first["type"]}
    return chosen


@pytest.fixture(scope="module", params=RUNS, ids=[f"{h}-{x.name}" for h, x in RUNS])
def opened(request):
    """The lesson, run once on its host, in its own page; the tests below answer its items."""
    host, lesson = request.param
    tab = request.getfixturevalue(f"{host}_host").tab()
    tab.lesson = lesson
    try:
        tab.open_and_run(lesson.path)
        print(f"{host} {lesson.name}: kernel ready {tab.opened:.1f} s, run all {tab.ran:.1f} s")
        yield tab
    except Exception:
        _lab.screenshot(tab.page, f"failed-items-{host}-{lesson.name}")
        raise
    finally:
        tab.close()


def _items(opened) -> list[dict]:
    everything = opened.host == "lab"
    return _nested(opened.lesson) if everything else one_of_each_type(opened.lesson)


def _shown(verdict, status: str) -> None:
    text = " ".join(
        verdict.locator("xpath=ancestor::div[contains(@class,'tmd-feedback')]").inner_text().split()
    )
    for part in _lab.fragments(UI[status]["kk"]):
        assert part in text, (status, text)


def test_the_section_lessons_together_show_an_item_of_every_type():
    shown = {item["type"] for lesson in SECTION_LESSONS for item in lesson.shown_items()}
    shown |= {sub["type"] for lesson in SECTION_LESSONS for sub in _nested(lesson)}
    assert shown == set(TYPES)


def test_the_lite_run_answers_one_item_of_every_type_and_no_more():
    lesson = next(lesson for host, lesson in RUNS if host == "lite")
    chosen = one_of_each_type(lesson)
    ids = {item["id"] for item in chosen}
    holders = [x for x in lesson.shown_items() if ids & {s["id"] for s in _answer.answers(x)}]
    assert {x["type"] for x in holders} | {x["type"] for x in chosen} == set(TYPES)
    assert len(chosen) == len(TYPES)


def test_a_wrong_answer_to_every_item_is_called_wrong_with_its_message(opened):
    for item in _items(opened):
        _shown(_answer.answer(opened.page, item, right=False), "wrong")
    assert opened.page.evaluate(_STDERR) == []


def test_the_right_answer_to_every_item_is_called_right_with_its_message(opened):
    for item in _items(opened):
        _shown(_answer.answer(opened.page, item, right=True), "right")
    assert opened.page.evaluate(_STDERR) == []


def test_switching_to_russian_redraws_every_item_and_keeps_every_answer(opened):
    page, items = opened.page, _items(opened)
    for item in items:  # already right when the tests above ran; answered here when run alone
        if not _answer.box(page, item).locator(".tmd-feedback .tmd-verdict-right").count():
            _answer.answer(page, item, right=True)
    page.locator(".tmd-toolbar .tmd-lang button", has_text="Русский").first.click()
    for item in items:
        box = _answer.box(page, item)
        prompt = " ".join(item["prompt"]["ru"].split())
        page.wait_for_function(
            "([el, text]) => el.innerText.replace(/\\s+/g, ' ').includes(text)",
            arg=[box.locator(".tmd-prompt").first.element_handle(), prompt],
        )
        shown = _answer.shown_response(page, item, "ru")
        assert shown == _answer.entered(item, True, "kk"), item["id"]
        assert box.locator(".tmd-feedback .tmd-verdict-right").count() == 1, item["id"]
