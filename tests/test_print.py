import re
from html import unescape

import nbformat
import pytest
from tmdkit import _content as content
from tmdkit._data import text
from tmdkit._i18n import t
from tmdkit._print import LESSONS, build, index_html, key_html, screen_only, teacher_copy
from tmdkit._quizdata import iter_items
from tmdkit.items import kind_of


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    built = build(out, "kk")
    return out, {p.stem: p.read_text("utf-8") for p in built}


@pytest.fixture(scope="module")
def languages(tmp_path_factory):
    """Every worksheet and teacher's copy in every language: {lang: {stem: (sheet, copy)}}."""
    out = tmp_path_factory.mktemp("html-all")
    return {
        lang: {
            p.stem: (p.read_text("utf-8"), teacher_copy(p).read_text("utf-8"))
            for p in build(out / lang, lang)
        }
        for lang in ("kk", "ru", "en")
    }


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


def test_every_self_check_is_printed_and_its_answer_is_in_the_teachers_copy_only(languages):
    for stem, (sheet, copy) in languages["kk"].items():
        key = _plain(copy).split("Жауаптар кілті")[-1]
        for item in iter_items(content._quiz(stem)):
            assert " ".join(item["prompt"]["kk"].split()) in _plain(sheet), item["id"]
            assert " ".join(kind_of(item).answer_text(item, "kk").split()) in key, item["id"]
        has_items = any(True for _ in iter_items(content._quiz(stem)))
        assert ("Жауаптар кілті" in _plain(copy)) == has_items, stem
        assert "Жауаптар кілті" not in _plain(sheet), stem


def _key_lines(copy: str) -> list[str]:
    key = copy.split("class='tmd-key'", 1)[1].split("</ol>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", key, re.S)


def test_the_answer_key_gives_one_answer_per_line_with_its_explanation_on_a_line_below(languages):
    for lang, lessons in languages.items():
        for stem, (_, copy) in lessons.items():
            quiz = content._quiz(stem)
            expected = sum(1 for i in iter_items(quiz) if i["type"] != "context")
            lines = _key_lines(copy) if expected else []
            assert len(lines) == expected, (lang, stem)
            for line in lines:
                head, _, rest = line.partition('<div class="tmd-key-explain">')
                assert re.match(r"<b>\d+(\.\d+)?\.</b> \S", head), (lang, stem, head[:60])
                assert rest.endswith("</div>") and rest[:-6].strip(), (lang, stem, head[:60])


