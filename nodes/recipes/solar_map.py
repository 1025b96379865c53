"""Recipe: a map of solar plants (no correlation), with a per-state summary."""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Recipe
from planexec.nodes.recipes.helpers import chart, round1, table
from planexec.nodes.recipes.steps import finish, map_step, register_step, solar_args
from planexec.schemas.modules import Module
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots


def build_plan(slots: Slots, session_id: str) -> Plan:
    fetch = PlanStep(
        alias="map_data",
        server="solar",
        tool="GetSolarFacilitiesMapData",
        args=solar_args(slots),
        description="fetch plants and their summary",
    )
    return Plan(
        recipe="solar_map",
        correlation_session_id=session_id,
        steps=[
            fetch,
            register_step("reg_solar", "solar_facility", "${map_data.features}", session_id),
            map_step(session_id, after="reg_solar"),
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
    return finish(inp, "solar_map", modules, facts, "Solar plants")


RECIPE = Recipe(
    name="solar_map",
    description="Map of solar plants, optionally by state or capacity, with a per-state summary.",
    build_plan=build_plan,
    compose=compose,
)
