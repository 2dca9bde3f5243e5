import time

import pytest
from tmdkit._latin import latin_to_cyrillic
from tmdkit._normalize import (
    fold,
    fold_to_cyrillic,
    match_text,
    relax,
    strip_ending,
)
from tmdkit._screen import InputProblem, input_problem, parse_year

ALMATY = ["Алматы", "Алматы", "Almaty", "Алма-Ата", "Alma-Ata"]
MIGRATION = ["көші-қон", "миграция", "migration"]
TRANSPORT = ["көлік және коммуникация", "транспорт и коммуникации", "transport and communications"]
KZ = ["Қазақстан", "Казахстан", "Kazakhstan"]
KG = ["Қырғызстан", "Кыргызстан", "Kyrgyzstan"]
DUSHANBE = [
    "Душанбе"
]  # no Latin form on purpose: Latin answers must come through the 2021 alphabet
SPB = ["Санкт-Петербург", "St Petersburg"]
OSKEMEN = ["Өскемен"]
IS = ["іс"]
BIR = ["бір"]
EAEC = ["ЕурАзЭҚ", "ЕврАзЭС", "EurAsEC"]
CIS = ["ТМД", "СНГ", "CIS"]

LAT_C, LAT_I, LAT_P, LAT_O = "c", "i", "p", "o"  # Latin letters, spelled out so no one "fixes" them

