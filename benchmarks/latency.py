"""Click "check" → feedback drawn, in JupyterLab, for a lesson's items and the floor's one item."""

from __future__ import annotations

import statistics

from _browser import show
from _common import ratio, step

from tests.browser import _lab

# Clicks an item's check button and resolves with the ms until its feedback changed and two
# frames were painted, or null when the feedback did not change within the timeout.
_CLICK = """async ([box, timeout]) => {
  const inFeedback = r => {
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    return (el && el.closest('.tmd-feedback')) || [...r.addedNodes].some(n => n.nodeType === 1
      && (n.matches('.tmd-feedback') || n.querySelector('.tmd-feedback')));
  };
  return await new Promise(resolve => {
    const t0 = performance.now();
    const obs = new MutationObserver(recs => {
      if (!recs.some(inFeedback)) return;
      obs.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    });
    obs.observe(box, {subtree: true, childList: true, characterData: true, attributes: true});
    box.querySelector('.tmd-check').click();
    setTimeout(() => { obs.disconnect(); resolve(null); }, timeout);
  });
}"""


def click_latencies(page, items: list[tuple[str, list[str]]], clicks: int) -> list[float]:
    """Answer single-choice items (selector, option labels) until `clicks` feedbacks changed;
    an item that stops answering (locked after the right answer) is left, and when all are,
    the notebook runs again for fresh ones."""
    samples: list[float] = []
    for _round in range(5):
        for selector, labels in items:
            box = page.locator(selector).first
            for label in labels * 2:
                if len(samples) >= clicks:
                    return samples
                try:
                    box.get_by_label(label, exact=True).check(timeout=3000)
                except Exception:  # the item no longer takes answers
                    break
                ms = page.evaluate(_CLICK, [box.element_handle(), 3000])
                if ms is None:
                    break
                samples.append(ms)
        _lab.run_all(page)
        _lab.settle_outputs(page)
    return samples


def single_items(lesson: _lab.Lesson) -> list[tuple[str, list[str]]]:
    """Return (selector, kk option labels, wrong ones first) for each shown single item."""
    found = []
    for item in lesson.shown_items():
        if item.get("type") == "single":
            options = sorted(item["options"], key=lambda o: o["id"] == item["answer"])
            found.append((f".tmd-item--{item['id']}", [o["text"]["kk"] for o in options]))
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(ctx, lab, browser) -> dict:
    """The lesson the browser tests answer (02-toragalyk) when it has single items."""
    step("browser: click-to-feedback latency")
    clicks = ctx.args.clicks
    ours, lesson_name = [], None
    ordered = sorted(ctx.lessons, key=lambda lesson: lesson.name != "02-toragalyk")
    chosen = next((lesson for lesson in ordered if single_items(lesson)), None)
    if chosen is not None:
        page = show(browser, lab, chosen.path)
        ours, lesson_name = click_latencies(page, single_items(chosen), clicks), chosen.name
        page.close()
        _lab.shutdown_kernels(lab)
    floor_nb = ctx.floor(where=ctx.served)
    page = show(browser, lab, floor_nb.relative_to(ctx.base).as_posix())
    floor = click_latencies(page, [(".tmd-item", list("abcd"))], clicks)
    page.close()
    _lab.shutdown_kernels(lab)
    if len(ours) < clicks:
        ctx.problems.append(f"only {len(ours)} of {clicks} lesson clicks changed feedback")
    median = lambda xs: round(statistics.median(xs), 1) if xs else None  # noqa: E731
    res = {
        "feedback_latency_lesson": lesson_name,
        "feedback_latency_clicks": len(ours),
        "feedback_latency_ms_median": median(ours),
        "feedback_latency_ms_p95": round(p95(ours), 1) if ours else None,
        "feedback_latency_floor_clicks": len(floor),
        "feedback_latency_floor_ms_median": median(floor),
    }
    res["feedback_latency_ratio"] = ratio(
        res["feedback_latency_ms_median"], res["feedback_latency_floor_ms_median"]
    )
    return res
