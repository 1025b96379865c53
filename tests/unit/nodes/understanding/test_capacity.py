"""Capacity bounds: strict ('more than') vs non-strict ('at least'), upper bounds, ranges, en / pt."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.capacity import parse_capacity
from planexec.nodes.understanding.parse import parse_slots


@pytest.mark.parametrize(
    "text",
    [
        "more than 40 MW", "over 40 MW", "above 40 MW", "bigger than 40 MW", "larger than 40MW",
        "greater than 40 MW", "exceeding 40 MW", "in excess of 40 MW", "> 40 MW", "acima de 40 MW",
        "mais de 40 MW", "superior a 40 MW", "maiores que 40 MW", "more than forty megawatts",
    ],
)  # fmt: skip
def test_strict_lower_bounds(text: str) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.min_strict, bound.max_mw) == (40.0, True, None)


@pytest.mark.parametrize(
    "text",
    [
        "at least 40 MW", "40 MW or more", "40 MW or above", "40 MW and above", "40 MW+", "≥ 40 MW",
        ">= 40 MW",
        "no less than 40 MW", "minimum of 40 MW", "no mínimo 40 MW", "pelo menos 40 MW", "a partir de 40 MW",
        "40 MW ou mais", "igual ou superior a 40 MW", "maior ou igual a 40 MW",
    ],
)  # fmt: skip
def test_non_strict_lower_bounds(text: str) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.min_strict, bound.max_mw) == (40.0, False, None)


@pytest.mark.parametrize(
    ("text", "strict"),
    [
        ("below 50 MW", True), ("under 50 MW", True), ("less than 50 MW", True), ("smaller than 50 MW", True),
        ("< 50 MW", True), ("abaixo de 50 MW", True), ("menos de 50 MW", True), ("inferior a 50 MW", True),
        ("at most 50 MW", False), ("up to 50 MW", False), ("no more than 50 MW", False), ("até 50 MW", False),
        ("no máximo 50 MW", False), ("50 MW or less", False), ("50 MW ou menos", False),
        ("≤ 50 MW", False),
        ("not over 50 MW", False),
    ],
)  # fmt: skip
def test_upper_bounds(text: str, strict: bool) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.max_mw, bound.max_strict) == (None, 50.0, strict)


@pytest.mark.parametrize(
    "text",
    ["between 10 and 50 MW", "between 10 MW and 50 MW", "entre 10 e 50 MW", "from 10 to 50 MW",
     "de 10 a 50 MW", "10-50 MW", "10 to 50 MW"],
)  # fmt: skip
def test_ranges_are_inclusive(text: str) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.min_strict, bound.max_mw, bound.max_strict) == (10.0, False, 50.0, False)


def test_two_bounds_in_one_question() -> None:
    bound = parse_capacity("plants above 10 MW and below 50 MW")
    assert (bound.min_mw, bound.min_strict, bound.max_mw, bound.max_strict) == (10.0, True, 50.0, True)


@pytest.mark.parametrize(
    ("text", "portuguese", "mw"),
    [
        ("over 1 GW", False, 1000.0), ("more than 500 kW", False, 0.5), ("mais de 1,5 MW", True, 1.5),
        ("1.000 MW ou mais", True, 1000.0), ("more than 1.5 MW", False, 1.5),
        ("over 1,000 MW", False, 1000.0),
    ],
)  # fmt: skip
def test_units_and_number_formats(text: str, portuguese: bool, mw: float) -> None:
    assert parse_capacity(text, portuguese).min_mw == pytest.approx(mw)


@pytest.mark.parametrize("text", ["plants of 30 MW", "within 5 km", "more than 0 MW", "over 5 km", "solar"])
def test_no_bound(text: str) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.max_mw) == (None, None)


def test_matched_words_are_kept_as_written() -> None:
    assert parse_capacity("Usinas com MAIS DE 30 MW").text == "MAIS DE 30 MW"


def test_slots_carry_the_bounds_and_their_strictness() -> None:
    above = parse_slots("solar plants above 30 MW within 1 km of extreme heat zones")
    at_least = parse_slots("solar plants of at least 30 MW within 1 km of extreme heat zones")
    assert (above.min_capacity_mw, above.min_capacity_strict) == (30.0, True)
    assert (at_least.min_capacity_mw, at_least.min_capacity_strict) == (30.0, False)
    ranged = parse_slots("usinas solares entre 10 e 50 MW")
    assert (ranged.min_capacity_mw, ranged.max_capacity_mw, ranged.max_capacity_strict) == (10.0, 50.0, False)


@pytest.mark.parametrize(
    ("text", "mw", "strict"),
    [
        ("plants with capacity above 40", 40.0, True),
        ("capacidade de pelo menos 40", 40.0, False),
        ("potência superior a 40 no Nordeste", 40.0, True),
    ],
)
def test_a_bare_number_after_a_capacity_word_is_megawatts(text: str, mw: float, strict: bool) -> None:
    bound = parse_capacity(text)
    assert (bound.min_mw, bound.min_strict) == (mw, strict)


@pytest.mark.parametrize(
    "text", ["capacity above 40 km", "plants above 40 within 2 km", "capacity above 40%"]
)
def test_a_bare_number_with_another_unit_is_not_capacity(text: str) -> None:
    assert parse_capacity(text).min_mw is None
