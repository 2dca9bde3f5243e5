"""Giveaways: no item shows another item's typed answer or choice key before the student answers it.

One home for what a lesson page shows a student (prompts, passages, option and row labels, hints;
the explanations and answers of items above), the typed-answer and choice-key checks built on it,
the pairs kept on purpose with their reasons, and the planted cases that prove each rule.
Run with `pytest -s tests/test_giveaways.py` to see the pairs found.
"""

import re
from functools import cache

import pytest
from test_itembank import LANGS, QUIZZES
from tmdkit._normalize import fold, strip_ending
from tmdkit.items import kind_of

# A typed answer (text, year) must not be visible in another item on the same page (same lesson,
# same block) before the student types it; see _giveaways for what counts as visible. Pairs below
# were read and kept on purpose, each for the reason given.
ALLOWED_GIVEAWAYS = {
    # Its prompt quotes the essay's five states, as the passage does; the typed item asks which of
    # those five was no founder, which the list alone does not tell.
    ("04-ctx-not-founder", "04-list-valid-period"),
    # The passage must date the notice (18 August 2008) for 06-ctx-georgia-year to be worked out; it
    # names Uzbekistan's suspension, needed by 06-ctx-outdated, without a date.
    ("06-uzbek-suspend-year", "06-context-after-2008"),
    # A bare year among the chairs match's five periods (Kyrgyzstan chaired in 2008); nothing there
    # links it to Uzbekistan or to EurAsEC.
    ("06-uzbek-suspend-year", "06-chairs-match"),
}
# Kazakh voices a final consonant before a vowel ending: тақырып, тақырыбы.
_VOICED = {"п": "б", "к": "г", "қ": "ғ"}


def _page(quiz):
    """Every item and context sub-item with the block (page) it is shown on and the context item
    it belongs to (None for a top-level item)."""
    for item in quiz["items"]:
        yield item, item.get("block"), None
        for sub in item.get("items", ()):
            yield sub, item.get("block"), item


def _typed_answers(item):
    """Every form the checker accepts: all three languages and `accept`; years within tolerance."""
    if item["type"] == "year":
        spread = item.get("tolerance", 0)
        return [str(year) for year in range(item["answer"] - spread, item["answer"] + spread + 1)]
    return [*item["answer"].values(), *item.get("accept", ())]


def _same_word(word, answer):
    """Whether a prompt word is the answer word, perhaps with a Kazakh or Russian case ending."""
    stems = strip_ending(word, relaxed=False)
    voiced = answer[:-1] + _VOICED[answer[-1]] if answer[-1] in _VOICED else None
    russian = len(answer) >= 4 and answer[-1] in "аяоеиыь" and 0 <= len(word) - len(answer) <= 2
    return (
        word in (answer, answer + "s")
        or answer in stems
        or voiced in stems
        or (russian and word.startswith(answer[:-1]))
    )


def _gives(text, answer):
    """Whether text shows the answer: whole words in order; a year only as that 4-digit number."""
    words, want = fold(text).split(), fold(answer).split()
    if answer.isdigit():
        return answer in words
    return bool(want) and any(
        words[i : i + len(want) - 1] == want[:-1] and _same_word(words[i + len(want) - 1], want[-1])
        for i in range(len(words) - len(want) + 1)
    )


def _texts_in_view(other):
    """What another item shows whether or not anyone answers it: its prompt, its passage_text,
    its option and match row labels (one text: a student reads them together, so a list naming
    the key beside its distractors gives nothing away) and its hints (one click away). A context item draws only
    its prompt and passage; essay sentences cited as a passage are not counted, since the lesson
    shows the essay above the self-check and every item cites the sentences it rests on."""
    if other["type"] == "context":
        return [other["prompt"], *([other["passage_text"]] if "passage_text" in other else [])]
    rows = other.get("options", []) + other.get("left", [])
    labels = {lang: "\n".join(row["text"][lang] for row in rows) for lang in LANGS}
    return [other["prompt"], *([labels] if rows else []), *other.get("hints", ())]


def _texts_once_answered(other):
    """What another item shows only once it is answered or revealed: its explanation, its options'
    explanations and, for a typed item, its right answer."""
    if other["type"] == "context":
        return []
    rows = other.get("options", []) + other.get("left", [])
    shown = [other.get("explain"), *(row.get("explain") for row in rows)]
    if other["type"] in {"text", "year"}:
        shown.append({lang: kind_of(other).answer_text(other, lang) for lang in LANGS})
    return [text for text in shown if text]


