"""propose: pick the next edge among the legal ones, under the proposer policy.

The rules always decide first; the LLM (when configured) is asked according to the policy
(`nodes/proposers/policy.py`: `tie_breaker` — only when the rules are unsure, among their
candidates; `primary` — among every legal edge). Both sides are recorded in the ProposalRecord.
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.proposers.base import Proposer
from planexec.nodes.proposers.policy import PolicyDecision, decide
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.situation import build_situation
from planexec.nodes.state import ChatState
from planexec.nodes.transitions import after_execution_edges, route_edges
from planexec.schemas.proposals import Edge, ProposalRecord


def _legal(state: ChatState, llm_available: bool) -> tuple[str, list[Edge]]:
    if state.get("plan") and state.get("step_results"):
        return "after_execution", after_execution_edges(state["step_results"], state.get("replans", 0))
    return "route", route_edges(state["understanding"], llm_available)


async def _decide(ctx: ChatContext, state: ChatState, phase: str, legal: list[Edge]) -> PolicyDecision:
    situation = build_situation(state, legal, phase)
    proposer: Proposer | None = None
    if len(legal) > 1:
        proposer = await ctx.aget_proposer()  # may build ChatOpenAI (reads CA files): in a thread
        if isinstance(proposer, RuleProposer):
            proposer = None
    policy = ctx.proposer_policy_in_force() if proposer is not None else "rules_only"
    return await decide(policy, situation, state["understanding"].intents, proposer)


def _record(phase: str, legal: list[Edge], decision: PolicyDecision) -> ProposalRecord:
    return ProposalRecord(
        phase=phase,
        legal_edges=list(legal),
        edge=decision.edge,
        chosen_by=decision.chosen_by,
        rationale=decision.rationale,
        rejected=decision.rejected,
        ts=time.time(),
        policy=decision.policy,
        asked_llm=decision.asked_llm,
        rules_edge=decision.rules_edge,
        llm_edge=decision.llm_edge,
        offered_edges=decision.offered,
        unsure=decision.unsure,
    )


async def propose(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = context_of(runtime)
    llm = await ctx.aget_llm()
    phase, legal = _legal(state, llm is not None)
    decision = await _decide(ctx, state, phase, legal)
    emit_thinking(
        "propose",
        f"{decision.edge}: {decision.rationale}",
        chosen_by=decision.chosen_by,
        legal_edges=list(legal),
        policy=decision.policy,
        rules_edge=decision.rules_edge,
        llm_edge=decision.llm_edge,
        unsure=decision.unsure,
    )
    record = _record(phase, legal, decision)
    update: dict[str, Any] = {"next_edge": decision.edge, "proposals": [record]}
    update["token_usage"] = decision.usage
    if phase == "route":
        update["route"] = decision.edge
    return update
