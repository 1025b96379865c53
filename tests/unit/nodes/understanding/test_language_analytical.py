"""Short analytical questions: measure words and region names count as language evidence."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("capacidade total no Sul", "pt"),
        ("média em Goiás", "pt"),
        ("mediana no Nordeste", "pt"),
        ("soma no Sudeste", "pt"),
        ("capacidade instalada no Centro-Oeste", "pt"),
        ("maior usina do Ceará", "pt"),
        ("número de usinas por estado", "pt"),
        ("potência média por região", "pt"),
        ("total capacity in the South", "en"),
        ("capacity by region", "en"),
        ("median capacity in Goias", "en"),
        ("top 5 states", "en"),
        ("solar capacity in the Nordeste", "en"),
    ],
)
def test_short_analytical_questions(text: str, language: str) -> None:
    assert detect_language(text) == language
