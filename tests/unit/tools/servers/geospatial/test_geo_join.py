"""Indexed joins equal brute force on the real data: 788 ANEEL plants x 27 state polygons."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import numpy as np
import pytest
import shapely

from planexec.tools.servers.geospatial.geo import SpatialIndex, join_proximity, join_within
from planexec.tools.servers.geospatial.reference import brute_join_proximity, brute_join_within

DATA = Path(__file__).resolve().parents[5] / "data"


@pytest.fixture(scope="module")
def plants() -> tuple[np.ndarray, np.ndarray]:
    with (DATA / "brazil_solar_aneel_siga_2025.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    lon = np.array([float(r["longitude"]) for r in rows])
    lat = np.array([float(r["latitude"]) for r in rows])
    assert lon.size == 788
    return lon, lat


@pytest.fixture(scope="module")
def states() -> SpatialIndex:
    features = json.loads((DATA / "brazil_states_ne50m.geojson").read_text(encoding="utf-8"))["features"]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in features], dtype=object)
    assert geoms.size == 27
    rep = shapely.get_coordinates(shapely.point_on_surface(geoms))
    return SpatialIndex(rep[:, 0], rep[:, 1], geoms)


def test_within_equals_brute_force(plants: tuple[np.ndarray, np.ndarray], states: SpatialIndex) -> None:
    lon, lat = plants
    t0 = time.perf_counter()
    fast = join_within(lon, lat, states)
    t1 = time.perf_counter()
    slow = brute_join_within(lon, lat, states)
    t2 = time.perf_counter()
    print(f"within: {len(fast)} pairs, indexed {t1 - t0:.4f}s, brute {t2 - t1:.4f}s")
    assert fast.pairs() == slow.pairs()
    assert len(fast) > 700  # nearly every plant lies in a state polygon (coastal ones may not)
    assert np.all(fast.distance_m == 0)


@pytest.mark.parametrize("km", [1.0, 25.0])
def test_proximity_to_polygons_equals_brute_force(
    plants: tuple[np.ndarray, np.ndarray], states: SpatialIndex, km: float
) -> None:
    lon, lat = plants
    t0 = time.perf_counter()
    fast = join_proximity(lon, lat, states, km * 1000)
    t1 = time.perf_counter()
    slow = brute_join_proximity(lon, lat, states, km * 1000)
    t2 = time.perf_counter()
    print(f"proximity {km} km: {len(fast)} pairs, indexed {t1 - t0:.4f}s, brute {t2 - t1:.4f}s")
    assert fast.pairs() == slow.pairs()
    np.testing.assert_array_equal(fast.distance_m, slow.distance_m)
    assert np.all(fast.distance_m <= km * 1000)
    # proximity includes every 'within' pair, and a larger radius finds more border pairs
    assert join_within(lon, lat, states).pairs() <= fast.pairs()
    assert len(fast) > len(join_within(lon, lat, states))


def test_plants_near_plants_equals_brute_force(plants: tuple[np.ndarray, np.ndarray]) -> None:
    lon, lat = plants
    index = SpatialIndex(lon, lat)
    t0 = time.perf_counter()
    fast = join_proximity(lon, lat, index, 1000.0, exclude_self=True)
    t1 = time.perf_counter()
    slow = brute_join_proximity(lon, lat, index, 1000.0, exclude_self=True)
    t2 = time.perf_counter()
    print(f"plants<->plants 1 km: {len(fast)} pairs, indexed {t1 - t0:.4f}s, brute {t2 - t1:.4f}s")
    assert fast.pairs() == slow.pairs()
    assert all(a != b for a, b in fast.pairs())
    assert fast.pairs() == {(b, a) for a, b in fast.pairs()}  # symmetric
    assert len(fast) > 0


def test_antimeridian_and_high_latitude_candidates() -> None:
    # points near the antimeridian and near the pole: the box search must still find them
    lon = np.array([179.99, -179.99, 0.0, 120.0])
    lat = np.array([10.0, 10.0, 89.9, 89.95])
    index = SpatialIndex(lon.copy(), lat.copy())
    fast = join_proximity(lon, lat, index, 30_000.0, exclude_self=True)
    slow = brute_join_proximity(lon, lat, index, 30_000.0, exclude_self=True)
    assert fast.pairs() == slow.pairs()
    assert {(0, 1), (1, 0), (2, 3), (3, 2)} <= fast.pairs()
