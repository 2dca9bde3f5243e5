"""What every lesson shows once run, in JupyterLab (every lesson) and in the Lite site (a sample)."""

import json
import re
from html import unescape

import pytest
import yaml
from tmdkit import _content as content
from tmdkit import _figures

from . import _lab

pytestmark = pytest.mark.browser

LESSONS = _lab.lessons()

_PROBLEMS = """() => {
  const nb = document.querySelector('.jp-Notebook');
  const found = [];
  const show = (what, el) => found.push(what + ': ' + el.innerText.trim().slice(0, 400));
  nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .forEach(el => show('stderr', el));
  nb.querySelectorAll('.jp-RenderedText[data-mime-type*="error"]').forEach(el => show('error', el));
  for (const el of nb.querySelectorAll('.jp-OutputArea-output')) {
    const text = el.innerText;
    for (const bad of ['Traceback', 'Error displaying widget', 'Failed to load model']) {
      if (text.includes(bad)) show(bad, el);
    }
  }
  return [...new Set(found)];
}"""

_FIGURES = """() => {
  const plots = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')];
  return {drawn: plots.filter(p => p.querySelector('.main-svg')).length, all: plots.length};
}"""

# The largest output of the notebook (JSON characters) and any output carrying plotly.js itself.
_OUTPUTS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  let largest = 0, plotlyjs = 0;
  for (let i = 0; i < cells.length; i++) {
    const outputs = cells.get(i).outputs;
    if (!outputs) continue;
    for (let j = 0; j < outputs.length; j++) {
      const text = JSON.stringify(outputs.get(j).toJSON());
      largest = Math.max(largest, text.length);
      if (text.includes('Plotly.newPlot') || text.includes('plotly.min.js')) plotlyjs++;
    }
  }
  return {largest, plotlyjs};
}"""

_TOP_ITEMS = """() => [...document.querySelectorAll('.jp-Notebook .tmd-item')]
  .filter(el => !el.parentElement.closest('.tmd-item')).length"""


@pytest.fixture
def single():
    return _pick("single")


@pytest.fixture
def text_item():
    return _pick("text")


def _pick(kind: str) -> tuple[_lab.Lesson, dict]:
    """Return the lesson and the first shown top-level item of a kind, 02-toragalyk first."""
    ordered = sorted(LESSONS, key=lambda lesson: lesson.name != "02-toragalyk")
    for lesson in ordered:
        for item in lesson.shown_items():
            if item.get("type") == kind:
                return lesson, item
    pytest.skip(f"no lesson shows a {kind} item")


def _option_text(item: dict, option_id: str, lang: str = "kk") -> str:
    return next(o["text"][lang] for o in item["options"] if o["id"] == option_id)


def _ui_message(verdict: str) -> str:
    ui_file = _lab.root() / "data" / "ui.yaml"
    ui = yaml.safe_load(ui_file.read_text(encoding="utf-8"))
    message = _lab.ui_message(ui, verdict)
    assert message, f"data/ui.yaml names no kk message for a {verdict} answer"
    return message


def _answer(tab, lesson, item, option_id):
    tab.open_and_run(lesson.path)
    box = tab.page.locator(f".tmd-item--{item['id']}").first
    box.get_by_label(_option_text(item, option_id), exact=True).check()
    box.locator(".tmd-check").click()
    return box


def test_no_cell_of_the_lesson_shows_an_error(rendered):
    problems = rendered.page.evaluate(_PROBLEMS)
    assert problems == [], "\n".join(problems + rendered.watch.console_errors)


def test_the_lesson_opens_no_dialog(rendered):
    assert rendered.watch.dialogs == []


def test_every_code_cell_of_the_lesson_ran(rendered):
    assert _lab.unrun_cells(rendered.page) == 0


def test_every_figure_of_the_lesson_is_drawn(rendered):
    expected = _lab.expected_figures(rendered.lesson.notebook)
    figures = rendered.page.evaluate(_FIGURES)
    assert figures == {"drawn": expected, "all": expected}


# The timeline's event names (one text trace, on a date axis): each name's box, narrowed by the
# no-break spaces that keep it off its marker, must not meet another name's.
_NAME_BOXES = """() => {
  const line = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')]
    .find((p) => p._fullLayout && p._fullLayout.xaxis && p._fullLayout.xaxis.type === 'date');
  if (!line) return [];
  const size = line._fullLayout._size, page = line.getBoundingClientRect();
  const plot = {x0: page.left + size.l, x1: page.left + size.l + size.w};
  return [...line.querySelectorAll('.textpoint text')].map((el) => {
    const box = el.getBoundingClientRect(), text = el.textContent;
    const pad = (text.length - text.replace(/\u00a0/g, '').length) * box.width / text.length;
    const left = text.startsWith('\u00a0');
    return {text: text.trim(), x0: box.left + (left ? pad : 0), x1: box.right - (left ? 0 : pad),
            y0: box.top, y1: box.bottom, plot};
  });
}"""


def _named_events(lesson) -> int:
    """Return how many event names the lesson's timeline shows (0 without a timeline)."""
    if "lesson.timeline()" not in lesson.notebook.read_text(encoding="utf-8"):
        return 0
    lang = lesson.name.split("-")[0] if lesson.name != lesson.stem else "kk"
    spec = _figures.timeline_spec(lang, content.focus_for(lesson.stem))
    return sum(len(trace["text"]) for trace in spec["data"] if trace["name"] == "labels")


