"""Item-bank design over every quiz, in all three languages: what an item's form gives away.

The giveaway checks (what other items on the page show before an item is answered) live in
test_giveaways.py.

Run with `pytest -s tests/test_itembank.py` to see the figures the assertions rest on.
"""

import re
from collections import Counter
from fractions import Fraction

from conftest import DATA
from tmdkit._quizdata import iter_items, load_all

QUIZZES = load_all()
LANGS = ("kk", "ru", "en")
SECTIONS = ("01", "02", "03", "04", "05")
SCORED = [(stem, item) for stem, quiz in QUIZZES.items() for item in iter_items(quiz)]
SINGLES = [item for _, item in SCORED if item["type"] == "single"]
MULTIPLES = [item for _, item in SCORED if item["type"] == "multiple"]
MAX_RATIO = 1.2  # the key may be at most 20% longer than the longest distractor


def _texts(item, lang):
    """The keyed option's length and the longest distractor's, in one language."""
    key = next(len(o["text"][lang]) for o in item["options"] if o["id"] == item["answer"])
    rest = max(len(o["text"][lang]) for o in item["options"] if o["id"] != item["answer"])
    return key, rest


def _every_item():
    for quiz in QUIZZES.values():
        for item in quiz["items"]:
            yield item
            yield from item.get("items", ())


def test_every_item_says_whether_it_tests_recall_or_reasoning():
    missing = [
        item["id"] for item in _every_item() if item.get("skill") not in {"recall", "reasoning"}
    ]
    assert not missing


def test_the_keyed_option_is_the_longest_in_at_most_a_third_of_single_choice_items():
    for lang in LANGS:
        longest = [item["id"] for item in SINGLES if _texts(item, lang)[0] > _texts(item, lang)[1]]
        share = Fraction(len(longest), len(SINGLES))
        print(
            f"\n{lang}: keyed option longest in {len(longest)} of {len(SINGLES)} single items ({float(share):.0%})"
        )
        assert share <= Fraction(1, 3), lang


def test_no_keyed_option_is_more_than_a_fifth_longer_than_the_longest_distractor():
    too_long = []
    for lang in LANGS:
        ratios = {item["id"]: _texts(item, lang)[0] / _texts(item, lang)[1] for item in SINGLES}
        worst = max(ratios, key=ratios.get)
        print(f"\n{lang}: worst key/longest-distractor length ratio {ratios[worst]:.2f} ({worst})")
        too_long += [(i, lang, round(r, 2)) for i, r in ratios.items() if r > MAX_RATIO]
    assert not too_long


def test_multi_answer_items_have_six_options_and_use_one_two_and_three_right_answers():
    counts = Counter(len(item["answer"]) for item in MULTIPLES)
    print(f"\nmulti-answer items by number of right answers: {dict(sorted(counts.items()))}")
    assert all(len(item["options"]) == 6 for item in MULTIPLES)
    assert set(counts) == {1, 2, 3}


COUNT_WORDS = {
    "kk": r"\b(бір|екі|үш|1|2|3)\s+(дұрыс|жауап)",
    "ru": r"\b(один|одна|два|две|три|1|2|3)\s+(правильн|верн|ответ)",
    "en": r"\b(one|two|three|1|2|3)\s+(correct|right)?\s*answers?\b",
}


def test_no_multi_answer_prompt_says_how_many_answers_are_right():
    telling = [
        (item["id"], lang)
        for item in MULTIPLES
        for lang, pattern in COUNT_WORDS.items()
        if re.search(pattern, item["prompt"][lang], re.I)
    ]
    assert not telling


def test_every_section_lesson_has_at_least_a_third_of_reasoning_items():
    shares = {}
    for stem, quiz in QUIZZES.items():
        kinds = Counter(item.get("skill") for item in iter_items(quiz))
        shares[stem] = Fraction(kinds["reasoning"], sum(kinds.values()))
        print(
            f"\n{stem}: reasoning {kinds['reasoning']} of {sum(kinds.values())} ({float(shares[stem]):.0%})"
        )
    assert all(shares[stem] >= Fraction(1, 3) for stem in shares if stem[:2] in SECTIONS)


def _signature(item):
    """What an item keys: two items with one signature test one fact one way."""
    kind = item["type"]
    if kind in {"single", "multiple"}:
        keys = item["answer"] if kind == "multiple" else [item["answer"]]
        texts = {o["id"]: o["text"]["en"] for o in item["options"]}
        return kind, frozenset(re.sub(r"\W+", " ", texts[k]).strip().lower() for k in keys)
    if kind == "year":
        return kind, item["answer"], item["events"][0] if item["events"] else ""
    if kind == "text":
        return kind, item["answer"]["kk"].lower()
    return kind, frozenset(item["events"])


