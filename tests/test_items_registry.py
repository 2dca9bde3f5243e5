import json
from inspect import signature

import pytest
import yaml
from conftest import ROOT
from tmdkit._check import check
from tmdkit._html import esc
from tmdkit.items import PARTS, TYPES, kind_of

SCHEMA = json.loads((ROOT / "data/schemas/quiz.schema.json").read_text("utf-8"))
FIXTURE = yaml.safe_load((ROOT / "tests/fixtures/quizzes/90-valid.yaml").read_text("utf-8"))
ARGS = {
    "check": ["item", "response"],
    "make_input": ["item", "shuffled", "lang"],
    "answer_text": ["item", "lang"],
    "question_html": ["item", "number", "lang"],
    "key_html": ["item", "number", "lang"],
    "rules": ["file", "item"],
}


def _fixture_items():
    for item in FIXTURE["items"]:
        yield item
        yield from item.get("items", ())


def _schema_types(node):
    """Yield every item type the quiz schema allows (enum or const of a `type` property)."""
    if isinstance(node, dict):
        kind = node.get("properties", {}).get("type", {})
        if isinstance(kind, dict):
            yield from kind.get("enum", ())
            if "const" in kind:
                yield kind["const"]
        for value in node.values():
            yield from _schema_types(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_types(value)


def test_the_registry_has_exactly_the_item_types_of_the_quiz_schema():
    assert set(TYPES) == set(_schema_types(SCHEMA))


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_item_type_has_every_part_with_its_arguments(name):
    module = TYPES[name]
    assert name == module.NAME
    for part in PARTS:
        assert list(signature(getattr(module, part)).parameters) == ARGS[part], part
        assert getattr(module, part).__doc__, f"{name}.{part} says what it does"


def test_the_fixture_quiz_has_an_item_of_every_type():
    assert {item["type"] for item in _fixture_items()} == set(TYPES)


@pytest.mark.parametrize("item", list(_fixture_items()), ids=lambda item: item["type"])
def test_every_type_prints_its_question_and_its_answer_in_the_key(item):
    kind = kind_of(item)
    answer = kind.answer_text(item, "en")
    assert item["prompt"]["en"] in kind.question_html(item, "1", "en")
    key = kind.key_html(item, "1", "en")
    # the whole answer, every nested question's part of it, not only its first word
    assert answer and all(esc(part) in key for part in answer.split(" | ")), (answer, key)


@pytest.mark.parametrize(
    "item", [i for i in _fixture_items() if i["type"] != "context"], ids=lambda i: i["type"]
)
def test_every_answerable_type_gives_a_control_with_a_json_ready_checkable_response(item):
    control = kind_of(item).make_input(item, list, "kk")
    response = control.response()
    assert control.widgets and json.loads(json.dumps(response)) == response
    assert check(item, response).status in {"invalid", "wrong", "partial", "right"}
    control.relabel("ru")
    for widget in control.widgets:
        widget.close()


def test_an_unknown_item_type_is_named_in_the_error():
    with pytest.raises(ValueError, match=r"90-x.*'essay'"):
        kind_of({"id": "90-x", "type": "essay"})
