import ast
import re
import string
import sys
from pathlib import Path

import pytest
import tmdkit
from tmdkit._check import KEYS, Msg, check
from tmdkit._data import LANGS
from tmdkit._i18n import plural, plural_form, render, sentence_refs, strings, t
from tmdkit._screen import InputProblem, input_problem, parse_year
from tmdkit._toolbar import lang_labels

# fmt: off
WIDGET_KEYS = [
    "check", "hint", "next_hint", "show_answer", "try_again", "answer_was", "tries_left",
    "question", "progress", "score_line", "section_score", "move_up", "move_down", "choose",
    "your_order", "passage", "essay_sentences", "teacher_mode", "teacher_note", "language",
    "my_results", "save_results", "saved_to", "name_label", "name_placeholder", "save_failed",
    "no_name", "right_answer", "explanation", "translation_ru", "translation_en", "original",
    "editorial_fix", "glossary", "key_points", "objectives", "time_to_learn", "chronology",
    "text_alternative", "coverage_found", "coverage_missing", "coverage_empty",
]
# fmt: on

RU_QUESTIONS = {
    1: "1 вопрос",
    2: "2 вопроса",
    5: "5 вопросов",
    11: "11 вопросов",
    12: "12 вопросов",
    14: "14 вопросов",
    21: "21 вопрос",
    22: "22 вопроса",
    25: "25 вопросов",
    111: "111 вопросов",
    0: "0 вопросов",
}


def forms(value):
    return list(value.values()) if isinstance(value, dict) else [value]


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(strings()))
def test_every_string_has_kazakh_russian_and_english(key):
    assert all(strings()[key].get(lang) for lang in LANGS)


@pytest.mark.parametrize("key", sorted(strings()))
def test_every_language_fills_the_same_placeholders(key):
    entry = strings()[key]
    found = {lang: {frozenset(fields(f)) for f in forms(entry[lang])} for lang in LANGS}
    assert found["kk"] == found["ru"] == found["en"] and len(found["kk"]) == 1


@pytest.mark.parametrize(("n", "text"), sorted(RU_QUESTIONS.items()))
def test_russian_counted_nouns_take_the_right_plural_form(n, text):
    assert plural("question", n, "ru") == text


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "one"),
        (2, "few"),
        (5, "many"),
        (11, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (111, "many"),
        (112, "many"),
        (104, "few"),
    ],
)
def test_russian_plural_categories(n, form):
    assert plural_form(n, "ru") == form


def test_english_and_kazakh_plurals():
    assert plural("question", 1, "en") == "1 question"
    assert plural("question", 2, "en") == "2 questions"
    assert plural("question", 21, "kk") == "21 сұрақ"


def test_progress_declines_after_the_total():
    assert plural("progress", 1, "ru", done=1) == "Выполнено 1 из 1 вопроса"
    assert plural("progress", 5, "ru", done=2) == "Выполнено 2 из 5 вопросов"
    assert t("progress", "kk", done=2, total=5) == "2/5 сұрақ орындалды"


@pytest.mark.parametrize("key", WIDGET_KEYS)
def test_every_string_the_widgets_need_exists(key):
    assert key in strings()


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_key_the_checker_can_emit_exists(key):
    assert key in strings()


def test_a_missing_key_raises_an_error_naming_it():
    with pytest.raises(KeyError, match="no_such_string"):
        t("no_such_string", "kk")


def test_params_given_in_three_languages_are_resolved_to_the_reader_language():
    answer = {"kk": "Алматы", "ru": "Алма-Ата", "en": "Almaty"}
    assert t("answer_was", "en", answer=answer) == "The right answer: Almaty"
    assert t("answer_was", "kk", answer=answer) == "Дұрыс жауап: Алматы"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        t("check", "de")


ITEMS = [
    {
        "id": "s",
        "type": "single",
        "answer": "b",
        "options": [{"id": i, "text": {}} for i in "abcd"],
    },
    {
        "id": "m",
        "type": "multiple",
        "answer": ["a", "c"],
        "options": [{"id": i, "text": {}} for i in "abcdef"],
    },
    {"id": "y", "type": "year", "answer": 1991},
    {"id": "x", "type": "text", "answer": {"kk": "көші-қон", "ru": "миграция", "en": "migration"}},
    {
        "id": "o",
        "type": "order",
        "answer": ["a", "b", "c", "d"],
        "options": [{"id": i, "text": {}} for i in "abcd"],
    },
    {
        "id": "p",
        "type": "match",
        "answer": {"l": "a", "r": "b", "s": "c"},
        "left": [{"id": i, "text": {}} for i in "lrs"],
        "options": [{"id": i, "text": {}} for i in "abc"],
    },
]
RESPONSES = {
    "s": [None, "a", "b"],
    "m": [None, ["a"], ["a", "b"], ["b"], ["a", "b", "c", "d"], ["a", "c"]],
    "y": [None, "", "1991", "1990", "2050", "abc", "1 2", "1500", "9" * 50],
    "x": [None, "", "коши-кон", "көші-қонға", "kөші", "123", "!!", "x" * 300, "көші-қон"],
    "o": [
        None,
        ["a", "b", "c", "d"],
        ["b", "a", "c", "d"],
        ["d", "c", "b", "a"],
        ["a", "a", "b", "c"],
    ],
    "p": [
        None,
        {"l": "a"},
        {"l": "a", "r": "b", "s": "c"},
        {"l": "b", "r": "a", "s": "c"},
        {"l": "b", "r": "c", "s": "a"},
    ],
}


