"""clarify names the places planexec has no data for ('solar plants in Atlantis'), in en and pt."""

from __future__ import annotations

from typing import Any

from planexec.nodes.clarify import clarify
from planexec.nodes.transitions import no_known_place
from planexec.nodes.understanding.parse import understand_query


def _run(query: str) -> dict[str, Any]:
    understanding = understand_query(query)
    assert no_known_place(understanding)  # the route that sends it to clarify
    return clarify({"understanding": understanding, "target_language": None})  # type: ignore[arg-type]


def test_english_names_the_unknown_place() -> None:
    out = _run("solar plants in Atlantis")
    text = out["modules"][0].text
    assert out["facts_summary"].facts == {"reason": "unknown_place"}
    assert text.startswith('There is no data for "Atlantis"') and "Brazil" in text
    assert "could not match" not in text and out["narration"].startswith("There is no data")


def test_portuguese_names_the_unknown_place() -> None:
    out = _run("usinas solares em Atlântida")
    text = out["modules"][0].text
    assert out["facts_summary"].facts == {"reason": "unknown_place"}
    assert text.startswith('Não há dados para "Atlântida"') and "Brasil" in text


def test_several_unknown_places_are_all_named() -> None:
    text = _run("map of solar plants in Narnia and Atlantis")["modules"][0].text
    assert '"Narnia"' in text and '"Atlantis"' in text


def test_a_known_state_beside_an_unknown_place_is_no_clarification() -> None:
    understanding = understand_query("solar plants in Bahia and Atlantis")
    assert understanding.slots.states == ["BA"] and not no_known_place(understanding)
