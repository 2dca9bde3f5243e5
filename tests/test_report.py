import csv
import json
import re
import shutil
from datetime import timedelta

import pytest
from class_factory import HOSTILE_ANSWER, HOSTILE_NAME, T0, submission
from conftest import ROOT
from tmdkit._html import esc
from tmdkit._i18n import t
from tmdkit.report import build, load_folder
from tmdkit.report import render as r
from tmdkit.report.__main__ import main
from tmdkit.report.export import cell, export
from tmdkit.report.items_html import items_table, wrong_table

SAMPLE = ROOT / "tests" / "fixtures" / "class-sample"
L02 = "02-toragalyk"


def _write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        (folder / name).write_text(body, "utf-8")
    return folder


@pytest.fixture
def known_class(tmp_path):
    """Four students, lesson 02: known first tries, final answers, hints and reveals."""
    return _write(
        tmp_path / "class",
        {
            "a.json": submission(
                L02, "Оқушы Бір", {"02-chair-period": ["a"], "02-handover-city": ["Душанбе"]}
            ),
            "b.json": submission(
                L02,
                "Оқушы Екі",
                {"02-chair-period": ["b", "a"], "02-handover-city": ["Мәскеу", "мәскеу қаласы"]},
                hints={"02-chair-period": 1, "02-handover-city": 2},
                reveal=["02-handover-city"],
            ),
            "c.json": submission(
                L02, "Оқушы Үш", {"02-chair-period": ["b", "b"], "02-handover-city": ["МӘСКЕУ"]}
            ),
            "d.json": submission(L02, "Оқушы Төрт", {"02-chair-period": ["c"]}),
        },
    )


def _row(tables, item):
    return next(row for row in tables.items if row.item == item)


def test_a_known_class_gives_the_known_first_try_and_final_counts(known_class):
    tables = build(load_folder(known_class))
    chair = _row(tables, "02-chair-period")
    assert (chair.answered, chair.first_right, chair.right, chair.hinted) == (4, 1, 2, 1)
    city = _row(tables, "02-handover-city")
    assert (city.answered, city.first_right, city.right, city.hints, city.revealed) == (
        3,
        1,
        1,
        2,
        1,
    )


def test_items_are_sorted_hardest_first(known_class):
    shares = [row.final_share for row in build(load_folder(known_class)).items]
    assert shares == sorted(shares) and shares[0] == pytest.approx(1 / 3)


def test_a_wrong_option_is_counted_once_per_student_with_its_explanation(known_class):
    wrong = [w for w in build(load_folder(known_class)).wrong if w.item == "02-chair-period"]
    assert [(w.answer, w.students, w.of) for w in wrong] == [("b", 2, 4), ("c", 1, 4)]
    assert "Қырғызстан" in wrong[0].explain[0]["kk"]


def test_typed_wrong_answers_are_grouped_after_the_checkers_normalisation(known_class):
    wrong = [w for w in build(load_folder(known_class)).wrong if w.item == "02-handover-city"]
    assert [(w.students, w.of) for w in wrong] == [(2, 3)]  # Мәскеу, мәскеу қаласы, МӘСКЕУ


def test_the_glance_gives_students_lessons_and_the_median_score(known_class):
    tables = build(load_folder(known_class))
    assert tables.students == 4 and [row.lesson for row in tables.glance] == [L02]
    assert tables.glance[0].median == pytest.approx(100 * 0.5 / 10)  # scores 2, 1, 0, 0 of 10


