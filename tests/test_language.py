"""One term, one rendering: banned variants, verdict names, English typography and essay quotes."""

import json
import re
from collections.abc import Iterator

import pytest
import yaml
from conftest import DATA, ROOT

LANGS = ("kk", "ru", "en")
# Lists that hold answers a student may type, matching forms or sources, not prose.
NOT_PROSE = {"accept", "forms", "sources", "any_of", "source", "original", "fixed", "id", "stem"}
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def _walk(node, path: str, lang: str | None = None) -> Iterator[tuple[str, str, str]]:
    """Yield (path, lang, text) for every prose string under node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NOT_PROSE:
                continue
            sub = key if key in LANGS else lang
            yield from _walk(value, f"{path}.{key}", sub)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]", lang)
    elif isinstance(node, str) and lang:
        yield path, lang, node


def _data_texts() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(DATA.rglob("*.yaml")):
        rel = path.relative_to(DATA).as_posix()
        doc = yaml.safe_load(path.read_text("utf-8"))
        if rel.startswith("translations/"):
            lang = doc["lang"]
            out += [(f"{rel}:{k}", lang, v["text"]) for k, v in doc["cells"].items()]
            continue
        if rel == "essay/essay.yaml":  # the Kazakh sentences are a verbatim quotation
            doc = {k: v for k, v in doc.items() if k != "sentences"} | {
                "sentences": [{k: s[k] for k in ("ru", "en")} for s in doc["sentences"]]
            }
        out += [(f"{rel}:{p}", lang, text) for p, lang, text in _walk(doc, "")]
    return out


def _notebook_texts() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted((ROOT / "lessons").glob("*.ipynb")) + sorted(
        (ROOT / "lessons" / "teacher").glob("*.ipynb")
    ):
        for cell in json.loads(path.read_text("utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                out.append((f"{path.name}:{cell['id']}", "kk", "".join(cell["source"])))
    return out


TEXTS = _data_texts() + _notebook_texts()


def _unquoted(text: str) -> str:
    """Return text without its «…» and “…” quotations (a quotation keeps its source's words)."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"«[^«»]*»|“[^“”]*”", "«»", text)
    return text


# (language or "*", pattern, the one rendering to use). Checked outside quotations.
BANNED = [
    ("kk", r"[Кк]онцепци", "тұжырымдама (the Russian title only inside «»)"),
    ("kk", r"қағида(?!т)", "қағидат"),
    ("kk", r"Жарғы\w*\s+(?:\S+\s+){0,2}бекіт|бекітпе", "ратификациялау (the Charter)"),
    ("kk", r"көші-қон саясат\w* (?:туралы|үйлестіру)", "«Келісілген көші-қон саясаты туралы декларация»"),
    ("ru", r"декларац\w* о (?:согласованной )?миграционной|Декларац\w* о миграционной", "Декларация о согласованной миграционной политике"),
    ("en", r"declaration on (?:a )?(?:coordinated )?migration|Declaration on (?:a )?migration", "the Declaration on Coordinated Migration Policy"),
    ("kk", r"Негізгі ойлар|Сабақтың мақсаттары|Менің нәтижелерім", "Түйін, Сабақтың мақсаты, Менің нәтижем"),
    ("kk", r"Жартылай дұрыс", "Ішінара дұрыс"),
    ("ru", r"Частично верно", "Отчасти верно"),
    ("kk", r"дәлелденбеген", "Расталмаған (the badge word)"),
    ("ru", r"не доказано|недоказанн", "Не подтверждено (the badge word)"),
    ("en", r"not proven|unproven", "Unverified (the badge word)"),
    ("kk", r"\b\d+,? (?:және )?\d+-(?:сөйлем|сабақ)|\b\d+, \d+-", "3- және 8-сөйлемдер; 12-, 13-, 14-сөйлемдер"),
    ("*", r"\b[А-ЯӘҒҚҢӨҰҮҺІA-Z]\. ?(?:Назарбаев|Тоқаев|Токаев|Nazarbayev|Tokayev)", "the full name, no initial"),
    ("ru", r"аталған Келісім|[Нн]азванн\w* Соглашени|[Уу]казанн\w* Соглашени", "«упомянутое Соглашение»"),
    ("en", r"аталған Келісім|(?:above-|afore)mentioned Agreement", "“the said Agreement”"),
    ("ru", r"Киргиз", "Кыргызстан"),
    ("ru", r"Алматинск\w* (?:протокол|декларац)", "Алма-Атинский протокол, Алма-Атинская декларация (1991)"),
    ("en", r"Almaty (?:Protocol|Declaration)", "Alma-Ata Protocol, Alma-Ata Declaration (1991)"),
    ("kk", r"бір тақырып — бір жыл|[Фф]ормула", "«бір жыл — бір тақырып» қағидаты"),
    ("kk", r"»-[а-яәғқңөұүһі]", "«б» әрпінен, «с» әрпімен: a suffix never hangs on a quoted letter"),
    ("ru", r"одна тема — один год|(?:формул|схем)\w* «один год", "принцип «один год — одна тема»"),
    ("en", r"one topic, one year|(?:formula|rule|scheme) “one year", "the “one year, one topic” principle"),
    ("kk", r"туралы Келісім|Алматы (?:Хаттама|Декларация)", "ТМД құру туралы келісім, Алматы хаттамасы, Алматы декларациясы"),
    ("ru", r"[Кк]онцепци\w* по реформированию|Протокол о создании", "Концепция дальнейшего развития СНГ; Протокол к Соглашению о создании СНГ"),
    ("en", r"Agreement (?:creating|to create)|Concept on reforming", "Agreement on the Creation of the CIS"),
    ("en", r"school-leaving", "the university entrance test (ҰБТ/UNT)"),
    ("kk", r"Өзбекстан\w*[^.]{0,40}мүшелігін тоқтатты", "Uzbekistan suspended: мүшелігін тоқтата тұрды"),
    ("ru", r"Узбекистан\w*[^.]{0,40}(?:прекратил членство|снова ушёл|вышел из ЕврАзЭС)", "приостановил членство"),
    ("en", r"Uzbekistan[^.]{0,30}\b(?:left|quit|ended its)", "Uzbekistan suspended its membership"),
]  # fmt: skip


def _violations(lang: str, pattern: str) -> list[str]:
    found = []
    for where, text_lang, text in TEXTS:
        if lang in ("*", text_lang):
            hit = re.search(pattern, _unquoted(text))
            if hit:
                found.append(f"{where} [{text_lang}]: …{hit.group(0)}…")
    return found


@pytest.mark.parametrize(("lang", "pattern", "use"), BANNED, ids=[b[2][:40] for b in BANNED])
def test_one_term_has_one_rendering_per_language(lang, pattern, use):
    assert _violations(lang, pattern) == [], f"write {use}"


def test_the_banned_variants_check_finds_a_variant_planted_in_prose():
    TEXTS.append(("planted", "kk", "«бір жыл — бір тақырып» қағидасы"))
    try:
        assert _violations("kk", r"қағида(?!т)") == ["planted [kk]: …қағида…"]
    finally:
        TEXTS.pop()


def test_a_quotation_may_keep_the_words_of_its_source():
    assert _unquoted("Эссе «Достастықты реформалау бойынша Концепция» дейді") == "Эссе «» дейді"


# ---- verdicts: the badge words wherever a verdict is named -------------------------------------
UI = yaml.safe_load((DATA / "ui.yaml").read_text("utf-8"))["strings"]
VERDICTS = ("verified", "partly", "wrong", "dated", "opinion", "unverified", "typo")
BADGES = {lang: [UI[f"verdict_{v}"][lang] for v in VERDICTS] for lang in LANGS}
# The usual words for the verdicts that a text listing them would use if it did not use the badges.
VERDICT_WORDS = {
    "kk": r"расталған|расталды|ішінара|қате|ескірген|пікір|баға|расталмаған",
    "ru": r"подтвержден|отчасти|частично|ошибк|неверно|устарел|мнени|оценк|опечатк",
    "en": r"verified|partly|wrong|out of date|opinion|unverified|typo",
}


def test_a_text_that_lists_the_verdicts_names_each_by_its_badge():
    listing = [
        (where, lang, text)
        for where, lang, text in TEXTS
        if len(set(re.findall(VERDICT_WORDS[lang], text.lower()))) >= 5
    ]
    assert listing, "no text lists the verdicts: the check has nothing to look at"
    for where, lang, text in listing:
        missing = [badge for badge in BADGES[lang] if badge not in text]
        assert missing == [], f"{where} [{lang}] names the verdicts without the badges {missing}"


def test_the_partial_answer_message_uses_the_partly_right_badge_word():
    for lang in LANGS:
        assert UI["partial"][lang].rstrip(".") == BADGES[lang][1]


# ---- English typography ----------------------------------------------------------------------
def test_english_prose_uses_typographic_quotes_and_apostrophes():
    # Code in backticks is typed as shown, so its quotes stay straight: a teacher copies it.
    prose = [(w, lang, re.sub(r"`[^`]*`", "", t)) for w, lang, t in TEXTS]
    straight = [(w, t) for w, lang, t in prose if lang == "en" and re.search(r"[\"']", t)]
    assert straight == []


def test_english_quotes_every_phrase_with_curly_quotes_never_guillemets():
    # One convention: “ ” around quoted words in English, the Kazakh or Russian original included.
    assert [(w, t) for w, lang, t in TEXTS if lang == "en" and re.search("[«»]", t)] == []


# ---- quoted essay phrases match the essay on screen -------------------------------------------
ESSAY = yaml.safe_load((DATA / "essay" / "essay.yaml").read_text("utf-8"))
CUE = re.compile(r"(эссе|essay|сөйлем|предложени|sentence)\w*[^«“;.]{0,40}$", re.I)
# Quotations in fact checks that are not the essay's words, each with where it comes from.
OTHER_QUOTES = {
    "процестердің", "процестер", "салаларында", "Еуразиялық экономикалық қоғамдастық",
    "сапа", "в различных областях", "in various fields", "бывшего Союза ССР", "КСРО", "Кеңес Одағы",
    "Концепция дальнейшего развития СНГ", "ТМД-ны одан әрі дамыту тұжырымдамасы",
    "Concept of Further Development of the CIS", "прекращает свое существование",
    "Декларация о согласованной миграционной политике", "Declaration on Coordinated Migration Policy",
    "Келісілген көші-қон саясаты туралы декларация",
    "бір жыл — бір тақырып", "один год — одна тема", "one year, one topic",
    "Бір жыл — бір тақырып", "Один год — одна тема",
    "(кроме балтийских стран и Грузии)", "(except the Baltic states and Georgia)",
    "all except the three Baltic states and Georgia", "все, кроме трёх стран Балтии и Грузии",
    "үш Балтық елі мен Грузиядан басқасы", "на равноправных началах",
    "В этом году Кыргызстан осуществляет председательство в СНГ",
    "the energy of running away turned out to be stronger than our integration efforts",
    "Kazakhstan initiated the reform", "Kazakhstan wrote it alone", "Қазақстан реформаның бастамашысы болды",
    "Қазақстан жалғыз өзі жазды", "Казахстан стал инициатором реформы", "Казахстан написал её сам",
    "the 2008 topic was transport and communications", "тема 2008 года — транспорт и коммуникации",
    "2008 жылдың тақырыбы — көлік және коммуникация", "мүше болды", "был членом", "was a member",
    "security", "безопасность", "қауіпсіздік", "упомянутое", "the said", "аталған",
    "Minsk", "Минск", "were members", "Союз ССР", "қоғамдастық", "quality", "качество",
    "Мемлекет басшылары кеңесі", "Совет глав государств", "Council of Heads of State",
    "С образованием Содружества Независимых Государств Союз Советских Социалистических Республик "
    "прекращает свое существование",  # the Declaration's own words (fact sheet §2.10)
    # readings of sentence 10 and of the present tense offered for discussion, not quotations
    "2007 жылы төраға ретінде Қазақстан 2008 жылға көлік тақырыбын ұсынды",
    "в 2007 году Казахстан как председатель предложил транспортную тему на 2008 год",
    "as chair in 2007, Kazakhstan proposed transport as the topic for 2008", "қазір солай",
}  # fmt: skip


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip(" .,;:").lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", _norm(text))


def _same_word(a: str, b: str) -> bool:
    """Return whether two words differ at most in a case ending (the last three letters)."""
    if a == b:
        return True
    stem = len(a) if len(a) < 4 or len(b) < 4 else max(3, min(len(a), len(b)) - 3)
    return a[:stem] == b[:stem]


def _in_essay(phrase: str, lang: str) -> bool:
    """Return whether the phrase occurs in the essay as shown in lang, up to case endings."""
    words, essay = _words(phrase), ESSAY_WORDS[lang]
    return bool(words) and any(
        all(_same_word(w, e) for w, e in zip(words, essay[i : i + len(words)], strict=True))
        for i in range(len(essay) - len(words) + 1)
    )


def _essay_text(lang: str) -> str:
    sentences = [s[lang] for s in ESSAY["sentences"]]
    if lang == "kk":  # the display shows the fixed words; a quote may use either
        fixed = [s["kk"] for s in ESSAY["sentences"]]
        for fix in ESSAY["fixes"]:
            fixed[fix["sentence"] - 1] = fixed[fix["sentence"] - 1].replace(
                fix["original"], fix["fixed"]
            )
        sentences += fixed
    return _norm(" ".join(sentences))


ESSAY_WORDS = {lang: _words(_essay_text(lang)) for lang in LANGS}
OTHER = [_words(q) for q in OTHER_QUOTES]


def _is_other(quote: str) -> bool:
    words = _words(quote)
    return any(len(o) == len(words) and all(map(_same_word, words, o)) for o in OTHER)


def _quotes(text: str, in_box: bool) -> Iterator[str]:
    for m in re.finditer(r"«([^«»]+)»|“([^“”]+)”", text):
        if in_box or CUE.search(text[: m.start()]):
            yield m.group(1) or m.group(2)


def _misquotes(entries: list[tuple[str, str, str, bool]]) -> list[str]:
    bad = []
    for where, lang, text, in_box in entries:
        for quote in _quotes(text, in_box):
            # A quotation may give the original's words (any language) or the translation shown in lang.
            sources = ("kk",) if KAZAKH_LETTERS.search(quote) else (lang, "kk")
            parts = [p for p in re.split(r"\s*…\s*", quote) if p.strip()]
            if _is_other(quote) or all(any(_in_essay(p, s) for s in sources) for p in parts):
                continue
            bad.append(f"{where} [{lang}]: [{quote}] is not in the {sources[0]} essay on screen")
    return bad


def _fact_check_and_lesson_texts() -> list[tuple[str, str, str, bool]]:
    out = []
    for c in yaml.safe_load((DATA / "factchecks.yaml").read_text("utf-8"))["checks"]:
        out += [
            (f"factchecks:{c['id']}.{f}", lang, c[f][lang], True)
            for f in ("title", "text")
            for lang in LANGS
        ]
    for where, lang, text in TEXTS:
        if where.startswith(
            (
                "lessons.yaml",
                "keypoints.yaml",
                "events.yaml",
                "glossary.yaml",
                "translations/",
                "quizzes/",
            )
        ):
            out.append((where, lang, text, False))
    return out  # fmt: skip


def test_quoted_essay_phrases_match_the_essay_shown_in_that_language():
    assert _misquotes(_fact_check_and_lesson_texts()) == []


def test_a_misquoted_essay_phrase_is_found():
    planted = [("planted", "ru", "В эссе сказано «проделывает немалую работу».", False)]
    assert _misquotes(planted) == [
        "planted [ru]: [проделывает немалую работу] is not in the ru essay on screen"
    ]


# ---- content fixes a test can hold --------------------------------------------------------------
def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text("utf-8"))


