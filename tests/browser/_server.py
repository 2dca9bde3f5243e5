"""An isolated JupyterLab on loopback for the browser tests, and its REST API."""

from __future__ import annotations

import contextlib
import json
import os
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

REPO = Path(__file__).resolve().parents[2]
# The configuration the repository ships (no news prompt, no update check): `make lab`, Binder
# and Voilà read it too, so the tests see the same Lab a student does.
SHIPPED_CONFIG = REPO / ".jupyter"

# User settings for the isolated Lab only: no extension manager (it would ask the internet),
# every cell attached to the DOM so selectors see all outputs, and no autosave, so a run's
# outputs are never written back into the lesson notebooks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
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


@dataclass
class LabServer:
    """A JupyterLab process with its own config, data, runtime, settings and workspaces dirs."""

    root: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    # None starts Lab without the repository's .jupyter/ (the control for the no-news test).
    config_path: Path | None = SHIPPED_CONFIG
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

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("JUPYTER_CONFIG_PATH", None)
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
            JUPYTER_TOKEN=self.token,  # not on the command line, as in `make lab`
        )
        if self.config_path:
            env["JUPYTER_CONFIG_PATH"] = str(self.config_path)
        for plugin, values in LAB_SETTINGS.items():
            target = self.home / "settings" / f"{plugin}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        return env

    def start(self, timeout: float = 90.0) -> LabServer:
        began = time.monotonic()
        self.home = Path(tempfile.mkdtemp(prefix="tmd-lab-"))
        env = self._env()
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.allow_root=True",  # CI runs as root
            f"--ServerApp.root_dir={self.root}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.extension_manager=readonly",
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
