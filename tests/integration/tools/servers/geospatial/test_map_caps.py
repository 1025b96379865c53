"""The geospatial server's map caps come from Settings (PLANEXEC_MAP_MAX_MATCHED / _UNMATCHED): beyond
them matched and unmatched points are counts per grid cell, and lines start only at points drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from mcp import ClientSession

from planexec.schemas.entities import EntityTable
from planexec.schemas.tools.geospatial import CorrelationResult, MapResult, RegisterResult
from tests.integration.tools.servers.geo_fixtures import call_ok, states_table, stdio_session

pytestmark = pytest.mark.integration
MODULE = "planexec.tools.servers.geospatial"


async def _register(session: ClientSession, table: EntityTable, kind: str) -> dict[str, Any]:
    body = await call_ok(
        session, "RegisterEntities", {"entity_type": kind, "entities": table.model_dump(mode="json")}
    )
    return RegisterResult.model_validate(body).handle.model_dump(mode="json")


async def test_matched_and_unmatched_caps_from_settings(tmp_path: Path) -> None:
    rng = np.random.default_rng(17)
    n = 3_000
    lon, lat = rng.uniform(-74, -34, n), rng.uniform(-34, 5, n)
    points = EntityTable.build("solar_facility", ids=[f"P{i}" for i in range(n)], lon=lon, lat=lat)
    states = states_table()
    assert states.geometry_wkt is not None
    wkt = [str(w) for w in states.geometry_wkt.to_list()]
    shape = shapely.from_wkt(wkt[0])
    state = EntityTable.build(
        "state",
        ids=states.id_list()[:1],
        lon=states.lon.to_numpy()[:1],
        lat=states.lat.to_numpy()[:1],
        geometry_wkt=wkt[:1],
    )
    # independent oracle: points inside the state are matched at distance 0 (no line)
    inside = shapely.contains_xy(shape, lon, lat)
    env = {
        "PLANEXEC_HANDLE_STORE_URL": (tmp_path / "handles").as_uri(),
        "PLANEXEC_MAP_MAX_MATCHED": "30",
        "PLANEXEC_MAP_MAX_UNMATCHED": "100",
    }
    async with stdio_session(MODULE, tmp_path / "maps", env=env) as session:
        left = await _register(session, points, "solar_facility")
        right = await _register(session, state, "state")
        args = {"left": left, "right": right, "method": "proximity", "distance_km": 50.0}
        corr = CorrelationResult.model_validate(await call_ok(session, "FindSpatialCorrelations", args))
        assert corr.handle is not None
        drawn = {"correlation": corr.handle.model_dump(mode="json")}
        mapped = MapResult.model_validate(await call_ok(session, "GenerateCorrelationMap", drawn))
    matched = corr.matched_left
    assert inside.sum() <= matched < n - 100 and matched > 30
    features = json.loads(Path(mapped.path).read_text(encoding="utf-8"))["features"]
    drawn = {f["properties"]["id"] for f in features if f["properties"]["entity_type"] == "solar_facility"}
    assert len(drawn) == 30 == mapped.counts_by_type["solar_facility"]
    flags = [
        f["properties"]["matched"] for f in features if f["properties"]["entity_type"] == "solar_facility"
    ]
    assert flags == [True] * 30
    cells = [f["properties"] for f in features if f["properties"]["entity_type"] == "solar_facility_cell"]
    assert sum(c["count"] for c in cells if c["matched"]) == matched - 30 == mapped.aggregated_matched_points
    assert sum(c["count"] for c in cells if not c["matched"]) == n - matched == mapped.aggregated_points
    lines = [f["properties"] for f in features if f["properties"]["entity_type"] == "correlation_pair"]
    assert {p["left_id"] for p in lines} <= drawn and mapped.pair_count == len(lines)
    assert all(not inside[int(p["left_id"][1:])] for p in lines)  # inside the state: distance 0, no line