def _shows(texts, answers):
    """Whether any of the texts shows one of the answers, in any language."""
    return any(_gives(text[lang], a) for text in texts for lang in LANGS for a in answers)


def _typed_shown(item, text):
    """Whether text shows a typed item's answer (any accepted form, in any language)."""
    return item["type"] in {"text", "year"} and _shows([text], _typed_answers(item))


def _pairs(quiz, shown, *, in_view=True):
    """(item id, other item id) for every item whose answer `shown(item, text)` finds in a text
    another item on its page shows it before it is answered.

    Counted: what every other item on the page shows unanswered (prompt, passage_text, option and
    row labels, hints), and what the items *above* it show once answered (explanations, option
    explanations, a typed item's right answer): a student working down the numbered page has read
    those before reaching it. The explanations of items below it are not counted: a student who
    skips an item to harvest later explanations is looking the answer up on purpose, as they
    could in the essay and timeline above the self-check; asking every explanation in a lesson
    about December 1991 to avoid "1991" would make them teach less. A context sub-item's own
    passage is not counted either: working the answer out of it is the task. With in_view=False
    only the explanations and answers of the items above are counted.
    """
    page = list(_page(quiz))
    found = set()
    for i, (item, block, context) in enumerate(page):
        for j, (other, other_block, _) in enumerate(page):
            if other is item or other is context or other_block != block:
                continue
            texts = (_texts_in_view(other) if in_view else []) + (
                _texts_once_answered(other) if j < i else []
            )
            if any(shown(item, text) for text in texts):
                found.add((item["id"], other["id"]))
    return found


def _giveaways(quiz):
    """(typed item id, other item id) for every typed answer another item on its page shows."""
    return _pairs(quiz, _typed_shown)


def _all(text):
    return dict.fromkeys(LANGS, text)


def _planted(answer, prompt="?", /, *, block=None, above=False, **shown):
    """Giveaways in a made-up lesson: one typed item and one other item (single choice unless
    `type` says otherwise) with prompt and the fields in `shown`; above puts the other item first."""
    typed = {"id": "99-typed", "type": "year", "answer": answer, "prompt": _all("?")}
    if isinstance(answer, str):
        typed.update(type="text", answer=_all(answer))
    other = {"id": "99-other", "type": "single", "prompt": _all(prompt), **shown}
    if block:
        other["block"] = block
    return _giveaways({"items": [other, typed] if above else [typed, other]})


def _row(text, **more):
    return {"id": "a", "text": _all(text), **more}


def test_the_giveaway_check_finds_a_planted_year_or_declined_word_but_not_a_part_of_one():
    assert _planted(2000, "Шартқа 2000 жылғы 10 қазанда қол қойылды.") == {("99-typed", "99-other")}
    assert _planted("Астана", "Шартқа Астанада қол қойылды.")
    assert _planted("Астана", "Договор подписан в Астане.")
    assert _planted("тақырып", "Көлік тақырыбы талқыланды.")
    assert not _planted(2000, "Шартқа 20001 нөмірі берілді.")
    assert not _planted("Алматы", "Алматылық мұғалімдер.")
    assert not _planted(2000, "Шартқа 2000 жылы қол қойылды.", block="ubt")


def test_the_giveaway_check_finds_an_answer_in_an_option_a_match_row_or_a_hint_above_or_below():
    for above in (False, True):
        assert _planted("Астана", options=[_row("Астанада")], above=above)
        assert _planted(2000, type="order", options=[_row("2000 жылғы 10 қазан")], above=above)
        assert _planted(2000, type="match", left=[_row("2000 жыл")], options=[], above=above)
        assert _planted(2000, type="match", left=[], options=[_row("2000 жыл")], above=above)
        assert _planted("Астана", hints=[_all("Шарт Астанада жасалды.")], above=above)
    assert not _planted("Астана", options=[_row("Алматы")], hints=[_all("Қазақстанда.")])


def test_the_giveaway_check_finds_an_explanation_or_typed_answer_only_in_an_item_above():
    explained = {"explain": _all("Шартқа 2000 жылы қол қойылды.")}
    option_explained = {"options": [_row("Минск", explain=_all("Жоқ, 2000 жылы Астанада."))]}
    same_year = {"type": "year", "answer": 2000}
    pair = ("99-typed", "99-other")
    for shown in (explained, option_explained, same_year):
        assert pair in _planted(2000, above=True, **shown)
        assert pair not in _planted(2000, above=False, **shown)


