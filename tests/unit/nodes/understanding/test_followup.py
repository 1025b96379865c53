"""Follow-ups: which messages refine the previous question, and how their slots merge."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.followup import followup_cue, needs_previous, refine
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.slots import Understanding

HEAT_1KM = "solar facilities within 1 km of extreme heat zones in Brazil"


def _chain(*queries: str) -> Understanding:
    previous: Understanding | None = None
    for query in queries:
        current = understand_query(query)
        refined = refine(previous, current, "thread")
        previous = refined[0] if refined else current
    assert previous is not None
    return previous


def test_a_new_distance_keeps_layer_and_quintiles() -> None:
    merged = _chain(HEAT_1KM, "what about 3 km?")
    assert merged.intents.best == "spatial_correlation"
    assert merged.slots.layer == "heat" and merged.slots.heat_quintiles == [5]
    assert merged.slots.distance is not None and merged.slots.distance.km == 3.0


def test_portuguese_state_follow_up_switches_language_and_keeps_distance() -> None:
    merged = _chain(HEAT_1KM, "e no Ceará?")
    assert merged.slots.states == ["CE"] and merged.slots.language == "pt"
    assert merged.slots.distance is not None and merged.slots.distance.km == 1.0


def test_also_adds_a_state_instead_of_replacing_it() -> None:
    merged = _chain("map of solar plants in Bahia", "also in Goiás")
    assert merged.slots.states == ["BA", "GO"] and merged.intents.best == "solar_map"


def test_a_new_layer_drops_the_heat_quintiles() -> None:
    merged = _chain(HEAT_1KM, "now with the deforestation layer")
    assert merged.slots.layer == "deforestation" and merged.slots.heat_quintiles == []
    assert merged.intents.best == "spatial_correlation"


def test_capacity_follow_up_in_portuguese() -> None:
    merged = _chain(HEAT_1KM, "só as acima de 20 MW")
    assert merged.slots.min_capacity_mw == 20.0 and merged.slots.layer == "heat"


def test_a_complete_question_starts_afresh() -> None:
    previous = understand_query(HEAT_1KM)
    assert refine(previous, understand_query("map of solar plants in Bahia"), "thread") is None


def test_the_record_names_what_was_inherited_and_overridden() -> None:
    refined = refine(understand_query(HEAT_1KM), understand_query("what about 3 km?"), "conversation_history")
    assert refined is not None
    followup = refined[1]
    assert followup.overridden == ["distance"] and "layer" in followup.inherited
    assert followup.previous_query == HEAT_1KM and followup.source == "conversation_history"


@pytest.mark.parametrize(
    ("query", "cue"),
    [("and within 5 km?", "and"), ("What about 3 km?", "what about"), ("e na Bahia?", "e"), ("hello", None)],
)
def test_followup_cues(query: str, cue: str | None) -> None:
    assert followup_cue(query) == cue


def test_a_refinement_without_a_previous_question_needs_one() -> None:
    assert needs_previous(understand_query("and within 5 km?"))
    assert not needs_previous(understand_query(HEAT_1KM))
    assert refine(None, understand_query("and within 5 km?"), "thread") is None
