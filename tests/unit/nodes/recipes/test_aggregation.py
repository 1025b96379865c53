"""The aggregation recipe offline: routing (it wins analytical questions and loses the others' own),
the plan it builds (checked by the static validator), and the deterministic compute over small tables."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.planning.validate import validate_plan
from planexec.nodes.recipes.aggregation import build_plan
from planexec.nodes.recipes.aggregation.compute import aggregate, keep
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.aggregation import AggregationFilters, AggregationSpec
from planexec.schemas.plan import Plan

ANALYTICAL = [
    "which state has the largest matched capacity near deforested areas?",
    "what fraction of Ceará's plants sit in the hottest zones?",
    "median plant capacity in Goiás",
    "the smallest plant in Sergipe",
    "Pernambuco versus Paraíba",
    "total capacity in the Southeast",
    "how many deforestation areas are there in Pará?",
    "top 5 states by solar capacity",
    "average capacity of plants within 5 km of extreme heat zones",
    "quantas usinas solares há na Bahia?",
    "qual estado tem mais capacidade solar?",
    "capacidade média das usinas solares por estado",
    "solar plants per heat quintile",
    "how many heat zones are in each quintile?",
    "what share of Brazil's solar capacity is in Minas Gerais?",
]
OTHERS = {
    "map of solar plants in Bahia": "solar_map",
    "mapa das usinas solares na Bahia": "solar_map",
    "solar plants within 1 km of extreme heat zones": "spatial_correlation",
    "which solar plants are within 1 km of heat stress zones in Brazil?": "spatial_correlation",
    "how many solar plants are within 1 km of extreme heat zones?": "spatial_correlation",
    "solar plants inside deforestation areas": "spatial_correlation",
    "solar plants overlapping deforestation areas": "deforestation_overlap",
    "what does the Paris Agreement say about adaptation?": "policy_summary",
    "solar plants larger than 5 MW in SP": "solar_map",
}


def plan_for(query: str) -> Plan:
    understanding = understand_query(query)
    assert understanding.slots.aggregation is not None, query
    plan = build_plan(understanding.slots, "s1")
    validate_plan(plan)
    return plan


@pytest.mark.parametrize("query", ANALYTICAL)
def test_analytical_questions_route_to_aggregation_and_plan_soundly(query: str) -> None:
    intents = understand_query(query).intents
    assert (intents.best, intents.ambiguous) == ("aggregation", False)
    ranked = sorted(intents.scores.values(), reverse=True)
    assert ranked[0] - ranked[1] >= 0.1 + 1e-9  # the rule proposer never sees a near tie
    assert plan_for(query).aggregation is not None


@pytest.mark.parametrize(("query", "intent"), OTHERS.items())
def test_the_other_recipes_keep_their_own_questions(query: str, intent: str) -> None:
    understanding = understand_query(query)
    assert understanding.slots.aggregation is None
    assert understanding.intents.best == intent and understanding.intents.scores["aggregation"] == 0.0


def _tools(plan: Plan) -> list[str]:
    return [s.tool for s in plan.steps]


def test_a_plain_statistic_fetches_the_plants_only() -> None:
    plan = plan_for("median plant capacity in Goiás")
    assert _tools(plan) == ["GetFacilitiesForGeospatial"] and plan.steps[0].args["states"] == ["GO"]
    spec = plan.aggregation
    assert spec is not None and (spec.measure, spec.field, spec.source) == ("median", "capacity_mw", "solar")


def test_a_layer_relation_reuses_the_correlation_steps() -> None:
    plan = plan_for("what fraction of Ceará's plants sit in the hottest zones?")
    assert _tools(plan) == [
        "GetFacilitiesForGeospatial", "GetHeatQuintilesForGeospatial", "RegisterEntities", "RegisterEntities",
        "FindSpatialCorrelations", "GenerateCorrelationMap",
    ]  # fmt: skip
    spec = plan.aggregation
    assert spec is not None and (spec.zones, spec.correlate, spec.measure) == ("zones", "correlate", "share")
    assert (spec.filters.relation, spec.filters.quintiles, spec.filters.states) == ("within", [5], ["CE"])


def test_grouping_plants_by_quintile_relates_them_to_every_quintile() -> None:
    plan = plan_for("solar plants per heat quintile")
    assert plan.steps[1].args["quintiles"] == [1, 2, 3, 4, 5]
    assert plan.aggregation is not None and plan.aggregation.filters.relation == "within"


def test_a_share_of_named_states_fetches_every_state() -> None:
    plan = plan_for("what share of Brazil's solar capacity is in Minas Gerais?")
    assert "states" not in plan.steps[0].args
    assert plan.aggregation is not None and plan.aggregation.share_of_all_states


def test_deforestation_areas_use_every_area_of_the_state_by_default() -> None:
    plan = plan_for("how many deforestation areas are there in Pará?")
    assert _tools(plan) == ["GetDeforestationAreas"]
    assert plan.steps[0].args == {"limit": 10_000, "states": ["PA"]}


def test_a_deforestation_relation_uses_every_area_and_the_default_distance() -> None:
    plan = plan_for("which state has the largest matched capacity near deforested areas?")
    assert "min_increment_km2" not in plan.steps[1].args
    spec = plan.aggregation
    assert spec is not None and (spec.filters.relation, spec.filters.distance_km) == ("proximity", 5.0)
    assert (spec.group_by, spec.measure, spec.top_n) == ("state", "sum", 1)


def test_compare_keeps_the_states_in_the_order_named() -> None:
    plan = plan_for("Pernambuco versus Paraíba")
    assert plan.aggregation is not None and plan.aggregation.compare == ["PE", "PB"]


# ---------------------------------------------------------------- compute over small tables


def _spec(**kw: Any) -> AggregationSpec:
    filters = AggregationFilters(**kw.pop("filters", {}))
    return AggregationSpec(**{"subject": "plants", "source": "solar", "filters": filters, **kw})


ROWS = [
    {"id": "a", "name": "A", "uf": "BA", "capacity_mw": 30.0},
    {"id": "b", "name": "B", "uf": "BA", "capacity_mw": 10.0},
    {"id": "c", "name": "C", "uf": "SE", "capacity_mw": 5.0},
    {"id": "d", "name": "D", "uf": "SE", "capacity_mw": 5.0},
    {"id": "e", "name": "E", "uf": "MG", "capacity_mw": 50.0},
]


def test_capacity_bounds_are_strict_or_not_as_asked() -> None:
    strict = _spec(filters={"min_capacity_mw": 30.0, "min_strict": True})
    loose = _spec(filters={"min_capacity_mw": 30.0})
    assert [r["id"] for r in ROWS if keep(r, strict.filters, "plants")] == ["e"]
    assert [r["id"] for r in ROWS if keep(r, loose.filters, "plants")] == ["a", "e"]
    upper = _spec(filters={"max_capacity_mw": 10.0, "max_strict": True})
    assert [r["id"] for r in ROWS if keep(r, upper.filters, "plants")] == ["c", "d"]


def test_group_measure_rank_and_top_n() -> None:
    out = aggregate(_spec(group_by="state", measure="sum", field="capacity_mw", top_n=2), ROWS)
    assert [(g.label, g.value, g.count) for g in out.groups] == [("MG", 50.0, 1), ("BA", 40.0, 2)]
    median = aggregate(_spec(group_by="state", measure="median", field="capacity_mw", order="asc"), ROWS)
    assert [(g.label, g.value) for g in median.groups] == [("SE", 5.0), ("BA", 20.0), ("MG", 50.0)]


def test_min_keeps_the_row_with_ties_broken_by_name() -> None:
    out = aggregate(_spec(measure="min", field="capacity_mw"), ROWS)
    assert out.groups[0].row is not None and out.groups[0].row["name"] == "C"


def test_compare_lists_named_states_even_without_rows() -> None:
    out = aggregate(_spec(group_by="state", compare=["SE", "RR", "BA"]), ROWS)
    assert [(g.label, g.value) for g in out.groups] == [("SE", 2.0), ("RR", 0.0), ("BA", 2.0)]


def test_share_of_a_relation_and_of_named_states() -> None:
    related = _spec(measure="share", filters={"relation": "within", "layer": "heat"})
    out = aggregate(related, ROWS, part=ROWS[:2])
    assert out.groups[0].value == pytest.approx(2 / 5)
    named = _spec(measure="share", field="capacity_mw", share_of_all_states=True, filters={"states": ["BA"]})
    assert aggregate(named, ROWS).groups[0].value == pytest.approx(40 / 100)
