"""GeoJSON maps of a correlation: zones, matched points, pair lines — bounded at any size.

What is drawn (the file holds at most max_matched + max_unmatched points, the cells and the
zones, whatever the number of points; work is vectorised, O(points) only in numpy):
- sets with polygons (zones, areas): every feature, up to MAX_MAP_FEATURES_PER_TYPE;
- point sets, matched points: one by one while there are at most `max_matched` of them; beyond
  it `max_matched` of them are drawn one by one — round-robin over CELL_DEG grid cells, in each
  cell the point nearest to its partner first (every matched area shows its strongest matches;
  deterministic) — and the rest as counts per cell (`<type>_cell` features, `matched: true`,
  `count`);
- point sets, unmatched points: one by one while there are at most `max_unmatched` of them, else
  all as counts per cell (`<type>_cell`, `matched: false`);
- pair lines (`correlation_pair`) only for points drawn one by one, from the point to the
  NEAREST point of its partner — the zone's boundary when the partner is a polygon (no line when
  the point is inside), the partner itself when it is a point; up to MAX_MAP_PAIRS.
Without a correlation every point counts as unmatched (no `matched` flag when drawn one by one).
MapResult.aggregated_points counts the unmatched points drawn as cells, aggregated_matched_points
the matched ones. `bounds` covers every feature drawn. Files are written atomically into the
server's artifact folder (created on first write), named `correlation_<name>_<hash>.geojson`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from planexec.schemas.settings import ensure_dir
from planexec.schemas.tools.geospatial import MapResult
from planexec.tools.servers.geospatial.geo import _REFINE_DLAT_DEG, _nearest_in_frame
from planexec.tools.servers.geospatial.map_cells import CELL_DEG, Cells, count_cells, spread_nearest_first
from planexec.tools.servers.geospatial.map_columns import pick
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet

__all__ = ["CELL_DEG", "MAX_MAP_FEATURES_PER_TYPE", "MAX_MAP_PAIRS", "nearest_points", "write_map"]

MAX_MAP_FEATURES_PER_TYPE = 50_000
MAX_MAP_PAIRS = 10_000
DEFAULT_MAX_UNMATCHED = 2_000
DEFAULT_MAX_MATCHED = 5_000

Box = tuple[float, float, float, float]


@dataclass
class _Drawing:
    """What a set contributes: features, the rows drawn one by one (None: all), cell counts."""

    features: list[dict[str, Any]] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    drawn: np.ndarray | None = None
    aggregated_unmatched: int = 0
    aggregated_matched: int = 0


def safe_name(session_id: str) -> str:
    """A filename-safe form of a session id (no separators, no leading dots)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", session_id)[:64] or "session"


def _feature(geometry: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _box(lon: np.ndarray, lat: np.ndarray) -> list[Box]:
    if lon.size == 0:
        return []
    return [(float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))]


def _entity_features(entity_set: EntitySet, rows: np.ndarray, matched: bool | None) -> list[dict[str, Any]]:
    """One feature per row (a bounded number of rows: only their column values are decoded)."""
    index = entity_set.index
    if index.geometries is None:
        lon, lat = index.lon[rows].tolist(), index.lat[rows].tolist()
        geoms: list[Any] = [{"type": "Point", "coordinates": [x, y]} for x, y in zip(lon, lat, strict=True)]
    else:
        geoms = [json.loads(g) for g in shapely.to_geojson(index.geometries[rows])]
    reserved = {"entity_type", "id"} | (set() if matched is None else {"matched"})
    columns = {name: pick(col, rows) for name, col in entity_set.columns.items() if name not in reserved}
    ids = [str(i) for i in pick(entity_set.id_source, rows)]
    flag = [] if matched is None else ["matched"]
    keys = ["entity_type", "id", *flag, *columns]
    constant = [repeat(entity_set.entity_type), ids, *(repeat(matched) for _ in flag)]
    values = zip(*constant, *columns.values(), strict=False)  # `repeat` is endless; ids sets the length
    return [
        _feature(geom, dict(zip(keys, row, strict=True))) for geom, row in zip(geoms, values, strict=True)
    ]


