"""Recipe: a map of solar plants (no correlation), with a per-state summary."""

from __future__ import annotations

from typing import Any

from nodes.recipes.base import ComposeInput, ComposeOutput, Recipe, failure_module
from nodes.recipes.helpers import chart, map_module, round1, table
from nodes.recipes.spatial_correlation import solar_args
from schemas.modules import FactsSummary, Module
from schemas.plan import Plan, PlanStep
from schemas.slots import Slots


def build_plan(slots: Slots, session_id: str) -> Plan:
    return Plan(
        recipe="solar_map",
        correlation_session_id=session_id,
        steps=[
            PlanStep(
                alias="map_data",
                server="solar",
                tool="GetSolarFacilitiesMapData",
                args=solar_args(slots),
                description="fetch plants and their summary",
            ),
            PlanStep(
                alias="reg_solar",
                server="geospatial",
                tool="RegisterEntities",
                args={
                    "entity_type": "solar_facility",
                    "entities": "${map_data.features}",
                    "session_id": session_id,
                },
                description="register plants for the map",
            ),
            PlanStep(
                alias="map",
                server="geospatial",
                tool="GenerateCorrelationMap",
                args={"session_id": session_id},
                after=["reg_solar"],
                description="write the map",
            ),
        ],
    )


def compose(inp: ComposeInput) -> ComposeOutput:
    modules: list[Module] = []
    facts: dict[str, Any] = {"states_filter": ",".join(inp.slots.states) or None}
    if inp.ok("map_data"):
        data = inp.load("map_data")
        by_state = data["by_state"]
        facts.update(
            {
                "plants": data["count"],
                "capacity_mw": round1(data["total_capacity_mw"]),
                "states": len(by_state),
                "top_state": by_state[0]["uf"] if by_state else None,
                "top_state_capacity_mw": round1(by_state[0]["capacity_mw"]) if by_state else None,
            }
        )
        modules.append(
            table(
                "Solar plants by state",
                ["State", "Plants", "Capacity (MW)"],
                [[s["uf"], s["count"], round1(s["capacity_mw"])] for s in by_state],
            )
        )
        modules.append(
            chart("Capacity by state", "State", "MW", [(s["uf"], s["capacity_mw"]) for s in by_state[:15]])
        )
    if (m := map_module(inp, "map", "Solar plants", {"solar_facility": "Solar plant"})) is not None:
        modules.append(m)
    if (f := failure_module(inp)) is not None:
        modules.append(f)
        facts["failed_steps"] = len(inp.failures())
    return ComposeOutput(modules=modules, facts=FactsSummary(intent="solar_map", facts=facts))


RECIPE = Recipe(
    name="solar_map",
    description="Map of solar plants, optionally by state or capacity, with a per-state summary.",
    build_plan=build_plan,
    compose=compose,
)
