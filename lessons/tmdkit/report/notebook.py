"""The report notebook's one object: `report = ClassReport(lang="kk")`, then one call per section."""

from __future__ import annotations

from pathlib import Path

from IPython.display import HTML, display

from .. import _content as content
from .._data import DATA
from .._html import esc
from .._i18n import t
from .._save import results_folder
from . import render
from .essay_html import essay
from .export import lesson_href
from .items_html import items_table, wrong_table
from .load import load_folder
from .output import InsideResults, write_report
from .tables import build

# Synthetic students (no real names): shown, clearly marked, when the results folder is empty.
SAMPLE = DATA.parent / "tests" / "fixtures" / "class-sample"
OUT = DATA.parent / "build" / "report"


class ClassReport:
    """A folder of results files read once; each method returns one section to show."""

    def __init__(self, folder: str | Path | None = None, *, lang: str = "kk") -> None:
        self.lang = lang
        self.folder = Path(folder) if folder is not None else results_folder()
        self.loaded = load_folder(self.folder)
        self.sample_of: str | None = None
        if folder is None and not self.loaded.files and SAMPLE.is_dir():
            self.sample_of = content.shown_path(self.folder)
            self.loaded = load_folder(SAMPLE)
        self.tables = build(self.loaded)

    def _href(self, stem: str) -> str:
        return lesson_href(stem, self.lang, Path.cwd())  # the kernel runs in the notebook's folder

    def _section(self, key: str, body: str) -> HTML:
        sample = self.sample_of is not None
        return HTML(render.section(key, body, self.lang, sample=sample, heading=False))

    def source(self) -> HTML:
        """Return which folder was read, how many files counted, or why there is nothing to show."""
        shown = content.shown_path(self.loaded.folder)
        return HTML(
            render.CSS + render.source(self.loaded, self.lang, shown, sample_of=self.sample_of)
        )

    def glance(self) -> HTML:
        """Return the class at a glance: students, lessons, median score per lesson."""
        return self._section("report_glance", render.glance(self.tables, self.lang))

    def chart(self) -> HTML:
        """Show the score distribution figure; return its text version."""
        from .._figures import figure_bundle
        from .chart import score_chart

        fig = score_chart(render.distribution(self.tables, self.lang), self.lang)
        display(figure_bundle(fig), raw=True)
        summary = esc(t("text_alternative", self.lang))
        table = render.distribution_table(self.tables, self.lang)
        return HTML(f'<details class="tmd-report"><summary>{summary}</summary>{table}</details>')

    def items(self) -> HTML:
        """Return every item the class answered, hardest first, with its text and explanation."""
        return self._section("report_items", items_table(self.tables.items, self.lang, self._href))

    def wrong_answers(self) -> HTML:
        """Return the most chosen wrong answers per item, with why they are wrong."""
        body = wrong_table(self.tables.wrong, self.tables.items, self.lang, self._href)
        return self._section("report_wrong", body)

    def students(self) -> HTML:
        """Return each student's lessons, scores and items to revisit."""
        return self._section("report_people", render.people(self.tables, self.lang, self._href))

    def essays(self) -> HTML:
        """Return the key points and known essay errors the class missed or repeated."""
        return self._section("report_essay", essay(self.tables, self.lang, self._href))

    def problems(self) -> HTML:
        """Return the files not counted (and why), earlier copies, and old-format caveats."""
        return self._section(
            "report_problems", render.problems(self.loaded, self.tables, self.lang)
        )

    def export(self, folder: str | Path = OUT) -> HTML:
        """Write the CSV tables and report.html into a new dated folder inside folder; say where."""
        try:
            run, written = write_report(
                self.loaded, self.tables, self.lang, Path(folder), {self.folder, self.loaded.folder}
            )
        except InsideResults as exc:
            results = content.shown_path(exc.results.resolve())
            return _alert(t("report_out_inside_results", self.lang, results=results))
        except OSError as exc:  # a file in the way, a read-only folder, a full disk: say which
            where = content.shown_path(Path(folder).resolve())
            detail = f"{exc.strerror or type(exc).__name__}: {exc.filename or where}"
            return _alert(t("report_write_failed", self.lang, path=where), detail)
        where = content.shown_path(run.resolve())
        said = t("report_out_written", self.lang, path=where, n=len(written))
        return HTML(f'<p class="tmd-report-written">✔ {esc(said)}</p>')


def _alert(line: str, detail: str = "") -> HTML:
    small = f" <small>({esc(detail)})</small>" if detail else ""
    return HTML(f'<p class="tmd-verdict-invalid" role="alert">⚠ {esc(line)}{small}</p>')
