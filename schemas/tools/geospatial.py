"""Contracts of the geospatial MCP server."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.entities import EntityTable, PackedColumn

CorrelationMethod = Literal["within", "proximity"]

MISSING_STATE_CODE = "missing_session_state"
"""Stable marker in the error text of a call that needs state the server no longer has (an unknown
or expired session, an entity type not registered in it — e.g. after a server restart). A client
that sees it re-registers the entity sets and calls again; nothing else about the call was wrong."""


class RegisterEntitiesArgs(Contract):
    entity_type: str = Field(description="Name the entities are registered under in the session.")
    entities: EntityTable = Field(description="The entities to register (replaces that type's set).")
    session_id: str = Field(min_length=1, max_length=128, description="Correlation session id.")


class RegisterResult(Contract):
    session_id: str = Field(description="Correlation session id.")
    entity_type: str = Field(description="Type registered.")
    registered: int = Field(ge=0, description="Entities registered by this call.")
    total_in_session: int = Field(ge=0, description="Entities of all types now in the session.")
    has_geometry: bool = Field(description="True when the entities carry polygons (not only points).")


class FindCorrelationsArgs(Contract):
    entity_type1: str = Field(description="Left set (usually points, e.g. solar_facility).")
    entity_type2: str = Field(description="Right set (zones or areas).")
    method: CorrelationMethod = Field(default="within", description="'within' or 'proximity'.")
    distance_km: float | None = Field(
        default=None,
        ge=0,
        le=500,
        description="Ground distance for 'proximity' (and tolerance for 'within').",
    )
    session_id: str = Field(min_length=1, max_length=128, description="Correlation session id.")


class CorrelationPairs(Contract):
    left_ids: PackedColumn = Field(description="Ids from entity_type1 (dtype 'str').")
    right_ids: PackedColumn = Field(description="Ids from entity_type2 (dtype 'str').")
    distance_m: PackedColumn = Field(description="Geodesic distance in metres on the ground (0 = inside).")


class CorrelationResult(Contract):
    session_id: str = Field(description="Correlation session id.")
    method: CorrelationMethod = Field(description="Method used.")
    distance_km: float | None = Field(description="Distance used, km.")
    pair_count: int = Field(ge=0, description="Matched (left, right) pairs.")
    matched_left: int = Field(ge=0, description="Distinct left entities with at least one match.")
    matched_right: int = Field(ge=0, description="Distinct right entities with at least one match.")
    pairs: CorrelationPairs = Field(description="The pairs, columnar.")


class SessionArgs(Contract):
    session_id: str = Field(min_length=1, max_length=128, description="Correlation session id.")


class MapResult(Contract):
    session_id: str = Field(description="Correlation session id.")
    path: str = Field(description="Filesystem path of the GeoJSON FeatureCollection written.")
    url: str = Field(description="file:// URL of the same file.")
    feature_count: int = Field(ge=0, description="Features in the file.")
    pair_count: int = Field(ge=0, description="Correlation pairs drawn (0 when none were computed).")
    counts_by_type: dict[str, int] = Field(description="Features per entity type.")


class SessionSummary(Contract):
    session_id: str = Field(description="Correlation session id.")
    entity_counts: dict[str, int] = Field(description="Registered entities per type.")
    correlation_count: int = Field(ge=0, description="Correlations computed in this session.")
    last_pair_count: int | None = Field(default=None, description="Pairs of the latest correlation.")
    created_at: float = Field(description="Unix time the session was created.")
    expires_at: float = Field(description="Unix time the session expires unless used.")