def test_every_message_the_checker_emits_is_known_and_renders_in_every_language():
    emitted = set()
    for item in ITEMS:
        for response in RESPONSES[item["id"]]:
            for msg in check(item, response).messages:
                emitted.add(msg.key)
                for lang in LANGS:
                    assert render(msg, lang)
    assert emitted <= KEYS
    assert len(emitted) >= 18  # the battery above reaches nearly every key


def test_every_input_problem_key_is_a_checker_key():
    raised = set()
    for typed in ["", "x", "1 2", "1500", "9" * 50, "-1991", "\u0661\u0669\u0669\u0661"]:
        try:
            parse_year(typed)
        except InputProblem as problem:
            raised.add(problem.key)
    raised |= {input_problem(s, "text") for s in [None, "1", "!", "a" * 300]}
    assert "year_other_digits" in raised and raised <= KEYS


def test_render_fills_the_message_params():
    assert render(Msg("n_wrong_chosen", {"n": 5}), "ru") == "Вы выбрали 5 неверных вариантов."
    assert render(Msg("tries_left", {"n": 1}), "ru") == "Осталась 1 попытка."


@pytest.mark.parametrize(
    ("numbers", "lang", "label"),
    [
        ([4], "kk", "Эссе, 4-сөйлем"),
        ([12, 13, 14], "kk", "Эссе, 12-, 13-, 14-сөйлемдер"),
        ([4], "ru", "Эссе, предложение 4"),
        ([4, 5], "ru", "Эссе, предложения 4, 5"),
        ([4], "en", "Essay, sentence 4"),
        ([4, 5], "en", "Essay, sentences 4, 5"),
    ],
)
def test_one_essay_sentence_is_named_in_the_singular_and_several_in_the_plural(
    numbers, lang, label
):
    assert sentence_refs(numbers, lang) == label


PACKAGE = Path(tmdkit.__file__).parent
CYRILLIC = re.compile("[\u0400-\u04ff]")
# Cyrillic the code reads but never shows: what a student types or a file holds, matched, never
# displayed. Keyed by file and top-level name (a whole file when the name is "*").
READ_NOT_SHOWN = {
    "_normalize.py:*": "the Kazakh-aware folding tables: letters, endings and framing words",
    "_latin.py:*": "the 2021 Latin alphabet and English digraphs as the Cyrillic letters they stand for",
    "_screen.py:_YEAR_WORDS": "words a student may type around a year",
    "_state.py:_TRUE": "a teacher's 'yes' in TMD_TEACHER",
    "_map_table.py:_ALPHABET": "alphabetical order of state names",
    "_readme.py:table": "the README's own table header, not the lesson's interface",
}


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _top_name(statement: ast.stmt) -> str:
    if isinstance(statement, ast.Assign | ast.AnnAssign):
        target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
        return target.id if isinstance(target, ast.Name) else ""
    return getattr(statement, "name", "")


def cyrillic_literals(path: Path) -> list[str]:
    """Return 'file:line name: text' for each string literal with Cyrillic outside docstrings."""
    tree = ast.parse(path.read_text("utf-8"))
    skip, where = _docstrings(tree), path.relative_to(PACKAGE).as_posix()
    found = []
    for statement in tree.body:
        name = _top_name(statement)
        if f"{where}:*" in READ_NOT_SHOWN or f"{where}:{name}" in READ_NOT_SHOWN:
            continue
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and CYRILLIC.search(node.value)
            ):
                found.append(f"{where}:{node.lineno} {name}: {node.value[:40]!r}")
    return found


def test_no_interface_text_in_kazakh_or_russian_is_written_in_the_package_source():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in cyrillic_literals(path)]
    assert found == [], "interface strings belong in data/ui.yaml:\n" + "\n".join(found)


def test_the_source_scan_finds_cyrillic_in_an_f_string_and_skips_docstrings_and_comments(
    tmp_path, monkeypatch
):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Модуль."""\n# түсініктеме\ndef f(year):\n    """Жыл."""\n    return f"{year} жылғы"\n',
        "utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert cyrillic_literals(sample) == ["sample.py:5 f: ' жылғы'"]


def test_the_language_switch_names_each_language_in_itself():
    assert lang_labels() == (("Қазақша", "kk"), ("Русский", "ru"), ("English", "en"))
