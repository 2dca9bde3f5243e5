"""The helper package behind the lessons on Kazakhstan's partnership with the CIS."""

from ._data import DataError
from ._lesson import Lesson, start

__all__ = ["DataError", "Lesson", "start"]
