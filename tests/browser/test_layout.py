"""No control of ours is cut off on a classroom laptop's screen or a phone, in any of the three
languages, and an option's label wraps after its radio button or checkbox."""

from __future__ import annotations

import pytest
from tmdkit._timeline_layout import PLOT_PX

from . import _lab

pytestmark = pytest.mark.browser
# 01 shows the toolbar, all seven item types and the results block; 07 the essay checker too.
CASES = [("01-tmd", 1366), ("01-tmd", 1024), ("07-kaitalau", 1024)]
LANGUAGES = ["Қазақша", "Русский", "English"]
PHONE = {"width": 390, "height": 844}

# Every button, toggle button, label and text box of a widget in the lesson's outputs (the lesson
# shows no widget that is not ours) that is drawn and either needs more room for its text than it
# has (the browser then clips it or ends it in "…"), or runs past the right edge of its output,
# which clips it.
_CUT = """() => {
  const found = [];
  const controls = document.querySelectorAll(['button', 'label', '.widget-label',
    '.widget-toggle-button', 'input', 'textarea']
    .map(s => '.jp-OutputArea-output .jupyter-widgets ' + s).join(', '));
  for (const el of controls) {
    if (!el.getClientRects().length || el.closest('.js-plotly-plot')) continue;
    const text = (el.innerText || el.value || el.placeholder || '').trim().slice(0, 60);
    const owner = el.closest('[class*="tmd-"]');
    const where = `${el.tagName.toLowerCase()} in ` + (owner ? '.' + [...owner.classList]
      .filter(c => c.startsWith('tmd-')).join('.') : 'an unnamed widget');
    const typed = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
    if (!typed && text && el.scrollWidth > el.clientWidth + 1) {
      found.push(`"${text}" (${where}) is cut: needs ${el.scrollWidth} px, has ${el.clientWidth}`);
    }
    const area = el.closest('.jp-OutputArea-output').getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (box.right > area.right + 1 || box.left < area.left - 1) {
      found.push(`"${text}" (${where}) runs past its output: ${Math.round(box.left)}-` +
                 `${Math.round(box.right)} px, output ${Math.round(area.left)}-${Math.round(area.right)}`);
    }
  }
  return found;
}"""

_LANG_SHOWN = """lang => [...document.querySelectorAll('.tmd-toolbar .tmd-lang button')]
  .some(b => b.classList.contains('mod-active') && b.innerText.trim() === lang)"""


@pytest.mark.parametrize(("lesson", "width"), CASES, ids=[f"{s}-{w}x768" for s, w in CASES])
def test_no_button_or_label_of_ours_is_cut_off_in_any_language(tab, lesson, width):
    height = 768
    tab.page.set_viewport_size({"width": width, "height": height})
    tab.open_and_run(f"lessons/{lesson}.ipynb")
    assert tab.page.locator(".tmd-save").count() == 1, "the lesson shows its results block"
    cut = []
    for lang in LANGUAGES:
        tab.page.locator(".tmd-toolbar .tmd-lang button", has_text=lang).first.click()
        tab.page.wait_for_function(_LANG_SHOWN, arg=lang)
        _lab.settle_outputs(tab.page)
        cut += [f"{lang} at {width}x{height}: {line}" for line in tab.page.evaluate(_CUT)]
        _lab.screenshot(tab.page, f"layout-{lesson}-{width}-{lang}")
    assert cut == [], "\n".join(cut)


# Every radio button and checkbox of an item: each line of its label's text starts right of the
# input (a hanging indent), and the label lies inside its item; every dropdown and list too.
# Returns how many options it measured, so a lesson without any cannot pass unseen.
OPTIONS_WRAP = """() => {
  const found = [];
  let options = 0;
  const inputs = document.querySelectorAll('.jp-OutputArea-output .tmd-item label > '
    + 'input:is([type=radio], [type=checkbox])');
  for (const input of inputs) {
    if (!input.getClientRects().length) continue;
    options += 1;
    const label = input.closest('label'), name = label.innerText.trim().slice(0, 40);
    const item = label.closest('.tmd-subitem, .tmd-item').getBoundingClientRect();
    const box = input.getBoundingClientRect(), own = label.getBoundingClientRect();
    const walk = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        if (line.width && line.left < box.right - 0.5) {
          found.push(`"${name}": a line starts at ${Math.round(line.left)} px, left of its ` +
                     `input's right edge at ${Math.round(box.right)} px`);
        }
      }
    }
    if (own.width > item.width + 0.5 || own.right > item.right + 0.5) {
      found.push(`"${name}": its label (${Math.round(own.width)} px) is wider than its item ` +
                 `(${Math.round(item.width)} px)`);
    }
  }
  for (const select of document.querySelectorAll('.jp-OutputArea-output .tmd-item select')) {
    const item = select.closest('.tmd-subitem, .tmd-item').getBoundingClientRect();
    const box = select.getBoundingClientRect();
    if (box.right > item.right + 0.5) {
      found.push(`a ${select.size > 1 ? 'list' : 'dropdown'} ends ${Math.round(box.right - item.right)} px past its item`);
    }
  }
  return {options, found: [...new Set(found)].slice(0, 12)};
}"""


