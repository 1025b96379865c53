"""Tests of response-language detection."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "usinas solares perto de áreas de desmatamento",
        "usinas solares a menos de 1 km de zonas de calor extremo no Brasil",
        "mapa das usinas solares na Bahia",
        "o que diz o Acordo de Paris sobre adaptação?",
        "Quantas estações o INMET tem?",
        "mostre as usinas",
    ],
)
def test_portuguese(text: str) -> None:
    assert detect_language(text) == "pt"


@pytest.mark.parametrize(
    "text",
    [
        "solar facilities within 1 km of extreme heat zones in Brazil",
        "map of solar plants in São Paulo",
        "solar plants in Pará and Paraíba",
        "what does the Paris Agreement say about adaptation?",
        "how many stations does INMET have?",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "solar", "asdfgh qwerty", "!!!", "Bahia"])
def test_undecided_defaults_to_english(text: str) -> None:
    assert detect_language(text) == "en"
