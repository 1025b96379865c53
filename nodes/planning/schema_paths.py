"""Walk a Pydantic model's JSON Schema along a dotted path (for static plan checks)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel


@cache
def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _deref(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = defs.get(node["$ref"].split("/")[-1], {})
            continue
        variants = [v for v in node.get("anyOf", []) if v.get("type") != "null"]
        if len(variants) == 1:
            node = variants[0]
            continue
        return node


def schema_at(model: type[BaseModel], path: list[str]) -> dict[str, Any] | None:
    """The (dereferenced) schema node at `path`, or None when the path does not exist."""
    schema = model_schema(model)
    defs = schema.get("$defs", {})
    node = _deref(schema, defs)
    for part in path:
        props = node.get("properties") or {}
        if part not in props:
            return None
        node = _deref(props[part], defs)
    return node


def field_schema(model: type[BaseModel], name: str) -> dict[str, Any] | None:
    return schema_at(model, [name])


def compatible(source: dict[str, Any], target: dict[str, Any]) -> bool:
    """Whether a value described by `source` can fill a field described by `target`."""
    if not target or not source:
        return True
    refs = [v["$ref"].split("/")[-1] for v in target.get("anyOf", []) if "$ref" in v]
    if refs and len(refs) == len(target["anyOf"]):  # one of several models (e.g. a table or a handle)
        return source.get("title") in refs
    if "title" in target and "properties" in target:
        return source.get("title") == target.get("title")
    if "type" in target and "type" in source:
        numeric = {"integer", "number"}
        if target["type"] == source["type"]:
            return True
        return target["type"] == "number" and source["type"] in numeric
    return True


def handle_kind_at(model: type[BaseModel], path: list[str]) -> str | None:
    """The handle kind a field at `path` holds or takes (its schema's `handle_kind`), or None."""
    schema = model_schema(model)
    defs = schema.get("$defs", {})
    node = _deref(schema, defs)
    raw: dict[str, Any] = {}
    for part in path:
        props = node.get("properties") or {}
        if part not in props:
            return None
        raw = props[part]
        node = _deref(raw, defs)
    kind = raw.get("handle_kind")
    return str(kind) if kind else None


def handle_only(node: dict[str, Any]) -> bool:
    """Whether a (dereferenced) field schema accepts a data handle and nothing else."""
    return node.get("title") == "DataHandle"
