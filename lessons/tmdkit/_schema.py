"""Validate a document against its JSON Schema; the error names the entry and field to fix."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._data import DATA, DataError, relative

# jsonschema is imported only when a file is validated: JupyterLite's Pyodide has none, and
# reads content validated at build time (tmdkit._bundle).
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

# Keys that name an entry in our files, in the order we prefer them for error messages.
_ID_KEYS = ("id", "stem", "iso3", "n", "term")
# Mappings whose keys name their entries (ui.yaml strings, a catalog's cells, members' orgs).
_KEYED = ("strings", "cells", "orgs")
# Lists whose entries are parts of the entry around them: an option "a" is in every item, so an
# error in one names the item and the path to the option ("options.0.explain"), not "a".
_PARTS = ("options", "left")


SHARED = "defs"  # schemas/defs.schema.json: the definitions every schema refers to


@cache
def _validator(schema_name: str, root: Path, stamp: int) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    def read(name: str) -> Any:
        return json.loads((root / "schemas" / f"{name}.schema.json").read_text("utf-8"))

    # defs.schema.json#/$defs/text in any schema resolves to the one shared definition.
    registry = Registry().with_resource(
        f"{SHARED}.schema.json", Resource.from_contents(read(SHARED))
    )
    # The schemas themselves are checked against the metaschema by the tests, not in every kernel:
    # that check alone cost a lesson 0.2 s at start-up.
    return Draft202012Validator(read(schema_name), registry=registry)


def entry_label(node: Any) -> str | None:
    """Return 'id' of a mapping that names an entry, or None."""
    if isinstance(node, Mapping):
        for key in _ID_KEYS:
            if key in node and isinstance(node[key], str | int):
                return str(node[key])
    return None


def _locate(doc: Any, error: ValidationError) -> tuple[str, str]:
    """Return (entry id, field path) for a schema error inside doc."""
    path = list(error.absolute_path)
    entry, start, node = "(top)", 0, doc
    for i, key in enumerate(path):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        part = i > 0 and path[i - 1] in _PARTS
        label = None if part else entry_label(node)
        if label is None and i > 0 and path[i - 1] in _KEYED:
            label = str(key)
        if label is not None:
            entry, start = label, i + 1
    rest = [str(p) for p in path[start:]]
    if error.validator == "required":
        missing = next((r for r in error.validator_value if r not in error.instance), "?")
        rest.append(missing)
    elif _misnamed(error):  # the instance is the unknown key itself
        rest.append(str(error.instance))
    elif error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = set(error.schema.get("properties", {}))
        rest.append(next((str(k) for k in error.instance if k not in allowed), "?"))
    return entry, ".".join(rest) or "(entry)"


def _misnamed(error: ValidationError) -> bool:
    """Return True for a field name outside the schema's list (propertyNames: enum)."""
    return "propertyNames" in error.absolute_schema_path


def _expected(error: ValidationError) -> str:
    v, value = error.validator, error.validator_value
    if _misnamed(error) and v == "enum":
        return f"a known field name (one of {value})"
    if v == "required":
        return "is required but missing"
    if v == "type":
        return f"expected {value}, got {type(error.instance).__name__} {error.instance!r:.60}"
    if v == "pattern":
        return f"{error.instance!r:.60} does not match the expected form {value}"
    if v == "enum":
        return f"{error.instance!r:.60} is not one of {value}"
    if v == "additionalProperties":
        return f"unexpected field ({error.message})"
    return error.message[:200]


def validate(doc: Any, schema_name: str, file: str, root: Path = DATA) -> None:
    """Raise DataError for the most relevant schema violation in doc, if any."""
    from jsonschema.exceptions import best_match

    schemas = [root / "schemas" / f"{name}.schema.json" for name in (schema_name, SHARED)]
    try:
        # an edited schema is read again, even in a kernel that validated with the old one
        validator = _validator(schema_name, root, max(p.stat().st_mtime_ns for p in schemas))
    except OSError as exc:
        where = relative(Path(exc.filename), root) if exc.filename else relative(schemas[0], root)
        raise DataError(where, "(file)", "(file)", "the schema file is missing") from None
    except ValueError as exc:  # JSON syntax (UTF-8 included) in a schema or the shared definitions
        raise DataError(
            f"{relative(schemas[0], root)} or {relative(schemas[1], root)}",
            "(file)",
            "(file)",
            f"valid JSON ({exc})",
        ) from None
    error = best_match(validator.iter_errors(doc))
    if error is not None:
        entry, field = _locate(doc, error)
        raise DataError(file, entry, field, _expected(error))


def schema_bytes(schema_name: str, root: Path) -> bytes:
    """Return the bytes of a schema and the shared definitions, as a cache key sees them."""
    schemas = root / "schemas"
    return b"".join(
        (schemas / f"{name}.schema.json").read_bytes() for name in (schema_name, SHARED)
    )
