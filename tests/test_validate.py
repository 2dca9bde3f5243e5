"""Each data file broken in several ways: `make check` and the lesson both name file, entry, field."""

import shutil

import pytest
from conftest import DATA, ROOT
from tmdkit import _validate
from tmdkit.__main__ import check as check_command
from tmdkit._data import DataError

# (case, file under data/, text to find, its replacement,
#  file the error names, entry, field, what the lesson loads that meets it)
FAULTS = [
    ("glossary-missing-field", "glossary.yaml", "    in_essay: true\n", "",
     "glossary.yaml", "tmd", "in_essay", "glossary"),
    ("glossary-wrong-type", "glossary.yaml", "    in_essay: true\n", "    in_essay: [yes]\n",
     "glossary.yaml", "tmd", "in_essay", "glossary"),
    ("glossary-dangling-id", "glossary.yaml", "see_also: [dostastyk,", "see_also: [nosuch,",
     "glossary.yaml", "tmd", "see_also", "glossary"),
    ("glossary-duplicate-id", "glossary.yaml", "  - id: dostastyk", "  - id: tmd",
     "glossary.yaml", "tmd", "id", "glossary"),
    ("events-missing-field", "events.yaml", "    precision: day\n", "",
     "events.yaml", "belavezha_accords", "precision", "events"),
    ("events-wrong-type", "events.yaml", 'start: "1991-12-08"', "start: [1991]",
     "events.yaml", "belavezha_accords", "start", "events"),
    ("events-bad-date", "events.yaml", 'start: "1991-12-08"', 'start: "1991-02-30"',
     "events.yaml", "belavezha_accords", "start", "events"),
    ("events-dangling-lane", "events.yaml", "    category: founding\n", "    category: nosuch\n",
     "events.yaml", "belavezha_accords", "category", "events"),
    ("events-duplicate-id", "events.yaml", "  - id: summit\n", "  - id: founding\n",
     "events.yaml", "founding", "id", "events"),
    ("events-sentence-past-the-essay", "events.yaml", "    essay: [", "    essay: [99, ",
     "events.yaml", "belavezha_accords", "essay", "events"),
    ("members-bad-status", "members.yaml", "status: member,", "status: membr,",
     "members.yaml", "ARM", "cis.1.status", "members"),
    ("members-bad-date", "members.yaml", "{from: '1994-03-16'", "{from: '1994-02-30'",
     "members.yaml", "ARM", "cis.1.from", "members"),
    ("members-duplicate-id", "members.yaml", "  - iso3: AZE", "  - iso3: ARM",
     "members.yaml", "ARM", "iso3", "members"),
    ("members-missing-field", "members.yaml", "    eurasec: []\n", "",
     "members.yaml", "ARM", "eurasec", "members"),
    ("members-wrong-type", "members.yaml", "    eurasec: []\n", "    eurasec: none\n",
     "members.yaml", "ARM", "eurasec", "members"),
    ("lessons-missing-field", "lessons.yaml", "    minutes: 15\n", "",
     "lessons.yaml", "00-kirispe", "minutes", "lessons"),
    ("lessons-wrong-type", "lessons.yaml", "minutes: 15", "minutes: fifteen",
     "lessons.yaml", "00-kirispe", "minutes", "lessons"),
    ("lessons-dangling-section", "lessons.yaml", "section: cis", "section: nosuch",
     "lessons.yaml", "01-tmd", "section", "lessons"),
    ("lessons-duplicate-stem", "lessons.yaml", "  - stem: 01-tmd", "  - stem: 00-kirispe",
     "lessons.yaml", "00-kirispe", "stem", "lessons"),
    ("lessons-bad-kind", "lessons.yaml", "    kind: intro\n", "    kind: outro\n",
     "lessons.yaml", "00-kirispe", "kind", "lessons"),
    ("factchecks-dangling-event", "factchecks.yaml", "events: [belavezha_accords, alma",
     "events: [nosuch, alma", "factchecks.yaml", "founding-date", "events", "factchecks"),
    ("factchecks-sentence-past-the-essay", "factchecks.yaml", "sentences: [1, 15]",
     "sentences: [1, 99]", "factchecks.yaml", "founding-date", "sentences", "factchecks"),
    ("factchecks-wrong-type", "factchecks.yaml", "sentences: [1, 15]", "sentences: one",
     "factchecks.yaml", "founding-date", "sentences", "factchecks"),
    ("factchecks-bad-verdict", "factchecks.yaml", "verdict: partly", "verdict: partially",
     "factchecks.yaml", "founding-date", "verdict", "factchecks"),
    ("factchecks-duplicate-id", "factchecks.yaml", "  - id: missing-spaces",
     "  - id: founding-date", "factchecks.yaml", "founding-date", "id", "factchecks"),
    ("keypoints-duplicate-id", "keypoints.yaml", "  - id: belavezha-1991",
     "  - id: founding-almaty-1991", "keypoints.yaml", "founding-almaty-1991", "id", "keypoints"),
    ("keypoints-bad-kind", "keypoints.yaml", "    kind: date", "    kind: day",
     "keypoints.yaml", "founding-almaty-1991", "kind", "keypoints"),
    ("essay-missing-source", "essay/essay.yaml", 'source: "essay-68.kk.txt"',
     'source: "nosuch.txt"', "essay/essay.yaml", "(top)", "source", "essay"),
    ("essay-section-of-another-lesson", "essay/essay.yaml", "    stem: 01-tmd",
     "    stem: 09-nosuch", "lessons.yaml", "01-tmd", "section", "lessons"),
    ("quiz-dangling-event", "quizzes/01-tmd.yaml", "    events: [belavezha_accords, alma",
     "    events: [nosuch, alma", "quizzes/01-tmd.yaml", "01-founding-year", "events",
     "quizzes/01-tmd"),
    ("quiz-wrong-type", "quizzes/01-tmd.yaml", "answer: 1991", "answer: nineteen",
     "quizzes/01-tmd.yaml", "01-founding-year", "answer", "quizzes/01-tmd"),
    ("quiz-missing-field", "quizzes/01-tmd.yaml", "    answer: 1991\n", "",
     "quizzes/01-tmd.yaml", "01-founding-year", "answer", "quizzes/01-tmd"),
    ("quiz-sentence-past-the-essay", "quizzes/01-tmd.yaml", "    essay: [1]\n",
     "    essay: [99]\n", "quizzes/01-tmd.yaml", "01-founding-year", "essay", "quizzes/01-tmd"),
    ("quiz-duplicate-id", "quizzes/01-tmd.yaml", "  - id: 01-founding-two-dates",
     "  - id: 01-founding-year", "quizzes/01-tmd.yaml", "01-founding-year", "id",
     "quizzes/01-tmd"),
    ("ui-missing-field", "ui.yaml", 'right: {kk: "Дұрыс!", ru: "Верно!", en: "Right!"}',
     'right: {kk: "Дұрыс!", ru: "Верно!"}', "ui.yaml", "right", "en", "ui"),
    ("ui-wrong-type", "ui.yaml", 'right: {kk: "Дұрыс!", ru: "Верно!", en: "Right!"}',
     "right: 42", "ui.yaml", "right", "(entry)", "ui"),
    ("ui-misspelt-placeholder", "ui.yaml", 'ru: "Результаты сохранены: {path}"',
     'ru: "Результаты сохранены: {pth}"', "ui.yaml", "saved_to", "ru", "ui"),
    ("ui-unbalanced-brace", "ui.yaml", 'en: "Results saved to {path}"',
     'en: "Results saved to {path"', "ui.yaml", "saved_to", "en", "ui"),
    ("ui-plural-form-placeholder", "ui.yaml", 'one: "Score: {score} / {total} point"',
     'one: "Score: {score} / {totl} point"', "ui.yaml", "ubt_score", "en.one",
     "ui"),
]  # fmt: skip

