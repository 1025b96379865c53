"""Small talk detection: greetings, thanks, farewells, help — and nothing that asks a question."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.language import detect_language
from planexec.nodes.understanding.smalltalk import SmallTalk, detect_smalltalk


@pytest.mark.parametrize(
    ("text", "kind", "lang"),
    [
        ("olá, tudo bem?", "greeting", "pt"),
        ("Bom dia!", "greeting", "pt"),
        ("boa tarde, pessoal", "greeting", "pt"),
        ("e aí, beleza?", "greeting", "pt"),
        ("Olá! Tudo bem com você?", "greeting", "pt"),
        ("obrigado!", "thanks", "pt"),
        ("muito obrigada", "thanks", "pt"),
        ("valeu, tchau", "thanks", "pt"),
        ("tchau", "farewell", "pt"),
        ("o que você pode fazer?", "help", "pt"),
        ("hello", "greeting", "en"),
        ("hi there, how are you?", "greeting", "en"),
        ("Good morning!", "greeting", "en"),
        ("thanks", "thanks", "en"),
        ("thank you very much", "thanks", "en"),
        ("bye", "farewell", "en"),
        ("what can you do?", "help", "en"),
    ],
)
def test_small_talk(text: str, kind: str, lang: str) -> None:
    assert detect_smalltalk(text) == SmallTalk(kind=kind, language=lang)  # type: ignore[arg-type]
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ok",
        "hello, map of solar plants in Bahia",
        "olá, mapa das usinas solares na Bahia",
        "e no Ceará?",
        "what about 3 km?",
        "thanks for the map of Bahia",
        "usinas solares a menos de 1 km de zonas de calor extremo",
    ],
)
def test_questions_are_not_small_talk(text: str) -> None:
    assert detect_smalltalk(text) is None


def test_a_question_with_a_greeting_keeps_its_language() -> None:
    assert detect_language("olá, mapa das usinas solares na Bahia") == "pt"
    assert detect_language("hello, map of solar plants in Bahia") == "en"