def test_lesson_00_names_the_after_essay_band_by_the_colour_it_is_drawn_in():
    colour = {e["id"]: e["colour"] for e in _yaml("events.yaml")["eras"]}["since_essay"]
    words = {"#56B4E9": {"kk": "көгілдір", "ru": "голуб", "en": "blue"}}[colour.upper()]
    texts = {lang: t for w, lang, t in TEXTS if w.endswith("00-kirispe/timeline-head")}
    texts["kk"] = next(t for w, _, t in TEXTS if w == "00-kirispe.ipynb:timeline-head")
    for lang, word in words.items():
        assert word in texts[lang].lower(), lang


def test_the_alma_ata_declaration_is_taught_as_ending_the_ussr_in_every_language():
    ends = {"kk": "өмір сүруі тоқта", "ru": "прекращает", "en": "ceases to exist"}
    glossary = {g["id"]: g for g in _yaml("glossary.yaml")["terms"]}["deklaratsiya"]["definition"]
    event = {e["id"]: e for e in _yaml("events.yaml")["events"]}["alma_ata_declaration"][
        "description"
    ]
    check = {c["id"]: c for c in _yaml("factchecks.yaml")["checks"]}["almaty-declaration"]["text"]
    for lang, words in ends.items():
        for where, texts in (("glossary", glossary), ("events", event), ("factchecks", check)):
            assert words in texts[lang], (where, lang)


def test_no_fact_check_on_the_eurasec_sentences_calls_them_plainly_verified():
    # Sentences 11-14 speak of EurAsEC in the present tense; it has not existed since 2015.
    plain = [
        c["id"]
        for c in _yaml("factchecks.yaml")["checks"]
        if set(c["sentences"]) & {11, 12, 13, 14} and c["verdict"] == "verified"
    ]
    assert plain == []
