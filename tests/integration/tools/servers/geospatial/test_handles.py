"""The geospatial server by handle: durable across restarts, verified, bounded maps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import numpy as np
import pytest
from mcp import ClientSession
from mcp.types import CallToolResult, TextContent

from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import HANDLE_MISSING_CODE, DataHandle
from planexec.schemas.tools.geospatial import CorrelationResult, MapResult, RegisterResult
from planexec.tools.servers.geospatial.geo import geodesic_distance_m
from planexec.tools.stores.handle_store import HandleStore, publish_table
from tests.integration.tools.servers.geo_fixtures import call_ok, solar_table, states_table, stdio_session

pytestmark = pytest.mark.integration
MODULE = "planexec.tools.servers.geospatial"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"PLANEXEC_HANDLE_STORE_URL": (tmp_path / "handles").as_uri(), **extra}


async def _err(session: ClientSession, tool: str, args: dict[str, Any]) -> str:
    with anyio.fail_after(60):
        res: CallToolResult = await session.call_tool(tool, args)
    assert res.isError, res
    return " ".join(c.text for c in res.content if isinstance(c, TextContent))


async def _register(session: ClientSession, entities: EntityTable | DataHandle, kind: str) -> DataHandle:
    body = await call_ok(
        session, "RegisterEntities", {"entity_type": kind, "entities": entities.model_dump(mode="json")}
    )
    reg = RegisterResult.model_validate(body)
    assert reg.session_id is None and reg.handle.kind == "entity_set"
    return reg.handle


async def test_handles_survive_a_restart_and_lines_end_on_the_zone(tmp_path: Path) -> None:
    store = HandleStore((tmp_path / "handles").as_uri())
    plants = publish_table(store, solar_table())  # as a data server would publish it
    assert plants.kind == "entity_table" and plants.rows == 788
    async with stdio_session(MODULE, tmp_path / "maps", env=_env(tmp_path)) as first:
        left = await _register(first, plants, "solar_facility")
        right = await _register(first, states_table(), "state")
    # a new process (the old one is gone): the handles alone are enough
    async with stdio_session(MODULE, tmp_path / "maps", env=_env(tmp_path)) as second:
        args = {
            "left": left.model_dump(mode="json"),
            "right": right.model_dump(mode="json"),
            "distance_km": 25,
            "include_rows": True,
        }
        corr = CorrelationResult.model_validate(await call_ok(second, "FindSpatialCorrelations", args))
        assert corr.matched_left == 788 and corr.handle is not None and corr.handle.kind == "correlation"
        assert corr.left_rows is not None and corr.left_rows.count == 788
        assert set(corr.left_rows.columns) == {"capacity_mw", "uf"}
        assert corr.right_rows is not None and corr.right_rows.count == corr.matched_right
    async with stdio_session(MODULE, tmp_path / "maps", env=_env(tmp_path)) as third:
        body = await call_ok(
            third, "GenerateCorrelationMap", {"correlation": corr.handle.model_dump(mode="json")}
        )
    mapped = MapResult.model_validate(body)
    assert mapped.bounds is not None and mapped.bounds[0] < -60 < -35 < mapped.bounds[2]
    doc = json.loads(Path(mapped.path).read_text(encoding="utf-8"))
    lines = [f for f in doc["features"] if f["properties"]["entity_type"] == "correlation_pair"]
    outside = corr.pairs.distance_m.to_numpy() > 0
    assert len(lines) == mapped.pair_count == int(outside.sum()) > 0
    for line in lines:
        (x0, y0), (x1, y1) = line["geometry"]["coordinates"]
        length = float(geodesic_distance_m(x0, y0, x1, y1))
        assert length == pytest.approx(line["properties"]["distance_m"], rel=0.01, abs=1.0)


async def test_tampered_or_missing_handles_are_clear_errors(tmp_path: Path) -> None:
    async with stdio_session(MODULE, tmp_path / "maps", env=_env(tmp_path)) as session:
        good = await _register(session, states_table(), "state")
        other = good.model_copy(update={"sha256": "0" * 64})
        text = await _err(
            session, "FindSpatialCorrelations", {"left": other.model_dump(), "right": good.model_dump()}
        )
        assert HANDLE_MISSING_CODE in text
        resized = good.model_copy(update={"size_bytes": good.size_bytes + 1})
        text = await _err(
            session, "FindSpatialCorrelations", {"left": resized.model_dump(), "right": good.model_dump()}
        )
        assert "does not match" in text
        wrong_kind = {"entity_type": "x", "entities": good.model_dump()}
        assert "expected a handle of kind 'entity_table'" in await _err(
            session, "RegisterEntities", wrong_kind
        )
        bad_hash = {**good.model_dump(), "sha256": "xyz"}
        assert "sha256" in await _err(session, "RegisterEntities", {"entity_type": "x", "entities": bad_hash})
    # alter the stored bytes: a fresh process must refuse them
    payload = next((tmp_path / "handles" / "entity_set").rglob(good.sha256))
    payload.write_bytes(payload.read_bytes().replace(b"state", b"stale"))
    async with stdio_session(MODULE, tmp_path / "maps", env=_env(tmp_path)) as session:
        text = await _err(
            session, "FindSpatialCorrelations", {"left": good.model_dump(), "right": good.model_dump()}
        )
        assert "does not match" in text


async def test_map_aggregates_unmatched_points_beyond_the_cap(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 5_000
    points = EntityTable.build(
        "solar_facility",
        ids=[f"P{i}" for i in range(n)],
        lon=rng.uniform(-74, -34, n),
        lat=rng.uniform(-34, 5, n),
        columns={"capacity_mw": rng.uniform(1, 100, n)},
    )
    states = states_table()
    one_state = EntityTable.build(
        "state",
        ids=states.id_list()[:1],
        lon=states.lon.to_numpy()[:1],
        lat=states.lat.to_numpy()[:1],
        geometry_wkt=[str(states.geometry_wkt.to_list()[0])] if states.geometry_wkt else None,
    )
    env = _env(tmp_path, PLANEXEC_MAP_MAX_UNMATCHED="100")
    async with stdio_session(MODULE, tmp_path / "maps", env=env) as session:
        left = await _register(session, points, "solar_facility")
        right = await _register(session, one_state, "state")
        args = {"left": left.model_dump(), "right": right.model_dump(), "include_rows": False}
        corr = CorrelationResult.model_validate(await call_ok(session, "FindSpatialCorrelations", args))
        assert corr.left_rows is None and 0 < corr.matched_left < n - 100
        assert corr.handle is not None
        mapped = MapResult.model_validate(
            await call_ok(session, "GenerateCorrelationMap", {"correlation": corr.handle.model_dump()})
        )
    assert mapped.aggregated_points == n - corr.matched_left
    assert mapped.counts_by_type["solar_facility"] == corr.matched_left
    doc = json.loads(Path(mapped.path).read_text(encoding="utf-8"))
    cells = [
        f["properties"]["count"]
        for f in doc["features"]
        if f["properties"]["entity_type"] == "solar_facility_cell"
    ]
    assert len(cells) == mapped.counts_by_type["solar_facility_cell"] and sum(cells) == n - corr.matched_left
    assert mapped.pair_count == 0  # 'within' without tolerance: every pair is inside, no line
