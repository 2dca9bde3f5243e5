import json
import os
import re
import subprocess
import sys

import yaml
from conftest import ROOT

FIRST = "lessons/00-kirispe.ipynb"
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([0-9][^\s;#]*)$")


def _requirements(name: str) -> list[str]:
    lines = (ROOT / name).read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_runtime_requirement_is_pinned_exactly():
    for line in _requirements("requirements.txt"):
        assert PIN.match(line), f"requirements.txt: not an exact pin: {line}"


def test_every_dev_requirement_is_pinned_exactly_on_top_of_the_runtime_pins():
    lines = _requirements("requirements-dev.txt")
    assert lines[0] == "-r requirements.txt"
    for line in lines[1:]:
        assert PIN.match(line), f"requirements-dev.txt: not an exact pin: {line}"


def test_no_package_is_pinned_twice_across_the_requirement_files():
    names = [
        PIN.match(x).group(1).lower()
        for f in ("requirements.txt", "requirements-dev.txt")
        for x in _requirements(f)
        if PIN.match(x)
    ]
    assert len(names) == len(set(names))


def test_environment_yml_installs_python_311_and_exactly_the_requirements_file():
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict))
    assert pip_section == ["-r requirements.txt"]
    conda_only = [d for d in deps if isinstance(d, str) and d not in ("python=3.11", "pip")]
    assert conda_only == [], "pins live in requirements.txt only"


def test_the_core_stack_is_pinned_at_the_measured_versions():
    pins = dict(PIN.match(x).groups() for x in _requirements("requirements.txt"))
    assert pins["jupyterlab"] == "4.6.6" and pins["ipywidgets"] == "8.1.9"
    assert pins["plotly"] == "7.1.0" and pins["nbval"] == "0.11.0"
    assert pins["jsonschema"].startswith("4.23."), "4.24+ pulls in the slow rfc3987-syntax"
    assert "pandas" not in pins and "numpy" not in pins


