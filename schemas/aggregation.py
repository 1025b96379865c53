"""Typed aggregation specs for analytical questions ("median plant capacity in Goiás", "top 5 states
by solar capacity", "Pernambuco versus Paraíba").

Two models:
- `AggregationShape`: the analytical shape parsed from the question by code (subject, group, measure,
  order, top-N, compare). It lives in the slots (`Slots.aggregation`); the filters stay in the other slots
  so a follow-up that changes a state or a distance changes the filters of the same shape.
- `AggregationSpec`: the shape plus its resolved filters and the plan aliases it reads. It lives in the
  plan (`Plan.aggregation`) as data; the static plan validator checks it before any tool runs, and the
  composer computes it deterministically over the fetched tables (no code is generated at run time).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract

Subject = Literal["plants", "deforestation_areas", "heat_zones"]
GroupBy = Literal["none", "state", "region", "quintile", "municipality"]
Measure = Literal["count", "sum", "share", "mean", "median", "min", "max"]
NumericField = Literal[
    "capacity_mw", "increment_km2", "deforested_cumulative_km2", "tmax_hottest_month_c", "heat_index_c"
]
Order = Literal["desc", "asc"]
Relation = Literal["within", "proximity"]

REGIONS: dict[str, tuple[str, ...]] = {
    "North": ("AC", "AP", "AM", "PA", "RO", "RR", "TO"),
    "Northeast": ("AL", "BA", "CE", "MA", "PB", "PE", "PI", "RN", "SE"),
    "Central-West": ("DF", "GO", "MT", "MS"),
    "Southeast": ("ES", "MG", "RJ", "SP"),
    "South": ("PR", "RS", "SC"),
}
"""IBGE macro-regions as sets of UF codes."""
REGION_OF: dict[str, str] = {uf: region for region, ufs in REGIONS.items() for uf in ufs}

SUBJECT_ENTITY: dict[str, str] = {
    "plants": "solar_facility",
    "deforestation_areas": "deforestation_area",
    "heat_zones": "heat_zone",
}
"""The entity type of each subject's table."""
GROUP_COLUMN: dict[str, str] = {
    "state": "uf",
    "region": "uf",
    "municipality": "municipality",
    "quintile": "quintile",
}
"""The table column each grouping reads ('quintile' of plants is read from the zones they sit in)."""


class AggregationShape(Contract):
    """The analytical shape of a question, parsed by code (no filters: those are the other slots)."""

    subject: Subject = Field(description="What is counted or measured.")
    group_by: GroupBy = Field(default="none", description="Grouping of the rows.")
    measure: Measure = Field(default="count", description="What is computed per group.")
    field: NumericField | None = Field(
        default=None, description="Numeric column measured (None for count, and for share of the count)."
    )
    order: Order = Field(default="desc", description="Ranking order of the groups (or rows for min/max).")
    top_n: int | None = Field(default=None, ge=1, le=50, description="Keep the first N groups or rows.")
    compare: bool = Field(default=False, description="Compare the named states side by side.")
    text: str = Field(default="", description="Words that gave the shape, for the decision trace.")


class AggregationFilters(Contract):
    """Filters applied before grouping (all stated in the answer)."""

    states: list[str] = Field(default_factory=list, description="UF codes kept (empty = all states).")
    regions: list[str] = Field(default_factory=list, description="Regions the states came from.")
    layer: Literal["heat", "deforestation"] | None = Field(
        default=None, description="Hazard layer related to."
    )
    relation: Relation | None = Field(
        default=None, description="Inside the layer's areas, or within a distance."
    )
    distance_km: float | None = Field(default=None, gt=0, description="Distance for 'proximity'.")
    quintiles: list[int] = Field(default_factory=list, description="Heat quintiles of the zones used.")
    min_increment_km2: float | None = Field(
        default=None, ge=0, description="Deforestation areas kept: recent increment >= this (> when strict)."
    )
    min_increment_strict: bool = Field(default=False, description="True: increment > min_increment_km2.")
    min_capacity_mw: float | None = Field(default=None, ge=0, description="Lower capacity bound, MW.")
    min_strict: bool = Field(default=False, description="True: capacity > min; False: >=.")
    max_capacity_mw: float | None = Field(default=None, ge=0, description="Upper capacity bound, MW.")
    max_strict: bool = Field(default=False, description="True: capacity < max; False: <=.")


class AggregationSpec(Contract):
    """filter → group → measure → sort / top-N / compare, over the table of plan step `source`."""

    subject: Subject = Field(description="What is counted or measured.")
    filters: AggregationFilters = Field(description="Filters applied before grouping.")
    group_by: GroupBy = Field(default="none", description="Grouping of the rows.")
    measure: Measure = Field(default="count", description="What is computed per group.")
    field: NumericField | None = Field(default=None, description="Numeric column measured.")
    order: Order = Field(default="desc", description="Ranking order.")
    top_n: int | None = Field(default=None, ge=1, le=50, description="Keep the first N groups or rows.")
    compare: list[str] = Field(default_factory=list, description="UF codes compared side by side.")
    source: str = Field(description="Alias of the plan step whose entity table is aggregated.")
    zones: str | None = Field(default=None, description="Alias of the step fetching the layer's zones.")
    correlate: str | None = Field(
        default=None, description="Alias of the spatial-join step relating `source` to `zones`."
    )
    share_of_all_states: bool = Field(
        default=False,
        description="Share without a layer: the named states' part of every state's total "
        "(the source is fetched for all states).",
    )
