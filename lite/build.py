"""`make lite`: build build/lite/, every lesson as a JupyterLite site that runs offline in a browser."""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from lite import bundle, fetch

ROOT = bundle.ROOT
HERE = ROOT / "lite"
OUT = ROOT / "build" / "lite"
STAGE = ROOT / "build" / "lite-src"
STAMP = "tmd-site.json"  # in the site: what it was built from, how long it took, its size
FIRST = "lessons/00-kirispe.ipynb"
KERNEL = "@jupyterlite/pyodide-kernel-extension:kernel"
APPS = ("notebooks", "tree", "edit")  # the single-document Notebook, its file browser, a text view
# Pyodide's core: the kernel imports pyodide.mjs, which loads the rest (no wheels, no source maps).
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


def stage_pyodide(dest: Path, tarball: Path, wheels: list[Path], pins: list[fetch.Wheel]) -> list:
    """Put Pyodide's core, the wheels and a lock listing exactly them in dest; return the names."""
    dest.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        for name in (*CORE, "pyodide-lock.json"):
            (dest / name).write_bytes(tar.extractfile(f"package/{name}").read())
    lock = json.loads((dest / "pyodide-lock.json").read_text("utf-8"))
    known, packages = lock["packages"], {}
    for pin, path in zip(pins, wheels, strict=True):
        entry = dict(known.get(pin.name) or {})
        if pin.depends == "lock" and not entry:
            raise fetch.FetchError(f"wheel {pin.file}: Pyodide's lock has no {pin.name}")
        if pin.depends != "lock":
            deps = [] if pin.depends == "-" else pin.depends.split(",")
            entry = {"name": pin.name, "depends": deps, "imports": [pin.name.replace("-", "_")]}
            entry.update(install_dir="site", package_type="package", unvendored_tests=False)
        # the registry's wheel of the lock's version: same name, other bytes, so its own hash
        entry.update(file_name=path.name, version=path.name.split("-")[1], sha256=pin.sha256)
        entry["depends"] = [d.lower().replace("_", "-") for d in entry["depends"]]
        packages[pin.name] = entry
        shutil.copyfile(path, dest / path.name)
    for entry in packages.values():
        if missing := [d for d in entry["depends"] if d not in packages]:
            raise fetch.FetchError(f"wheel {entry['file_name']} needs {missing}: pin them too")
    lock["packages"] = packages  # only what ships: nothing the kernel could try to fetch elsewhere
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), "utf-8")
    return sorted(packages)


def strings() -> dict:
    """Return the site's interface strings from data/ui.yaml (validated)."""
    from tmdkit._i18n import strings as ui

    return {k: v for k, v in ui().items() if k.startswith("lite_")}


