"""Start an isolated JupyterLab on loopback and drive lessons in it with headless Chromium."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]
# Debian's build; $TMD_E2E_CHROMIUM may point at another Chromium binary (never a downloaded one).
CHROMIUM = Path(os.environ.get("TMD_E2E_CHROMIUM") or "/usr/bin/chromium")
SKIP_LINE = (
    "browser tests skipped: install Debian's chromium (apt-get install chromium) to run them"
)
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # Every other host fails at once, so a stray CDN load is logged (and failed) without a wait.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# User settings for the isolated Lab: no news toast, no update check, no extension manager
# (they would ask the internet), and every cell attached to the DOM so selectors see all outputs.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
    # Never write a run's outputs back into the lesson notebooks.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def root() -> Path:
    """Return the tree the server serves: the repo, or $TMD_E2E_ROOT for a scratch tree."""
    return Path(os.environ.get("TMD_E2E_ROOT") or REPO).resolve()


def artifacts() -> Path:
    """Return where screenshots go (artifacts/screenshots under the repo, git-ignored)."""
    return Path(os.environ.get("TMD_E2E_ARTIFACTS") or REPO / "artifacts" / "screenshots")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine (loopback hosts, data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return (parts.hostname or "") in LOOPBACK


@dataclass
class LabServer:
    """A JupyterLab process with its own config, data, runtime, settings and workspaces dirs."""

    root: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    proc: subprocess.Popen | None = None
    home: Path | None = None
    log: BinaryIO | None = None
    start_seconds: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """Return a Lab URL for a repo-relative file, with a fresh workspace and the token."""
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def start(self, timeout: float = 90.0) -> LabServer:
        began = time.monotonic()
        self.home = Path(tempfile.mkdtemp(prefix="tmd-lab-"))
        env = dict(os.environ)
        for name in ("config", "runtime", "data", "settings", "workspaces"):
            (self.home / name).mkdir()
        env.update(
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            JUPYTER_DATA_DIR=str(self.home / "data"),
            JUPYTERLAB_SETTINGS_DIR=str(self.home / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
            JUPYTER_PLATFORM_DIRS="1",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        for plugin, values in LAB_SETTINGS.items():
            target = self.home / "settings" / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            "--ServerApp.allow_root=True",  # CI runs as root
            f"--ServerApp.root_dir={self.root}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # A safety net if the test process dies without its finalizer.
            "--ServerApp.shutdown_no_activity_timeout=900",
        ]  # fmt: skip
        self.log = (self.home / "server.log").open("wb")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        status = f"{self.base}/api/status?token={self.token}"
        while time.monotonic() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(status, timeout=2) as reply:  # noqa: S310 (loopback)
                    if reply.status == 200:
                        self.start_seconds = time.monotonic() - began
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer /api/status within {timeout:.0f} s")

    def tail(self, lines: int = 40) -> str:
        if not self.home:
            return ""
        text = (self.home / "server.log").read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        if self.log:
            self.log.close()
        if self.home:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None


def launch_browser(playwright):
    """Launch Debian's Chromium (never a downloaded build)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS
    )


class Watch:
    """Everything a page did that a test may hold against it: requests, console, dialogs."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("websocket", lambda ws: self.requests.append(ws.url))
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.on("dialog", self._dialog)

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def foreign(self) -> list[str]:
        """Return the requests that left the machine."""
        return sorted({url for url in self.requests if not is_loopback(url)})


# ---- driving a notebook -------------------------------------------------------------------

_KERNEL_STATUS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return w && w.sessionContext ? w.sessionContext.kernelDisplayStatus : null;
}"""

_BUSY_PROMPTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
  .filter(p => p.textContent.includes('*')).length"""

_UNRUN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  return w.content.widgets.filter(c => c.model.type === 'code')
    .filter(c => c.model.sharedModel.getSource().trim() && c.model.executionCount === null).length;
}"""


_RUN_ALL = """() => { window.__tmdRun = null; window.jupyterapp.commands
  .execute('notebook:run-all-cells')
  .then(() => { window.__tmdRun = 'done'; }, e => { window.__tmdRun = 'failed: ' + e; }); }"""


def open_notebook(page, lab: LabServer, path: str, timeout: float = 90.0) -> float:
    """Open a notebook, accept a kernel dialog if one asks, wait for an idle kernel; return s."""
    began = time.monotonic()
    page.goto(lab.url(path), wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext",
                           timeout=timeout * 1000)  # fmt: skip
    deadline = began + timeout
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        if page.evaluate(_KERNEL_STATUS) == "idle":
            return time.monotonic() - began
        page.wait_for_timeout(200)
    raise TimeoutError(f"kernel for {path} not idle after {timeout:.0f} s")


