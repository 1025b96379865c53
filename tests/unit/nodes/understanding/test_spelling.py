"""Typos of domain keywords are corrected; ordinary words are left alone."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.spelling import correct_spelling, correct_word


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("extreem", "extreme"), ("heta", "heat"), ("deforestaion", "deforestation"), ("soalr", "solar"),
        ("plnats", "plants"), ("usnias", "usinas"), ("desmatameto", "desmatamento"), ("quintle", "quintile"),
        ("facilites", "facilities"), ("clor", "calor"), ("zoens", "zones"),
    ],
)  # fmt: skip
def test_typos_are_corrected(typo: str, word: str) -> None:
    assert correct_word(typo) == word


@pytest.mark.parametrize(
    "word",
    ["head", "hear", "color", "plan", "planets", "polar", "nearly", "centro", "ones", "solaris", "Bahia",
     "Sergipe", "what", "there", "heat", "solar", "map", "the"],
)  # fmt: skip
def test_other_words_are_kept(word: str) -> None:
    assert correct_word(word) is None


def test_sentence_keeps_everything_but_the_typos() -> None:
    assert correct_spelling("Solar plants near extreem heta zones in Bahia") == (
        "Solar plants near extreme heat zones in Bahia"
    )
