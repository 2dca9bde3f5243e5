"""Russian and English lesson sets generated from the Kazakh notebooks and translation catalogs."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import nbformat

from ._data import DATA, DataError, relative
from ._load import load

LESSONS = DATA.parent / "lessons"
TARGETS = ("ru", "en")
START = """import sys

sys.path.insert(0, "..")  # the lesson package lives one folder up, in lessons/tmdkit
from tmdkit import start

lesson = start("{stem}", lang="{lang}")"""
REPORT_START = """import sys

sys.path.insert(0, "../..")  # the lesson package lives two folders up, in lessons/tmdkit
from tmdkit.report import ClassReport

report = ClassReport(lang="{lang}")"""
# Kazakh notebook folders under lessons/ and the first code cell of their generated copies, which
# live in <folder>/<lang>/: the lessons, and the teacher's class report.
SETS = {"": START, "teacher": REPORT_START}


def kazakh_notebooks(lessons: Path = LESSONS) -> list[Path]:
    """Return the Kazakh notebooks: the lessons, then the teacher's notebooks."""
    return [path for folder in SETS for path in sorted((lessons / folder).glob("*.ipynb"))]


def _key(path: Path, lessons: Path) -> str:
    # "02-toragalyk" for a lesson, "teacher/class-report" for the teacher's report
    return path.relative_to(lessons).with_suffix("").as_posix()


def source_hash(text: str) -> str:
    """Return the fingerprint of a Kazakh cell that a translation records (like gettext's msgid)."""
    norm = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]


def kazakh_cells(lessons: Path = LESSONS) -> dict[str, str]:
    """Return every Markdown cell of the Kazakh notebooks, keyed '[teacher/]<stem>/<cell id>'."""
    cells = {}
    for path in kazakh_notebooks(lessons):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cells[f"{_key(path, lessons)}/{cell.id}"] = cell.source
    return cells


def catalog(lang: str, root: Path = DATA) -> dict[str, dict]:
    """Return a language's catalog: key -> {text, source}."""
    return load(f"translations/{lang}", root, schema="translations")["cells"]


def issues(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> list[DataError]:
    """Return one error per Kazakh cell with no translation or a stale one, and per orphan entry."""
    source, entries = kazakh_cells(lessons), catalog(lang, root)
    file = relative(root / "translations" / f"{lang}.yaml", root)
    out = []
    for key, text in source.items():
        entry = entries.get(key)
        if entry is None:
            out.append(DataError(file, key, "text", f"missing: no {lang} translation of this cell"))
        elif entry.get("source") != source_hash(text):
            stale = "stale: the Kazakh cell changed since it was translated (update, then stamp)"
            out.append(DataError(file, key, "source", stale))
    out += [
        DataError(file, key, "(entry)", "orphan: no such Kazakh cell")
        for key in entries
        if key not in source
    ]
    return out


def problems(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> list[str]:
    """Return one line per Kazakh cell with no translation, a stale one, or an orphan entry."""
    return [str(error) for error in issues(lang, root, lessons)]


def build(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> dict[Path, str]:
    """Return the generated notebooks of one language: path -> file text."""
    entries = catalog(lang, root)
    out = {}
    for path in kazakh_notebooks(lessons):
        nb = nbformat.read(path, as_version=4)
        first_code, folder = True, path.parent.relative_to(lessons).as_posix().strip(".")
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                key = f"{_key(path, lessons)}/{cell.id}"
                if key not in entries:
                    raise DataError(f"data/translations/{lang}.yaml", key, "text", "a translation")
                cell.source = entries[key]["text"]
            elif first_code:
                cell.source, first_code = SETS[folder].format(stem=path.stem, lang=lang), False
        source = path.relative_to(lessons.parent).as_posix()
        nb.metadata["tmd"] = {"generated_from": source, "lang": lang}
        out[path.parent / lang / path.name] = nbformat.writes(nb) + "\n"
    return out


def write(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> list[Path]:
    """Write the generated notebooks of one language; return the paths that changed."""
    changed = []
    for path, text in build(lang, root, lessons).items():
        path.parent.mkdir(exist_ok=True)
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed


def outdated_issues(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> list[DataError]:
    """Return one error per generated notebook that differs from what `make translations` writes."""
    built = build(lang, root, lessons)
    stray = [p for f in SETS for p in (lessons / f / lang).glob("*.ipynb") if p not in built]
    return [
        DataError(
            p.relative_to(lessons.parent), "(file)", "(file)", "out of date (run make translations)"
        )
        for p, text in built.items()
        if not p.exists() or p.read_text("utf-8") != text
    ] + [
        DataError(p.relative_to(lessons.parent), "(file)", "(file)", "no Kazakh source")
        for p in stray
    ]


def outdated(lang: str, root: Path = DATA, lessons: Path = LESSONS) -> list[str]:
    """Return the generated notebooks that differ from what `make translations` would write."""
    return [str(error) for error in outdated_issues(lang, root, lessons)]


def stamp(lang: str, keys: tuple[str, ...] = (), root: Path = DATA, lessons: Path = LESSONS) -> int:
    """Record the current Kazakh fingerprint on the named entries, or on those that have none."""
    import yaml

    path = root / "translations" / f"{lang}.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    source, count = kazakh_cells(lessons), 0
    for key, entry in doc["cells"].items():
        if key in source and (key in keys or (not keys and "source" not in entry)):
            entry["source"], count = source_hash(source[key]), count + 1

    class Dumper(yaml.SafeDumper):
        """Writes multi-line cells as literal blocks, so the catalog reads like the notebook."""

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        style = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    header = "".join(
        line + "\n" for line in path.read_text("utf-8").splitlines() if line.startswith("#")
    )
    body = yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, "utf-8")
    return count