# (typed, accepted forms, expected kind, expected canonical or None for "don't care")
CASES = [
    # right, as written
    ("Алматы", ALMATY, "exact", "Алматы"),
    ("алматы", ALMATY, "exact", "Алматы"),
    ("АЛМАТЫ", ALMATY, "exact", "Алматы"),
    ("  Алматы  ", ALMATY, "exact", "Алматы"),
    ("Almaty", ALMATY, "exact", "Almaty"),
    ("ALMATY", ALMATY, "exact", "Almaty"),
    ("Алма-Ата", ALMATY, "exact", "Алма-Ата"),
    ("Алма Ата", ALMATY, "exact", "Алма-Ата"),
    ("Алмаата", ALMATY, "exact", "Алма-Ата"),
    ("Alma-Ata", ALMATY, "exact", "Alma-Ata"),
    ("Қазақстан", KZ, "exact", "Қазақстан"),
    ("Казахстан", KZ, "exact", "Казахстан"),
    ("Kazakhstan", KZ, "exact", "Kazakhstan"),
    ("Қырғызстан", KG, "exact", "Қырғызстан"),
    ("Кыргызстан", KG, "exact", "Кыргызстан"),  # the Russian spelling is an accepted form here
    ("ЕурАзЭҚ", EAEC, "exact", "ЕурАзЭҚ"),
    ("EurAsEC", EAEC, "exact", "EurAsEC"),
    ("ТМД", CIS, "exact", "ТМД"),
    ("снг", CIS, "exact", "СНГ"),
    # multi-word answers: hyphen, space or nothing; dashes and quotes
    ("көші-қон", MIGRATION, "exact", "көші-қон"),
    ("көші қон", MIGRATION, "exact", "көші-қон"),
    ("көшіқон", MIGRATION, "exact", "көші-қон"),
    ("Көші—Қон", MIGRATION, "exact", "көші-қон"),
    ("көші–қон", MIGRATION, "exact", "көші-қон"),
    ("«көші-қон»", MIGRATION, "exact", "көші-қон"),
    ('"көші-қон".', MIGRATION, "exact", "көші-қон"),
    ("көлік және коммуникация", TRANSPORT, "exact", "көлік және коммуникация"),
    ("Көлік  және\tкоммуникация!", TRANSPORT, "exact", "көлік және коммуникация"),
    ("Transport and communications", TRANSPORT, "exact", "transport and communications"),
    # invisible characters copied from messengers and PDFs
    ("\u200bАлматы", ALMATY, "exact", "Алматы"),
    ("Алма\u200dты\ufeff", ALMATY, "exact", "Алматы"),
    ("\u200fАлматы\u200e", ALMATY, "exact", "Алматы"),
    ("\u202bАлматы\u202c", ALMATY, "exact", "Алматы"),
    ("Ал\u00adматы", ALMATY, "exact", "Алматы"),
    ("\u2066көші-қон\u2069", MIGRATION, "exact", "көші-қон"),
    ("Алма\u0301ты", ALMATY, "exact", "Алматы"),  # a stress mark
    # Latin look-alike letters (homoglyphs) are invisible to the student: exact
    (LAT_I + LAT_C, IS, "exact", "іс"),
    ("IC", IS, "exact", "іс"),
    ("б" + LAT_I + LAT_P, BIR, "exact", "бір"),
    ("Алм" + "a" + "ты", ALMATY, "exact", "Алматы"),  # a Latin a in the middle
    ("Aлматы", ALMATY, "exact", "Алматы"),  # first letter Latin A
    ("Қазақ" + "c" + "тан", KZ, "exact", "Қазақстан"),
    ("С" + "IS", CIS, "exact", "CIS"),  # Cyrillic С typed in a Latin answer
    ("Т" + "M" + "Д", CIS, "exact", "ТМД"),
    # declined: a Kazakh case ending on the right word
    ("Алматыда", ALMATY, "declined", "Алматы"),
    ("Алматыға", ALMATY, "declined", "Алматы"),
    ("Алматыдан", ALMATY, "declined", "Алматы"),
    ("Алматының", ALMATY, "declined", "Алматы"),
    ("Душанбеде", DUSHANBE, "declined", "Душанбе"),
    ("Душанбеге", DUSHANBE, "declined", "Душанбе"),
    ("Санкт-Петербургте", SPB, "declined", "Санкт-Петербург"),
    ("Санкт-Петербургке", SPB, "declined", "Санкт-Петербург"),
    ("Қазақстанның", KZ, "declined", "Қазақстан"),
    ("Қазақстанмен", KZ, "declined", "Қазақстан"),
    ("ТМД-ға", CIS, "declined", "ТМД"),
    ("ТМД-да", CIS, "declined", "ТМД"),
    ("көші-қонды", MIGRATION, "declined", "көші-қон"),
    ("Өскеменде", OSKEMEN, "declined", "Өскемен"),
    # look-alike: Kazakh letters typed on a Russian keyboard
    ("Кыргызстан", ["Қырғызстан"], "lookalike", "Қырғызстан"),
    ("коши-кон", MIGRATION, "lookalike", "көші-қон"),
    ("коши кон", MIGRATION, "lookalike", "көші-қон"),
    ("Казакстан", KZ, "lookalike", "Қазақстан"),
    ("Оскемен", OSKEMEN, "lookalike", "Өскемен"),
    ("Оскеменде", OSKEMEN, "lookalike", "Өскемен"),
    ("Алматыга", ALMATY, "lookalike", "Алматы"),  # ға typed as га: a slip in the ending
    ("Казакстаннын", KZ, "lookalike", "Қазақстан"),
    ("колик жане коммуникация", TRANSPORT, "lookalike", "көлік және коммуникация"),
    ("Еуразиялык", ["Еуразиялық"], "lookalike", "Еуразиялық"),
    # Latin script: the 2021 Kazakh alphabet (and a plain English spelling where it is unambiguous)
    ("Almaty", ["Алматы"], "latin", "Алматы"),
    ("Qazaqstan", KZ, "latin", "Қазақстан"),
    ("QAZAQSTAN", KZ, "latin", "Қазақстан"),
    ("Qazaqstanda", KZ, "latin", "Қазақстан"),
    ("Düşanbe", DUSHANBE, "latin", "Душанбе"),
    ("Duşanbe", DUSHANBE, "latin", "Душанбе"),
    ("Dushanbe", DUSHANBE, "latin", "Душанбе"),
    ("Qyrğyzstan", KG[:1], "latin", "Қырғызстан"),
    ("köşı-qon", MIGRATION, "latin", "көші-қон"),
    ("Öskemen", OSKEMEN, "latin", "Өскемен"),
    ("bır", BIR, "latin", "бір"),
    # wrong answers and near misses
    ("Астана", ALMATY, "none", None),
    ("Алмата", ALMATY, "none", None),  # a vowel of the stem is wrong: not a keyboard slip
    ("Алмат", ALMATY, "none", None),
    ("Алматылар", ALMATY, "none", None),  # the plural is not a case ending
    ("Душанбе", ALMATY, "none", None),
    ("Қазахстан", ["Қазақстан"], "none", None),  # х for қ is not a look-alike
    ("көші", MIGRATION, "none", None),
    ("көлік", TRANSPORT, "none", None),
    ("<script>alert(1)</script>", ALMATY, "none", None),
    ("Moscow", ["Мәскеу"], "none", None),
    ("ТМ", CIS, "none", None),
    ("ТМДЫЫЫ", CIS, "none", None),
]


@pytest.mark.parametrize(
    ("typed", "accepted", "kind", "canonical"), CASES, ids=[c[0] for c in CASES]
)
def test_typed_answers_match_as_a_teacher_would_judge_them(typed, accepted, kind, canonical):
    found = match_text(typed, accepted)
    assert found.kind == kind
    if canonical is not None:
        assert found.canonical == canonical


def test_the_table_has_at_least_sixty_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize("typed", ["Кыргызстан", "Almaty", "Qazaqstan", "коши-кон"])
def test_spelling_matters_refuses_lookalike_and_latin_answers(typed):
    accepted = ["Қырғызстан", "Алматы", "Қазақстан", "көші-қон"]
    assert match_text(typed, accepted, spelling_matters=True).kind == "none"