def test_no_two_event_names_on_the_lessons_timeline_overlap(rendered):
    boxes = rendered.page.evaluate(_NAME_BOXES)
    assert len(boxes) == _named_events(rendered.lesson)
    met = [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 1
        and b["x0"] < a["x1"] - 1
        and a["y0"] < b["y1"] - 1
        and b["y0"] < a["y1"] - 1
    ]
    assert met == []


def test_every_event_name_on_the_lessons_timeline_lies_inside_the_plot(rendered):
    # plotly clips a name at the plot's edge: one running past it would be cut off.
    boxes = rendered.page.evaluate(_NAME_BOXES)
    assert len(boxes) == _named_events(rendered.lesson)
    cut = [
        b["text"] for b in boxes if b["x0"] < b["plot"]["x0"] - 1 or b["x1"] > b["plot"]["x1"] + 1
    ]
    assert cut == []


def test_no_output_of_the_lesson_carries_a_copy_of_plotly_js(rendered):
    found = rendered.page.evaluate(_OUTPUTS)
    assert found["plotlyjs"] == 0
    assert found["largest"] < 1_000_000  # plotly.js alone is over 3 MB


def test_every_self_check_item_of_the_lesson_is_drawn(rendered):
    lesson = rendered.lesson
    expected, exact = _lab.expected_items(lesson.notebook, lesson.quiz_items())
    drawn = rendered.page.evaluate(_TOP_ITEMS)
    if exact:
        assert drawn == expected
    else:
        assert drawn >= expected
    if _lab.quiz_calls(lesson.notebook):
        assert drawn >= 1


def test_the_lesson_opens_with_its_toolbar(rendered):
    first = rendered.page.locator(".jp-Notebook .jp-OutputArea-output").first
    buttons = first.locator(".tmd-toolbar .tmd-lang button").all_inner_texts()
    assert [b.strip() for b in buttons] == ["Қазақша", "Русский", "English"]


def test_the_outputs_of_the_lesson_have_no_serious_accessibility_violation(rendered):
    found = _lab.run_axe(rendered.page)
    report = _lab.artifacts().parent / "axe" / f"{rendered.lesson.name}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    for v in found:
        ours = sum(node["ours"] for node in v["nodes"])
        kind = "needs review" if v["review"] else "violation"
        print(f"axe {rendered.lesson.name}: {kind} {v['impact']} {v['id']}:"
              f" {ours} of {len(v['nodes'])} nodes ours: {v['help']}")  # fmt: skip
    serious = [
        f"{v['id']} ({v['impact']}): {node['target']} {node['html']}"
        for v in found
        if not v["review"] and v["impact"] in {"serious", "critical"}
        for node in v["nodes"]
        if node["ours"]
    ]
    assert serious == []


