"""Shared test helpers: where the repository and its data live."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a scratch data/ folder holding a copy of the real schemas, for broken fixtures."""
    import shutil

    shutil.copytree(DATA / "schemas", tmp_path / "schemas")
    return tmp_path
