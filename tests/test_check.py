import pytest
from tmdkit._check import Msg, check
from tmdkit._i18n import render

LOC = {"kk": "мәтін", "ru": "текст", "en": "text"}


def options(ids, explained=""):
    return [{"id": i, "text": LOC, **({"explain": LOC} if i in explained else {})} for i in ids]


SINGLE = {"id": "t-single", "type": "single", "options": options("abcd", "acd"), "answer": "b"}
MULTIPLE = {
    "id": "t-multi",
    "type": "multiple",
    "options": options("abcdef", "bdf"),
    "answer": ["a", "c", "e"],
}
YEAR = {"id": "t-year", "type": "year", "answer": 1991}
YEAR_TOLERANT = {"id": "t-year-tol", "type": "year", "answer": 2007, "tolerance": 1}
TEXT = {
    "id": "t-text",
    "type": "text",
    "answer": {"kk": "көші-қон", "ru": "миграция", "en": "migration"},
    "accept": ["көші-қон мәселесі"],
}
STRICT_TEXT = {**TEXT, "id": "t-strict", "spelling_matters": True}
ORDER = {
    "id": "t-order",
    "type": "order",
    "options": options("abcd"),
    "answer": ["c", "a", "d", "b"],
}
MATCH = {
    "id": "t-match",
    "type": "match",
    "left": options("pqrs"),
    "options": options("abcde"),
    "answer": {"p": "b", "q": "a", "r": "d", "s": "e"},
}
CONTEXT = {"id": "t-ctx", "type": "context", "passage": [15], "items": [SINGLE, YEAR]}


def keys(verdict):
    return [m.key for m in verdict.messages]


# --- single ---
def test_single_right_option_is_right():
    verdict = check(SINGLE, "b")
    assert (verdict.status, verdict.score, keys(verdict)) == ("right", 1.0, ["right"])


def test_single_wrong_option_is_wrong_and_its_explanation_is_shown():
    verdict = check(SINGLE, "c")
    assert (verdict.status, verdict.score, verdict.explain_options) == ("wrong", 0.0, ("c",))


@pytest.mark.parametrize("response", [None, ""])
def test_single_without_a_choice_is_invalid(response):
    assert check(SINGLE, response).status == "invalid"
    assert keys(check(SINGLE, response)) == ["empty"]


def test_single_with_an_unknown_option_is_a_bug_in_the_view():
    with pytest.raises(ValueError, match="t-single"):
        check(SINGLE, "z")


# --- multiple ---
def test_multiple_all_right_and_nothing_else_is_right():
    assert check(MULTIPLE, ["e", "a", "c"]).status == "right"


def test_multiple_two_of_three_right_is_partial_with_counts():
    verdict = check(MULTIPLE, ["a", "c"])
    assert (verdict.status, verdict.score) == ("partial", pytest.approx(2 / 3))
    assert Msg("n_right_found", {"n": 2, "total": 3}) in verdict.messages


def test_multiple_wrong_choices_cost_as_much_as_right_ones_earn():
    verdict = check(MULTIPLE, ["a", "c", "b"])
    assert verdict.score == pytest.approx(1 / 3)
    assert Msg("n_wrong_chosen", {"n": 1}) in verdict.messages
    assert verdict.explain_options == ("b",)


def test_multiple_score_never_goes_below_zero():
    verdict = check(MULTIPLE, ["a", "b", "d"])
    assert (verdict.status, verdict.score) == ("wrong", 0.0)


def test_multiple_with_more_than_three_choices_is_invalid():
    verdict = check(MULTIPLE, ["a", "b", "c", "e"])
    assert (verdict.status, keys(verdict)) == ("invalid", ["at_most_three"])


@pytest.mark.parametrize("response", [None, [], set()])
def test_multiple_with_no_choice_is_invalid(response):
    assert keys(check(MULTIPLE, response)) == ["empty"]


def test_multiple_messages_use_russian_plurals():
    verdict = check(MULTIPLE, ["a", "b", "d"])
    text = " ".join(render(m, "ru") for m in verdict.messages)
    assert "Вы нашли 1 верный ответ из 3." in text
    assert "Вы выбрали 2 неверных варианта." in text


def test_multiple_messages_use_russian_genitive_plural_for_none_found():
    verdict = check(MULTIPLE, ["b"])
    assert "Вы нашли 0 верных ответов из 3." in [render(m, "ru") for m in verdict.messages]


# --- year ---
@pytest.mark.parametrize("response", ["1991", "1991 ж.", "１９９１", "1991 жылы"])
def test_year_right_in_any_usual_form(response):
    assert check(YEAR, response).status == "right"


def test_year_two_off_is_wrong_but_close():
    verdict = check(YEAR, "1993")
    assert (verdict.status, keys(verdict)) == ("wrong", ["wrong", "year_close"])


def test_year_far_off_is_just_wrong():
    assert keys(check(YEAR, "2007")) == ["wrong"]


def test_year_within_tolerance_is_right():
    assert check(YEAR_TOLERANT, "2006").status == "right"
    assert check(YEAR_TOLERANT, "2005").status == "wrong"


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ("", "empty"),
        (None, "empty"),
        ("бір мың", "not_a_year"),
        ("1991 1992", "several_numbers"),
        ("3000", "year_out_of_range"),
    ],
)
def test_year_unreadable_input_is_invalid_and_says_why(response, key):
    verdict = check(YEAR, response)
    assert (verdict.status, keys(verdict)) == ("invalid", [key])