@pytest.mark.parametrize("lesson", ["01-tmd", "07-kaitalau"])
def test_on_a_phone_every_option_wraps_after_its_button_and_stays_in_its_item(tab, lesson):
    tab.page.set_viewport_size(PHONE)
    tab.open_and_run(f"lessons/{lesson}.ipynb")
    # a student on a phone closes Lab's side panels, which would leave the notebook 30 px wide
    tab.page.evaluate(
        "() => { const s = window.jupyterapp.shell; s.collapseLeft(); s.collapseRight(); }"
    )
    found = []
    for lang in LANGUAGES:
        tab.page.locator(".tmd-toolbar .tmd-lang button", has_text=lang).first.click()
        tab.page.wait_for_function(_LANG_SHOWN, arg=lang)
        _lab.settle_outputs(tab.page)
        seen = tab.page.evaluate(OPTIONS_WRAP)
        assert seen["options"] >= 10, f"{lesson} shows {seen['options']} options in {lang}"
        found += [f"{lang}: {line}" for line in seen["found"]]
        _lab.screenshot(tab.page, f"phone-{lesson}-{lang}")
    assert found == [], "\n".join(found)


@pytest.fixture(scope="module", params=["04-eurazek", "00-kirispe"])
def phone(request, lab_host):
    """A lesson with a chronology item (04 has the longest rows in kk and ru, 00 in en), run once
    on a phone-sized screen with Lab's side panels closed, for the tests below."""
    tab = lab_host.tab()
    tab.lesson, page = request.param, tab.page
    try:
        page.set_viewport_size(PHONE)
        _lab.open_notebook(page, tab.server, f"lessons/{request.param}.ipynb")
        # closed before the figures are drawn: in the 30 px left beside Lab's open side panels,
        # plotly draws them with a negative width and says so in the console
        page.evaluate(
            "() => { const s = window.jupyterapp.shell; s.collapseLeft(); s.collapseRight(); }"
        )
        _lab.run_all(page)
        _lab.settle_outputs(page)
        yield tab
    finally:
        tab.close()


# Every chronology list: the list and each of its rows need no more room than they have (the
# browser would cut the row, or end it in "…"), no row is glued together by no-break spaces (it
# could then only wrap inside a word), no row runs past its item; the ↑ and ↓ buttons lie inside
# the item and are at least 24 px each way. Returns how many rows it measured.
CHRONOLOGY = """() => {
  const found = [];
  let rows = 0;
  for (const list of document.querySelectorAll('.jp-OutputArea-output .tmd-order select')) {
    if (!list.getClientRects().length) continue;
    const item = list.closest('.tmd-subitem, .tmd-item'), box = item.getBoundingClientRect();
    if (list.scrollWidth > list.clientWidth + 1) {
      found.push(`a list needs ${list.scrollWidth} px, has ${list.clientWidth}`);
    }
    if (list.scrollHeight > list.clientHeight + 1) {
      found.push(`a list hides ${list.scrollHeight - list.clientHeight} px of its rows`);
    }
    for (const row of list.options) {
      rows += 1;
      const name = row.textContent.replace(/\\s+/g, ' ').slice(0, 40), own = row.getBoundingClientRect();
      if (row.scrollWidth > row.clientWidth + 1) {
        const dots = getComputedStyle(row).textOverflow === 'ellipsis' ? ', ends in "…"' : '';
        found.push(`"${name}" is cut: needs ${row.scrollWidth} px, has ${row.clientWidth}${dots}`);
      }
      if (/[^\\s\\d.]\\u00a0\\S/.test(row.textContent)) {
        found.push(`"${name}": no-break spaces join its words, so it cannot wrap between them`);
      }
      if (own.left < box.left - 0.5 || own.right > box.right + 0.5) {
        found.push(`"${name}" runs past its item`);
      }
    }
    for (const button of item.querySelectorAll(':scope > .tmd-up, :scope > .tmd-down')) {
      const b = button.getBoundingClientRect(), name = button.innerText.trim();
      if (b.left < box.left - 0.5 || b.right > box.right + 0.5) found.push(`${name} lies outside its item`);
      if (b.width < 24 || b.height < 24) found.push(`${name} is ${b.width}x${b.height} px, under 24`);
    }
  }
  return {rows, found: [...new Set(found)].slice(0, 12)};
}"""

