import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

R2D = Path(sys.executable).with_name("jupyter-repo2docker")


@pytest.fixture(scope="module")
def dockerfile() -> str:
    if not R2D.exists():
        pytest.fail("jupyter-repo2docker is a dev requirement: run `make test` to install it")
    out = subprocess.run(
        [str(R2D), "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout + out.stderr


def test_binder_builds_a_conda_environment_for_python_311_from_environment_yml(dockerfile):
    assert "Building conda environment for python=3.11" in dockerfile
    assert '--file "environment.yml"' in dockerfile


def test_binder_copies_the_repository_to_home_before_installing_so_the_pip_file_resolves(
    dockerfile,
):
    # environment.yml says `-r requirements.txt`, relative to the repository copied into $HOME;
    # the same copy puts .jupyter/ (no news popup) at ~/.jupyter.
    assert "ARG REPO_DIR=${HOME}" in dockerfile
    assert dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < dockerfile.index("env update")


def test_binder_finds_no_other_configuration_that_would_override_environment_yml():
    # a binder/ folder would make repo2docker ignore the top-level files altogether
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert not (ROOT / "runtime.txt").exists()
