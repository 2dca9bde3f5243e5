"""The class report's sections as HTML; every name, typed answer and file name goes through esc."""

from __future__ import annotations

from collections.abc import Sequence

from .. import _content as content
from .._data import text
from .._html import esc
from .._i18n import t
from .essay_html import essay
from .items_html import Href, _head, items_table, wrong_table
from .load import Loaded, Problem
from .tables import Tables, band_labels

# Lab right-aligns table cells and drops their borders; the second selector outranks its rule.
CSS = """<style>
.tmd-report table { border-collapse: collapse; margin: .5em 0 1em; font-size: 95%; }
.tmd-report th, .tmd-report td,
.jp-RenderedHTMLCommon .tmd-report th, .jp-RenderedHTMLCommon .tmd-report td {
  border: 1px solid #bbb; padding: .3em .5em; text-align: left; vertical-align: top; }
.tmd-report th, .jp-RenderedHTMLCommon .tmd-report th { background: #eef2f7; }
.tmd-report details summary { cursor: pointer; }
.tmd-report-banner { border-left: 4px solid #b35c00; background: #fff4e5; padding: .5em .8em; }
@media print { .tmd-report details > *:not(summary) { display: block; } }
</style>"""


def lesson_title(stem: str, lang: str) -> str:
    """Return a lesson's title in lang."""
    return text(content.lesson_info(stem)["title"], lang)


def section(key: str, body: str, lang: str, *, sample: bool = False, heading: bool = True) -> str:
    """Return a report section: its heading (the notebook has its own) and a mark on sample data."""
    mark = (
        f'<p class="tmd-report-banner">{esc(t("report_sample_mark", lang))}</p>' if sample else ""
    )
    head = f"<h3>{esc(t(key, lang))}</h3>" if heading else ""
    return f'<div class="tmd-report">{head}{mark}{body}</div>'


def source(loaded: Loaded, lang: str, shown: str, *, sample_of: str | None = None) -> str:
    """Return where the report read from, and a clear notice when there was nothing to read."""
    counted = len(loaded.submissions)
    line = t("report_source", lang, folder=shown, files=loaded.files, counted=counted)
    notice = ""
    if sample_of is not None:
        empty = t("report_empty", lang, folder=sample_of)
        notice = f'<p class="tmd-report-banner">{esc(empty)}<br>{esc(t("report_sample", lang))}</p>'
    elif not loaded.found:
        notice = f'<p class="tmd-report-banner">{esc(t("report_missing", lang, folder=shown))}</p>'
    elif not loaded.files:
        notice = f'<p class="tmd-report-banner">{esc(t("report_empty", lang, folder=shown))}</p>'
    return f'<div class="tmd-report tmd-report-source">{notice}<p>{esc(line)}</p></div>'


GLANCE_COLUMNS = ("report_col_lesson", "report_col_sent", "report_col_median")


def glance(tables: Tables, lang: str) -> str:
    """Return students, lessons and the median score per lesson."""
    head = esc(t("report_counts", lang, students=tables.students, lessons=len(tables.glance)))
    body = "".join(
        f'<tr data-lesson="{esc(r.lesson)}"><td>{esc(lesson_title(r.lesson, lang))}</td>'
        f"<td>{len(r.scores)}</td><td>{round(r.median)} %</td></tr>"
        for r in tables.glance
    )
    table = f'<table class="tmd-report-glance">{_head(GLANCE_COLUMNS, lang)}{body}</table>'
    return f"<p>{head}</p>" + (table if body else f"<p>{esc(t('report_none', lang))}</p>")


def distribution(tables: Tables, lang: str) -> list[tuple[str, Sequence[int]]]:
    """Return (lesson title, students per score band) for the chart and its text version."""
    return [(lesson_title(r.lesson, lang), r.bands) for r in tables.glance]


def distribution_table(tables: Tables, lang: str) -> str:
    """Return the chart's data as a table: students per lesson and score band."""
    head = '<tr><th scope="col">' + esc(t("report_col_lesson", lang)) + "</th>"
    head += "".join(f'<th scope="col">{esc(b)}</th>' for b in band_labels()) + "</tr>"
    body = "".join(
        f"<tr><td>{esc(title)}</td>" + "".join(f"<td>{n}</td>" for n in counts) + "</tr>"
        for title, counts in distribution(tables, lang)
    )
    return f'<table class="tmd-report-bands">{head}{body}</table>'


PEOPLE_COLUMNS = ("report_col_name", "report_col_done", "report_col_scores", "report_col_revisit")


def people(tables: Tables, lang: str, href: Href) -> str:
    """Return one row per student: lessons done, scores and the items to go back to."""
    if not tables.people:
        return f"<p>{esc(t('report_none', lang))}</p>"
    rows = []
    for p in tables.people:
        scores = "<br>".join(
            f"{esc(lesson_title(s, lang))}: {points:g} / {items}" for s, points, items in p.lessons
        )
        revisit = "".join(
            f'<li><a href="{esc(href(lesson))}">{esc(item)}</a> ({esc(t(f"report_status_{status}", lang))})</li>'
            for lesson, item, status in p.revisit
        )
        rows.append(
            f"<tr><td>{esc(p.name)}</td><td>{len(p.lessons)}</td><td>{scores}</td>"
            f"<td><ul>{revisit}</ul></td></tr>"
        )
    return f'<table class="tmd-report-people">{_head(PEOPLE_COLUMNS, lang)}{"".join(rows)}</table>'


PROBLEM_COLUMNS = ("report_col_file", "report_col_reason")


def problems(loaded: Loaded, tables: Tables, lang: str) -> str:
    """Return the files skipped, the earlier copies not counted, and the caveats, each with why."""
    parts = []
    for key, found in (
        ("report_skipped", loaded.skipped),
        ("report_superseded_head", loaded.superseded),
        ("report_notes", loaded.notes),
    ):
        if found:
            parts.append(f"<h4>{esc(t(key, lang))}</h4>" + _problem_table(found, loaded, lang))
    if tables.unknown_items:
        ids = ", ".join(f"{lesson}: {item}" for lesson, item in tables.unknown_items)
        parts.append(f"<p>{esc(t('report_unknown_items', lang))}: {esc(ids)}</p>")
    return "".join(parts) or f"<p>{esc(t('report_no_problems', lang))}</p>"


def _problem_table(found: Sequence[Problem], loaded: Loaded, lang: str) -> str:
    def where(p: Problem) -> str:
        try:
            return p.path.relative_to(loaded.folder).as_posix()
        except ValueError:
            return p.path.name

    body = "".join(
        f"<tr><td>{esc(where(p))}</td><td>{esc(t(p.key, lang))}"
        f"{f' ({esc(p.detail)})' if p.detail else ''}</td></tr>"
        for p in found
    )
    return f'<table class="tmd-report-problems">{_head(PROBLEM_COLUMNS, lang)}{body}</table>'


def page(loaded: Loaded, tables: Tables, lang: str, href: Href) -> str:
    """Return the whole report as one printable HTML document."""
    title = esc(t("report_title", lang))
    body = "".join(
        [
            source(loaded, lang, loaded.folder.name),
            section("report_glance", glance(tables, lang) + distribution_table(tables, lang), lang),
            section("report_items", items_table(tables.items, lang, href, open_=True), lang),
            section("report_wrong", wrong_table(tables.wrong, tables.items, lang, href), lang),
            section("report_people", people(tables, lang, href), lang),
            section("report_essay", essay(tables, lang, href), lang),
            section("report_problems", problems(loaded, tables, lang), lang),
        ]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{CSS}</head><body><h1>{title}</h1>{body}</body></html>\n"
    )
