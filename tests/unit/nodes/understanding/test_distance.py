"""Tests of distance parsing."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.distance import find_distance, parse_distance


@pytest.mark.parametrize(
    ("text", "value", "unit", "km"),
    [
        ("within 1 km of heat zones", 1.0, "km", 1.0),
        ("500 m", 500.0, "m", 0.5),
        ("500m", 500.0, "m", 0.5),
        ("1km", 1.0, "km", 1.0),
        ("3 kilometers", 3.0, "km", 3.0),
        ("3 kilometres", 3.0, "km", 3.0),
        ("750 meters", 750.0, "m", 0.75),
        ("1.5 miles", 1.5, "mi", 2.414016),
        ("1.5 mi", 1.5, "mi", 2.414016),
        ("1,000 m", 1000.0, "m", 1.0),
    ],
)
def test_english_distances(text: str, value: float, unit: str, km: float) -> None:
    distance = parse_distance(text)
    assert distance is not None
    assert (distance.value, distance.unit, distance.km) == (value, unit, pytest.approx(km))


@pytest.mark.parametrize(
    ("text", "value", "unit", "km"),
    [
        ("2,5 km", 2.5, "km", 2.5),
        ("1 quilômetro", 1.0, "km", 1.0),
        ("2 quilometros", 2.0, "km", 2.0),
        ("300 metros", 300.0, "m", 0.3),
        ("a menos de 5 km de áreas", 5.0, "km", 5.0),
        ("10 milhas", 10.0, "mi", 16.09344),
    ],
)
def test_portuguese_distances(text: str, value: float, unit: str, km: float) -> None:
    distance = parse_distance(text)
    assert distance is not None
    assert (distance.value, distance.unit, distance.km) == (value, unit, pytest.approx(km))


@pytest.mark.parametrize(
    ("text", "unit"),
    [("within a kilometre", "km"), ("within a mile", "mi"), ("um quilômetro", "km"), ("two miles", "mi")],
)
def test_spelled_numbers_before_spelled_units(text: str, unit: str) -> None:
    distance = parse_distance(text)
    assert distance is not None
    assert distance.unit == unit


def test_distance_keeps_the_matched_text() -> None:
    distance = parse_distance("usinas a 2,5 km de zonas quentes")
    assert distance is not None
    assert distance.text == "2,5 km"


def test_first_distance_wins() -> None:
    distance = parse_distance("within 2 km or 5 km")
    assert distance is not None
    assert distance.km == 2.0


@pytest.mark.parametrize("text", ["0 km", "-5 km", "1000 km", "501 km", "0,0 m"])
def test_zero_negative_and_absurd_distances_are_ignored_and_reported(text: str) -> None:
    result = find_distance(text)
    assert result.distance is None
    assert result.ignored == [text]


def test_absurd_distance_does_not_hide_a_valid_one() -> None:
    result = find_distance("not 9000 km but 3 km")
    assert result.distance is not None
    assert result.distance.km == 3.0
    assert result.ignored == ["9000 km"]


@pytest.mark.parametrize(
    "text", ["5 MW", "1.5 million", "10 minutes", "article 7 mitigation", "a km", "100 m²", "solar", ""]
)
def test_non_distances(text: str) -> None:
    assert parse_distance(text) is None


def test_hyphenated_range_is_not_negative() -> None:
    distance = parse_distance("2-5 km")
    assert distance is not None
    assert distance.km == 5.0


@pytest.mark.parametrize(
    ("text", "km"),
    [
        ("within a quarter of a kilometre of heat zones", 0.25),
        ("half a km", 0.5),
        ("half a mile", 0.804672),
        ("a half-mile", 0.804672),
        ("750 metres", 0.75),
        ("1.500 metros", 1.5),
        ("usinas a 1.500 m de zonas quentes", 1.5),
        ("plants within 1.500 m", 1.5),
        ("2,5 km", 2.5),
        ("3 mi", 4.828032),
        ("one and a half miles", 2.414016),
        ("a mile and a half", 2.414016),
        ("three quarters of a mile", 1.207008),
        ("dois quilômetros", 2.0),
        ("um quilômetro e meio", 1.5),
        ("meio quilômetro", 0.5),
        ("um quarto de quilômetro", 0.25),
        ("quinhentos metros", 0.5),
        ("seven hundred and fifty metres", 0.75),
        ("twenty-five kilometres", 25.0),
        ("five km", 5.0),
        ("1,5 milhas", 2.414016),
        ("2 km and a half", 2.5),
    ],
)
def test_fractions_number_words_and_number_formats(text: str, km: float) -> None:
    distance = parse_distance(text)
    assert distance is not None
    assert distance.km == pytest.approx(km)


def test_english_dot_is_a_decimal_point_for_kilometres() -> None:
    distance = parse_distance("within 1.500 km")
    assert distance is not None
    assert distance.km == 1.5
