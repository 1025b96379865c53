"""Contracts of the solar MCP server."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from planexec.schemas.base import Contract
from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import DataHandle

MAX_INLINE_ROWS = 200_000
"""Most rows a result carries inline (a bigger table goes by handle)."""
MAX_SYNTHETIC_POINTS = 2_000_000
"""Most synthetic rows (benchmarks); beyond MAX_INLINE_ROWS they need as_handle."""

SolarDataset = Literal["aneel_siga_2025", "aneel_sigel_2015", "gppd_v1_3_0"]


class FacilitiesArgs(Contract):
    """Arguments of GetFacilitiesForGeospatial and GetSolarFacilitiesMapData."""

    country: str = Field(default="Brazil", description="Country name; only Brazil has data.")
    limit: int = Field(default=1000, ge=1, le=MAX_INLINE_ROWS, description="Maximum rows returned.")
    min_capacity_mw: float | None = Field(
        default=None, ge=0, description="Keep plants >= this MW (> with min_capacity_strict)."
    )
    min_capacity_strict: bool = Field(
        default=False, description="True: keep plants strictly above min_capacity_mw ('more than')."
    )
    max_capacity_mw: float | None = Field(
        default=None, ge=0, description="Keep plants <= this MW (< with max_capacity_strict)."
    )
    max_capacity_strict: bool = Field(
        default=False, description="True: keep plants strictly below max_capacity_mw ('less than')."
    )
    states: list[str] | None = Field(default=None, description="Brazilian UF codes to keep, e.g. ['BA'].")
    dataset: SolarDataset = Field(default="aneel_siga_2025", description="Which facility set to use.")
    synthetic_points: int = Field(
        default=0,
        ge=0,
        le=MAX_SYNTHETIC_POINTS,
        description="Benchmarks only: when > 0, return this many jittered copies of the real plants "
        "(ids prefixed 'SYN-', table marked synthetic) instead of the real rows; more than "
        f"{MAX_INLINE_ROWS:,} only with as_handle.",
    )
    as_handle: bool = Field(
        default=False,
        description="True: publish the table to the shared handle store and return `handle` instead of "
        "the inline `entities` (for servers that accept handles, e.g. geospatial RegisterEntities).",
    )

    @model_validator(mode="after")
    def _inline_bound(self) -> FacilitiesArgs:
        if self.synthetic_points > MAX_INLINE_ROWS and not self.as_handle:
            raise ValueError(
                f"synthetic_points above {MAX_INLINE_ROWS:,} needs as_handle=true "
                "(too many rows to return inline)"
            )
        return self


class StateSummary(Contract):
    uf: str = Field(description="Brazilian state (UF) code.")
    count: int = Field(ge=0, description="Plants in the state.")
    capacity_mw: float = Field(ge=0, description="Total capacity in the state, MW.")


class FacilitiesResult(Contract):
    """Result of GetFacilitiesForGeospatial: solar plants as an entity table."""

    country: str = Field(description="Country the rows belong to.")
    dataset: SolarDataset = Field(description="Facility set used.")
    count: int = Field(ge=0, description="Rows returned.")
    total_capacity_mw: float = Field(ge=0, description="Sum of capacity_mw over the rows returned.")
    entities: EntityTable | None = Field(
        default=None,
        description="entity_type 'solar_facility'; columns name, capacity_mw, uf, municipality "
        "(absent when as_handle was true).",
    )
    handle: DataHandle | None = Field(
        default=None,
        description="'entity_table' handle of the same table (only when as_handle was true).",
        json_schema_extra={"handle_kind": "entity_table"},
    )


class SolarMapResult(Contract):
    """Result of GetSolarFacilitiesMapData: map features plus a summary."""

    country: str = Field(description="Country the rows belong to.")
    dataset: SolarDataset = Field(description="Facility set used.")
    count: int = Field(ge=0, description="Plants on the map.")
    total_capacity_mw: float = Field(ge=0, description="Total capacity on the map, MW.")
    by_state: list[StateSummary] = Field(description="Count and capacity per state, largest first.")
    features: EntityTable = Field(description="The plants as map features (entity_type 'solar_facility').")
