"""The deforestation server as a real process over stdio."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from mcp import ClientSession

from planexec.schemas.tools.deforestation import DeforestationAreasResult

pytestmark = pytest.mark.integration

SessionFactory = Callable[[str], AbstractAsyncContextManager[ClientSession]]
MODULE = "planexec.tools.servers.deforestation"


async def test_deforestation_server(server_session: SessionFactory) -> None:
    async with server_session(MODULE) as session:
        (tool,) = (await session.list_tools()).tools
        full = await session.call_tool("GetDeforestationAreas", {})
        para = await session.call_tool("GetDeforestationAreas", {"states": ["PA"], "min_increment_km2": 10})
        bad = await session.call_tool("GetDeforestationAreas", {"states": ["SP"]})
    assert tool.name == "GetDeforestationAreas"
    assert tool.outputSchema == DeforestationAreasResult.model_json_schema()
    res = DeforestationAreasResult.model_validate(full.structuredContent)
    assert res.count == 760
    assert res.total_increment_km2 == pytest.approx(6143.7, abs=0.05)
    assert res.entities.column("municipality")[0] == "Altamira"
    pa = DeforestationAreasResult.model_validate(para.structuredContent)
    assert pa.count > 0 and set(pa.entities.column("uf")) == {"PA"}
    assert pa.entities.columns["increment_km2"].to_numpy().min() >= 10
    assert bad.isError
    assert "no data for UF(s) SP" in " ".join(getattr(c, "text", "") for c in bad.content)
