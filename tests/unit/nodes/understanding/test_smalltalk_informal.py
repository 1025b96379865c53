"""Informal greetings (en and pt slang) are small talk; a greeting with a question is not."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.language import detect_language
from planexec.nodes.understanding.smalltalk import detect_smalltalk


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("e aí, blz?", "pt"),
        ("e ai blz", "pt"),
        ("fala aí", "pt"),
        ("eae", "pt"),
        ("oi, td bem?", "pt"),
        ("opa", "pt"),
        ("oiii", "pt"),
        ("e aí, tudo blz?", "pt"),
        ("salve, tudo joia?", "pt"),
        ("ei, tudo bem com você?", "pt"),
        ("hey there", "en"),
        ("yo", "en"),
        ("what's up", "en"),
        ("sup?", "en"),
        ("heyyy!", "en"),
        ("hi there, how r u?", "en"),
        ("e aí mano", "pt"),
        ("fala galera", "pt"),
        ("tudo certo por aí?", "pt"),
        ("howdy partner", "en"),
        ("hey guys", "en"),
    ],
)
def test_informal_greetings(text: str, language: str) -> None:
    found = detect_smalltalk(text)
    assert found is not None, text
    assert (found.kind, found.language) == ("greeting", language)
    assert detect_language(text) == language


@pytest.mark.parametrize(("text", "language"), [("obrigadão", "pt"), ("vlw", "pt"), ("tks", "en")])
def test_informal_thanks(text: str, language: str) -> None:
    found = detect_smalltalk(text)
    assert found is not None, text
    assert (found.kind, found.language) == ("thanks", language)


@pytest.mark.parametrize(
    "text", ["yo, map plants in Bahia", "fala sobre NDCs", "e aí, quantas usinas há no Ceará?"]
)
def test_greeting_with_a_question_is_no_smalltalk(text: str) -> None:
    assert detect_smalltalk(text) is None
