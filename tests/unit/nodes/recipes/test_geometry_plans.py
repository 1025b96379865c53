"""Plans for geometry words and deforestation thresholds (spatial_correlation, deforestation_overlap,
aggregation) and the wording of the join."""

from __future__ import annotations

from typing import Any

import pytest

from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.relations import areas_phrase, relation_phrase, zone_name
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.plan import Plan


def _plan(query: str) -> Plan:
    understanding = understand_query(query)
    return REGISTRY[understanding.intents.best].build_plan(understanding.slots, "s1")


def _args(plan: Plan, tool: str) -> dict[str, Any]:
    return next(dict(s.args) for s in plan.steps if s.tool == tool)


@pytest.mark.parametrize(
    ("query", "join"),
    [
        (
            "solar plants between 2 and 8 km from the extreme heat zones but not in them",
            {"method": "ring", "distance_km": 8.0, "min_distance_km": 2.0},
        ),
        ("usinas solares fora das zonas de calor extremo", {"method": "outside"}),
        ("nearest extreme heat zone to each solar plant", {"method": "nearest"}),
        (
            "nearest extreme heat zone to each solar plant, up to 20 km",
            {"method": "nearest", "distance_km": 20.0},
        ),
        (
            "solar plants within 5 km of extreme heat zones but not in them",
            {"method": "ring", "distance_km": 5.0},
        ),
    ],
)
def test_geometry_joins(query: str, join: dict[str, Any]) -> None:
    plan = _plan(query)
    assert plan.recipe == "spatial_correlation"
    args = _args(plan, "FindSpatialCorrelations")
    assert {k: v for k, v in args.items() if k in ("method", "distance_km", "min_distance_km")} == join


@pytest.mark.parametrize(
    ("query", "areas"),
    [
        ("solar plants within 5 km of deforestation areas", {"limit": 10_000}),
        (
            "solar plants within 5 km of areas with more than 5 km² of recent deforestation",
            {"limit": 10_000, "min_increment_km2": 5.0, "min_increment_strict": True},
        ),
        ("solar plants overlapping deforestation areas", {"limit": 10_000}),
        (
            "usinas solares sobrepostas a áreas com pelo menos 10 km² de desmatamento recente",
            {"limit": 10_000, "min_increment_km2": 10.0},
        ),
        (
            "how many deforestation areas with more than 5 km² of recent deforestation are there in Pará?",
            {"limit": 10_000, "min_increment_km2": 5.0, "min_increment_strict": True, "states": ["PA"]},
        ),
    ],
)
def test_every_area_unless_a_threshold_is_asked(query: str, areas: dict[str, Any]) -> None:
    plan = _plan(query)
    args = _args(plan, "GetDeforestationAreas")
    # correlation plans publish the areas to the handle store; the aggregation recipe keeps them inline
    assert args.pop("as_handle", False) is (plan.recipe != "aggregation")
    assert args == areas


def test_relation_and_areas_in_words() -> None:
    ring = {"method": "ring", "distance_km": 8.0, "min_distance_km": 2.0}
    assert relation_phrase(ring, "en") == "between 2 and 8 km from the nearest of (and outside all)"
    assert relation_phrase({**ring, "distance_km": 2.5, "min_distance_km": 0.5}, "pt").startswith(
        "entre 0,5 e 2,5 km"
    )
    assert relation_phrase({"method": "outside"}, "pt") == "fora de todas as"
    assert (
        relation_phrase({"method": "nearest", "distance_km": 20.0}, "en") == "within 20 km of the nearest of"
    )
    assert relation_phrase({"method": "within"}, "en") == "inside"
    assert areas_phrase(None, False, "en") == " (all areas)"
    assert areas_phrase(5.0, True, "pt") == " com desmatamento recente > 5 km²"
    assert zone_name({"station_name": "BOA VISTA", "uf": "RR", "quintile": 5.0}) == "BOA VISTA (RR), Q5"
    assert zone_name({"municipality": "Altamira", "uf": "PA"}) == "Altamira (PA)"


@pytest.mark.parametrize(
    ("query", "group_by", "order"),
    [
        ("solar plants within 1 km of extreme heat zones", [["uf"], ["right.quintile"]], "sum_desc"),
        ("nearest extreme heat zone to each solar plant", [["uf"], ["right.quintile"]], "distance_asc"),
        ("solar plants within 5 km of deforestation areas", [["uf"]], "sum_desc"),
        ("solar plants overlapping deforestation areas", [["right.municipality", "right.uf"]], "sum_desc"),
    ],
)
def test_the_join_returns_a_summary_not_pairs(query: str, group_by: list[list[str]], order: str) -> None:
    args = _args(_plan(query), "FindSpatialCorrelations")
    assert args["include_pairs"] is False and not args.get("include_rows")
    assert args["summary"]["group_by"] == group_by and args["summary"]["order"] == order
    assert args["summary"]["sum_column"] == "capacity_mw"
