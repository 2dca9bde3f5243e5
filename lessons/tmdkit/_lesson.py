"""The one object a notebook talks to: `lesson = start("02-toragalyk")`, then one-line calls."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as w
from IPython.display import display

from . import _content as content
from . import _narrative as narrative
from ._coverage_panel import CoveragePanel
from ._data import DATA, DataError, text
from ._errorbox import BrokenLesson, guarded
from ._figpanel import figure_panel, figure_switch
from ._figures import map_legend, map_spec, map_table, timeline_spec, timeline_table
from ._kit import Kit
from ._quizpanel import quiz_panel
from ._results_panel import ResultsPanel
from ._save import results_folder
from ._state import State
from ._toolbar import Toolbar, styles

T = TypeVar("T")
# The lesson each stem started last in this kernel: running start() again closes the old widgets.
_STARTED: dict[str, Lesson] = {}


class Lesson:
    """One lesson's panels and scores; every method returns something to show in its cell."""

    def __init__(
        self,
        stem: str,
        *,
        lang: str | None = None,
        teacher: bool | None = None,
        seed: str | None = None,
        root: Path = DATA,
        results: Path | None = None,
    ) -> None:
        self.stem, self.root = stem, Path(root)
        # Read when the lesson is made, so TMD_RESULTS_DIR set after import still counts.
        self.results_dir = Path(results) if results is not None else results_folder()
        try:
            self.info = content.lesson_info(stem, self.root)
        except KeyError:
            raise DataError(
                "data/lessons.yaml", stem, "stem", "a lesson listed in this file"
            ) from None
        self.section = content.essay_section(stem, self.root)
        self.state = State(lang, teacher, seed)
        self.kit = Kit(self.state)
        self.toolbar = Toolbar(self.kit, self.info)
        self._panels: dict[Hashable, Any] = {}

    def _once(self, key: Hashable, build: Callable[[], T]) -> T:
        """Return the panel built for key, building it the first time: a re-run cell shows the
        same widgets again instead of adding new ones with their observers."""
        if key not in self._panels:
            self._panels[key] = build()
        return self._panels[key]

    def changed(self) -> None:
        """Redraw what follows the score: the progress line and the results block."""
        self.toolbar.update()

    def close(self) -> None:
        """Close every widget of the lesson (a new start() of the same lesson calls this)."""
        self.kit.close()
        self._panels.clear()

    # -- narrative ---------------------------------------------------------------------------
    @guarded
    def objectives(self) -> w.Widget:
        """Return the lesson's objectives and time to learn."""
        return self._once("objectives", lambda: narrative.objectives(self))

    @guarded
    def essay(self) -> w.Widget:
        """Return the section's essay text (Kazakh original) with translations on a toggle."""
        return self._once("essay", lambda: narrative.essay(self))

    @guarded
    def facts(self, everything: bool = False) -> w.Widget:
        """Return the context and fact-check boxes for this section (or every box)."""
        return self._once(("facts", everything), lambda: narrative.facts(self, everything))

    @guarded
    def key_points(self) -> w.Widget:
        """Return the lesson's key points (түйін)."""
        return self._once("key_points", lambda: narrative.key_points(self))

    @guarded
    def teacher_notes(self) -> w.Widget:
        """Return the teacher's notes; empty unless teacher mode is on."""
        return self._once("teacher_notes", lambda: narrative.teacher_notes(self))

    # -- figures -----------------------------------------------------------------------------
    @guarded
    def timeline(self, full: bool = False) -> w.Widget:
        """Return the chronology: focused on this lesson's part of it, or the whole of it."""
        focus = None if full else content.focus_for(self.stem, self.root)
        return self._once(
            ("timeline", full),
            lambda: figure_panel(
                self.kit,
                lambda lg: timeline_spec(lg, focus),
                lambda lg: timeline_table(lg, focus),
            ),
        )

    @guarded
    def map(self, *orgs: str) -> w.Widget:
        """Return the membership map (CIS, EurAsEC or EAEU) with moments to switch between;
        given several organisations, buttons above the one map choose which it shows."""
        known = content.members(self.root)["orgs"]
        orgs = orgs or ("cis",)
        for org in orgs:  # a typo in the notebook's map() call: a box, not a KeyError
            if org not in known:
                raise DataError("data/members.yaml", str(org), "orgs", f"one of {sorted(known)}")
        if len(orgs) == 1:
            org = orgs[0]
            return self._once(
                ("map", org),
                lambda: figure_panel(
                    self.kit,
                    lambda lg: map_spec(lg, org),
                    lambda lg: map_table(lg, org),
                    lambda lg: map_legend(lg, org),
                ),
            )

        def names(lang: str) -> list[tuple[str, str]]:
            return [(text(known[o]["name"], lang), o) for o in orgs]

        return self._once(
            ("map", orgs),
            lambda: figure_switch(self.kit, names, map_spec, map_table, "map_org", map_legend),
        )

    # -- self-checks and results -------------------------------------------------------------
    @guarded
    def quiz(self, *ids: str) -> w.Widget:
        """Return the lesson's practice items (all without a `block`, or those named)."""
        return self._once(("quiz", ids), lambda: quiz_panel(self, ids))

    @guarded
    def ubt(self) -> w.Widget:
        """Return the ҰБТ mock block (items with `block: ubt`) with its score out of the total."""
        return self._once("ubt", lambda: quiz_panel(self, (), block="ubt"))

    @guarded
    def results(self) -> w.Widget:
        """Return 'my results': the summary to copy, a download link and a save button."""
        return self._once("results", lambda: ResultsPanel(self).widget)

    @guarded
    def coverage(self) -> w.Widget:
        """Return the essay checker: the key points an answer covers and the errors it repeats."""
        return self._once("coverage", lambda: CoveragePanel(self).widget)


def start(stem: str, **options: Any) -> Lesson | BrokenLesson:
    """Show the lesson's toolbar and return the lesson; the first code cell of every notebook.

    If the lesson's data is broken, show what `make check` would say instead of a traceback, and
    return a stand-in whose every method shows the same box, so later cells raise nothing.
    """
    try:
        lesson = Lesson(stem, **options)
    except (DataError, OSError) as exc:
        broken = BrokenLesson(exc, options.get("lang"))
        display(broken.box)
        return broken
    old = _STARTED.pop(stem, None)
    if old is not None:
        old.close()
    _STARTED[stem] = lesson
    display(lesson.toolbar.widget)
    display(styles())  # after the toolbar, which stays the first output of the lesson
    return lesson