def _tracked_notebooks() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_committed_notebooks_have_no_outputs_and_no_execution_counts():
    for name in _tracked_notebooks():
        nb = json.loads((ROOT / name).read_text("utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [], f"{name}: a code cell has outputs"
                assert cell["execution_count"] is None, (
                    f"{name}: a code cell has an execution count"
                )


def test_ci_runs_the_test_command_the_readme_gives():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in readme and ci.rstrip().endswith("make test")
    assert "apt-get install" in ci and "chromium" in ci


def _recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    return makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]


def test_make_lab_listens_on_loopback_and_never_turns_the_token_off():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "--ServerApp.ip=127.0.0.1" in _recipe("lab")
    assert "0.0.0.0" not in makefile  # noqa: S104 - asserting its absence
    assert "token=''" not in makefile
    assert 'token=""' not in makefile
    assert "disable_check_xsrf" not in makefile and "--no-auth" not in makefile


FAKE_PYTHON = """#!/bin/sh
# stands in for .venv/bin/python: a token when asked for one, else the command it was given
if [ "$1" = -c ]; then echo FAKE-TOKEN-1234; else echo "RUN: $* [JUPYTER_TOKEN=${JUPYTER_TOKEN:-}]"; fi
"""


def _make(target: str, tmp_path, uid: int) -> list[str]:
    """Run a make recipe with a fake python and a fake `id -u`; return what it printed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, text in (("python", FAKE_PYTHON), ("id", f"#!/bin/sh\necho {uid}\n")):
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    venv = tmp_path / "venv"
    out = subprocess.run(
        ["make", "-s", "-C", str(ROOT), target, f"VENV={venv}", f"PY={bin_dir / 'python'}",
         "-o", f"{venv}/.runtime"],
        env={**{k: v for k, v in os.environ.items() if not k.startswith("JUPYTER_TOKEN")},
             "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return out.stdout.splitlines()


def _command(lines: list[str]) -> str:
    return next(line for line in lines if line.startswith("RUN: "))


def test_make_lab_as_root_passes_allow_root_and_says_so_in_one_line(tmp_path):
    lines = _make("lab", tmp_path, uid=0)
    assert "--allow-root" in _command(lines).split()
    said = [line for line in lines if "root" in line and not line.startswith("RUN: ")]
    assert len(said) == 1 and "--allow-root" in said[0]


def test_make_lab_as_another_user_passes_no_allow_root_and_says_nothing_of_it(tmp_path):
    lines = _make("lab", tmp_path, uid=1000)
    assert "--allow-root" not in _command(lines)
    assert [line for line in lines if not line.startswith("RUN: ")] == []


def test_make_lab_puts_no_token_on_the_command_line_and_lets_jupyter_make_one(tmp_path):
    command = _command(_make("lab", tmp_path, uid=1000))
    assert "token" not in command.split("[JUPYTER_TOKEN=")[0].lower()
    assert command.endswith("[JUPYTER_TOKEN=]"), "Jupyter generates the token (and prints it)"


def test_make_student_gives_voila_its_token_through_the_environment_and_prints_it(tmp_path):
    lines = _make("student", tmp_path, uid=1000)
    args, env = _command(lines).split(" [JUPYTER_TOKEN=")
    assert "FAKE-TOKEN-1234" not in args and "--Voila.auto_token=True" in args
    assert env == "FAKE-TOKEN-1234]"
    url = "http://127.0.0.1:8866/voila/render/00-kirispe.ipynb?token=FAKE-TOKEN-1234"
    assert f"Student view: {url}" in lines


def test_the_repository_config_switches_off_jupyterlab_news_and_update_checks():
    config = ROOT / ".jupyter"
    page = json.loads((config / "labconfig" / "page_config.json").read_text("utf-8"))
    assert page["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True
    server = json.loads((config / "jupyter_server_config.json").read_text("utf-8"))
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    assert "JUPYTER_CONFIG_PATH := $(CURDIR)/.jupyter" in (ROOT / "Makefile").read_text("utf-8")


def _hooks() -> dict[str, str]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert all(hook["language"] == "system" for hook in hooks), "no hook may need the network"
    return {hook["id"]: hook["entry"] for hook in hooks}


def test_pre_commit_runs_ruff_check_ruff_format_and_nbstripout_from_the_pinned_venv():
    hooks = _hooks()
    assert hooks == {
        "ruff-check": ".venv/bin/python -m ruff check --force-exclude",
        "ruff-format": ".venv/bin/python -m ruff format --force-exclude",
        "nbstripout": ".venv/bin/python -m nbstripout --keep-id",
    }
    dev = _requirements("requirements-dev.txt")
    assert any(x.startswith("ruff==") for x in dev) and any(
        x.startswith("nbstripout==") for x in dev
    )


def test_make_lint_runs_each_pre_commit_hook_as_a_check():
    lint = _recipe("lint")
    checks = {
        "ruff-check": "$(PY) -m ruff check .",
        "ruff-format": "$(PY) -m ruff format --check .",
        "nbstripout": "$(PY) -m nbstripout --keep-id --verify $$notebooks",
    }
    assert set(checks) == set(_hooks())
    for hook, line in checks.items():
        assert line in lint, f"make lint does not run the {hook} hook as a check"
    assert _recipe("test").split()[0] == "lint"


def test_the_notebook_check_of_make_lint_fails_on_a_notebook_with_outputs(tmp_path):
    cell = {"cell_type": "code", "execution_count": 3, "id": "c1", "metadata": {},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi\n"}],
            "source": "print('hi')"}  # fmt: skip
    nb = tmp_path / "run.ipynb"
    nb.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                              "nbformat_minor": 5}), encoding="utf-8")  # fmt: skip
    cmd = [sys.executable, "-m", "nbstripout", "--keep-id", "--verify", str(nb)]
    assert subprocess.run(cmd, capture_output=True, check=False).returncode != 0
    clean = [sys.executable, "-m", "nbstripout", "--keep-id", "--verify", str(ROOT / FIRST)]
    assert subprocess.run(clean, capture_output=True, check=False).returncode == 0


MAX_LINES = 200
# Small modules, one job each: the package, the bench, the Lite build, the browser test helpers
# and the map builder (test files are lists of sentences and may run longer).
SMALL = (
    "lessons/tmdkit/**/*.py",
    "benchmarks/**/*.py",
    "lite/**/*.py",
    "tests/browser/_*.py",
    "data/geo/*.py",
)


def too_long(root, limit=MAX_LINES):
    """Return {path: its number of lines} for each module under root's SMALL patterns over limit."""
    out = {}
    for pattern in SMALL:
        for path in sorted(root.glob(pattern)):
            n = len(path.read_text("utf-8").splitlines())
            if n > limit:
                out[path.relative_to(root).as_posix()] = n
    return out


def test_no_module_of_the_package_bench_lite_build_browser_helpers_or_map_builder_is_over_200_lines():
    over = too_long(ROOT)
    assert over == {}, f"split by job, {MAX_LINES} lines at most: {over}"


def test_the_length_check_names_each_long_module_with_its_length_and_nothing_else(tmp_path):
    for rel, lines in [
        ("lessons/tmdkit/items/long.py", 201),
        ("lessons/tmdkit/short.py", 200),
        ("data/geo/build.py", 230),
        ("tests/browser/_helper.py", 250),
        ("tests/browser/test_long.py", 500),  # a test file, not a helper: not counted
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n" * lines, "utf-8")
    assert too_long(tmp_path) == {
        "lessons/tmdkit/items/long.py": 201,
        "tests/browser/_helper.py": 250,
        "data/geo/build.py": 230,
    }
