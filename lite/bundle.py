"""Validate data/ as `make check` does, then pack tmdkit and the validated content into one wheel."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lessons" / "tmdkit"
sys.path.insert(0, str(PACKAGE.parent))

from tmdkit import _bundle, _data, _load  # noqa: E402 - tmdkit lives in lessons/, not on the path
from tmdkit.__main__ import check  # noqa: E402

VERSION = "1.0.0"
# The schema a YAML file is validated against, by folder; elsewhere the file's own name.
_FOLDER_SCHEMA = {"quizzes": "quiz", "essay": "essay"}
# Content lessons read that is not YAML (the essay's original text, the map's outlines).
_RAW = ("essay/*.txt", "geo/*.geojson")
# Read at build time only (make translations), never by a running lesson.
_BUILD_ONLY = ("translations",)


class ContentError(RuntimeError):
    """data/ does not pass `make check`: the site is not built from broken content."""


def documents(root: Path = _data.DATA) -> dict[str, object]:
    """Return every YAML document under root, validated, keyed as tmdkit._bundle looks it up."""
    broken = check(root)  # the very check `make check` runs: schemas and cross-file rules
    if broken:
        raise ContentError(f"{broken} content file(s) in data/ need fixing (see above)")
    docs = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).with_suffix("")
        if rel.parts[0] in _BUILD_ONLY:
            continue
        schema = _FOLDER_SCHEMA.get(rel.parts[0], rel.name) if len(rel.parts) > 1 else rel.name
        docs[_bundle.key(rel.as_posix(), schema)] = _load.load(rel.as_posix(), root, schema)
    return docs


def strings() -> dict:
    """Return the site's own interface strings (lite_*) from data/ui.yaml, validated."""
    from tmdkit._i18n import strings as ui

    return {k: v for k, v in ui().items() if k.startswith("lite_")}


def _record(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _files(root: Path) -> dict[str, bytes]:
    """Return the wheel's package files: tmdkit's modules, the content bundle and raw data."""
    files = {
        f"tmdkit/{p.relative_to(PACKAGE).as_posix()}": p.read_bytes()
        for p in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in p.parts
    }
    content = {"docs": documents(root)}
    files["tmdkit/_bundle/content.json"] = json.dumps(
        content, ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    for pattern in _RAW:
        for path in sorted(root.glob(pattern)):
            files[f"tmdkit/_bundle/data/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return files


def wheel(dest: Path, root: Path = _data.DATA) -> Path:
    """Write tmdkit-<VERSION>-py3-none-any.whl into dest (same bytes for the same sources)."""
    files = _files(root)
    info = f"tmdkit-{VERSION}.dist-info"
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: tmdkit\nVersion: {VERSION}\n"
        "Summary: The helper package of the lessons on Kazakhstan and the CIS\n"
    ).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: lite/bundle.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    records = [_record(name, data) for name, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*records, f"{info}/RECORD,,"]) + "\n").encode()
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"tmdkit-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(out, "w") as whl:
        for name, data in files.items():
            # a fixed date: the wheel's sha256 changes only when its content does
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            whl.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return out
