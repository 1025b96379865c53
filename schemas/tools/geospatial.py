"""Contracts of the geospatial MCP server."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planexec.schemas.base import Contract
from planexec.schemas.entities import EntityTable, PackedColumn
from planexec.schemas.handles import DataHandle

CorrelationMethod = Literal["within", "proximity", "ring", "outside", "nearest"]

MISSING_STATE_CODE = "missing_session_state"
"""Stable marker in the error text of a call that needs state the server no longer has (an unknown
or expired session, an entity type not registered in it — e.g. after a server restart). A client
that sees it re-registers the entity sets and calls again; nothing else about the call was wrong."""


_SESSION = "Legacy correlation session id (optional: handles need no session)."


class RegisterEntitiesArgs(Contract):
    entity_type: str = Field(description="Name the entities are registered under.")
    entities: EntityTable | DataHandle = Field(
        description="The entities: an inline table, or an 'entity_table' handle a data server published.",
        json_schema_extra={"handle_kind": "entity_table"},
    )
    session_id: str | None = Field(default=None, min_length=1, max_length=128, description=_SESSION)


class RegisterResult(Contract):
    session_id: str | None = Field(default=None, description=_SESSION)
    entity_type: str = Field(description="Type registered.")
    registered: int = Field(ge=0, description="Entities registered by this call.")
    total_in_session: int = Field(ge=0, description="Entities of all types now in the session.")
    has_geometry: bool = Field(description="True when the entities carry polygons (not only points).")
    handle: DataHandle = Field(
        description="Durable 'entity_set' handle of the registered set: pass it to FindSpatialCorrelations.",
        json_schema_extra={"handle_kind": "entity_set"},
    )


Cell = str | float | None
"""One value of a summary row: text, a number, or missing."""


class MatchSummaryArgs(BaseModel):
    """What the server summarises about the matched left entities, each taken with its NEAREST right
    entity (one row per matched left entity, however many pairs it has), so that a client needs
    neither the pairs nor the matched rows."""

    model_config = ConfigDict(extra="forbid")

    sum_column: str | None = Field(
        default=None, description="Numeric left column to total per group and overall (e.g. 'capacity_mw')."
    )
    group_by: list[list[str]] = Field(
        default_factory=list,
        max_length=8,
        description="Groupings, each a list of columns forming one key; 'right.<column>' is a column of "
        "the nearest right entity, 'id' / 'right.id' the ids. E.g. [['uf'], ['right.quintile']].",
    )
    max_groups: int = Field(default=1000, ge=1, le=10_000, description="Groups returned per grouping.")
    top: int = Field(default=30, ge=0, le=1000, description="Matched left entities returned as rows.")
    order: Literal["sum_desc", "distance_asc"] = Field(
        default="sum_desc",
        description="Order of the top rows: 'sum_desc' (largest sum_column first, then id) or "
        "'distance_asc' (closest first, then largest sum_column, then id).",
    )


class GroupRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: list[Cell] = Field(description="The key's values, one per column of the grouping.")
    count: int = Field(ge=0, description="Matched left entities in the group.")
    sum: float = Field(description="Total of sum_column in the group (0 without sum_column).")


class GroupTotals(BaseModel):
    model_config = ConfigDict(extra="forbid")

    by: list[str] = Field(description="The grouping's columns.")
    total_groups: int = Field(ge=0, description="Groups in all (rows holds at most max_groups).")
    rows: list[GroupRow] = Field(description="Groups, largest sum first (then count, then key).")


class MatchRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    left: dict[str, Cell] = Field(description="The left entity: id, lon, lat and its columns.")
    right: dict[str, Cell] = Field(description="Its nearest right entity: id and columns (no geometry).")
    distance_m: float = Field(ge=0, description="Ground distance between them, m (0 = inside).")


class MatchSummary(BaseModel):
    """Totals over the matched left entities (each with its nearest right entity)."""

    model_config = ConfigDict(extra="forbid")

    matched: int = Field(ge=0, description="Distinct left entities with at least one match.")
    sum: float | None = Field(default=None, description="Total of sum_column over them (None without it).")
    groups: list[GroupTotals] = Field(default_factory=list, description="One entry per requested grouping.")
    order: str = Field(description="Order of `top`.")
    top: list[MatchRow] = Field(default_factory=list, description="The first `top` matched entities.")


class FindCorrelationsArgs(Contract):
    entity_type1: str | None = Field(
        default=None, description="Left type in a session (usually points, e.g. solar_facility)."
    )
    entity_type2: str | None = Field(default=None, description="Right type in a session (zones or areas).")
    left: DataHandle | None = Field(
        default=None,
        description="'entity_set' handle of the left set.",
        json_schema_extra={"handle_kind": "entity_set"},
    )
    right: DataHandle | None = Field(
        default=None,
        description="'entity_set' handle of the right set.",
        json_schema_extra={"handle_kind": "entity_set"},
    )
    include_rows: bool = Field(
        default=False,
        description="Handles only: also return every matched entity's row (left_rows, right_rows) — "
        "O(matched) data; prefer `summary`.",
    )
    include_pairs: bool = Field(
        default=True,
        description="Return the pairs inline (`pairs`); false leaves them in the correlation handle only.",
    )
    summary: MatchSummaryArgs | None = Field(
        default=None, description="Totals, groups and top rows computed here (see MatchSummaryArgs)."
    )
    method: CorrelationMethod = Field(
        default="within",
        description="'within' (inside a polygon), 'proximity' (<= distance_km), 'ring' (nearest right "
        "entity at min_distance_km..distance_km and inside none), 'outside' (inside no polygon; paired "
        "with the nearest), 'nearest' (each left entity with its nearest right entity; distance_km caps it).",
    )
    distance_km: float | None = Field(
        default=None,
        ge=0,
        le=500,
        description="Ground distance for 'proximity', outer bound of a 'ring', optional cap for 'nearest' "
        "(and tolerance for 'within').",
    )
    min_distance_km: float | None = Field(
        default=None,
        ge=0,
        le=500,
        description="Inner bound of a 'ring' (km, inclusive; default 0 = just outside).",
    )
    session_id: str | None = Field(default=None, min_length=1, max_length=128, description=_SESSION)


class CorrelationPairs(Contract):
    left_ids: PackedColumn = Field(description="Ids from entity_type1 (dtype 'str').")
    right_ids: PackedColumn = Field(description="Ids from entity_type2 (dtype 'str').")
    distance_m: PackedColumn = Field(description="Geodesic distance in metres on the ground (0 = inside).")


class CorrelationResult(Contract):
    session_id: str | None = Field(default=None, description=_SESSION)
    method: CorrelationMethod = Field(description="Method used.")
    distance_km: float | None = Field(description="Distance used, km.")
    pair_count: int = Field(ge=0, description="Matched (left, right) pairs.")
    matched_left: int = Field(ge=0, description="Distinct left entities with at least one match.")
    matched_right: int = Field(ge=0, description="Distinct right entities with at least one match.")
    pairs: CorrelationPairs | None = Field(
        default=None, description="The pairs, columnar (None when include_pairs is false)."
    )
    summary: MatchSummary | None = Field(default=None, description="What `summary` asked for.")
    handle: DataHandle | None = Field(
        default=None,
        description="'correlation' handle (handle calls): pass it to GenerateCorrelationMap.",
        json_schema_extra={"handle_kind": "correlation"},
    )
    left_rows: EntityTable | None = Field(
        default=None, description="Matched left entities only, with their columns (handle calls)."
    )
    right_rows: EntityTable | None = Field(
        default=None, description="Matched right entities only, with their columns (handle calls)."
    )


class SessionArgs(Contract):
    session_id: str = Field(min_length=1, max_length=128, description="Correlation session id.")


class MapArgs(Contract):
    correlation: DataHandle | None = Field(
        default=None,
        description="'correlation' handle from FindSpatialCorrelations (stateless).",
        json_schema_extra={"handle_kind": "correlation"},
    )
    session_id: str | None = Field(default=None, min_length=1, max_length=128, description=_SESSION)


class MapResult(Contract):
    session_id: str | None = Field(default=None, description=_SESSION)
    path: str = Field(description="Filesystem path of the GeoJSON FeatureCollection written.")
    url: str = Field(description="file:// URL of the same file.")
    feature_count: int = Field(ge=0, description="Features in the file.")
    pair_count: int = Field(ge=0, description="Correlation pairs drawn (0 when none were computed).")
    counts_by_type: dict[str, int] = Field(description="Features per entity type.")
    bounds: list[float] | None = Field(
        default=None, description="[min_lon, min_lat, max_lon, max_lat] of the features drawn."
    )
    aggregated_points: int = Field(
        default=0,
        ge=0,
        description="Unmatched points drawn as counts per grid cell ('<type>_cell' features with "
        "matched false) instead of one by one.",
    )
    aggregated_matched_points: int = Field(
        default=0,
        ge=0,
        description="Matched points drawn as counts per grid cell ('<type>_cell' features with matched "
        "true) instead of one by one: those beyond the map's cap on matched points.",
    )


class SessionSummary(Contract):
    session_id: str = Field(description="Correlation session id.")
    entity_counts: dict[str, int] = Field(description="Registered entities per type.")
    correlation_count: int = Field(ge=0, description="Correlations computed in this session.")
    last_pair_count: int | None = Field(default=None, description="Pairs of the latest correlation.")
    created_at: float = Field(description="Unix time the session was created.")
    expires_at: float = Field(description="Unix time the session expires unless used.")
