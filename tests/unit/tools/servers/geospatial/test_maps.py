"""write_map: bounded at any size — caps on matched and unmatched points, cells, pair lines, bounds.

Expectations are computed here from the raw inputs (which rows the join matched, their distances,
the cell of each coordinate), not from the module's own helpers."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from planexec.schemas.entities import PackedColumn
from planexec.tools.servers.geospatial.maps import write_map
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex
from planexec.tools.stores.columnar import Column

CELL = 0.5
N = 400
ZONES = [
    "POLYGON((-50 -20, -49 -20, -49 -19, -50 -19, -50 -20))",
    "POLYGON((-45 -10, -44 -10, -44 -9, -45 -9, -45 -10))",
]


def _plants(id_column: bool = False) -> tuple[EntitySet, list[str], np.ndarray]:
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(-52, -48, N), rng.uniform(-22, -19, N)  # 48 cells
    ids = [f"P{i}" for i in range(N)]
    names = [f"Usina {i} — São João" for i in range(N)]
    capacity = rng.uniform(1, 90, N)
    id_source: np.ndarray | Column = Column.strings(ids) if id_column else np.asarray(ids, dtype=object)
    columns = {"name": PackedColumn.from_strings(names), "capacity_mw": Column.floats(capacity)}
    return EntitySet("plant", id_source, SpatialIndex.from_wkt(lon, lat, None), columns), names, capacity


def _zones() -> EntitySet:
    wkt = np.asarray(ZONES, dtype=object)
    index = SpatialIndex.from_wkt(np.array([-49.5, -44.5]), np.array([-19.5, -9.5]), wkt)
    return EntitySet("zone", np.asarray(["Z0", "Z1"], dtype=object), index, {})


def _join(plants: EntitySet, matched: np.ndarray) -> tuple[JoinResult, np.ndarray]:
    """Rows `matched` pair with zone 0 (and every third also with zone 1); distance 0 for every fifth."""
    rng = np.random.default_rng(5)
    left = np.concatenate([matched, matched[::3]])
    right = np.concatenate([np.zeros(matched.size, np.int64), np.ones(matched[::3].size, np.int64)])
    dist = rng.uniform(10, 900, left.size)
    dist[::5] = 0.0
    shortest = np.full(len(plants), np.inf)
    for i, d in zip(left.tolist(), dist.tolist(), strict=True):
        shortest[i] = min(shortest[i], d)
    return JoinResult.from_unsorted(left, right, dist), shortest


def _features(path: str) -> list[dict[str, Any]]:
    return list(json.loads(Path(path).read_text(encoding="utf-8"))["features"])


def _coords(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []

    def walk(c: Any) -> None:
        if isinstance(c[0], (int, float)):
            out.append((float(c[0]), float(c[1])))
        else:
            for x in c:
                walk(x)

    walk(geometry["coordinates"])
    return out


def _cell(x: float, y: float) -> tuple[int, int]:
    return math.floor(x / CELL), math.floor(y / CELL)


def test_matched_beyond_the_cap_are_cells_and_lines_only_for_points_drawn(tmp_path: Path) -> None:
    plants, names, capacity = _plants(id_column=True)
    zones = _zones()
    matched = np.arange(0, N, 2)  # 200 matched, 200 unmatched
    join, shortest = _join(plants, matched)
    corr = Correlation(plants, zones, "proximity", 1.0, join)
    result = write_map(tmp_path, "t", [zones, plants], corr, 50, max_matched=60)
    features = _features(result.path)
    lon, lat = plants.index.lon, plants.index.lat

    drawn = [f for f in features if f["properties"]["entity_type"] == "plant"]
    assert {f["properties"]["matched"] for f in drawn} == {True} and len(drawn) == 60
    drawn_rows = sorted(int(f["properties"]["id"][1:]) for f in drawn)
    assert set(drawn_rows) <= set(matched.tolist())
    for f in drawn:  # properties and coordinates are the row's own
        i = int(f["properties"]["id"][1:])
        assert f["properties"]["name"] == names[i]
        assert f["properties"]["capacity_mw"] == capacity[i]
        assert f["geometry"]["coordinates"] == [lon[i], lat[i]]
    # every matched cell shows at least one point (60 >= cells), and it is that cell's nearest
    by_cell: dict[tuple[int, int], list[int]] = {}
    for i in matched.tolist():
        by_cell.setdefault(_cell(lon[i], lat[i]), []).append(i)
    assert len(by_cell) <= 60
    for rows in by_cell.values():
        nearest = min(rows, key=lambda i: (shortest[i], i))
        assert nearest in drawn_rows

    cells = [f["properties"] for f in features if f["properties"]["entity_type"] == "plant_cell"]
    matched_cells = Counter()
    for i in sorted(set(matched.tolist()) - set(drawn_rows)):
        matched_cells[_cell(lon[i], lat[i])] += 1
    unmatched_cells = Counter(_cell(lon[i], lat[i]) for i in range(1, N, 2))
    got_matched = {
        _cell(*_coords(f["geometry"])[0]): f["properties"]["count"]
        for f in features
        if f["properties"]["entity_type"] == "plant_cell" and f["properties"]["matched"]
    }
    got_unmatched = {
        _cell(*_coords(f["geometry"])[0]): f["properties"]["count"]
        for f in features
        if f["properties"]["entity_type"] == "plant_cell" and not f["properties"]["matched"]
    }
    assert got_matched == dict(matched_cells) and got_unmatched == dict(unmatched_cells)
    assert result.aggregated_matched_points == 140 and result.aggregated_points == 200
    assert result.counts_by_type == {"zone": 2, "plant": 60, "plant_cell": len(cells)}

    lines = [f for f in features if f["properties"]["entity_type"] == "correlation_pair"]
    expected_lines = sorted(
        (f"P{i}", f"Z{j}")
        for i, j, d in zip(join.left.tolist(), join.right.tolist(), join.distance_m.tolist(), strict=True)
        if d > 0 and i in drawn_rows
    )
    assert sorted((f["properties"]["left_id"], f["properties"]["right_id"]) for f in lines) == expected_lines
    assert result.pair_count == len(lines) > 0
    polygons = [shapely.from_wkt(w) for w in ZONES]
    for line in lines:
        (x0, y0), (x1, y1) = line["geometry"]["coordinates"]
        i, j = int(line["properties"]["left_id"][1:]), int(line["properties"]["right_id"][1:])
        assert (x0, y0) == (lon[i], lat[i])
        end = shapely.Point(x1, y1)
        assert polygons[j].distance(end) < 1e-7  # the line ends on the zone
        if not polygons[j].contains(shapely.Point(x0, y0)):  # ... on its boundary, from outside
            assert polygons[j].exterior.distance(end) < 1e-7

    every = [xy for f in features for xy in _coords(f["geometry"])]
    assert result.bounds == [
        min(x for x, _ in every),
        min(y for _, y in every),
        max(x for x, _ in every),
        max(y for _, y in every),
    ]
    assert result.feature_count == len(features)


def test_below_the_caps_every_point_is_drawn_with_its_flag(tmp_path: Path) -> None:
    plants, _, _ = _plants()
    matched = np.arange(0, 30)
    join, _ = _join(plants, matched)
    corr = Correlation(plants, _zones(), "proximity", 1.0, join)
    result = write_map(tmp_path, "t", [plants], corr, N, max_matched=30)
    flags = {
        f["properties"]["id"]: f["properties"]["matched"]
        for f in _features(result.path)
        if f["properties"]["entity_type"] == "plant"
    }
    assert flags == {f"P{i}": i < 30 for i in range(N)}
    assert result.aggregated_points == result.aggregated_matched_points == 0
    assert result.counts_by_type == {"plant": N}


def test_without_a_correlation_points_have_no_flag_or_are_unmatched_cells(tmp_path: Path) -> None:
    plants, _, _ = _plants()
    small = write_map(tmp_path, "a", [plants], None, N)
    assert all("matched" not in f["properties"] for f in _features(small.path))
    big = write_map(tmp_path, "b", [plants], None, 10)
    cells = [f["properties"] for f in _features(big.path)]
    assert {c["entity_type"] for c in cells} == {"plant_cell"} and not any(c["matched"] for c in cells)
    assert sum(c["count"] for c in cells) == N == big.aggregated_points
    assert big.aggregated_matched_points == 0 and big.pair_count == 0


def test_a_cap_of_zero_draws_every_match_as_cells(tmp_path: Path) -> None:
    plants, _, _ = _plants()
    zones = _zones()
    join, _ = _join(plants, np.arange(N))
    result = write_map(
        tmp_path, "z", [plants, zones], Correlation(plants, zones, "p", 1.0, join), 0, max_matched=0
    )
    kinds = Counter(f["properties"]["entity_type"] for f in _features(result.path))
    assert kinds["plant"] == 0 and result.aggregated_matched_points == N and result.pair_count == 0
