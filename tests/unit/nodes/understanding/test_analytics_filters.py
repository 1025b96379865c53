"""Filter wording is not analytical: capacity bounds, quintile selections and bounded quantities are
read by their own parsers, so their min/max/top-N words give no aggregation shape (en and pt)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.parse import parse_slots


@pytest.mark.parametrize(
    ("query", "quintiles"),
    [
        ("solar plants within 1km of the two warmest quintiles", [4, 5]),
        ("plants within 10 km of the top two heat quintiles in Bahia", [4, 5]),
        ("usinas solares a menos de 1 km dos dois quintis mais quentes", [4, 5]),
        ("usinas a 3 km dos três quintis mais quentes", [3, 4, 5]),
        ("facilities near the 2 hottest heat quintiles in Ceará", [4, 5]),
        ("plants within 5 km of the bottom two quintiles", [1, 2]),
        ("usinas perto dos dois quintis mais frios", [1, 2]),
        ("solar plants within 2 km of the hottest quintile", [5]),
    ],
)
def test_quintile_selection_is_a_filter_not_a_ranking(query: str, quintiles: list[int]) -> None:
    slots = parse_slots(query)
    assert slots.heat_quintiles == quintiles
    assert slots.aggregation is None


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("usinas de no maximo 30 MW a 1 km de calor extremo", None, 30.0),
        ("usinas de no máximo 30 MW perto de calor extremo", None, 30.0),
        ("solar plants with a minimum of 20 MW within 1 km of extreme heat zones", 20.0, None),
        ("plants of at most 30 MW within 2 km of extreme heat", None, 30.0),
        ("plants of at least 20 MW near the three hottest quintiles", 20.0, None),
        ("solar plants with a minimum capacity of 20 MW near extreme heat", 20.0, None),
        ("plants with maximum capacity 30 MW near hot zones in Bahia", None, 30.0),
        ("usinas com capacidade máxima de 30 MW perto de calor extremo", None, 30.0),
        ("usinas com potência mínima de 20 MW a 2 km de calor extremo", 20.0, None),
        ("plants of 30 MW max near extreme heat", None, 30.0),
        ("usinas de 30 MW no máximo a 1 km de calor extremo", None, 30.0),
        ("usinas de pelo menos 10 MW a 5 km de calor extremo", 10.0, None),
    ],
)
def test_capacity_bound_is_no_measure(query: str, low: float | None, high: float | None) -> None:
    slots = parse_slots(query)
    assert (slots.min_capacity_mw, slots.max_capacity_mw) == (low, high)
    assert slots.aggregation is None


@pytest.mark.parametrize(
    "query",
    [
        "usinas a no máximo 2 km de calor extremo",
        "plants at a maximum of 3 km from extreme heat zones",
        "plants at most 2 km from the hottest zones",
    ],
)
def test_bounded_distance_is_no_measure(query: str) -> None:
    assert parse_slots(query).aggregation is None


@pytest.mark.parametrize(
    ("query", "group", "measure"),
    [
        ("what is the maximum capacity of plants in Bahia", "none", "max"),
        ("qual a capacidade mínima das usinas na Bahia?", "none", "min"),
        ("largest plant within 5 km of extreme heat", "none", "max"),
        ("which state has the most plants above 40 MW", "state", "count"),
        ("what share of plants are in the two hottest quintiles", "none", "share"),
        ("average capacity of plants with at least 10 MW", "none", "mean"),
        ("a maior usina com no máximo 30 MW em Goiás", "none", "max"),
    ],
)
def test_measures_next_to_filters_still_read(query: str, group: str, measure: str) -> None:
    found = parse_slots(query).aggregation
    assert found is not None, query
    assert (found.group_by, found.measure) == (group, measure)


@pytest.mark.parametrize(
    ("query", "group"),
    [
        ("capacity of solar plants by region", "region"),
        ("solar capacity per state", "state"),
        ("installed capacity of plants in each state", "state"),
        ("capacidade das usinas solares por região", "region"),
        ("capacidade instalada por estado", "state"),
        ("MW of solar plants by heat quintile", "quintile"),
        ("potência instalada por região", "region"),
    ],
)
def test_capacity_by_group_is_total_capacity(query: str, group: str) -> None:
    found = parse_slots(query).aggregation
    assert found is not None, query
    assert (found.group_by, found.measure, found.field) == (group, "sum", "capacity_mw")


@pytest.mark.parametrize(
    ("query", "measure"),
    [
        ("number of solar plants by region", "count"),
        ("solar plants above 40 MW by state", "count"),
        ("usinas acima de 40 MW por região", "count"),
    ],
)
def test_plants_by_group_stay_a_count(query: str, measure: str) -> None:
    found = parse_slots(query).aggregation
    assert found is not None, query
    assert found.measure == measure
