"""Geometry words: rings, 'outside', 'nearest' (operators.parse_geometry, distance.find_ring)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.distance import find_distance, find_ring
from planexec.nodes.understanding.parse import parse_slots


@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        ("solar plants between 2 and 8 km from the zones but not in them", 2.0, 8.0),
        ("usinas entre 2 e 8 km das zonas, mas fora delas", 2.0, 8.0),
        ("plants from 2 to 8 km of extreme heat zones", 2.0, 8.0),
        ("usinas de 1,5 a 3 km das zonas", 1.5, 3.0),
        ("plants 2-8 km from the heat zones", 2.0, 8.0),
        ("between 500 m and 2 km of heat zones", 0.5, 2.0),
        ("between 200 and 800 m of the zones", 0.2, 0.8),
        ("from two to five kilometres of the zones", 2.0, 5.0),
    ],
)
def test_ring_bounds(text: str, inner: float, outer: float) -> None:
    ring = find_ring(text)
    assert ring is not None
    low, high = ring
    assert low is not None and (low.km, high.km) == (inner, outer)
    slots = parse_slots(text)
    assert slots.operator == "ring"
    assert slots.distance is not None and slots.distance.km == outer
    assert slots.min_distance is not None and slots.min_distance.km == inner


@pytest.mark.parametrize(
    "text", ["within 8 km of the zones", "between 10 and 50 MW", "between 8 and 2 km", "5 km from the zones"]
)
def test_not_a_ring(text: str) -> None:
    assert find_ring(text) is None


def test_a_ring_from_zero_starts_at_the_edge() -> None:
    assert find_ring("between 0 and 5 km of the zones") == (None, find_distance("5 km").distance)


def test_area_units_are_not_distances() -> None:
    assert find_distance("areas with more than 5 km² of recent deforestation").distance is None
    assert find_distance("áreas com mais de 5 quilômetros quadrados").distance is None
    assert find_distance("áreas com mais de 5 km2").distance is None


@pytest.mark.parametrize(
    "text",
    [
        "solar plants outside the extreme heat zones",
        "usinas solares fora das zonas de calor extremo",
        "solar plants not in the extreme heat zones",
        "usinas solares que não estão nas zonas de calor extremo",
    ],
)
def test_outside(text: str) -> None:
    slots = parse_slots(text)
    assert (slots.operator, slots.distance, slots.min_distance) == ("outside", None, None)
    assert slots.aggregation is None


@pytest.mark.parametrize(
    "text",
    [
        "solar plants within 5 km of the extreme heat zones but not in them",
        "usinas solares fora das zonas de calor extremo, mas a até 5 km delas",
    ],
)
def test_outside_with_a_distance_is_a_ring_from_the_edge(text: str) -> None:
    slots = parse_slots(text)
    assert slots.operator == "ring" and slots.min_distance is None
    assert slots.distance is not None and slots.distance.km == 5.0


@pytest.mark.parametrize(
    ("text", "cap"),
    [
        ("nearest heat zone to each plant", None),
        ("which heat zone is closest to each plant?", None),
        ("distance from each solar plant to the nearest extreme heat zone", None),
        ("zona mais próxima de cada usina", None),
        ("qual a zona de calor mais próxima de cada usina solar em Alagoas e Rondônia?", None),
        ("nearest extreme heat zone to each solar plant, up to 20 km", 20.0),
    ],
)
def test_nearest(text: str, cap: float | None) -> None:
    slots = parse_slots(text)
    assert slots.operator == "nearest"
    assert (None if slots.distance is None else slots.distance.km) == cap
    assert slots.aggregation is None  # spatial_correlation answers it, not an aggregation


@pytest.mark.parametrize(
    ("text", "operator"),
    [
        ("solar plants within 1 km of extreme heat zones", "proximity"),
        ("solar plants near deforestation areas", "proximity"),
        ("solar plants in extreme heat zones", "within"),
        ("solar plants overlapping deforestation areas", "overlap"),
    ],
)
def test_other_operators_are_unchanged(text: str, operator: str) -> None:
    assert parse_slots(text).operator == operator
