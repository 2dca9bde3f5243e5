"""The teacher's class report from a folder of students' results files; no server needed."""

from .load import load_folder
from .tables import build

__all__ = ["ClassReport", "build", "load_folder"]


def __getattr__(name: str):  # the notebook object needs IPython; the command line does not
    if name == "ClassReport":
        from .notebook import ClassReport

        return ClassReport
    raise AttributeError(name)
