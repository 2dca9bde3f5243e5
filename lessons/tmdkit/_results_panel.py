"""'My results': the summary to copy, a download link, and a save button that never fails silently."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from . import _content as content
from ._html import esc, shown_text
from ._i18n import t
from ._results import record
from ._save import SaveError, data_url, file_name, safe_name, save
from ._summary import summary_text
from ._widgets import set_traits

if TYPE_CHECKING:
    from ._lesson import Lesson

log = logging.getLogger("tmdkit")


def download_html(data: dict, lang: str) -> str:
    """Return the link that downloads the results file, made in the page (no kernel round trip)."""
    if not safe_name(data["name"]):
        return f'<span class="tmd-download tmd-download-off">{esc(t("download_needs_name", lang))}</span>'
    return (
        f'<a class="tmd-download" download="{esc(file_name(data))}" href="{data_url(data)}">'
        f'<i class="fa fa-download" aria-hidden="true"></i> {esc(t("download_results", lang))}</a>'
    )


def status_html(status: tuple[str, str, dict, str] | None, lang: str) -> str:
    """Return the save status line: what happened, in lang, and what to do after a failure."""
    if status is None:
        return ""
    icon, key, params, detail = status
    line = f"{icon} {esc(t(key, lang, **params))}"
    if detail:
        line += f" <small>({esc(detail)})</small>"
    if icon == "⚠" and key != "no_name":
        line += f"<br>{esc(t('save_keep', lang))}"
    css = "tmd-verdict-invalid" if icon == "⚠" else "tmd-verdict-right"
    return f'<div class="tmd-save-status {css}" role="status">{line}</div>'


class ResultsPanel:
    """The results block of one lesson; kept up to date as the score and the name change."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson, kit = lesson, lesson.kit
        lang = lesson.state.lang
        self.status: tuple[str, str, dict, str] | None = None
        self.bank = content.bank_version(lesson.stem, lesson.root)  # fixed while the kernel runs
        # Made with what they show: one message each to the browser, and nothing to redraw yet.
        labels = self._labels(lang)
        self.name = kit.make(w.Text, "tmd-name", **labels["name"])
        self.summary = kit.make(w.HTML, "tmd-results-summary", value=self._summary_html(lang))
        self.button = kit.make(w.Button, "tmd-save", button_style="primary", icon="save",
                               **labels["button"])  # fmt: skip
        self.actions = kit.make(w.HTML, "tmd-results-actions", value=self._actions_html(lang))
        self.widget = kit.make(
            w.Box, "tmd-results", children=[self.summary, self.name, self.button, self.actions]
        )
        self.button.on_click(self.on_save)
        self.name.observe(lambda _c: self.draw_actions(), names=["value"])
        lesson.state.observe(lambda _c: self.redraw(), names=["lang"])
        lesson.toolbar.listeners.append(self.refresh)

    def record(self) -> dict:
        """Return the results as they would be saved now."""
        lesson = self.lesson
        return record(
            lesson.stem,
            self.name.value,
            lesson.state.lang,
            lesson.state.board,
            datetime.now().astimezone(),
            self.bank,
        )

    def redraw(self) -> None:
        """Redraw every label in the lesson's language, then the contents."""
        set_traits(self, self._labels(self.lesson.state.lang))
        self.refresh()

    @staticmethod
    def _labels(lang: str) -> dict[str, dict[str, str]]:
        """Return the labels of the name box and the save button, by attribute, in lang."""
        save = t("save_results", lang)
        return {
            "name": {
                "description": t("name_label", lang),
                "placeholder": t("name_placeholder", lang),
            },
            "button": {"description": save, "tooltip": save},
        }

    def refresh(self) -> None:
        """Redraw the summary and the download link from the current score."""
        self.summary.value = self._summary_html(self.lesson.state.lang)
        self.draw_actions()

    def _summary_html(self, lang: str) -> str:
        lesson = self.lesson
        text = summary_text(lesson.stem, lesson.state, lang, lesson.root)
        name = shown_text(self.name.value)
        text = f"{name}\n{text}" if name else text
        title = esc(t("my_results", lang))
        # Enough rows for the whole summary on a narrow screen: a wrapped line takes two.
        rows = sum(1 + len(line) // 60 for line in text.splitlines()) + 1
        return (
            f"<b>{title}</b>"
            f'<textarea class="tmd-summary" readonly rows="{rows}"'
            f' aria-label="{title}">{esc(text)}</textarea>'
        )

    def draw_actions(self) -> None:
        """Redraw the download link (its file carries the name typed so far) and the status."""
        self.actions.value = self._actions_html(self.lesson.state.lang)

    def _actions_html(self, lang: str) -> str:
        return download_html(self.record(), lang) + status_html(self.status, lang)

    def on_save(self, _button: Any = None) -> None:
        """Save the results file; every outcome, failures included, is shown under the button."""
        try:
            path = save(self.record(), self.lesson.results_dir)
        except SaveError as exc:
            log.warning("saving results failed: %s", exc)
            self.status = ("⚠", exc.key, {}, exc.detail)
        except Exception as exc:  # any failure must reach the student
            log.exception("saving results failed")
            self.status = ("⚠", "save_failed", {}, f"{type(exc).__name__}: {exc}")
        else:
            self.status = ("✔", "saved_to", {"path": content.shown_path(path)}, "")
        self.refresh()