def test_the_latest_file_of_a_student_counts_and_the_earlier_one_is_shown(tmp_path):
    folder = _write(
        tmp_path / "dup",
        {
            "late.json": submission(L02, "Дана Тестова", {"02-chair-period": ["a"]}, time=T0),
            "early.json": submission(
                L02, " дана  ТЕСТОВА ", {"02-chair-period": ["b"]}, time=T0 - timedelta(hours=1)
            ),
        },
    )
    loaded = load_folder(folder)
    assert [s.path.name for s in loaded.submissions] == ["late.json"]
    assert [(p.path.name, p.detail) for p in loaded.superseded] == [("early.json", "late.json")]


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('{"format": 2, "lesson": ', "report_skip_broken"),
        (b"\xff\xfe not utf-8", "report_skip_broken"),
        ('{"name": "package", "version": "1.0"}', "report_skip_foreign"),
        ('["a list"]', "report_skip_foreign"),
        ('{"lesson": "99-none", "name": "X", "answers": []}', "report_skip_lesson"),
        (
            '{"format": 9, "lesson": "02-toragalyk", "name": "X", "answers": []}',
            "report_skip_format",
        ),
        ("[" * 100_000 + "]" * 100_000, "report_skip_broken"),
        ('{"a": ' * 50_000 + "1" + "}" * 50_000, "report_skip_broken"),
        ('{"lesson": "02-toragalyk", "items": 1' + "0" * 5000 + "}", "report_skip_broken"),
        ('{"lesson": ["02-toragalyk"], "name": "X", "answers": []}', "report_skip_lesson"),
        ('{"lesson": {"02": 1}, "name": "X", "answers": []}', "report_skip_lesson"),
    ],
    ids=[
        "json-cut-short", "not-utf8", "package-json", "list", "unknown-lesson", "unknown-format",
        "nested-lists", "nested-objects", "5000-digit-number", "lesson-a-list", "lesson-a-mapping",
    ],
)  # fmt: skip
def test_a_bad_file_is_listed_with_its_reason_and_skipped(tmp_path, body, key):
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "x.json"
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    loaded = load_folder(folder)
    assert loaded.submissions == [] and [(p.path.name, p.key) for p in loaded.skipped] == [
        ("x.json", key)
    ]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["answers"][0].update(score=5), "answers[0].score"),
        (lambda d: d["answers"][0].update(status="perfect"), "answers[0].status"),
        (lambda d: d["answers"][0].update(hints=-1), "answers[0].hints"),
        (lambda d: d.update(points=11), "points"),
        (lambda d: d.update(time="yesterday"), "time"),
        (lambda d: d.update(name="   "), "name"),
        (lambda d: d["answers"][0].update(status=["right"]), "answers[0].status"),
        (lambda d: d["answers"][0].update(first_try={"a": 1}), "answers[0].first_try"),
        (lambda d: d["answers"][0].update(revealed="no"), "answers[0].revealed"),
        (lambda d: d["answers"][0].update(type=7), "answers[0].type"),
        (lambda d: d["answers"].append(dict(d["answers"][0])) or d.update(items=11, points=2),
         "answers[10].id"),
    ],
)  # fmt: skip
def test_an_edited_file_with_an_impossible_value_is_skipped_naming_the_field(tmp_path, edit, field):
    data = submission(L02, "Ерлан", {"02-chair-period": ["a"]})
    edit(data)
    loaded = load_folder(_write(tmp_path / "t", {"x.json": data}))
    assert [(p.key, p.detail) for p in loaded.skipped] == [("report_skip_tampered", field)]


def test_an_old_format_file_counts_and_the_report_names_the_fields_it_lacks():
    loaded = load_folder(SAMPLE)
    note = next(p for p in loaded.notes if p.path.name == "05-almaty-1991-old-format.json")
    assert note.key == "report_note_old_format" and "responses" in note.detail
    assert any(s.path.name == note.path.name for s in loaded.submissions)


def test_the_sample_folder_lists_its_broken_foreign_and_edited_files():
    loaded = load_folder(SAMPLE)
    assert {(p.path.name, p.key) for p in loaded.skipped} == {
        ("02-toragalyk-broken.json", "report_skip_broken"),
        ("package.json", "report_skip_foreign"),
        ("02-toragalyk-edited.json", "report_skip_tampered"),
    }
    assert [p.path.name for p in loaded.superseded] == ["02-toragalyk-s1-earlier.json"]


def test_a_missing_folder_is_reported_as_missing_not_as_an_error(tmp_path):
    loaded = load_folder(tmp_path / "nowhere")
    html = r.source(loaded, "kk", "nowhere")
    assert not loaded.found and "nowhere папкасы табылмады" in html


def test_an_empty_folder_says_so_clearly(tmp_path):
    html = r.source(load_folder(tmp_path), "en", "results")
    assert "There are no results files in results" in html


def _whole_report(lang="kk"):
    loaded = load_folder(SAMPLE)
    return r.page(loaded, build(loaded), lang, lambda stem: f"../{stem}.ipynb")


def test_a_hostile_name_and_typed_answer_are_escaped_everywhere_in_the_report():
    html = _whole_report()
    assert "<img src=x" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#x27;Сочи&#x27;)&lt;/script&gt;" in html


