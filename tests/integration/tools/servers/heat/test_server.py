"""The heat server as a real process over stdio."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from mcp import ClientSession

from planexec.schemas.tools.heat import HeatZonesResult

pytestmark = pytest.mark.integration

SessionFactory = Callable[[str], AbstractAsyncContextManager[ClientSession]]
MODULE = "planexec.tools.servers.heat"


async def test_heat_server(server_session: SessionFactory) -> None:
    async with server_session(MODULE) as session:
        (tool,) = (await session.list_tools()).tools
        default = await session.call_tool("GetHeatQuintilesForGeospatial", {})
        every = await session.call_tool("GetHeatQuintilesForGeospatial", {"quintiles": [1, 2, 3, 4, 5]})
        bad = await session.call_tool("GetHeatQuintilesForGeospatial", {"quintiles": [6]})
    assert tool.name == "GetHeatQuintilesForGeospatial"
    assert tool.outputSchema == HeatZonesResult.model_json_schema()
    hot = HeatZonesResult.model_validate(default.structuredContent)
    assert hot.quintiles == [5] and hot.count == 38
    assert hot.entities.entity_type == "heat_zone" and hot.entities.geometry_wkt is not None
    assert hot.entities.columns["tmax_hottest_month_c"].to_numpy().min() >= 35.0
    allz = HeatZonesResult.model_validate(every.structuredContent)
    assert allz.count == 190
    counts = {q: allz.entities.column("quintile").count(float(q)) for q in range(1, 6)}
    assert counts == {1: 38, 2: 38, 3: 38, 4: 38, 5: 38}
    assert bad.isError
    assert "out of range" in " ".join(getattr(c, "text", "") for c in bad.content)
