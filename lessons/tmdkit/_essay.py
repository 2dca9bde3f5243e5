"""The essay as records: original sentences, translations, editorial fixes and sections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ._data import DATA, DataError, check_unique, relative
from ._load import load

FILE = "essay/essay"


@dataclass(frozen=True)
class Fix:
    """One editorial fix for display: `original` in sentence `sentence` is shown as `fixed`."""

    id: str
    sentence: int
    original: str
    fixed: str
    why: Mapping[str, str]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the essay: the Kazakh original word for word, and our translations."""

    n: int
    kk: str
    ru: str
    en: str
    fixes: tuple[Fix, ...] = ()

    def segments(self) -> list[tuple[str, Fix | None]]:
        """Return the original cut into plain runs and the runs an editorial fix replaces."""
        out: list[tuple[str, Fix | None]] = []
        rest = self.kk
        for fix in sorted(self.fixes, key=lambda f: self.kk.index(f.original)):
            before, _, rest = rest.partition(fix.original)
            out += [(before, None), (fix.original, fix)]
        out.append((rest, None))
        return [(text, fix) for text, fix in out if text]

    @property
    def displayed(self) -> str:
        """Return the sentence as shown: the original with exactly its listed fixes applied."""
        return "".join(fix.fixed if fix else text for text, fix in self.segments())


@dataclass(frozen=True)
class Section:
    """A run of consecutive sentences that one lesson presents."""

    id: str
    stem: str
    first: int
    last: int
    title: Mapping[str, str]

    @property
    def numbers(self) -> range:
        """Return the sentence numbers of this section."""
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class Essay:
    """The whole essay: title, sentences, sections, and the original text they reproduce."""

    title: Mapping[str, str]
    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    original: str

    def sentence(self, n: int) -> Sentence:
        """Return sentence number n (1-based)."""
        return self.sentences[n - 1]


def _fixes(doc: dict, file: str, count: int) -> dict[int, list[Fix]]:
    check_unique(doc["fixes"], "id", file)
    by_sentence: dict[int, list[Fix]] = {}
    for raw in doc["fixes"]:
        fix = Fix(**raw)
        if not 1 <= fix.sentence <= count:
            raise DataError(file, fix.id, "sentence", f"a sentence number from 1 to {count}")
        occurrences = doc["sentences"][fix.sentence - 1]["kk"].count(fix.original)
        if occurrences != 1:
            raise DataError(
                file,
                fix.id,
                "original",
                f"text found exactly once in sentence {fix.sentence} (found {occurrences} times)",
            )
        by_sentence.setdefault(fix.sentence, []).append(fix)
    return by_sentence


def _sections(doc: dict, file: str, count: int) -> tuple[Section, ...]:
    check_unique(doc["sections"], "id", file)
    sections, expected = [], 1
    for raw in doc["sections"]:
        first, last = raw["sentences"]
        if first != expected or last < first:
            raise DataError(
                file, raw["id"], "sentences", f"a range starting at sentence {expected}"
            )
        sections.append(Section(raw["id"], raw["stem"], first, last, raw["title"]))
        expected = last + 1
    if expected != count + 1:
        raise DataError(
            file, sections[-1].id, "sentences", f"sections that end at sentence {count}"
        )
    return tuple(sections)


def _original(source: Path, file: str, root: Path) -> str:
    try:
        return source.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError(
            file, "(top)", "source", f"a file that exists ({relative(source, root)})"
        ) from None
    except UnicodeDecodeError as exc:
        name = relative(source, root)
        raise DataError(name, "(file)", "(file)", f"UTF-8 text (byte {exc.start} is not)") from None


def load_essay(root: Path = DATA) -> Essay:
    """Return the essay from data/essay/, checked against the byte-exact original text file."""
    doc = load(FILE, root, schema="essay")
    file = relative(root / f"{FILE}.yaml", root)
    count = len(doc["sentences"])
    for i, raw in enumerate(doc["sentences"], start=1):
        if raw["n"] != i:
            raise DataError(file, str(raw["n"]), "n", f"sentences numbered in order (expected {i})")
    source = root / "essay" / doc["source"]
    original = _original(source, file, root)
    rebuilt = doc["title"]["kk"] + "\n" + " ".join(s["kk"] for s in doc["sentences"])
    if rebuilt != original:
        raise DataError(
            file, "sentences", "kk", f"title and sentences that rebuild {source.name} exactly"
        )
    fixes = _fixes(doc, file, count)
    sentences = tuple(
        Sentence(s["n"], s["kk"], s["ru"], s["en"], tuple(fixes.get(s["n"], ())))
        for s in doc["sentences"]
    )
    return Essay(doc["title"], sentences, _sections(doc, file, count), original)


@cache
def essay() -> Essay:
    """Return the lesson's essay, loaded once per kernel through the rules `make check` runs."""
    from ._validate import validated

    return validated("essay")
