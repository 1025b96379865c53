"""GeoJSON maps of a correlation: zones, matched points, pair lines — bounded by the matches.

What is drawn (cost O(matched + zones), not O(points)):
- sets with polygons (zones, areas): every feature, up to MAX_MAP_FEATURES_PER_TYPE;
- point sets: every matched point; the unmatched ones one by one while there are at most
  `max_unmatched` of them, else as counts per grid cell (`<type>_cell` features, `count`);
- pair lines (`correlation_pair`) from each point to the NEAREST point of its partner — the
  zone's boundary when the partner is a polygon (no line when the point is inside), the
  partner itself when it is a point; up to MAX_MAP_PAIRS.
`bounds` covers every feature drawn. Files are written atomically into the server's artifact
folder (created on first write) and named `correlation_<name>_<hash of name and content>.geojson`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from planexec.schemas.settings import ensure_dir
from planexec.schemas.tools.geospatial import MapResult
from planexec.tools.servers.geospatial.geo import _REFINE_DLAT_DEG, _nearest_in_frame
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet

MAX_MAP_FEATURES_PER_TYPE = 50_000
MAX_MAP_PAIRS = 10_000
DEFAULT_MAX_UNMATCHED = 2_000
CELL_DEG = 0.5


def safe_name(session_id: str) -> str:
    """A filename-safe form of a session id (no separators, no leading dots)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", session_id)[:64] or "session"