# --- text ---
@pytest.mark.parametrize(
    "response", ["көші-қон", "Көші қон", "миграция", "Migration", "көші-қон мәселесі"]
)
def test_text_exact_forms_are_right_without_a_note(response):
    verdict = check(TEXT, response)
    assert (verdict.status, keys(verdict)) == ("right", ["right"])


@pytest.mark.parametrize("response", ["коши-кон", "köşı-qon"])
def test_text_lookalike_and_latin_are_right_with_the_kazakh_spelling(response):
    verdict = check(TEXT, response)
    assert verdict.status == "right"
    assert Msg("spelling_note", {"answer": "көші-қон"}) in verdict.messages


def test_text_declined_is_right_with_the_dictionary_form():
    verdict = check(TEXT, "көші-қонды")
    assert verdict.status == "right"
    assert Msg("base_form_note", {"answer": "көші-қон"}) in verdict.messages


def test_text_wrong_word_is_wrong():
    assert check(TEXT, "көлік").status == "wrong"


def test_text_with_spelling_matters_refuses_russian_keyboard_letters():
    assert check(STRICT_TEXT, "коши-кон").status == "wrong"


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ("", "empty"),
        (None, "empty"),
        ("   ", "empty"),
        ("2007", "digits_in_text"),
        ("🙂", "no_letters"),
        ("қ" * 300, "too_long"),
    ],
)
def test_text_unusable_input_is_invalid_and_says_why(response, key):
    verdict = check(TEXT, response)
    assert (verdict.status, keys(verdict)) == ("invalid", [key])


def test_text_markup_is_simply_a_wrong_answer():
    assert check(TEXT, "<script>alert(1)</script>").status == "wrong"


# --- order ---
def test_order_all_in_place_is_right():
    assert check(ORDER, ["c", "a", "d", "b"]).status == "right"


def test_order_partly_right_scores_the_adjacent_pairs_in_order():
    verdict = check(ORDER, ["c", "a", "b", "d"])  # pairs: c<a yes, a<b yes, b<d no
    assert (verdict.status, verdict.score) == ("partial", pytest.approx(2 / 3))
    assert Msg("n_in_place", {"n": 2, "total": 4}) in verdict.messages


def test_order_reversed_is_wrong():
    verdict = check(ORDER, ["b", "d", "a", "c"])
    assert (verdict.status, verdict.score, keys(verdict)) == (
        "wrong",
        0.0,
        ["wrong", "none_in_place"],
    )


def test_order_message_counts_places_in_russian():
    verdict = check(ORDER, ["c", "a", "b", "d"])
    assert "2 события из 4 стоят на своём месте." in [render(m, "ru") for m in verdict.messages]


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ([], "empty"),
        (None, "empty"),
        (["c", "a", "a", "b"], "answer_every_row"),
        (["c", None, "d", "b"], "answer_every_row"),
    ],
)
def test_order_incomplete_is_invalid(response, key):
    assert keys(check(ORDER, response)) == [key]


# --- match ---
def test_match_all_rows_right_is_right():
    assert check(MATCH, {"p": "b", "q": "a", "r": "d", "s": "e"}).status == "right"


def test_match_score_is_the_share_of_right_rows():
    verdict = check(MATCH, {"p": "b", "q": "a", "r": "c", "s": "c"})
    assert (verdict.status, verdict.score) == ("partial", 0.5)
    assert "Верно сопоставлены 2 пары из 4." in [render(m, "ru") for m in verdict.messages]


def test_match_all_rows_wrong_is_wrong():
    assert check(MATCH, {"p": "a", "q": "b", "r": "c", "s": "c"}).status == "wrong"


def test_match_with_an_unanswered_row_is_invalid():
    verdict = check(MATCH, {"p": "b", "q": "a", "r": None, "s": "e"})
    assert (verdict.status, keys(verdict)) == ("invalid", ["answer_every_row"])


@pytest.mark.parametrize("response", [None, {}, {"p": None}])
def test_match_with_nothing_answered_is_invalid(response):
    assert keys(check(MATCH, response)) == ["empty"]


# --- context ---
def test_context_items_are_not_checked_directly():
    with pytest.raises(TypeError):
        check(CONTEXT, None)


def test_verdicts_are_immutable():
    verdict = check(SINGLE, "b")
    with pytest.raises(AttributeError):
        verdict.status = "wrong"


def bank_items():
    from tmdkit._data import DATA, DataError
    from tmdkit._quizdata import iter_items, load_all

    try:
        return [item for quiz in load_all(DATA).values() for item in iter_items(quiz)]
    except DataError:
        return []  # test_every_quiz_file_of_the_lesson_loads reports the broken file


def right_responses(item):
    kind, answer = item["type"], item["answer"]
    if kind == "year":
        return [str(answer)]
    if kind == "text":
        return [answer["kk"], answer["ru"], answer["en"], *item.get("accept", ())]
    return [answer]


@pytest.mark.parametrize("item", bank_items(), ids=lambda item: item["id"])
def test_the_right_answer_of_every_item_in_the_bank_is_judged_right(item):
    for response in right_responses(item):
        assert check(item, response).status == "right", response
