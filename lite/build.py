"""`make lite`: build build/lite/, every lesson as a JupyterLite site that runs offline in a browser."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from lite import bundle, fetch, stage

ROOT = bundle.ROOT
OUT = ROOT / "build" / "lite"
STAMP = "tmd-site.json"  # in the site: what it was built from, how long it took, its size
FIRST = "lessons/00-kirispe.ipynb"


def lessons() -> dict[Path, str]:
    """Return every lesson notebook (kk, ru, en) and its path in the site."""
    # The teacher's notebooks (lessons/teacher/) read a folder of results files: they stay in Lab.
    found = sorted(
        p for sub in ("", "ru/", "en/") for p in (ROOT / "lessons").glob(f"{sub}*.ipynb")
    )
    return {p: p.relative_to(ROOT).as_posix() for p in found}


def sources() -> str:
    """Return a digest of everything the site is built from (lessons, package, data, lite/)."""
    digest = hashlib.sha256((ROOT / "requirements-lite.txt").read_bytes())
    for folder in ("lessons", "data", "lite"):
        for path in sorted((ROOT / folder).rglob("*")):
            skip = {"__pycache__", ".ipynb_checkpoints"} & set(path.parts)
            if path.is_file() and not skip:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def is_fresh(site: Path = OUT) -> bool:
    """Return True if site was built from the sources as they are now."""
    try:
        return json.loads((site / STAMP).read_text("utf-8"))["sources"] == sources()
    except (OSError, ValueError, KeyError):
        return False


def buildable_offline() -> bool:
    """Return True if the build venv exists and the cache holds every pinned file."""
    cache = fetch.cache_dir()
    files = [cache / f"pyodide-{fetch.PYODIDE_VERSION}.tgz"]
    files += [cache / "wheels" / w.file for w in fetch.pins()]
    return (ROOT / ".venv-lite" / "bin" / "python").exists() and all(f.exists() for f in files)


def build_offline(*args: str) -> None:
    """Run this build in the build venv from the cache alone (for tests and benchmarks)."""
    env = {**os.environ, "TMD_LITE_OFFLINE": "1"}
    python = ROOT / ".venv-lite" / "bin" / "python"
    run = subprocess.run(
        [python, "-m", "lite.build", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if run.returncode:
        raise RuntimeError(f"the offline build failed:\n{(run.stdout + run.stderr)[-2000:]}")


# Pinned for the floor site only, whose notebook imports plotly: a lesson sends its figures as
# plain data that the front end's plotly.js draws, so its kernel never loads these 10 MB.
FLOOR_ONLY = {"plotly", "narwhals"}


def lesson_wheels(wheels: list[Path], pins: list[fetch.Wheel]) -> tuple[list[Path], list]:
    """Return the wheels (and their pins) the lesson site ships: all but the floor's own."""
    kept = [(w, p) for w, p in zip(wheels, pins, strict=True) if p.name not in FLOOR_ONLY]
    return [w for w, _ in kept], [p for _, p in kept]


def build(out: Path = OUT, floor: Path | None = None) -> None:
    """Fetch (once), validate, stage and build the site into out.

    With floor, the site holds only that notebook and no tmdkit: the benchmark's same-run floor."""
    started = time.monotonic()
    cache, pins = fetch.cache_dir(), fetch.pins()
    tarball, wheels = fetch.pyodide(cache), fetch.wheels(cache, pins)
    src = out.with_name(out.name + "-src")
    if floor is None:
        tmdkit = bundle.wheel(out.with_name(out.name + "-wheel"))
        ours = fetch.Wheel(tmdkit.name, fetch.sha256(tmdkit), "local", "ipywidgets")
        wheels, pins = lesson_wheels(wheels, pins)
        wheels, pins, notebooks, first = [*wheels, tmdkit], [*pins, ours], lessons(), FIRST
    else:
        notebooks, first = {floor: floor.name}, floor.name
    stage.stage(src, tarball, wheels, pins, notebooks)
    shutil.rmtree(out, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("jupyter-lite")), "build"]
    command += ["--lite-dir", str(src), "--output-dir", str(out), "--contents", "files"]
    command += ["--no-sourcemaps", "--no-unused-shared-packages"]
    command += [f"--apps={app}" for app in stage.APPS]
    log = out.with_name(out.name + "-build.log")
    with log.open("w") as stream:
        if subprocess.run(command, cwd=src, stdout=stream, stderr=subprocess.STDOUT).returncode:
            raise RuntimeError(f"jupyter lite build failed: see {log}")
    stage.post_process(out, first)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    seconds = time.monotonic() - started
    stamp = {"sources": sources(), "build_seconds": round(seconds, 1), "bytes": size}
    (out / STAMP).write_text(json.dumps(stamp, indent=1), "utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"{shown}/: {size / 1e6:.1f} MB, built in {seconds:.0f} s")


def main(argv: list[str]) -> int:
    """Build build/lite/ (or, with --floor, the benchmark's floor site)."""
    parser = argparse.ArgumentParser(prog="python -m lite.build", description=__doc__)
    parser.add_argument("--floor", type=Path, help="a notebook: build the floor site of it")
    parser.add_argument("--out", type=Path, default=OUT, help="where the site goes")
    args = parser.parse_args(argv)
    try:
        build(args.out.resolve(), args.floor.resolve() if args.floor else None)
    except (fetch.FetchError, bundle.ContentError, RuntimeError) as exc:
        print(f"make lite: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
