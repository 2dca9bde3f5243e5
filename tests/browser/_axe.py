"""Accessibility: axe-core (vendored) over a notebook's outputs."""

from __future__ import annotations

from pathlib import Path

from ._page import tall

AXE = Path(__file__).with_name("axe") / "axe.min.js"

# Runs axe-core over the output areas only and marks each node as ours (inside an output, i.e.
# made by the lesson: widgets, figures, essay blocks) or Lab's (output prompts).
_AXE_RUN = """async () => {
  const result = await axe.run({include: [['.jp-Notebook .jp-OutputArea']]},
                               {resultTypes: ['violations', 'incomplete']});
  const report = (v, review) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, review,
    nodes: v.nodes.map(n => {
      const el = document.querySelector(n.target[0]);
      return {target: n.target.join(' '), html: n.html.slice(0, 200),
              ours: !!(el && el.closest('.jp-OutputArea-output')),
              summary: (n.failureSummary || '').slice(0, 300)};
    }),
  });
  return [...result.violations.map(v => report(v, false)),
          ...result.incomplete.map(v => report(v, true))];
}"""


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return what it found within the notebook's outputs:
    violations, and (with review=True) checks it could not decide, such as contrast over
    an image."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # Lab's <body> is 0 px high with overflow hidden, so axe would take every element for
    # clipped and skip contrast checks; giving it the window's height changes no layout.
    page.evaluate("() => { document.body.style.minHeight = '100vh'; }")
    with tall(page):
        return page.evaluate(_AXE_RUN)
