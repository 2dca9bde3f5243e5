import base64
import errno
import json
import re
import shutil
import tempfile
import warnings
from html import unescape

import ipywidgets as w
import pytest
import yaml
from conftest import DATA, ROOT
from tmdkit import _figpanel, _lesson, _results_panel
from tmdkit._errorbox import BrokenLesson
from tmdkit._lesson import Lesson, start
from tmdkit._save import SaveError

STEM = "02-toragalyk"


def live_widgets() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return len(w.Widget.widgets)


@pytest.fixture
def lesson(tmp_path):
    made = Lesson(STEM, lang="kk", teacher=False, seed="test", results=tmp_path / "results")
    yield made
    made.close()


@pytest.fixture
def full_copy(tmp_path):
    """A scratch copy of the whole data/ folder, to break or replace one file in."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def answer(lesson, item_id, score=1.0, section="cis"):
    """Record an answer the way an item view does (the Scoreboard API), then tell the lesson."""
    lesson.state.board.register(item_id, section, "single")
    lesson.state.board.record(item_id, "right" if score == 1 else "wrong", score, response="a")
    lesson.changed()


def link(panel_html):
    match = re.search(r'<a class="tmd-download" download="([^"]*)" href="([^"]*)"', panel_html)
    assert match, panel_html
    body = base64.b64decode(match.group(2).split(",", 1)[1])
    return unescape(match.group(1)), json.loads(body)


def results_parts(lesson):
    box = lesson.results()
    summary, name, button, actions = box.children
    return summary, name, button, actions


# -- toolbar --------------------------------------------------------------------------------------
def test_the_toolbar_language_switch_sets_the_lesson_language_and_redraws_the_title(lesson):
    bar = lesson.toolbar
    bar.lang.value = "ru"
    assert lesson.state.lang == "ru"
    assert "Председательство" in bar.head.value or "председатель" in bar.head.value.lower()
    assert bar.teacher.description == "Режим учителя"


def test_the_toolbar_teacher_toggle_shows_and_hides_the_teacher_notes(lesson):
    notes = lesson.teacher_notes()
    assert notes.value == ""
    lesson.toolbar.teacher.value = True
    assert "tmd-teacher-notes" in notes.value
    lesson.toolbar.teacher.value = False
    assert notes.value == ""


def test_the_progress_line_counts_an_answered_item(lesson):
    answer(lesson, "02-x")
    assert "1/1" in lesson.toolbar.head.value


def test_start_shows_the_toolbar_first_then_the_styles(monkeypatch):
    shown = []
    monkeypatch.setattr(_lesson, "display", shown.append)
    made = start(STEM, seed="test")
    try:
        assert shown[0] is made.toolbar.widget and "<style>" in shown[1].data
        assert (
            "tmd-toolbar" in shown[0]._dom_classes and "tmd-lang" in made.toolbar.lang._dom_classes
        )
    finally:
        _lesson._STARTED.pop(STEM).close()


# -- widget models --------------------------------------------------------------------------------
def test_showing_a_block_again_reuses_its_widgets(lesson):
    blocks = [
        lesson.objectives,
        lesson.essay,
        lesson.facts,
        lesson.key_points,
        lesson.teacher_notes,
        lesson.timeline,
        lesson.map,
        lesson.quiz,
        lesson.results,
        lesson.coverage,
    ]
    for block in blocks:
        block()
    before = live_widgets()
    for _ in range(20):
        for block in blocks:
            block()
    assert live_widgets() == before


def test_the_panels_of_a_lesson_other_than_its_items_create_at_most_thirty_widget_models(tmp_path):
    before = live_widgets()
    made = Lesson(STEM, lang="kk", seed="test", results=tmp_path)
    for block in (made.objectives, made.essay, made.facts, made.timeline, made.results):
        block()
    made.key_points(), made.teacher_notes()
    try:
        assert live_widgets() - before <= 30  # 73 before the panels shared their models
    finally:
        made.close()


def test_starting_a_lesson_again_closes_the_widgets_of_the_first_start(monkeypatch):
    monkeypatch.setattr(_lesson, "display", lambda *_a, **_k: None)
    before = live_widgets()
    for _ in range(5):
        start(STEM, seed="test").objectives()
    assert live_widgets() - before < 20
    _lesson._STARTED.pop(STEM).close()


def test_re_running_every_cell_of_a_lesson_keeps_the_widgets_and_observers_of_one_run(
    monkeypatch,
):
    monkeypatch.setattr(_lesson, "display", lambda *_a, **_k: None)
    stem = "07-kaitalau"  # the lesson with the most blocks: essay checker and exam block too

    def run_every_cell(turn):
        made = start(stem, seed="test")
        for block in ("objectives", "essay", "facts", "key_points", "teacher_notes", "timeline",
                      "map", "quiz", "ubt", "results", "coverage"):  # fmt: skip
            getattr(made, block)()
        made.toolbar.lang.value = ("ru", "en", "kk")[turn % 3]  # switched mid-lesson
        made.toolbar.teacher.value = turn % 2 == 1
        notifiers = made.state._trait_notifiers.values()
        return live_widgets(), sum(len(n.get("change", [])) for n in notifiers)

    first = run_every_cell(0)
    # A leak grows with every run: six runs show it as surely as twenty, in a third of the time.
    assert [run_every_cell(turn) for turn in range(1, 7)] == [first] * 6
    _lesson._STARTED.pop(stem).close()


# -- results --------------------------------------------------------------------------------------
def test_the_summary_follows_the_score_without_a_refresh_button(lesson):
    summary, *_ = results_parts(lesson)
    answer(lesson, "02-a")
    assert "1/1" in summary.value


def test_the_download_link_appears_with_a_name_and_carries_the_current_results(lesson):
    _, name, _, actions = results_parts(lesson)
    assert "tmd-download-off" in actions.value and "<a " not in actions.value
    name.value = "Әлия"
    answer(lesson, "02-a", 1.0)
    file, data = link(actions.value)
    assert re.fullmatch(r"02-toragalyk-Әлия-\d{8}T\d{6}\.json", file)
    assert (data["name"], data["points"], data["lesson"], data["format"]) == ("Әлия", 1.0, STEM, 2)


def test_the_download_link_is_redrawn_when_the_name_changes(lesson):
    _, name, _, actions = results_parts(lesson)
    name.value = "Асан"
    name.value = "Болат"
    assert link(actions.value)[1]["name"] == "Болат"


def test_save_writes_the_file_into_the_lessons_results_folder(lesson, tmp_path):
    _, name, button, actions = results_parts(lesson)
    name.value = "Асан"
    button.click()
    saved = list((tmp_path / "results").iterdir())
    assert len(saved) == 1 and "tmd-verdict-right" in actions.value
    assert json.loads(saved[0].read_text("utf-8"))["name"] == "Асан"


def test_save_without_a_name_asks_for_one(lesson):
    _, _, button, actions = results_parts(lesson)
    button.click()
    assert "Алдымен атыңызды жазыңыз" in actions.value


def test_a_read_only_results_folder_is_told_in_the_lessons_language(lesson, monkeypatch):
    monkeypatch.setattr(
        tempfile,
        "mkstemp",
        lambda **_k: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")),
    )
    summary, name, button, actions = results_parts(lesson)
    lesson.state.lang = "ru"
    name.value = "Асан"
    button.click()
    assert "только для чтения" in actions.value and "скопируйте текст выше" in actions.value
    assert "tmd-summary" in summary.value and '<a class="tmd-download"' in actions.value


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("save_disk_full", "Дискіде орын жоқ"),
        ("save_clash", "тым көп файл"),
        ("save_failed", "сақтау мүмкін болмады"),
    ],
)
def test_each_save_failure_shows_its_own_message_and_keeps_the_summary(
    lesson, monkeypatch, key, shown
):
    def fail(*_a, **_k):
        raise SaveError(key, "detail")

    monkeypatch.setattr(_results_panel, "save", fail)
    summary, name, button, actions = results_parts(lesson)
    name.value = "Асан"
    button.click()
    assert shown in actions.value and "көшіріп алыңыз" in actions.value
    assert "tmd-summary" in summary.value


def test_an_unexpected_exception_while_saving_is_shown_not_swallowed(lesson, monkeypatch):
    def fail(*_a, **_k):
        raise RuntimeError("<b>boom</b>")

    monkeypatch.setattr(_results_panel, "save", fail)
    _, name, button, actions = results_parts(lesson)
    name.value = "Асан"
    button.click()
    assert "сақтау мүмкін болмады" in actions.value and "RuntimeError" in actions.value
    assert "<b>boom</b>" not in actions.value and "&lt;b&gt;boom" in actions.value


def test_a_results_folder_that_is_a_file_is_told_with_its_path(tmp_path):
    (tmp_path / "results").write_text("x", "utf-8")
    made = Lesson(STEM, lang="en", seed="test", results=tmp_path / "results")
    _, name, button, actions = results_parts(made)
    name.value = "Асан"
    button.click()
    assert "A file stands where the results folder should be" in actions.value
    assert str(tmp_path / "results") in actions.value and "copy the text above" in actions.value
    made.close()


def test_a_save_message_is_redrawn_in_the_new_language(lesson):
    _, _, button, actions = results_parts(lesson)
    button.click()
    lesson.state.lang = "en"
    assert "Please enter your name first." in actions.value


def test_the_results_folder_is_read_when_the_lesson_is_made(tmp_path, monkeypatch):
    monkeypatch.setenv("TMD_RESULTS_DIR", str(tmp_path / "late"))
    made = Lesson(STEM, seed="test")
    try:
        assert made.results_dir == tmp_path / "late"
    finally:
        made.close()


# -- essay checker -----------------------------------------------------------------------------
def coverage_parts(lesson):
    box = lesson.coverage()
    return box.children


def test_the_unchanged_model_essay_is_called_out_as_having_errors(tmp_path):
    made = Lesson("07-kaitalau", lang="kk", seed="test", results=tmp_path)
    answer_box, button, report = coverage_parts(made)
    answer_box.value = (ROOT / "data/essay/essay-68.kk.txt").read_text("utf-8")
    button.click()
    head = report.value.split("</div>")[0]
    assert "tmd-verdict-wrong" in head and "қате бар (5)" in head
    for fragment in ("2006 жылғы мамырдан 2007 жылғы қазанға дейін", "2015 жылғы 1 қаңтарда"):
        assert fragment in report.value
    assert "Қазақстанның ТМД-ға төрағалығы" in report.value  # the lesson to revisit, by title
    assert made.state.board.coverage["errors"] == [
        "chair-2008",
        "eurasec-members-now",
        "eurasec-exists",
        "georgia-only",
        "unnamed-agreement",
    ]
    made.close()


def test_the_checker_result_goes_into_the_results_file(tmp_path):
    made = Lesson("07-kaitalau", lang="en", seed="test", results=tmp_path)
    answer_box, button, _ = coverage_parts(made)
    _, name, _, actions = made.results().children
    name.value = "Асан"
    answer_box.value = "The CIS was founded on 21 December 1991 in Almaty."
    button.click()
    coverage = link(actions.value)[1]["coverage"]
    assert coverage["errors"] == [] and "founding-almaty-1991" in coverage["found"]
    assert coverage["chars"] == len(answer_box.value)
    made.close()


def test_an_empty_answer_asks_for_text_first(tmp_path):
    made = Lesson("07-kaitalau", lang="ru", seed="test", results=tmp_path)
    _, button, report = coverage_parts(made)
    button.click()
    assert "Сначала напишите текст." in report.value
    made.close()


def test_a_failing_essay_checker_shows_a_message_in_the_lessons_language_and_is_logged(
    tmp_path, monkeypatch, caplog
):
    import logging

    from tmdkit import _coverage_panel

    def broken(*_args):
        raise RuntimeError("checker bug")

    monkeypatch.setattr(_coverage_panel, "check_answer", broken)
    made = Lesson("07-kaitalau", lang="ru", seed="test", results=tmp_path)
    answer_box, button, report = coverage_parts(made)
    answer_box.value = "ТМД 1991 жылы құрылды."
    with caplog.at_level(logging.ERROR, logger="tmdkit"):
        button.click()
    assert "Не удалось проверить этот ответ" in report.value
    assert any(r.exc_info and r.exc_info[0] is RuntimeError for r in caplog.records)
    made.state.lang = "en"
    assert "This answer could not be checked" in report.value
    made.close()


def test_the_ask_to_write_first_is_redrawn_in_the_new_language(tmp_path):
    made = Lesson("07-kaitalau", lang="ru", seed="test", results=tmp_path)
    _, button, report = coverage_parts(made)
    button.click()
    made.state.lang = "en"
    from tmdkit._i18n import t

    assert t("coverage_empty", "en") in report.value and "Сначала" not in report.value
    made.close()


def test_an_answer_of_only_invisible_characters_asks_for_text_first(tmp_path):
    made = Lesson("07-kaitalau", lang="ru", seed="test", results=tmp_path)
    answer_box, button, report = coverage_parts(made)
    answer_box.value = "\u200b\u200d\u202e\ufeff \n"
    button.click()
    assert "Сначала напишите текст." in report.value
    assert made.state.board.coverage is None
    made.close()


# -- broken data inside a running lesson --------------------------------------------------------
def test_a_broken_lessons_file_shows_make_checks_message_in_a_box_and_later_calls_do_not_raise(
    full_copy, monkeypatch
):
    shown = []
    monkeypatch.setattr(_lesson, "display", shown.append)
    path = full_copy / "lessons.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    del doc["lessons"][2]["objectives"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    got = start(STEM, root=full_copy, lang="en")
    assert isinstance(got, BrokenLesson)
    box = shown[0].data
    assert "tmd-data-error" in box and "data/lessons.yaml" in box and "objectives" in box
    assert "Tell your teacher" in box and "Traceback" not in box
    assert got.quiz().data == box and got.results().data == box and got.map("cis").data == box


def test_a_broken_file_met_by_one_block_shows_the_box_in_that_cell_only(full_copy, tmp_path):
    (full_copy / "factchecks.yaml").write_text("checks: [\n", "utf-8")
    made = Lesson(STEM, lang="kk", seed="test", root=full_copy, results=tmp_path)
    box = made.facts()
    assert "tmd-data-error" in box.data and "data/factchecks.yaml" in box.data
    assert "line" in box.data and "деректер файлында қате бар" in box.data
    assert isinstance(made.objectives(), w.HTML)
    made.close()


def test_an_unknown_lesson_names_the_file_and_the_stem(monkeypatch):
    shown = []
    monkeypatch.setattr(_lesson, "display", shown.append)
    got = start("99-no-such-lesson")
    assert isinstance(got, BrokenLesson)
    assert "data/lessons.yaml" in shown[0].data and "99-no-such-lesson" in shown[0].data


# -- the ҰБТ mock block -----------------------------------------------------------------------------
def _single(item_id, block=None):
    item = {
        "id": item_id,
        "type": "single",
        "prompt": {"kk": "Сұрақ", "ru": "Вопрос", "en": "Question"},
        "essay": [4],
        "events": [],
        "explain": {"kk": "Т", "ru": "О", "en": "E"},
        "options": [{"id": x, "text": {"kk": x, "ru": x, "en": x}} for x in ("a", "b", "c", "d")],
        "answer": "b",
    }
    if block:
        item["block"] = block
    return item


@pytest.fixture
def ubt_lesson(full_copy, tmp_path):
    quiz = {
        "lesson": "07-kaitalau",
        "items": [
            _single("07-practice"),
            _single("07-ubt-one", "ubt"),
            _single("07-ubt-two", "ubt"),
            {
                "id": "07-ubt-passage",
                "type": "context",
                "block": "ubt",
                "prompt": {"kk": "Оқыңыз", "ru": "Прочитайте", "en": "Read"},
                "passage": [4],
                "essay": [4],
                "events": [],
                "explain": {"kk": "Т", "ru": "О", "en": "E"},
                "items": [_single("07-ubt-sub-1"), _single("07-ubt-sub-2")],
            },
        ],
    }
    (full_copy / "quizzes" / "07-kaitalau.yaml").write_text(
        yaml.safe_dump(quiz, allow_unicode=True), "utf-8"
    )
    made = Lesson("07-kaitalau", lang="kk", seed="test", root=full_copy, results=tmp_path)
    yield made
    made.close()


def test_the_practice_quiz_leaves_out_the_exam_block(ubt_lesson):
    box = ubt_lesson.quiz()
    assert [c for c in box.children if "tmd-item--07-practice" in c._dom_classes]
    assert len(box.children) == 1


def test_the_exam_block_shows_its_items_and_a_score_out_of_its_tasks(ubt_lesson):
    box = ubt_lesson.ubt()
    *items, score = box.children
    assert len(items) == 3 and "0 / 4 балл" in score.value
    for item_id in ("07-ubt-one", "07-ubt-sub-2"):
        answer(ubt_lesson, item_id)
    assert "2 / 4 балл" in score.value
    ubt_lesson.state.lang = "ru"
    assert "2 / 4 балла" in score.value


# -- hostile input is shown escaped ---------------------------------------------------------------
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "x" * 10_000,
    "А\u200bс\u200bан",
    "\u202eнасА\u202c",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "onerror", "10k", "zero-width", "rtl"])
def test_a_hostile_name_is_shown_escaped_in_the_summary_and_the_download_link(lesson, typed):
    summary, name, button, actions = results_parts(lesson)
    name.value = typed
    button.click()
    for html in (summary.value, actions.value):
        assert "<script" not in html and "<img" not in html
        assert "\u202e" not in html and "\u200b" not in html
    assert len(summary.value) < 2_000
    if "<a " in actions.value:
        file, data = link(actions.value)
        assert "/" not in file and "<" not in file and data["name"] == typed.strip()[:200]


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "onerror", "10k", "zero-width", "rtl"])
def test_a_hostile_sentence_echoed_by_the_essay_checker_is_escaped(tmp_path, typed):
    made = Lesson("07-kaitalau", lang="kk", seed="test", results=tmp_path)
    answer_box, button, report = coverage_parts(made)
    answer_box.value = f"Ал 2008 жылы ТМД төрағасы Қазақстан болды {typed}."
    button.click()
    assert "tmd-quote" in report.value
    assert "<script" not in report.value and "<img" not in report.value
    assert "\u202e" not in report.value and "\u200b" not in report.value
    assert len(report.value) < 12_000
    made.close()


def test_a_quiz_item_or_map_the_notebook_names_but_the_data_lacks_shows_a_box_naming_it(lesson):
    from IPython.display import HTML

    missing_item, missing_org = lesson.quiz("02-no-such-item"), lesson.map("nato")
    assert isinstance(missing_item, HTML) and isinstance(missing_org, HTML)
    assert "data/quizzes/02-toragalyk.yaml: 02-no-such-item: field &quot;id&quot;" in (
        missing_item.data
    )
    assert "data/members.yaml: nato: field &quot;orgs&quot;" in missing_org.data


PLOTLY = "application/vnd.plotly.v1+json"


def _show(panel):
    """Show panel as a notebook cell's last line does (IPython calls _ipython_display_)."""
    panel._ipython_display_()
    return panel