def test_every_section_of_the_notebook_escapes_student_text():
    loaded = load_folder(SAMPLE)
    tables = build(loaded)
    parts = [
        items_table(tables.items, "ru", str),
        wrong_table(tables.wrong, tables.items, "ru", str),
        r.people(tables, "ru", str),
        r.problems(loaded, tables, "ru"),
    ]
    assert all("<img" not in p and "<script" not in p for p in parts)
    assert HOSTILE_NAME not in "".join(parts) and HOSTILE_ANSWER not in "".join(parts)


def test_the_report_speaks_the_language_it_is_asked_for():
    assert "The most chosen wrong answers" in _whole_report("en")
    assert "Самые частые неверные ответы" in _whole_report("ru")


def test_a_formula_cell_is_quoted_and_a_plain_one_is_left_alone():
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("Айгерім") == "Айгерім"


def test_a_formula_typed_as_a_name_or_an_answer_stays_text_in_every_csv(tmp_path):
    formula = '=HYPERLINK("http://x","y")'
    answers = {"02-chair-period": ["b"], "02-handover-city": ["+" + formula, "@SUM(1)"]}
    folder = _write(tmp_path / "f", {"=SUM(1,2).json": submission(L02, formula, answers)})
    loaded = load_folder(folder)
    assert len(loaded.submissions) == 1
    export(loaded, build(loaded), "kk", tmp_path / "out")
    cells = [
        value
        for path in (tmp_path / "out").glob("*.csv")
        for row in csv.reader(path.open(encoding="utf-8-sig"))
        for value in row
    ]
    assert "'" + formula in cells and f"«+{formula}»" in cells, cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells


def test_a_file_that_breaks_the_reader_unexpectedly_is_listed_logged_and_skipped(
    known_class, monkeypatch, caplog
):
    from tmdkit.report import load

    real = load.parse

    def parse(path, raw):
        if path.name == "a.json":
            raise RuntimeError("a case no rule foresaw")
        return real(path, raw)

    monkeypatch.setattr(load, "parse", parse)
    loaded = load_folder(known_class)
    assert [(p.path.name, p.key, p.detail) for p in loaded.skipped] == [
        ("a.json", "report_skip_broken", "RuntimeError")
    ]
    assert loaded.submissions and "a.json" in caplog.text


