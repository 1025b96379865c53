from __future__ import annotations

from planexec.nodes.narration.templates import narrate_template
from planexec.schemas.modules import FactsSummary

SPATIAL = FactsSummary(
    intent="spatial_correlation",
    facts={
        "layer": "heat",
        "method": "proximity",
        "distance_km": 1.0,
        "quintiles": "5",
        "plants_total": 788,
        "zones_total": 38,
        "plants_matched": 120,
        "capacity_matched_mw": 3456.7,
        "top_state": "BA",
    },
)


def test_english_template_states_only_facts() -> None:
    text = narrate_template(SPATIAL, "en")
    assert text.startswith("120 of 788 solar plants (3,456.7 MW) are within 1 km of heat-stress zones")
    assert "BA" in text


def test_portuguese_template() -> None:
    assert narrate_template(SPATIAL, "pt").startswith(
        "120 de 788 usinas solares (3.456,7 MW) estão a até 1 km"
    )


def test_missing_facts_fall_back_without_error() -> None:
    assert narrate_template(FactsSummary(intent="solar_map", facts={}), "en") == (
        "The query ran; see the modules below."
    )


def test_partial_answers_say_so() -> None:
    summary = FactsSummary(
        intent="policy_summary", facts={"passages": 0, "topic": "x", "citations": None, "failed_steps": 1}
    )
    assert "partial" in narrate_template(summary, "en")


def test_numbers_are_written_for_the_language() -> None:
    summary = FactsSummary(intent="solar_map", facts={**MAP_FACTS})
    assert "17,613 solar plants with 1,234.5 MW" in narrate_template(summary, "en")
    assert "17.613 usinas solares com 1.234,5 MW" in narrate_template(summary, "pt")
    assert "2.5 km" in narrate_template(
        SPATIAL.model_copy(update={"facts": {**SPATIAL.facts, "distance_km": 2.5}}), "en"
    )
    assert "2,5 km" in narrate_template(
        SPATIAL.model_copy(update={"facts": {**SPATIAL.facts, "distance_km": 2.5}}), "pt"
    )


def test_partial_sentence_in_portuguese() -> None:
    summary = FactsSummary(intent="solar_map", facts={"failed_steps": 2})
    assert narrate_template(summary, "pt") == (
        "A consulta foi executada; veja os módulos. Algumas etapas falharam (2); a resposta é parcial."
    )


MAP_FACTS = {
    "plants": 17613,
    "capacity_mw": 1234.5,
    "states": 2,
    "top_state": "MG",
    "top_state_capacity_mw": 1000.0,
}
