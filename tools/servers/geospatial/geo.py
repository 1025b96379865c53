"""Geodesic distances and indexed spatial joins (pure functions, no MCP).

Used by the geospatial MCP server and by in-process benchmark baselines. The entity index and the
join output types live in spatial_index.py (re-exported here); brute-force references for
tests in reference.py (both in this package).

Conventions
- Coordinates are WGS84 lon/lat degrees. Polygon edges are straight lines in lon/lat (the planar
  reading shapely uses for containment), distances are geodesic metres on the WGS84 ellipsoid.
- Point -> geometry distance is 0 when the point is inside or on the geometry. Otherwise the nearest
  boundary point is found in a local equirectangular frame centred on the point, with the ellipsoid's
  east/north scale factors (N cos(lat), M); when that point lies far away in latitude the frame is
  re-scaled at the mid latitude and searched again. The result is the geodesic distance to the point
  found, so it never under-estimates the true ground distance. Longitudes are unwrapped relative to the
  point, so targets across the antimeridian work; a single polygon spanning > 180 degrees does not.
- Joins return columnar arrays (left index, right index, distance_m) sorted by (left, right).
  Candidates come from a shapely STRtree queried with a conservative lon/lat box per point, so no
  true match is missed; candidates are then filtered exactly with the distances above.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import shapely
from pyproj import Geod

from planexec.tools.servers.geospatial.spatial_index import JoinResult, SpatialIndex

GEOD = Geod(ellps="WGS84")
_A = 6_378_137.0  # WGS84 semi-major axis, m
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
# Shortest length of one degree of latitude (meridional radius is smallest at the equator).
_MIN_M_PER_DEG_LAT = math.radians(1) * _A * (1 - _E2)
_SAFETY = 1.001  # relative margin on the search box
_CHUNK_COORDS = 1_000_000  # polygon vertices transformed at once (bounds memory)
_REFINE_DLAT_DEG = 0.05  # re-scale the local frame when the nearest point is this far in latitude


def geodesic_distance_m(
    lon1: np.ndarray | float, lat1: np.ndarray | float, lon2: np.ndarray | float, lat2: np.ndarray | float
) -> np.ndarray:
    """Geodesic distance in metres on WGS84; inputs broadcast like numpy arrays."""
    a, b, c, d = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)))
    if a.size == 0:
        return np.zeros(a.shape, dtype=np.float64)
    _, _, dist = GEOD.inv(a.ravel(), b.ravel(), c.ravel(), d.ravel())
    return np.asarray(dist, dtype=np.float64).reshape(a.shape)


def _frame_scales(lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Metres per degree east and north at `lat` (prime-vertical and meridional radii)."""
    phi = np.radians(lat)
    w = np.sqrt(1 - _E2 * np.sin(phi) ** 2)
    east = np.radians(1) * _A / w * np.cos(phi)
    north = np.radians(1) * _A * (1 - _E2) / w**3
    return np.maximum(east, 1e-9), north


