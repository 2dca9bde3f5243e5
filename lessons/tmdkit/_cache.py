"""A per-user cache of validated content: JSON copies keyed by the bytes of a file and its schema."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

# Bump when what load() returns for the same bytes changes, so old copies are never read.
VERSION = b"tmd-cache-1"


def folder() -> Path | None:
    """Return the cache folder, or None when caching is switched off (TMD_NO_CACHE=1)."""
    if os.environ.get("TMD_NO_CACHE") == "1":
        return None
    base = (
        os.environ.get("TMD_CACHE_DIR")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tmd-lesson"
    )
    return Path(base)


def key(*parts: bytes) -> str:
    """Return the cache key of these exact bytes."""
    digest = hashlib.sha256(VERSION)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def get(name: str) -> Any | None:
    """Return the cached document, or None if there is none (or it cannot be read)."""
    where = folder()
    if where is None:
        return None
    try:
        return json.loads((where / f"{name}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def put(name: str, doc: Any) -> None:
    """Store a validated document; a cache that cannot be written is simply not used."""
    where = folder()
    if where is None:
        return
    try:
        text = json.dumps(doc, ensure_ascii=False)
        if json.loads(text) != doc:  # e.g. YAML integer keys would come back as strings: keep cold
            return
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        # readers see the old copy or the new one, never half of one
        os.replace(tmp, where / f"{name}.json")
    except (OSError, TypeError, ValueError):
        return
