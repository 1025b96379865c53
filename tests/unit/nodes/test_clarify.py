"""clarify: Portuguese throughout for Portuguese messages; small talk gets a friendly reply."""

from __future__ import annotations

from typing import Any

from planexec.nodes.clarify import clarify, examples
from planexec.nodes.i18n import LABELS
from planexec.nodes.understanding.parse import understand_query

ENGLISH_ONLY = {v for k, v in LABELS["en"].items() if v != LABELS["pt"][k]}


def _run(query: str, target: str | None = None) -> dict[str, Any]:
    state: dict[str, Any] = {"understanding": understand_query(query), "target_language": target}
    return clarify(state)  # type: ignore[arg-type]


def test_portuguese_greeting_gets_a_portuguese_reply() -> None:
    out = _run("olá, tudo bem?")
    module = out["modules"][0]
    assert module.heading == "Olá!"
    assert module.text.startswith("Olá! Eu sou o planexec") and "usinas solares" in module.text
    assert out["facts_summary"].facts == {"reason": "smalltalk", "smalltalk": "greeting"}
    assert not any(e in module.text for e in examples("en"))


def test_english_thanks_and_target_language() -> None:
    assert _run("thanks")["modules"][0].text.startswith("You're welcome!")
    assert _run("thanks", target="pt")["modules"][0].text.startswith("De nada!")


def test_portuguese_clarification_names_what_is_missing_in_portuguese() -> None:
    out = _run("usinas solares a menos de 2 km")
    module = out["modules"][0]
    assert module.heading == "Esclarecimento"
    assert out["facts_summary"].facts["reason"] in {"missing_slots", "ambiguous"}
    assert "layer" not in module.text and "mentions_solar" not in module.text
    assert all(e in module.text for e in examples("pt"))
    assert not (ENGLISH_ONLY & {line.strip("- ") for line in module.text.splitlines()})


def test_english_clarification_is_unchanged() -> None:
    module = _run("asdfgh qwerty")["modules"][0]
    assert module.heading == "Clarification"
    assert module.text.startswith("I could not match the question to anything I can answer.")
    assert "- map of solar plants in Bahia" in module.text


def test_portuguese_examples_are_understood_as_the_english_ones() -> None:
    for en, pt in zip(examples("en"), examples("pt"), strict=True):
        english, portuguese = understand_query(en), understand_query(pt)
        assert portuguese.slots.language == "pt" and english.slots.language == "en"
        assert portuguese.intents.best == english.intents.best != "unknown"
