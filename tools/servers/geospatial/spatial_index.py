"""Entity sets for spatial joins (SpatialIndex) and the joins' columnar output (JoinResult).

Pure data structures over numpy arrays and shapely geometries; the joins are in geo.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely


@dataclass(frozen=True)
class JoinResult:
    """Columnar join output: pair i is (left[i], right[i]) at distance_m[i] metres."""

    left: np.ndarray
    right: np.ndarray
    distance_m: np.ndarray

    def __len__(self) -> int:
        return int(self.left.size)

    @classmethod
    def empty(cls) -> JoinResult:
        return cls(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64))

    @classmethod
    def from_unsorted(cls, left: np.ndarray, right: np.ndarray, dist: np.ndarray) -> JoinResult:
        """Pairs sorted by (left, right), indices as int64."""
        order = np.lexsort((right, left))
        return cls(left[order].astype(np.int64), right[order].astype(np.int64), dist[order])

    def pairs(self) -> set[tuple[int, int]]:
        return set(zip(self.left.tolist(), self.right.tolist(), strict=True))


@dataclass
class SpatialIndex:
    """A set of entities: representative points, optional geometries, and a lazy STRtree."""

    lon: np.ndarray
    lat: np.ndarray
    geometries: np.ndarray | None = None
    _points: np.ndarray | None = field(default=None, init=False, repr=False)
    _tree: shapely.STRtree | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_wkt(cls, lon: np.ndarray, lat: np.ndarray, wkt: np.ndarray | None) -> SpatialIndex:
        """Entities with optional WKT per row (None/empty -> the representative point)."""
        lon = np.asarray(lon, dtype=np.float64)
        lat = np.asarray(lat, dtype=np.float64)
        if wkt is None:
            return cls(lon, lat)
        text = np.array([w if isinstance(w, str) and w.strip() else None for w in wkt], dtype=object)
        geoms = shapely.from_wkt(text, on_invalid="raise")
        missing = shapely.is_missing(geoms)
        if missing.all():
            return cls(lon, lat)
        geoms[missing] = shapely.points(lon[missing], lat[missing])
        no_point = ~(np.isfinite(lon) & np.isfinite(lat)) & ~missing
        if no_point.any():  # rows with a geometry but no representative point: take one on the surface
            xy = shapely.get_coordinates(shapely.point_on_surface(geoms[no_point]))
            lon, lat = lon.copy(), lat.copy()
            lon[no_point], lat[no_point] = xy[:, 0], xy[:, 1]
        return cls(lon, lat, geoms)

    def __len__(self) -> int:
        return int(self.lon.size)

    @property
    def has_polygons(self) -> bool:
        if self.geometries is None or len(self.geometries) == 0:
            return False
        return bool(np.isin(shapely.get_type_id(self.geometries), (3, 6)).any())

    @property
    def shapes(self) -> np.ndarray:
        """Geometries (points where the entity has no geometry)."""
        if self.geometries is not None:
            return self.geometries
        if self._points is None:
            self._points = shapely.points(self.lon, self.lat)
        return self._points

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            shapes = self.shapes
            shapely.prepare(shapes)
            self._tree = shapely.STRtree(shapes)
        return self._tree