def run_all(page, timeout: float = 90.0) -> float:
    """Run every cell and wait for no [*] prompt and an idle kernel; return the seconds taken."""
    began = time.monotonic()
    page.evaluate(_RUN_ALL)
    try:
        page.wait_for_function("() => window.__tmdRun !== null", timeout=timeout * 1000)
    except Exception as exc:  # Playwright's TimeoutError, said plainly
        raise TimeoutError(f"cells still running after {timeout:.0f} s") from exc
    # run-all resolves when the last cell finished (or after the first error); confirm on screen
    # twice in a row, 300 ms apart, so a cell that is only queued is not taken for done.
    quiet = 0
    while quiet < 2:
        if time.monotonic() - began > timeout:
            raise TimeoutError(f"cells still running after {timeout:.0f} s")
        idle = page.evaluate(_KERNEL_STATUS) == "idle" and page.evaluate(_BUSY_PROMPTS) == 0
        quiet = quiet + 1 if idle else 0
        page.wait_for_timeout(300)
    return time.monotonic() - began


def unrun_cells(page) -> int:
    """Return how many non-empty code cells have no execution count."""
    return page.evaluate(_UNRUN)


def settle_outputs(page, timeout: float = 20.0) -> None:
    """Wait until widget views and Plotly figures stop appearing (they render after idle)."""
    last, stable, began = None, 0, time.monotonic()
    count = """() => [document.querySelectorAll('.jp-OutputArea-output').length,
      document.querySelectorAll('.widget-box, .widget-inline-hbox, .widget-html').length,
      document.querySelectorAll('.js-plotly-plot .main-svg').length,
      document.querySelectorAll('.jp-Spinner, .jupyter-widgets-loading').length].join()"""
    while stable < 3 and time.monotonic() - began < timeout:
        now = page.evaluate(count)
        stable = stable + 1 if now == last else 0
        last = now
        page.wait_for_timeout(250)


_OUTER = "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer'"


@contextlib.contextmanager
def tall(page, limit: int = 16000):
    """Grow the window to the notebook's full height, scrolled to the top, so every output is
    on screen at once (for screenshots, and for axe's contrast checks)."""
    size = page.viewport_size or {"width": 1366, "height": 900}
    extra = page.evaluate(f"""() => {{ const s = document.querySelector({_OUTER});
        if (!s) return 0; s.scrollTop = 0;
        const inner = s.querySelector('.jp-WindowedPanel-inner');
        return (inner ? inner.offsetHeight : s.scrollHeight) - s.clientHeight; }}""")
    grown = min(size["height"] + max(extra, 0) + 40, limit)
    page.set_viewport_size({"width": size["width"], "height": grown})
    page.wait_for_function(  # Lumino lays the panels out again on resize
        f"h => {{ const s = document.querySelector({_OUTER}); return !s || s.clientHeight > h; }}",
        arg=size["height"] - 200,
    )
    page.evaluate(
        f"() => {{ const s = document.querySelector({_OUTER}); if (s) s.scrollTop = 0; }}"
    )
    page.wait_for_timeout(200)
    try:
        yield page
    finally:
        page.set_viewport_size(size)


def screenshot(page, name: str) -> Path | None:
    """Save the whole notebook as artifacts/screenshots/<name>.png."""
    target = artifacts() / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tall(page):
            page.screenshot(path=str(target))
    except Exception:  # a screenshot must never hide the real failure
        return None
    return target


def api(lab: LabServer, path: str, method: str = "GET") -> object:
    """Call the server's REST API on loopback with the token; return the decoded JSON."""
    req = urllib.request.Request(f"{lab.base}{path}?token={lab.token}", method=method)  # noqa: S310
    with urllib.request.urlopen(req, timeout=10) as reply:  # noqa: S310 (always our loopback server)
        body = reply.read()
    return json.loads(body) if body else None


def shutdown_kernels(lab: LabServer) -> None:
    """Stop every kernel the server runs, so one lesson's kernel does not outlive its test."""
    for kernel in api(lab, "/api/kernels"):
        with contextlib.suppress(urllib.error.URLError):
            api(lab, f"/api/kernels/{kernel['id']}", "DELETE")


# ---- what a lesson promises, read from its source -----------------------------------------

_MAGIC = re.compile(r"^\s*[%!].*$", re.MULTILINE)


def _calls(source: str) -> list[ast.Call]:
    try:
        tree = ast.parse(_MAGIC.sub("", source))
    except SyntaxError:
        return []
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _method(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def code_sources(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
    ]


def expected_figures(notebook: Path) -> int:
    """Count the code cells that call .timeline( or .map( (each shows one figure)."""
    return sum(
        any(_method(call) in {"timeline", "map"} for call in _calls(source))
        for source in code_sources(notebook)
    )


def quiz_calls(notebook: Path) -> list[ast.Call]:
    return [
        call
        for source in code_sources(notebook)
        for call in _calls(source)
        if _method(call) == "quiz"
    ]


def _literal_ids(call: ast.Call) -> list[str] | None:
    """Return the item ids a .quiz(...) call names literally, or None if it says more."""
    if call.keywords:
        return None
    ids: list[str] = []
    for arg in call.args:
        elts = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
        for elt in elts:
            if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)):
                return None
            ids.append(elt.value)
    return ids


def expected_items(notebook: Path, quiz_items: list[dict]) -> tuple[int, bool]:
    """Return (count, exact): .quiz() shows every top-level item, .quiz('id', ...) those ids;
    any other call only promises at least one item."""
    total, exact = 0, True
    for call in quiz_calls(notebook):
        ids = _literal_ids(call)
        if ids is None:
            total, exact = total + 1, False
        else:
            total += len(ids) if ids else len(quiz_items)
    return total, exact


