"""A per-user cache of validated content: JSON copies keyed by the bytes of a file and its schemas.

The cache lives in the user's own cache folder (platformdirs: ~/.cache/tmd-lesson on Linux), or in
$TMD_CACHE_DIR; TMD_NO_CACHE=1 switches it off. Each user has their own copy, never shared between
accounts. A copy is served only if it still matches the digest stored with it, so a truncated or
edited cache file is ignored and rebuilt from data/, never shown to a student. Every edit of a
content file makes a new copy, so the folder keeps only the MAX_COPIES most recently used ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

# Bump when what load() returns for the same bytes changes, so old copies are never read.
VERSION = b"tmd-cache-3"  # 3: a key given twice in a mapping is refused
# About 20 copies serve one checkout (a lesson or `make check`): room for several checkouts and
# their recent edits, a few megabytes, where keeping every copy grew to hundreds over weeks.
MAX_COPIES = 100
_COPY = re.compile(r"[0-9a-f]{64}\.json")  # the name key() gives a copy: nothing else is pruned


def folder() -> Path | None:
    """Return the cache folder, or None when caching is switched off (TMD_NO_CACHE=1)."""
    if os.environ.get("TMD_NO_CACHE") == "1":
        return None
    if os.environ.get("TMD_CACHE_DIR"):
        return Path(os.environ["TMD_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tmd-lesson", appauthor=False))


def key(*parts: bytes) -> str:
    """Return the cache key of these exact bytes."""
    digest = hashlib.sha256(VERSION)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _digest(name: str, text: str) -> str:
    # The key is part of the digest: a valid copy renamed to another key does not verify either.
    return hashlib.sha256(VERSION + name.encode() + b"\n" + text.encode("utf-8")).hexdigest()


def get(name: str) -> Any | None:
    """Return the cached document if its stored digest verifies, else None (rebuild it)."""
    where = folder()
    if where is None:
        return None
    path = where / f"{name}.json"
    try:
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None  # another account wrote it (a shared TMD_CACHE_DIR): never trust it
        digest, _, text = path.read_text("utf-8").partition("\n")
        if digest != _digest(name, text):
            return None
        doc = json.loads(text)
    except (OSError, ValueError):
        return None
    with contextlib.suppress(OSError):  # a copy in use is recent: pruning removes unused ones first
        os.utime(path)
    return doc


def prune(where: Path, keep: int) -> None:
    """Remove this user's cache copies in where beyond the keep most recently used."""
    copies = []
    with os.scandir(where) as entries:
        for entry in entries:
            # Only regular files named as key() names them, never a link (nor what it points
            # to), never another account's file: TMD_CACHE_DIR may name a folder with other files.
            if not _COPY.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            copies.append((info.st_mtime_ns, entry.path))
    for _, path in sorted(copies, reverse=True)[keep:]:
        with contextlib.suppress(OSError):  # another kernel may have removed it first
            os.unlink(path)


def put(name: str, doc: Any) -> None:
    """Store a validated document with its digest; a cache that cannot be written is not used."""
    where = folder()
    if where is None:
        return
    try:
        text = json.dumps(doc, ensure_ascii=False)
        if json.loads(text) != doc:  # e.g. YAML integer keys would come back as strings: keep cold
            return
        where.mkdir(mode=0o700, parents=True, exist_ok=True)  # this user's only
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(_digest(name, text) + "\n" + text)
            # readers see the old copy or the new one, never half of one
            os.replace(tmp, where / f"{name}.json")
        except BaseException:
            # a full disk or a refused rename must not leave a stray temporary file behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        # The copy is written: a folder that cannot be listed or pruned costs disk, not a lesson.
        prune(where, MAX_COPIES)
    except (OSError, TypeError, ValueError):
        return
