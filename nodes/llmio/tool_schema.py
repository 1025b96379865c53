"""Tool and answer schemas as the MODEL sees them: keywords that break servers' grammar builders removed.

llama.cpp-style servers turn a JSON Schema into a sampling grammar; `maxLength: 2000` becomes 2,000 nested
optional characters and `pattern`/`format` are not all supported, which crashed llama-cpp-python. What the
model sees is simplified: those keywords (and the item/length bounds) are dropped and local `$ref`s are
inlined when the definitions are not recursive. Next to an `enum` the `type` is dropped: the enum alone
says which values are legal, and llama-cpp-python's grammar builder reads a list `type` (e.g.
["string", "null"]) before the enum and then admits any string. Enums, other types, required fields,
descriptions, numeric bounds and `additionalProperties: false` stay (grammar builders handle them and they
keep a small model from inventing keys). The real contract is still validated where the call lands
(the hub, Pydantic).
"""

from __future__ import annotations

from typing import Any

DROPPED_KEYWORDS = frozenset(
    {
        "maxLength",
        "minLength",
        "pattern",
        "format",
        "maxItems",
        "minItems",
        "uniqueItems",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "maxProperties",
        "minProperties",
    }
)
MAX_INLINE_DEPTH = 12


class _Recursive(Exception):
    """A `$ref` that cannot be inlined (recursive, too deep, or not local)."""


def _resolve(ref: str, defs: dict[str, Any]) -> Any:
    prefix = "#/$defs/" if ref.startswith("#/$defs/") else "#/definitions/"
    if not ref.startswith(prefix) or ref[len(prefix) :] not in defs:
        raise _Recursive(ref)
    return defs[ref[len(prefix) :]]


def _inline(node: Any, defs: dict[str, Any], trail: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, defs, trail) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in trail or len(trail) >= MAX_INLINE_DEPTH:
            raise _Recursive(ref)
        target = _inline(_resolve(ref, defs), defs, (*trail, ref))
        rest = {k: _inline(v, defs, trail) for k, v in node.items() if k != "$ref"}
        return {**target, **rest}
    return {k: _inline(v, defs, trail) for k, v in node.items() if k not in ("$defs", "definitions")}


def _drop(node: Any, in_properties: bool = False) -> Any:
    if isinstance(node, list):
        return [_drop(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys here are property names, not keywords
        return {k: _drop(v) for k, v in node.items()}
    dropped = DROPPED_KEYWORDS | ({"type"} if isinstance(node.get("enum"), list) else set())
    return {k: _drop(v, in_properties=k == "properties") for k, v in node.items() if k not in dropped}


def simplify_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of `schema` without grammar-hostile keywords, `$ref`s inlined when possible."""
    defs = {**(schema.get("definitions") or {}), **(schema.get("$defs") or {})}
    inlined: Any = schema
    if defs:
        try:
            inlined = _inline(schema, defs, ())
        except _Recursive:
            inlined = schema  # keep $defs and $refs as they are
    simplified = _drop(inlined)
    return simplified if isinstance(simplified, dict) else dict(schema)


MODEL_VIEW_DEPTH = 1  # levels of nested objects the model sees in a tool's parameters
HIDDEN_PROPERTIES = frozenset({"schema_version"})  # defaulted contract bookkeeping


def _summarised(node: dict[str, Any]) -> dict[str, Any]:
    """A nested object (or its alternatives) as its type and description, nothing inside."""
    alternatives = [a for a in node.get("anyOf", node.get("oneOf", [])) if isinstance(a, dict)]
    kinds = {str(a["type"]) for a in alternatives if a.get("type") and a.get("type") != "null"}
    view: dict[str, Any] = {"type": node.get("type") or (kinds.pop() if len(kinds) == 1 else "object")}
    if node.get("description"):
        view["description"] = node["description"]
    return view


def _compact(node: Any, depth: int) -> Any:
    if isinstance(node, list):
        return [_compact(item, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("properties"), dict) and depth > MODEL_VIEW_DEPTH:
        return _summarised(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title":
            continue
        if key == "properties" and isinstance(value, dict):
            shown = {n: v for n, v in value.items() if n not in HIDDEN_PROPERTIES}
            out[key] = {name: _compact(sub, depth + 1) for name, sub in shown.items()}
        elif key in ("anyOf", "oneOf", "items") and depth >= MODEL_VIEW_DEPTH:
            return _summarised(node)  # alternatives / items of a nested value: one line
        else:
            out[key] = _compact(value, depth)
    return out


def model_view(schema: dict[str, Any]) -> dict[str, Any]:
    """A tool's parameters as the model sees them: simplified, no titles, no schema_version, values
    nested below the top-level properties shown as their type and description only (big nested
    contracts — an entity table, a data handle — made the prompt 20 KB for 10 tools, and a 270M
    model then called none). The model passes such values by reference ("${r1.entities}"); the hub
    validates the full contract."""
    view = _compact(simplify_schema(schema), 0)
    return view if isinstance(view, dict) else simplify_schema(schema)
