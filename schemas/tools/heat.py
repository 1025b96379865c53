"""Contracts of the heat MCP server."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import DataHandle


class HeatQuintilesArgs(Contract):
    quintiles: list[int] = Field(
        default=[5], description="Heat-stress quintiles to return (1-5, 5 = hottest)."
    )
    limit: int = Field(default=1000, ge=1, le=10_000, description="Maximum zones returned.")
    as_handle: bool = Field(
        default=False,
        description="True: publish the table to the shared handle store and return `handle` instead of "
        "the inline `entities` (for servers that accept handles, e.g. geospatial RegisterEntities).",
    )


class HeatZonesResult(Contract):
    """Heat-stress zones (Voronoi cells of INMET stations clipped to Brazil)."""

    quintiles: list[int] = Field(description="Quintiles returned.")
    count: int = Field(ge=0, description="Zones returned.")
    entities: EntityTable | None = Field(
        default=None,
        description="entity_type 'heat_zone' with geometry_wkt; columns station_code, station_name, uf, "
        "tmax_hottest_month_c, heat_index_c, quintile "
        "(absent when as_handle was true).",
    )
    handle: DataHandle | None = Field(
        default=None,
        description="'entity_table' handle of the same table (only when as_handle was true).",
        json_schema_extra={"handle_kind": "entity_table"},
    )
