import ast
import logging

import ipywidgets.widgets.widget as widget_registry
import nbformat
import pytest
import yaml
from conftest import ROOT
from ipywidgets import Widget
from tmdkit import _content as content
from tmdkit._i18n import t
from tmdkit._lesson import Lesson
from tmdkit._state import State
from tmdkit._views import ContextView, ItemView, item_view
from tmdkit.items import single

ITEMS = {
    i["id"]: i
    for i in yaml.safe_load((ROOT / "tests/fixtures/quizzes/90-valid.yaml").read_text("utf-8"))[
        "items"
    ]
}


def view(item_id, *, lang="kk", teacher=False, state=None, item=None):
    state = state or State(lang, teacher, seed="test")
    return ItemView(item or ITEMS[item_id], state, "cis"), state


def verdict_class(v):
    return next(
        c for c in ("right", "wrong", "partial", "invalid") if f"tmd-verdict-{c}" in v.out.value
    )


def test_a_right_single_choice_shows_right_feedback_and_the_explanation():
    v, state = view("90-single")
    v.input.radio.value = "b"
    v.check_button.click()
    assert verdict_class(v) == "right" and "Түсіндірме" in v.out.value
    assert state.board.attempts["90-single"].done


def test_a_right_answer_names_its_verdict_once():
    v, _ = view("90-single")
    v.input.radio.value = "b"
    v.check_button.click()
    assert v.out.value.count(t("right", "kk")) == 1


def test_a_wrong_single_choice_shows_the_chosen_options_own_explanation():
    v, _ = view("90-single")
    v.input.radio.value = "a"
    v.check_button.click()
    assert verdict_class(v) == "wrong" and "<i>А</i>: Жоқ" in v.out.value


def test_checking_without_an_answer_is_not_counted_as_a_try():
    v, state = view("90-single")
    v.check_button.click()
    assert verdict_class(v) == "invalid" and state.board.attempts["90-single"].tries == 0


def test_two_of_three_right_in_a_multiple_choice_gives_partial_credit():
    v, state = view("90-multiple")
    by_id = dict(zip([o["id"] for o in v.input.options], v.input.boxes, strict=True))
    by_id["a"].value = by_id["c"].value = True
    v.check_button.click()
    assert verdict_class(v) == "partial"
    assert 0 < state.board.attempts["90-multiple"].best < 1


def test_a_year_typed_with_the_kazakh_abbreviation_is_right():
    v, _ = view("90-year")
    v.input.box.value = "1991 ж."
    v.check_button.click()
    assert verdict_class(v) == "right"


def test_letters_in_a_year_box_get_a_message_not_a_wrong():
    v, state = view("90-year")
    v.input.box.value = "бір мың"
    v.check_button.click()
    assert verdict_class(v) == "invalid" and state.board.attempts["90-year"].tries == 0


def test_a_city_typed_on_a_russian_keyboard_is_right_with_a_gentle_note():
    item = dict(
        ITEMS["90-text"], answer={"kk": "Өскемен", "ru": "Усть-Каменогорск", "en": "Oskemen"}
    )
    v, _ = view("90-text", item=item)
    v.input.box.value = "Оскемен"  # no Ө on a Russian keyboard
    v.check_button.click()
    assert verdict_class(v) == "right"
    assert t("spelling_note", "kk", answer="Өскемен") in v.out.value


def test_a_city_typed_with_a_case_ending_is_right_with_its_dictionary_form():
    v, _ = view("90-text")
    v.input.box.value = "Алматыда"
    v.check_button.click()
    assert verdict_class(v) == "right"
    assert t("base_form_note", "kk", answer="Алматы") in v.out.value


def test_markup_typed_into_a_text_box_is_shown_escaped():
    v, _ = view("90-text")
    v.input.box.value = "<img src=x onerror=alert(1)>"
    v.check_button.click()
    assert "<img" not in v.out.value and "<img" not in v.prompt.value


def test_a_ten_thousand_character_paste_gets_a_short_message():
    v, _ = view("90-text")
    v.input.box.value = "Алматы " * 1500
    v.check_button.click()
    assert verdict_class(v) == "invalid" and len(v.out.value) < 500


def test_moving_chronology_rows_with_the_arrow_buttons_reaches_the_right_order():
    v, state = view("90-order")
    target = ITEMS["90-order"]["answer"]
    for goal, oid in enumerate(target):  # selection sort with the up button only
        v.input.rows.value = oid
        while v.input.order.index(oid) > goal:
            v.input.up.click()
    v.check_button.click()
    assert v.input.response() == target and verdict_class(v) == "right"
    assert state.board.attempts["90-order"].responses == [target]


def test_the_moved_row_stays_selected_and_the_arrows_stop_at_the_ends():
    v, _ = view("90-order")
    first = v.input.order[0]
    v.input.rows.value = first
    assert v.input.up.disabled and not v.input.down.disabled
    v.input.down.click()
    assert v.input.rows.value == first and v.input.order[1] == first


