"""GeoJSON maps of a geospatial session: its entity sets and its latest correlation pairs.

Written atomically into the server's artifact folder (given at start; created on first write),
named `correlation_<session>_<hash of the full session id and the content>.geojson`: the planner's
session ids are unique per turn, so two turns never share a file; each write goes to its own
temporary file in the same folder and is moved into place with os.replace, so concurrent writers
of the same map (same session, same content) never see a torn file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import shapely

from planexec.schemas.settings import ensure_dir
from planexec.schemas.tools.geospatial import MapResult
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet

MAX_MAP_FEATURES_PER_TYPE = 50_000
MAX_MAP_PAIRS = 10_000


def safe_name(session_id: str) -> str:
    """A filename-safe form of a session id (no separators, no leading dots)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", session_id)[:64] or "session"


def _entity_features(entity_set: EntitySet) -> list[dict[str, Any]]:
    n = min(len(entity_set), MAX_MAP_FEATURES_PER_TYPE)
    index = entity_set.index
    if index.geometries is None:
        geoms: list[Any] = [
            {"type": "Point", "coordinates": [float(x), float(y)]}
            for x, y in zip(index.lon[:n], index.lat[:n], strict=True)
        ]
    else:
        geoms = [json.loads(g) for g in shapely.to_geojson(index.geometries[:n])]
    columns = {name: col.to_list()[:n] for name, col in entity_set.columns.items()}
    features = []
    for i in range(n):
        props: dict[str, Any] = {"entity_type": entity_set.entity_type, "id": str(entity_set.ids[i])}
        props.update({name: values[i] for name, values in columns.items() if name not in props})
        features.append({"type": "Feature", "geometry": geoms[i], "properties": props})
    return features


def _pair_features(corr: Correlation) -> list[dict[str, Any]]:
    join, left, right = corr.join, corr.left, corr.right
    features = []
    for i in range(min(len(join), MAX_MAP_PAIRS)):
        li, ri = int(join.left[i]), int(join.right[i])
        line = [[float(left.index.lon[li]), float(left.index.lat[li])]]
        line.append([float(right.index.lon[ri]), float(right.index.lat[ri])])
        props = {
            "entity_type": "correlation_pair",
            "method": corr.method,
            "left_type": left.entity_type,
            "right_type": right.entity_type,
            "left_id": str(left.ids[li]),
            "right_id": str(right.ids[ri]),
            "distance_m": float(join.distance_m[i]),
        }
        features.append(
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": line}, "properties": props}
        )
    return features


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


def write_map(folder: Path, session_id: str, sets: list[EntitySet], corr: Correlation | None) -> MapResult:
    """Write the session's map into `folder` (created now) as a content-named GeoJSON file."""
    features: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for entity_set in sets:
        feats = _entity_features(entity_set)
        counts[entity_set.entity_type] = len(feats)
        features.extend(feats)
    pairs = _pair_features(corr) if corr is not None else []
    features.extend(pairs)
    body = json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, allow_nan=False
    )
    data = body.encode("utf-8")
    digest = hashlib.sha256(session_id.encode("utf-8") + b"\0" + data).hexdigest()[:12]
    path = (ensure_dir(folder) / f"correlation_{safe_name(session_id)}_{digest}.geojson").resolve()
    write_atomic(path, data)
    return MapResult(
        session_id=session_id,
        path=str(path),
        url=path.as_uri(),
        feature_count=len(features),
        pair_count=len(pairs),
        counts_by_type=counts,
    )
