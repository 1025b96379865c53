"""Geospatial MCP server: register entity sets per session, correlate them, draw a map.

Run: `python -m tools.servers.geospatial` (stdio) or `... --http --port 8765` (streamable HTTP).
Sessions are isolated and bounded (see tools.geo_sessions); joins are in tools.geo.
Maps go to env PLANEXEC_ARTIFACT_DIR (default `<cwd>/.planexec/artifacts`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Annotated, Any

import anyio
import numpy as np
import shapely
from pydantic import Field

from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.tools.geospatial import (
    CorrelationMethod,
    CorrelationPairs,
    CorrelationResult,
    MapResult,
    RegisterResult,
    SessionSummary,
)
from planexec.tools.geo import SpatialIndex, join_proximity, join_within
from planexec.tools.geo_sessions import Correlation, EntitySet, SessionError, SessionStore
from planexec.tools.servers.common import make_server, run

VERSION = "1.0.0"
MAX_MAP_FEATURES_PER_TYPE = 50_000
MAX_MAP_PAIRS = 10_000

server = make_server(
    "geospatial",
    VERSION,
    "Register entity sets (RegisterEntities) in a session, then FindSpatialCorrelations between two "
    "registered types ('within' polygons or 'proximity' by ground distance), GenerateCorrelationMap "
    "to write a GeoJSON map, GetSessionSummary to inspect the session.",
)
_store: SessionStore | None = None

SessionId = Annotated[str, Field(min_length=1, max_length=128, description="Correlation session id.")]
SchemaVersion = Annotated[
    str, Field(description="Version of the planexec contract this payload follows (semver).")
]


def store() -> SessionStore:
    """The process-wide session store, created on first use (reads its bounds from the env)."""
    global _store
    if _store is None:
        _store = SessionStore.from_env()
    return _store


def _check_version(schema_version: str) -> None:
    if schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise SessionError(
            f"unsupported schema_version {schema_version!r}; this server speaks {SCHEMA_VERSION}"
        )


def _entity_set(entity_type: str, entities: EntityTable) -> EntitySet:
    wkt = None if entities.geometry_wkt is None else entities.geometry_wkt.to_numpy()
    try:
        index = SpatialIndex.from_wkt(entities.lon.to_numpy(), entities.lat.to_numpy(), wkt)
    except shapely.errors.GEOSException as exc:
        raise SessionError(f"entities of type '{entity_type}' carry invalid WKT: {exc}") from None
    if entities.count and not (np.isfinite(index.lon).all() and np.isfinite(index.lat).all()):
        raise SessionError(f"entities of type '{entity_type}' have missing or non-finite lon/lat")
    return EntitySet(entity_type, entities.ids.to_numpy(), index, dict(entities.columns))


@server.tool(name="RegisterEntities", description="Register (replace) one entity type's set in a session.")
async def register_entities(
    entity_type: Annotated[str, Field(description="Name the entities are registered under in the session.")],
    entities: Annotated[
        EntityTable, Field(description="The entities to register (replaces that type's set).")
    ],
    session_id: SessionId,
    schema_version: SchemaVersion = SCHEMA_VERSION,
) -> RegisterResult:
    _check_version(schema_version)
    entity_set = await anyio.to_thread.run_sync(_entity_set, entity_type, entities)
    session = store().register(session_id, entity_set)
    return RegisterResult(
        session_id=session_id,
        entity_type=entity_type,
        registered=len(entity_set),
        total_in_session=session.total_entities,
        has_geometry=entity_set.index.has_polygons,
    )


def _correlate(left: EntitySet, right: EntitySet, method: str, distance_km: float | None) -> Correlation:
    lon, lat = left.index.lon, left.index.lat
    distance_m = None if distance_km is None else distance_km * 1000.0
    if method == "proximity":
        if not distance_m or distance_m <= 0:
            raise SessionError("method 'proximity' needs distance_km > 0 (e.g. distance_km=25)")
        join = join_proximity(lon, lat, right.index, distance_m, exclude_self=left is right)
    else:
        if not right.index.has_polygons:
            raise SessionError(
                f"method 'within' needs polygons on the right, but '{right.entity_type}' has only points; "
                "use method='proximity' with distance_km"
            )
        join = join_within(lon, lat, right.index, tolerance_m=distance_m)
    return Correlation(left, right, method, distance_km, join)


@server.tool(
    name="FindSpatialCorrelations",
    description="Pairs of entities of two registered types: points 'within' polygons (optionally within "
    "distance_km of them) or 'proximity' within distance_km on the ground.",
)
async def find_spatial_correlations(
    entity_type1: Annotated[str, Field(description="Left set (usually points, e.g. solar_facility).")],
    entity_type2: Annotated[str, Field(description="Right set (zones or areas).")],
    session_id: SessionId,
    method: Annotated[CorrelationMethod, Field(description="'within' or 'proximity'.")] = "within",
    distance_km: Annotated[
        float | None,
        Field(ge=0, le=500, description="Ground distance for 'proximity' (and tolerance for 'within')."),
    ] = None,
    schema_version: SchemaVersion = SCHEMA_VERSION,
) -> CorrelationResult:
    _check_version(schema_version)
    session = store().get(session_id)
    left, right = session.entity_set(entity_type1), session.entity_set(entity_type2)
    corr = await anyio.to_thread.run_sync(_correlate, left, right, method, distance_km)
    store().record_correlation(session_id, corr)
    join = corr.join
    return CorrelationResult(
        session_id=session_id,
        method=method,
        distance_km=distance_km,
        pair_count=len(join),
        matched_left=int(np.unique(join.left).size),
        matched_right=int(np.unique(join.right).size),
        pairs=CorrelationPairs(
            left_ids=PackedColumn.from_strings([str(v) for v in left.ids[join.left]]),
            right_ids=PackedColumn.from_strings([str(v) for v in right.ids[join.right]]),
            distance_m=PackedColumn.from_floats(join.distance_m),
        ),
    )


def artifact_dir() -> Path:
    raw = os.environ.get("PLANEXEC_ARTIFACT_DIR")
    return Path(raw) if raw else Path.cwd() / ".planexec" / "artifacts"


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


def _write_map(session_id: str, sets: list[EntitySet], corr: Correlation | None) -> MapResult:
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
    folder = artifact_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / f"correlation_{safe_name(session_id)}_{digest}.geojson").resolve()
    tmp = path.with_suffix(".geojson.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return MapResult(
        session_id=session_id,
        path=str(path),
        url=path.as_uri(),
        feature_count=len(features),
        pair_count=len(pairs),
        counts_by_type=counts,
    )


@server.tool(
    name="GenerateCorrelationMap",
    description="Write a GeoJSON FeatureCollection of the session's entities and latest correlation pairs.",
)
async def generate_correlation_map(
    session_id: SessionId, schema_version: SchemaVersion = SCHEMA_VERSION
) -> MapResult:
    _check_version(schema_version)
    session = store().get(session_id)
    sets = [session.sets[k] for k in sorted(session.sets)]
    return await anyio.to_thread.run_sync(_write_map, session_id, sets, session.last_correlation)


@server.tool(name="GetSessionSummary", description="Entity counts and correlation state of a session.")
async def get_session_summary(
    session_id: SessionId, schema_version: SchemaVersion = SCHEMA_VERSION
) -> SessionSummary:
    _check_version(schema_version)
    st = store()
    session = st.get(session_id)
    last = session.last_correlation
    return SessionSummary(
        session_id=session_id,
        entity_counts={k: len(v) for k, v in sorted(session.sets.items())},
        correlation_count=session.correlation_count,
        last_pair_count=None if last is None else len(last.join),
        created_at=session.created_at,
        expires_at=st.expires_at(session),
    )


if __name__ == "__main__":
    run(server)
