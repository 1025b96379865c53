"""Plan pieces the recipes share: fetch plants, register, correlate, map — and the compose tail."""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, failure_module
from planexec.nodes.recipes.helpers import map_module
from planexec.schemas.modules import FactsSummary, Module
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots

LEGEND = {
    "solar_facility": "Solar plant",
    "heat_zone": "Heat-stress zone",
    "deforestation_area": "Deforestation area",
}


def solar_args(slots: Slots, limit: int = 200_000) -> dict[str, Any]:
    args: dict[str, Any] = {"country": slots.country, "limit": limit}
    if slots.min_capacity_mw is not None:
        args["min_capacity_mw"] = slots.min_capacity_mw
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
    recipe: str, slots: Slots, session_id: str, areas: PlanStep, area_type: str, join: dict[str, Any]
) -> Plan:
    """fetch plants ∥ fetch `areas` → register both → correlate (`join`: method, distance_km) → map."""
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


def finish(
    inp: ComposeInput, intent: str, modules: list[Module], facts: dict[str, Any], map_title: str
) -> ComposeOutput:
    """Append the map (when the map step ran) and a note on failed steps; build the output."""
    if (geo := map_module(inp, "map", map_title, LEGEND)) is not None:
        modules.append(geo)
    if (failed := failure_module(inp)) is not None:
        modules.append(failed)
        facts["failed_steps"] = len(inp.failures())
    return ComposeOutput(modules=modules, facts=FactsSummary(intent=intent, facts=facts))
