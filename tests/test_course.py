import ast
import json
import re
from collections import Counter

import pytest
from conftest import ROOT
from tmdkit import _content as content
from tmdkit._check import check
from tmdkit._load import load
from tmdkit._quizdata import iter_items, load_all

LESSONS = [entry["stem"] for entry in load("lessons")["lessons"]]
QUIZZES = load_all()
SENTENCES = range(1, len(content.essay().sentences) + 1)
TYPES = {"single", "multiple", "year", "text", "order", "match", "context"}


def _notebook(stem):
    return json.loads((ROOT / "lessons" / f"{stem}.ipynb").read_text("utf-8"))


def _code(stem):
    return ["".join(c["source"]) for c in _notebook(stem)["cells"] if c["cell_type"] == "code"]


def test_every_lesson_has_a_notebook_a_quiz_and_a_readme_row_in_course_order():
    notebooks = sorted(p.stem for p in (ROOT / "lessons").glob("*.ipynb"))
    assert notebooks == LESSONS
    assert sorted(QUIZZES) == LESSONS
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = re.findall(r"^\| (\d+) \| \[.*?\]\(lessons/([\w-]+)\.ipynb\)", readme, re.M)
    assert [stem for _, stem in rows] == LESSONS


def test_the_readme_lesson_tables_are_what_make_readme_generates_from_lessons_yaml():
    from tmdkit import _readme

    assert not _readme.outdated(), "run make readme"
    text = (ROOT / "README.md").read_text("utf-8")
    assert text.count("<!-- /lesson-table -->") == 2
    longer = [dict(e, minutes=99) for e in content.lessons().values()]
    assert _readme.render(text, longer).count("| 99 min |") == 2 * len(LESSONS)


@pytest.mark.parametrize("stem", LESSONS)
def test_a_notebook_holds_one_import_cell_and_only_one_line_calls(stem):
    cells = _code(stem)
    assert cells[0] == f'from tmdkit import start\n\nlesson = start("{stem}")'
    for source in cells[1:]:
        tree = ast.parse(source)
        assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), source
        assert not any(
            isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom)
            for n in ast.walk(tree)
        )


@pytest.mark.parametrize("stem", LESSONS)
def test_a_notebook_has_stable_cell_ids(stem):
    ids = [c.get("id") for c in _notebook(stem)["cells"]]
    assert all(ids) and len(set(ids)) == len(ids)


def test_every_essay_sentence_is_shown_in_exactly_one_section_notebook_in_essay_order():
    shown = []
    for stem in LESSONS:
        section = content.essay_section(stem)
        if section is not None:
            assert "lesson.essay()" in _code(stem), stem
            shown += list(section.numbers)
    assert shown == list(SENTENCES)


def test_the_item_bank_has_at_least_six_items_per_section_and_forty_in_all():
    counts = {stem: sum(1 for i in iter_items(q)) for stem, q in QUIZZES.items()}
    for stem in LESSONS[1:]:
        assert counts[stem] >= 6, stem
    assert sum(counts.values()) >= 40


def test_the_item_bank_uses_all_seven_types():
    used = {item["type"] for q in QUIZZES.values() for item in q["items"]}
    used |= {sub["type"] for q in QUIZZES.values() for sub in iter_items(q)}
    assert used == TYPES


def test_every_essay_sentence_is_covered_by_at_least_one_item():
    covered = {n for q in QUIZZES.values() for item in q["items"] for n in item.get("essay", ())}
    covered |= {
        n for q in QUIZZES.values() for item in iter_items(q) for n in item.get("essay", ())
    }
    assert covered >= set(SENTENCES)


def test_right_answers_are_not_always_at_the_same_position():
    positions = Counter()
    for q in QUIZZES.values():
        for item in iter_items(q):
            if item["type"] == "single":
                positions[[o["id"] for o in item["options"]].index(item["answer"])] += 1
    assert len(positions) >= 3 and max(positions.values()) < 0.5 * sum(positions.values())


def _right_response(item):
    kind = item["type"]
    if kind == "year":
        return str(item["answer"])
    if kind == "text":
        return item["answer"]["kk"]
    return item["answer"]


@pytest.mark.parametrize(
    "item", [i for q in QUIZZES.values() for i in iter_items(q)], ids=lambda i: i["id"]
)
def test_every_items_own_answer_is_judged_right(item):
    assert check(item, _right_response(item)).status == "right"


def test_every_fact_check_cites_known_events_and_essay_sentences():
    ids = {e.id for e in content.events()}
    for box in content.checks():
        assert set(box["events"]) <= ids, box["id"]
        assert set(box["sentences"]) <= set(SENTENCES), box["id"]


def test_every_key_point_is_found_by_the_coverage_checker_in_its_own_kazakh_and_english_label():
    from tmdkit._coverage import coverage

    for point in content.keypoints():
        for lang in ("kk", "en"):
            found, _ = coverage(point["label"][lang], [point])
            assert found, (point["id"], lang)


def test_the_model_essay_itself_misses_the_points_it_leaves_out():
    from tmdkit._coverage import coverage

    found, missing = coverage(content.essay().original, content.keypoints())
    missing_ids = {p["id"] for p in missing}
    assert found and "belavezha-1991" in missing_ids


def test_the_check_command_passes_on_the_real_data_and_names_a_broken_item(tmp_path, capsys):
    import shutil

    from conftest import DATA
    from tmdkit.__main__ import check as check_command

    assert check_command() == 0
    shutil.copytree(DATA, tmp_path / "data")
    quiz = tmp_path / "data" / "quizzes" / "02-toragalyk.yaml"
    quiz.write_text(quiz.read_text("utf-8").replace("answer: b", "answer: z", 1), "utf-8")
    capsys.readouterr()
    assert check_command(tmp_path / "data") == 1
    out = capsys.readouterr().out
    assert "✘ data/quizzes/02-toragalyk.yaml: " in out and 'field "answer"' in out