def _same(a, b):
    if a[0] in {"order", "match"} and a[0] == b[0]:
        return len(a[1] & b[1]) >= 0.75 * max(len(a[1]), len(b[1]))
    return a == b


def test_no_two_items_test_the_same_fact_the_same_way():
    found = [
        (x["id"], y["id"])
        for i, (_, x) in enumerate(SCORED)
        for _, y in SCORED[i + 1 :]
        if _same(_signature(x), _signature(y))
    ]
    print(f"\nduplicate pairs found: {len(found)} {found}")
    assert not found


def test_the_ubt_block_is_ten_single_items_then_two_passages_of_five_single_items():
    block = [item for item in QUIZZES["07-kaitalau"]["items"] if item.get("block") == "ubt"]
    kinds = [item["type"] for item in block]
    assert kinds == ["single"] * 10 + ["context"] * 2
    for passage in block[10:]:
        assert [sub["type"] for sub in passage["items"]] == ["single"] * 5
        assert "passage" in passage or "passage_text" in passage
    tasks = [i for i in block[:10]] + [s for p in block[10:] for s in p["items"]]
    assert len(tasks) == 20 and all(len(t["options"]) == 4 for t in tasks)
    others = [
        q
        for stem, q in QUIZZES.items()
        for item in q["items"]
        if stem != "07-kaitalau" and "block" in item
    ]
    assert not others


def _strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield value
            else:
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_english_item_text_uses_curly_quotes_and_apostrophes_only():
    straight = [s for q in QUIZZES.values() for s in _strings(q) if re.search(r"['\"«»]", s)]
    assert not straight, straight[:3]


def test_no_explanation_names_an_option_by_its_letter_since_options_are_shuffled():
    pattern = re.compile(
        r"(\b[a-f], [a-f]\b|\b(option|вариант)\s+[a-f]\b|\b[a-f]\s+нұсқа|\([a-f]\))", re.I
    )
    named = [
        (item["id"], lang)
        for item in _every_item()
        for lang in LANGS
        if pattern.search(item["explain"][lang] if "explain" in item else "")
    ]
    assert not named


def test_quiz_file_comments_name_no_path_outside_the_repository():
    for path in sorted((DATA / "quizzes").glob("*.yaml")):
        comments = [
            line for line in path.read_text("utf-8").splitlines() if line.lstrip().startswith("#")
        ]
        assert not [c for c in comments if re.search(r"(/work/|\.\./|~/|/tmp/)", c)], path.name


def _explanations(item, lang):
    parts = [item.get("explain", {}).get(lang, "")]
    parts += [
        o.get("explain", {}).get(lang, "") for o in item.get("options", []) + item.get("left", [])
    ]
    return " ".join(parts)


def test_every_item_that_lists_ukraine_states_its_status():
    marks = {"kk": ("Жарғы", "2014"), "ru": ("Устав", "2014"), "en": ("Charter", "2014")}
    silent = []
    for _, item in SCORED:
        shown = [item["prompt"]["en"]] + [
            o["text"]["en"] for o in item.get("options", []) + item.get("left", [])
        ]
        if any("Ukrain" in text for text in shown):
            for lang, words in marks.items():
                if not all(word in _explanations(item, lang) for word in words):
                    silent.append((item["id"], lang))
    assert not silent


def _stem(word):
    """The part of a typed answer that survives Kazakh and Russian endings."""
    word = word.lower()
    return word[: max(4, len(word) - 4)]


def test_no_prompt_contains_the_answer_a_student_has_to_type_or_pick():
    giving = []
    for _, item in SCORED:
        for lang in LANGS:
            if item["type"] == "text":
                answers = [item["answer"][lang]]
            elif item["type"] == "single" and len(_head(item, lang).split()) == 1:
                answers = [_head(item, lang)]
            else:
                continue
            prompt = item["prompt"][lang].lower()
            giving += [(item["id"], lang) for a in answers if _stem(a.strip("«»“”.")) in prompt]
    assert not giving


def _head(item, lang):
    """The keyed option without a gloss in brackets: "салаларында (сала, area)" gives "салаларында"."""
    text = next(o["text"][lang] for o in item["options"] if o["id"] == item["answer"])
    return text.split("(")[0].strip()
