"""What the MCP Inspector (or any MCP client) sees of each bundled server over stdio: a prefixed
server name, a title and annotations on every tool, and no internal parameters in any tool schema."""

from __future__ import annotations

import pytest

from planexec.schemas.tools.internal import INTERNAL_ARGS
from tests.integration.tools.servers.conftest import stdio_server

pytestmark = pytest.mark.integration

SERVERS = {
    "solar": {"GetFacilitiesForGeospatial", "GetSolarFacilitiesMapData"},
    "heat": {"GetHeatQuintilesForGeospatial"},
    "deforestation": {"GetDeforestationAreas"},
    "policy": {"SearchPassages", "GetPassage"},
    "geospatial": {
        "RegisterEntities",
        "FindSpatialCorrelations",
        "GenerateCorrelationMap",
        "GetSessionSummary",
    },
}
KEEPS_RESULTS = {"RegisterEntities", "FindSpatialCorrelations", "GenerateCorrelationMap"}


@pytest.mark.parametrize("name", sorted(SERVERS))
async def test_tools_list_shows_titles_annotations_and_no_internal_parameters(name: str) -> None:
    async with stdio_server(f"planexec.tools.servers.{name}") as (session, info):
        listed = (await session.list_tools()).tools
    assert info.serverInfo.name == f"planexec-{name}"
    assert {t.name for t in listed} == SERVERS[name]
    for tool in listed:
        assert tool.title and tool.title[0].isupper() and tool.title != tool.name, tool.name
        notes = tool.annotations
        assert notes is not None and notes.title == tool.title
        assert notes.readOnlyHint is (tool.name not in KEEPS_RESULTS), tool.name
        assert (notes.destructiveHint, notes.idempotentHint, notes.openWorldHint) == (False, True, False)
        properties = set(tool.inputSchema.get("properties", {}))
        assert not properties & INTERNAL_ARGS, (tool.name, properties & INTERNAL_ARGS)
        assert not properties & set(tool.inputSchema.get("required", [])) - properties
