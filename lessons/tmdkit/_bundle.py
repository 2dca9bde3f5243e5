"""Content validated at build time, for a kernel with no YAML or jsonschema (JupyterLite's Pyodide)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

# Written only into the JupyterLite wheel by lite/bundle.py (never committed): content.json holds
# every document load() returns, keyed "name|schema"; data/ holds the non-YAML files lessons read.
HERE = Path(__file__).with_name("_bundle")
FILE = HERE / "content.json"
DATA = HERE / "data" if FILE.is_file() else None


def key(name: str, schema: str) -> str:
    """Return the bundle key of data/<name>.yaml validated against <schema>.schema.json."""
    return f"{name}|{schema}"


@cache
def _docs() -> dict[str, Any]:
    return json.loads(FILE.read_text("utf-8"))["docs"] if DATA else {}


def get(name: str, schema: str) -> Any | None:
    """Return the bundled document, or None outside the JupyterLite wheel."""
    return _docs().get(key(name, schema))