def test_the_giveaway_check_finds_a_context_passage_but_not_the_context_hints_it_never_draws():
    context = {"type": "context", "items": []}
    assert _planted(2000, passage_text=_all("2000 жылы шарт жасалды."), **context)
    hidden = {"hints": [_all("2000 жыл.")], "explain": _all("2000 жыл.")}
    assert not _planted(2000, above=True, **hidden, **context)


# A choice item (single, or multiple; context items' questions are single) is given away when
# another item on its page shows its key as its options cannot be told apart otherwise: the text
# (what _pairs counts as seen) carries the keyed option's distinctive content, every word of its
# label that no distractor's label has (a year, a number, a name, a month: "2006", "мамыр",
# "2007", "қазан" for "2006 жылғы мамырдан 2007 жылғы қазанға дейін" against "2004 жылғы
# қыркүйектен 2005 жылғы тамызға дейін"), and shows no distractor that way. A passage naming all
# four cities gives nothing away; one naming the key beside one distractor still leaves a choice
# and is not counted. Where every word of the key is also in some distractor ("2006–2007" against
# "2007–2008" and "2005–2006"), the label must be shown whole. Words are matched as the typed
# check matches them (fold, Kazakh case endings and voicing, Russian endings), numbers exactly,
# words of one or two letters ("в", "to", a split-off "ға") are ignored; any one language is
# enough. A multiple-choice item is given away when one text shows every keyed option and no
# distractor. Match items are not checked: a row and its keyed option named in one sentence are
# not paired by it (a chronology explanation names every year and every event at once), so a
# co-occurrence test would flag most of a lesson's explanations; their keys are pairs, not words.
# Not caught: a text showing only part of a key's own words ("2006–2008" for "January 2006 to
# October–November 2008"), naming a distractor only to deny it ("not 15 but 11"), or saying the
# key in other words ("EurAsEC ended in 2015" for "ceased to exist on 1 January 2015"); the
# date check at the end of this module catches the last where the key carries a date.
# Counting a key's year or number alone catches the first but adds some 27 pairs in today's bank,
# nearly all a "2008" or "12" in an unrelated sentence; such pairs are left to a reader.
# Pairs below were read and kept, each for the reason given.
ALLOWED_CHOICE_GIVEAWAYS = {
    # 02-chair-period asks what essay sentence 4 says, and the essay is shown above the
    # self-check; these quote sentence 4 (which part is an opinion?) or date the chairmanship's
    # events (the match), which they cannot do without its months.
    ("02-chair-period", "02-reform-match"),
    ("02-chair-period", "02-s4-evaluation"),
    # Only in Kazakh, by shared words: the explanation names the reform areas Nazarbayev proposed
    # in 2006, not the "one pressing problem a year" proposal 03-ctx-proposer asks about.
    ("03-ctx-proposer", "03-topics-match"),
    # They state that Kazakhstan was (or is called) a EurAsEC member; 04-ctx-checkable asks which
    # statement can be checked against documents, and none of them says that.
    ("04-ctx-checkable", "04-eurasec-chronology"),
    ("04-ctx-checkable", "04-eurasec-founded-year"),
    ("04-ctx-checkable", "04-eurasec-true-statements"),
    ("04-ctx-checkable", "04-fact-or-opinion"),
    ("04-ctx-checkable", "04-list-valid-period"),
    ("04-ctx-checkable", "04-present-tense"),
    # test_every_item_that_lists_ukraine_states_its_status makes every item that lists Ukraine
    # say it is a founding state that never ratified the Charter; these explanations do so.
    ("06-ukraine-status", "06-eaeu-joiners-2015"),
    ("07-ubt2-signed", "07-ubt-charter-1993"),
    ("07-ubt2-signed", "07-ubt-declaration-ussr"),
    ("07-ubt2-signed", "07-ubt1-handover"),
    # Only in Russian, by shared words: Turkmenistan "first ratified the Charter" says nothing of
    # Ukraine.
    ("06-ukraine-status", "06-turkmenistan"),
    # It says the Dushanbe summit of October 2007 adopted the migration Declaration; the key of
    # 07-ubt1-fact is that it adopted the Concept, which it does not say.
    ("07-ubt1-fact", "07-ubt-order-6-7"),
    # It gives the month the chairmanship began, not the order of the passage's four events.
    ("07-ubt1-first-event", "07-ubt1-handover"),
}


