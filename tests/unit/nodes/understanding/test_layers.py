"""Tests of layer and heat-quintile parsing."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.layers import DEFAULT_HEAT_QUINTILES, parse_heat_quintiles, parse_layer


@pytest.mark.parametrize(
    "text",
    [
        "heat zones",
        "hot areas",
        "high temperature areas",
        "heat stress",
        "during a heatwave",
        "heat waves",
        "zonas de calor",
        "áreas quentes",
        "temperatura alta",
        "estresse térmico",
        "ondas de calor",
    ],
)
def test_heat_words(text: str) -> None:
    assert parse_layer(text) == "heat"


@pytest.mark.parametrize(
    "text",
    [
        "deforestation areas",
        "deforested land",
        "forest loss",
        "desmatamento",
        "áreas desmatadas",
        "perda florestal",
        "PRODES areas",
    ],
)
def test_deforestation_words(text: str) -> None:
    assert parse_layer(text) == "deforestation"


@pytest.mark.parametrize("text", ["photovoltaic hotspots", "solar plants in Bahia", "shot", ""])
def test_no_layer(text: str) -> None:
    assert parse_layer(text) is None


@pytest.mark.parametrize(
    ("text", "layer"), [("heat and deforestation", "heat"), ("desmatamento e calor", "deforestation")]
)
def test_first_layer_mentioned_wins(text: str, layer: str) -> None:
    assert parse_layer(text) == layer


@pytest.mark.parametrize(
    "text",
    [
        "solar facilities within 1 km of extreme heat zones in Brazil",
        "the hottest areas",
        "the most extreme heat",
        "zonas de calor extremo",
        "calor extremos",
        "as áreas mais quentes",
        "top quintile of heat",
    ],
)
def test_extreme_heat_is_quintile_5(text: str) -> None:
    assert parse_heat_quintiles(text, "heat") == [5]


@pytest.mark.parametrize(
    "text",
    ["high heat", "very hot areas", "intense heat", "áreas muito quentes", "calor intenso", "calor alto"],
)
def test_high_heat_is_quintiles_4_and_5(text: str) -> None:
    assert parse_heat_quintiles(text, "heat") == [4, 5]


@pytest.mark.parametrize(
    ("text", "quintiles"),
    [
        ("top 20% hottest", [5]),
        ("top 40 % hottest areas", [4, 5]),
        ("top 60 percent of heat", [3, 4, 5]),
        ("os 40% mais quentes", [4, 5]),
        ("heat quintiles 4 and 5", [4, 5]),
        ("quintis 3 e 5 de calor", [3, 5]),
        ("heat quintiles 3-5", [3, 4, 5]),
        ("moderate heat", [3]),
    ],
)
def test_explicit_quintiles_and_percentages(text: str, quintiles: list[int]) -> None:
    assert parse_heat_quintiles(text, "heat") == quintiles


def test_heat_without_qualifier_uses_the_default() -> None:
    assert (
        parse_heat_quintiles("solar plants near heat stress zones", "heat")
        == DEFAULT_HEAT_QUINTILES
        == [4, 5]
    )


@pytest.mark.parametrize("layer", ["deforestation", None])
def test_no_quintiles_without_heat_layer(layer: str | None) -> None:
    assert parse_heat_quintiles("extreme deforestation", layer) == []  # type: ignore[arg-type]