def stage_notebook(src: Path, dest: Path, how_to_run: str) -> None:
    """Copy a lesson for the site: the run instructions first, the one-line code inputs collapsed."""
    nb = json.loads(src.read_text("utf-8"))
    first = nb["cells"][0]
    first["source"] = f"> ▶ {how_to_run}\n\n" + "".join(first["source"])
    for cell in nb["cells"]:
        if "hide-input" in cell.get("metadata", {}).get("tags", []):
            cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
    nb["metadata"]["kernelspec"] = {
        "name": "python",
        "display_name": "Python (Pyodide)",
        "language": "python",
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", "utf-8")


def stage(tarball: Path, wheels: list[Path], pins: list[fetch.Wheel], tmdkit: Path) -> None:
    """Lay out the JupyterLite source folder: config, Pyodide with its wheels, the lessons."""
    shutil.rmtree(STAGE, ignore_errors=True)
    ours = fetch.Wheel(tmdkit.name, fetch.sha256(tmdkit), "local", "ipywidgets,plotly")
    packages = stage_pyodide(
        STAGE / "static" / "pyodide", tarball, [*wheels, tmdkit], [*pins, ours]
    )
    config = json.loads((HERE / "jupyter-lite.json").read_text("utf-8"))
    options = config["jupyter-config-data"]["litePluginSettings"][KERNEL]["loadPyodideOptions"]
    options["packages"] = (
        packages  # installed as the kernel starts: `from tmdkit import start` works
    )
    (STAGE / "jupyter-lite.json").write_text(json.dumps(config, indent=2), "utf-8")
    shutil.copyfile(HERE / "overrides.json", STAGE / "overrides.json")
    texts = strings()["lite_how_to_run"]
    for src in sorted((ROOT / "lessons").glob("**/*.ipynb")):
        if ".ipynb_checkpoints" in src.parts:
            continue
        lang = json.loads(src.read_text("utf-8"))["metadata"].get("tmd", {}).get("lang", "kk")
        stage_notebook(src, STAGE / "files" / src.relative_to(ROOT), texts[lang])


def guard_script() -> str:
    """Return the inline check that shows a clear message where the site cannot run."""
    texts = strings()
    message = {
        key: "".join(f'<p lang="{lang}">{html.escape(texts[key][lang])}</p>' for lang in texts[key])
        for key in ("lite_old_browser", "lite_no_storage")
    }
    return (HERE / "guard.js").read_text("utf-8").replace("/*MESSAGES*/{}", json.dumps(message))


def post_process(first: str) -> None:
    """Add the browser check to every page and make the site's root open the first lesson."""
    guard = f"<script>\n{guard_script()}</script>\n"
    for app in APPS:
        page = OUT / app / "index.html"
        text = page.read_text("utf-8")
        if "await import(" not in text or "<script" not in text:
            raise RuntimeError(f"{page}: JupyterLite's page changed; update lite/build.py")
        # the check runs first; the app itself starts only where the check passed
        text = text.replace("<script", guard + "<script", 1)
        text = text.replace("await import(", "window.tmdSupported && await import(", 1)
        page.write_text(text, "utf-8")
    page = (HERE / "index.html").read_text("utf-8")
    (OUT / "index.html").write_text(page.replace("<!--GUARD-->", guard).replace("FIRST", first))


def sources() -> str:
    """Return a digest of everything the site is built from (lessons, package, data, lite/)."""
    digest = hashlib.sha256()
    for folder in ("lessons", "data", "lite"):
        for path in sorted((ROOT / folder).rglob("*")):
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and ".ipynb_checkpoints" not in path.parts
            ):
                digest.update(
                    path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes()
                )
    digest.update((ROOT / "requirements-lite.txt").read_bytes())
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


def build_offline() -> None:
    """Build the site in the build venv from the cache alone (for tests and benchmarks)."""
    env = {**os.environ, "TMD_LITE_OFFLINE": "1"}
    python = ROOT / ".venv-lite" / "bin" / "python"
    subprocess.run([python, "-m", "lite.build"], cwd=ROOT, env=env, check=True)


def build() -> None:
    """Fetch (once), validate, stage and build the site into build/lite/."""
    started = time.monotonic()
    cache, pins = fetch.cache_dir(), fetch.pins()
    tarball, wheels = fetch.pyodide(cache), fetch.wheels(cache, pins)
    tmdkit = bundle.wheel(ROOT / "build" / "lite-wheel")
    stage(tarball, wheels, pins, tmdkit)
    shutil.rmtree(OUT, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("jupyter-lite")), "build"]
    command += ["--lite-dir", str(STAGE), "--output-dir", str(OUT), "--contents", "files"]
    command += ["--no-sourcemaps", "--no-unused-shared-packages"]
    command += [f"--apps={app}" for app in APPS]
    log = ROOT / "build" / "lite-build.log"
    with log.open("w") as out:
        if subprocess.run(command, cwd=STAGE, stdout=out, stderr=subprocess.STDOUT).returncode:
            raise RuntimeError(f"jupyter lite build failed: see {log}")
    post_process(FIRST)
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    seconds = time.monotonic() - started
    stamp = {"sources": sources(), "build_seconds": round(seconds, 1), "bytes": size}
    (OUT / STAMP).write_text(json.dumps(stamp, indent=1), "utf-8")
    print(f"build/lite/: {size / 1e6:.1f} MB, built in {seconds:.0f} s")


if __name__ == "__main__":
    try:
        build()
    except (fetch.FetchError, bundle.ContentError, RuntimeError) as exc:
        sys.exit(f"make lite: {exc}")
