"""Brute-force references for the indexed joins in tools/servers/geospatial/geo.py (no index; for tests).

Every (point, target) pair is tested, so these are quadratic: use them on small inputs only.
"""

from __future__ import annotations

import numpy as np
import shapely

from planexec.tools.servers.geospatial.geo import exact_pairs
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex


def brute_join_within(lon: np.ndarray, lat: np.ndarray, polygons: SpatialIndex) -> JoinResult:
    """Every (point, polygon) pair tested with intersects_xy; distance 0."""
    n, m = len(lon), len(polygons)
    left, right = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
    hit = shapely.intersects_xy(polygons.shapes[right], np.asarray(lon)[left], np.asarray(lat)[left])
    return JoinResult.from_unsorted(left[hit], right[hit], np.zeros(int(hit.sum())))


def brute_join_proximity(
    lon: np.ndarray, lat: np.ndarray, targets: SpatialIndex, distance_m: float, exclude_self: bool = False
) -> JoinResult:
    """Every (point, target) pair measured exactly, no candidate search."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    n, m = lon.size, len(targets)
    left, right = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
    return exact_pairs(lon, lat, targets, left, right, distance_m, exclude_self)
