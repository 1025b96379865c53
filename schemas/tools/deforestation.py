"""Contracts of the deforestation MCP server."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import DataHandle


class DeforestationArgs(Contract):
    min_increment_km2: float | None = Field(
        default=None,
        ge=0,
        description="Keep areas whose 2014-2015 PRODES increment is >= this (km²; > with "
        "min_increment_strict). None keeps every area.",
    )
    min_increment_strict: bool = Field(
        default=False, description="True: keep increment > min_increment_km2; False: >=."
    )
    limit: int = Field(default=1000, ge=1, le=10_000, description="Maximum areas returned.")
    states: list[str] | None = Field(default=None, description="UF codes to keep.")
    as_handle: bool = Field(
        default=False,
        description="True: publish the table to the shared handle store and return `handle` instead of "
        "the inline `entities` (for servers that accept handles, e.g. geospatial RegisterEntities).",
    )


class DeforestationAreasResult(Contract):
    """Deforestation areas of Legal Amazon municipalities (PRODES 2015, MapBiomas loss)."""

    count: int = Field(ge=0, description="Areas returned.")
    total_increment_km2: float = Field(ge=0, description="Sum of the 2014-2015 increment over the rows.")
    entities: EntityTable | None = Field(
        default=None,
        description="entity_type 'deforestation_area' with geometry_wkt; columns municipality, uf, "
        "ibge_code, deforested_cumulative_km2, increment_km2, deforested_pct_of_area, natveg_loss_pct "
        "(absent when as_handle was true).",
    )
    handle: DataHandle | None = Field(
        default=None,
        description="'entity_table' handle of the same table (only when as_handle was true).",
        json_schema_extra={"handle_kind": "entity_table"},
    )
