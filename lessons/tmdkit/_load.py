"""Read a content file: from the Lite bundle, the user's cache, or parsed as safe YAML and validated."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from . import _bundle, _cache
from ._data import DATA, DataError, relative
from ._schema import schema_bytes, validate

# yaml is imported only when a file is in neither the bundle nor the cache: JupyterLite's
# Pyodide has none, and reads content validated at build time (tmdkit._bundle).


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


def load(name: str, root: Path = DATA, schema: str | None = None) -> Any:
    """Return data/<name>.yaml parsed and validated against schemas/<schema or name>.schema.json."""
    path = root / f"{name}.yaml"
    schema_name = schema or Path(name).name
    if root == DATA and (bundled := _bundle.get(name, schema_name)) is not None:
        return bundled  # validated when the JupyterLite site was built
    try:  # a copy validated earlier, from exactly these bytes, skips parsing and validation
        cache_key = _cache.key(path.read_bytes(), schema_bytes(schema_name, root))
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
