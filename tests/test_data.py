import pytest
from tmdkit._data import DataError, load


def _write(root, text):
    (root / "glossary.yaml").write_text(text, "utf-8")


def test_a_yaml_tag_that_would_build_a_python_object_is_refused(data_copy):
    _write(data_copy, "terms: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(DataError) as caught:
        load("glossary", data_copy)
    assert "data/glossary.yaml" in str(caught.value) and "(yaml)" in str(caught.value)


def test_broken_yaml_syntax_is_reported_with_its_line(data_copy):
    _write(data_copy, "terms:\n  - id: tmd\n    term: {kk: ТМД\n")
    with pytest.raises(DataError, match=r"data/glossary.yaml: line \d+: "):
        load("glossary", data_copy)


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(data_copy):
    (data_copy / "glossary.yaml").write_bytes("terms: ТМД".encode("cp1251"))
    with pytest.raises(DataError, match="UTF-8"):
        load("glossary", data_copy)


def test_a_misspelt_field_is_named_in_the_message(data_copy):
    import shutil

    from conftest import DATA

    shutil.copy(DATA / "glossary.yaml", data_copy / "glossary.yaml")
    text = (data_copy / "glossary.yaml").read_text("utf-8").replace("definition:", "defintion:", 1)
    _write(data_copy, text)
    with pytest.raises(DataError) as caught:
        load("glossary", data_copy)
    assert '"defintion"' in str(caught.value) or '"definition"' in str(caught.value)


def test_every_schema_in_data_is_a_valid_draft_2020_12_schema():
    import json

    from conftest import DATA
    from jsonschema import Draft202012Validator

    schemas = sorted((DATA / "schemas").glob("*.schema.json"))
    assert len(schemas) >= 10
    for path in schemas:
        schema = json.loads(path.read_text("utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"].endswith("2020-12/schema"), path.name
