"""Heat quintiles from numbers, ordinals and words, en / pt, with typos."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.layers import parse_heat_quintiles, parse_layer
from planexec.nodes.understanding.parse import parse_slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("solar plants in the two warmest quintiles", [4, 5]),
        ("the three hottest quintiles", [3, 4, 5]),
        ("hottest two quintiles", [4, 5]),
        ("top two quintiles of heat", [4, 5]),
        ("Q3 to Q5 zones", [3, 4, 5]),
        ("Q2-Q4 areas", [2, 3, 4]),
        ("Q4 and Q5 zones", [4, 5]),
        ("heat quintiles 3-5", [3, 4, 5]),
        ("quintiles 2 or 3", [2, 3]),
        ("quintiles 1 through 3", [1, 2, 3]),
        ("quintiles 1, 2 and 4", [1, 2, 4]),
        ("quintile 5 zones within 500 m", [5]),
        ("the mildest quintile", [1]),
        ("the coolest quintile", [1]),
        ("two coolest quintiles", [1, 2]),
        ("bottom two quintiles", [1, 2]),
        ("upper-quintile heat zones", [5]),
        ("top quintile heat", [5]),
        ("Which solar plants are located in the top heat quintile?", [5]),
        ("the lowest heat quintile", [1]),
        ("o quintil de calor mais alto", [5]),
        ("the fourth quintile", [4]),
        ("4th and 5th quintiles", [4, 5]),
        ("3rd to 5th quintiles", [3, 4, 5]),
        ("moderate heat", [3]),
        ("hot zones", [4, 5]),
        ("a hot zone", [4, 5]),
        ("extreme heat", [5]),
        ("high heat", [4, 5]),
        ("mild heat", [1, 2]),
        ("heat stress", [4, 5]),
        ("os dois quintis mais quentes", [4, 5]),
        ("quintil 4", [4]),
        ("quinto quintil", [5]),
        ("quintis 3 até 5", [3, 4, 5]),
        ("o quintil mais frio", [1]),
        ("quintil 5 a 2 km", [5]),
        ("zonas de calor extremo", [5]),
        ("calor moderado", [3]),
        ("top 20% hottest", [5]),
    ],
)
def test_quintiles(text: str, expected: list[int]) -> None:
    assert parse_layer(text) == "heat"
    assert parse_heat_quintiles(text, "heat") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("solar plants near extreem heat zones", [5]),
        ("solar plants near extreme heta zones", [5]),
        ("usinas perto de zonas de calor extremo", [5]),
        ("soalr plnats in the hottest quintle", [5]),
    ],
)
def test_typos_of_domain_words(text: str, expected: list[int]) -> None:
    slots = parse_slots(text)
    assert (slots.layer, slots.heat_quintiles, slots.mentions_solar) == ("heat", expected, True)


def test_quintiles_only_for_the_heat_layer() -> None:
    assert parse_heat_quintiles("the two warmest quintiles", "deforestation") == []
