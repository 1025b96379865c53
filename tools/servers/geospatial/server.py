"""Geospatial MCP server: register entity sets, correlate them, draw a map — stateless by handle.

RegisterEntities takes an inline table or an 'entity_table' handle and returns a durable,
content-addressed 'entity_set' handle (handle_sets.py: kept in the shared handle store, only
cached in memory); FindSpatialCorrelations takes two such handles and returns a 'correlation'
handle; GenerateCorrelationMap takes that. Any replica serves any call and a restart loses
nothing. The older session mode (session_id + entity types) still works for other clients.

Run: `python -m planexec.tools.servers.geospatial` (stdio) or `... --http --port 8765` (streamable HTTP).
State (lifespan context, built from Settings at start): the bounded session store (sessions.py)
and the artifact folder maps are written into (Settings.resolved_artifact_dir(), created on the
first map). Joins are in geo.py, maps in maps.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import numpy as np
from mcp.server.fastmcp import FastMCP

from planexec.schemas.entities import PackedColumn
from planexec.schemas.settings import Settings
from planexec.schemas.tools.geospatial import (
    CorrelationPairs,
    CorrelationResult,
    FindCorrelationsArgs,
    MapArgs,
    MapResult,
    RegisterEntitiesArgs,
    RegisterResult,
    SessionArgs,
    SessionSummary,
)
from planexec.tools.servers.common import make_server, run, state_lifespan
from planexec.tools.servers.geospatial.geo import join_proximity, join_within
from planexec.tools.servers.geospatial.handle_sets import HandleSets, subset_table
from planexec.tools.servers.geospatial.maps import write_map
from planexec.tools.servers.geospatial.nearest import join_nearest, join_outside, join_ring
from planexec.tools.servers.geospatial.sessions import Correlation, EntitySet, SessionError, SessionStore
from planexec.tools.servers.geospatial.spatial_index import JoinResult
from planexec.tools.servers.geospatial.summary import summarize
from planexec.tools.servers.model_tools import KEEPS_RESULTS, add_model_tool
from planexec.tools.stores.handle_store import LazyHandleStore

VERSION = "1.0.0"


@dataclass(frozen=True)
class GeoState:
    """What the geospatial server keeps between calls: handle-keyed caches and legacy sessions."""

    store: SessionStore
    artifact_dir: Path
    sets: HandleSets
    max_unmatched: int = 2_000
    max_matched: int = 5_000

    @classmethod
    def from_settings(cls, settings: Settings) -> GeoState:
        return cls(
            SessionStore.from_settings(settings),
            settings.resolved_artifact_dir(),
            HandleSets(LazyHandleStore(settings)),
            settings.map_max_unmatched,
            settings.map_max_matched,
        )


async def register_entities(args: RegisterEntitiesArgs, state: GeoState) -> RegisterResult:
    entity_set, handle = await anyio.to_thread.run_sync(state.sets.register, args.entity_type, args.entities)
    total = len(entity_set)
    if args.session_id is not None:
        total = state.store.register(args.session_id, entity_set).total_entities
    return RegisterResult(
        session_id=args.session_id,
        entity_type=args.entity_type,
        registered=len(entity_set),
        total_in_session=total,
        has_geometry=entity_set.index.has_polygons,
        handle=handle,
    )


def _nearest_join(left: EntitySet, right: EntitySet, args: FindCorrelationsArgs) -> JoinResult:
    """The 'ring' / 'outside' / 'nearest' joins (nearest.py): one pair per left entity kept."""
    lon, lat = left.index.lon, left.index.lat
    cap_m = None if args.distance_km is None else args.distance_km * 1000.0
    if args.method == "ring":
        if not cap_m:
            raise SessionError(
                "method 'ring' needs distance_km > 0 (outer bound) and min_distance_km (inner)"
            )
        min_m = (args.min_distance_km or 0.0) * 1000.0
        if min_m > cap_m:
            raise SessionError("method 'ring' needs min_distance_km <= distance_km")
        return join_ring(lon, lat, right.index, min_m, cap_m)
    if args.method == "outside":
        if not right.index.has_polygons:
            raise SessionError(
                f"method 'outside' needs polygons on the right; '{right.entity_type}' has only points"
            )
        return join_outside(lon, lat, right.index, cap_m or None)
    return join_nearest(lon, lat, right.index, cap_m or None)


def _correlate(left: EntitySet, right: EntitySet, args: FindCorrelationsArgs) -> Correlation:
    method, distance_km = args.method, args.distance_km
    lon, lat = left.index.lon, left.index.lat
    distance_m = None if distance_km is None else distance_km * 1000.0
    if method in ("ring", "outside", "nearest"):
        join = _nearest_join(left, right, args)
    elif method == "proximity":
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


def _correlate_handles(args: FindCorrelationsArgs, state: GeoState) -> CorrelationResult:
    assert args.left is not None and args.right is not None
    left, right = state.sets.resolve(args.left), state.sets.resolve(args.right)
    corr = _correlate(left, right, args)
    result = _result(args, corr, None)
    result.handle = state.sets.publish_correlation(corr, args.left, args.right)
    if args.summary is not None:
        result.summary = summarize(corr, args.summary)
    if args.include_rows:
        result.left_rows = subset_table(left, corr.join.left)
        result.right_rows = subset_table(right, corr.join.right)
    return result


def _pairs(corr: Correlation) -> CorrelationPairs:
    join, left, right = corr.join, corr.left, corr.right
    return CorrelationPairs(
        left_ids=PackedColumn.from_strings([str(v) for v in left.ids[join.left]]),
        right_ids=PackedColumn.from_strings([str(v) for v in right.ids[join.right]]),
        distance_m=PackedColumn.from_floats(join.distance_m),
    )


def _result(args: FindCorrelationsArgs, corr: Correlation, session_id: str | None) -> CorrelationResult:
    join = corr.join
    return CorrelationResult(
        session_id=session_id,
        method=args.method,
        distance_km=args.distance_km,
        pair_count=len(join),
        matched_left=int(np.unique(join.left).size),
        matched_right=int(np.unique(join.right).size),
        pairs=_pairs(corr) if args.include_pairs or session_id is not None else None,
    )


async def find_spatial_correlations(args: FindCorrelationsArgs, state: GeoState) -> CorrelationResult:
    if args.left is not None and args.right is not None:
        return await anyio.to_thread.run_sync(_correlate_handles, args, state)
    if args.left is not None or args.right is not None:
        raise SessionError("pass both `left` and `right` handles (or neither, with session_id and types)")
    if not (args.session_id and args.entity_type1 and args.entity_type2):
        raise SessionError(
            "pass `left` and `right` handles, or session_id with entity_type1 and entity_type2"
        )
    session = state.store.get(args.session_id)
    left, right = session.entity_set(args.entity_type1), session.entity_set(args.entity_type2)
    corr = await anyio.to_thread.run_sync(_correlate, left, right, args)
    state.store.record_correlation(args.session_id, corr)
    return _result(args, corr, args.session_id)


def _map_by_handle(args: MapArgs, state: GeoState) -> MapResult:
    assert args.correlation is not None
    corr = state.sets.correlation(args.correlation)
    sets = [corr.right] if corr.left is corr.right else [corr.right, corr.left]
    name = args.correlation.sha256[:16]
    return write_map(state.artifact_dir, name, sets, corr, state.max_unmatched, max_matched=state.max_matched)


async def generate_correlation_map(args: MapArgs, state: GeoState) -> MapResult:
    if (args.correlation is None) == (args.session_id is None):
        raise SessionError("pass exactly one of `correlation` (a handle) and `session_id`")
    if args.correlation is not None:
        return await anyio.to_thread.run_sync(_map_by_handle, args, state)
    assert args.session_id is not None
    session = state.store.get(args.session_id)
    sets = [session.sets[k] for k in sorted(session.sets)]
    last = session.last_correlation
    return await anyio.to_thread.run_sync(
        partial(write_map, max_matched=state.max_matched),
        state.artifact_dir,
        args.session_id,
        sets,
        last,
        state.max_unmatched,
        args.session_id,
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
        "Register entity sets (RegisterEntities: an inline table or a data server's handle) and get a "
        "durable handle per set; FindSpatialCorrelations between two set handles ('within' polygons, "
        "'proximity' by ground distance, 'ring', 'outside', 'nearest') returns a correlation handle; "
        "GenerateCorrelationMap(correlation=handle) writes a GeoJSON map. A session_id mode remains "
        "(GetSessionSummary inspects it).",
        lifespan=state_lifespan(lambda: GeoState.from_settings(settings or Settings())),
    )
    add_model_tool(
        server,
        "RegisterEntities",
        RegisterEntitiesArgs,
        RegisterResult,
        register_entities,
        "Register one entity set (inline table or 'entity_table' handle); returns its durable "
        "'entity_set' handle (and replaces that type's set in session_id, when given).",
        title="Register an entity set",
        annotations=KEEPS_RESULTS,
    )
    add_model_tool(
        server,
        "FindSpatialCorrelations",
        FindCorrelationsArgs,
        CorrelationResult,
        find_spatial_correlations,
        "Pairs of entities of two registered types: points 'within' polygons (optionally within "
        "distance_km of them), 'proximity' within distance_km on the ground, 'ring' (nearest at "
        "min_distance_km..distance_km, inside none), 'outside' (inside no polygon, with the nearest one) "
        "or 'nearest' (each left entity with its nearest right entity, capped by distance_km).",
        title="Find spatial correlations",
        annotations=KEEPS_RESULTS,
    )
    add_model_tool(
        server,
        "GenerateCorrelationMap",
        MapArgs,
        MapResult,
        generate_correlation_map,
        "Write a GeoJSON map of a correlation (handle) or of a session's latest one: zones, matched "
        "points, unmatched points (counts per grid cell beyond a cap), lines to the nearest zone point.",
        title="Generate a correlation map",
        annotations=KEEPS_RESULTS,
    )
    add_model_tool(
        server,
        "GetSessionSummary",
        SessionArgs,
        SessionSummary,
        get_session_summary,
        "Entity counts and correlation state of a session.",
        title="Session summary",
    )
    return server


def main(argv: Sequence[str] | None = None) -> None:
    run(build_server(Settings()), argv)
