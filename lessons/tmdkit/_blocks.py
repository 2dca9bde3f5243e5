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