# A finger at the centre of the button lands on it (nothing covers it).
_TOUCHED = """b => { const r = b.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return !!hit && hit.closest('button') === b; }"""


def test_on_a_phone_every_chronology_row_wraps_in_its_item_in_full_and_its_buttons_are_in_reach(
    phone,
):
    page, found = phone.page, []
    for lang in LANGUAGES:
        page.locator(".tmd-toolbar .tmd-lang button", has_text=lang).first.click()
        page.wait_for_function(_LANG_SHOWN, arg=lang)
        _lab.settle_outputs(page)
        seen = page.evaluate(CHRONOLOGY)
        assert seen["rows"] >= 4, f"the lesson shows {seen['rows']} chronology rows in {lang}"
        found += [f"{lang}: {line}" for line in seen["found"]]
    item = page.locator(".tmd-item:has(.tmd-order)").first
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(_lab.artifacts() / f"phone-chronology-{phone.lesson}.png"))
    rows = item.locator(".tmd-order select")
    rows.select_option(index=1)  # a row chosen: both buttons can move it
    item.locator(".tmd-up:enabled").wait_for()
    rows.focus()
    for name in ("tmd-up", "tmd-down"):  # Tab from the list reaches ↑, then ↓
        page.keyboard.press("Tab")
        assert name in page.evaluate("() => [...document.activeElement.classList]"), name
    for button in (item.locator(".tmd-up"), item.locator(".tmd-down")):
        button.scroll_into_view_if_needed()
        assert button.evaluate(_TOUCHED), f"{button.inner_text()} is covered on a phone"
    assert found == [], "\n".join(found)


# Every element of our outputs with text of its own (prose, translations, feedback, hints, answer
# boxes, fact checks, legends, tables, the results panel; not the controls) and its lines' spacing
# where it is over 1.6 times its font size (ipywidgets sets an HTML widget's lines 28 px apart);
# and every button, list, dropdown and text box under 24 px high, which a finger would miss.
LINES = """() => {
  const found = [], seen = new Set();
  let blocks = 0, controls = 0;
  const where = el => { const owner = el.closest('[class*="tmd-"]');
    return owner ? '.' + [...owner.classList].filter(c => c.startsWith('tmd-')).join('.') : 'an unnamed block'; };
  for (const out of document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')) {
    if (!out.querySelector('[class*="tmd-"]')) continue;
    for (const el of out.querySelectorAll('*')) {
      if (seen.has(el) || !el.getClientRects().length || el.closest('.js-plotly-plot')) continue;
      seen.add(el);
      if (el.matches('button, select, input:not([type=radio], [type=checkbox]), textarea')) {
        controls += 1;
        const high = el.getBoundingClientRect().height;
        if (high < 24) found.push(`a ${el.tagName.toLowerCase()} in ${where(el)} is ${high} px high`);
        continue;
      }
      if (el.closest('button, select:not([size]), textarea, .widget-label')) continue;
      if (![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
      blocks += 1;
      const style = getComputedStyle(el), size = parseFloat(style.fontSize);
      const line = style.lineHeight === 'normal' ? 1.2 * size : parseFloat(style.lineHeight);
      if (line > 1.6 * size + 0.5) {
        found.push(`"${el.textContent.trim().slice(0, 30)}" (${where(el)}): lines ${line} px ` +
                   `apart, ${(line / size).toFixed(2)} times its ${size} px font`);
      }
    }
  }
  return {blocks, controls, found: [...new Set(found)].slice(0, 12)};
}"""


def test_our_text_reads_in_lines_at_most_1_6_times_its_size_and_our_controls_stay_24_px_high(
    phone,
):
    page, found = phone.page, []
    item = page.locator(".tmd-item:has(.tmd-order)").first
    item.locator(".tmd-check").click()  # feedback
    item.locator(".tmd-fb").wait_for()
    if item.locator(".tmd-hint").count():
        item.locator(".tmd-hint").click()
        item.locator(".tmd-hint-text").first.wait_for()
    page.locator(".tmd-teacher").first.click()  # every answer box and the teacher's notes
    page.locator(".tmd-answer-box").first.wait_for()
    page.evaluate("() => document.querySelectorAll('.jp-OutputArea-output details')"
                  ".forEach(d => { d.open = true; })")  # text alternatives, glossary, sources  # fmt: skip
    try:
        for size in (PHONE, {"width": 1366, "height": 900}):
            page.set_viewport_size(size)
            page.wait_for_timeout(1000)  # Lumino lays out again
            seen = page.evaluate(LINES)
            assert seen["blocks"] >= 20 and seen["controls"] >= 5, seen
            found += [f"at {size['width']} px: {line}" for line in seen["found"]]
        page.set_viewport_size(PHONE)
        _lab.screenshot(page, f"phone-text-{phone.lesson}")
    finally:
        page.locator(".tmd-teacher").first.click()
        page.set_viewport_size(PHONE)
    assert found == [], "\n".join(found)