def test_the_right_option_of_a_single_choice_item_is_called_right(single, tab):
    lesson, item = single
    box = _answer(tab, lesson, item, item["answer"])
    verdict = box.locator(".tmd-feedback .tmd-verdict-right")
    verdict.wait_for(timeout=10_000)
    shown = box.locator(".tmd-feedback").inner_text()
    assert all(part in shown for part in _lab.fragments(_ui_message("right")))


def test_a_wrong_option_of_a_single_choice_item_is_called_wrong(single, tab):
    lesson, item = single
    wrong = next(o["id"] for o in item["options"] if o["id"] != item["answer"])
    box = _answer(tab, lesson, item, wrong)
    verdict = box.locator(".tmd-feedback .tmd-verdict-wrong")
    verdict.wait_for(timeout=10_000)
    shown = box.locator(".tmd-feedback").inner_text()
    assert all(part in shown for part in _lab.fragments(_ui_message("wrong")))


def test_switching_to_russian_shows_the_russian_prompt(single, tab):
    lesson, item = single
    tab.open_and_run(lesson.path)
    page = tab.page
    page.locator(".tmd-toolbar .tmd-lang button", has_text="Русский").first.click()
    prompt = page.locator(f".tmd-item--{item['id']} .tmd-prompt").first
    ru = " ".join(item["prompt"]["ru"].split())
    page.wait_for_function(
        "([el, text]) => el.innerText.replace(/\\s+/g, ' ').includes(text)",
        arg=[prompt.element_handle(), ru],
        timeout=10_000,
    )
    kk = " ".join(item["prompt"]["kk"].split())
    assert kk == ru or kk not in " ".join(prompt.inner_text().split())


HOSTILE = "<img src=x onerror=alert(1)>"


def test_markup_typed_into_an_answer_is_shown_as_text(text_item, tab):
    lesson, item = text_item
    tab.open_and_run(lesson.path)
    page = tab.page
    box = page.locator(f".tmd-item--{item['id']}").first
    box.locator(".tmd-answer input").fill(HOSTILE)
    box.locator(".tmd-check").click()
    box.locator(".tmd-feedback [class*=tmd-verdict-]").first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)  # an onerror handler would have fired by now
    shown = box.locator(".tmd-feedback").inner_text()
    assert (tab.watch.dialogs, page.locator('img[src="x"]').count()) == ([], 0)
    assert "onerror" not in shown or HOSTILE in shown


def test_the_map_buttons_switch_lesson_6_to_the_eaeu_map(tab):
    lesson = next(lesson for lesson in LESSONS if lesson.name == "06-esseden-keiin")
    tab.open_and_run(lesson.path)
    switcher = tab.page.locator(".tmd-figure-switcher").first
    title = switcher.locator(".js-plotly-plot .gtitle").first
    title.wait_for(timeout=20_000)
    assert "ТМД" in title.text_content()
    switcher.locator(".tmd-figure-switch button", has_text="ЕАЭО").click()
    tab.page.wait_for_function(
        "el => el.textContent.includes('ЕАЭО')", arg=title.element_handle(), timeout=20_000
    )


def _title(spec: dict) -> str:
    """Return a figure's title as plotly shows it: its markup gone, its entities read."""
    return unescape(re.sub(r"<[^>]+>", "", spec["layout"]["title"]["text"]))


def test_switching_to_russian_redraws_both_figures_of_lesson_6_in_russian(host):
    # The figures reach the browser after their panels are shown (tmdkit._figpanel); a language
    # switch must still replace them, in JupyterLab and in the Lite site alike.
    tab = host.tab()
    try:
        tab.open_and_run("lessons/06-esseden-keiin.ipynb")
        page = tab.page
        page.locator(".tmd-toolbar .tmd-lang button", has_text="Русский").first.click()
        want = [_title(_figures.timeline_spec("ru")), _title(_figures.map_spec("ru", "cis"))]
        page.wait_for_function(
            """(want) => {
              const shown = [...document.querySelectorAll('.jp-Notebook .js-plotly-plot .gtitle')]
                .map((el) => el.textContent);
              return shown.length === 2 && want.every((title) => shown.includes(title));
            }""",
            arg=want,
            timeout=30_000,
        )
    finally:
        tab.close()
