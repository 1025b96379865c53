"""Recipe: solar plants inside deforestation areas (PRODES 2015 municipalities)."""

from __future__ import annotations

from typing import Any

from nodes.recipes.base import ComposeInput, ComposeOutput, Recipe, failure_module
from nodes.recipes.helpers import (
    capacity,
    chart,
    entity_table,
    group_sum,
    map_module,
    nearest_match,
    pair_arrays,
    round1,
    table,
)
from nodes.recipes.spatial_correlation import DEFAULT_MIN_INCREMENT_KM2, solar_args
from schemas.modules import FactsSummary, Module
from schemas.plan import Plan, PlanStep
from schemas.slots import Slots


def build_plan(slots: Slots, session_id: str) -> Plan:
    area_args: dict[str, Any] = {"min_increment_km2": DEFAULT_MIN_INCREMENT_KM2, "limit": 10_000}
    return Plan(
        recipe="deforestation_overlap",
        correlation_session_id=session_id,
        steps=[
            PlanStep(
                alias="solar",
                server="solar",
                tool="GetFacilitiesForGeospatial",
                args=solar_args(slots),
                description="fetch solar plants",
            ),
            PlanStep(
                alias="areas",
                server="deforestation",
                tool="GetDeforestationAreas",
                args=area_args,
                description="fetch deforestation areas",
            ),
            PlanStep(
                alias="reg_solar",
                server="geospatial",
                tool="RegisterEntities",
                args={
                    "entity_type": "solar_facility",
                    "entities": "${solar.entities}",
                    "session_id": session_id,
                },
            ),
            PlanStep(
                alias="reg_areas",
                server="geospatial",
                tool="RegisterEntities",
                args={
                    "entity_type": "deforestation_area",
                    "entities": "${areas.entities}",
                    "session_id": session_id,
                },
            ),
            PlanStep(
                alias="overlap",
                server="geospatial",
                tool="FindSpatialCorrelations",
                args={
                    "entity_type1": "solar_facility",
                    "entity_type2": "deforestation_area",
                    "method": "within",
                    "session_id": session_id,
                },
                after=["reg_solar", "reg_areas"],
                timeout_s=120,
            ),
            PlanStep(
                alias="map",
                server="geospatial",
                tool="GenerateCorrelationMap",
                args={"session_id": session_id},
                after=["overlap"],
            ),
        ],
    )


def _rows(inp: ComposeInput) -> list[dict[str, Any]]:
    plants = {r["id"]: r for r in entity_table(inp.load("solar")).rows()}
    areas = {r["id"]: r for r in entity_table(inp.load("areas")).rows()}
    best = nearest_match(*pair_arrays(inp.load("overlap")))
    rows = [{**plants[pid], "area": areas.get(aid, {})} for pid, (aid, _) in best.items()]
    rows.sort(key=lambda r: (-capacity(r), str(r["id"])))
    return rows


def compose(inp: ComposeInput) -> ComposeOutput:
    modules: list[Module] = []
    facts: dict[str, Any] = {"min_increment_km2": DEFAULT_MIN_INCREMENT_KM2}
    if all(inp.ok(a) for a in ("solar", "areas", "overlap")):
        rows = _rows(inp)
        munis = group_sum(
            [f"{r['area'].get('municipality')} ({r['area'].get('uf')})" for r in rows],
            [capacity(r) for r in rows],
        )
        facts.update(
            {
                "plants_total": inp.results["solar"].facts.get("count"),
                "areas_total": inp.results["areas"].facts.get("count"),
                "plants_in_areas": len(rows),
                "capacity_in_areas_mw": round1(sum(capacity(r) for r in rows)),
                "municipalities_with_plants": len(munis),
            }
        )
        modules.append(
            table(
                "Plants in deforestation areas by municipality",
                ["Municipality", "Plants", "Capacity (MW)"],
                [[k, n, round1(s)] for k, n, s in munis],
            )
        )
        modules.append(
            chart("Capacity in deforestation areas", "Municipality", "MW", [(k, s) for k, _, s in munis[:10]])
        )
    legend = {"solar_facility": "Solar plant", "deforestation_area": "Deforestation area"}
    if (m := map_module(inp, "map", "Solar plants in deforestation areas", legend)) is not None:
        modules.append(m)
    if (f := failure_module(inp)) is not None:
        modules.append(f)
        facts["failed_steps"] = len(inp.failures())
    return ComposeOutput(modules=modules, facts=FactsSummary(intent="deforestation_overlap", facts=facts))


RECIPE = Recipe(
    name="deforestation_overlap",
    description="Solar plants located inside Legal Amazon deforestation areas.",
    build_plan=build_plan,
    compose=compose,
)
