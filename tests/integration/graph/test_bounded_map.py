"""The correlation map is bounded by the matches: bounds set, matched plants flagged, pair lines to
the nearest point of the zone (as long as the pair distance), unmatched and matched points as cell
counts beyond their caps."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from planexec import process_chat_query
from planexec.schemas.settings import Settings
from planexec.tools.servers.geospatial.geo import geodesic_distance_m
from tests.support import truth
from tests.support.offline_env import offline_env

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"


def _map(response: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    (geo,) = [m for m in response["modules"] if m["type"] == "map"]
    return geo, json.loads(Path(geo["geojson_path"]).read_text(encoding="utf-8"))["features"]


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for key, value in offline_env(home).items():
        monkeypatch.setenv(key, value)
    return home


async def test_headline_map_has_bounds_matched_plants_and_true_length_lines(offline: Path) -> None:
    expected = truth.heat_proximity(1.0)
    response = await process_chat_query(QUERY)
    assert not response["metadata"]["flags"]["partial"]
    geo, features = _map(response)
    plants = [f for f in features if f["properties"]["entity_type"] == "solar_facility"]
    matched = {f["properties"]["id"] for f in plants if f["properties"]["matched"]}
    assert matched == set(expected.ids) and len(matched) == expected.count
    lon = [f["geometry"]["coordinates"][0] for f in plants]
    lat = [f["geometry"]["coordinates"][1] for f in plants]
    min_lon, min_lat, max_lon, max_lat = geo["bounds"]
    assert min_lon <= min(lon) and max(lon) <= max_lon and min_lat <= min(lat) and max(lat) <= max_lat
    lines = [f for f in features if f["properties"]["entity_type"] == "correlation_pair"]
    assert lines and {f["properties"]["left_id"] for f in lines} <= matched
    for line in lines:
        (x0, y0), (x1, y1) = line["geometry"]["coordinates"]
        distance = line["properties"]["distance_m"]
        assert 0 < distance <= 1000
        assert float(geodesic_distance_m(x0, y0, x1, y1)) == pytest.approx(distance, rel=0.01, abs=1.0)
    # plants inside a zone (distance 0) get no line: fewer lines than matched plants
    assert len({f["properties"]["left_id"] for f in lines}) < len(matched)


async def test_unmatched_points_beyond_the_cap_are_cell_counts(
    offline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANEXEC_MAP_MAX_UNMATCHED", "100")
    n = 5000
    response = await process_chat_query(QUERY, synthetic_points=n)
    assert not response["metadata"]["flags"]["partial"]
    matched_count = response["metadata"]["counts"]["plants_matched"]
    geo, features = _map(response)
    kinds = Counter(f["properties"]["entity_type"] for f in features)
    assert kinds["solar_facility"] == matched_count  # matched plants only, one by one
    cells = [
        f["properties"]["count"] for f in features if f["properties"]["entity_type"] == "solar_facility_cell"
    ]
    assert sum(cells) == n - matched_count and len(cells) < n - matched_count
    assert geo["bounds"] is not None and geo["feature_count"] == len(features)


async def test_matched_points_beyond_their_cap_are_matched_cells(offline: Path) -> None:
    # the default caps (servers of this process may already run: no env override here)
    cap, n = Settings().map_max_matched, 25_000
    response = await process_chat_query(QUERY, synthetic_points=n)
    assert not response["metadata"]["flags"]["partial"]
    matched_count = response["metadata"]["counts"]["plants_matched"]
    assert matched_count > cap and n - matched_count > Settings().map_max_unmatched
    geo, features = _map(response)
    drawn = {f["properties"]["id"] for f in features if f["properties"]["entity_type"] == "solar_facility"}
    assert len(drawn) == cap
    cells = [f["properties"] for f in features if f["properties"]["entity_type"] == "solar_facility_cell"]
    assert sum(c["count"] for c in cells if c["matched"]) == matched_count - cap
    assert sum(c["count"] for c in cells if not c["matched"]) == n - matched_count
    lines = [f for f in features if f["properties"]["entity_type"] == "correlation_pair"]
    assert {f["properties"]["left_id"] for f in lines} <= drawn
    min_lon, min_lat, max_lon, max_lat = geo["bounds"]
    for f in features:
        ring = f["geometry"]["coordinates"][0] if f["geometry"]["type"] == "Polygon" else None
        for x, y in ring or []:
            assert min_lon <= x <= max_lon and min_lat <= y <= max_lat
