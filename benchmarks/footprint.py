"""The installed environment: the lesson's dependencies against jupyterlab + ipywidgets + plotly + nbval."""

from __future__ import annotations

import sys
from pathlib import Path

from _common import REPO, mib, ratio

# The bare stack, measured as the installed files of a package set and everything it depends
# on (dev tools such as playwright left out).
FLOOR_PACKAGES = ("jupyterlab", "ipywidgets", "plotly", "nbval")


def tree_mib(path: Path) -> float:
    return mib(
        sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    )


def _requires(name: str) -> list[str]:
    from importlib.metadata import distribution

    from packaging.requirements import Requirement

    out = []
    for line in distribution(name).requires or ():
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            out.append(req.name)
    return out


def closure_mib(roots: tuple[str, ...] | list[str]) -> float:
    """Return the size of the installed files of these packages and all they depend on."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [canonicalize_name(r) for r in roots]
    total = 0
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        for f in dist.files or ():
            path = Path(dist.locate_file(f))
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        todo += [canonicalize_name(r) for r in _requires(name)]
    return mib(total)


def direct_requirements() -> list[str]:
    """Return the direct dependencies listed at the top of requirements.txt."""
    text = (REPO / "requirements.txt").read_text("utf-8")
    head = text.split("# --- transitive", 1)[0]
    return [
        line.split("==")[0]
        for line in head.splitlines()
        if "==" in line and not line.startswith("#")
    ]


def measure(ctx) -> dict:
    venv, floor = closure_mib(direct_requirements()), closure_mib(FLOOR_PACKAGES)
    return {
        "venv_mib": venv,
        "venv_floor_mib": floor,
        "venv_ratio": ratio(venv, floor),
        "venv_with_dev_tools_mib": tree_mib(Path(sys.prefix)),
    }
