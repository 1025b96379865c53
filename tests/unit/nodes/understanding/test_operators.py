"""Tests of spatial-operator parsing."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.distance import parse_distance
from planexec.nodes.understanding.operators import parse_operator


def _operator(text: str) -> str | None:
    return parse_operator(text, parse_distance(text))[0]


@pytest.mark.parametrize(
    "text",
    [
        "solar plants near heat zones",
        "solar plants nearby deforested areas",
        "solar plants close to hot areas",
        "solar plants around heat zones",
        "solar plants next to deforestation",
        "usinas perto de áreas de desmatamento",
        "usinas próximas a zonas quentes",
        "usinas próximo das áreas desmatadas",
        "usinas ao redor de zonas de calor",
        "usinas em torno de áreas desmatadas",
        "usinas a menos de 2 km de zonas quentes",
    ],
)
def test_proximity_words(text: str) -> None:
    assert _operator(text) == "proximity"


@pytest.mark.parametrize(
    "text",
    [
        "solar plants within 1 km of extreme heat zones",
        "usinas dentro de 5 km de áreas desmatadas",
        "solar plants 5 km from heat zones",
        "usinas a 500 m de zonas de calor",
    ],
)
def test_a_distance_makes_proximity(text: str) -> None:
    assert _operator(text) == "proximity"


@pytest.mark.parametrize(
    "text",
    [
        "solar plants within heat stress zones",
        "solar plants inside deforested areas",
        "usinas dentro de zonas de calor extremo",
        "solar plants in extreme heat zones",
        "usinas solares nas áreas de desmatamento",
        "usinas em zonas quentes",
    ],
)
def test_within_without_distance(text: str) -> None:
    assert _operator(text) == "within"


@pytest.mark.parametrize(
    "text",
    [
        "deforestation areas overlapping solar plants",
        "solar plants that intersect deforested areas",
        "deforestation intersection with solar farms",
        "áreas desmatadas que se sobrepõem às usinas",
        "sobreposição entre usinas e desmatamento",
        "interseção entre usinas e desmatamento",
        "intersecção de usinas com desmatamento",
    ],
)
def test_overlap_words(text: str) -> None:
    assert _operator(text) == "overlap"


def test_explicit_overlap_wins_over_distance() -> None:
    assert _operator("deforestation overlapping solar plants within 1 km") == "overlap"


@pytest.mark.parametrize(
    "text", ["map of solar plants in Bahia", "usinas solares em São Paulo", "o próximo ano", "solar", ""]
)
def test_no_operator(text: str) -> None:
    assert parse_operator(text, parse_distance(text)) == (None, None)


def test_operator_text_of_within_with_distance() -> None:
    text = "solar facilities within 1 km of extreme heat zones"
    assert parse_operator(text, parse_distance(text)) == ("proximity", "within 1 km")


def test_operator_text_keeps_original_accents() -> None:
    assert parse_operator("usinas próximas a zonas quentes", None) == ("proximity", "próximas a")