def _feature(geometry: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _entity_features(entity_set: EntitySet, rows: np.ndarray, matched: bool | None) -> list[dict[str, Any]]:
    index = entity_set.index
    if index.geometries is None:
        geoms: list[Any] = [
            {"type": "Point", "coordinates": [float(index.lon[i]), float(index.lat[i])]} for i in rows
        ]
    else:
        geoms = [json.loads(g) for g in shapely.to_geojson(index.geometries[rows])]
    columns = {name: col.to_numpy() for name, col in entity_set.columns.items()}
    features = []
    for geom, i in zip(geoms, rows.tolist(), strict=True):
        props: dict[str, Any] = {"entity_type": entity_set.entity_type, "id": str(entity_set.ids[i])}
        if matched is not None:
            props["matched"] = matched
        for name, values in columns.items():
            value = values[i]
            if name not in props:
                props[name] = (
                    None
                    if value is None or (isinstance(value, float) and np.isnan(value))
                    else (float(value) if isinstance(value, (float, np.floating)) else value)
                )
        features.append(_feature(geom, props))
    return features


def _cell_features(entity_set: EntitySet, rows: np.ndarray) -> list[dict[str, Any]]:
    """Counts of `rows` per CELL_DEG grid cell, as one square feature per non-empty cell."""
    lon, lat = entity_set.index.lon[rows], entity_set.index.lat[rows]
    cells = np.column_stack([np.floor(lon / CELL_DEG), np.floor(lat / CELL_DEG)]).astype(np.int64)
    keys, counts = np.unique(cells, axis=0, return_counts=True)
    features = []
    for (cx, cy), n in zip(keys.tolist(), counts.tolist(), strict=True):
        x0, y0, x1, y1 = cx * CELL_DEG, cy * CELL_DEG, (cx + 1) * CELL_DEG, (cy + 1) * CELL_DEG
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        props = {"entity_type": f"{entity_set.entity_type}_cell", "matched": False, "count": int(n)}
        features.append(_feature({"type": "Polygon", "coordinates": [ring]}, props))
    return features


def nearest_points(lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest point of geometry i to point i (the point itself when inside), as the joins find it."""
    nlon, nlat = _nearest_in_frame(lon, lat, geoms, lat)
    far = np.abs(nlat - lat) > _REFINE_DLAT_DEG
    if far.any():
        mid = (lat[far] + nlat[far]) / 2
        nlon[far], nlat[far] = _nearest_in_frame(lon[far], lat[far], geoms[far], mid)
    return nlon, nlat


def _pair_features(corr: Correlation) -> list[dict[str, Any]]:
    join, left, right = corr.join, corr.left, corr.right
    keep = np.flatnonzero(join.distance_m > 0)[:MAX_MAP_PAIRS] if right.index.has_polygons else None
    if keep is None:
        keep = np.arange(min(len(join), MAX_MAP_PAIRS))
    li, ri = join.left[keep], join.right[keep]
    lon, lat = left.index.lon[li], left.index.lat[li]
    if right.index.geometries is not None and keep.size:
        tlon, tlat = nearest_points(lon, lat, right.index.geometries[ri])
    else:
        tlon, tlat = right.index.lon[ri], right.index.lat[ri]
    features = []
    for k in range(keep.size):
        line = [[float(lon[k]), float(lat[k])], [float(tlon[k]), float(tlat[k])]]
        props = {
            "entity_type": "correlation_pair",
            "method": corr.method,
            "left_type": left.entity_type,
            "right_type": right.entity_type,
            "left_id": str(left.ids[li[k]]),
            "right_id": str(right.ids[ri[k]]),
            "distance_m": float(join.distance_m[keep[k]]),
        }
        features.append(_feature({"type": "LineString", "coordinates": line}, props))
    return features


def _set_features(
    entity_set: EntitySet, corr: Correlation | None, max_unmatched: int
) -> tuple[list[dict[str, Any]], int]:
    """Features of one set and how many of its points went into cell counts."""
    n = len(entity_set)
    if entity_set.index.has_polygons:
        return _entity_features(entity_set, np.arange(min(n, MAX_MAP_FEATURES_PER_TYPE)), None), 0
    matched = np.zeros(n, dtype=bool)
    if corr is not None and corr.left is entity_set:
        matched[corr.join.left] = True
    if corr is not None and corr.right is entity_set:
        matched[corr.join.right] = True
    hit, miss = np.flatnonzero(matched), np.flatnonzero(~matched)
    flag = None if corr is None else True
    features = _entity_features(entity_set, hit[:MAX_MAP_FEATURES_PER_TYPE], flag)
    if miss.size <= max_unmatched:
        return features + _entity_features(entity_set, miss, None if corr is None else False), 0
    return features + _cell_features(entity_set, miss), int(miss.size)


def bounds_of(features: list[dict[str, Any]]) -> list[float] | None:
    """[min_lon, min_lat, max_lon, max_lat] over every coordinate of the features."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], (int, float)):
            xs.append(float(coords[0]))
            ys.append(float(coords[1]))
        else:
            for c in coords:
                walk(c)

    for feature in features:
        walk(feature["geometry"]["coordinates"])
    return [min(xs), min(ys), max(xs), max(ys)] if xs else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file unique to this write (same folder) + os.replace."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; a map is as readable as any other file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_map(
    folder: Path,
    name: str,
    sets: list[EntitySet],
    corr: Correlation | None,
    max_unmatched: int = DEFAULT_MAX_UNMATCHED,
    session_id: str | None = None,
) -> MapResult:
    """Write the map of `sets` and `corr` into `folder` (created now) as a content-named GeoJSON file."""
    features: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    aggregated = 0
    for entity_set in sets:
        feats, agg = _set_features(entity_set, corr, max_unmatched)
        aggregated += agg
        for feat in feats:
            kind = feat["properties"]["entity_type"]
            counts[kind] = counts.get(kind, 0) + 1
        features.extend(feats)
    pairs = _pair_features(corr) if corr is not None else []
    features.extend(pairs)
    body = json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, allow_nan=False
    )
    data = body.encode("utf-8")
    digest = hashlib.sha256(name.encode("utf-8") + b"\0" + data).hexdigest()[:12]
    path = (ensure_dir(folder) / f"correlation_{safe_name(name)}_{digest}.geojson").resolve()
    write_atomic(path, data)
    return MapResult(
        session_id=session_id,
        path=str(path),
        url=path.as_uri(),
        feature_count=len(features),
        pair_count=len(pairs),
        counts_by_type=counts,
        bounds=bounds_of(features),
        aggregated_points=aggregated,
    )
