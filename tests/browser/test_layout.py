"""No control of ours is cut off on a classroom laptop's screen or a phone, in any of the three
languages, and an option's label wraps after its radio button or checkbox."""

from __future__ import annotations

import pytest

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
