"""The essay checker on screen: a verdict first, then the errors repeated, the points found and missing."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from . import _content as content
from ._coverage import Report, check_answer
from ._html import esc, shown_text
from ._i18n import t
from ._widgets import set_traits

if TYPE_CHECKING:
    from ._lesson import Lesson

log = logging.getLogger("tmdkit")


def _rows(entries: Sequence[Mapping[str, Any]], icon: str, lang: str, why: bool) -> str:
    return "".join(
        f"<li>{icon} {esc(content.text(p['label'], lang))}"
        + (f"<br><small>{esc(content.text(p['why'], lang))}</small>" if why else "")
        + "</li>"
        for p in entries
    )


def _error_rows(report: Report, lang: str, root: Any) -> str:
    rows = []
    for e in report.errors:
        title = content.text(content.lesson_info(e["lesson"], root)["title"], lang)
        said = shown_text(report.quotes.get(e["id"], ""), 300)
        rows.append(
            f"<li>✘ <b>{esc(content.text(e['label'], lang))}</b>"
            + (f'<br><span class="tmd-quote">«{esc(said)}»</span>' if said else "")
            + f"<br>{esc(t('coverage_correction', lang))}: {esc(content.text(e['correction'], lang))}"
            f"<br><small>{esc(t('coverage_revisit', lang, lesson=title))}</small></li>"
        )
    return "".join(rows)


def report_html(report: Report, total: int, lang: str, root: Any) -> str:
    """Return the checker's report: the verdict, then errors, found and missing key points."""
    if report.errors:
        verdict = t("coverage_has_errors", lang, n=len(report.errors))
        head = f'<div class="tmd-coverage-verdict tmd-verdict-wrong">✘ {esc(verdict)}</div>'
    else:
        verdict = t("coverage_no_errors", lang)
        head = f'<div class="tmd-coverage-verdict tmd-verdict-right">✔ {esc(verdict)}</div>'
    errors = ""
    if report.errors:
        errors = (
            f"<b>{esc(t('coverage_errors', lang))}</b>"
            f'<ul class="tmd-coverage-errors">{_error_rows(report, lang, root)}</ul>'
        )
    return (
        head + errors + f"<b>{esc(t('coverage_found', lang))} ({len(report.found)}/{total})</b>"
        f"<ul>{_rows(report.found, '✔', lang, False)}</ul>"
        f"<b>{esc(t('coverage_missing', lang))}</b><ul>{_rows(report.missing, '✘', lang, True)}</ul>"
    )


class CoveragePanel:
    """Text box, check button, report; the last result is kept in the lesson's results."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson, kit = lesson, lesson.kit
        self.points = content.keypoints(lesson.root)
        self.errors = content.known_errors(lesson.root)
        # Made with their labels: one message each to the browser, and no report to draw yet.
        labels = self._labels(lesson.state.lang)
        self.answer = kit.make(w.Textarea, "tmd-essay-input", rows=12, **labels["answer"])
        self.button = kit.make(w.Button, "tmd-check", button_style="primary", icon="check",
                               **labels["button"])  # fmt: skip
        self.report = kit.make(w.HTML, "tmd-feedback")
        self.last: Report | None = None
        self.notice: str | None = None  # ui.yaml key shown instead of a report (empty, failed)
        self.widget = kit.make(
            w.VBox, "tmd-coverage", children=[self.answer, self.button, self.report]
        )
        self.button.on_click(self.check)
        lesson.state.observe(lambda _c: self.relabel(), names=["lang"])

    def relabel(self) -> None:
        """Redraw labels, and the report if there is one, in the lesson's language."""
        set_traits(self, self._labels(self.lesson.state.lang))
        self.draw()

    @staticmethod
    def _labels(lang: str) -> dict[str, dict[str, str]]:
        """Return the labels of the answer box and the check button, by attribute, in lang."""
        return {
            "answer": {"placeholder": t("coverage_placeholder", lang),
                       "description": t("your_answer", lang)},
            "button": {"description": t("check", lang)},
        }  # fmt: skip

    def check(self, _button: Any = None) -> None:
        """Check the answer typed, show the report and keep its ids for the results file."""
        self.notice = None
        if not shown_text(self.answer.value):  # blank, or only invisible marks pasted in
            self.notice = "coverage_empty"
        else:
            try:
                report = check_answer(self.answer.value, self.points, self.errors)
            except Exception:  # a checker bug: say so plainly, log the traceback for us
                log.exception("essay checker failed on %d characters", len(self.answer.value))
                self.notice = "checker_error"
            else:
                self.last = report
                self.lesson.state.board.coverage = report.record()
                self.lesson.changed()
        self.draw()

    def draw(self) -> None:
        """Redraw the report, or the notice that replaced it, in the lesson's language."""
        lang = self.lesson.state.lang
        if self.notice is not None:
            self.report.value = (
                f'<span class="tmd-verdict-invalid">⚠ {esc(t(self.notice, lang))}</span>'
            )
        elif self.last is not None:
            self.report.value = report_html(self.last, len(self.points), lang, self.lesson.root)
