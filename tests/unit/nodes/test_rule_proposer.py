"""The rule proposer always returns a legal edge and follows the intent scores."""

from __future__ import annotations

from planexec.nodes.proposers.rules import RuleProposer
from planexec.schemas.proposals import Edge, Situation, StepStatus


def _situation(
    scores: dict[str, float], legal: list[Edge], phase: str = "route", steps: list[StepStatus] | None = None
) -> Situation:
    return Situation(
        phase=phase,
        query="q",
        slots={},
        intent_scores=scores,  # type: ignore[arg-type]
        steps=steps or [],
        legal_edges=legal,
    )


def test_picks_the_best_scoring_legal_recipe() -> None:
    s = _situation(
        {"spatial_correlation": 0.9, "solar_map": 0.5}, ["spatial_correlation", "solar_map", "clarify"]
    )
    out = RuleProposer().decide(s)
    assert (out.edge, out.chosen_by) == ("spatial_correlation", "rules")


def test_ignores_illegal_recipes_even_when_they_score_best() -> None:
    s = _situation({"spatial_correlation": 0.9, "solar_map": 0.5}, ["solar_map", "clarify"])
    assert RuleProposer().decide(s).edge == "solar_map"


def test_close_scores_ask_for_clarification() -> None:
    s = _situation(
        {"solar_map": 0.6, "deforestation_overlap": 0.55}, ["solar_map", "deforestation_overlap", "clarify"]
    )
    assert RuleProposer().decide(s).edge == "clarify"


def test_low_scores_clarify() -> None:
    assert RuleProposer().decide(_situation({"solar_map": 0.1}, ["solar_map", "clarify"])).edge == "clarify"


def test_general_agent_only_when_legal() -> None:
    scores = {"general": 0.6}
    assert RuleProposer().decide(_situation(scores, ["solar_map", "general_agent", "clarify"])).edge == (
        "general_agent"
    )
    assert RuleProposer().decide(_situation(scores, ["solar_map", "clarify"])).edge == "clarify"


def test_after_execution_replans_transient_failures_when_legal() -> None:
    steps = [StepStatus(alias="a", tool="s.t", status="timeout")]
    s = _situation({}, ["compose", "replan"], phase="after_execution", steps=steps)
    assert RuleProposer().decide(s).edge == "replan"
    s2 = _situation({}, ["compose"], phase="after_execution", steps=steps)
    assert RuleProposer().decide(s2).edge == "compose"
