"""A static, printable HTML version of the lessons: no kernel, no network, an answer key at the end."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import mistune
import nbformat
from plotly.offline import get_plotlyjs

from . import _content as content
from ._blocks import CSS, essay_html, facts_html, glossary_html, list_html
from ._data import DATA, text
from ._figures import map_figure, map_table, timeline_figure, timeline_table
from ._html import esc
from ._i18n import t
from .items import kind_of

LESSONS = DATA.parent / "lessons"
# Our prose has no HTML; anything else is shown as text.
_markdown = mistune.create_markdown(escape=True)
PRINT_CSS = """<style>
body {font-family: 'DejaVu Sans', sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;}
.tmd-print-item {break-inside: avoid; margin: 1em 0;} .tmd-blank {border-bottom: 1px solid #000;
display: inline-block; width: 14em; height: 1.2em;} @media print {.js-plotly-plot {break-inside: avoid;}}
</style>"""


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


def lesson_html(path: Path, lang: str) -> str:
    """Return one lesson notebook as a static page in lang."""
    stem = path.stem
    numbers = content.sentence_numbers(stem)
    parts, keys = [], []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            parts.append(_markdown(cell.source))
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
            elif method == "map":
                org = args[0] if args else "cis"
                parts.append(_figure(map_figure(lang, org), map_table(lang, org), lang))
            elif method == "quiz":
                items = content.quiz_items(stem, args)
                parts += [item_html(item, str(i + 1), lang) for i, item in enumerate(items)]
                keys += [key_html(item, str(i + 1), lang) for i, item in enumerate(items)]
            elif method == "key_points":
                parts.append(list_html("key_points", info["key_points"], lang, "tmd-keypoints"))
    if keys:
        parts.append(
            f"<h2>{esc(t('answer_key', lang))}</h2><ol style='list-style:none'>{''.join(keys)}</ol>"
        )
    title = esc(text(content.lesson_info(stem)["title"], lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<script src="plotly.min.js"></script>{CSS}{PRINT_CSS}</head><body>{"".join(parts)}</body></html>'
    )


def build(out: Path, lang: str = "kk", lessons: Path = LESSONS) -> list[Path]:
    """Write every lesson of one language as a page, plotly.js beside them, and an index."""
    source = lessons if lang == "kk" else lessons / lang
    out.mkdir(parents=True, exist_ok=True)
    (out / "plotly.min.js").write_text(get_plotlyjs(), "utf-8")
    pages = []
    for path in sorted(source.glob("*.ipynb")):
        page = out / f"{path.stem}.html"
        page.write_text(lesson_html(path, lang), "utf-8")
        pages.append(page)
    links = "".join(
        f'<li><a href="{p.name}">{esc(text(content.lesson_info(p.stem)["title"], lang))}</a></li>'
        for p in pages
    )
    (out / "index.html").write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>ТМД</title></head><body><ol>{links}</ol></body></html>",
        "utf-8",
    )
    return pages
