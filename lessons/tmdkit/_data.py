"""Read the content files in data/ as UTF-8 YAML and validate them against their JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _bundle, _cache

# yaml and jsonschema are imported only when a file is in neither the bundle nor the cache:
# JupyterLite's Pyodide has neither, and reads content validated at build time (tmdkit._bundle).
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

DATA = _bundle.DATA or Path(__file__).resolve().parents[2] / "data"
LANGS = ("kk", "ru", "en")

# Keys that name an entry in our files, in the order we prefer them for error messages.
_ID_KEYS = ("id", "stem", "iso3", "n", "term")
# Mappings whose keys name their entries (ui.yaml strings, a catalog's cells, members' orgs).
_KEYED = ("strings", "cells", "orgs")
# Lists whose entries are parts of the entry around them: an option "a" is in every item, so an
# error in one names the item and the path to the option ("options.0.explain"), not "a".
_PARTS = ("options", "left")


class DataError(ValueError):
    """A content file is malformed: names the file, the entry, the field and what was expected."""

    def __init__(self, file: str | Path, entry: str, field: str, expected: str) -> None:
        self.file, self.entry, self.field, self.expected = str(file), entry, field, expected
        super().__init__(f'{self.file}: {entry}: field "{field}": {expected}')


def relative(path: Path, root: Path = DATA) -> str:
    """Return the path as a teacher sees it from the repository root (data/...)."""
    try:
        return str(Path("data") / path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


@cache
def _loader() -> Any:
    """Return the safe loader, refusing a key given twice in one mapping: YAML keeps the last
    silently, so a teacher's second `status:` or `explain:` would hide the first without a word."""
    import yaml

    # libyaml's safe loader, where PyYAML was built with it: the same safe subset of YAML as
    # yaml.safe_load, five to ten times faster, which halves a lesson's start-up.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"the key {key_node.value!r} is given twice (first on line {seen[key]})",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return Loader


def read_yaml(path: Path, root: Path = DATA) -> Any:
    """Return the parsed YAML document, or raise DataError pointing at the broken line."""
    import yaml

    loader = _loader()
    name = relative(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(name, "(file)", "(file)", "the file is missing") from None
    except UnicodeDecodeError as exc:
        raise DataError(name, "(file)", "(file)", f"UTF-8 text (byte {exc.start} is not)") from None
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, never yaml.Loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise DataError(
            name, where, "(yaml)", f"valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None


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


def _schema_bytes(schema_name: str, root: Path) -> bytes:
    schemas = root / "schemas"
    return b"".join(
        (schemas / f"{name}.schema.json").read_bytes() for name in (schema_name, SHARED)
    )


def load(name: str, root: Path = DATA, schema: str | None = None) -> Any:
    """Return data/<name>.yaml parsed and validated against schemas/<schema or name>.schema.json."""
    path = root / f"{name}.yaml"
    schema_name = schema or Path(name).name
    if root == DATA and (bundled := _bundle.get(name, schema_name)) is not None:
        return bundled  # validated when the JupyterLite site was built
    try:  # a copy validated earlier, from exactly these bytes, skips parsing and validation
        cache_key = _cache.key(path.read_bytes(), _schema_bytes(schema_name, root))
    except OSError:
        cache_key = None
    cached = _cache.get(cache_key) if cache_key else None
    if cached is not None:
        return cached
    doc = read_yaml(path, root)
    validate(doc, schema_name, relative(path, root), root)
    if cache_key:
        _cache.put(cache_key, doc)
    return doc


def check_unique(entries: Iterable[Mapping[str, Any]], key: str, file: str) -> None:
    """Raise DataError if two entries share the same value of key."""
    seen: set[Any] = set()
    for entry in entries:
        value = entry[key]
        if value in seen:
            raise DataError(file, str(value), key, "a unique value (this one is used twice)")
        seen.add(value)


def text(value: Mapping[str, str], lang: str) -> str:
    """Return the text of a {kk, ru, en} mapping in lang, falling back to Kazakh."""
    return value.get(lang) or value["kk"]