# Every YAML file, with what the lesson loads from it: broken as a whole file.
FILES = [
    ("glossary.yaml", "glossary"),
    ("events.yaml", "events"),
    ("members.yaml", "members"),
    ("lessons.yaml", "lessons"),
    ("factchecks.yaml", "factchecks"),
    ("keypoints.yaml", "keypoints"),
    ("essay/essay.yaml", "essay"),
    ("quizzes/01-tmd.yaml", "quizzes/01-tmd"),
    ("ui.yaml", "ui"),
]


@pytest.fixture
def root(tmp_path):
    """Return a scratch copy of data/ (no lessons beside it, so no translation checks)."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def _both_paths(root, capsys, lesson_loads):
    """Return (the error `make check` prints, the error a lesson meets loading lesson_loads)."""
    capsys.readouterr()
    assert check_command(root) >= 1
    printed = [line[2:] for line in capsys.readouterr().out.splitlines() if line[:1] == "✘"]
    with pytest.raises(DataError) as met:
        _validate.Run(root, keep_errors=False).get(lesson_loads)
    return printed, met.value


def test_the_real_data_passes_every_rule():
    assert _validate.check_all() == []


def test_every_fault_in_the_table_changes_its_file():
    for case, name, find, *_ in FAULTS:
        assert find in (DATA / name).read_text("utf-8"), case


@pytest.mark.parametrize(
    ("name", "find", "replace", "file", "entry", "field", "loads"),
    [f[1:] for f in FAULTS],
    ids=[f[0] for f in FAULTS],
)
def test_a_broken_entry_is_named_by_file_entry_and_field_in_make_check_and_in_the_lesson(
    root, capsys, name, find, replace, file, entry, field, loads
):
    path = root / name
    path.write_text(path.read_text("utf-8").replace(find, replace, 1), "utf-8")
    printed, met = _both_paths(root, capsys, loads)
    assert (met.file, met.entry, met.field) == (f"data/{file}", entry, field), str(met)
    assert printed == [str(met)]


@pytest.mark.parametrize(("name", "loads"), FILES, ids=[f[0] for f in FILES])
def test_a_yaml_syntax_error_is_named_with_its_line_in_make_check_and_in_the_lesson(
    root, capsys, name, loads
):
    path = root / name
    path.write_text(path.read_text("utf-8") + "\nbroken: [never closed\n", "utf-8")
    printed, met = _both_paths(root, capsys, loads)
    assert (met.file, met.field) == (f"data/{name}", "(yaml)")
    assert met.entry.startswith("line ") and printed == [str(met)]


@pytest.mark.parametrize(("name", "loads"), FILES, ids=[f[0] for f in FILES])
def test_a_file_that_is_not_utf8_is_named_in_make_check_and_in_the_lesson(
    root, capsys, name, loads
):
    path = root / name
    path.write_bytes(path.read_bytes() + "\n# Қазақша".encode("cp1251", errors="replace"))
    path.write_bytes(path.read_bytes() + b"\xff\n")
    printed, met = _both_paths(root, capsys, loads)
    assert (met.file, met.entry, met.field) == (f"data/{name}", "(file)", "(file)")
    assert "UTF-8" in met.expected and printed == [str(met)]


@pytest.mark.parametrize(("name", "loads"), FILES, ids=[f[0] for f in FILES])
def test_a_missing_file_is_named_in_make_check_and_in_the_lesson(root, capsys, name, loads):
    (root / name).unlink()
    printed, met = _both_paths(root, capsys, loads)
    assert (met.file, met.expected) == (f"data/{name}", "the file is missing")
    assert str(met) in printed


@pytest.mark.parametrize(
    ("name", "file"),
    [("geo/post-soviet.geojson", "data/geo/post-soviet.geojson"),
     ("essay/essay-68.kk.txt", "data/essay/essay.yaml")],
)  # fmt: skip
def test_a_missing_map_or_essay_text_is_an_error_not_a_traceback(root, capsys, name, file):
    (root / name).unlink()
    printed, met = _both_paths(root, capsys, "members" if name.startswith("geo") else "essay")
    assert met.file == file and printed == [str(met)]


def test_a_missing_quiz_file_of_a_listed_lesson_is_reported(root):
    (root / "quizzes" / "03-bir-jyl-bir-takyryp.yaml").unlink()
    errors = _validate.check_all(root)
    assert [(e.file, e.entry) for e in errors] == [
        ("data/quizzes/03-bir-jyl-bir-takyryp.yaml", "(file)")
    ]


def test_a_rule_that_needs_a_broken_file_is_reported_as_not_checked_not_as_a_second_error(
    root, capsys
):
    path = root / "essay" / "essay.yaml"
    path.write_text(path.read_text("utf-8") + "\n: [\n", "utf-8")
    capsys.readouterr()
    check_command(root)
    out = capsys.readouterr().out
    assert out.count("✘ ") == 1 and "… data/lessons.yaml: not checked" in out


def test_a_stale_translation_is_reported_by_make_check(tmp_path, capsys):
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "lessons").symlink_to(ROOT / "lessons")
    path = tmp_path / "data" / "translations" / "ru.yaml"
    text = path.read_text("utf-8")
    start = text.index("source: ") + len("source: ")
    path.write_text(text[:start] + "abcdefabcdef" + text[start + 12 :], "utf-8")
    errors = _validate.check_all(tmp_path / "data")
    assert [(e.file, e.field) for e in errors] == [("data/translations/ru.yaml", "source")]
    assert "stale" in errors[0].expected


def test_every_content_a_lesson_shows_is_loaded_through_the_rules_make_check_runs(monkeypatch):
    from tmdkit import _content as content
    from tmdkit import _essay, _figures

    asked = []

    def spy(name, root=DATA):
        asked.append(name)
        return _validate.Run(root).get(name)

    monkeypatch.setattr(content, "validated", spy)
    monkeypatch.setattr(_validate, "validated", spy)
    loaders = [
        content.lessons, content.glossary, content.checks, content.keypoints,
        content.timeline_data, content.members, content._quiz, _essay.essay, _figures.members,
    ]  # fmt: skip
    for loader in loaders:
        loader.cache_clear()
    try:
        content.lessons(), content.glossary(), content.checks(), content.keypoints()
        content.timeline_data(), _figures.members(), content.quiz_items("01-tmd"), _essay.essay()
    finally:
        for loader in loaders:
            loader.cache_clear()
    assert sorted(asked) == sorted(
        ["lessons", "glossary", "factchecks", "keypoints", "events", "members", "quizzes/01-tmd",
         "essay"]
    )  # fmt: skip


def test_a_rule_that_fails_unexpectedly_names_its_file_instead_of_a_traceback(
    root, capsys, monkeypatch
):
    from tmdkit import _rules

    def broken(run):
        raise KeyError("surprise")

    monkeypatch.setitem(_rules.RULES, "keypoints", broken)
    capsys.readouterr()
    assert check_command(root) == 1
    out = capsys.readouterr().out
    assert "✘ data/keypoints.yaml: (file): " in out and "KeyError" in out


def test_the_check_command_checks_a_copied_data_folder_given_on_the_command_line(root, capsys):
    from tmdkit.__main__ import main

    path = root / "members.yaml"
    path.write_text(path.read_text("utf-8").replace("status: member,", "status: membr,", 1))
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert '✘ data/members.yaml: ARM: field "cis.1.status"' in out and "Traceback" not in out


def test_the_check_command_refuses_a_folder_that_is_not_a_data_folder(tmp_path, capsys):
    from tmdkit.__main__ import main

    assert main(["check", str(tmp_path)]) == 2
    assert "not a data folder" in capsys.readouterr().err


# The lesson block that reads each file (lessons.yaml and the essay stop the lesson at its start).
BLOCKS = {
    "glossary": "essay", "events": "timeline", "members": "map", "lessons": None, "essay": None,
    "factchecks": "facts", "keypoints": "coverage", "quizzes/01-tmd": "quiz",
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "find", "replace", "loads"),
    [(f[1], f[2], f[3], f[7]) for f in FAULTS if f[7] in BLOCKS],
    ids=[f[0] for f in FAULTS if f[7] in BLOCKS],
)
def test_a_broken_entry_shows_make_checks_message_in_a_box_in_the_lesson_block_that_reads_it(
    root, monkeypatch, name, find, replace, loads
):
    from IPython.display import HTML
    from tmdkit import _lesson
    from tmdkit._html import esc

    path = root / name
    path.write_text(path.read_text("utf-8").replace(find, replace, 1), "utf-8")
    with pytest.raises(DataError) as met:
        _validate.Run(root, keep_errors=False).get(loads)
    monkeypatch.setattr(_lesson, "display", lambda *_a, **_k: None)
    lesson = _lesson.start("01-tmd", root=root, seed="t", results=root.parent / "results")
    try:
        block = BLOCKS[loads]
        shown = lesson.box if block is None else getattr(lesson, block)()
        assert isinstance(shown, HTML) and esc(str(met.value)) in shown.data
    finally:
        _lesson._STARTED.pop("01-tmd", None)
        if block is not None:
            lesson.close()


BREAKS = {
    "yaml-syntax": lambda path: path.write_text(
        path.read_text("utf-8") + "\nbroken: [never closed\n", "utf-8"
    ),
    "not-utf8": lambda path: path.write_bytes(path.read_bytes() + b"\xff\n"),
    "missing": lambda path: path.unlink(),
}
# (file broken, how, what the lesson loads from it, the file the box names)
WHOLE = [
    (name, how, loads, f"data/{name}")
    for name, loads in FILES
    if loads in BLOCKS
    for how in sorted(BREAKS)
] + [
    ("geo/post-soviet.geojson", "missing", "members", "data/geo/post-soviet.geojson"),
    ("essay/essay-68.kk.txt", "missing", "essay", "data/essay/essay.yaml"),
]


@pytest.mark.parametrize(
    ("name", "how", "loads", "named"), WHOLE, ids=[f"{w[0]}-{w[1]}" for w in WHOLE]
)
def test_a_broken_or_missing_file_shows_a_box_in_the_lesson_block_that_reads_it(
    root, monkeypatch, name, how, loads, named
):
    from IPython.display import HTML
    from tmdkit import _lesson

    BREAKS[how](root / name)
    monkeypatch.setattr(_lesson, "display", lambda *_a, **_k: None)
    lesson = _lesson.start("01-tmd", root=root, seed="t", results=root.parent / "results")
    block = BLOCKS[loads]
    try:
        shown = lesson.box if block is None else getattr(lesson, block)()
        assert isinstance(shown, HTML) and "tmd-data-error" in shown.data
        assert named in shown.data
    finally:
        _lesson._STARTED.pop("01-tmd", None)
        if block is not None:
            lesson.close()


@pytest.mark.parametrize(("name", "loads"), FILES, ids=[f[0] for f in FILES])
def test_a_key_given_twice_in_one_entry_is_named_with_its_line_not_silently_dropped(
    root, capsys, name, loads
):
    path = root / name
    text = path.read_text("utf-8")
    path.write_text(text + "\nsame: 1\nsame: 2\n", "utf-8")
    printed, met = _both_paths(root, capsys, loads)
    line = len((text + "\nsame: 1\n").splitlines()) + 1
    assert (met.file, met.entry, met.field) == (f"data/{name}", f"line {line}", "(yaml)")
    assert "'same' is given twice" in met.expected and printed == [str(met)]