@pytest.mark.parametrize(("typed", "kind"), [("Алматыда", "declined"), ("алматы", "exact")])
def test_spelling_matters_still_allows_exact_and_declined_answers(typed, kind):
    assert match_text(typed, ["Алматы"], spelling_matters=True).kind == kind


def test_fold_removes_invisibles_punctuation_and_case():
    assert fold("\u200b«Көші—Қон»!\u200f  ") == "көші қон"


def test_fold_turns_latin_lookalikes_into_cyrillic_only_inside_cyrillic_words():
    assert fold("б" + LAT_I + LAT_P + " ic") == "бір ic"


def test_fold_to_cyrillic_also_turns_all_lookalike_latin_words():
    assert fold_to_cyrillic("ic " + LAT_O + "k") == "іс ок"


def test_fold_to_cyrillic_leaves_genuine_latin_words_alone():
    assert fold_to_cyrillic("Almaty") == "almaty"


def test_relax_replaces_kazakh_letters_with_russian_lookalikes():
    assert relax("әғқңөұүһі") == "агкноуухи"


def test_latin_to_cyrillic_follows_the_2021_alphabet():
    assert latin_to_cyrillic("Qazaqstan Respublikasy") == "Қазақстан Республикасы"
    assert latin_to_cyrillic("ä ö ü ū ğ ş ı ñ j") == "ә ө ү ұ ғ ш і ң ж"


def test_latin_capital_i_is_kazakh_i_and_dotted_capital_is_russian_i():
    assert latin_to_cyrillic("Ile İ") == "Іле И"


def test_strip_ending_removes_a_case_ending_and_a_possessive_before_it():
    assert "хаттама" in strip_ending("хаттамасында")
    assert "алматы" in strip_ending("алматыға")


def test_strip_ending_keeps_stems_of_at_least_three_letters():
    assert strip_ending("ана") == []
    assert all(len(stem) >= 3 for stem in strip_ending("тмдға"))


def test_strip_ending_without_relaxed_forms_ignores_russian_keyboard_endings():
    assert "алматы" not in strip_ending("алматыга", relaxed=False)
    assert "алматы" in strip_ending("алматыга")


@pytest.mark.parametrize(
    "typed",
    [
        "1991",
        "1991 ж.",
        "1991 ж",
        "1991 жыл",
        "1991 жылы",
        "1991 г.",
        "1991 год",
        "1991 year",
        " 1991. ",
        "１９９１",
        "в 1991 году",
        "1991ж.",
        "\u200e1991",
        "1991-ші жыл",
        "１９９１ ж.",
        "¹⁹⁹¹",
    ],
)
def test_years_are_read_in_every_usual_form(typed):
    assert parse_year(typed) == 1991


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u200b", "empty"),
        ("бір мың", "not_a_year"),
        ("nineteen ninety-one", "not_a_year"),
        ("1991 жылы желтоқсанда", "not_a_year"),
        ("1991 1992", "several_numbers"),
        ("21.12.1991", "several_numbers"),
        ("1991-1992", "several_numbers"),
        ("91", "year_out_of_range"),
        ("1700", "year_out_of_range"),
        ("2500", "year_out_of_range"),
        ("19911", "year_out_of_range"),
        ("1" * 60, "too_long"),
        ("-1991", "not_a_year"),
        ("\u22121991 ж.", "not_a_year"),
        ("－１９９１", "not_a_year"),
        ("в -1991 году", "not_a_year"),
        ("١٩٩١", "year_other_digits"),
        ("۱۹۹۱ ж.", "year_other_digits"),
        ("१९९१", "year_other_digits"),
    ],
)
def test_unreadable_years_name_the_problem(typed, key):
    with pytest.raises(InputProblem) as problem:
        parse_year(typed)
    assert problem.value.key == key


@pytest.mark.parametrize(
    ("typed", "kind", "key"),
    [
        (None, "text", "empty"),
        ("", "text", "empty"),
        ("    ", "text", "empty"),
        ("\u200b\u200f\ufeff", "text", "empty"),
        ("1991", "text", "digits_in_text"),
        ("1991.", "text", "digits_in_text"),
        ("🙂🙂", "text", "no_letters"),
        ("?!…", "text", "no_letters"),
        ("<script>alert(1)</script>", "text", None),
        ("Алматы", "text", None),
        ("1991 ж.", "year", None),
        ("бір мың", "year", "not_a_year"),
        ("", "year", "empty"),
        ("а" * 201, "text", "too_long"),
        ("а" * 200, "text", None),
    ],
)
def test_input_problem_names_what_makes_an_answer_uncheckable(typed, kind, key):
    assert input_problem(typed, kind) == key


def test_a_ten_thousand_character_paste_is_refused_quickly():
    paste = "көші-қон " * 1111 + "a" * 1
    start = time.perf_counter()
    assert input_problem(paste, "text") == "too_long"
    assert input_problem("(" * 10_000 + "!", "year") == "too_long"
    assert time.perf_counter() - start < 0.5
