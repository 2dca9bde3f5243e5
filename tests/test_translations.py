import json
import shutil

import nbformat
import pytest
import yaml
from conftest import DATA, ROOT
from tmdkit import _translate as tr


@pytest.mark.parametrize("lang", tr.TARGETS)
def test_every_kazakh_cell_has_an_up_to_date_translation(lang):
    assert tr.problems(lang) == []


@pytest.mark.parametrize("lang", tr.TARGETS)
def test_the_generated_lesson_set_is_up_to_date(lang):
    assert tr.outdated(lang) == []


@pytest.mark.parametrize("lang", tr.TARGETS)
def test_a_generated_notebook_keeps_the_code_and_presets_the_language(lang):
    kk = nbformat.read(ROOT / "lessons" / "02-toragalyk.ipynb", as_version=4)
    other = nbformat.read(ROOT / "lessons" / lang / "02-toragalyk.ipynb", as_version=4)
    assert [c.id for c in kk.cells] == [c.id for c in other.cells]
    code = [
        (a.source, b.source)
        for a, b in zip(kk.cells, other.cells, strict=True)
        if a.cell_type == "code"
    ]
    assert f'start("02-toragalyk", lang="{lang}")' in code[0][1]
    assert all(a == b for a, b in code[1:])


@pytest.fixture
def scratch(tmp_path):
    """A one-notebook course with a Russian catalog translated from its current Kazakh text."""
    lessons, data = tmp_path / "lessons", tmp_path / "data"
    lessons.mkdir()
    (data / "translations").mkdir(parents=True)
    shutil.copytree(DATA / "schemas", data / "schemas")
    shutil.copy(ROOT / "lessons" / "01-tmd.ipynb", lessons / "01-tmd.ipynb")
    cells = {
        key: {"text": f"RU {key}", "source": tr.source_hash(text)}
        for key, text in tr.kazakh_cells(lessons).items()
    }
    (data / "translations" / "ru.yaml").write_text(
        yaml.safe_dump({"lang": "ru", "cells": cells}, allow_unicode=True), "utf-8"
    )
    return lessons, data


def _edit_kazakh_cell(lessons, cell_id, new_text):
    path = lessons / "01-tmd.ipynb"
    nb = json.loads(path.read_text("utf-8"))
    next(c for c in nb["cells"] if c["id"] == cell_id)["source"] = new_text
    path.write_text(json.dumps(nb, ensure_ascii=False), "utf-8")


def test_changing_one_kazakh_sentence_names_exactly_that_cell_as_stale(scratch):
    lessons, data = scratch
    assert tr.problems("ru", data, lessons) == []
    _edit_kazakh_cell(lessons, "facts-head", "## Контекст\n\nЖаңа сөйлем.")
    assert tr.problems("ru", data, lessons) == [
        'data/translations/ru.yaml: 01-tmd/facts-head: field "source": stale: the Kazakh cell'
        " changed since it was translated (update, then stamp)"
    ]


def test_a_new_kazakh_cell_without_translation_is_named_as_missing(scratch):
    lessons, data = scratch
    path = lessons / "01-tmd.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_markdown_cell("Жаңа ұяшық")
    cell.id = "new-note"
    nb.cells.append(cell)
    nbformat.write(nb, path)
    assert tr.problems("ru", data, lessons) == [
        'data/translations/ru.yaml: 01-tmd/new-note: field "text": missing: no ru translation'
        " of this cell"
    ]


def test_a_generated_notebook_that_was_not_rebuilt_is_reported(scratch):
    lessons, data = scratch
    tr.write("ru", data, lessons)
    assert tr.outdated("ru", data, lessons) == []
    entries = yaml.safe_load((data / "translations" / "ru.yaml").read_text("utf-8"))
    entries["cells"]["01-tmd/title"]["text"] = "# Другой заголовок"
    (data / "translations" / "ru.yaml").write_text(
        yaml.safe_dump(entries, allow_unicode=True), "utf-8"
    )
    assert tr.outdated("ru", data, lessons) == [
        'lessons/ru/01-tmd.ipynb: (file): field "(file)": out of date (run make translations)'
    ]


def test_stamping_a_retranslated_cell_clears_only_that_cell(scratch):
    lessons, data = scratch
    _edit_kazakh_cell(lessons, "facts-head", "## Контекст\n\nЖаңа сөйлем.")
    _edit_kazakh_cell(lessons, "timeline-head", "## Хронология\n\nЖаңа.")
    assert tr.stamp("ru", ("01-tmd/facts-head",), data, lessons) == 1
    assert [line.split(": ")[1] for line in tr.problems("ru", data, lessons)] == [
        "01-tmd/timeline-head"
    ]
