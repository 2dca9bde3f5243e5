"""Fetch the pinned Pyodide core and wheels once into a cache, and check every file's sha256."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
PINS = HERE / "wheels.txt"
# The npm package `pyodide` (core only: no wheels), the exact version jupyterlite-pyodide-kernel expects.
PYODIDE_VERSION = "314.0.6"
PYODIDE_SHA256 = "d78ac549b28a2a58600cd06f44e017024151775f8c6b2d73fab1475400d38ea2"
# jupyterlite-pyodide-kernel's own wheels (the kernel, piplite, stand-ins for ipykernel and
# widgetsnbextension) ship inside its labextension, installed in the build venv by requirements-lite.txt.
KERNEL_WHEELS = (
    Path(sys.prefix)
    / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
)


class FetchError(RuntimeError):
    """A pinned file is missing or is not the file that was pinned: names the file and what to do."""


class Wheel(NamedTuple):
    """One pinned wheel: file name, sha256, source (pypi | kernel) and lock dependencies."""

    file: str
    sha256: str
    source: str
    depends: str

    @property
    def name(self) -> str:
        """Return the project name as Pyodide's lock spells it (lower case, dashes)."""
        return self.file.split("-")[0].lower().replace("_", "-")


def cache_dir() -> Path:
    """Return the download cache: $TMD_LITE_CACHE, or ~/.cache/tmd-lesson/lite."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(os.environ.get("TMD_LITE_CACHE") or Path(base) / "tmd-lesson" / "lite")


def offline() -> bool:
    """Return True when the build must use the cache only (TMD_LITE_OFFLINE=1)."""
    return os.environ.get("TMD_LITE_OFFLINE") == "1"


def pins(path: Path = PINS) -> list[Wheel]:
    """Return the pinned wheels of lite/wheels.txt."""
    rows = (line.split() for line in path.read_text("utf-8").splitlines())
    return [Wheel(*row) for row in rows if row and not row[0].startswith("#")]


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, expected: str, what: str) -> Path:
    """Return path if it holds exactly the pinned bytes; otherwise raise FetchError naming it."""
    if not path.is_file():
        raise FetchError(f"{what}: {path.name} is missing from {path.parent}")
    actual = sha256(path)
    if actual != expected:
        raise FetchError(
            f"{what}: {path} has sha256 {actual}, but {expected} is pinned. "
            "Delete the file to fetch it again, or update the pin if the new file is trusted."
        )
    return path


def pyodide(cache: Path) -> Path:
    """Return the cached, verified Pyodide npm tarball, fetching it with npm the first time."""
    tarball = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.exists() and not offline():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"fetching pyodide@{PYODIDE_VERSION} (npm pack) into {cache}")
        subprocess.run(
            ["npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", cache],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return verify(tarball, PYODIDE_SHA256, f"pyodide@{PYODIDE_VERSION}")


def _download(wheels: list[Wheel], dest: Path) -> None:
    """Download registry wheels with pip's hash checking: a changed file is refused, by name."""
    requirements = "".join(
        "{}=={} --hash=sha256:{}\n".format(*w.file.split("-")[:2], w.sha256) for w in wheels
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
        req.write(requirements)
    print(f"fetching {len(wheels)} wheel(s) into {dest}")
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q"),
                *(
                    "--no-deps",
                    "--only-binary=:all:",
                    "--require-hashes",
                    "--python-version",
                    "3.14",
                ),
                *("--implementation", "py", "--abi", "none", "--platform", "any", "-d", dest),
                *("-r", req.name),
            ],
            check=True,
        )
    except subprocess.CalledProcessError:
        names = ", ".join(w.file for w in wheels)
        raise FetchError(f"pip could not fetch the pinned wheels ({names})") from None
    finally:
        os.unlink(req.name)


def wheels(cache: Path, pinned: list[Wheel]) -> list[Path]:
    """Return every pinned wheel from the cache, verified, fetching the missing ones first."""
    dest = cache / "wheels"
    dest.mkdir(parents=True, exist_ok=True)
    missing = [w for w in pinned if not (dest / w.file).exists()]
    if missing and not offline():
        for w in (w for w in missing if w.source == "kernel"):
            if (KERNEL_WHEELS / w.file).is_file():
                shutil.copyfile(KERNEL_WHEELS / w.file, dest / w.file)
        if registry := [w for w in missing if w.source == "pypi"]:
            _download(registry, dest)
    return [verify(dest / w.file, w.sha256, f"wheel {w.file}") for w in pinned]