def _shown_figure(panel):
    """Return the plotly figure the panel's Output shows now."""
    out = next(c for c in panel.children if isinstance(c, w.Output))
    return next(o["data"][PLOTLY] for o in out.outputs if PLOTLY in o["data"])


def test_a_figure_is_sent_just_after_its_panel_is_shown_and_not_again_when_shown_again(
    lesson, monkeypatch, capsys
):
    sent = []
    out = lesson.timeline()
    monkeypatch.setattr(w.Widget, "send_state", lambda self, key=None: sent.append((self, key)))
    assert out.outputs == ()
    _show(out)
    assert PLOTLY in out.outputs[0]["data"] and sent == [(out, "outputs")]
    _show(out)  # a re-run cell shows the same panel again
    assert sent == [(out, "outputs")]


def test_a_figure_panel_is_displayed_before_its_figure_is_sent(lesson, monkeypatch):
    order = []
    monkeypatch.setattr(_figpanel, "display", lambda *a, **k: order.append("shown"))
    out = lesson.map("cis")
    out.observe(lambda _change: order.append("figure sent"), names=["outputs"])
    _show(out)
    assert order == ["shown", "figure sent"]


def test_a_language_change_before_the_panel_is_shown_sends_the_figure_in_the_new_language(
    lesson, capsys
):
    out = lesson.map("eurasec")
    lesson.state.lang = "en"
    _show(out)
    assert "Membership suspended" in out.outputs[0]["data"]["text/html"]


