"""The solar server as a real process over stdio: schemas, real numbers, errors as isError."""

from __future__ import annotations

import csv
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest
from mcp import ClientSession

from planexec.schemas.tools.internal import INTERNAL_ARGS, INTERNAL_META_KEY
from planexec.schemas.tools.solar import FacilitiesArgs, FacilitiesResult, SolarMapResult
from planexec.tools.servers.solar.server import SERVER_VERSION
from tests.integration.tools.servers.conftest import stdio_server
from tests.integration.tools.servers.geo_fixtures import stdio_session

pytestmark = pytest.mark.integration

SessionFactory = Callable[[str], AbstractAsyncContextManager[ClientSession]]
MODULE = "planexec.tools.servers.solar"
SIGA_CSV = Path(__file__).resolve().parents[5] / "data" / "brazil_solar_aneel_siga_2025.csv"


def _error_text(result: object) -> str:
    assert getattr(result, "isError", False), result
    return " ".join(getattr(c, "text", "") for c in getattr(result, "content", []))


async def test_tools_advertise_schemas(server_session: SessionFactory) -> None:
    async with server_session(MODULE) as session:
        tools = {t.name: t for t in (await session.list_tools()).tools}
    assert set(tools) == {"GetFacilitiesForGeospatial", "GetSolarFacilitiesMapData"}
    pinned = FacilitiesArgs.model_json_schema()["properties"]
    pinned = {k: v for k, v in pinned.items() if k not in INTERNAL_ARGS}
    for tool in tools.values():
        assert tool.outputSchema is not None
        assert tool.inputSchema["properties"] == pinned
    assert tools["GetSolarFacilitiesMapData"].outputSchema == SolarMapResult.model_json_schema()


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("planexec.tools.servers.solar", "solar"),
        ("planexec.tools.servers.heat", "heat"),
        ("planexec.tools.servers.deforestation", "deforestation"),
    ],
)
async def test_server_info(module: str, name: str) -> None:
    async with stdio_server(module) as (_session, info):
        assert info.serverInfo.name == f"planexec-{name}"
        assert info.serverInfo.version == SERVER_VERSION == "1.0.0"
        assert info.capabilities.tools is not None


async def test_default_set_and_bahia(server_session: SessionFactory) -> None:
    with SIGA_CSV.open(encoding="utf-8") as fh:
        bahia_csv = sum(1 for r in csv.DictReader(fh) if r["uf"] == "BA")
    async with server_session(MODULE) as session:
        res = await session.call_tool("GetFacilitiesForGeospatial", {})
        bahia = await session.call_tool("GetFacilitiesForGeospatial", {"states": ["BA"], "country": "Brasil"})
        mapped = await session.call_tool("GetSolarFacilitiesMapData", {"min_capacity_mw": 0})
    assert not res.isError and not bahia.isError and not mapped.isError
    full = FacilitiesResult.model_validate(res.structuredContent)
    assert full.count == full.entities.count == 788
    assert full.total_capacity_mw == pytest.approx(17_613, abs=1)
    ba = FacilitiesResult.model_validate(bahia.structuredContent)
    assert ba.count == bahia_csv > 0
    assert set(ba.entities.column("uf")) == {"BA"}
    m = SolarMapResult.model_validate(mapped.structuredContent)
    assert m.count == 788 and m.features.count == 788
    caps = [s.capacity_mw for s in m.by_state]
    assert caps == sorted(caps, reverse=True)
    assert {s.uf: s.count for s in m.by_state}["BA"] == bahia_csv


async def test_other_datasets_and_synthetic(server_session: SessionFactory) -> None:
    async with server_session(MODULE) as session:
        gppd = await session.call_tool("GetFacilitiesForGeospatial", {"dataset": "gppd_v1_3_0"})
        internal = {INTERNAL_META_KEY: {"synthetic_points": 20_000}}  # what the hub sends
        syn = await session.call_tool("GetFacilitiesForGeospatial", {}, meta=internal)
        public = await session.call_tool("GetFacilitiesForGeospatial", {"synthetic_points": 5, "limit": 3})
    g = FacilitiesResult.model_validate(gppd.structuredContent)
    assert g.count == 24 and g.total_capacity_mw == pytest.approx(1807.37, abs=0.01)
    s = FacilitiesResult.model_validate(syn.structuredContent)
    assert s.count == 20_000 and s.entities.synthetic
    assert s.entities.id_list()[0] == "SYN-1"
    assert not FacilitiesResult.model_validate(public.structuredContent).entities.synthetic  # not public


async def test_errors_come_back_as_is_error(server_session: SessionFactory) -> None:
    async with server_session(MODULE) as session:
        country = await session.call_tool("GetFacilitiesForGeospatial", {"country": "Argentina"})
        uf = await session.call_tool("GetSolarFacilitiesMapData", {"states": ["XX"]})
        bounds = await session.call_tool("GetFacilitiesForGeospatial", {"limit": 0})
        # the session still works after errors
        ok = await session.call_tool("GetFacilitiesForGeospatial", {"limit": 3})
    assert "no solar data for country 'Argentina'; available: Brazil" in _error_text(country)
    assert "unknown UF code(s): XX" in _error_text(uf)
    assert "limit" in _error_text(bounds)
    assert FacilitiesResult.model_validate(ok.structuredContent).count == 3


async def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    async with stdio_session(MODULE, env={"PLANEXEC_DATA_DIR": str(tmp_path)}) as session:
        text = _error_text(await session.call_tool("GetFacilitiesForGeospatial", {}))
    assert str(tmp_path / "brazil_solar_aneel_siga_2025.csv") in text and "PLANEXEC_DATA_DIR" in text
