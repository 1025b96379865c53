"""Recipe guards are data declared with each recipe (nodes/recipes/guards.py): legal edges follow from
what the question contains."""

from __future__ import annotations

import pytest

from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.guards import FEATURES, Guard
from planexec.nodes.transitions import route_edges
from planexec.nodes.understanding.parse import understand_query


def _legal(query: str) -> list[str]:
    return route_edges(understand_query(query), llm_available=True)


def test_every_builtin_recipe_declares_its_guard_as_data() -> None:
    assert all(isinstance(recipe.guard, Guard) for recipe in REGISTRY.values())


def test_an_unknown_feature_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown guard feature"):
        Guard(requires=("weather",))  # type: ignore[arg-type]


def test_a_guard_says_why_it_does_not_hold() -> None:
    why = REGISTRY["solar_map"].guard.why_not(understand_query("solar plants within 1 km of heat zones"))  # type: ignore[attr-defined]
    assert why == f"not legal when the question {FEATURES['layer'][0]} and {FEATURES['relation'][0]}"


# -- solar_map


@pytest.mark.parametrize(
    "query",
    [
        "solar facilities within 1 km of extreme heat zones",
        "usinas solares a menos de 1 km das zonas de calor extremo",
        "solar plants near deforestation areas within 5 km",
    ],
)
def test_solar_map_is_not_legal_with_a_layer_and_a_relation(query: str) -> None:
    assert "solar_map" not in _legal(query)


def test_solar_map_is_not_legal_for_an_analytical_question() -> None:
    assert "solar_map" not in _legal("how many heat zones are in quintile 5?")


def test_solar_map_needs_solar_plants() -> None:
    assert "solar_map" not in _legal("deforestation in Para")


def test_solar_map_is_legal_for_a_map_of_plants() -> None:
    assert "solar_map" in _legal("map of solar plants in Bahia")


# -- spatial_correlation


def test_a_correlation_is_not_legal_without_a_layer() -> None:
    assert "spatial_correlation" not in _legal("solar plants near 5 km")


def test_a_correlation_is_not_legal_for_an_analytical_question() -> None:
    assert "spatial_correlation" not in _legal("how many heat zones are in quintile 5?")


def test_a_correlation_is_legal_with_plants_and_a_layer() -> None:
    assert "spatial_correlation" in _legal("solar plants within 1 km of extreme heat zones")


# -- deforestation_overlap


def test_deforestation_overlap_needs_the_deforestation_layer() -> None:
    assert "deforestation_overlap" not in _legal("solar plants within 1 km of extreme heat zones")


def test_deforestation_overlap_is_legal_for_deforestation_areas() -> None:
    assert "deforestation_overlap" in _legal("solar plants overlapping deforestation areas")


# -- policy_summary


def test_policy_summary_needs_something_to_search() -> None:
    assert "policy_summary" not in _legal("map of solar plants in Bahia")


def test_policy_summary_is_legal_for_a_treaty_question() -> None:
    assert "policy_summary" in _legal("what does the Paris Agreement say about adaptation?")


# -- aggregation


def test_aggregation_needs_an_analytical_shape() -> None:
    assert "aggregation" not in _legal("map of solar plants in Bahia")


def test_the_heat_zone_count_offers_only_aggregation() -> None:
    assert _legal("how many heat zones are in quintile 5?") == ["aggregation", "general_agent", "clarify"]


# -- the graph-wide ones


def test_small_talk_offers_only_clarify() -> None:
    assert _legal("hello there") == ["clarify"]
