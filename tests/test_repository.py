import json
import re
import subprocess

import yaml
from conftest import ROOT

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


def test_make_lab_listens_on_loopback_with_a_generated_token():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.ip=127.0.0.1" in lab and "token_urlsafe" in lab
    assert "0.0.0.0" not in makefile  # noqa: S104 - asserting its absence and "token=''" not in makefile and 'token=""' not in makefile
