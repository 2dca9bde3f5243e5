"""What a page did that a test may hold against it: requests, console errors, kernel errors."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from typing import ClassVar

from ._browser import is_loopback


@dataclass(frozen=True)
class Noise:
    """A console line known to be harmless, and why; `pattern` is searched in the line."""

    pattern: str
    reason: str


# Keep this short: each entry hides a class of messages from every browser test.
ALLOWED_NOISE: tuple[Noise, ...] = (
    Noise(
        r"^kernel stderr after comm_open: No such comm target registered: jupyter\.widget\.control\s*$",
        "Lab's widget manager asks every new kernel for ipywidgets' control comm before the "
        "lesson has imported ipywidgets; it falls back to asking again later",
    ),
    Noise(
        r"^console: Failed to load resource: net::ERR_NAME_NOT_RESOLVED "
        r"\(https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@%5E5/css/",
        "Voilà 0.5.13's own lab template links Font Awesome from a CDN although voila.js "
        "bundles the same fonts (tests/browser/test_voila.py lists the two URLs)",
    ),
    Noise(
        r"^console: Failed to load resource: the server responded with a status of 404 "
        r"\(File not found\) \(http://127\.0\.0\.1:\d+/api/contents/[^ ]*/?all\.json\)$",
        "JupyterLite asks the static host for a folder's listing before reading the browser's "
        "own storage; a folder made in the browser (results/) has no listing on the host",
    ),
)
# The comm id of that control-comm probe: its follow-up "No such comm: <id>" is the same noise.
CONTROL_TARGET = "jupyter.widget.control"

# JupyterLite's kernel runs in a web worker and talks to the page through an in-page socket that
# Playwright never sees: follow the notebook's kernel connection itself and hand Python only what
# kernel_problem and the probe filter read (a sent comm_open, an iopub error or stderr stream).
_IN_PAGE_KERNEL = """(() => { const seen = new WeakSet(); setInterval(() => {
  const w = window.jupyterapp && window.jupyterapp.shell && window.jupyterapp.shell.currentWidget;
  const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || seen.has(kernel)) return;
  seen.add(kernel);
  kernel.anyMessage.connect((_, {msg, direction}) => {
    const kind = msg.header.msg_type, content = msg.content || {};
    const wanted = direction === 'send' ? kind === 'comm_open' : msg.channel === 'iopub'
      && (kind === 'error' || (kind === 'stream' && content.name === 'stderr'));
    if (wanted) window.__tmdKernelMessage(direction, JSON.stringify({channel: msg.channel,
      header: msg.header, parent_header: msg.parent_header, content}));
  }); }, 100); })();"""


def kernel_message(payload: str | bytes) -> tuple[str, dict] | None:
    """Decode one kernel websocket frame into (channel, message), or None if it is not one.
    Lab 4 speaks the binary v1.kernel.websocket.jupyter.org protocol (8-byte offsets, then
    channel, header, parent header, metadata, content); older clients send JSON text."""
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            return msg.get("channel", ""), msg
        count = int.from_bytes(payload[:8], "little")
        offsets = [
            int.from_bytes(payload[8 * i : 8 * i + 8], "little") for i in range(1, count + 1)
        ]
        parts = [payload[a:b] for a, b in itertools.pairwise(offsets)]
        header, parent, metadata, content = (json.loads(p) for p in parts[1:5])
        msg = {"header": header, "parent_header": parent, "metadata": metadata, "content": content}
        return parts[0].decode("utf-8"), msg
    except (ValueError, TypeError, IndexError, UnicodeDecodeError, AttributeError):
        return None


def kernel_problem(channel: str, msg: dict) -> str | None:
    """Return a line for an iopub message that reports a failure no cell shows: any error, and
    stderr written while the kernel handled something other than a cell (a widget callback's
    log line or traceback lands in Lab's log console, not in a cell)."""
    if channel != "iopub":
        return None
    kind = msg.get("header", {}).get("msg_type")
    parent = (msg.get("parent_header") or {}).get("msg_type", "")
    content = msg.get("content") or {}
    if kind == "error":
        trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(content.get("traceback") or []))
        return f"kernel error after {parent or 'no request'}: {content.get('ename')}: {content.get('evalue')}\n{trace[-1500:]}"
    if kind == "stream" and content.get("name") == "stderr" and parent != "execute_request":
        text = re.sub(r"\x1b\[[0-9;]*m", "", content.get("text", ""))
        return f"kernel stderr after {parent or 'no request'}: {text[-1500:]}"
    return None


class Watch:
    """Everything a page did that a test may hold against it: requests, console, dialogs,
    and failures its kernels reported. Every Watch is `live` until the conftest takes its
    problems, so each test fails on errors that happened while it ran."""

    live: ClassVar[list[Watch]] = []

    def __init__(
        self, page, noise: tuple[Noise, ...] = ALLOWED_NOISE, kernel_in_page: bool = False
    ) -> None:
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.kernel_errors: list[str] = []
        self.dialogs: list[str] = []
        self.noise = noise
        self._problems: list[str] = []
        self._taken = 0
        self._probes: set[str] = set()
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("websocket", self._websocket)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self._problem(self.console_errors, f"pageerror: {exc}"))
        page.on("dialog", self._dialog)
        page.on("close", lambda _page: setattr(self, "closed", True))
        self.closed = False
        if kernel_in_page:
            page.expose_binding("__tmdKernelMessage", self._in_page)
            page.add_init_script(_IN_PAGE_KERNEL)
        Watch.live.append(self)

    def _problem(self, into: list[str], line: str) -> None:
        into.append(line)
        if not any(re.search(n.pattern, line) for n in self.noise):
            self._problems.append(line)

    def _console(self, msg) -> None:
        if msg.type == "error":
            where = (msg.location or {}).get("url", "")
            self._problem(
                self.console_errors, f"console: {msg.text}" + (f" ({where})" if where else "")
            )

    def _websocket(self, ws) -> None:
        self.requests.append(ws.url)
        if "/api/kernels/" in ws.url:
            ws.on("framereceived", self._frame)
            ws.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        decoded = kernel_message(payload)
        content = decoded[1].get("content") or {} if decoded else {}
        if content.get("target_name") == CONTROL_TARGET:
            self._probes.add(content.get("comm_id", ""))

    def _in_page(self, _source, direction: str, text: str) -> None:
        (self._sent if direction == "send" else self._frame)(text)

    def _frame(self, payload) -> None:
        decoded = kernel_message(payload)
        line = decoded and kernel_problem(*decoded)
        probe = re.search(r"No such comm: (\S+)\s*$", line or "")
        if line and not (probe and probe.group(1) in self._probes):
            self._problem(self.kernel_errors, line)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign(self) -> list[str]:
        """Return the requests that left the machine."""
        return sorted({url for url in self.requests if not is_loopback(url)})

    def problems(self) -> list[str]:
        """Return every console error, page error and kernel failure not on the noise list."""
        return list(self._problems)

    def take(self) -> list[str]:
        """Return the problems not taken before, and mark them taken."""
        new = self._problems[self._taken :]
        self._taken = len(self._problems)
        return new


def take_all() -> list[str]:
    """Take the new problems of every live Watch and forget the Watches of closed pages; the
    conftest fails each browser test on what this returns after it."""
    found = [line for watch in Watch.live for line in watch.take()]
    Watch.live[:] = [watch for watch in Watch.live if not watch.closed]
    return found
