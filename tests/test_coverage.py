import pytest
from conftest import ROOT
from tmdkit import _content as content
from tmdkit._coverage import check_answer, sentences

MODEL = (ROOT / "data/essay/essay-68.kk.txt").read_text("utf-8")
ALL_ERRORS = [
    "chair-2008",
    "eurasec-members-now",
    "eurasec-exists",
    "georgia-only",
    "unnamed-agreement",
]
RUSSIAN_KEYBOARD = str.maketrans("қәіүұңғөһҚӘІҮҰҢҒӨҺ", "каиуунгохКАИУУНГОХ")

FIXES = {
    "Ал 2008 жылы ТМД Төрағасы ретінде Қазақстан көлік және коммуникация мәселесін талқылауды ұсынды.": (
        "Ал 2008 жылы ТМД-ға Қырғызстан төрағалық етті, ал көлік және коммуникация сол жылдың тақырыбы болды."
    ),
    "Еуразиялық Экономикалық Қауымдастыққа мүше жетекші мемлекет болып табылады.": (
        "Еуразиялық Экономикалық Қауымдастыққа мүше жетекші мемлекет болған еді; ол 2015 жылы жұмысын тоқтатты."
    ),
    "Аталмыш Ұйымға Қазақстаннан басқа ТМД-ның бес мемлекеті мүше.": (
        "2008 жылға дейін бұл Ұйымға Қазақстаннан басқа ТМД-ның бес мемлекеті мүше болған еді."
    ),
    "Олар Ресей, Өзбекстан, Қырғызстан, Беларусь және Тәжікстан.": (
        "Олар Ресей, Өзбекстан, Қырғызстан, Беларусь және Тәжікстан болатын."
    ),
    "(Грузияны қоспағанда) басшылары аталған Келісімнің": (
        "(Грузия мен Балтық елдерін қоспағанда) басшылары 1991 жылғы 8 желтоқсандағы Беловеж келісімінің"
    ),
}


def corrected() -> str:
    text = MODEL
    for wrong, right in FIXES.items():
        assert wrong in text, wrong
        text = text.replace(wrong, right)
    return text


def errors_in(text: str) -> list[str]:
    return check_answer(text, content.keypoints(), content.known_errors()).record()["errors"]


def test_the_unchanged_model_essay_repeats_all_five_known_errors():
    assert errors_in(MODEL) == ALL_ERRORS


def test_the_corrected_essay_repeats_none_of_them():
    assert errors_in(corrected()) == []


def test_the_model_essay_typed_on_a_russian_keyboard_still_repeats_all_five():
    assert errors_in(MODEL.translate(RUSSIAN_KEYBOARD)) == ALL_ERRORS


def test_the_corrected_essay_typed_on_a_russian_keyboard_repeats_none():
    assert errors_in(corrected().translate(RUSSIAN_KEYBOARD)) == []


def test_the_corrected_essay_keeps_the_key_points_the_model_essay_covers():
    before = check_answer(MODEL, content.keypoints()).record()["found"]
    after = check_answer(corrected(), content.keypoints()).record()["found"]
    assert set(before) - set(after) <= {"transport"} and "belavezha-1991" in after


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("В 2008 году Казахстан как председатель СНГ предложил тему транспорта.", "chair-2008"),
        ("In 2008 Kazakhstan, as CIS chair, proposed transport.", "chair-2008"),
        ("ЕврАзЭС является важной организацией, Казахстан — его член.", "eurasec-exists"),
        ("Kazakhstan is a leading member of EurAsEC.", "eurasec-exists"),
        (
            "В ЕврАзЭС входят Россия, Узбекистан, Киргизия, Беларусь и Таджикистан.",
            "eurasec-members-now",
        ),
        ("Протокол подписали все, кроме Грузии.", "georgia-only"),
        ("All the republics signed except Georgia.", "georgia-only"),
        ("Они подписали Протокол к упомянутому Соглашению.", "unnamed-agreement"),
    ],
)
def test_each_error_is_found_in_russian_and_english_answers(text, error):
    assert error in errors_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Қазақстан 2006–2007 жылдары төрағалық етті, ал 2008 жылғы тақырып — көлік.",
        "В 2008 году председателем СНГ был Кыргызстан.",
        "ЕврАзЭС существовал до 2015 года, его сменил ЕАЭС.",
        "Кроме Грузии, Протокол не подписали и страны Балтии.",
        "8 декабря 1991 года подписано Беловежское соглашение. Упомянутое Соглашение дополнил Протокол.",
    ],
)
def test_a_sentence_that_also_states_the_right_fact_is_not_an_error(text):
    assert errors_in(text) == []


def test_the_sentence_that_makes_an_error_is_quoted_back():
    report = check_answer(
        "Кіріспе. Ал 2008 жылы ТМД төрағасы Қазақстан болды.", [], content.known_errors()
    )
    assert report.quotes == {"chair-2008": "Ал 2008 жылы ТМД төрағасы Қазақстан болды."}


def test_a_one_letter_abbreviation_does_not_end_a_sentence():
    assert sentences("1991 ж. 21 желтоқсанда құрылды. Екінші сөйлем.") == [
        "1991 ж. 21 желтоқсанда құрылды.",
        "Екінші сөйлем.",
    ]


def test_every_error_names_a_lesson_of_the_course_to_revisit():
    stems = set(content.lessons())
    assert {e["lesson"] for e in content.known_errors()} <= stems


def test_the_five_known_errors_have_unique_ids():
    ids = [e["id"] for e in content.known_errors()]
    assert len(ids) == len(set(ids)) == 5


def test_an_error_pointing_at_an_unknown_lesson_is_reported_with_file_entry_and_field(tmp_path):
    import shutil

    import yaml
    from conftest import DATA
    from tmdkit._data import DataError

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "keypoints.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["errors"][0]["lesson"] = "09-no-such-lesson"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r'data/keypoints.yaml: chair-2008: field "lesson"'):
        content.known_errors(tmp_path / "data")


def test_an_answer_of_thousands_of_sentences_folds_each_key_word_once_not_once_a_sentence(
    monkeypatch,
):
    from tmdkit import _coverage

    calls = []
    real = _coverage.fold
    monkeypatch.setattr(_coverage, "fold", lambda text: calls.append(1) or real(text))
    _coverage._parts.cache_clear()
    errors_in("ТМД. " * 100)
    few = len(calls)
    errors_in("ТМД. " * 1100)
    # each extra sentence is folded twice for its own words (Cyrillic and Latin); key words never again
    assert len(calls) - 2 * few <= 2 * 1000
