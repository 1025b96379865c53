"""Recipe: a map of solar plants (no correlation), with a per-state summary.

Intent score: solar and no layer -> 0.6, +0.2 with map/show/list/where/how-many words, +0.1 with
states or a capacity threshold, -0.25 with proximity/overlap/distance (a correlation without a
layer); solar with a layer -> 0.3.
Guard (`GUARD`): solar plants named; not with a layer and a relation; not an analytical question.
"""

from __future__ import annotations

from typing import Any

from planexec.nodes.i18n import label
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.guards import Guard
from planexec.nodes.recipes.helpers import chart, round1, table
from planexec.nodes.recipes.steps import finish, map_step, register_step, solar_args
from planexec.nodes.understanding.signals import DISPLAY_RE
from planexec.nodes.understanding.text import fold
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
    lang = inp.language
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
                label("table.plants_by_state", lang),
                [label(k, lang) for k in ("col.state", "col.plants", "col.capacity_mw")],
                [[s["uf"], s["count"], round1(s["capacity_mw"])] for s in by_state],
            )
        )
        modules.append(
            chart(
                label("chart.capacity_by_state", lang),
                label("axis.state", lang),
                label("axis.mw", lang),
                [(s["uf"], s["capacity_mw"]) for s in by_state[:15]],
            )
        )
    # a map of plants applies no layer, quintile or distance, whatever the question said
    not_applied = {"layer": None, "heat_quintiles": None, "distance": None}
    return finish(inp, "solar_map", modules, facts, label("map.solar", lang), not_applied)


def score(slots: Slots, text: str) -> float:
    if slots.aggregation is not None:
        return 0.3  # an analytical question: the aggregation recipe answers it
    if not slots.mentions_solar:
        return 0.0
    if slots.layer:
        return 0.3
    value = 0.6 + 0.2 * bool(DISPLAY_RE.search(fold(text)) or slots.wants_map)
    value += 0.1 * bool(slots.states or slots.min_capacity_mw or slots.max_capacity_mw)
    if slots.operator in ("proximity", "overlap") or slots.distance:
        value -= 0.25
    return value


NARRATION = Narration(
    templates={
        "en": "The map shows {plants} solar plants with {capacity_mw} MW in {states} state(s); "
        "{top_state} leads with {top_state_capacity_mw} MW.",
        "pt": "O mapa mostra {plants} usinas solares com {capacity_mw} MW em {states} estado(s); "
        "{top_state} lidera com {top_state_capacity_mw} MW.",
    }
)

GUARD = Guard(requires=("solar",), forbids=(("layer", "relation"), ("analytical",)))
"""Plants named; not when the question relates them to a hazard layer (a correlation) nor when it
asks an analytical question (the aggregation recipe)."""

RECIPE = Recipe(
    name="solar_map",
    description="map solar plants, no correlation",
    score=score,
    guard=GUARD,
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)
