"""Numbers in digits (English / Portuguese formats) and in words (en / pt)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.numbers import parse_number, read_number, word_number


@pytest.mark.parametrize(
    ("raw", "portuguese", "expected"),
    [
        ("1.500", True, 1500.0), ("1.500", False, 1.5), ("1.500,5", True, 1500.5), ("2,5", True, 2.5),
        ("1,000", False, 1000.0), ("1,000.5", False, 1000.5), ("10", True, 10.0), ("1.2.3", False, None),
    ],
)  # fmt: skip
def test_parse_number(raw: str, portuguese: bool, expected: float | None) -> None:
    assert parse_number(raw, portuguese) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("one", 1.0), ("twenty-five", 25.0), ("two hundred and fifty", 250.0), ("a", None),
        ("dois", 2.0), ("vinte e cinco", 25.0), ("mil e quinhentos", 1500.0), ("quinhentos", 500.0),
        ("three thousand", 3000.0), ("and", None),
    ],
)  # fmt: skip
def test_word_number(phrase: str, expected: float | None) -> None:
    assert word_number(phrase) == expected


def test_read_number_takes_digits_or_words() -> None:
    assert (read_number("1.500", True), read_number("forty")) == (1500.0, 40.0)
