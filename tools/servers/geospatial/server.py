"""Geospatial MCP server: register entity sets per session, correlate them, draw a map.

Run: `python -m planexec.tools.servers.geospatial` (stdio) or `... --http --port 8765` (streamable HTTP).
State (lifespan context, built from Settings at start): the bounded session store (sessions.py)
and the artifact folder maps are written into (Settings.resolved_artifact_dir(), created on the
first map). Joins are in geo.py, maps in maps.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import numpy as np
import shapely
from mcp.server.fastmcp import FastMCP

from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.settings import Settings
from planexec.schemas.tools.geospatial import (
    CorrelationPairs,
    CorrelationResult,
    FindCorrelationsArgs,
    MapResult,
    RegisterEntitiesArgs,
    RegisterResult,
    SessionArgs,
    SessionSummary,
)
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.geospatial.geo import SpatialIndex, join_proximity, join_within
from planexec.tools.servers.geospatial.maps import write_map
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError, SessionStore
from planexec.tools.servers.model_tools import add_model_tool

VERSION = "1.0.0"


@dataclass(frozen=True)
class GeoState:
    """What the geospatial server keeps between calls."""

    store: SessionStore
    artifact_dir: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> GeoState:
        return cls(SessionStore.from_settings(settings), settings.resolved_artifact_dir())


def _entity_set(entity_type: str, entities: EntityTable) -> EntitySet:
    wkt = None if entities.geometry_wkt is None else entities.geometry_wkt.to_numpy()
    try:
        index = SpatialIndex.from_wkt(entities.lon.to_numpy(), entities.lat.to_numpy(), wkt)
    except shapely.errors.GEOSException as exc:
        raise SessionError(f"entities of type '{entity_type}' carry invalid WKT: {exc}") from None
    if entities.count and not (np.isfinite(index.lon).all() and np.isfinite(index.lat).all()):
        raise SessionError(f"entities of type '{entity_type}' have missing or non-finite lon/lat")
    return EntitySet(entity_type, entities.ids.to_numpy(), index, dict(entities.columns))


async def register_entities(args: RegisterEntitiesArgs, state: GeoState) -> RegisterResult:
    entity_set = await anyio.to_thread.run_sync(_entity_set, args.entity_type, args.entities)
    session = state.store.register(args.session_id, entity_set)
    return RegisterResult(
        session_id=args.session_id,
        entity_type=args.entity_type,
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


async def find_spatial_correlations(args: FindCorrelationsArgs, state: GeoState) -> CorrelationResult:
    session = state.store.get(args.session_id)
    left, right = session.entity_set(args.entity_type1), session.entity_set(args.entity_type2)
    corr = await anyio.to_thread.run_sync(_correlate, left, right, args.method, args.distance_km)
    state.store.record_correlation(args.session_id, corr)
    join = corr.join
    return CorrelationResult(
        session_id=args.session_id,
        method=args.method,
        distance_km=args.distance_km,
        pair_count=len(join),
        matched_left=int(np.unique(join.left).size),
        matched_right=int(np.unique(join.right).size),
        pairs=CorrelationPairs(
            left_ids=PackedColumn.from_strings([str(v) for v in left.ids[join.left]]),
            right_ids=PackedColumn.from_strings([str(v) for v in right.ids[join.right]]),
            distance_m=PackedColumn.from_floats(join.distance_m),
        ),
    )


async def generate_correlation_map(args: SessionArgs, state: GeoState) -> MapResult:
    session = state.store.get(args.session_id)
    sets = [session.sets[k] for k in sorted(session.sets)]
    return await anyio.to_thread.run_sync(
        write_map, state.artifact_dir, args.session_id, sets, session.last_correlation
    )


async def get_session_summary(args: SessionArgs, state: GeoState) -> SessionSummary:
    session = state.store.get(args.session_id)
    last = session.last_correlation
    return SessionSummary(
        session_id=args.session_id,
        entity_counts={k: len(v) for k, v in sorted(session.sets.items())},
        correlation_count=session.correlation_count,
        last_pair_count=None if last is None else len(last.join),
        created_at=session.created_at,
        expires_at=state.store.expires_at(session),
    )


def build_server(settings: Settings | None = None) -> FastMCP[Any]:
    """The geospatial server; its bounds and artifact folder come from `settings` (read at start)."""
    server = make_server(
        "geospatial",
        VERSION,
        "Register entity sets (RegisterEntities) in a session, then FindSpatialCorrelations between two "
        "registered types ('within' polygons or 'proximity' by ground distance), GenerateCorrelationMap "
        "to write a GeoJSON map, GetSessionSummary to inspect the session.",
        lifespan=state_lifespan(lambda: GeoState.from_settings(settings or Settings())),
    )
    add_model_tool(
        server,
        "RegisterEntities",
        RegisterEntitiesArgs,
        RegisterResult,
        register_entities,
        "Register (replace) one entity type's set in a session.",
    )
    add_model_tool(
        server,
        "FindSpatialCorrelations",
        FindCorrelationsArgs,
        CorrelationResult,
        find_spatial_correlations,
        "Pairs of entities of two registered types: points 'within' polygons (optionally within "
        "distance_km of them) or 'proximity' within distance_km on the ground.",
    )
    add_model_tool(
        server,
        "GenerateCorrelationMap",
        SessionArgs,
        MapResult,
        generate_correlation_map,
        "Write a GeoJSON FeatureCollection of the session's entities and latest correlation pairs.",
    )
    add_model_tool(
        server,
        "GetSessionSummary",
        SessionArgs,
        SessionSummary,
        get_session_summary,
        "Entity counts and correlation state of a session.",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