# Every open text alternative of a figure: no output holding it (with the figure and its legend)
# is wider inside than it shows, so none scrolls sideways or cuts the table off; a table wider
# than a phone scrolls inside the text alternative instead.
ALTERNATIVES = """() => {
  const found = [];
  let open = 0;
  for (const alt of document.querySelectorAll('.jp-OutputArea-output details.tmd-alt[open]')) {
    if (!alt.getClientRects().length) continue;
    open += 1;
    const name = (alt.querySelector('caption') || alt).innerText.trim().slice(0, 40);
    for (let out = alt.closest('.jp-OutputArea-output'); out;
         out = out.parentElement.closest('.jp-OutputArea-output')) {
      if (out.scrollWidth > out.clientWidth + 1) {
        found.push(`"${name}": its output is ${out.scrollWidth - out.clientWidth} px too wide`);
      }
    }
  }
  return {open, found};
}"""


def test_on_a_phone_a_wide_text_alternative_scrolls_in_its_own_box_not_with_the_figure(phone):
    page = phone.page
    page.evaluate("() => document.querySelectorAll('.jp-OutputArea-output details.tmd-alt')"
                  ".forEach(d => { d.open = true; })")  # fmt: skip
    page.wait_for_timeout(500)
    seen = page.evaluate(ALTERNATIVES)
    assert seen["open"] >= 1, "the lesson shows no figure with a text alternative"
    assert seen["found"] == [], "\n".join(seen["found"])


# Each drawn figure of our outputs: whether it is the timeline (a date axis), its plot area
# (plotly's own measure), whether its box (the output holding it) scrolls sideways and how far,
# every name it draws (the timeline's events, the map's states) that runs past the figure's edge,
# and what else scrolls sideways: the box's ancestors, the page, and the figure's legend and text
# alternative (they stay at the screen's width, inside it).
FIGURES = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
    && el.scrollWidth > el.clientWidth + 1;
  const wide = [];
  const figures = [...document.querySelectorAll('.jp-Notebook .tmd-figure .js-plotly-plot')]
    .filter(gd => gd._fullLayout && gd.getClientRects().length).map(gd => {
      const box = gd.parentElement, edge = gd.querySelector('.main-svg').getBoundingClientRect();
      for (let el = box.parentElement; el; el = el.parentElement) {
        if (scrolls(el) || (el === document.documentElement && el.scrollWidth > width + 1)) {
          wide.push(`${el.tagName}.${[...el.classList].join('.')} scrolls sideways`);
        }
      }
      for (const el of gd.closest('.tmd-figure').querySelectorAll('.tmd-map-legend, .tmd-alt')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5) wide.push(`.${el.className} ends ${Math.round(r.right - width)} px past the screen`);
      }
      const named = '.textpoint text, .annotation-text';  // events' and states' names, era labels
      const cut = [...gd.querySelectorAll(named)].filter(t => t.getClientRects().length)
        .map(t => ({name: t.textContent.trim(), r: t.getBoundingClientRect()}))
        .filter(({r}) => r.left < edge.left - 0.5 || r.right > edge.right + 0.5)
        .map(({name, r}) => `"${name}" runs ${Math.round(Math.max(edge.left - r.left, r.right - edge.right))} px past the figure's edge`);
      return {timeline: gd._fullLayout.xaxis.type === 'date', plot: gd._fullLayout._size.w,
              width: gd._fullLayout.width, box: box.clientWidth, scrolls: scrolls(box),
              names: gd.querySelectorAll(named).length, cut};
    });
  return {figures, wide: [...new Set(wide)]};
}"""


def _figures(page, lang: str | None = None) -> list[dict]:
    """Return what FIGURES measures of the lesson's figures, in lang if given."""
    if lang:
        page.locator(".tmd-toolbar .tmd-lang button", has_text=lang).first.click()
        page.wait_for_function(_LANG_SHOWN, arg=lang)
        _lab.settle_outputs(page)
    seen = page.evaluate(FIGURES)
    assert seen["figures"], "the lesson shows no figure"
    return seen


