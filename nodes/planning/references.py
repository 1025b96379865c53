"""`${alias.path}` references between plan steps: find them and resolve them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

REF_RE = re.compile(r"^\$\{([a-z][a-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}$")


class ReferenceError_(ValueError):
    """A reference cannot be resolved against a step's result."""


def parse_ref(value: Any) -> tuple[str, list[str]] | None:
    """('alias', ['path', 'parts']) when `value` is a whole-value reference, else None."""
    if not isinstance(value, str):
        return None
    match = REF_RE.match(value)
    if match is None:
        return None
    path = [p for p in match.group(2).split(".") if p]
    return match.group(1), path


def iter_refs(args: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """(arg path, alias, result path) for every reference in `args`, nested dicts/lists included."""
    for key, value in args.items():
        arg_path = f"{prefix}{key}"
        ref = parse_ref(value)
        if ref is not None:
            yield arg_path, ref[0], ref[1]
        elif isinstance(value, dict):
            yield from iter_refs(value, f"{arg_path}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield from iter_refs(item, f"{arg_path}[{i}].")
                elif (r := parse_ref(item)) is not None:
                    yield f"{arg_path}[{i}]", r[0], r[1]


def looks_like_ref(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("${")


def extract(payload: Any, path: list[str]) -> Any:
    node = payload
    for part in path:
        if not isinstance(node, dict) or part not in node:
            raise ReferenceError_(f"path '{'.'.join(path)}' not found (missing '{part}')")
        node = node[part]
    return node


def resolve(value: Any, results: dict[str, Any]) -> Any:
    """Replace every reference in `value` by the referenced part of `results[alias]`."""
    ref = parse_ref(value)
    if ref is not None:
        alias, path = ref
        if alias not in results:
            raise ReferenceError_(f"step '{alias}' has no result")
        return extract(results[alias], path)
    if isinstance(value, dict):
        return {k: resolve(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, results) for v in value]
    return value
