"""propose: pick the next edge among the legal ones (LLM when configured, else rules)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.situation import build_situation
from planexec.nodes.state import ChatState
from planexec.nodes.transitions import after_execution_edges, route_edges
from planexec.schemas.proposals import Edge, ProposalRecord


def _legal(state: ChatState, llm_available: bool) -> tuple[str, list[Edge]]:
    if state.get("plan") and state.get("step_results"):
        return "after_execution", after_execution_edges(state["step_results"], state.get("replans", 0))
    return "route", route_edges(state["understanding"], llm_available)


async def _decide(ctx: ChatContext, state: ChatState, phase: str, legal: list[Edge]) -> ProposalOutcome:
    situation = build_situation(state, legal, phase)
    if len(legal) == 1:
        return ProposalOutcome(edge=legal[0], rationale="only one edge is legal here", chosen_by="only_legal")
    proposer = await asyncio.to_thread(ctx.get_proposer)  # may build ChatOpenAI (reads CA files)
    outcome = await proposer.propose(situation)
    if outcome.edge not in legal:  # defence in depth: a proposer can never force an illegal move
        fallback = RuleProposer().decide(situation)
        fallback.rejected = [*outcome.rejected, f"illegal edge {outcome.edge!r}"]
        fallback.usage = outcome.usage
        return fallback
    return outcome


async def propose(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx = context_of(runtime)
    llm = await asyncio.to_thread(ctx.get_llm)
    phase, legal = _legal(state, llm is not None)
    outcome = await _decide(ctx, state, phase, legal)
    record = ProposalRecord(
        phase=phase,
        legal_edges=list(legal),
        edge=outcome.edge,
        chosen_by=outcome.chosen_by,
        rationale=outcome.rationale,
        rejected=outcome.rejected,
        ts=time.time(),
    )
    emit_thinking(
        "propose",
        f"{outcome.edge}: {outcome.rationale}",
        chosen_by=outcome.chosen_by,
        legal_edges=list(legal),
    )
    update: dict[str, Any] = {"next_edge": outcome.edge, "proposals": [record], "token_usage": outcome.usage}
    if phase == "route":
        update["route"] = outcome.edge
    return update