def test_on_a_phone_the_timeline_keeps_the_plot_area_its_layout_plans_for(phone):
    found = []
    for lang in LANGUAGES:
        timelines = [f for f in _figures(phone.page, lang)["figures"] if f["timeline"]]
        assert timelines, f"{phone.lesson} shows no timeline"
        found += [
            f"{lang}: the plot area is {f['plot']} px" for f in timelines if f["plot"] < PLOT_PX
        ]
    assert found == [], f"needs {PLOT_PX} px:\n" + "\n".join(found)


def test_on_a_phone_no_name_on_a_figure_is_cut_off_at_its_edge(phone):
    found = []
    for lang in LANGUAGES:
        figures = _figures(phone.page, lang)["figures"]
        assert all(f["names"] for f in figures), figures  # lesson 00: its eras' names
        found += [f"{lang}: {line}" for f in figures for line in f["cut"]]
    assert found == [], "\n".join(found)


def test_a_figure_scrolls_sideways_in_its_own_box_on_a_phone_and_not_on_a_laptop(phone):
    page = phone.page
    narrow = _figures(page)
    for i, figure in enumerate(page.locator(".tmd-figure").all()):
        figure.screenshot(path=str(_lab.artifacts() / f"phone-figure-{phone.lesson}-{i}.png"))
    try:
        page.set_viewport_size({"width": 1366, "height": 900})
        page.wait_for_timeout(1500)  # Lumino and plotly lay out again
        wide = _figures(page)
    finally:
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(1500)
    assert [f["scrolls"] for f in narrow["figures"]] == [True] * len(narrow["figures"]), narrow
    assert narrow["wide"] == [], "\n".join(narrow["wide"])
    assert [(f["scrolls"], f["width"]) for f in wide["figures"]] == [
        (False, f["box"]) for f in wide["figures"]
    ], wide
    assert wide["wide"] == [], "\n".join(wide["wide"])


# axe's rule that a keyboard can reach every region that scrolls (a focusable element inside it,
# here the figure's mode bar buttons): how many figures' boxes pass it, and what fails it.
_SCROLL_KEYS = """async () => {
  const r = await axe.run({include: [['.jp-Notebook .tmd-figure']]},
    {runOnly: ['scrollable-region-focusable'], resultTypes: ['violations', 'passes']});
  const nodes = list => list.flatMap(v => v.nodes.map(n => n.target));
  const isBox = target => !!document.querySelector(target[0])?.querySelector(':scope > .js-plotly-plot');
  return {boxes: nodes(r.passes).filter(isBox).length, failed: nodes(r.violations).map(t => t.join(' '))};
}"""


def test_on_a_phone_the_keyboard_reaches_every_figure_that_scrolls_sideways(phone):
    page = phone.page
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=_lab.AXE.read_text(encoding="utf-8"))
    seen = page.evaluate(_SCROLL_KEYS)
    figures = len(_figures(page)["figures"])
    assert (seen["boxes"], seen["failed"]) == (figures, []), seen


_HEIGHTS = (
    "() => [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')].map(p => p.offsetHeight)"
)


def test_every_figure_keeps_its_height_when_the_window_changes_size(phone):
    # A phone turned on its side, a window made taller: plotly's own resize handler, racing
    # JupyterLab's, once left a figure 0 px high after a change of height alone.
    page = phone.page
    before = page.evaluate(_HEIGHTS)
    assert before and min(before) > 300, before
    try:
        for size in ({"width": 390, "height": 2000}, PHONE, {"width": 844, "height": 390}):
            page.set_viewport_size(size)
            page.wait_for_timeout(1500)  # Lumino and plotly lay out again
            assert page.evaluate(_HEIGHTS) == before, size
    finally:
        page.set_viewport_size(PHONE)


# The text of every item (prompt, options, feedback, buttons), read by its computed font size.
_ITEM_TEXT = """() => [...document.querySelectorAll('.jp-Notebook .tmd-item')]
  .flatMap(item => [...item.querySelectorAll('.widget-html-content, label, button')])
  .filter(el => el.getClientRects().length && el.textContent.trim())
  .map(el => [el.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)])"""


def test_every_items_text_is_at_least_15_px_as_a_projectors_back_row_needs(phone):
    sizes = phone.page.evaluate(_ITEM_TEXT)
    assert len(sizes) >= 10, sizes
    assert [(text, px) for text, px in sizes if px < 15] == []
