"""CheckedSession: the SDK's output-schema check of tool results, compiled once per schema."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
from mcp import types

from planexec.tools.client import session as session_mod
from planexec.tools.client.session import CheckedSession, compiled_validator

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"count": {"type": "integer"}, "rows": {"type": "array", "items": {"$ref": "#/$defs/Row"}}},
    "required": ["count"],
    "$defs": {"Row": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}},
}


def _session(schemas: dict[str, Any], pinned: frozenset[str] = frozenset()) -> CheckedSession:
    send, receive = anyio.create_memory_object_stream[Any](1)
    session = CheckedSession(receive, send, pinned=pinned)
    session._tool_output_schemas = dict(schemas)  # what the SDK fills from tools/list
    return session


def _result(structured: dict[str, Any] | None) -> types.CallToolResult:
    return types.CallToolResult(content=[], structuredContent=structured)


async def test_valid_result_passes() -> None:
    session = _session({"Count": SCHEMA})
    await session._validate_tool_result("Count", _result({"count": 3, "rows": [{"id": "a"}]}))


async def test_result_breaking_the_schema_is_reported_as_the_sdk_does() -> None:
    session = _session({"Count": SCHEMA})
    with pytest.raises(RuntimeError, match="Invalid structured content returned by tool Count"):
        await session._validate_tool_result("Count", _result({"count": 3, "rows": [{"name": "a"}]}))
    with pytest.raises(RuntimeError, match="did not return structured content"):
        await session._validate_tool_result("Count", _result(None))


async def test_invalid_schema_is_reported() -> None:
    session = _session({"Bad": {"type": "no-such-type"}})
    with pytest.raises(RuntimeError, match="Invalid schema for tool Bad"):
        await session._validate_tool_result("Bad", _result({"x": 1}))


async def test_tool_without_output_schema_is_not_checked() -> None:
    session = _session({"Free": None})
    await session._validate_tool_result("Free", _result({"anything": [1, 2]}))


async def test_pinned_tools_are_left_to_the_callers_contract() -> None:
    session = _session({"Count": SCHEMA}, pinned=frozenset({"Count"}))
    await session._validate_tool_result("Count", _result({"count": "not an int"}))
    other = _session({"Count": SCHEMA}, pinned=frozenset({"Other"}))
    with pytest.raises(RuntimeError, match="Invalid structured content"):
        await other._validate_tool_result("Count", _result({"count": "not an int"}))


def test_the_schema_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from jsonschema import validators

    schema = {**SCHEMA, "title": "checked-once"}
    cls = validators.validator_for(schema)
    calls: list[int] = []
    original = cls.check_schema

    def counting(s: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        original(s, *args, **kwargs)

    monkeypatch.setattr(cls, "check_schema", counting)
    monkeypatch.setattr(session_mod, "_VALIDATORS", {})
    first = compiled_validator(schema)
    again = compiled_validator(dict(schema))  # an equal schema (a restarted session's copy)
    assert first is again and len(calls) == 1
    assert list(first.iter_errors({"count": 1})) == []
    assert list(first.iter_errors({"count": "x"}))