@cache
def _words(text):
    return [w for w in fold(text).split() if w.isdigit() or len(w) > 2]


@cache
def _alike(word, other):
    """Whether two words are one word in different cases: a number only as itself."""
    if word.isdigit() or other.isdigit():
        return word == other
    return _same_word(word, other) or _same_word(other, word) or bool(_stems(word) & _stems(other))


@cache
def _stems(word):
    """A word's candidate stems, also under the adjective suffix -ғы/-гі (Минскідегі, 8 желтоқсандағы)."""
    bare = word[:-2] if word[-2:] in {"ғы", "гі", "қы", "кі"} else word
    return {word, *strip_ending(word, relaxed=False), *strip_ending(bare, relaxed=False)}


def _has(words, wanted):
    return all(any(_alike(w, seen) for seen in words) for w in wanted)


@cache
def _distinct(label, rest):
    """The words of an option's label no other option has; the whole label if there are none."""
    others = [w for text in rest for w in _words(text)]
    return [w for w in _words(label) if not any(_alike(w, o) for o in others)]


# A label may give a name in one language and its gloss in another in brackets: «Концепция
# дальнейшего развития СНГ» (аудармасы: «ТМД-ны одан әрі дамыту тұжырымдамасы»), or a Russian
# name with an English gloss. A text naming it in either language shows the option. Other
# brackets ("(8 December)", "(sentence 6)", "(EurAsEC)") add detail, not another language.
_GLOSS = re.compile(r"(?P<name>.+?)\s*\((?P<mark>аудармасы:\s*)?(?P<gloss>[^()]+)\)\W*")
_LATIN = re.compile(r"[A-Za-z]")


def _readings(label):
    """The label's words as one reading, or its name and its gloss apart where it carries one."""
    m = _GLOSS.fullmatch(label)
    if m and (m["mark"] or (_LATIN.search(m["gloss"]) and not _LATIN.search(m["name"]))):
        return (m["name"], m["gloss"])
    return (label,)


def _options_shown(item, text, lang):
    """The ids of the options text shows, each by its distinctive words (or its whole label) in
    any language the label carries."""
    labels = {o["id"]: o["text"][lang] for o in item["options"]}
    words = _words(text)
    shown = set()
    for oid, label in labels.items():
        rest = tuple(v for k, v in labels.items() if k != oid)
        readings = [_distinct(part, rest) for part in _readings(label)]
        if any(_has(words, own) for own in readings if own) or (
            not any(readings) and _gives(text, label)
        ):
            shown.add(oid)
    return shown


def _choice_shown(item, text):
    """Whether text shows a choice item's keys and none of its distractors, in any language."""
    if item["type"] not in {"single", "multiple"}:
        return False
    keys = set(item["answer"]) if item["type"] == "multiple" else {item["answer"]}
    return any(_options_shown(item, text[lang], lang) == keys for lang in LANGS)


def _choice_giveaways(quiz):
    """(choice item id, other item id) for every choice key another item on its page shows."""
    return _pairs(quiz, _choice_shown)


CITIES = ("Минск", "Алматы", "Мәскеу", "Киев")


def _chosen(*labels, answer="a", kind="single", id="99-choice"):
    """A made-up choice item whose options a, b, c, … carry labels (the same in every language)."""
    options = [_row(label) | {"id": "abcdef"[n]} for n, label in enumerate(labels)]
    return {"id": id, "type": kind, "prompt": _all("?"), "options": options, "answer": answer}


def _other(prompt="?", **shown):
    """A made-up item with no options of its own, showing prompt and the fields in `shown`."""
    return {"id": "99-other", "type": "single", "prompt": _all(prompt), "options": [],
            "answer": None, **shown}  # fmt: skip


def _choice_pairs(*items):
    return _choice_giveaways({"items": list(items)})


def test_the_choice_check_finds_a_key_named_in_another_items_prompt_in_any_case_ending():
    pair = ("99-choice", "99-other")
    assert _choice_pairs(_chosen(*CITIES), _other("Келісімге Минскіде қол қойылды.")) == {pair}
    assert _choice_pairs(_chosen(*CITIES), _other("Соглашение подписано в Минске.")) == {pair}
    assert not _choice_pairs(_chosen(*CITIES), _other("Келісімге қол қойылды."))


