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
    assert text.startswith("120 of 788 solar plants (3456.7 MW) are within 1.0 km of heat-stress zones")
    assert "BA" in text


def test_portuguese_template() -> None:
    assert narrate_template(SPATIAL, "pt").startswith(
        "120 de 788 usinas solares (3456.7 MW) estão a até 1.0 km"
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
