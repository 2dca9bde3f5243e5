from pathlib import Path

import pytest
from tmdkit._data import DataError
from tmdkit._load import load


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


@pytest.fixture
def glossary_copy(data_copy, tmp_path, monkeypatch):
    import shutil

    from conftest import DATA

    shutil.copy(DATA / "glossary.yaml", data_copy / "glossary.yaml")
    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TMD_NO_CACHE", raising=False)
    return data_copy


def test_a_second_load_of_the_same_bytes_skips_parsing_and_validation(
    glossary_copy, monkeypatch, tmp_path
):
    from tmdkit import _load

    first = load("glossary", glossary_copy)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1

    def fail(*_args, **_kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(_load, "validate", fail)
    monkeypatch.setattr(_load, "read_yaml", fail)
    assert load("glossary", glossary_copy) == first


def test_an_edited_file_is_validated_again_despite_an_earlier_cached_copy(glossary_copy):
    load("glossary", glossary_copy)
    path = glossary_copy / "glossary.yaml"
    path.write_text(path.read_text("utf-8").replace("definition:", "defintion:", 1), "utf-8")
    with pytest.raises(DataError):
        load("glossary", glossary_copy)


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    glossary_copy, monkeypatch, tmp_path
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("TMD_CACHE_DIR", str(blocked))
    assert load("glossary", glossary_copy)["terms"]


def test_a_document_json_cannot_carry_exactly_is_never_cached(tmp_path, monkeypatch):
    from tmdkit import _cache

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    _cache.put("k", {1: "integer keys come back from JSON as strings"})
    assert _cache.get("k") is None


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_cache_write_leaves_no_temporary_file_and_keeps_the_earlier_copy(
    tmp_path, monkeypatch, failure
):
    from tmdkit import _cache

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    _cache.put("k", {"v": 1})

    def refuse(*args):
        raise failure

    monkeypatch.setattr(_cache.os, "replace", refuse)
    if isinstance(failure, OSError):
        _cache.put("k", {"v": 2})  # the cache is only a speed-up: the failure is not the lesson's
    else:
        with pytest.raises(KeyboardInterrupt):
            _cache.put("k", {"v": 2})
    assert [p.name for p in tmp_path.iterdir()] == ["k.json"]
    assert _cache.get("k") == {"v": 1}


def _copies(tmp_path, monkeypatch, n):
    """Put n documents in a scratch cache, oldest first, and return their keys."""
    import os

    from tmdkit import _cache

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    keys = [_cache.key(str(i).encode()) for i in range(n)]
    for i, k in enumerate(keys):
        _cache.put(k, {"v": i})
        os.utime(tmp_path / f"{k}.json", ns=(i * 10**9, i * 10**9))
    return keys


def test_the_cache_keeps_only_its_most_recently_used_copies(tmp_path, monkeypatch):
    from tmdkit import _cache

    monkeypatch.setattr(_cache, "MAX_COPIES", 3)
    keys = _copies(tmp_path, monkeypatch, 3)
    assert _cache.get(keys[0]) == {"v": 0}  # read now: the oldest written is the latest used
    _cache.put("f" * 64, {"v": "new"})
    left = {p.stem for p in tmp_path.glob("*.json")}
    assert left == {keys[0], keys[2], "f" * 64}


def test_pruning_the_cache_never_touches_other_files_folders_links_or_their_targets(
    tmp_path, monkeypatch
):
    from tmdkit import _cache

    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_text("{}")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "notes.json").write_text("{}")
    (cache / f"{'e' * 64}.json").symlink_to(outside)
    (cache / "lite").mkdir()  # the JupyterLite build keeps its downloads here
    (cache / "lite" / f"{'d' * 64}.json").write_text("{}")
    _copies(cache, monkeypatch, 2)
    _cache.prune(cache, keep=0)
    assert sorted(p.name for p in cache.iterdir()) == ["e" * 64 + ".json", "lite", "notes.json"]
    assert (cache / "lite" / f"{'d' * 64}.json").exists()
    assert outside.read_text() == "{}"


def test_a_cache_folder_that_cannot_be_pruned_still_serves_the_new_copy(tmp_path, monkeypatch):
    from tmdkit import _cache

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_cache.os, "scandir", refuse)
    _cache.put("a" * 64, {"v": 1})  # pruning failed: the copy is written all the same
    assert _cache.get("a" * 64) == {"v": 1}


