"""The one object a notebook talks to: `lesson = start("02-toragalyk")`, then one-line calls."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import ipywidgets as w
from IPython.display import display

from . import _content as content
from ._blocks import (
    CSS,
    essay_html,
    facts_html,
    glossary_html,
    list_html,
    teacher_html,
)
from ._coverage import coverage
from ._figures import figure_bundle, map_figure, map_table, timeline_figure, timeline_table
from ._html import esc
from ._i18n import t
from ._results import record, safe_name, save
from ._state import State
from ._views import QuizView, item_view
from .items.context import passage_html as context_passage

_INITIAL = {"description_width": "initial"}  # show a label whole instead of cutting it
LANG_LABELS = (("Қазақша", "kk"), ("Русский", "ru"), ("English", "en"))


class Lesson:
    """One lesson's widgets and scores; every method returns a widget to show in its cell."""

    def __init__(
        self,
        stem: str,
        *,
        lang: str | None = None,
        teacher: bool | None = None,
        seed: str | None = None,
    ) -> None:
        self.stem = stem
        self.info = content.lesson_info(stem)
        self.section = content.section_for(stem)
        self.state = State(lang, teacher, seed)
        self.progress = w.HTML()
        self.progress.add_class("tmd-progress")
        self.state.observe(lambda _c: self._update_progress(), names=["lang"])
        self._update_progress()

    # -- helpers ------------------------------------------------------------------------------
    def _live(
        self,
        draw: Callable[[str], str],
        css: str = "",
        *,
        teacher_only: bool = False,
        also: tuple[w.Widget, ...] = (),
    ) -> w.HTML:
        """Return an HTML widget redrawn whenever the language, teacher mode or `also` changes."""
        box = w.HTML()
        if css:
            box.add_class(css)

        def redraw(_change: Any = None) -> None:
            hidden = teacher_only and not self.state.teacher
            box.value = "" if hidden else draw(self.state.lang)

        self.state.observe(redraw, names=["lang", "teacher"])
        for widget in also:
            widget.observe(redraw, names=["value"])
        redraw()
        return box

    def _update_progress(self) -> None:
        lang = self.state.lang
        done, total = self.state.board.progress()
        points, items = self.state.board.score()
        self.progress.value = esc(t("progress", lang, done=done, total=total)) + (
            f" · {esc(t('score_line', lang, score=f'{points:g}', total=items))}" if items else ""
        )

    # -- the toolbar ----------------------------------------------------------------------------
    def toolbar(self) -> w.Widget:
        """Return the language switch, teacher-mode toggle and progress line (with the styles)."""
        lang = w.ToggleButtons(options=LANG_LABELS, value=self.state.lang)
        lang.add_class("tmd-lang")
        w.link((lang, "value"), (self.state, "lang"))
        teacher = w.ToggleButton(
            value=self.state.teacher, icon="graduation-cap", layout=w.Layout(width="auto")
        )
        teacher.add_class("tmd-teacher")
        w.link((teacher, "value"), (self.state, "teacher"))
        title = self._live(lambda lg: f"<b>{esc(content.text(self.info['title'], lg))}</b>")

        def relabel(_c: Any = None) -> None:
            teacher.description = t("teacher_mode", self.state.lang)
            lang.tooltips = [t("language", self.state.lang)] * 3

        self.state.observe(relabel, names=["lang"])
        relabel()
        bar = w.VBox([w.HTML(CSS), title, w.HBox([lang, teacher]), self.progress])
        bar.add_class("tmd-toolbar")
        return bar

    # -- narrative blocks -------------------------------------------------------------------------
    def objectives(self) -> w.Widget:
        """Return the lesson's objectives and time to learn."""

        def draw(lang: str) -> str:
            minutes = esc(t("time_to_learn", lang, n=self.info["minutes"]))
            return (
                list_html("objectives", self.info["objectives"], lang, "tmd-objectives") + minutes
            )

        return self._live(draw)

    def essay(self) -> w.Widget:
        """Return the section's essay text (Kazakh original) with translations on a toggle."""
        numbers = content.sentence_numbers(self.stem)
        terms = content.terms_in(numbers)
        choice = w.ToggleButtons(
            options=[("—", None), ("RU", "ru"), ("EN", "en")],
            value=None if self.state.lang == "kk" else self.state.lang,
        )
        choice.add_class("tmd-translate")
        body = self._live(
            lambda lg: (
                essay_html(content.essay(), numbers, terms, lang=lg, translation=choice.value)
                + glossary_html(terms, lg)
            ),
            also=(choice,),
        )
        return w.VBox([choice, body])

    def facts(self, everything: bool = False) -> w.Widget:
        """Return the context and fact-check boxes for this section (or every box)."""
        checks = content.checks_for(None if everything else content.sentence_numbers(self.stem))
        return self._live(lambda lg: facts_html(checks, lg))

    def key_points(self) -> w.Widget:
        """Return the lesson's key points (түйін)."""
        return self._live(
            lambda lg: list_html("key_points", self.info["key_points"], lg, "tmd-keypoints")
        )

    def teacher_notes(self) -> w.Widget:
        """Return the teacher's notes; empty unless teacher mode is on."""
        return self._live(
            lambda lg: teacher_html(self.info["teacher"], lg), "tmd-teacher-box", teacher_only=True
        )

    # -- figures ---------------------------------------------------------------------------------
    def _figure(self, build: Callable[[str], Any], table: Callable[[str], str]) -> w.Widget:
        out = w.Output()
        alt = self._live(
            lambda lg: (
                f"<details><summary>{esc(t('text_alternative', lg))}</summary>{table(lg)}</details>"
            )
        )

        def draw(_change: Any = None) -> None:
            out.outputs = (
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": figure_bundle(build(self.state.lang)),
                },
            )

        self.state.observe(draw, names=["lang"])
        draw()
        return w.VBox([out, alt])

    def timeline(self, full: bool = False) -> w.Widget:
        """Return the chronology: focused on this lesson's part of it, or the whole of it."""
        focus = None if full else content.focus_for(self.stem)
        return self._figure(
            lambda lg: timeline_figure(lg, focus), lambda lg: timeline_table(lg, focus)
        )

    def map(self, org: str = "cis") -> w.Widget:
        """Return the membership map (CIS, EurAsEC or EAEU) with moments to switch between."""
        return self._figure(lambda lg: map_figure(lg, org), lambda lg: map_table(lg, org))

    # -- self-checks and results ------------------------------------------------------------------
    def quiz(self, *ids: str) -> w.Widget:
        """Return the lesson's self-check items (all of them, or those named)."""
        items = content.quiz_items(self.stem, ids)
        shown = vars(self).setdefault("_quizzes", {})
        if ids in shown:  # the cell is run again: free the widgets and observers it replaces
            shown.pop(ids).close()
        quiz = shown[ids] = QuizView(
            [
                item_view(
                    item,
                    self.state,
                    content.section_of(item, self.section),
                    context_passage,
                    self._update_progress,
                )
                for item in items
            ]
        )
        self._update_progress()
        return quiz.widget

    def results(self) -> w.Widget:
        """Return 'my results': a summary to copy, and a button that saves a file for the teacher."""
        summary = w.Textarea(layout=w.Layout(width="100%", height="8em"), style=_INITIAL)
        summary.add_class("tmd-summary")
        name = w.Text(layout=w.Layout(width="26em"), style=_INITIAL)
        name.add_class("tmd-name")
        button = w.Button(button_style="primary", icon="save")
        button.add_class("tmd-save")
        status = w.HTML()
        status.add_class("tmd-save-status")
        refresh = w.Button(icon="refresh", layout=w.Layout(width="auto"))

        def redraw(_c: Any = None) -> None:
            lang = self.state.lang
            name.description, summary.description = t("name_label", lang), t("my_results", lang)
            refresh.description = t("refresh", lang)
            name.placeholder, button.description = (
                t("name_placeholder", lang),
                t("save_results", lang),
            )
            summary.value = content.summary_text(self.stem, self.state, lang)

        def on_save(_b: Any) -> None:
            lang = self.state.lang
            redraw()
            if not safe_name(name.value):
                status.value = (
                    f'<span class="tmd-verdict-invalid">⚠ {esc(t("no_name", lang))}</span>'
                )
                return
            data = record(
                self.stem,
                name.value,
                lang,
                self.state.board,
                datetime.now().astimezone(),
                content.bank_version(self.stem),
            )
            try:
                path = save(data)
            except OSError as exc:
                status.value = f"⚠ {esc(t('save_failed', lang))} ({esc(exc.strerror or exc)})"
                return
            status.value = f"✔ {esc(t('saved_to', lang, path=content.shown_path(path)))}"

        refresh.on_click(redraw)
        button.on_click(on_save)
        self.state.observe(redraw, names=["lang"])
        redraw()
        label = self._live(lambda lg: f"<b>{esc(t('my_results', lg))}</b>")
        return w.VBox([label, w.HBox([summary, refresh]), w.HBox([name, button]), status])

    def coverage(self) -> w.Widget:
        """Return the essay-writing checker: which key points of a strong answer the text covers."""
        points = content.keypoints()
        answer = w.Textarea(layout=w.Layout(width="100%", height="12em"), style=_INITIAL)
        answer.add_class("tmd-essay-input")
        button = w.Button(button_style="primary", icon="check")
        button.add_class("tmd-check")
        report = w.HTML()
        report.add_class("tmd-feedback")

        def redraw(_c: Any = None) -> None:
            lang = self.state.lang
            button.description = t("check", lang)
            answer.placeholder = t("coverage_placeholder", lang)
            answer.description = t("your_answer", lang)
            if report.value:
                draw_report()

        def draw_report(_b: Any = None) -> None:
            lang = self.state.lang
            if not answer.value.strip():
                report.value = (
                    f'<span class="tmd-verdict-invalid">⚠ {esc(t("coverage_empty", lang))}</span>'
                )
                return
            found, missing = coverage(answer.value, points)

            def rows(entries: list, icon: str, why: bool) -> str:
                return "".join(
                    f"<li>{icon} {esc(content.text(p['label'], lang))}"
                    + (f"<br><small>{esc(content.text(p['why'], lang))}</small>" if why else "")
                    + "</li>"
                    for p in entries
                )

            report.value = (
                f"<b>{esc(t('coverage_found', lang))} ({len(found)}/{len(points)})</b>"
                f"<ul>{rows(found, '✔', False)}</ul>"
                f"<b>{esc(t('coverage_missing', lang))}</b><ul>{rows(missing, '✘', True)}</ul>"
            )

        button.on_click(draw_report)
        self.state.observe(redraw, names=["lang"])
        redraw()
        return w.VBox([answer, button, report])

    def dump(self) -> str:
        """Return the current results as JSON text (what the save button writes)."""
        data = record(self.stem, "", self.state.lang, self.state.board, datetime.now().astimezone())
        return json.dumps(data, ensure_ascii=False, indent=2)


def start(stem: str, **options: Any) -> Lesson:
    """Show the lesson's toolbar and return the lesson; the first code cell of every notebook."""
    lesson = Lesson(stem, **options)
    display(lesson.toolbar())
    return lesson
