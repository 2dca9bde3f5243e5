"""Pure HTML builders for the lesson's text blocks; every string from data is escaped here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._data import text
from ._essay import Essay, Sentence
from ._html import esc
from ._i18n import sentence_refs, t

VERDICT_ICONS = {
    "verified": "✔",
    "partly": "◐",
    "wrong": "✘",
    "dated": "⌛",
    "opinion": "❝",
    "unverified": "?",
    "typo": "✎",
}


def _term_pattern(
    terms: Sequence[Mapping[str, Any]],
) -> tuple[re.Pattern[str] | None, dict[str, Any]]:
    by_form = {form.casefold(): term for term in terms for form in term["forms"]}
    if not by_form:
        return None, by_form
    forms = sorted(
        by_form, key=len, reverse=True
    )  # longest first, so a phrase wins over its first word
    return re.compile(
        r"(?<!\w)(" + "|".join(map(re.escape, forms)) + r")\w*", re.IGNORECASE
    ), by_form


def mark_terms(plain: str, terms: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Return escaped text with glossary terms wrapped in <abbr> carrying their definition."""
    pattern, by_form = _term_pattern(terms)
    if pattern is None:
        return esc(plain)
    out, last = [], 0
    for match in pattern.finditer(plain):
        term = by_form[match.group(1).casefold()]
        tip = f"{text(term.get('full') or term['term'], lang)}: {text(term['definition'], lang)}"
        out += [
            esc(plain[last : match.start()]),
            f'<abbr class="tmd-term" title="{esc(tip)}">{esc(match.group(0))}</abbr>',
        ]
        last = match.end()
    out.append(esc(plain[last:]))
    return "".join(out)


