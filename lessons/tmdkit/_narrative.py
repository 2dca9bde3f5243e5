"""The lesson's text panels: objectives, essay section, fact checks, key points, teacher notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from . import _content as content
from ._blocks import essay_html, facts_html, glossary_html, list_html, teacher_html
from ._html import esc
from ._i18n import t

if TYPE_CHECKING:
    from ._lesson import Lesson


def objectives(lesson: Lesson) -> w.Widget:
    """Return the lesson's objectives and time to learn."""

    def draw(lang: str) -> str:
        minutes = esc(t("time_to_learn", lang, n=lesson.info["minutes"]))
        return list_html("objectives", lesson.info["objectives"], lang, "tmd-objectives") + minutes

    return lesson.kit.html(draw)[0]


def essay(lesson: Lesson) -> w.Widget:
    """Return the section's essay text (Kazakh original) with translations on a toggle."""
    root = lesson.root
    numbers = content.sentence_numbers(lesson.stem, root)
    terms = content.terms_in(numbers, root)
    choice = lesson.kit.make(
        w.ToggleButtons,
        "tmd-translate",
        options=[("—", None), ("RU", "ru"), ("EN", "en")],
        value=None if lesson.state.lang == "kk" else lesson.state.lang,
    )
    body, redraw = lesson.kit.html(
        lambda lg: (
            essay_html(content.essay(root), numbers, terms, lang=lg, translation=choice.value)
            + glossary_html(terms, lg)
        )
    )
    choice.observe(redraw, names=["value"])
    return lesson.kit.make(w.VBox, children=[choice, body])


def facts(lesson: Lesson, everything: bool = False) -> w.Widget:
    """Return the context and fact-check boxes for this section (or every box)."""
    numbers = None if everything else content.sentence_numbers(lesson.stem, lesson.root)
    checks = content.checks_for(numbers, lesson.root)
    return lesson.kit.html(lambda lg: facts_html(checks, lg))[0]


def key_points(lesson: Lesson) -> w.Widget:
    """Return the lesson's key points (түйін)."""
    return lesson.kit.html(
        lambda lg: list_html("key_points", lesson.info["key_points"], lg, "tmd-keypoints")
    )[0]


def teacher_notes(lesson: Lesson) -> w.Widget:
    """Return the teacher's notes; empty unless teacher mode is on."""
    return lesson.kit.html(
        lambda lg: teacher_html(lesson.info["teacher"], lg), "tmd-teacher-box", teacher_only=True
    )[0]
