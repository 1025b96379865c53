"""The geospatial MCP server as a real process: stdio for every tool, plus one streamable-HTTP run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client
from mcp.types import CallToolResult, TextContent
from pydantic import BaseModel

from planexec.schemas.tools.geospatial import (
    CorrelationResult,
    FindCorrelationsArgs,
    MapArgs,
    MapResult,
    RegisterEntitiesArgs,
    RegisterResult,
    SessionArgs,
    SessionSummary,
)
from planexec.schemas.tools.internal import INTERNAL_ARGS
from tests.integration.tools.servers.geo_fixtures import http_server, solar_table, states_table, stdio_session

pytestmark = pytest.mark.integration
MODULE = "planexec.tools.servers.geospatial"
ARGS: dict[str, type[BaseModel]] = {
    "RegisterEntities": RegisterEntitiesArgs,
    "FindSpatialCorrelations": FindCorrelationsArgs,
    "GenerateCorrelationMap": MapArgs,
    "GetSessionSummary": SessionArgs,
}


async def _call(session: ClientSession, tool: str, args: dict[str, Any]) -> CallToolResult:
    with anyio.fail_after(60):
        return await session.call_tool(tool, args)


def _error_text(result: CallToolResult) -> str:
    assert result.isError, result
    return " ".join(c.text for c in result.content if isinstance(c, TextContent))


async def _register(session: ClientSession, sid: str) -> None:
    for table in (solar_table(), states_table()):
        args = {
            "entity_type": table.entity_type,
            "entities": table.model_dump(mode="json"),
            "session_id": sid,
        }
        res = await _call(session, "RegisterEntities", args)
        assert not res.isError, res.content
        reg = RegisterResult.model_validate(res.structuredContent)
        assert reg.registered == table.count
        assert reg.has_geometry == (table.geometry_wkt is not None)


async def test_tools_advertise_pinned_schemas(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        with anyio.fail_after(60):
            tools = {t.name: t for t in (await session.list_tools()).tools}
    assert set(tools) == set(ARGS)
    for name, model in ARGS.items():
        expected = model.model_json_schema()
        advertised = tools[name].inputSchema
        public = {k: v for k, v in expected["properties"].items() if k not in INTERNAL_ARGS}
        assert advertised["properties"] == public, name
        assert sorted(advertised.get("required", [])) == sorted(expected.get("required", [])), name
        assert tools[name].outputSchema is not None, name


async def test_register_correlate_map_and_summary(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        await _register(session, "s1")
        within = await _call(
            session,
            "FindSpatialCorrelations",
            {"entity_type1": "solar_facility", "entity_type2": "state", "session_id": "s1"},
        )
        corr = CorrelationResult.model_validate(within.structuredContent)
        assert corr.method == "within" and corr.pair_count == 787  # one coastal plant lies offshore of ne50m
        assert set(corr.pairs.distance_m.to_numpy()) == {0.0}
        left, right = corr.pairs.left_ids.to_list(), corr.pairs.right_ids.to_list()
        assert ("SIGA2025-0063", "CE") in set(zip(left, right, strict=True))  # Tauá is in Ceará

        near = await _call(
            session,
            "FindSpatialCorrelations",
            {
                "entity_type1": "solar_facility",
                "entity_type2": "state",
                "method": "proximity",
                "distance_km": 25,
                "session_id": "s1",
            },
        )
        prox = CorrelationResult.model_validate(near.structuredContent)
        assert prox.pair_count > corr.pair_count and prox.matched_left == 788
        assert max(prox.pairs.distance_m.to_numpy()) <= 25_000

        res = await _call(session, "GenerateCorrelationMap", {"session_id": "s1"})
        mapped = MapResult.model_validate(res.structuredContent)
        path = Path(mapped.path)
        assert path.parent == tmp_path.resolve() and path.name.startswith("correlation_s1_")
        assert mapped.url == path.as_uri()
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and len(doc["features"]) == mapped.feature_count
        assert mapped.counts_by_type == {"solar_facility": 788, "state": 27}
        lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
        outside = int((prox.pairs.distance_m.to_numpy() > 0).sum())  # no line for a plant inside its state
        assert 0 < len(lines) == mapped.pair_count == outside < prox.pair_count
        kinds = {f["geometry"]["type"] for f in doc["features"] if f["properties"]["entity_type"] == "state"}
        assert kinds <= {"Polygon", "MultiPolygon"}

        res = await _call(session, "GetSessionSummary", {"session_id": "s1"})
        summary = SessionSummary.model_validate(res.structuredContent)
        assert summary.entity_counts == {"solar_facility": 788, "state": 27}
        assert summary.correlation_count == 2 and summary.last_pair_count == prox.pair_count
        assert summary.expires_at > summary.created_at


async def test_errors_are_clear(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        await _register(session, "s1")
        base = {"entity_type1": "solar_facility", "entity_type2": "state", "session_id": "s1"}
        text = _error_text(await _call(session, "FindSpatialCorrelations", {**base, "method": "proximity"}))
        assert "distance_km > 0" in text
        text = _error_text(
            await _call(session, "FindSpatialCorrelations", {**base, "entity_type2": "heat_zone"})
        )
        assert "heat_zone" in text and "solar_facility" in text and "state" in text
        text = _error_text(
            await _call(session, "FindSpatialCorrelations", {**base, "entity_type2": "solar_facility"})
        )
        assert "needs polygons" in text
        text = _error_text(await _call(session, "GetSessionSummary", {"session_id": "nope"}))
        assert "unknown or expired session 'nope'" in text
        text = _error_text(await _call(session, "FindSpatialCorrelations", {**base, "distance_km": 900}))
        assert "distance_km" in text
        text = _error_text(await _call(session, "GetSessionSummary", {"session_id": ""}))
        assert "session_id" in text


async def test_sessions_are_isolated(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path) as session:
        await _register(session, "alice")
        text = _error_text(await _call(session, "GetSessionSummary", {"session_id": "bob"}))
        assert "alice" not in text
        points = solar_table()
        args = {"entity_type": "plants", "entities": points.model_dump(mode="json"), "session_id": "bob"}
        assert not (await _call(session, "RegisterEntities", args)).isError
        bob = SessionSummary.model_validate(
            (await _call(session, "GetSessionSummary", {"session_id": "bob"})).structuredContent
        )
        alice = SessionSummary.model_validate(
            (await _call(session, "GetSessionSummary", {"session_id": "alice"})).structuredContent
        )
        assert bob.entity_counts == {"plants": 788}
        assert alice.entity_counts == {"solar_facility": 788, "state": 27}
        text = _error_text(
            await _call(
                session,
                "FindSpatialCorrelations",
                {"entity_type1": "plants", "entity_type2": "state", "session_id": "bob"},
            )
        )
        assert "registered types: plants" in text
        near = await _call(
            session,
            "FindSpatialCorrelations",
            {
                "entity_type1": "plants",
                "entity_type2": "plants",
                "method": "proximity",
                "distance_km": 1,
                "session_id": "bob",
            },
        )
        pairs = CorrelationResult.model_validate(near.structuredContent)
        assert pairs.pair_count > 0
        assert all(
            a != b
            for a, b in zip(pairs.pairs.left_ids.to_list(), pairs.pairs.right_ids.to_list(), strict=True)
        )
        evil = "../../etc/x"
        assert (await _call(session, "RegisterEntities", {**args, "session_id": evil})).isError is False
        mapped = MapResult.model_validate(
            (await _call(session, "GenerateCorrelationMap", {"session_id": evil})).structuredContent
        )
        assert Path(mapped.path).parent == tmp_path.resolve()  # the id never reaches the filesystem raw
        assert Path(mapped.path).name.startswith("correlation_______etc_x_")
        assert mapped.counts_by_type == {"plants": 788} and mapped.pair_count == 0


async def test_streamable_http_register_and_correlate(tmp_path: Path) -> None:
    with http_server(MODULE, tmp_path) as url:
        async with streamablehttp_client(url) as (read, write, _), ClientSession(read, write) as session:
            with anyio.fail_after(60):
                init = await session.initialize()
            assert init.serverInfo.version == "1.0.0"
            await _register(session, "http")
            res = await _call(
                session,
                "FindSpatialCorrelations",
                {"entity_type1": "solar_facility", "entity_type2": "state", "session_id": "http"},
            )
            assert CorrelationResult.model_validate(res.structuredContent).pair_count == 787


async def test_maps_default_to_home_artifacts_never_the_cwd(tmp_path: Path) -> None:
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    cwd.mkdir()
    async with stdio_session(MODULE, env={"PLANEXEC_HOME": str(home)}, cwd=cwd) as session:
        table = states_table().model_dump(mode="json")
        args = {"entity_type": "state", "entities": table, "session_id": "h"}
        assert not (await _call(session, "RegisterEntities", args)).isError
        assert (home / "handles").is_dir()  # the registered set is durable (handle store)
        assert not (home / "artifacts").exists()  # the maps folder is created only when a map is written
        res = await _call(session, "GenerateCorrelationMap", {"session_id": "h"})
        mapped = MapResult.model_validate(res.structuredContent)
    assert Path(mapped.path).parent == (home / "artifacts").resolve()
    assert list(cwd.iterdir()) == []
