"""Lay out a JupyterLite site's source folder, and finish the built site's pages."""

from __future__ import annotations

import html
import json
import shutil
import tarfile
from pathlib import Path

from lite import bundle, fetch

HERE = Path(__file__).resolve().parent
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


def stage_notebook(src: Path, dest: Path, how_to_run: str) -> None:
    """Copy a lesson for the site: the run instructions first, the one-line code inputs collapsed."""
    nb = json.loads(src.read_text("utf-8"))
    first = nb["cells"][0]
    if first["cell_type"] == "markdown":
        first["source"] = f"> ▶ {how_to_run}\n\n" + "".join(first["source"])
    else:
        nb["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": how_to_run})
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


def stage(
    dest: Path, tarball: Path, wheels: list[Path], pins: list[fetch.Wheel], notebooks: dict
) -> None:
    """Lay out a JupyterLite source folder: config, Pyodide with its wheels, the notebooks.

    notebooks maps each source notebook to its path in the site."""
    shutil.rmtree(dest, ignore_errors=True)
    packages = stage_pyodide(dest / "static" / "pyodide", tarball, wheels, pins)
    config = json.loads((HERE / "jupyter-lite.json").read_text("utf-8"))
    options = config["jupyter-config-data"]["litePluginSettings"][KERNEL]["loadPyodideOptions"]
    options["packages"] = (
        packages  # installed as the kernel starts: `from tmdkit import start` works
    )
    (dest / "jupyter-lite.json").write_text(json.dumps(config, indent=2), "utf-8")
    shutil.copyfile(HERE / "overrides.json", dest / "overrides.json")
    texts = bundle.strings()["lite_how_to_run"]
    for src, path in notebooks.items():
        lang = json.loads(src.read_text("utf-8"))["metadata"].get("tmd", {}).get("lang", "kk")
        stage_notebook(src, dest / "files" / path, texts[lang])


def guard_script() -> str:
    """Return the inline check that shows a clear message where the site cannot run."""
    texts = bundle.strings()
    message = {
        key: "".join(f'<p lang="{lang}">{html.escape(texts[key][lang])}</p>' for lang in texts[key])
        for key in ("lite_old_browser", "lite_no_storage")
    }
    return (HERE / "guard.js").read_text("utf-8").replace("/*MESSAGES*/{}", json.dumps(message))


def post_process(out: Path, first: str) -> None:
    """Add the browser check to every page and make the site's root open the first lesson."""
    guard = f"<script>\n{guard_script()}</script>\n"
    for app in APPS:
        page = out / app / "index.html"
        text = page.read_text("utf-8")
        if "await import(" not in text or "<script" not in text:
            raise RuntimeError(f"{page}: JupyterLite's page changed; update lite/build.py")
        # the check runs first; the app itself starts only where the check passed
        text = text.replace("<script", guard + "<script", 1)
        text = text.replace("await import(", "window.tmdSupported && await import(", 1)
        page.write_text(text, "utf-8")
    page = (HERE / "index.html").read_text("utf-8")
    (out / "index.html").write_text(page.replace("<!--GUARD-->", guard).replace("FIRST", first))
    # The site's config names this icon (lite/jupyter-lite.json) for pages without their own, such
    # as tree/; JupyterLite's default, lab/favicon.ico, belongs to an app the site does not build.
    (out / "favicon.ico").write_bytes((out / "static" / "favicons" / "favicon.ico").read_bytes())