def test_a_matching_item_with_an_empty_row_asks_to_answer_every_row():
    state = State("kk", False, seed="test")
    ctx = ContextView(ITEMS["90-context"], state, "almaty", lambda lang: "", lambda: None)
    match = ctx.items[0]
    match.input.menus[0].value = ITEMS["90-context"]["items"][0]["answer"]["p"]
    match.check_button.click()
    assert verdict_class(match) == "invalid"
    assert t("answer_every_row", "kk") in match.out.value


def test_switching_the_language_redraws_prompt_options_and_feedback_without_rechecking():
    v, state = view("90-multiple")
    v.input.boxes[0].value = True
    v.check_button.click()
    tries = state.board.attempts["90-multiple"].tries
    state.lang = "ru"
    labels = {b.description for b in v.input.boxes}
    assert "Россия" in labels and "Таджикистан" in labels
    assert ITEMS["90-multiple"]["prompt"]["ru"] in v.prompt.value
    assert v.check_button.description == "Проверить" and "tmd-verdict-" in v.out.value
    assert state.board.attempts["90-multiple"].tries == tries and v.input.boxes[0].value


def test_switching_the_language_keeps_every_kind_of_answer():
    state = State("kk", False, seed="test")
    single_view, _ = view("90-single", state=state)
    order_view, _ = view("90-order", state=state)
    ctx = ContextView(ITEMS["90-context"], state, "almaty", lambda lang: "", lambda: None)
    single_view.input.radio.value = "c"
    order_view.input.rows.value = order_view.input.order[2]
    order_view.input.up.click()
    moved = order_view.input.response()
    ctx.items[0].input.menus[1].value = "b"
    state.lang = "en"
    assert single_view.input.radio.value == "c" and order_view.input.response() == moved
    assert ctx.items[0].input.menus[1].value == "b"


def test_teacher_mode_reveals_the_answer_before_any_try():
    v, state = view("90-single")
    assert "tmd-answer-box" not in v.out.value
    state.teacher = True
    assert "tmd-answer-box" in v.out.value and "Б" in v.out.value


def test_an_answer_seen_in_teacher_mode_is_recorded_as_seen_and_the_item_stays_open():
    v, state = view("90-single")
    state.teacher = True
    state.teacher = False
    v.input.radio.value = "b"
    v.check_button.click()
    attempt = state.board.attempts["90-single"]
    assert (attempt.status, attempt.tries, attempt.revealed) == ("right", 1, True)


def test_an_item_first_shown_in_teacher_mode_is_recorded_as_seen():
    _v, state = view("90-single", teacher=True)
    assert state.board.attempts["90-single"].revealed


def test_an_item_finished_before_teacher_mode_is_not_marked_as_seen():
    v, state = view("90-single")
    v.input.radio.value = "b"
    v.check_button.click()
    state.teacher = True
    assert state.board.attempts["90-single"].revealed is False


def test_the_answer_is_shown_after_the_last_allowed_try():
    v, state = view("90-single")
    for wrong in ("a", "c", "d"):
        v.input.radio.value = wrong
        v.check_button.click()
    assert (
        state.board.attempts["90-single"].status == "revealed" and "tmd-answer-box" in v.out.value
    )


def test_hints_are_shown_one_at_a_time_and_an_item_without_hints_has_no_hint_button():
    v, state = view("90-single")
    assert "tmd-hint-text" not in v.out.value
    v.hint_button.click()
    assert v.out.value.count("tmd-hint-text") == 1 and v.hint_button.disabled
    assert state.board.attempts["90-single"].hints == 1
    assert view("90-year")[0].hint_button is None


def test_a_failing_checker_shows_a_message_in_the_lessons_language_and_is_logged(
    monkeypatch, caplog
):
    def broken(item, response):
        raise RuntimeError("checker bug")

    monkeypatch.setattr(single, "check", broken)
    v, state = view("90-single", lang="ru")
    v.input.radio.value = "b"
    with caplog.at_level(logging.ERROR, logger="tmdkit"):
        v.check_button.click()
    assert t("checker_error", "ru") in v.out.value
    assert state.board.attempts["90-single"].tries == 0
    record = next(r for r in caplog.records if r.name == "tmdkit")
    assert "90-single" in record.getMessage() and record.exc_info[0] is RuntimeError


def test_showing_the_same_item_twice_never_counts_it_twice():
    state = State("kk", False, seed="test")
    first = ItemView(ITEMS["90-single"], state, "cis")
    ItemView(ITEMS["90-single"], state, "cis")
    first.input.radio.value = "b"
    first.check_button.click()
    first.check_button.click()
    assert state.board.progress() == (1, 1) and state.board.score() == (1.0, 1)