def _key_entries(copy: str) -> list[str]:
    """Every <li> of the answer key as plain text, group heads of passages included."""
    key = copy.split("class='tmd-key'", 1)[1].split("</ol>", 1)[0]
    return [_plain(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", key, re.S)]


def test_each_items_teacher_note_is_under_its_key_entry_and_never_on_the_worksheet(languages):
    checked = set()
    for lang, lessons in languages.items():
        for stem, (sheet, copy) in lessons.items():
            items = content._quiz(stem)["items"]
            for item in [*items, *(s for i in items if i["type"] == "context" for s in i["items"])]:
                if "teacher_note" not in item:
                    continue
                note = " ".join(text(item["teacher_note"], lang).split())
                assert note not in _plain(sheet), (lang, stem, item["id"])
                entries = _key_entries(copy)
                where = [n for n, entry in enumerate(entries) if note in entry]
                assert len(where) == 1, (lang, stem, item["id"])
                entry = entries[where[0]]
                first = item["items"][0] if item["type"] == "context" else item
                answer = " ".join(kind_of(first).answer_text(first, lang).split())
                below = entry if item is first else entries[where[0] + 1]
                assert answer in below, (lang, stem, item["id"])
                assert t("teacher_note", lang) in entry, (lang, stem, item["id"])
                checked.add((lang, item["type"] == "context"))
    assert {(lang, False) for lang in languages} <= checked  # a passage's note: see the next test


HOSTILE = {lang: '<script>alert(1)</script> & "Ä"' for lang in ("kk", "ru", "en")}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_hostile_item_teacher_note_is_printed_as_text(lang):
    single = {
        "id": "x-single",
        "type": "single",
        "prompt": HOSTILE,
        "options": [{"id": o, "text": {"kk": o, "ru": o, "en": o}} for o in "abcd"],
        "answer": "b",
        "teacher_note": HOSTILE,
    }
    passage = {"id": "x-context", "type": "context", "prompt": HOSTILE, "passage_text": HOSTILE}
    for item in (single, {**passage, "items": [single, single], "teacher_note": HOSTILE}):
        line = key_html(item, "1", lang)
        assert "<script>" not in line and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in line
        assert 'class="tmd-key-note"' in line and t("teacher_note", lang) in unescape(line)


def test_a_worksheet_has_no_text_that_only_makes_sense_on_screen(languages):
    for lang, lessons in languages.items():
        screen = [t("save_results", lang), t("teacher_mode", lang), "RU / EN", "Shift + Enter"]
        for stem, (sheet, copy) in lessons.items():
            for page in (sheet, copy):
                found = [s for s in screen if s.lower() in _plain(page).lower()]
                assert found == [], (lang, stem, found)


# Words that give a sentence away as meant for the screen only (hover, click, drag, type into the
# box, the program's checking), in each language. The code never reads this list: the notebooks tag
# such cells screen-only, and this detector catches a sentence whose author forgot the tag.
SCREEN_WORDS = re.compile(
    "тінтуір|батырма|жылжытқыш|ұяшық|мұғалім режимі|кеңесті ашып|пернетақта|өріске|Бағдарлама|"
    "есептеледі|көмекші тізім|курсор|кнопк|ползун|ячейк|[Рр]ежим\\w* учителя|подсказку|клавиатур|"
    "в поле|Программа|Засчитываются|вспомогательный список|hover|button|slider|[Tt]eacher mode|"
    "open the hint|keyboard|the box below|The program|still counts|checklist|press “|нажмите «|"
    "принимается|is accepted",
    re.IGNORECASE,
)


def _screen_sentences(page: str) -> list[str]:
    shown = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)  # what paper shows
    return [s for s in re.split(r"(?<=[.!?])\s+", _plain(shown)) if SCREEN_WORDS.search(s)]


def test_no_screen_only_instruction_reaches_paper_in_any_language(languages):
    for lang, lessons in languages.items():
        for stem, pages in lessons.items():
            for page in pages:
                assert _screen_sentences(page) == [], (lang, stem)


def test_a_screen_only_sentence_whose_cell_lost_its_tag_is_caught_on_paper(tmp_path):
    (tmp_path / "lessons").mkdir()
    nb = nbformat.read(LESSONS / "00-kirispe.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.id == "quiz-screen")
    assert screen_only(cell)
    cell.metadata["tags"] = []
    nbformat.write(nb, tmp_path / "lessons" / "00-kirispe.ipynb")
    (page,) = build(tmp_path / "html", "kk", tmp_path / "lessons")
    assert any("батырма" in s for s in _screen_sentences(page.read_text("utf-8")))


def test_a_screen_only_cell_with_a_paper_version_is_replaced_by_it_in_every_language(languages):
    for lang, lessons in languages.items():
        for stem, (sheet, _) in lessons.items():
            path = LESSONS / (stem if lang == "kk" else f"{lang}/{stem}")
            cells = nbformat.read(path.with_suffix(".ipynb"), as_version=4).cells
            if any(c.id == "quiz-screen" and screen_only(c) for c in cells):
                assert t("print_quiz_screen", lang) in _plain(sheet), (lang, stem)


def test_the_teacher_notes_are_in_the_teachers_copy_and_not_on_the_worksheet(languages):
    for lang, lessons in languages.items():
        for stem, (sheet, copy) in lessons.items():
            assert 'class="tmd-teacher-notes"' not in sheet, (lang, stem)
            if "teacher" in content.lesson_info(stem):
                assert 'class="tmd-teacher-notes"' in copy, (lang, stem)


def test_no_printed_page_asks_the_network_for_anything(pages):
    _, html = pages
    for stem, page in html.items():
        remote = re.findall(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page, re.I)
        assert remote == [], stem
        scripts = re.findall(r'<script[^>]*\bsrc\s*=\s*["\']?([^"\' >]+)', page, re.I)
        assert scripts == ["plotly.min.js"] and "cdn.plot.ly" not in page.lower(), stem


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_index_of_worksheets_is_titled_and_linked_in_its_own_language(lang, tmp_path):
    page = index_html([tmp_path / "02-toragalyk.html"], lang)
    title = re.search(r"<title>(.*?)</title>", page)[1]
    assert unescape(title) == t("print_index_title", lang)
    assert t("teacher_copy", lang) in unescape(page) and f'lang="{lang}"' in page
