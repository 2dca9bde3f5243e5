"""A printable worksheet of each lesson (no kernel, no network) and a teacher's copy with the key."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import mistune
import nbformat
from plotly.offline import get_plotlyjs

from . import _content as content
from ._blocks import essay_html, facts_html, glossary_html, list_html, teacher_html
from ._css import CSS
from ._data import DATA, text
from ._figures import map_figure, map_legend, map_table, timeline_figure, timeline_table
from ._html import esc
from ._i18n import strings, t
from .items import kind_of

LESSONS = DATA.parent / "lessons"
# Our prose has no HTML; anything else is shown as text.
_markdown = mistune.create_markdown(escape=True)
PRINT_CSS = """<style>
body {font-family: 'DejaVu Sans', sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;}
.tmd-print-item {break-inside: avoid; margin: 1em 0;} .tmd-blank {border-bottom: 1px solid #000;
display: inline-block; width: 14em; height: 1.2em;} @media print {.js-plotly-plot {break-inside: avoid;}}
.tmd-key li {margin: 0 0 .6em; break-inside: avoid;} .tmd-key-explain {margin-left: 2em; color: #333;}
.tmd-key-note {margin: .3em 0 0 2em; padding: 2px 8px; background: #f0f0ff; border-left: 3px solid #99c;}
</style>"""
# A Markdown cell tagged screen-only (how to run cells, hover, click, drag, save results) is left
# off paper; the author marks it in the Kazakh notebook and the ru/en copies inherit the tag. Where
# data/ui.yaml has print_<cell id>, that sentence (what to do on paper instead) takes its place.
SCREEN_TAG = "screen-only"
# Headings the printed block repeats in its own title (objectives, key points).
TITLED_BY_BLOCK = {"objectives-head", "keypoints-head"}


def _calls(source: str) -> Iterator[tuple[str, list[Any]]]:
    """Yield (method, literal args) for each `lesson.method(...)` call in a cell."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            args = [ast.literal_eval(a) for a in node.args]
            args += [ast.literal_eval(k.value) for k in node.keywords]
            yield node.func.attr, args


def _figure(fig: Any, table: str, lang: str) -> str:
    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    return f"{div}<details><summary>{esc(t('text_alternative', lang))}</summary>{table}</details>"


def item_html(item: Mapping[str, Any], number: str, lang: str) -> str:
    """Return one self-check as a printable question."""
    return kind_of(item).question_html(item, number, lang)


def key_html(item: Mapping[str, Any], number: str, lang: str) -> str:
    """Return the answer-key lines of one item (its nested items included)."""
    return kind_of(item).key_html(item, number, lang)


def screen_only(cell: Mapping[str, Any]) -> bool:
    """Return whether a notebook cell is marked as making sense on screen only."""
    return SCREEN_TAG in cell.get("metadata", {}).get("tags", ())


def paper_markdown(cell: Mapping[str, Any], lang: str) -> str:
    """Return a Markdown cell as it reads on paper: a screen-only cell gives its paper version."""
    if screen_only(cell):
        paper_key = "print_" + cell["id"].replace("-", "_")
        return f"<p>{esc(t(paper_key, lang))}</p>" if paper_key in strings() else ""
    if cell["id"] in TITLED_BY_BLOCK:
        return ""
    return _markdown(cell["source"])


def lesson_html(path: Path, lang: str, teacher: bool = False) -> str:
    """Return one lesson notebook as a printed worksheet in lang, or as the teacher's copy."""
    stem = path.stem
    numbers = content.sentence_numbers(stem)
    parts, keys = [], []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            if teacher and cell.id == "teacher-head" and "teacher" in content.lesson_info(stem):
                parts.append(teacher_html(content.lesson_info(stem)["teacher"], lang))
            parts.append(paper_markdown(cell, lang))
            continue
        for method, args in _calls(cell.source):
            info = content.lesson_info(stem)
            if method == "objectives":
                parts.append(list_html("objectives", info["objectives"], lang, "tmd-objectives"))
            elif method == "essay":
                terms = content.terms_in(numbers)
                translation = None if lang == "kk" else lang
                parts.append(
                    essay_html(content.essay(), numbers, terms, lang=lang, translation=translation)
                    + glossary_html(terms, lang)
                )
            elif method == "facts":
                parts.append(facts_html(content.checks_for(None if args else numbers), lang))
            elif method == "timeline":
                focus = None if args else content.focus_for(stem)
                parts.append(
                    _figure(timeline_figure(lang, focus), timeline_table(lang, focus), lang)
                )
            elif method == "map":  # on paper every organisation the buttons choose from
                for org in args or ("cis",):
                    figure = _figure(map_figure(lang, org), map_table(lang, org), lang)
                    parts.append(map_legend(lang, org) + figure)
            elif method == "quiz":
                items = content.quiz_items(stem, args)
                parts += [item_html(item, str(i + 1), lang) for i, item in enumerate(items)]
                keys += [key_html(item, str(i + 1), lang) for i, item in enumerate(items)]
            elif method == "key_points":
                parts.append(list_html("key_points", info["key_points"], lang, "tmd-keypoints"))
    if keys and teacher:
        parts.append(
            f"<h2>{esc(t('answer_key', lang))}</h2>"
            f"<ol class='tmd-key' style='list-style:none'>{''.join(keys)}</ol>"
        )
    # Paper cannot be clicked: the glossary is printed open (sources and data tables stay folded).
    if teacher:
        parts.insert(0, f"<p><b>{esc(t('teacher_copy', lang))}</b></p>")
    body = "".join(parts).replace(
        '<details class="tmd-glossary">', '<details class="tmd-glossary" open>'
    )
    title = esc(text(content.lesson_info(stem)["title"], lang))
    if teacher:
        title = f"{title} · {esc(t('teacher_copy', lang))}"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<script src="plotly.min.js"></script>{CSS}{PRINT_CSS}</head><body>{body}</body></html>'
    )


def teacher_copy(page: Path) -> Path:
    """Return where the teacher's copy of a worksheet page is written (beside it)."""
    return page.with_name(f"{page.stem}-teacher.html")


def build(out: Path, lang: str = "kk", lessons: Path = LESSONS) -> list[Path]:
    """Write each lesson's worksheet and teacher's copy, plotly.js beside them, and an index.

    Returns the worksheet pages; each teacher's copy is at teacher_copy(page).
    """
    source = lessons if lang == "kk" else lessons / lang
    out.mkdir(parents=True, exist_ok=True)
    (out / "plotly.min.js").write_text(get_plotlyjs(), "utf-8")
    pages = []
    for path in sorted(source.glob("*.ipynb")):
        page = out / f"{path.stem}.html"
        page.write_text(lesson_html(path, lang), "utf-8")
        teacher_copy(page).write_text(lesson_html(path, lang, teacher=True), "utf-8")
        pages.append(page)
    (out / "index.html").write_text(index_html(pages, lang), "utf-8")
    return pages


def index_html(pages: list[Path], lang: str) -> str:
    """Return the index of worksheet pages, titled and linked in lang."""
    links = "".join(
        f'<li><a href="{p.name}">{esc(text(content.lesson_info(p.stem)["title"], lang))}</a>'
        f' · <a href="{teacher_copy(p).name}">{esc(t("teacher_copy", lang))}</a></li>'
        for p in pages
    )
    title = esc(t("print_index_title", lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><ol>{links}</ol></body></html>"
    )
