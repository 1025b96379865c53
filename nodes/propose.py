"""propose: pick the next edge among the legal ones (LLM when configured, else rules)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from planexec.graph.deps import ChatDeps
from planexec.graph.state import AsyncChatNode, ChatState
from planexec.graph.transitions import after_execution_edges, route_edges
from planexec.nodes.events import emit_thinking
from planexec.nodes.proposers.base import ProposalOutcome
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.situation import build_situation
from planexec.schemas.proposals import Edge, ProposalRecord
from planexec.schemas.slots import Understanding


def _legal(state: ChatState, llm_available: bool) -> tuple[str, list[Edge]]:
    if state.get("plan") and state.get("step_results"):
        return "after_execution", after_execution_edges(state["step_results"], state.get("replans", 0))
    understanding = Understanding.model_validate(state["understanding"])
    return "route", route_edges(understanding, llm_available)


async def _decide(deps: ChatDeps, state: ChatState, phase: str, legal: list[Edge]) -> ProposalOutcome:
    situation = build_situation(state, legal, phase)
    if len(legal) == 1:
        return ProposalOutcome(edge=legal[0], rationale="only one edge is legal here", chosen_by="only_legal")
    proposer = await asyncio.to_thread(deps.get_proposer)  # may build ChatOpenAI (reads CA files)
    outcome = await proposer.propose(situation)
    if outcome.edge not in legal:  # defence in depth: a proposer can never force an illegal move
        fallback = RuleProposer().decide(situation)
        fallback.rejected = [*outcome.rejected, f"illegal edge {outcome.edge!r}"]
        fallback.usage = outcome.usage
        return fallback
    return outcome


def make_propose(deps: ChatDeps) -> AsyncChatNode:
    async def propose(state: ChatState) -> dict[str, Any]:
        llm = await asyncio.to_thread(deps.get_llm)
        phase, legal = _legal(state, llm is not None)
        outcome = await _decide(deps, state, phase, legal)
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
        update: dict[str, Any] = {
            "next_edge": outcome.edge,
            "proposals": [record.model_dump()],
            "token_usage": outcome.usage.model_dump(exclude={"schema_version"}),
        }
        if phase == "route":
            update["route"] = outcome.edge
        return update

    return propose