def test_options_are_shuffled_per_student_but_stable_for_the_same_seed():
    def order(seed):
        shown = view("90-multiple", state=State("kk", False, seed=seed))[0]
        return tuple(o["id"] for o in shown.input.options)

    orders = {order(s) for s in ("a", "b", "c", "d", "e")}
    again = [order("a") for _ in range(2)]
    assert len(orders) > 1 and again[0] == again[1]


def test_a_context_item_shows_its_passage_and_nested_items():
    state = State("kk", False, seed="test")
    ctx = item_view(ITEMS["90-context"], state, "almaty", lambda item, lang: "ПАССАЖ", lambda: None)
    assert "ПАССАЖ" in ctx.head.value and len(ctx.items) == 2
    assert "tmd-item" in ctx.widget._dom_classes
    assert all("tmd-subitem" in sub.widget._dom_classes for sub in ctx.items)


def test_a_passages_own_teacher_note_shows_escaped_in_teacher_mode_only_in_the_lessons_language():
    note = {"kk": "Ескерту <b>", "ru": "Заметка <b>", "en": "Note <b>"}
    state = State("ru", False, seed="test")
    ctx = ContextView(
        {**ITEMS["90-context"], "teacher_note": note},
        state,
        "almaty",
        lambda lang: "",
        lambda: None,
    )
    assert "Заметка" not in ctx.head.value
    state.teacher = True
    assert "Заметка &lt;b&gt;" in ctx.head.value and t("teacher_note", "ru") in ctx.head.value
    assert "tmd-answer-box" in ctx.head.value
    state.lang = "en"
    assert "Note &lt;b&gt;" in ctx.head.value and "Заметка" not in ctx.head.value
    state.teacher = False
    assert "Note" not in ctx.head.value


def live_widgets():
    return len(widget_registry._instances)  # what len(Widget.widgets) counted, without the warning


def observers(state):
    return sum(
        len(state._trait_notifiers.get(name, {}).get("change", [])) for name in ("lang", "teacher")
    )


def test_running_every_lessons_quiz_cell_twenty_times_leaves_no_widgets_or_observers_behind():
    for stem in content.lessons():
        lesson = Lesson(stem, seed="test")
        lesson.quiz()
        widgets, watching = live_widgets(), observers(lesson.state)
        for _ in range(20):
            lesson.quiz()
        assert (live_widgets(), observers(lesson.state)) == (widgets, watching), stem


def test_moving_a_chronology_row_fifty_times_creates_no_widget():
    v, _ = view("90-order")
    widgets = live_widgets()
    v.input.rows.value = v.input.order[0]
    for move in range(50):
        (v.input.down if move % 6 < 3 else v.input.up).click()
    assert live_widgets() == widgets


def test_closing_an_item_closes_its_widgets_and_stops_it_watching_the_state():
    state = State("kk", False, seed="test")
    ContextView(ITEMS["90-context"], state, "almaty", lambda lang: "", lambda: None).close()
    widgets, watching = live_widgets(), observers(state)  # shared layouts and styles now exist
    ctx = ContextView(ITEMS["90-context"], state, "almaty", lambda lang: "", lambda: None)
    ctx.close()
    assert (live_widgets(), observers(state)) == (widgets, watching)


def _notebook_calls(stem):
    """Yield (block name, literal args, literal kwargs) of each `lesson.block(...)` in a lesson."""
    notebook = nbformat.read(ROOT / "lessons" / f"{stem}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and getattr(node.func.value, "id", None) == "lesson"
            ):
                args = [ast.literal_eval(a) for a in node.args]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                yield node.func.attr, args, kwargs


def _updates_while(monkeypatch, build):
    """Run build() and return every widget whose state was sent again after it was opened."""
    sent = []
    monkeypatch.setattr(Widget, "send_state", lambda self, key=None: sent.append((self, key)))
    build()
    return sent


@pytest.mark.parametrize("stem", list(content.lessons()))
def test_every_widget_of_a_lesson_reaches_the_browser_in_the_message_that_opens_it(
    monkeypatch, stem
):
    # One message per widget, not an open and then an update for each trait set afterwards: on a
    # 2-core classroom machine each message is work for the browser while a lesson runs.
    def build():
        lesson = Lesson(stem, seed="test")
        for name, args, kwargs in _notebook_calls(stem):
            getattr(lesson, name)(*args, **kwargs)
        build.lesson = lesson

    sent = _updates_while(monkeypatch, build)
    progress = build.lesson.toolbar.head  # the one line a quiz legitimately updates: N/M done
    assert [(type(w).__name__, key) for w, key in sent if w is not progress] == []


def test_the_message_count_check_sees_a_trait_set_after_a_widget_was_opened(monkeypatch):
    def build():
        v, _ = view("90-single")
        v.check_button.description = "changed"

    assert _updates_while(monkeypatch, build) != []