def _cached_copy(cache_dir):
    [path] = list(cache_dir.glob("*.json"))
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t.replace('"ТМД"', '"<script>alert(1)</script>"', 1),
        lambda t: t[: len(t) // 2],
        lambda t: "",
    ],
    ids=["edited", "truncated", "emptied"],
)
def test_a_damaged_cache_copy_is_ignored_and_rebuilt_from_the_data_file(
    glossary_copy, tmp_path, damage
):
    first = load("glossary", glossary_copy)
    cached = _cached_copy(tmp_path / "cache")
    good = cached.read_text("utf-8")
    assert damage(good) != good
    cached.write_text(damage(good), "utf-8")
    assert load("glossary", glossary_copy) == first
    assert cached.read_text("utf-8") == good


def test_a_cache_copy_renamed_to_another_files_key_is_not_served(tmp_path, monkeypatch):
    from tmdkit import _cache

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    _cache.put("a", {"terms": ["from file a"]})
    (tmp_path / "a.json").rename(tmp_path / "b.json")
    assert _cache.get("b") is None


def test_the_cache_lives_in_the_users_own_cache_folder_unless_overridden(monkeypatch):
    from platformdirs import user_cache_dir
    from tmdkit import _cache

    monkeypatch.delenv("TMD_CACHE_DIR", raising=False)
    monkeypatch.delenv("TMD_NO_CACHE", raising=False)
    assert _cache.folder() == Path(user_cache_dir("tmd-lesson", appauthor=False))
    monkeypatch.setenv("TMD_CACHE_DIR", "/elsewhere")
    assert _cache.folder() == Path("/elsewhere")


def test_the_test_session_never_writes_into_the_real_cache_or_results_folder():
    import os
    import tempfile

    from conftest import ROOT
    from tmdkit import _cache, _save

    scratch = Path(tempfile.gettempdir()).resolve()
    results = _save.results_folder()
    assert scratch in _cache.folder().resolve().parents
    assert scratch in results.resolve().parents
    assert results != ROOT / "results"
    assert os.environ["TMD_RESULTS_DIR"] == str(results)


def test_every_trilingual_text_in_the_schemas_is_the_one_shared_definition():
    import json

    from conftest import DATA

    for path in sorted((DATA / "schemas").glob("*.schema.json")):
        defs = json.loads(path.read_text("utf-8")).get("$defs", {})
        local = {k: v for k, v in defs.items() if "$ref" not in v}
        # a local definition never spells out kk/ru/en again: it refers to defs.schema.json
        for name, schema in local.items():
            if path.name != "defs.schema.json":
                assert set(schema.get("properties", {})) != {"kk", "ru", "en"}, (path.name, name)


def test_a_blank_text_is_refused_through_the_shared_definition(glossary_copy):
    path = glossary_copy / "glossary.yaml"
    path.write_text(path.read_text("utf-8").replace('en: "CIS"', 'en: "   "', 1), "utf-8")
    with pytest.raises(DataError) as caught:
        load("glossary", glossary_copy)
    assert (caught.value.entry, caught.value.field) == ("tmd", "term.en")


def test_an_edit_to_the_shared_definitions_is_validated_again_despite_a_cached_copy(glossary_copy):
    load("glossary", glossary_copy)
    path = glossary_copy / "schemas" / "defs.schema.json"
    path.write_text(path.read_text("utf-8").replace('"minLength": 1', '"minLength": 900', 1))
    with pytest.raises(DataError):
        load("glossary", glossary_copy)


def test_a_cache_copy_written_by_another_account_is_not_served(tmp_path, monkeypatch):
    import os

    from tmdkit import _cache

    monkeypatch.setenv("TMD_CACHE_DIR", str(tmp_path))
    _cache.put("k", {"terms": []})
    assert _cache.get("k") == {"terms": []}
    monkeypatch.setattr(os, "getuid", lambda: os.stat(tmp_path / "k.json").st_uid + 1)
    assert _cache.get("k") is None


def test_a_missing_shared_schema_file_is_named_not_raised_as_a_traceback(glossary_copy):
    (glossary_copy / "schemas" / "defs.schema.json").unlink()
    with pytest.raises(DataError) as caught:
        load("glossary", glossary_copy)
    assert caught.value.file == "data/schemas/defs.schema.json"