def _cell_features(entity_type: str, cells: Cells, matched: bool) -> list[dict[str, Any]]:
    """One square feature per non-empty cell with its point count."""
    features = []
    for cx, cy, n in zip(cells.x.tolist(), cells.y.tolist(), cells.count.tolist(), strict=True):
        x0, y0, x1, y1 = cx * CELL_DEG, cy * CELL_DEG, (cx + 1) * CELL_DEG, (cy + 1) * CELL_DEG
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        props = {"entity_type": f"{entity_type}_cell", "matched": matched, "count": n}
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


def _matches(entity_set: EntitySet, corr: Correlation) -> tuple[np.ndarray, np.ndarray]:
    """Per row: whether a pair holds it, and its pairs' shortest distance (inf: none, or unknown)."""
    found = np.zeros(len(entity_set), dtype=bool)
    dist = np.full(len(entity_set), np.inf)
    known = np.nan_to_num(corr.join.distance_m, nan=np.inf)
    for side, rows in ((corr.left, corr.join.left), (corr.right, corr.join.right)):
        if side is entity_set:
            found[rows] = True
            np.minimum.at(dist, rows, known)
    return found, dist


def _polygon_drawing(entity_set: EntitySet) -> _Drawing:
    rows = np.arange(min(len(entity_set), MAX_MAP_FEATURES_PER_TYPE))
    geoms = entity_set.index.geometries
    assert geoms is not None
    box = shapely.bounds(geoms[rows])
    boxes: list[Box] = []
    if rows.size and not np.isnan(box).all():
        lo, hi = np.nanmin(box, axis=0), np.nanmax(box, axis=0)
        boxes.append((float(lo[0]), float(lo[1]), float(hi[2]), float(hi[3])))
    return _Drawing(_entity_features(entity_set, rows, None), boxes)


def _points(entity_set: EntitySet, rows: np.ndarray, matched: bool | None, out: _Drawing) -> None:
    """Draw `rows` one by one into `out`."""
    out.features.extend(_entity_features(entity_set, rows, matched))
    out.boxes.extend(_box(entity_set.index.lon[rows], entity_set.index.lat[rows]))
    assert out.drawn is not None
    out.drawn[rows] = True


def _cells(entity_set: EntitySet, rows: np.ndarray, matched: bool, out: _Drawing) -> None:
    """Draw `rows` as counts per cell into `out`."""
    cells = count_cells(entity_set.index.lon[rows], entity_set.index.lat[rows])
    out.features.extend(_cell_features(entity_set.entity_type, cells, matched))
    box = cells.bounds()
    if box is not None:
        out.boxes.append(box)


def _set_drawing(
    entity_set: EntitySet, corr: Correlation | None, max_unmatched: int, max_matched: int
) -> _Drawing:
    """The features of one set (see the module docstring for the rules)."""
    if entity_set.index.has_polygons:
        return _polygon_drawing(entity_set)
    drawn = np.zeros(len(entity_set), dtype=bool)
    out = _Drawing(drawn=drawn)
    if corr is None:
        hit, miss, dist = np.empty(0, np.int64), np.arange(len(entity_set)), None
    else:
        found, dist = _matches(entity_set, corr)
        hit, miss = np.flatnonzero(found), np.flatnonzero(~found)
    if hit.size and dist is not None:
        index = entity_set.index
        one_by_one = hit[spread_nearest_first(index.lon[hit], index.lat[hit], dist[hit], max_matched)]
        _points(entity_set, one_by_one, True, out)
        if one_by_one.size < hit.size:
            rest = hit[~drawn[hit]]
            _cells(entity_set, rest, True, out)
            out.aggregated_matched = int(rest.size)
    flag = None if corr is None else False
    if miss.size <= max_unmatched:
        _points(entity_set, miss, flag, out)
    else:
        _cells(entity_set, miss, False, out)
        out.aggregated_unmatched = int(miss.size)
    return out


