import shutil
from pathlib import Path

import pytest
from tmdkit._data import DATA, DataError, read_yaml
from tmdkit._quizdata import iter_items, load_all, load_quiz

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"
EVENTS = {"known_event"}

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
        load_quiz(stem, root, event_ids=EVENTS)
    message = str(error.value)
    assert error.value.file == f"data/quizzes/{stem}.yaml"
    assert error.value.entry == entry
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


def test_load_all_rejects_an_id_used_in_two_files(tmp_path):
    root = data_root(tmp_path, "90-valid")
    copy = (
        (FIXTURES / "90-valid.yaml")
        .read_text("utf-8")
        .replace("lesson: 90-valid", "lesson: 90-valid-copy")
    )
    (root / "quizzes" / "90-valid-copy.yaml").write_text(copy, "utf-8")
    with pytest.raises(DataError) as error:
        load_all(root)
    assert "data/quizzes/90-valid.yaml" in str(error.value)
    assert error.value.entry == "90-single"


def test_load_all_returns_every_quiz_by_stem(tmp_path):
    assert list(load_all(data_root(tmp_path, "90-valid"))) == ["90-valid"]


@pytest.mark.skipif(not list((DATA / "quizzes").glob("*.yaml")), reason="no quiz files yet")
def test_every_quiz_file_of_the_lesson_loads():
    events = None
    if (DATA / "events.yaml").exists():
        events = {event["id"] for event in read_yaml(DATA / "events.yaml")["events"]}
    assert load_all(DATA, event_ids=events)
