"""Every bundled tool advertises exactly its pinned args model (schemas/tools/*.py) as inputSchema,
minus the internal fields (schemas/tools/internal.py), which travel in the request's `_meta`."""

from __future__ import annotations

from typing import Any

import pytest
from mcp.server.fastmcp import FastMCP

from planexec.schemas.tools.internal import INTERNAL_ARGS
from planexec.tools.client.contracts import CONTRACTS
from planexec.tools.servers.deforestation.server import build_server as deforestation
from planexec.tools.servers.geospatial.server import build_server as geospatial
from planexec.tools.servers.heat.server import build_server as heat
from planexec.tools.servers.policy.server import build_server as policy
from planexec.tools.servers.solar.server import build_server as solar

SERVERS = {
    "solar": solar,
    "heat": heat,
    "deforestation": deforestation,
    "geospatial": geospatial,
    "policy": policy,
}


def without_titles(schema: Any) -> Any:
    """The schema with every 'title' keyword dropped (model and function names differ)."""
    if isinstance(schema, dict):
        return {k: without_titles(v) for k, v in schema.items() if k != "title"}
    if isinstance(schema, list):
        return [without_titles(v) for v in schema]
    return schema


@pytest.mark.parametrize("name", sorted(SERVERS))
async def test_advertised_schemas_are_the_pinned_models(name: str) -> None:
    server: FastMCP[Any] = SERVERS[name]()
    tools = {t.name: t for t in await server.list_tools()}
    pinned = {tool: c for (srv, tool), c in CONTRACTS.items() if srv == name}
    assert set(tools) == set(pinned)
    for tool_name, tool in tools.items():
        expected = pinned[tool_name].args.model_json_schema()
        expected.pop("additionalProperties")  # the pinned model forbids extras; FastMCP ignores them
        expected.pop("description", None)  # the model's docstring; the tool has its own description
        for field in INTERNAL_ARGS:
            expected["properties"].pop(field, None)
        assert not set(expected.get("required", [])) & INTERNAL_ARGS
        assert without_titles(tool.inputSchema) == without_titles(expected), tool_name
        assert "ctx" not in tool.inputSchema["properties"]
        assert tool.outputSchema == pinned[tool_name].result.model_json_schema(), tool_name
        assert tool.description
