"""Per-lesson state that every view watches: language, teacher mode, scores, shuffling seed."""

from __future__ import annotations

import os
import random
import secrets

from traitlets import Bool, HasTraits, Unicode

from ._data import LANGS
from ._results import Scoreboard

_TRUE = {"1", "true", "yes", "on", "иә"}


def env_teacher() -> bool:
    """Return True when the machine is a teacher's (TMD_TEACHER=1)."""
    return os.environ.get("TMD_TEACHER", "").strip().casefold() in _TRUE


def env_lang() -> str:
    """Return the language preset by TMD_LANG, Kazakh by default."""
    lang = os.environ.get("TMD_LANG", "kk").strip().casefold()
    return lang if lang in LANGS else "kk"


class State(HasTraits):
    """What every widget of one lesson shares; views observe `lang` and `teacher`."""

    lang = Unicode("kk")
    teacher = Bool(False)

    def __init__(
        self, lang: str | None = None, teacher: bool | None = None, seed: str | None = None
    ):
        super().__init__(
            lang=lang if lang in LANGS else env_lang(),
            teacher=env_teacher() if teacher is None else teacher,
        )
        # A seed per kernel: each student sees their own option order, stable while the kernel runs;
        # TMD_SEED (or seed=) makes it deterministic for tests and for a teacher's printed key.
        self.seed = seed or os.environ.get("TMD_SEED") or secrets.token_hex(4)
        self.board = Scoreboard()

    def shuffled(self, item_id: str, values: list) -> list:
        """Return values in this student's stable order for the item."""
        out = list(values)
        random.Random(f"{self.seed}:{item_id}").shuffle(out)  # noqa: S311 - ordering, not security
        return out
