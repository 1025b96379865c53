"""Nearest-target joins: each point with its nearest target, rings and 'outside' (pure functions).

Same conventions as geo.py (WGS84 lon/lat, exact geodesic metres, 0 inside or on a polygon).

- join_nearest: for each point, the target at the smallest ground distance (ties: the lowest target
  index), optionally only when that distance is <= max_m. The planar (lon/lat) nearest target gives
  an upper bound u of the true distance; every target within u on the ground meets the point's
  conservative search box of radius u (geo.search_box_deg), so the exact minimum over the box's
  candidates is the true nearest.
- join_ring: points whose nearest target lies at min_m..max_m (both inclusive) and that are inside
  no target (distance > 0), paired with that nearest target.
- join_outside: points inside or on no polygon, each paired with its nearest target (max_m caps it;
  an outside point with no target within the cap keeps no pair).
"""

from __future__ import annotations

import numpy as np
import shapely

from planexec.tools.servers.geospatial.geo import _box_queries, exact_pairs, join_proximity, join_within
from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex

_EPS_M = 1e-3  # widen the search radius a little: the upper bound is itself a computed distance


def closest_per_left(join: JoinResult) -> JoinResult:
    """The pair with the smallest distance for each left index (ties: the lowest right index)."""
    if len(join) == 0:
        return join
    order = np.lexsort((join.right, join.distance_m, join.left))
    left = join.left[order]
    _, first = np.unique(left, return_index=True)
    pick = order[first]
    return JoinResult.from_unsorted(join.left[pick], join.right[pick], join.distance_m[pick])


def _all_pairs(
    lon: np.ndarray, lat: np.ndarray, targets: SpatialIndex, left: np.ndarray, right: np.ndarray
) -> JoinResult:
    return exact_pairs(lon, lat, targets, left, right, np.inf, exclude_self=False)


def join_nearest(
    lon: np.ndarray, lat: np.ndarray, targets: SpatialIndex, max_m: float | None = None
) -> JoinResult:
    """Each point with its nearest target (one pair per point; only those <= max_m when given)."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.size == 0 or len(targets) == 0:
        return JoinResult.empty()
    first_left, first_right = targets.tree.query_nearest(shapely.points(lon, lat), all_matches=False)
    first = _all_pairs(lon, lat, targets, first_left, first_right)
    bound = np.full(lon.size, np.inf)
    bound[first.left] = first.distance_m
    radius = bound + _EPS_M if max_m is None else np.minimum(bound + _EPS_M, max_m)
    owner, boxes = _box_queries(lon, lat, radius)
    box_idx, right = targets.tree.query(boxes, predicate="intersects")
    left = owner[box_idx]
    if left.size:
        uniq = np.unique(np.column_stack([left, right]), axis=0)
        left, right = uniq[:, 0], uniq[:, 1]
    best = closest_per_left(_all_pairs(lon, lat, targets, left, right))
    if max_m is None:
        return best
    keep = best.distance_m <= max_m
    return JoinResult(best.left[keep], best.right[keep], best.distance_m[keep])


def join_ring(
    lon: np.ndarray, lat: np.ndarray, targets: SpatialIndex, min_m: float, max_m: float
) -> JoinResult:
    """Points inside no target whose nearest target is min_m..max_m away, with that target."""
    if max_m <= 0 or min_m > max_m:
        raise ValueError("a ring needs 0 <= min distance <= max distance and max distance > 0")
    best = closest_per_left(join_proximity(lon, lat, targets, max_m))
    keep = (best.distance_m >= min_m) & (best.distance_m > 0)
    return JoinResult(best.left[keep], best.right[keep], best.distance_m[keep])


def join_outside(
    lon: np.ndarray, lat: np.ndarray, polygons: SpatialIndex, max_m: float | None = None
) -> JoinResult:
    """Points inside no polygon, each with its nearest polygon (<= max_m when given)."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    rest = np.flatnonzero(outside_mask(lon, lat, polygons))
    near = join_nearest(lon[rest], lat[rest], polygons, max_m)
    return JoinResult.from_unsorted(rest[near.left], near.right, near.distance_m)


def outside_mask(lon: np.ndarray, lat: np.ndarray, polygons: SpatialIndex) -> np.ndarray:
    """True for each point inside or on no polygon."""
    inside = np.zeros(np.asarray(lon).size, dtype=bool)
    inside[join_within(lon, lat, polygons).left] = True
    return ~inside
