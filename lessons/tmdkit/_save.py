"""Write a student's results file: never overwriting, never failing without saying why."""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

from ._data import DATA

# Windows refuses these as file names whatever the extension; a student on a school PC may type one.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
_NAME_MAX = 40
TRIES = 999  # <stem>-<name>-<time>.json, then -2 … -999 when the same second is taken
# What a folder that cannot hold hard links answers to os.link (FAT/exFAT, SMB, FUSE, Windows shares).
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_CANNOT_SYNC = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EROFS}
# JupyterLite mounts the browser's storage at /drive only where a service worker runs (HTTPS or
# localhost); on a plain-HTTP host there is no /drive, and a file written there would live in memory
# and vanish with the tab: a "saved" that is not.
IN_PYODIDE = sys.platform == "emscripten"
LITE_DRIVE = Path("/drive")
NO_DRIVE = "the browser's storage is not connected (serve the site over HTTPS or from localhost)"


class SaveError(Exception):
    """Saving failed; `key` names the ui.yaml message for the student, `detail` the cause."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key, self.detail = key, detail


def results_folder() -> Path:
    """Return where results go: TMD_RESULTS_DIR, or results/ beside data/ (read at each call)."""
    return Path(os.environ.get("TMD_RESULTS_DIR") or DATA.parent / "results")


def safe_name(name: str) -> str:
    """Return a student's name reduced to letters, digits and hyphens, safe as part of a file name."""
    text = unicodedata.normalize("NFC", name or "")
    kept = "".join(ch if ch.isalnum() else "-" for ch in text if unicodedata.category(ch)[0] != "C")
    kept = re.sub(r"-{2,}", "-", kept).strip("-")[:_NAME_MAX].strip("-")
    if kept.casefold() in _RESERVED:
        kept = f"_{kept}"
    return kept


def file_name(data: dict, n: int = 1) -> str:
    """Return <lesson>-<name>-<time>.json (with -n after a clash) for a results mapping."""
    stamp = data["time"].replace(":", "").replace("-", "")[:15]
    name = safe_name(data["name"]) or "results"
    return f"{data['lesson']}-{name}-{stamp}{'' if n == 1 else f'-{n}'}.json"


def payload(data: dict) -> bytes:
    """Return the results file's bytes: UTF-8 JSON, indented for a teacher who opens it."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def data_url(data: dict) -> str:
    """Return the results as a data: URL, so a link downloads the file without asking the kernel."""
    return "data:application/json;base64," + base64.b64encode(payload(data)).decode("ascii")


def _reason(exc: OSError, folder: Path) -> SaveError:
    if exc.errno in _READ_ONLY:
        key = "save_read_only"
    elif exc.errno in _FULL:
        key = "save_disk_full"
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR) and not folder.is_dir():
        key = "save_not_folder"  # a file stands where the results folder should be
    else:
        key = "save_failed"
    # The path tells the teacher which folder to fix; "File exists" alone says nothing.
    where = f": {exc.filename}" if exc.filename else ""
    return SaveError(key, f"{exc.strerror or exc.__class__.__name__}{where}")


def _umask() -> int:
    # Read by setting it and putting it back: the only portable way to read it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync(fd: int) -> None:
    """Flush a file to disk; a file system that cannot (JupyterLite's browser storage) is no error,
    but a disk that fails or fills up while flushing is."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC:
            raise


def _sync_folder(folder: Path) -> None:
    # So the new name survives a power cut; Windows and some network folders cannot open or fsync
    # a directory, and the file itself is already on disk, so that refusal is not a failed save.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _create(target: Path, body: bytes) -> None:
    """Write body to a new file; O_EXCL refuses an existing name, so nothing is overwritten."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
            out.flush()
            _fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)  # our own half-written file, never an earlier one
        raise


def _staged(folder: Path, body: bytes) -> str | None:
    """Return a fully written temporary file to link from, or None where links cannot work."""
    if not hasattr(os, "link"):  # Pyodide (JupyterLite) has no hard links
        return None
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        # mkstemp makes the file private (0600): give it the permissions any new file gets here,
        # as the fallback's does, so a teacher's account reading a shared folder can open it.
        # Best effort: FAT/exFAT sticks and some network folders refuse chmod (EPERM), and their
        # own permissions apply there anyway; a refusal must not fail the save.
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644 & ~_umask())
        with os.fdopen(fd, "wb") as out:
            out.write(body)
            out.flush()
            _fsync(out.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _place(tmp: str | None, folder: Path, data: dict, body: bytes) -> Path:
    linking = tmp is not None
    for n in range(1, TRIES + 1):
        target = folder / file_name(data, n)
        try:
            if linking:
                try:
                    os.link(tmp, target)  # unlike rename, fails if the target exists
                except OSError as exc:
                    if exc.errno not in _NO_LINKS or isinstance(exc, FileExistsError):
                        raise
                    linking = False  # this folder cannot hold hard links: write the name directly
            if not linking:
                _create(target, body)
        except FileExistsError:
            continue
        _sync_folder(folder)
        return target
    raise SaveError("save_clash", file_name(data, TRIES))


def save(data: dict, folder: Path | None = None) -> Path:
    """Write <lesson>-<name>-<time>.json into folder, never replacing a file; raise SaveError."""
    if not safe_name(data["name"]):
        raise SaveError("no_name")
    folder = results_folder() if folder is None else Path(folder)
    lite = IN_PYODIDE and folder.is_relative_to(LITE_DRIVE)
    if lite and not LITE_DRIVE.is_dir():
        raise SaveError("save_failed", NO_DRIVE)
    body = payload(data)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = _staged(folder, body)
        try:
            return _place(tmp, folder, data, body)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    except OSError as exc:
        raise _reason(exc, folder) from exc
