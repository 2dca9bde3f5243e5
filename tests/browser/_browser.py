"""Headless Debian Chromium for the browser tests, kept on this machine."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

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


def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine (loopback hosts, data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return (parts.hostname or "") in LOOPBACK


def launch_browser(playwright):
    """Launch Debian's Chromium (never a downloaded build)."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS
    )
