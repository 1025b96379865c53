"""nearest.py joins against brute force: every (point, target) pair measured exactly."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from planexec.tools.servers.geospatial.nearest import closest_per_left, join_nearest, join_outside, join_ring
from planexec.tools.servers.geospatial.reference import brute_join_proximity
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex


def _polygons(rng: np.random.Generator, n: int) -> SpatialIndex:
    cx, cy = rng.uniform(-60, -35, n), rng.uniform(-30, 0, n)
    geoms = np.array(
        [
            shapely.Point(x, y).buffer(rng.uniform(0.05, 0.6), quad_segs=4)
            for x, y in zip(cx, cy, strict=True)
        ],
        dtype=object,
    )
    return SpatialIndex(cx, cy, geoms)


def _points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(-62, -33, n), rng.uniform(-32, 2, n)


def _brute_nearest(lon: np.ndarray, lat: np.ndarray, targets: SpatialIndex) -> JoinResult:
    return closest_per_left(brute_join_proximity(lon, lat, targets, np.inf))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nearest_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    zones = _polygons(rng, 40)
    lon, lat = _points(rng, 300)
    got, want = join_nearest(lon, lat, zones), _brute_nearest(lon, lat, zones)
    assert got.left.tolist() == want.left.tolist() == list(range(300))
    np.testing.assert_allclose(got.distance_m, want.distance_m, rtol=0, atol=1e-6)
    assert got.right.tolist() == want.right.tolist()


def test_nearest_with_a_cap_keeps_only_the_close_ones() -> None:
    rng = np.random.default_rng(5)
    zones = _polygons(rng, 30)
    lon, lat = _points(rng, 200)
    want = _brute_nearest(lon, lat, zones)
    got = join_nearest(lon, lat, zones, max_m=50_000.0)
    close = want.distance_m <= 50_000.0
    assert got.left.tolist() == want.left[close].tolist()
    np.testing.assert_allclose(got.distance_m, want.distance_m[close], atol=1e-6)


def test_ring_and_outside() -> None:
    rng = np.random.default_rng(7)
    zones = _polygons(rng, 40)
    lon, lat = _points(rng, 400)
    best = _brute_nearest(lon, lat, zones)
    ring = join_ring(lon, lat, zones, 20_000.0, 80_000.0)
    in_ring = (best.distance_m >= 20_000.0) & (best.distance_m <= 80_000.0)
    assert ring.left.tolist() == best.left[in_ring].tolist() and len(ring) > 0
    edge = join_ring(lon, lat, zones, 0.0, 80_000.0)
    assert edge.left.tolist() == best.left[(best.distance_m > 0) & (best.distance_m <= 80_000.0)].tolist()
    outside = join_outside(lon, lat, zones)
    assert outside.left.tolist() == best.left[best.distance_m > 0].tolist()
    assert 0 < len(outside) < 400
    np.testing.assert_allclose(outside.distance_m, best.distance_m[best.distance_m > 0], atol=1e-6)


def test_ring_bounds_are_checked_and_empty_inputs_are_empty() -> None:
    zones = _polygons(np.random.default_rng(1), 3)
    with pytest.raises(ValueError, match="ring"):
        join_ring(np.array([0.0]), np.array([0.0]), zones, 5_000.0, 1_000.0)
    assert len(join_nearest(np.array([]), np.array([]), zones)) == 0
    empty = SpatialIndex(np.array([]), np.array([]))
    assert len(join_nearest(np.array([-40.0]), np.array([-10.0]), empty)) == 0