def test_the_choice_check_finds_a_key_by_the_words_no_distractor_has_not_by_a_part_of_them():
    chair = _chosen(
        "2006 жылғы мамырдан 2007 жылғы қазанға дейін",
        "2004 жылғы қыркүйектен 2005 жылғы тамызға дейін",
        "2008 жылы",
    )
    assert _choice_pairs(chair, _other("2006 жылғы 20 мамырда қабылдап, 2007 жылғы 5 қазанда"))
    assert not _choice_pairs(chair, _other("Төрағалық 2006 жылғы 20 мамырда басталды."))


def test_the_choice_check_finds_a_key_named_only_in_the_language_of_its_gloss():
    names = _chosen(
        "«Концепция дальнейшего развития СНГ» (аудармасы: «ТМД-ны одан әрі дамыту тұжырымдамасы»)",
        "«Устав СНГ» (аудармасы: «ТМД Жарғысы»)",
        "«Алма-Атинская декларация» (аудармасы: «Алматы декларациясы»)",
    )
    assert _choice_pairs(
        names, _other("Душанбеде ТМД-ны одан әрі дамыту тұжырымдамасы мақұлданды.")
    )
    assert _choice_pairs(names, _other("В Душанбе одобрена Концепция дальнейшего развития СНГ."))
    assert not _choice_pairs(names, _other("ТМД-ны одан әрі дамыту тұжырымдамасы мен ТМД Жарғысы."))


def test_the_choice_check_does_not_flag_a_text_that_also_names_a_distractor():
    every_city = _other("Минскіде, Алматыда, Мәскеуде және Киевте кездесулер болды.")
    two_cities = _other("Келісімдер Минскіде және Алматыда жасалды.")
    assert _choice_pairs(_chosen(*CITIES), _other("Келісімдер Минскіде жасалды."))
    assert not _choice_pairs(_chosen(*CITIES), every_city)
    assert not _choice_pairs(_chosen(*CITIES), two_cities)


def test_the_choice_check_needs_the_whole_label_where_every_word_of_the_key_is_in_a_distractor():
    periods = _chosen("2006–2007 жылдары", "2007–2008 жылдары", "2005–2006 жылдары")
    assert _choice_pairs(periods, _other("Төрағалық 2006–2007 жылдары болды."))
    assert not _choice_pairs(periods, _other("2006 жылы басталып, 2008 жылы аяқталды."))


def test_the_choice_check_finds_a_multiple_choice_key_only_where_every_keyed_option_is_shown():
    signers = _chosen("Беларусь", "Ресей", "Украина", "Грузия", answer=["a", "b"], kind="multiple")
    assert _choice_pairs(signers, _other("Беларусь мен Ресей қол қойды."))
    assert not _choice_pairs(signers, _other("Беларусь қол қойды."))
    assert not _choice_pairs(signers, _other("Беларусь, Ресей және Грузия қол қойды."))


def test_the_choice_check_finds_an_explanation_only_in_an_item_above():
    explained = _other(explain=_all("Келісімге Минскіде қол қойылды."))
    assert _choice_pairs(explained, _chosen(*CITIES))
    assert not _choice_pairs(_chosen(*CITIES), explained)


def test_the_choice_check_skips_a_context_questions_own_passage_but_not_a_sibling_question():
    def context(*items):
        text = _all("Келісімге Минскіде қол қойылды.")
        return {"id": "99-ctx", "type": "context", "prompt": _all("?"), "passage_text": text,
                "items": list(items)}  # fmt: skip

    asked = _chosen(*CITIES)
    assert not _choice_pairs(context(asked))
    sibling = _other("Минскідегі келісім туралы не білесіз?")
    assert _choice_pairs(context(asked, sibling)) == {("99-choice", "99-other")}


def test_the_choice_check_reads_another_items_options_together_as_a_student_sees_them():
    listed = _other(options=[_row(city) | {"id": str(n)} for n, city in enumerate(CITIES[:3])])
    alone = _other(options=[_row("Минск")])
    assert not _choice_pairs(_chosen(*CITIES), listed)
    assert _choice_pairs(_chosen(*CITIES), alone)


