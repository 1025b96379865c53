"""Tests of the shared text helpers."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.text import clean, fold, parse_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("  a\tb\n c ", "a b c"), ("a\x00b", "a b"), ("a\u200bb", "a b"), ("x\x1b[31my", "x [31my"), ("", "")],
)
def test_clean_replaces_control_characters_and_collapses_whitespace(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("São Paulo", "sao paulo"), ("PARÁ", "para"), ("Próximo", "proximo"), ("ção", "cao"), ("abc", "abc")],
)
def test_fold_lowercases_and_strips_accents(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize("raw", ["ﬁ", "İstanbul", "ẞ", "日本語", "São Paulo"])
def test_fold_keeps_length(raw: str) -> None:
    assert len(fold(raw)) == len(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("10", 10.0), ("2,5", 2.5), ("1.5", 1.5), ("1,000", 1000.0), ("1,0000", 1.0), ("1.2.3", None)],
)
def test_parse_number(raw: str, expected: float | None) -> None:
    assert parse_number(raw) == expected