def sentence_html(sentence: Sentence, terms: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Return one sentence as displayed: the original, its editorial fixes marked as such."""
    parts = []
    for run, fix in sentence.segments():
        if fix is None:
            parts.append(mark_terms(run, terms, lang))
        else:
            tip = t("editorial_fix", lang) + f": «{run}» → «{fix.fixed}». " + text(fix.why, lang)
            parts.append(f'<ins class="tmd-fix" title="{esc(tip)}">{esc(fix.fixed)}</ins>')
    return "".join(parts)


def essay_html(
    essay: Essay,
    numbers: Iterable[int],
    terms: Sequence[Mapping[str, Any]],
    *,
    lang: str,
    translation: str | None = None,
) -> str:
    """Return the essay sentences as a styled block, with a translation under each if asked."""
    rows = []
    for n in numbers:
        s = essay.sentence(n)
        row = f'<p class="tmd-sentence"><sup>{n}</sup> {sentence_html(s, terms, lang)}</p>'
        if translation in ("ru", "en"):
            row += f'<p class="tmd-translation" lang="{translation}">{esc(getattr(s, translation))}</p>'
        rows.append(row)
    fixes = [f for n in numbers for f in essay.sentence(n).fixes]
    note = ""
    if fixes:
        items = "".join(
            f"<li><ins>{esc(f.fixed)}</ins> ← «{esc(f.original)}»: {esc(text(f.why, lang))}</li>"
            for f in fixes
        )
        note = (
            f'<div class="tmd-fixnote"><b>{esc(t("editorial_fix", lang))}</b><ul>{items}</ul></div>'
        )
    return f'<div class="tmd-essay" lang="kk">{"".join(rows)}</div>{note}'


def passage_html(essay: Essay, numbers: Iterable[int], lang: str) -> str:
    """Return essay sentences as a context passage, with the translation when lang is not Kazakh."""
    out = []
    for n in numbers:
        s = essay.sentence(n)
        out.append(f"<p><sup>{n}</sup> {esc(s.displayed)}</p>")
        if lang != "kk":
            out.append(f'<p class="tmd-translation">{esc(getattr(s, lang))}</p>')
    return "".join(out)


def glossary_html(terms: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Return the glossary entries as a definition list."""
    rows = "".join(
        f"<dt>{esc(text(x['term'], lang))}"
        + (f" — {esc(text(x['full'], lang))}" if "full" in x else "")
        + "</dt>"
        f"<dd>{esc(text(x['definition'], lang))}</dd>"
        for x in terms
    )
    return f'<details class="tmd-glossary"><summary>{esc(t("glossary", lang))}</summary><dl>{rows}</dl></details>'


def facts_html(checks: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Return the context and fact-check boxes, each with its verdict, text and sources."""
    boxes = []
    for c in checks:
        verdict = c["verdict"]
        sources = "".join(f"<li>{esc(s)}</li>" for s in c["sources"])
        boxes.append(
            f'<div class="tmd-check-box tmd-verdict--{esc(verdict)}">'
            f'<div class="tmd-check-head">{VERDICT_ICONS.get(verdict, "")} '
            f"{esc(t('verdict_' + verdict, lang))} · {esc(sentence_refs(c['sentences'], lang))}</div>"
            f"<b>{esc(text(c['title'], lang))}</b><p>{esc(text(c['text'], lang))}</p>"
            f"<details><summary>{esc(t('sources', lang))}</summary><ul>{sources}</ul></details></div>"
        )
    return "".join(boxes)


def list_html(title_key: str, entries: Sequence[Mapping[str, str]], lang: str, css: str) -> str:
    """Return a titled bullet list (objectives, key points) in lang."""
    items = "".join(f"<li>{esc(text(e, lang))}</li>" for e in entries)
    return f'<div class="{css}"><b>{esc(t(title_key, lang))}</b><ul>{items}</ul></div>'


def teacher_html(teacher: Mapping[str, Any], lang: str) -> str:
    """Return the teacher's notes: timing, discussion prompts, misconceptions."""

    def block(key: str, entries: Sequence[Mapping[str, str]]) -> str:
        items = "".join(f"<li>{esc(text(e, lang))}</li>" for e in entries)
        return f"<b>{esc(t(key, lang))}</b><ul>{items}</ul>"

    return (
        f'<div class="tmd-teacher-notes"><b>{esc(t("teacher_note", lang))}</b>'
        f"<p>{esc(text(teacher['timing'], lang))}</p>"
        f"{block('discussion_prompts', teacher['prompts'])}"
        f"{block('misconceptions', teacher['misconceptions'])}</div>"
    )


CSS = """<style>
.tmd-item, .tmd-subitem {border-left: 4px solid #0072B2; padding: 6px 12px; margin: 10px 0;
  font-size: 15px; max-width: 100%;}
.tmd-subitem {border-left-color: #56B4E9;}
/* An item is one box: a grid puts the buttons side by side without a wrapper box per row. */
.widget-box.tmd-item, .widget-box.tmd-subitem {display: grid !important;
  grid-template-columns: auto auto 1fr; column-gap: 6px; row-gap: 2px; align-items: start;}
.tmd-item > *, .tmd-subitem > * {grid-column: 1 / -1; max-width: 100%;}
.tmd-item > .tmd-check, .tmd-subitem > .tmd-check, .tmd-item > .tmd-up, .tmd-subitem > .tmd-up
  {grid-column: 1; margin-top: 4px;}
.tmd-item > .tmd-hint, .tmd-subitem > .tmd-hint, .tmd-item > .tmd-down, .tmd-subitem > .tmd-down
  {grid-column: 2; margin-top: 4px;}
.tmd-check, .tmd-hint, .tmd-up, .tmd-down {width: auto; min-width: 8em;}
.tmd-item label, .tmd-item .widget-label, .tmd-order .widget-label {white-space: normal !important;
  height: auto !important; line-height: 1.35;}
.tmd-item .widget-radio-box label {margin: 3px 0;}
.tmd-item .widget-checkbox, .tmd-subitem .widget-checkbox {height: auto !important; align-items: flex-start;
  margin: 3px 0;}
.tmd-order select {height: auto !important; min-width: 20em; max-width: 100%;}
.tmd-q {font-weight: 600; margin-bottom: 4px;}
.tmd-refs {font-size: 13px; color: #555;}
.tmd-fb {padding: 6px 10px; margin-top: 4px; border-radius: 4px; background: #f4f4f4;}
.tmd-fb-right {background: #e6f4ea;} .tmd-fb-wrong {background: #fdecea;}
.tmd-fb-partial {background: #fff4e0;} .tmd-fb-invalid {background: #eef2f7;}
.tmd-fb span {font-weight: 700;}
.tmd-answer-box {border: 1px dashed #777; padding: 6px 10px; margin-top: 4px;}
.tmd-essay {font-family: Georgia, 'DejaVu Serif', serif; font-size: 17px; line-height: 1.6;
  background: #fbf8ef; border-left: 5px solid #E69F00; padding: 10px 16px;}
.tmd-translation {font-family: sans-serif; font-size: 15px; color: #333; font-style: italic;
  margin: -6px 0 10px 18px;}
.tmd-fix {text-decoration: none; border-bottom: 2px dotted #D55E00;}
.tmd-term {text-decoration: underline dotted; cursor: help;}
.tmd-check-box {border: 1px solid #bbb; border-left: 6px solid #999; padding: 6px 12px; margin: 8px 0;}
.tmd-verdict--wrong {border-left-color: #D55E00;} .tmd-verdict--dated {border-left-color: #CC79A7;}
.tmd-verdict--partly {border-left-color: #E69F00;} .tmd-verdict--verified {border-left-color: #009E73;}
.tmd-check-head {font-size: 13px; color: #444;}
.tmd-toolbar {border-bottom: 1px solid #ccc; padding-bottom: 4px;}
.tmd-progress {font-weight: 600;}
.tmd-teacher-notes {background: #f0f0ff; padding: 6px 12px;}
/* lesson panels: toolbar, results, essay checker, exam block (tmdkit._toolbar, _results_panel…) */
.tmd-toolbar {display: flex; flex-flow: row wrap; align-items: center; gap: 2px 8px;}
.tmd-toolbar > .tmd-title {flex: 0 0 100%;}
.tmd-teacher, .tmd-results .widget-button, .tmd-coverage .widget-button {width: auto !important;
  max-width: 100%; height: auto !important; min-height: var(--jp-widgets-inline-height, 28px);
  white-space: normal !important; overflow: visible !important;}
.tmd-results {display: flex; flex-flow: row wrap; align-items: center; gap: 4px 10px;}
.tmd-results > .tmd-results-summary, .tmd-results > .tmd-results-actions {flex: 0 0 100%;}
.tmd-results .tmd-name {flex: 0 1 26em; max-width: 100%; width: auto;}
.tmd-summary {display: block; width: 100%; box-sizing: border-box; font-family: monospace;
  font-size: 14px; resize: vertical;}
.tmd-download {display: inline-block; padding: 4px 12px; margin: 4px 0; border: 1px solid #0072B2;
  border-radius: 3px; color: #00558a; background: #fff; text-decoration: none; white-space: normal;}
.tmd-download-off {border-style: dashed; color: #555;}
.tmd-save-status {margin-top: 4px;}
.tmd-coverage .tmd-essay-input, .tmd-coverage textarea {width: 100%; box-sizing: border-box;}
.tmd-coverage > .widget-button {align-self: flex-start;}
.tmd-coverage-verdict {font-size: 17px; font-weight: 700; padding: 6px 10px; margin: 6px 0;
  border-radius: 4px;}
.tmd-coverage-verdict.tmd-verdict-wrong {background: #fdecea;}
.tmd-coverage-verdict.tmd-verdict-right {background: #e6f4ea;}
.tmd-quote {font-style: italic; color: #333;}
.tmd-block-score {font-size: 18px; font-weight: 700; padding: 6px 12px; border: 2px solid #0072B2;
  display: inline-block; margin: 8px 0;}
/* Layout: no control of the lesson is cut off at 1024 px in any language
   (tests/browser/test_layout.py). A button sizes to its label (never narrower than ipywidgets'
   148 px) and wraps it rather than ending it in "…"; a row of toggle buttons wraps onto a second
   line rather than squeezing them. Scoped to outputs, where the lesson's widgets are. */
.jp-OutputArea-output .jupyter-widgets.jupyter-button {width: auto; max-width: 100%;
  height: auto; min-height: var(--jp-widgets-inline-height, 28px); line-height: 1.3;
  padding-top: 4px; padding-bottom: 4px; white-space: normal; overflow-wrap: anywhere;
  text-overflow: clip; flex-shrink: 0; align-self: flex-start;}
.jp-OutputArea-output .jupyter-widgets.jupyter-button:not([style*="width"]) {
  min-width: var(--jp-widgets-inline-width-short, 148px);}
/* a text box of width 100% keeps its 2 px margins inside the output, its right border shown */
.jp-OutputArea-output .jupyter-widgets.widget-inline-hbox {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px));}
.jp-OutputArea-output .jupyter-widgets.widget-toggle-buttons {flex-wrap: wrap; row-gap: 4px;}
/* phones (390 px): nothing in an item, the toolbar or the results is wider than its box, so nothing
   scrolls sideways. A control's own width (an answer box is 30em) never widens the item's grid, and a
   full-width row leaves room for ipywidgets' 2px margins. */
.tmd-item > *, .tmd-subitem > * {min-width: 0 !important;}
.widget-box.tmd-item, .widget-box.tmd-subitem {grid-template-columns: auto auto minmax(0, 1fr);}
.tmd-item .widget-text, .tmd-subitem .widget-text {
  max-width: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important;}
.tmd-toolbar > .tmd-title, .tmd-results > .tmd-results-summary, .tmd-results > .tmd-results-actions {
  flex-basis: calc(100% - 2 * var(--jp-widgets-margin, 2px)) !important;}
</style>"""