def _nearest_in_frame(
    lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray, frame_lat: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest point of each geometry to its point, found in a local frame scaled at frame_lat."""
    ex, ny = _frame_scales(frame_lat)
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    dx = ((coords[:, 0] - lon[owner] + 180.0) % 360.0 - 180.0) * ex[owner]
    dy = (coords[:, 1] - lat[owner]) * ny[owner]
    local = shapely.transform(geoms, lambda _: np.column_stack([dx, dy]))
    origin = shapely.points(np.zeros((len(geoms), 2)))
    line = shapely.shortest_line(origin, local)
    ends = shapely.get_coordinates(shapely.get_point(line, 1))
    return lon + ends[:, 0] / ex, lat + ends[:, 1] / ny


def point_geometry_distance_m(lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """Ground distance (m) from point i to geometry i, pairwise; 0 when inside or on it."""
    lon = np.asarray(lon, dtype=np.float64).ravel()
    lat = np.asarray(lat, dtype=np.float64).ravel()
    geoms = np.asarray(geoms, dtype=object).ravel()
    out = np.zeros(lon.size, dtype=np.float64)
    is_point = shapely.get_type_id(geoms) == 0
    if is_point.any():
        pxy = shapely.get_coordinates(geoms[is_point])
        out[is_point] = geodesic_distance_m(lon[is_point], lat[is_point], pxy[:, 0], pxy[:, 1])
    rest = np.flatnonzero(~is_point)
    if rest.size:
        inside = shapely.intersects_xy(geoms[rest], lon[rest], lat[rest])
        todo = rest[~inside]
        if todo.size:
            out[todo] = _outside_distance(lon[todo], lat[todo], geoms[todo])
    return out


def _outside_distance(lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """Distances for points outside their geometry, in chunks of bounded coordinate count."""
    ncoords = np.cumsum(shapely.get_num_coordinates(geoms))
    cuts = np.searchsorted(ncoords, np.arange(_CHUNK_COORDS, int(ncoords[-1]), _CHUNK_COORDS))
    bounds = np.unique(np.concatenate([[0], cuts + 1, [lon.size]]).clip(0, lon.size))
    out = np.empty(lon.size, dtype=np.float64)
    for a, b in itertools.pairwise(bounds):
        out[a:b] = _outside_chunk(lon[a:b], lat[a:b], geoms[a:b])
    return out


def _outside_chunk(lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    nlon, nlat = _nearest_in_frame(lon, lat, geoms, lat)
    far = np.abs(nlat - lat) > _REFINE_DLAT_DEG
    if far.any():
        mid = (lat[far] + nlat[far]) / 2
        nlon[far], nlat[far] = _nearest_in_frame(lon[far], lat[far], geoms[far], mid)
    return geodesic_distance_m(lon, lat, nlon, nlat)


def point_polygon_distance_m(lon: float, lat: float, polygon: shapely.Geometry) -> float:
    """Ground distance (m) from one point to one geometry; 0 when inside or on it."""
    return float(point_geometry_distance_m(np.array([lon]), np.array([lat]), np.array([polygon]))[0])


def search_box_deg(lat: np.ndarray, distance_m: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half-widths (dlon, dlat) in degrees of a box that holds every point within distance_m.

    A path between two parallels is at least as long as the meridian arc between them, and
    1 degree of latitude is >= the equatorial meridional degree; east-west, 1 degree of longitude
    is >= a*cos(lat) at the highest |lat| the box reaches. dlon = 180 means all longitudes.
    distance_m is one distance, or one per point (an array shaped like lat).
    """
    lat = np.asarray(lat, dtype=np.float64)
    dlat = distance_m / _MIN_M_PER_DEG_LAT * _SAFETY + 1e-9
    top = np.minimum(np.abs(lat) + dlat, 90.0)
    cos_top = np.cos(np.radians(top))
    with np.errstate(divide="ignore"):
        dlon = np.where(cos_top > 1e-12, distance_m / (np.radians(1) * _A * cos_top) * _SAFETY + 1e-9, 180.0)
    return np.minimum(dlon, 180.0), np.full(lat.shape, dlat)


def join_within(
    lon: np.ndarray, lat: np.ndarray, polygons: SpatialIndex, tolerance_m: float | None = None
) -> JoinResult:
    """Points inside or on a polygon (distance 0); with tolerance_m > 0, also those within it."""
    if tolerance_m:
        return join_proximity(lon, lat, polygons, tolerance_m)
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.size == 0 or len(polygons) == 0:
        return JoinResult.empty()
    left, right = polygons.tree.query(shapely.points(lon, lat), predicate="intersects")
    return JoinResult.from_unsorted(left, right, np.zeros(left.size, dtype=np.float64))


def _box_queries(
    lon: np.ndarray, lat: np.ndarray, distance_m: float | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Search boxes (and the point each belongs to), split at the antimeridian."""
    dlon, dlat = search_box_deg(lat, distance_m)
    owner = np.arange(lon.size)
    xmin, xmax = lon - dlon, lon + dlon
    full = dlon >= 180.0
    xmin[full], xmax[full] = -180.0, 180.0
    ymin, ymax = np.maximum(lat - dlat, -90.0), np.minimum(lat + dlat, 90.0)
    parts = [(owner, xmin, ymin, xmax, ymax)]
    west = ~full & (xmin < -180.0)
    east = ~full & (xmax > 180.0)
    parts.append((owner[west], xmin[west] + 360.0, ymin[west], np.full(west.sum(), 180.0), ymax[west]))
    parts.append((owner[east], np.full(east.sum(), -180.0), ymin[east], xmax[east] - 360.0, ymax[east]))
    own = np.concatenate([p[0] for p in parts])
    boxes = shapely.box(*(np.concatenate([p[i] for p in parts]) for i in range(1, 5)))
    return own, boxes


def join_proximity(
    lon: np.ndarray,
    lat: np.ndarray,
    targets: SpatialIndex,
    distance_m: float,
    exclude_self: bool = False,
) -> JoinResult:
    """Pairs (point, target) whose ground distance is <= distance_m; targets are points or polygons.

    exclude_self drops pairs (i, i), for joining a set with itself.
    """
    if distance_m <= 0:
        raise ValueError("proximity needs a distance > 0")
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    if lon.size == 0 or len(targets) == 0:
        return JoinResult.empty()
    owner, boxes = _box_queries(lon, lat, distance_m)
    box_idx, right = targets.tree.query(boxes, predicate="intersects")
    left = owner[box_idx]
    if left.size:
        uniq = np.unique(np.column_stack([left, right]), axis=0)
        left, right = uniq[:, 0], uniq[:, 1]
    return exact_pairs(lon, lat, targets, left, right, distance_m, exclude_self)


def exact_pairs(
    lon: np.ndarray,
    lat: np.ndarray,
    targets: SpatialIndex,
    left: np.ndarray,
    right: np.ndarray,
    distance_m: float,
    exclude_self: bool,
) -> JoinResult:
    """The candidate pairs (left[i], right[i]) whose exact ground distance is <= distance_m."""
    if exclude_self:
        keep = left != right
        left, right = left[keep], right[keep]
    if targets.geometries is None:
        dist = geodesic_distance_m(lon[left], lat[left], targets.lon[right], targets.lat[right])
    else:
        dist = point_geometry_distance_m(lon[left], lat[left], targets.geometries[right])
    ok = dist <= distance_m
    return JoinResult.from_unsorted(left[ok], right[ok], dist[ok])