# ---- the lessons under test -----------------------------------------------------------------


@dataclass(frozen=True)
class Lesson:
    """One lesson notebook: its path under the served root and its quiz data."""

    base: Path
    path: str  # posix path under the root, e.g. lessons/02-toragalyk.ipynb
    stem: str  # 02-toragalyk (also the quiz file's stem)
    name: str  # 02-toragalyk, or ru-02-toragalyk for lessons/ru/

    @property
    def notebook(self) -> Path:
        return self.base / self.path

    def quiz_items(self) -> list[dict]:
        quiz = self.base / "data" / "quizzes" / f"{self.stem}.yaml"
        if not quiz.exists():
            return []
        data = yaml.safe_load(quiz.read_text(encoding="utf-8")) or {}
        return list(data.get("items") or [])

    def shown_items(self) -> list[dict]:
        """Return the top-level quiz items the notebook shows (all of them for .quiz())."""
        items = self.quiz_items()
        wanted: list[str] = []
        for call in quiz_calls(self.notebook):
            ids = _literal_ids(call)
            if ids == []:
                return items
            wanted += ids or []
        return [item for item in items if item.get("id") in wanted]


# The generated ru/en sets differ from the Kazakh ones only in their Markdown and first cell, so two
# lessons of each (together: an essay section, the maps and the review) keep the suite short;
# TMD_E2E_ALL_LANGS=1 runs all of them.
TRANSLATED_SAMPLE = {
    "ru": {"02-toragalyk", "07-kaitalau"},
    "en": {"05-almaty-1991", "06-esseden-keiin"},
}


def lessons(base: Path | None = None) -> list[Lesson]:
    """Return the Kazakh lesson notebooks, then a sample (or all) of lessons/ru and lessons/en."""
    base = base or root()
    every = os.environ.get("TMD_E2E_ALL_LANGS") == "1"
    found = []
    for sub, prefix in (("lessons", ""), ("lessons/ru", "ru-"), ("lessons/en", "en-")):
        for nb in sorted((base / sub).glob("*.ipynb")):
            lang = prefix.rstrip("-")
            if lang and not every and nb.stem not in TRANSLATED_SAMPLE[lang]:
                continue
            path = f"{sub}/{nb.name}"
            found.append(Lesson(base, path, nb.stem, prefix + nb.stem))
    return found


def ui_message(ui: object, verdict: str, lang: str = "kk") -> str | None:
    """Find the message data/ui.yaml gives for a verdict ("right"/"wrong"), preferring keys
    under feedback/verdict; None when the file names no such message."""
    strings = ui.get("strings") if isinstance(ui, dict) else None
    if isinstance(strings, dict) and isinstance(strings.get(verdict), dict):
        return strings[verdict].get(lang)  # the lead's layout: strings.right.kk
    keys = {"right": {"right", "correct"}, "wrong": {"wrong", "incorrect"}}[verdict]
    found: list[tuple[int, int, str]] = []

    def walk(node: object, path: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            if path and path[-1] in keys and isinstance(node.get(lang), str):
                near = any(p in {"feedback", "verdict", "verdicts", "check"} for p in path)
                found.append((0 if near else 1, len(path), node[lang]))
            for key, value in node.items():
                walk(value, (*path, str(key)))

    walk(ui, ())
    return min(found)[2] if found else None


def fragments(message: str) -> list[str]:
    """Split a message at its {placeholders}; the literal pieces must appear on screen."""
    return [part.strip() for part in re.split(r"\{[^}]*\}", message) if len(part.strip()) >= 3]


# ---- accessibility ------------------------------------------------------------------------

AXE = Path(__file__).with_name("axe") / "axe.min.js"

# Runs axe-core over the output areas only and marks each node as ours (inside an output, i.e.
# made by the lesson: widgets, figures, essay blocks) or Lab's (output prompts).
_AXE_RUN = """async () => {
  const result = await axe.run({include: [['.jp-Notebook .jp-OutputArea']]},
                               {resultTypes: ['violations', 'incomplete']});
  const report = (v, review) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, review,
    nodes: v.nodes.map(n => {
      const el = document.querySelector(n.target[0]);
      return {target: n.target.join(' '), html: n.html.slice(0, 200),
              ours: !!(el && el.closest('.jp-OutputArea-output')),
              summary: (n.failureSummary || '').slice(0, 300)};
    }),
  });
  return [...result.violations.map(v => report(v, false)),
          ...result.incomplete.map(v => report(v, true))];
}"""


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core and return what it found within the notebook's outputs:
    violations, and (with review=True) checks it could not decide, such as contrast over
    an image."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # Lab's <body> is 0 px high with overflow hidden, so axe would take every element for
    # clipped and skip contrast checks; giving it the window's height changes no layout.
    page.evaluate("() => { document.body.style.minHeight = '100vh'; }")
    with tall(page):
        return page.evaluate(_AXE_RUN)
