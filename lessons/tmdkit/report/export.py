"""Write the report where the teacher asks: one CSV per table (Excel-ready) and a printable page."""

from __future__ import annotations

import csv
import html
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .._data import DATA, text
from .._i18n import t
from .essay_html import essay_label
from .items_html import right_answer, share, shown_answer
from .load import Loaded
from .render import lesson_title, page
from .tables import Tables, band_labels, bank

# A cell Excel would read as a formula: a student's name may start with one of these on purpose.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
LESSONS = DATA.parent / "lessons"


def cell(value: Any) -> str:
    """Return value as CSV text that a spreadsheet shows as text, never runs as a formula."""
    out = str(value)
    return "'" + out if out.startswith(_FORMULA) else out


def _write(path: Path, head: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    # UTF-8 with a byte-order mark: without it Excel on Windows reads Kazakh letters as mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(head)
        writer.writerows([cell(v) for v in row] for row in rows)
    return path


def lesson_href(stem: str, lang: str, start: Path) -> str:
    """Return a relative link from start to the lesson notebook in lang."""
    sub = LESSONS if lang == "kk" else LESSONS / lang
    return Path(os.path.relpath(sub / f"{stem}.ipynb", start)).as_posix()


def csv_tables(tables: Tables, lang: str) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Return each table as (header, rows), keyed by its file name."""

    def head(*keys: str) -> list[str]:
        return [k if k == "id" else t(k, lang) for k in keys]

    points = [r for r in tables.essay if r.kind == "point"]
    errors = [r for r in tables.essay if r.kind == "error"]

    def prompt(lesson: str, item: str) -> str:
        return text(bank(lesson)[item]["prompt"], lang)

    return {
        "glance.csv": (
            head("report_col_lesson", "report_col_sent", "report_col_median") + band_labels(),
            [
                [lesson_title(r.lesson, lang), len(r.scores), round(r.median), *r.bands]
                for r in tables.glance
            ],
        ),
        "items.csv": (
            head("id", "report_col_item", "report_right_answer", "report_col_answered")
            + head(
                "report_col_first", "report_col_final", "report_col_hints", "report_col_revealed"
            ),
            [
                [
                    r.item,
                    prompt(r.lesson, r.item),
                    right_answer(bank(r.lesson)[r.item], lang),
                    r.answered,
                    share(r.first_share),
                    share(r.final_share),
                    r.hinted,
                    r.revealed,
                ]
                for r in tables.items
            ],
        ),
        "wrong-answers.csv": (
            head("id", "report_col_item", "report_col_wrong", "report_col_students")
            + head("report_col_answered", "report_col_note"),
            [
                [
                    w.item,
                    prompt(w.lesson, w.item),
                    _plain(w, lang),
                    w.students,
                    w.of,
                    " / ".join(text(n, lang) for n in w.explain),
                ]
                for w in tables.wrong
            ],
        ),
        "students.csv": (
            head("report_col_name", "report_col_lesson", "report_col_scores", "report_col_revisit"),
            [
                [
                    p.name,
                    lesson_title(s, lang),
                    f"{points:g} / {items}",
                    ", ".join(i for ls, i, _ in p.revisit if ls == s),
                ]
                for p in tables.people
                for s, points, items in p.lessons
            ],
        ),
        "essay-points.csv": (
            ["id", *head("report_col_point", "report_col_found", "report_col_missed")],
            [[r.id, essay_label(r, lang), r.hits, r.of - r.hits] for r in points],
        ),
        "essay-errors.csv": (
            ["id", *head("report_col_error", "report_col_repeated", "report_col_avoided")],
            [[r.id, essay_label(r, lang), r.hits, r.of - r.hits] for r in errors],
        ),
    }


def _plain(w: Any, lang: str) -> str:
    return html.unescape(shown_answer(w, lang))  # the CSV wants the text, not its HTML escape


def export(loaded: Loaded, tables: Tables, lang: str, out: Path) -> list[Path]:
    """Write the CSV files and report.html into out (created if needed); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = [_write(out / name, *table) for name, table in csv_tables(tables, lang).items()]
    skipped = [
        [p.path.name, t(p.key, lang), p.detail]
        for p in (*loaded.skipped, *loaded.superseded, *loaded.notes)
    ]
    written.append(
        _write(
            out / "files.csv",
            [t("report_col_file", lang), t("report_col_reason", lang), ""],
            skipped,
        )
    )
    html_page = page(loaded, tables, lang, lambda stem: lesson_href(stem, lang, out.resolve()))
    (out / "report.html").write_text(html_page, encoding="utf-8")
    return [*written, out / "report.html"]