def test_a_map_of_two_organisations_draws_one_figure_and_the_buttons_choose_which(lesson, capsys):
    panel = _show(lesson.map("cis", "eaeu"))
    buttons = next(c for c in panel.children if isinstance(c, w.ToggleButtons))
    assert [label for label, _ in buttons.options] == ["ТМД", "ЕАЭО"]
    assert _shown_figure(panel)["layout"]["title"]["text"] == "<b>ТМД-ға мүшелік</b>"
    buttons.value = "eaeu"
    assert "ЕАЭО" in _shown_figure(panel)["layout"]["title"]["text"]


def test_switching_the_language_relabels_the_map_buttons_and_keeps_the_organisation_chosen(
    lesson, capsys
):
    panel = _show(lesson.map("cis", "eaeu"))
    buttons = next(c for c in panel.children if isinstance(c, w.ToggleButtons))
    buttons.value = "eaeu"
    lesson.state.lang = "en"
    assert [label for label, _ in buttons.options] == ["CIS", "EAEU"]
    assert buttons.value == "eaeu" and buttons.description == "Organisation"
    assert _shown_figure(panel)["layout"]["title"]["text"] == "<b>EAEU membership</b>"


def test_the_map_shows_its_legend_as_text_above_the_figure_in_the_lessons_language(lesson, capsys):
    out = _show(lesson.map("eurasec"))
    kinds = [next(iter(o["data"])) for o in out.outputs]
    assert kinds == ["text/html", PLOTLY, "text/html"]
    assert "tmd-map-legend" in out.outputs[0]["data"]["text/html"]
    lesson.state.lang = "en"
    assert "Membership suspended" in out.outputs[0]["data"]["text/html"]
