"""Recent-deforestation threshold of the areas kept (increment.parse_increment and the slots)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.increment import parse_increment
from planexec.nodes.understanding.parse import parse_slots


@pytest.mark.parametrize(
    ("text", "portuguese", "value", "strict"),
    [
        ("solar plants within 5 km of areas with more than 5 km² of recent deforestation", False, 5.0, True),
        ("usinas a até 5 km de áreas com mais de 5 km² de desmatamento recente", True, 5.0, True),
        ("areas with over 10 km2 of recent deforestation", False, 10.0, True),
        ("areas with at least 10 square kilometres of recent deforestation", False, 10.0, False),
        ("areas with 5 km2 or more of recent deforestation", False, 5.0, False),
        ("áreas com pelo menos 2,5 quilômetros quadrados de desmatamento", True, 2.5, False),
        ("áreas com desmatamento acima de 1.000 km²", True, 1000.0, True),
        ("areas with 5 km² of recent deforestation", False, 5.0, False),
    ],
)
def test_thresholds(text: str, portuguese: bool, value: float, strict: bool) -> None:
    bound = parse_increment(text, portuguese)
    assert (bound.min_km2, bound.strict) == (value, strict)


@pytest.mark.parametrize(
    "text",
    [
        "solar plants within 5 km of deforestation areas",
        "areas with less than 5 km² of recent deforestation",
        "áreas com até 5 km² de desmatamento",
        "areas with 0 km² of recent deforestation",
    ],
)
def test_no_threshold(text: str) -> None:
    assert parse_increment(text).min_km2 is None


def test_the_slots_carry_it_and_the_distance_stays() -> None:
    slots = parse_slots("usinas solares a até 5 km de áreas com mais de 5 km² de desmatamento recente")
    assert (slots.min_increment_km2, slots.min_increment_strict) == (5.0, True)
    assert slots.distance is not None and slots.distance.km == 5.0 and slots.min_capacity_mw is None
    assert parse_slots("solar plants near deforestation areas").min_increment_km2 is None
