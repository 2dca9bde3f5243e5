import shutil
from pathlib import Path

import pytest
from tmdkit._data import DATA, DataError
from tmdkit._quizdata import check_ids_across, iter_items, load_all, load_quiz

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
EVENTS = {"known_event"}
SENTENCES = 16  # the fixtures' essay has as many sentences as the real one

# (fixture stem, item id the error must name, field it must name)
BROKEN = [
    ("91-missing-prompt", "91-item", "prompt"),
    ("92-wrong-type", "92-item", "answer"),
    ("93-duplicate-id", "93-item", "id"),
    ("94-dangling-event", "94-item", "events"),
    ("95-answer-not-option", "95-item", "answer"),
    ("96-single-three-options", "96-item", "options"),
    ("97-order-not-permutation", "97-item", "answer"),
    ("98-lesson-mismatch", "(top)", "lesson"),
    ("89-nested-bad-answer", "89-inner", "answer"),
    ("88-multiple-four-right", "88-item", "answer"),
    ("87-match-missing-row", "87-item", "answer"),
    ("86-misspelt-field", "86-item", "explanation"),
    ("85-essay-out-of-range", "85-item", "essay"),
    ("84-context-without-passage", "84-ctx", "passage"),
    ("83-wrong-id-prefix", "02-item", "id"),
    ("82-text-answer-digits", "82-item", "answer.kk"),
    ("81-no-essay", "81-item", "essay"),
    ("80-context-two-passages", "80-ctx", "passage_text"),
    ("79-option-explain-null", "79-item", "options.1.explain"),
]


def data_root(tmp_path, *stems):
    shutil.copytree(DATA / "schemas", tmp_path / "schemas")
    (tmp_path / "quizzes").mkdir()
    for stem in stems:
        shutil.copy(FIXTURES / f"{stem}.yaml", tmp_path / "quizzes" / f"{stem}.yaml")
    return tmp_path


def test_every_broken_fixture_is_in_the_table():
    on_disk = {p.stem for p in FIXTURES.glob("*.yaml")} - {"90-valid"}
    assert on_disk == {stem for stem, _, _ in BROKEN}


@pytest.mark.parametrize(("stem", "entry", "field"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_quiz_file_is_reported_with_file_item_and_field(tmp_path, stem, entry, field):
    root = data_root(tmp_path, stem)
    with pytest.raises(DataError) as error:
        load_quiz(stem, root, event_ids=EVENTS, sentences=SENTENCES)
    message = str(error.value)
    assert error.value.file == f"data/quizzes/{stem}.yaml"
    assert (error.value.entry, error.value.field) == (entry, field)
    assert f"data/quizzes/{stem}.yaml" in message and entry in message and field in message


def test_a_valid_quiz_with_every_item_type_loads(tmp_path):
    quiz = load_quiz("90-valid", data_root(tmp_path, "90-valid"), event_ids=EVENTS)
    assert {item["type"] for item in quiz["items"]} == {
        "single",
        "multiple",
        "year",
        "text",
        "order",
        "context",
    }


def test_iter_items_replaces_context_items_by_their_nested_items(tmp_path):
    quiz = load_quiz("90-valid", data_root(tmp_path, "90-valid"))
    ids = [item["id"] for item in iter_items(quiz)]
    assert ids == [
        "90-single",
        "90-multiple",
        "90-year",
        "90-text",
        "90-order",
        "90-context-match",
        "90-context-year",
    ]


def test_event_ids_are_not_checked_when_no_event_list_is_given(tmp_path):
    assert load_quiz("94-dangling-event", data_root(tmp_path, "94-dangling-event"))


def test_an_item_id_used_in_two_quiz_files_is_rejected_naming_the_second_file(tmp_path):
    root = data_root(tmp_path, "90-valid")
    quiz = load_quiz("90-valid", root)
    with pytest.raises(DataError) as error:
        check_ids_across({"90-valid": quiz, "91-copy": quiz}, root)
    assert error.value.file == "data/quizzes/91-copy.yaml"
    assert error.value.entry == "90-single" and "data/quizzes/90-valid.yaml" in str(error.value)


def test_an_item_citing_a_sentence_past_the_essays_end_is_rejected(tmp_path):
    root = data_root(tmp_path, "90-valid")
    path = root / "quizzes" / "90-valid.yaml"
    path.write_text(path.read_text("utf-8").replace("essay: [1]", "essay: [4]", 1), "utf-8")
    with pytest.raises(DataError, match=r"1\.\.3, got 4") as error:
        load_quiz("90-valid", root, sentences=3)
    assert error.value.field == "essay"


def test_the_intro_and_since_the_essay_lessons_may_ask_about_what_the_essay_never_says(tmp_path):
    root = data_root(tmp_path, "81-no-essay")
    assert load_quiz("81-no-essay", root, essay_optional=True)


def test_every_quiz_file_of_the_course_loads_by_stem_in_course_order():
    assert list(load_all(DATA)) == sorted(p.stem for p in (DATA / "quizzes").glob("*.yaml"))
