"""Shared test helpers: where the repository and its data live, and a private cache and results folder."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The suite never writes into the user's real content cache or the repository's results/: these
# point at a scratch folder for the whole session, before any test imports tmdkit, and the
# notebook kernels (nbval) and the browser tests' JupyterLab inherit them from this process.
ISOLATED = ("TMD_CACHE_DIR", "TMD_RESULTS_DIR")
_SCRATCH: list[Path] = []


def pytest_configure(config):
    scratch = Path(tempfile.mkdtemp(prefix="tmd-tests-"))
    _SCRATCH.append(scratch)
    for name in ISOLATED:
        os.environ[name] = str(scratch / name.lower())


def pytest_unconfigure(config):
    for scratch in _SCRATCH:
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a scratch data/ folder holding a copy of the real schemas, for broken fixtures."""
    shutil.copytree(DATA / "schemas", tmp_path / "schemas")
    return tmp_path
