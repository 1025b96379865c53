"""The SDK's server-side output check with compiled validators: installed by make_server, same verdicts."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.lowlevel import server as lowlevel
from mcp.shared.memory import create_connected_server_and_client_session

from planexec.tools.servers.common import make_server
from planexec.tools.servers.output_checks import CompiledJsonSchema

SCHEMA: dict[str, Any] = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


def test_make_server_swaps_in_the_compiled_check() -> None:
    make_server("t", "1.0.0", "test")
    assert lowlevel.jsonschema is CompiledJsonSchema


@pytest.mark.parametrize("instance", [{"n": "a"}, {}, {"n": 1.5}])
def test_a_bad_instance_fails_with_the_sdk_message(instance: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError) as expected:
        jsonschema.validate(instance=instance, schema=SCHEMA)
    with pytest.raises(CompiledJsonSchema.ValidationError) as got:
        CompiledJsonSchema.validate(instance=instance, schema=SCHEMA)
    assert got.value.message == expected.value.message


async def test_a_result_breaking_its_output_schema_is_still_refused() -> None:
    make_server("t", "1.0.0", "test")  # installs the compiled check
    server: Server[Any, Any] = Server("t")

    @server.list_tools()  # type: ignore[no-untyped-call, untyped-decorator]
    async def tools() -> list[types.Tool]:
        return [types.Tool(name="x", inputSchema={"type": "object"}, outputSchema=SCHEMA)]

    @server.call_tool()  # type: ignore[untyped-decorator]
    async def call(name: str, args: dict[str, Any]) -> dict[str, Any]:
        return {"n": args.get("n")}

    async with create_connected_server_and_client_session(server) as client:
        await client.list_tools()
        assert (await client.call_tool("x", {"n": 1})).structuredContent == {"n": 1}
        bad = await client.call_tool("x", {"n": "a"})
    assert bad.isError
    text = " ".join(c.text for c in bad.content if isinstance(c, types.TextContent))
    assert text == "Output validation error: 'a' is not of type 'integer'"
