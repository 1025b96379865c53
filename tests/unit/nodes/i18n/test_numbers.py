"""fmt_number: English 1,234.5 and Portuguese 1.234,5, rounding half away from zero."""

from __future__ import annotations

import math

import pytest

from planexec.nodes.i18n import fmt_number


@pytest.mark.parametrize(
    ("value", "decimals", "en", "pt"),
    [
        (1234.5, None, "1,234.5", "1.234,5"),
        (5670.5, 1, "5,670.5", "5.670,5"),
        (1234567.891, None, "1,234,567.89", "1.234.567,89"),
        (1234567, None, "1,234,567", "1.234.567"),
        (999, None, "999", "999"),
        (1000, None, "1,000", "1.000"),
        (0.5, None, "0.5", "0,5"),
        (1.0, None, "1", "1"),
        (2.50, None, "2.5", "2,5"),
        (3, 1, "3.0", "3,0"),
        (5753.0, 1, "5,753.0", "5.753,0"),
    ],
)
def test_thousands_and_decimals(value: float, decimals: int | None, en: str, pt: str) -> None:
    assert fmt_number(value, "en", decimals) == en
    assert fmt_number(value, "pt", decimals) == pt


@pytest.mark.parametrize(
    ("value", "decimals", "en", "pt"),
    [
        (-1234.5, None, "-1,234.5", "-1.234,5"),
        (-0.4, 0, "0", "0"),  # rounds to zero: no sign
        (-0.001, None, "0", "0"),
        (-1500, None, "-1,500", "-1.500"),
    ],
)
def test_negatives(value: float, decimals: int | None, en: str, pt: str) -> None:
    assert (fmt_number(value, "en", decimals), fmt_number(value, "pt", decimals)) == (en, pt)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, "2.68"),
        (0.125, 2, "0.13"),
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (-2.5, 0, "-3"),
        (999.96, 1, "1,000.0"),
    ],
)
def test_rounding_is_half_away_from_zero(value: float, decimals: int, expected: str) -> None:
    assert fmt_number(value, "en", decimals) == expected


def test_portuguese_variants_and_unknown_languages() -> None:
    assert fmt_number(1234.5, "pt-BR") == "1.234,5"
    assert fmt_number(1234.5, "es") == "1,234.5"  # only en / pt are answered: English


def test_non_numbers_and_non_finite() -> None:
    with pytest.raises(TypeError):
        fmt_number(True, "en")
    with pytest.raises(TypeError):
        fmt_number("12", "en")  # type: ignore[arg-type]
    assert fmt_number(math.inf, "pt") == "inf"