# A single-choice key that carries a date ("1 January 2015", "October 2007", "2015 жылғы
# 1 қаңтар") is given away by an explanation above it that states that date and none of the
# distractors' dates, matched as the typed check matches (words in order, the last one with its
# case ending; any one language is enough). Such an explanation nearly always tells the event
# too, in its own words, which the word-by-word check above cannot see: "EurAsEC was dissolved
# on 1 January 2015" for "EurAsEC ceased to exist on 1 January 2015 and the EAEU took its place".
# Only explanations above count: a date in another item's options is a claim to judge, and
# prompts and labels are left to the word-by-word check. A bare year is not a date here (see
# above: counting years alone is mostly noise). Pairs below were read and kept, each for the
# reason given.
ALLOWED_DATED_GIVEAWAYS = {
    # 07-ubt-order-6-7's own key is that Dushanbe (October 2007) came after St Petersburg (June),
    # so its explanation cannot teach the order without both dates; it does not say the Concept
    # was adopted there. The UBT block keeps the exam's fixed order, ten items then the passages.
    ("07-ubt1-fact", "07-ubt-order-6-7"),
}
MONTHS = {
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
    "kk": "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан",
}
DATES = {
    "en": re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS['en']}) \d{{4}}\b"),
    "ru": re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS['ru']}) \d{{4}}\b", re.I),
    "kk": re.compile(rf"\b\d{{4}} жылғы (?:\d{{1,2}} )?(?:{MONTHS['kk']})", re.I),
}


def _dated_key_shown(item, text):
    """Whether text states a date of a single-choice key and no date of its distractors."""
    if item["type"] != "single":
        return False
    for lang in LANGS:
        key, rest = [], []
        for option in item["options"]:
            dates = DATES[lang].findall(option["text"][lang])
            (key if option["id"] == item["answer"] else rest).extend(dates)
        if any(_gives(text[lang], d) for d in key) and not any(_gives(text[lang], d) for d in rest):
            return True
    return False


def _dated_giveaways(quiz):
    """(single item id, other item id) for every dated key an explanation above it states."""
    return _pairs(quiz, _dated_key_shown, in_view=False)


def test_the_date_check_finds_a_keyed_date_an_explanation_above_tells_in_other_words():
    ended = _chosen(
        "ЕурАзЭҚ 2015 жылғы 1 қаңтарда жұмысын тоқтатты",
        "2008 жылы Қазақстан ұйымнан шықты",
        "ЕурАзЭҚ 2009 жылы ТМД-мен бірікті",
    )
    told = _other(explain=_all("Ұйым 2015 жылғы 1 қаңтарда таратылды."))
    pair = ("99-choice", "99-other")
    assert _dated_giveaways({"items": [told, ended]}) == {pair}
    assert not _choice_pairs(told, ended)
    assert not _dated_giveaways({"items": [ended, told]})


def test_the_date_check_finds_a_month_inside_a_full_date_but_not_beside_a_distractors_date():
    adopted = _chosen("Adopted in October 2007", "Adopted in June 2007", "Adopted in 2008")
    dated = _other(explain=_all("The Concept was adopted on 5 October 2007."))
    both = _other(explain=_all("St Petersburg on 10 June 2007, Dushanbe on 5 October 2007."))
    year = _other(explain=_all("The Concept dates from 2007."))
    assert _dated_giveaways({"items": [dated, adopted]})
    assert not _dated_giveaways({"items": [both, adopted]})
    assert not _dated_giveaways({"items": [year, adopted]})


# Every check over the real bank: what it finds, and the pairs read and kept (each with its reason,
# above). A new check is one more line here.
CHECKS = {
    "typed answer": (_giveaways, ALLOWED_GIVEAWAYS),
    "choice key": (_choice_giveaways, ALLOWED_CHOICE_GIVEAWAYS),
    "dated key": (_dated_giveaways, ALLOWED_DATED_GIVEAWAYS),
}


def _found(kind):
    check, _ = CHECKS[kind]
    return set().union(*(check(quiz) for quiz in QUIZZES.values()))


@pytest.mark.parametrize("kind", CHECKS)
def test_no_item_on_a_page_shows_another_items_key_before_it_is_answered_but_the_kept_pairs(kind):
    found, kept = _found(kind), CHECKS[kind][1]
    print(f"\n{kind}s shown before they are answered: {len(found)} ({len(kept)} kept)")
    for pair in sorted(found):
        print(*pair)
    assert sorted(found - kept) == []


@pytest.mark.parametrize("kind", CHECKS)
def test_every_kept_pair_still_occurs(kind):
    assert sorted(CHECKS[kind][1] - _found(kind)) == []
