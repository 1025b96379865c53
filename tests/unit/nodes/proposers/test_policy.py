"""The proposer policy (nodes/proposers/policy.py): when the rules are unsure, what a tie-breaker is
offered, and who decides under each policy. Fake proposers stand in for the LLM's judgement."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.proposers.policy import Certainty, candidates, decide, unsure_reasons
from planexec.nodes.situation import build_situation
from planexec.nodes.transitions import route_edges
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.proposals import ProposalRecord, Situation
from planexec.schemas.slots import IntentScores


@dataclass
class FakeLLM:
    """Stands in for the LLM proposer: always proposes `edge` (chosen_by 'llm')."""

    edge: str
    chosen_by: str = "llm"
    seen: list[Situation] = field(default_factory=list)

    async def propose(self, situation: Situation) -> ProposalOutcome:
        self.seen.append(situation)
        return ProposalOutcome(
            self.edge, "fake", self.chosen_by, ["attempt 1: late"] if self.chosen_by != "llm" else []
        )  # type: ignore[arg-type]


def _route(query: str) -> tuple[Situation, IntentScores]:
    understanding = understand_query(query)
    legal = route_edges(understanding, llm_available=True)
    return build_situation({"understanding": understanding}, legal, "route"), understanding.intents


def _situation(scores: dict[str, float], legal: list[str]) -> Situation:
    return Situation(phase="route", query="q", slots={}, intent_scores=scores, legal_edges=legal)


def _intents(**kw: object) -> IntentScores:
    return IntentScores(
        scores={}, best="unknown", ambiguous=bool(kw.get("ambiguous")), missing=list(kw.get("missing", []))
    )  # type: ignore[arg-type]


LEGAL = ["spatial_correlation", "solar_map", "general_agent", "clarify"]


def test_a_clear_leader_is_sure() -> None:
    situation = _situation({"spatial_correlation": 0.95, "solar_map": 0.3}, LEGAL)
    assert unsure_reasons(situation, _intents(), "spatial_correlation") == []


def test_a_runner_up_within_the_margin_is_close_scores() -> None:
    situation = _situation({"spatial_correlation": 0.8, "solar_map": 0.65}, LEGAL)
    assert unsure_reasons(situation, _intents(), "spatial_correlation") == ["close_scores"]


def test_a_chosen_recipe_below_the_sure_score_is_low_score() -> None:
    situation = _situation({"solar_map": 0.6}, LEGAL)
    assert unsure_reasons(situation, _intents(), "solar_map") == ["low_score"]


def test_no_recipe_chosen_despite_a_weak_signal_is_weak_signal() -> None:
    situation = _situation({"solar_map": 0.35}, LEGAL)
    assert unsure_reasons(situation, _intents(), "clarify") == ["weak_signal"]


def test_nothing_on_topic_at_all_is_sure_to_clarify() -> None:
    situation = _situation({}, ["general_agent", "clarify"])
    assert unsure_reasons(situation, _intents(), "clarify") == []


def test_ambiguous_intents_and_missing_slots_come_from_the_understanding() -> None:
    situation = _situation({"spatial_correlation": 0.95}, LEGAL)
    reasons = unsure_reasons(situation, _intents(ambiguous=True, missing=["layer"]), "spatial_correlation")
    assert reasons == ["ambiguous_intents", "missing_slots"]


def test_an_orphan_follow_up_is_not_a_missing_slot() -> None:
    situation = _situation({"spatial_correlation": 0.95}, LEGAL)
    assert unsure_reasons(situation, _intents(missing=["previous_question"]), "spatial_correlation") == []


def test_after_execution_the_rules_are_always_sure() -> None:
    situation = Situation(
        phase="after_execution", query="q", slots={}, intent_scores={}, legal_edges=["compose", "replan"]
    )
    assert unsure_reasons(situation, _intents(ambiguous=True), "replan") == []


def test_thresholds_are_data() -> None:
    situation = _situation({"solar_map": 0.6}, LEGAL)
    assert unsure_reasons(situation, _intents(), "solar_map", Certainty(sure_score=0.5)) == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("solar adaptation", "ambiguous_intents"),
        ("solar plants", "low_score"),
        ("solar plants near 5 km", "missing_slots"),
    ],
)
def test_real_parses_the_rules_are_unsure_of(query: str, reason: str) -> None:
    situation, intents = _route(query)
    from planexec.nodes.proposers.rules import RuleProposer

    assert reason in unsure_reasons(situation, intents, RuleProposer().decide(situation).edge)


def test_a_tie_breaker_is_offered_only_the_plausible_edges() -> None:
    situation = _situation(
        {"spatial_correlation": 0.5, "solar_map": 0.55, "deforestation_overlap": 0.0},
        [*LEGAL[:2], "deforestation_overlap", *LEGAL[2:]],
    )
    assert candidates(situation, "solar_map") == [
        "spatial_correlation",
        "solar_map",
        "general_agent",
        "clarify",
    ]


async def test_tie_breaker_keeps_the_rules_when_they_are_sure() -> None:
    situation, intents = _route("solar plants within 1 km of extreme heat zones")
    llm = FakeLLM("solar_map")
    decision = await decide("tie_breaker", situation, intents, llm)
    assert (decision.edge, decision.chosen_by, decision.asked_llm, decision.llm_edge) == (
        "spatial_correlation",
        "rules",
        False,
        None,
    )
    assert llm.seen == []


async def test_tie_breaker_lets_the_llm_break_an_unsure_route_among_candidates() -> None:
    situation, intents = _route("solar adaptation")
    llm = FakeLLM("policy_summary")
    decision = await decide("tie_breaker", situation, intents, llm)
    assert (decision.edge, decision.chosen_by, decision.rules_edge) == ("policy_summary", "llm", "clarify")
    assert llm.seen[0].legal_edges == decision.offered and decision.unsure


async def test_primary_lets_the_llm_decide_and_records_the_rules() -> None:
    situation, intents = _route("solar plants within 1 km of extreme heat zones")
    decision = await decide("primary", situation, intents, FakeLLM("clarify"))
    assert (decision.edge, decision.chosen_by, decision.rules_edge, decision.llm_edge) == (
        "clarify",
        "llm",
        "spatial_correlation",
        "clarify",
    )
    assert decision.offered == list(situation.legal_edges)


async def test_a_rejected_llm_answer_leaves_the_rules_choice() -> None:
    situation, intents = _route("solar plants within 1 km of extreme heat zones")
    decision = await decide("primary", situation, intents, FakeLLM("clarify", chosen_by="rules"))
    assert (decision.edge, decision.chosen_by, decision.llm_edge) == ("spatial_correlation", "rules", None)
    assert decision.asked_llm and decision.rejected == ["attempt 1: late"]


async def test_an_edge_outside_the_offer_is_rejected() -> None:
    situation, intents = _route("solar adaptation")
    decision = await decide("tie_breaker", situation, intents, FakeLLM("spatial_correlation"))
    assert decision.chosen_by == "rules" and "illegal edge 'spatial_correlation'" in decision.rejected


async def test_one_legal_edge_asks_nobody() -> None:
    situation = _situation({}, ["clarify"])
    llm = FakeLLM("clarify")
    decision = await decide("primary", situation, _intents(), llm)
    assert decision.chosen_by == "only_legal" and llm.seen == []


async def test_without_an_llm_the_policy_is_rules_only() -> None:
    situation, intents = _route("solar adaptation")
    decision = await decide("tie_breaker", situation, intents, None)
    assert (decision.policy, decision.asked_llm, decision.edge) == ("rules_only", False, "clarify")


def test_the_record_carries_both_sides_and_old_records_still_load() -> None:
    record = ProposalRecord(
        phase="route", legal_edges=["solar_map", "clarify"], edge="clarify", chosen_by="llm", rationale="r",
        ts=0.0, policy="primary", asked_llm=True, rules_edge="solar_map", llm_edge="clarify",
        offered_edges=["solar_map", "clarify"], unsure=["low_score"],
    )  # fmt: skip
    assert ProposalRecord.model_validate(record.model_dump()) == record
    old = ProposalRecord.model_validate(
        {
            "phase": "route",
            "legal_edges": ["clarify"],
            "edge": "clarify",
            "chosen_by": "only_legal",
            "rationale": "r",
            "ts": 0.0,
        }
    )
    assert (old.policy, old.asked_llm, old.rules_edge, old.llm_edge, old.unsure) == (
        None,
        False,
        None,
        None,
        [],
    )


def test_every_record_field_is_described() -> None:
    fields = ProposalRecord.model_json_schema()["properties"]
    for name in ("policy", "asked_llm", "rules_edge", "llm_edge", "offered_edges", "unsure"):
        assert fields[name].get("description"), name


def _after_execution() -> Situation:
    return Situation(
        phase="after_execution", query="q", slots={}, intent_scores={}, legal_edges=["compose", "replan"]
    )


async def test_after_execution_tie_breaker_keeps_the_rules() -> None:
    llm = FakeLLM("replan")
    decision = await decide("tie_breaker", _after_execution(), _intents(), llm)
    assert (decision.edge, decision.chosen_by, decision.asked_llm) == ("compose", "rules", False)
    assert llm.seen == []


async def test_after_execution_primary_lets_the_llm_decide() -> None:
    decision = await decide("primary", _after_execution(), _intents(), FakeLLM("replan"))
    assert (decision.edge, decision.chosen_by, decision.rules_edge) == ("replan", "llm", "compose")


def test_the_policy_comes_from_the_context_else_the_settings() -> None:
    from planexec.nodes.context import ChatContext
    from planexec.schemas.settings import Settings

    assert ChatContext().proposer_policy_in_force() == "tie_breaker"
    primary = Settings(llm_proposer_policy="primary")
    assert ChatContext(settings=primary).proposer_policy_in_force() == "primary"
    override = ChatContext(settings=primary, proposer_policy="tie_breaker")
    assert override.proposer_policy_in_force() == "tie_breaker"
