import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the lite/ build scripts live at the repository root

from lite import build, bundle, fetch, stage  # noqa: E402

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([0-9][A-Za-z0-9_.+\-]*)$")


def skip_unless_ci(why: str) -> None:
    """Skip on a laptop that never built the site; under CI (which builds it first) fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI builds the site before the tests, yet: {why}")
    pytest.skip(why)


def _pins(name: str) -> dict[str, str]:
    lines = (REPO / name).read_text("utf-8").splitlines()
    found = [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-r"))]
    return {m[1].lower().replace("_", "-"): m[2] for m in map(PIN.match, found) if m}


def test_every_build_requirement_of_the_site_is_pinned_exactly():
    lines = (REPO / "requirements-lite.txt").read_text("utf-8").splitlines()
    pins = [line for line in lines if line.strip() and not line.startswith("#")]
    assert pins
    assert [line for line in pins if not PIN.match(line)] == []


@pytest.mark.parametrize("package", ["pyyaml", "jsonschema", "ipywidgets", "plotly"])
def test_the_site_is_built_with_the_runtime_pin_of_a_package_both_use(package):
    assert _pins("requirements-lite.txt")[package] == _pins("requirements.txt")[package]


@pytest.mark.parametrize("package", ["ipywidgets", "comm", "jupyterlab-widgets", "plotly"])
def test_the_browser_kernel_runs_the_runtime_version_of_a_package_lessons_or_the_floor_use(package):
    shipped = {w.name: w.file.split("-")[1] for w in fetch.pins()}
    assert shipped[package] == _pins("requirements.txt")[package]


def test_every_wheel_is_pinned_by_file_name_and_sha256():
    for wheel in fetch.pins():
        assert wheel.file.endswith("-none-any.whl"), wheel.file
        assert re.fullmatch(r"[0-9a-f]{64}", wheel.sha256), wheel.file
        assert wheel.source in {"pypi", "kernel"}, wheel.file


def test_a_wheel_whose_bytes_differ_from_its_pin_stops_the_build_and_is_named(tmp_path):
    wheel = tmp_path / "plotly-7.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not the pinned wheel")
    with pytest.raises(fetch.FetchError, match=r"wheel plotly-7\.1\.0-py3-none-any\.whl.*sha256"):
        fetch.verify(wheel, "0" * 64, f"wheel {wheel.name}")


def test_a_missing_wheel_stops_an_offline_build_and_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("TMD_LITE_OFFLINE", "1")
    pinned = [fetch.Wheel("comm-0.2.3-py3-none-any.whl", "0" * 64, "pypi", "traitlets")]
    with pytest.raises(fetch.FetchError, match=r"comm-0\.2\.3-py3-none-any\.whl is missing"):
        fetch.wheels(tmp_path, pinned)


def test_the_pyodide_tarball_is_pinned_to_the_version_the_kernel_expects():
    constants = REPO / ".venv-lite/lib/python3.11/site-packages/jupyterlite_pyodide_kernel"
    if not constants.exists():
        skip_unless_ci("no build venv (.venv-lite): make lite creates it")
    text = (constants / "constants.py").read_text("utf-8")
    assert f'PYODIDE_VERSION = "{fetch.PYODIDE_VERSION}"' in text


def test_the_bundle_holds_every_content_file_as_load_returns_it():
    from tmdkit import _bundle, _load

    docs = bundle.documents()
    assert docs[_bundle.key("quizzes/02-toragalyk", "quiz")] == _load.load(
        "quizzes/02-toragalyk", schema="quiz"
    )
    names = {key.split("|")[0] for key in docs}
    assert {"ui", "events", "members", "lessons", "essay/essay", "glossary"} <= names
    assert not any(name.startswith("translations/") for name in names)


def test_the_site_wheel_runs_a_lesson_with_no_yaml_no_jsonschema_and_no_plotly(tmp_path):
    with zipfile.ZipFile(bundle.wheel(tmp_path / "wheel")) as whl:
        whl.extractall(tmp_path / "site-packages")
    # What the site's Pyodide lacks is made unimportable; the package must not notice.
    script = """
import sys
sys.modules.update(yaml=None, jsonschema=None, nbformat=None, plotly=None)
sys.path.insert(0, sys.argv[1])
import tmdkit
from tmdkit import _data
assert tmdkit.__file__.startswith(sys.argv[1]), tmdkit.__file__
lesson = tmdkit.start("06-esseden-keiin", lang="ru")
lesson.quiz()
for panel in (lesson.timeline(), lesson.map("cis", "eaeu")):
    panel._ipython_display_()  # as a cell shows it: the figure is sent
    figure = panel.children[-1] if hasattr(panel, "children") else panel
    assert any("application/vnd.plotly.v1+json" in o["data"] for o in figure.outputs)
print(_data.DATA)
"""
    env = {"TMD_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "site-packages")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1].endswith("tmdkit/_bundle/data")


def test_the_site_wheel_has_the_same_bytes_when_built_twice(tmp_path):
    first = bundle.wheel(tmp_path / "a").read_bytes()
    assert bundle.wheel(tmp_path / "b").read_bytes() == first


def test_a_lesson_in_the_site_collapses_its_code_and_says_first_how_to_run_it(tmp_path):
    out = tmp_path / "02.ipynb"
    stage.stage_notebook(REPO / "lessons" / "02-toragalyk.ipynb", out, "Run → Run All Cells")
    nb = json.loads(out.read_text("utf-8"))
    assert nb["cells"][0]["source"].startswith("> ▶ Run → Run All Cells\n\n# ")
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["metadata"]["jupyter"]["source_hidden"] for cell in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python"


def test_the_browser_check_names_a_message_for_each_problem_it_detects():
    script = (REPO / "lite" / "guard.js").read_text("utf-8")
    assert set(re.findall(r'problem = "(lite_\w+)"', script)) == {
        "lite_old_browser",
        "lite_no_storage",
    }
    assert "/*MESSAGES*/{}" in script


def test_the_pyodide_lock_of_the_site_lists_exactly_the_shipped_wheels_with_their_hashes(tmp_path):
    tarball = fetch.cache_dir() / f"pyodide-{fetch.PYODIDE_VERSION}.tgz"
    pins = fetch.pins()
    wheels = [fetch.cache_dir() / "wheels" / w.file for w in pins]
    if not tarball.exists() or not all(w.exists() for w in wheels):
        skip_unless_ci("the download cache is empty: make lite fills it")
    names = stage.stage_pyodide(tmp_path / "pyodide", tarball, wheels, pins)
    lock = json.loads((tmp_path / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    assert sorted(lock["packages"]) == names
    for entry in lock["packages"].values():
        assert fetch.sha256(tmp_path / "pyodide" / entry["file_name"]) == entry["sha256"]
    assert {"ipywidgets", "plotly", "pyodide-kernel", "piplite", "micropip"} <= set(names)


def test_the_lesson_site_ships_every_pinned_wheel_but_the_floors_plotly():
    pins = fetch.pins()
    wheels = [Path(w.file) for w in pins]
    kept, kept_pins = build.lesson_wheels(wheels, pins)
    assert {p.name for p in pins} - {p.name for p in kept_pins} == {"plotly", "narwhals"}
    assert [w.name for w in kept] == [p.file for p in kept_pins]
