import re

import pytest
import yaml
from conftest import DATA, ROOT
from tmdkit._data import DataError
from tmdkit._essay import load_essay

SEED = ROOT.parent / "shared" / "seed" / "essay-68.kk.txt"
FIXES = {
    ("орнына1991", "орнына 1991"),
    ("КСРОреспубликаларының", "КСРО республикаларының"),
    ("\u0069\u0063", "іс"),
    ("б\u0069\u0070", "бір"),
}


@pytest.fixture(scope="module")
def essay():
    return load_essay()


def test_the_essay_file_is_a_byte_exact_copy_of_the_seed():
    if not SEED.exists():  # the seed lives outside the repo; the repo copy is what the lesson uses
        pytest.skip("no ../shared/seed beside this checkout")
    assert (DATA / "essay" / "essay-68.kk.txt").read_bytes() == SEED.read_bytes()


def test_the_sentences_rebuild_the_original_file_exactly(essay):
    rebuilt = essay.title["kk"] + "\n" + " ".join(s.kk for s in essay.sentences)
    assert rebuilt.encode("utf-8") == (DATA / "essay" / "essay-68.kk.txt").read_bytes()


def test_the_essay_has_sixteen_sentences(essay):
    assert [s.n for s in essay.sentences] == list(range(1, 17))


def test_the_displayed_text_is_the_original_with_exactly_the_listed_fixes(essay):
    applied = set()
    for s in essay.sentences:
        shown = s.kk
        for fix in s.fixes:
            shown = shown.replace(fix.original, fix.fixed, 1)
            applied.add((fix.original, fix.fixed))
        assert s.displayed == shown
    assert applied == FIXES


def test_the_displayed_text_has_no_latin_letter_inside_a_cyrillic_word(essay):
    mixed = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0400-\u04FF])\w+\b")
    for s in essay.sentences:
        assert not mixed.search(s.displayed), s.displayed
        assert not re.search(r"\b[a-zA-Z]+\b", s.displayed), s.displayed


def test_every_sentence_is_in_exactly_one_section_and_sections_are_in_order(essay):
    numbers = [n for section in essay.sections for n in section.numbers]
    assert numbers == list(range(1, 17))
    assert [s.id for s in essay.sections] == [
        "cis",
        "chairmanship",
        "one-topic",
        "eurasec",
        "almaty",
    ]


def test_every_sentence_has_a_russian_and_an_english_translation(essay):
    for s in essay.sentences:
        assert re.search(r"[а-яА-Я]", s.ru) and re.search(r"[a-zA-Z]", s.en), s.n


def _broken(data_copy, mutate):
    doc = yaml.safe_load((DATA / "essay" / "essay.yaml").read_text("utf-8"))
    mutate(doc)
    (data_copy / "essay").mkdir()
    (data_copy / "essay" / "essay-68.kk.txt").write_bytes(
        (DATA / "essay" / "essay-68.kk.txt").read_bytes()
    )
    (data_copy / "essay" / "essay.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True), "utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_essay(data_copy)
    return str(caught.value)


def test_an_altered_original_sentence_is_refused_with_file_and_field(data_copy):
    def mutate(doc):
        doc["sentences"][3]["kk"] = doc["sentences"][3]["kk"].replace("2006", "2005")

    message = _broken(data_copy, mutate)
    assert "data/essay/essay.yaml" in message and '"kk"' in message


def test_a_fix_whose_original_is_not_in_its_sentence_is_refused_naming_the_fix(data_copy):
    names = []

    def mutate(doc):
        doc["fixes"][0]["sentence"] = 2
        names.append(doc["fixes"][0]["id"])

    message = _broken(data_copy, mutate)
    assert f": {names[0]}: " in message and '"original"' in message


def test_overlapping_sections_are_refused_naming_the_section(data_copy):
    def mutate(doc):
        doc["sections"][1]["sentences"] = [3, 6]

    message = _broken(data_copy, mutate)
    assert ": chairmanship: " in message and '"sentences"' in message


def test_a_translation_missing_from_a_sentence_is_refused_naming_the_sentence(data_copy):
    def mutate(doc):
        del doc["sentences"][4]["ru"]

    message = _broken(data_copy, mutate)
    assert ": 5: " in message and '"ru"' in message