def test_export_writes_one_bom_csv_per_table_and_a_printable_page(tmp_path):
    loaded = load_folder(SAMPLE)
    written = export(loaded, build(loaded), "kk", tmp_path / "out")
    names = {p.name for p in written}
    assert {"glance.csv", "items.csv", "wrong-answers.csv", "students.csv", "report.html"} <= names
    raw = (tmp_path / "out" / "students.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader((tmp_path / "out" / "students.csv").open(encoding="utf-8-sig")))
    assert rows[0][0] == "Аты-жөні" and any(row[0] == HOSTILE_NAME for row in rows)


def test_the_command_line_writes_only_into_one_new_folder_inside_the_folder_it_is_given(
    tmp_path, capsys
):
    out = tmp_path / "teacher-chose-this"
    assert main([str(SAMPLE), "--out", str(out), "--lang", "en"]) == 0
    (run,) = out.iterdir()
    assert str(run) in capsys.readouterr().out
    assert (run / "report.html").is_file()
    assert {p.parent for p in out.rglob("*") if p != run} == {run}


def test_a_second_report_never_overwrites_the_first(tmp_path):
    out = tmp_path / "reports"
    assert main([str(SAMPLE), "--out", str(out)]) == 0
    (first,) = out.iterdir()
    (first / "students.csv").write_text("the teacher's notes", "utf-8")
    assert main([str(SAMPLE), "--out", str(out)]) == 0
    assert len(list(out.iterdir())) == 2
    assert (first / "students.csv").read_text("utf-8") == "the teacher's notes"


@pytest.mark.parametrize("where", [".", "reports", "reports/today"])
def test_the_command_line_refuses_an_output_folder_inside_the_results_folder(
    tmp_path, capsys, where
):
    results = tmp_path / "results"
    shutil.copytree(SAMPLE, results)
    before = sorted(p.relative_to(results) for p in results.rglob("*"))
    assert main([str(results), "--out", str(results / where), "--lang", "ru"]) == 1
    assert "Отчёт нельзя записывать внутрь папки результатов" in capsys.readouterr().err
    assert sorted(p.relative_to(results) for p in results.rglob("*")) == before


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_command_line_speaks_the_report_language(tmp_path, capsys, lang):
    assert main([str(SAMPLE), "--out", str(tmp_path / "out"), "--lang", lang]) == 0
    said = capsys.readouterr().out
    loaded = load_folder(SAMPLE)
    counts = {"files": loaded.files, "counted": len(loaded.submissions)}
    counts |= {"skipped": len(loaded.skipped), "superseded": len(loaded.superseded)}
    assert t("report_cli_counted", lang, **counts) in said
    (run,) = (tmp_path / "out").iterdir()
    n = len(list(run.iterdir()))
    assert t("report_out_written", lang, path=run.resolve(), n=n) in said
    assert main([str(tmp_path / "nowhere"), "--lang", lang]) == 1
    assert t("report_cli_no_folder", lang, path=tmp_path / "nowhere") in capsys.readouterr().err


def test_essay_checks_count_the_key_points_missed_and_the_errors_repeated():
    tables = build(load_folder(SAMPLE))
    errors = {row.id: (row.hits, row.of) for row in tables.essay if row.kind == "error"}
    assert errors == {"chair-2008": (4, 4), "eurasec-members-now": (2, 4)}
    points = [row for row in tables.essay if row.kind == "point"]
    assert points[0].hits <= points[-1].hits  # the most missed point comes first


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_generated_report_notebook_presets_its_language_and_keeps_the_calls(lang):
    kk = json.loads((ROOT / "lessons" / "teacher" / "class-report.ipynb").read_text("utf-8"))
    other = json.loads(
        (ROOT / "lessons" / "teacher" / lang / "class-report.ipynb").read_text("utf-8")
    )
    code = [
        ("".join(a["source"]), "".join(b["source"]))
        for a, b in zip(kk["cells"], other["cells"], strict=True)
        if a["cell_type"] == "code"
    ]
    assert (
        f'ClassReport(lang="{lang}")' in code[0][1] and 'sys.path.insert(0, "../..")' in code[0][1]
    )
    assert all(a == b for a, b in code[1:])


def test_the_report_notebook_shows_the_sample_class_marked_as_such_when_results_are_empty(
    tmp_path, monkeypatch
):
    from tmdkit.report import notebook

    monkeypatch.setenv("TMD_RESULTS_DIR", str(tmp_path / "results"))
    report = notebook.ClassReport(lang="en")
    assert report.sample_of is not None and report.loaded.folder == SAMPLE
    assert "There are no results files in" in report.source().data
    assert "Sample data" in report.items().data


def test_a_folder_the_teacher_names_is_never_replaced_by_the_sample(tmp_path):
    from tmdkit.report.notebook import ClassReport

    report = ClassReport(tmp_path, lang="kk")
    assert report.sample_of is None and report.tables.items == ()
    assert "нәтиже файлдары жоқ" in report.source().data


def _report_keys():
    source = "".join(p.read_text("utf-8") for p in (ROOT / "lessons/tmdkit/report").glob("*.py"))
    found = set(re.findall(r"\"(report_[a-z_]+)\"", source))
    statuses = {f"report_status_{s}" for s in ("wrong", "partial", "revealed", "unanswered")}
    return sorted(found | statuses | {f"report_col_{k}" for k in ("file", "reason", "detail")})


@pytest.mark.parametrize("key", _report_keys())
def test_every_string_the_report_uses_is_in_ui_yaml(key):
    from tmdkit._i18n import strings

    assert key in strings()


def test_a_repeated_essay_error_shows_its_correction_and_the_lesson_to_revisit(monkeypatch):
    from tmdkit.report import essay_html

    entries = dict(essay_html.essay_entries())
    entries["chair-2008"] = {
        "id": "chair-2008",
        "label": {"kk": "2008 <төраға>", "ru": "2008", "en": "Chair in 2008"},
        "correction": {"kk": "2006–2007", "ru": "2006–2007", "en": "May 2006 to October 2007"},
        "lesson": L02,
    }
    monkeypatch.setattr(essay_html, "essay_entries", lambda: entries)
    html = essay_html.essay(build(load_folder(SAMPLE)), "en", lambda stem: f"../{stem}.ipynb")
    row = html.split('data-essay="chair-2008"')[1].split("</tr>")[0]
    assert "Chair in 2008" in row and "May 2006 to October 2007" in row
    assert f'href="../{L02}.ipynb"' in row and "4 / 4" in row


def test_bidi_overrides_and_zero_width_marks_in_names_and_answers_never_reach_the_report(
    tmp_path,
):
    answers = {"02-handover-city": ["\u202eМәскеу", "Мә\u200bскеу"]}
    folder = _write(tmp_path / "f", {"a.json": submission(L02, "\u202eАйгерім\u200b", answers)})
    loaded = load_folder(folder)
    written = export(loaded, build(loaded), "kk", tmp_path / "out")
    shown = "".join(p.read_text("utf-8-sig") for p in written)
    assert "Айгерім" in shown and "Мәскеу" in shown
    assert "\u202e" not in shown and "\u200b" not in shown


def test_an_answer_seen_in_teacher_mode_counts_as_revealed_in_the_item_table(tmp_path):
    seen = submission(L02, "Оқушы Бір", {"02-chair-period": ["a"]})
    seen["answers"][0]["revealed"] = True  # what the lesson writes after teacher mode was on
    folder = _write(tmp_path / "f", {"a.json": seen})
    row = next(r for r in build(load_folder(folder)).items if r.item == "02-chair-period")
    assert (row.right, row.revealed) == (1, 1)


def test_the_command_line_says_so_when_the_output_folder_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("the teacher's own file", "utf-8")
    assert main([str(SAMPLE), "--out", str(tmp_path / "out"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "The report could not be written into" in err and str(tmp_path / "out") in err
    assert (tmp_path / "out").read_text("utf-8") == "the teacher's own file"


def test_the_command_line_names_a_results_path_that_is_a_file_not_a_folder(tmp_path, capsys):
    (tmp_path / "one.json").write_text("{}", "utf-8")
    assert main([str(tmp_path / "one.json"), "--out", str(tmp_path / "out"), "--lang", "en"]) == 1
    assert "This is a file, not a folder" in capsys.readouterr().err


def test_the_notebook_export_into_a_path_that_is_a_file_says_so_in_the_reports_language(tmp_path):
    from tmdkit.report.notebook import ClassReport

    (tmp_path / "out").write_text("x", "utf-8")
    shown = ClassReport(SAMPLE, lang="ru").export(tmp_path / "out").data
    assert "Отчёт не удалось записать в папку" in shown and 'role="alert"' in shown
    assert (tmp_path / "out").read_text("utf-8") == "x"


def test_two_notebook_exports_never_overwrite_each_other(tmp_path):
    from tmdkit.report.notebook import ClassReport

    report, out = ClassReport(SAMPLE, lang="kk"), tmp_path / "reports"
    report.export(out)
    (first,) = out.iterdir()
    (first / "students.csv").write_text("the teacher's notes", "utf-8")
    report.export(out)
    second = next(p for p in out.iterdir() if p != first)
    assert (first / "students.csv").read_text("utf-8") == "the teacher's notes"
    assert (second / "report.html").is_file() and len(list(out.iterdir())) == 2


@pytest.mark.parametrize("where", [".", "reports", "reports/today"])
def test_a_notebook_export_into_the_results_folder_is_refused_with_a_clear_message(tmp_path, where):
    from tmdkit.report.notebook import ClassReport

    results = tmp_path / "results"
    shutil.copytree(SAMPLE, results)
    before = sorted(p.relative_to(results) for p in results.rglob("*"))
    shown = ClassReport(results, lang="ru").export(results / where).data
    assert "Отчёт нельзя записывать внутрь папки результатов" in shown and 'role="alert"' in shown
    assert str(results) in shown
    assert sorted(p.relative_to(results) for p in results.rglob("*")) == before


def test_a_notebook_export_is_refused_inside_the_sample_folder_it_shows(tmp_path, monkeypatch):
    from tmdkit.report.notebook import ClassReport

    monkeypatch.setenv("TMD_RESULTS_DIR", str(tmp_path / "empty"))
    report = ClassReport(lang="en")
    assert report.loaded.folder == SAMPLE
    assert "cannot go inside the results folder" in report.export(SAMPLE / "out").data
    assert not (SAMPLE / "out").exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_notebooks_export_message_names_the_new_folder_in_the_reports_language(tmp_path, lang):
    from tmdkit import _content as content
    from tmdkit.report.notebook import ClassReport

    shown = ClassReport(SAMPLE, lang=lang).export(tmp_path / "reports").data
    (run,) = (tmp_path / "reports").iterdir()
    n = len(list(run.iterdir()))
    said = t("report_out_written", lang, path=content.shown_path(run), n=n)
    assert esc(said) in shown
    assert run.name in shown and run.parent == tmp_path / "reports"
