"""What the model sees of a schema: no grammar-hostile keywords, local refs inlined when possible."""

from __future__ import annotations

from planexec.nodes.llmio.tool_schema import simplify_schema


def test_grammar_hostile_keywords_are_dropped_and_the_rest_kept() -> None:
    schema = {
        "type": "object",
        "properties": {
            "query": {"type": "string", "maxLength": 2000, "minLength": 1, "pattern": "^a", "format": "uri"},
            "ids": {"type": "array", "items": {"type": "integer"}, "maxItems": 9, "minItems": 1},
            "km": {"type": "number", "exclusiveMinimum": 0, "maximum": 500},
            "kind": {"type": "string", "enum": ["a", "b"], "description": "Kind."},
        },
        "required": ["query"],
        "additionalProperties": False,
    }
    out = simplify_schema(schema)
    assert out["properties"]["query"] == {"type": "string"}
    assert out["properties"]["ids"] == {"type": "array", "items": {"type": "integer"}}
    assert out["properties"]["km"] == {"type": "number", "maximum": 500}
    assert out["properties"]["kind"] == {"enum": ["a", "b"], "description": "Kind."}
    assert out["required"] == ["query"] and out["additionalProperties"] is False
    assert schema["properties"]["query"]["maxLength"] == 2000  # the input is not changed


def test_a_property_named_like_a_keyword_is_kept() -> None:
    schema = {"type": "object", "properties": {"format": {"type": "string"}, "pattern": {"type": "string"}}}
    assert set(simplify_schema(schema)["properties"]) == {"format", "pattern"}


def test_local_refs_are_inlined() -> None:
    schema = {
        "type": "object",
        "properties": {"where": {"$ref": "#/$defs/Place", "description": "Where."}},
        "$defs": {"Place": {"type": "object", "properties": {"uf": {"type": "string", "maxLength": 2}}}},
    }
    out = simplify_schema(schema)
    assert "$defs" not in out
    assert out["properties"]["where"] == {
        "type": "object",
        "properties": {"uf": {"type": "string"}},
        "description": "Where.",
    }


def test_recursive_refs_are_kept_as_they_are() -> None:
    schema = {
        "type": "object",
        "properties": {"node": {"$ref": "#/$defs/Node"}},
        "$defs": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}},
    }
    out = simplify_schema(schema)
    assert out["properties"]["node"] == {"$ref": "#/$defs/Node"} and "Node" in out["$defs"]


def test_an_enum_alone_says_which_values_are_legal() -> None:
    """llama-cpp-python reads a list `type` before the enum and would then admit any string."""
    schema = {"type": "object", "properties": {"op": {"type": ["string", "null"], "enum": ["within", None]}}}
    assert simplify_schema(schema)["properties"]["op"] == {"enum": ["within", None]}
