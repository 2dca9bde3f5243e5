"""Broken content met inside a running lesson: a visible box with `make check`'s message, no traceback."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from IPython.display import HTML

from ._data import LANGS, DataError
from ._html import esc
from ._i18n import t
from ._state import env_lang

log = logging.getLogger("tmdkit")


def problem(exc: BaseException) -> str:
    """Return the message a teacher acts on: file, entry and field, as `make check` prints it."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: (file): (file): {exc.strerror or type(exc).__name__}"
    return str(exc)


def error_box(exc: BaseException, lang: str | None = None) -> HTML:
    """Return a box (no widget) that says what is broken and, in the lesson's language, what to do."""
    lang = lang if lang in LANGS else env_lang()
    try:
        hint = t("data_error", lang)
    except Exception:  # ui.yaml itself may be the broken file; show the message alone
        hint = ""
    return HTML(
        f'<div class="tmd-data-error" role="alert" style="border:2px solid #D55E00;'
        f'padding:8px 12px;background:#fdecea;">'
        f"<b>⚠ {esc(hint)}</b><pre style='white-space:pre-wrap'>{esc(problem(exc))}</pre></div>"
    )


def guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a lesson method so broken content shows the error box in its cell, not a traceback."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (DataError, OSError) as exc:
            log.warning("lesson %s: %s", getattr(self, "stem", "?"), problem(exc))
            return error_box(exc, self.state.lang)

    return wrapper


class BrokenLesson:
    """What start() returns when the lesson cannot be built: every call shows the same box."""

    def __init__(self, exc: BaseException, lang: str | None = None) -> None:
        self.error = exc
        self.box = error_box(exc, lang)
        log.warning("lesson not started: %s", problem(exc))

    def __getattr__(self, name: str) -> Callable[..., HTML]:
        if name.startswith(
            "_"
        ):  # IPython probes _repr_*_ and _ipython_*_: answer as a plain object
            raise AttributeError(name)
        return lambda *_args, **_kwargs: self.box

    def __repr__(self) -> str:
        return f"<lesson not started: {problem(self.error)}>"
