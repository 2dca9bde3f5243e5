"""Every HTML builder fed hostile content values shows them as text, never as markup."""

import shutil
from html.parser import HTMLParser

import pytest
import yaml
from conftest import DATA
from tmdkit import _blocks
from tmdkit._coverage import Report
from tmdkit._coverage_panel import report_html
from tmdkit._essay import Essay, Fix, Sentence
from tmdkit._figpanel import alternative_html
from tmdkit._lesson import Lesson

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
]
SIX = ["x" * 10_000, "Ас\u200bан", "\u202eнасА"]


def loc(value):
    return {"kk": value, "ru": value, "en": value}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [name for name, _ in attrs]))


def assert_inert(html: str) -> None:
    """Parsed as a browser would, the HTML has no script or img element and no on* attribute."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img"}, html[:300]
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)


@pytest.fixture(params=HOSTILE, ids=["script", "onerror", "quote-attr"])
def bad(request):
    return request.param


def test_a_hostile_glossary_term_is_escaped_in_the_text_and_its_tooltip(bad):
    terms = [{"term": loc(bad), "full": loc(bad), "definition": loc(bad), "forms": ["ТМД"]}]
    assert_inert(_blocks.mark_terms(f"ТМД {bad}", terms, "kk"))
    assert_inert(_blocks.glossary_html(terms, "ru"))


def test_a_hostile_essay_sentence_fix_and_translation_are_escaped(bad):
    fix = Fix("f", 1, "ТМД", bad, loc(bad))
    sentence = Sentence(1, f"ТМД {bad}", bad, bad, (fix,))
    essay = Essay(loc(bad), (sentence,), (), sentence.kk)
    terms = [{"term": loc(bad), "definition": loc(bad), "forms": [bad]}]
    for translation in (None, "ru", "en"):
        assert_inert(_blocks.essay_html(essay, [1], terms, lang="kk", translation=translation))
    assert_inert(_blocks.passage_html(essay, [1], "en"))


def test_a_hostile_fact_check_box_is_escaped(bad):
    box = {
        "verdict": "wrong",  # an enum in the schema; the free-text fields are hostile
        "sentences": [1],
        "title": loc(bad),
        "text": loc(bad),
        "sources": [bad],
    }
    assert_inert(_blocks.facts_html([box], "en"))


def test_hostile_objectives_and_teacher_notes_are_escaped(bad):
    assert_inert(_blocks.list_html("objectives", [loc(bad)], "kk", "tmd-objectives"))
    notes = {"timing": loc(bad), "prompts": [loc(bad)], "misconceptions": [loc(bad)]}
    assert_inert(_blocks.teacher_html(notes, "ru"))


def test_hostile_labels_and_corrections_in_the_checker_report_are_escaped(bad):
    point = {"id": "p", "label": loc(bad), "why": loc(bad)}
    error = {"id": "e", "label": loc(bad), "correction": loc(bad), "lesson": "02-toragalyk"}
    report = Report(found=[point], missing=[point], errors=[error], quotes={"e": bad})
    assert_inert(report_html(report, 1, "kk", DATA))


def test_a_figure_text_alternative_puts_its_table_behind_a_disclosure():
    html = alternative_html("<table></table>", "en")
    assert html.startswith('<details class="tmd-alt"><summary>Text version</summary><table>')


@pytest.mark.parametrize("value", SIX, ids=["10k", "zero-width", "rtl"])
def test_long_and_invisible_characters_in_content_stay_text(value):
    html = _blocks.list_html("key_points", [loc(value)], "en", "tmd-keypoints")
    assert value in html and html.count("<li>") == 1


def test_hostile_values_in_lessons_yaml_reach_the_lesson_panels_escaped(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "lessons.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    entry = next(e for e in doc["lessons"] if e["stem"] == "02-toragalyk")
    entry["title"] = loc(HOSTILE[0])
    entry["objectives"] = [loc(HOSTILE[1])] * 2
    entry["key_points"] = [loc(HOSTILE[2])] * 4
    entry["teacher"]["timing"] = loc(HOSTILE[1])
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    lesson = Lesson(
        "02-toragalyk", teacher=True, seed="t", root=tmp_path / "data", results=tmp_path
    )
    try:
        for html in (
            lesson.toolbar.head.value,
            lesson.objectives().value,
            lesson.key_points().value,
            lesson.teacher_notes().value,
        ):
            assert_inert(html)
        assert "&lt;script&gt;" in lesson.toolbar.head.value
    finally:
        lesson.close()
