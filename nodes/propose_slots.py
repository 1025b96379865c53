"""propose_slots: with an LLM configured, the LLM also proposes slot values; the rules stay in charge.

Between understand and propose. Without an LLM (or for a rejected, off-topic or orphan follow-up
query) it does nothing and makes no call. Otherwise the LLM sees only the query text and the slot
schema (legal values only); its validated answer is compared slot by slot with the rule parse
(`proposers/slot_policy.py`) and recorded as a ProposalRecord of phase "slots". The rule value
always wins; an LLM value fills only a slot the rules left empty, when the query text supports it
— then the intents are scored again from the filled slots (not for a follow-up, whose intents
come from the question it refines). A rejected answer leaves the rule parse untouched.

Proposer policy (`nodes/proposers/policy.py`): under `primary` the LLM is asked on every routed
turn as above; under `tie_breaker` (default) only when the parse leaves the turn UNSURE — when the
route the rules would take from this parse is unsure (`unsure_reasons`: ambiguous intents, a
needed slot missing, close or low recipe scores, a weak recipe signal with no recipe chosen). A
sure parse costs no call and writes no record.
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.proposers.policy import unsure_reasons
from planexec.nodes.proposers.rules import RuleProposer
from planexec.nodes.proposers.slot_policy import apply_values, compare, rule_values
from planexec.nodes.proposers.slots import SlotAttempt, SlotProposer
from planexec.nodes.situation import build_situation
from planexec.nodes.state import ChatState
from planexec.nodes.transitions import route_edges
from planexec.nodes.understand import MISSING_PREVIOUS
from planexec.nodes.understanding.analytics import parse_aggregation
from planexec.nodes.understanding.intents import score_intents
from planexec.nodes.understanding.spelling import correct_spelling
from planexec.schemas.proposals import ProposalRecord, UnsureReason
from planexec.schemas.slot_proposals import SlotComparison
from planexec.schemas.slots import Understanding


def _asks_llm(understanding: Understanding | None) -> bool:
    if understanding is None or understanding.rejected_reason or understanding.off_topic:
        return False
    return MISSING_PREVIOUS not in understanding.intents.missing


def parse_unsure(state: ChatState, understanding: Understanding) -> list[UnsureReason]:
    """Why the route the rules would take from this parse is unsure (empty: the parse is sure)."""
    legal = route_edges(understanding, llm_available=True)
    situation = build_situation({**state, "understanding": understanding}, legal, "route")
    rules = RuleProposer().decide(situation)
    return unsure_reasons(situation, understanding.intents, rules.edge)


def _rationale(comparison: SlotComparison, attempt: SlotAttempt) -> str:
    if attempt.values is None:
        return f"LLM slot answer rejected ({'; '.join(attempt.rejected)[:200]}); the rule parse stands."
    parts = []
    if comparison.used:
        parts.append(f"LLM filled empty slots: {', '.join(comparison.used)}")
    if comparison.disagreements:
        slots = ", ".join(d.slot for d in comparison.disagreements)
        parts.append(f"rule values kept where the LLM disagreed: {slots}")
    if comparison.not_used:
        parts.append(f"{len(comparison.not_used)} LLM value(s) not supported by the query, not used")
    return "; ".join(parts) + "." if parts else "the LLM proposed the same slots as the rules."


def _refilled(understanding: Understanding, comparison: SlotComparison) -> Understanding:
    assert comparison.llm is not None
    slots = apply_values(understanding.slots, comparison.llm, comparison.used)
    if understanding.follow_up is not None:
        return understanding.model_copy(update={"slots": slots})
    fixed = correct_spelling(understanding.query)
    slots = slots.model_copy(update={"aggregation": parse_aggregation(fixed, slots)})
    return understanding.model_copy(update={"slots": slots, "intents": score_intents(slots, fixed)})


async def propose_slots(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    understanding = state.get("understanding")
    if not _asks_llm(understanding):
        return {}
    assert understanding is not None
    ctx = context_of(runtime)
    llm = await ctx.aget_llm()
    if llm is None:
        return {}
    policy = ctx.proposer_policy_in_force()
    unsure = parse_unsure(state, understanding)
    if policy == "tie_breaker" and not unsure:
        return {}  # the rules are sure of this parse: no call
    proposer = SlotProposer(llm, timeout_s=ctx.timeout_for("slots"), settings=ctx.settings)
    attempt = await proposer.propose(understanding.query)
    rule = rule_values(understanding.slots)
    if attempt.values is None:
        comparison = SlotComparison(rule=rule)
    else:
        comparison = compare(rule, attempt.values, understanding.query)
    rationale = _rationale(comparison, attempt)
    record = ProposalRecord(
        phase="slots",
        legal_edges=[],
        edge="",
        chosen_by="llm" if comparison.used else "rules",
        rationale=rationale,
        rejected=attempt.rejected,
        ts=time.time(),
        slots=comparison,
        policy=policy,
        asked_llm=True,
        unsure=unsure,
    )
    emit_thinking("propose_slots", rationale, used=comparison.used, rejected=attempt.rejected)
    update: dict[str, Any] = {"proposals": [record], "token_usage": attempt.usage}
    if comparison.used:
        update["understanding"] = _refilled(understanding, comparison)
    return update
