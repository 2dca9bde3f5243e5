import re
from html import unescape

import pytest
from tmdkit import _content as content
from tmdkit._print import build
from tmdkit._quizdata import iter_items
from tmdkit.items import kind_of


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    built = build(out, "kk")
    return out, {p.stem: p.read_text("utf-8") for p in built}


def _plain(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_printable_version_has_a_page_per_lesson_and_plotly_beside_them(pages):
    out, html = pages
    assert sorted(html) == sorted(content.lessons())
    assert (out / "plotly.min.js").stat().st_size > 1_000_000 and (out / "index.html").exists()


def test_every_essay_sentence_is_printed_as_displayed(pages):
    _, html = pages
    sections = " ".join(_plain(html[s.stem]) for s in content.essay().sections)
    for sentence in content.essay().sentences:
        words = " ".join(sentence.displayed.split()[:6])
        assert words in sections, sentence.n


def test_every_self_check_is_printed_with_its_answer_in_the_key(pages):
    _, html = pages
    for stem in content.lessons():
        page = _plain(html[stem])
        questions, key = page.split("Жауаптар кілті")
        for item in iter_items(content._quiz(stem)):
            assert " ".join(item["prompt"]["kk"].split()) in questions, item["id"]
            answer = " ".join(kind_of(item).answer_text(item, "kk").split())
            assert answer in key, item["id"]


def test_no_printed_page_asks_the_network_for_anything(pages):
    _, html = pages
    for stem, page in html.items():
        remote = re.findall(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page, re.I)
        assert remote == [], stem
        scripts = re.findall(r'<script[^>]*\bsrc\s*=\s*["\']?([^"\' >]+)', page, re.I)
        assert scripts == ["plotly.min.js"] and "cdn.plot.ly" not in page.lower(), stem
