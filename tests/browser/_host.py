"""One small interface to JupyterLab and to the JupyterLite site, so one set of tests runs in both."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator

from ._page import open_notebook, run_all, settle_outputs
from ._server import REPO, LabServer, root, shutdown_kernels
from ._watch import Watch

HOSTS = ("lab", "lite")
# Pyodide starts in the page: slower than a Lab kernel, more so on a busy 2-core machine.
TIMEOUTS = {"lab": (90.0, 90.0, 15_000), "lite": (240.0, 240.0, 20_000)}  # kernel, run, click


# Pyodide's kernel keeps a widget callback's traceback (ipywidgets hands it to showtraceback) for
# the next execute reply and shows it nowhere: the test page asks its kernel to write it to stderr
# too, as ipykernel does in JupyterLab, so the Watch sees it (a student's kernel is untouched).
_LOUD_CALLBACKS = """() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
  .requestExecute({silent: true, store_history: false, code: `
import sys as _s
def _tmd_loud(etype, evalue, stb, _keep=get_ipython()._showtraceback):
    _keep(etype, evalue, stb)
    _s.stderr.write(chr(10).join([*stb, f"{etype.__name__}: {evalue}", ""]))
get_ipython()._showtraceback = _tmd_loud
del _tmd_loud`}).done"""


class Site:
    """The built JupyterLite site served on loopback; .url(path) opens a notebook in it."""

    def __init__(self, base: str) -> None:
        self.base = base

    def url(self, path: str) -> str:
        return f"{self.base}/notebooks/index.html?path={path}"


def _lite():
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # the lite/ build scripts live at the repository root
    from lite import build, serve

    return build, serve


@contextlib.contextmanager
def serving_site() -> Iterator[Site | str]:
    """Serve build/lite/ (rebuilt from the cache when stale); yield a Site, or why it cannot."""
    build, serve = _lite()
    if not build.is_fresh():
        if not build.buildable_offline():
            yield "build/lite/ is missing or stale and the cache cannot rebuild it: make lite"
            return
        build.build_offline()
    with serve.running(build.OUT) as base:
        yield Site(base)


class Tab:
    """A page in a fresh browser context on one host, watched from its first request on."""

    def __init__(self, browser, server: LabServer | Site, host: str = "lab", **context) -> None:
        self.host, self.server = host, server
        self.kernel_s, self.run_s, click_ms = TIMEOUTS[host]
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, **context)
        self.context.set_default_timeout(click_ms)  # a missing widget fails fast, not in 30 s
        self.page = self.context.new_page()
        self.watch = Watch(self.page, kernel_in_page=host == "lite")
        self.opened = self.ran = 0.0
        self.lesson = None

    def open_and_run(self, path: str) -> Tab:
        """Open a notebook, run all of it and wait for its outputs; note the seconds taken."""
        self.opened = open_notebook(self.page, self.server, path, timeout=self.kernel_s)
        if self.host == "lite":
            self.page.evaluate(_LOUD_CALLBACKS)
        began = time.monotonic()
        run_all(self.page, timeout=self.run_s)
        settle_outputs(self.page)
        self.ran = time.monotonic() - began
        return self

    def put_notebook(self, path: str, notebook: dict) -> str:
        """Place a notebook where this host serves it (Lite: the browser's storage); return path."""
        if self.host == "lab":
            target = root() / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(notebook), encoding="utf-8")
            return path
        self.page.goto(f"{self.server.base}/notebooks/index.html")
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.serviceManager")
        name = path.rsplit("/", 1)[-1]  # Lite's drive: one file at the top, no folders to make
        self.page.evaluate(
            """([name, nb]) => window.jupyterapp.serviceManager.contents
                 .save(name, {type: 'notebook', format: 'json', content: nb})""",
            [name, notebook],
        )
        return name

    def close(self) -> None:
        self.context.close()
        if self.host == "lab":
            shutdown_kernels(self.server)


class Host:
    """Where lessons run ("lab" or "lite"): .tab() opens a watched page on it."""

    def __init__(self, name: str, browser, server: LabServer | Site) -> None:
        self.name, self.browser, self.server = name, browser, server

    def tab(self, **context) -> Tab:
        return Tab(self.browser, self.server, self.name, **context)

    def __repr__(self) -> str:
        return f"Host({self.name})"
