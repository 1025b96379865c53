"""Plan pieces the recipes share: fetch plants, register, correlate, map — and the compose tail.

Correlation plans pass data by reference: the solar and the heat / deforestation servers publish their
tables to the handle store (`as_handle`), RegisterEntities takes those handles and returns 'entity_set'
handles, the join takes two set handles and returns a 'correlation' handle plus a summary of the matches
(totals, groups, the rows shown — computed server-side, so nothing here grows with the matches), the
map takes that. No entity table is relayed through the orchestrator and the geospatial server keeps no
session: a restarted or other replica serves any step. Recipes in INLINE_RECIPES keep the session form
with inline tables: the aggregation recipe's compose groups and filters over every fetched row (all
plants, all zones, not only the matched ones), so it needs the full tables in its results anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planexec.nodes.i18n import label
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, failure_module
from planexec.nodes.recipes.filters import filters_text
from planexec.nodes.recipes.helpers import map_module
from planexec.schemas.modules import FactsSummary, Module
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots

LEGEND_TYPES = ("solar_facility", "heat_zone", "deforestation_area")
INLINE_RECIPES = frozenset({"aggregation"})


def legend(lang: str) -> dict[str, str]:
    """Map legend: entity type -> label in `lang`."""
    return {kind: label(f"legend.{kind}", lang) for kind in LEGEND_TYPES}


def solar_args(slots: Slots, limit: int = 200_000) -> dict[str, Any]:
    args: dict[str, Any] = {"country": slots.country, "limit": limit}
    if slots.min_capacity_mw is not None:
        args["min_capacity_mw"] = slots.min_capacity_mw
        if slots.min_capacity_strict:
            args["min_capacity_strict"] = True
    if slots.max_capacity_mw is not None:
        args["max_capacity_mw"] = slots.max_capacity_mw
        if slots.max_capacity_strict:
            args["max_capacity_strict"] = True
    if slots.states:
        args["states"] = list(slots.states)
    if slots.synthetic_points:
        args["synthetic_points"] = slots.synthetic_points
    return args


def register_step(alias: str, entity_type: str, source: str, session_id: str) -> PlanStep:
    """Register the entity table at reference `source` (e.g. '${solar.entities}') in the session."""
    return PlanStep(
        alias=alias,
        server="geospatial",
        tool="RegisterEntities",
        args={"entity_type": entity_type, "entities": source, "session_id": session_id},
        description=f"register {entity_type}",
    )


def handle_register_step(alias: str, entity_type: str, source: str) -> PlanStep:
    """Register the table or handle at reference `source` (e.g. '${solar.handle}'); no session."""
    return PlanStep(
        alias=alias,
        server="geospatial",
        tool="RegisterEntities",
        args={"entity_type": entity_type, "entities": source},
        description=f"register {entity_type}",
    )


def map_step(session_id: str, after: str) -> PlanStep:
    return PlanStep(
        alias="map",
        server="geospatial",
        tool="GenerateCorrelationMap",
        args={"session_id": session_id},
        after=[after],
        description="write the map",
    )


def correlation_plan(
    recipe: str,
    slots: Slots,
    session_id: str,
    areas: PlanStep,
    area_type: str,
    join: dict[str, Any],
    summary: dict[str, Any] | None = None,
) -> Plan:
    """fetch plants ∥ fetch `areas` → register both → correlate (`join`: method, distance_km) → map.
    By handle (every recipe but INLINE_RECIPES) the join returns `summary` (matches.summary_args)
    instead of pairs or rows."""
    if recipe not in INLINE_RECIPES:
        by_handle = {k: v for k, v in join.items() if v is not None} | {"include_pairs": False}
        if summary is not None:
            by_handle["summary"] = summary
        plants = solar_args(slots)
        return _by_handle(recipe, session_id, plants=plants, areas=areas, area_type=area_type, join=by_handle)
    areas = areas.model_copy(update={"args": {k: v for k, v in areas.args.items() if k != "as_handle"}})
    solar = PlanStep(
        alias="solar",
        server="solar",
        tool="GetFacilitiesForGeospatial",
        args=solar_args(slots),
        description="fetch solar plants",
    )
    corr_args = {"entity_type1": "solar_facility", "entity_type2": area_type, "session_id": session_id}
    correlate = PlanStep(
        alias="correlate",
        server="geospatial",
        tool="FindSpatialCorrelations",
        args={**corr_args, **{k: v for k, v in join.items() if v is not None}},
        after=["reg_solar", f"reg_{areas.alias}"],
        timeout_s=120,
        description="spatial join",
    )
    return Plan(
        recipe=recipe,
        correlation_session_id=session_id,
        steps=[
            solar,
            areas,
            register_step("reg_solar", "solar_facility", "${solar.entities}", session_id),
            register_step(f"reg_{areas.alias}", area_type, f"${{{areas.alias}.entities}}", session_id),
            correlate,
            map_step(session_id, after="correlate"),
        ],
    )


def _by_handle(
    recipe: str,
    session_id: str,
    *,
    plants: dict[str, Any],
    areas: PlanStep,
    area_type: str,
    join: dict[str, Any],
) -> Plan:
    """The plan by handle (`plants`: GetFacilitiesForGeospatial args, `join`: the correlate args):
    both fetch steps publish their tables (`as_handle`), so `${solar.handle}` and `${<areas>.handle}`
    → `${reg_*.handle}` → `${correlate.handle}`: no table passes through here."""
    solar = PlanStep(
        alias="solar",
        server="solar",
        tool="GetFacilitiesForGeospatial",
        args={**plants, "as_handle": True},
        description="fetch solar plants (published to the handle store)",
    )
    areas = areas.model_copy(update={"args": {**areas.args, "as_handle": True}})
    reg_areas = f"reg_{areas.alias}"
    correlate = PlanStep(
        alias="correlate",
        server="geospatial",
        tool="FindSpatialCorrelations",
        args={"left": "${reg_solar.handle}", "right": f"${{{reg_areas}.handle}}", **join},
        timeout_s=120,
        description="spatial join",
    )
    draw = PlanStep(
        alias="map",
        server="geospatial",
        tool="GenerateCorrelationMap",
        args={"correlation": "${correlate.handle}"},
        description="write the map",
    )
    steps = [
        solar,
        areas,
        handle_register_step("reg_solar", "solar_facility", "${solar.handle}"),
        handle_register_step(reg_areas, area_type, f"${{{areas.alias}.handle}}"),
        correlate,
        draw,
    ]
    return Plan(recipe=recipe, correlation_session_id=session_id, steps=steps)


def finish(
    inp: ComposeInput,
    intent: str,
    modules: list[Module],
    facts: dict[str, Any],
    map_title: str,
    filters: Mapping[str, Any] | None = None,
    filters_from_slots: bool = True,
) -> ComposeOutput:
    """Append the map (when the map step ran) and a note on failed steps; state the filters applied
    (`filters`: the recipe's effective values; `filters_from_slots=False`: only those — see
    `nodes.recipes.filters`); build the output."""
    if (geo := map_module(inp, "map", map_title, legend(inp.language))) is not None:
        modules.append(geo)
    if (failed := failure_module(inp)) is not None:
        modules.append(failed)
        facts["failed_steps"] = len(inp.failures())
    facts["filters"] = filters_text(inp.slots, inp.plan, inp.language, filters, filters_from_slots) or None
    return ComposeOutput(modules=modules, facts=FactsSummary(intent=intent, facts=facts))
