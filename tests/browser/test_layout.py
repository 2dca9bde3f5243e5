"""No control of ours is cut off on a classroom laptop's screen, in any of the three languages."""

from __future__ import annotations

import pytest

from . import _lab

pytestmark = pytest.mark.browser
# 01 shows the toolbar, all seven item types and the results block; 07 the essay checker too.
CASES = [("01-tmd", 1366), ("01-tmd", 1024), ("07-kaitalau", 1024)]
LANGUAGES = ["Қазақша", "Русский", "English"]

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
