"""Who belonged to the CIS, EurAsEC or EAEU at a moment: data/members.yaml, loaded and read."""

from __future__ import annotations

from pathlib import Path

from ._data import DATA, DataError, check_unique
from ._dates import end_of, parse_date
from ._load import load

# Status when no period covers the moment: (the state has no periods at all, it has some).
UNCOVERED = {"cis": ("never", "outside")} | dict.fromkeys(("eurasec", "eaeu"), ("nonmember",) * 2)


def happened(date: str, moment: str) -> bool:
    """Return True if date has come by moment."""
    # Compare the first day date can mean with the last day moment can mean: "1993-12" has
    # happened by the moment "1994" and by "1993-12"; no day is invented for display.
    return parse_date(date)[0] <= end_of(moment)


def period_at(state: dict, moment: str, org: str) -> dict | None:
    """Return the period of state in org that covers moment, or None."""
    current = None
    for period in state[org]:
        ended = "to" in period and happened(period["to"], moment)
        if happened(period["from"], moment) and not ended:
            current = period
    return current


def status_at(state: dict, moment: str, org: str = "cis") -> str:
    """Return the status id of state in org at moment (YYYY-MM-DD, YYYY-MM or YYYY)."""
    period = period_at(state, moment, org)
    if period is not None:
        return period["status"]
    no_periods, otherwise = UNCOVERED[org]
    return otherwise if state[org] else no_periods


def status(members: dict, state: dict, moment: str, org: str) -> dict:
    """Return the status entry (id, label, colour, pattern) of state in org at moment."""
    found = status_at(state, moment, org)
    return next(s for s in members["orgs"][org]["statuses"] if s["id"] == found)


def load_members(root: Path = DATA) -> dict:
    """Return data/members.yaml, validated, with every period's status known to its org."""
    members, file = load("members", root), "data/members.yaml"
    check_unique(members["states"], "iso3", file)
    for org, spec in members["orgs"].items():
        check_unique(spec["statuses"], "id", file)
        ids = [s["id"] for s in spec["statuses"]]
        for needed in set(UNCOVERED[org]) - set(ids):
            raise DataError(file, org, "statuses", f"an entry with id {needed!r} (used by default)")
        for state in members["states"]:
            for i, period in enumerate(state[org]):
                if period["status"] not in ids:
                    raise DataError(file, state["iso3"], f"{org}.{i}.status", f"one of {ids}")
                if "to" in period and happened(period["to"], period["from"]):
                    raise DataError(file, state["iso3"], f"{org}.{i}.to", "a date after 'from'")
        for moment in spec["moments"]:
            if parse_date(moment["date"])[0] > end_of(members["as_of"]):
                raise DataError(file, moment["date"], f"orgs.{org}.moments", "a date up to as_of")
    return members