def _pair_features(
    corr: Correlation, drawn: dict[int, np.ndarray | None]
) -> tuple[list[dict[str, Any]], list[Box]]:
    """Lines of the pairs whose points are drawn one by one (and outside a polygon partner)."""
    join, left, right = corr.join, corr.left, corr.right
    keep = join.distance_m > 0 if right.index.has_polygons else np.ones(len(join), dtype=bool)
    left_drawn, right_drawn = drawn.get(id(left)), drawn.get(id(right))
    if left_drawn is not None:
        keep &= left_drawn[join.left]
    if right_drawn is not None:
        keep &= right_drawn[join.right]
    rows = np.flatnonzero(keep)[:MAX_MAP_PAIRS]
    li, ri = join.left[rows], join.right[rows]
    lon, lat = left.index.lon[li], left.index.lat[li]
    if right.index.geometries is not None and rows.size:
        tlon, tlat = nearest_points(lon, lat, right.index.geometries[ri])
    else:
        tlon, tlat = right.index.lon[ri], right.index.lat[ri]
    left_ids, right_ids = pick(left.id_source, li), pick(right.id_source, ri)
    ends = zip(lon.tolist(), lat.tolist(), tlon.tolist(), tlat.tolist(), strict=True)
    distances = join.distance_m[rows].tolist()
    features = []
    for k, (x0, y0, x1, y1) in enumerate(ends):
        props = {
            "entity_type": "correlation_pair",
            "method": corr.method,
            "left_type": left.entity_type,
            "right_type": right.entity_type,
            "left_id": str(left_ids[k]),
            "right_id": str(right_ids[k]),
            "distance_m": distances[k],
        }
        features.append(_feature({"type": "LineString", "coordinates": [[x0, y0], [x1, y1]]}, props))
    return features, _box(np.concatenate([lon, tlon]), np.concatenate([lat, tlat]))


def _union(boxes: list[Box]) -> list[float] | None:
    if not boxes:
        return None
    arr = np.asarray(boxes, dtype=np.float64)
    return [float(arr[:, 0].min()), float(arr[:, 1].min()), float(arr[:, 2].max()), float(arr[:, 3].max())]


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
    *,
    max_matched: int = DEFAULT_MAX_MATCHED,
) -> MapResult:
    """Write the map of `sets` and `corr` into `folder` (created now) as a content-named GeoJSON file."""
    features: list[dict[str, Any]] = []
    boxes: list[Box] = []
    drawn: dict[int, np.ndarray | None] = {}
    counts: dict[str, int] = {}  # features per type of the sets (pair lines are in pair_count)
    aggregated = aggregated_matched = 0
    for entity_set in sets:
        drawing = _set_drawing(entity_set, corr, max_unmatched, max_matched)
        for feat in drawing.features:
            kind = feat["properties"]["entity_type"]
            counts[kind] = counts.get(kind, 0) + 1
        features.extend(drawing.features)
        boxes.extend(drawing.boxes)
        drawn[id(entity_set)] = drawing.drawn
        aggregated += drawing.aggregated_unmatched
        aggregated_matched += drawing.aggregated_matched
    pairs: list[dict[str, Any]] = []
    if corr is not None:
        pairs, pair_boxes = _pair_features(corr, drawn)
        features.extend(pairs)
        boxes.extend(pair_boxes)
    collection = {"type": "FeatureCollection", "features": features}
    body = json.dumps(
        collection, ensure_ascii=False, allow_nan=False, check_circular=False, separators=(",", ":")
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
        bounds=_union(boxes),
        aggregated_points=aggregated,
        aggregated_matched_points=aggregated_matched,
    )
