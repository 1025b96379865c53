"""Graph node `understand`: parse slots and intent scores from the query (code only, no LLM).

A follow-up ("and within 5 km?", "e no Ceará?") refines the previous question: the previous
understanding is the thread's last turn's, else the one folded from the caller's
`conversation_history` (stateless backends). What it inherited is recorded in
`Understanding.follow_up`. A follow-up with nothing to follow is routed to clarify
(`intents.missing == ["previous_question"]`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planexec.nodes.state import ChatState
from planexec.nodes.understanding.followup import needs_previous, refine
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.conversation import FollowUpSource, TurnRecord
from planexec.schemas.slots import IntentScores, Understanding

MISSING_PREVIOUS = "previous_question"


def from_history(history: Sequence[Mapping[str, Any]]) -> Understanding | None:
    """The understanding of the latest question in a stateless caller's history: the user messages,
    oldest first, each refining the one before when it is a follow-up."""
    previous: Understanding | None = None
    for message in history:
        if str(message.get("role", "")).lower() not in ("user", "human"):
            continue
        current = understand_query(str(message.get("content", "")))
        if current.rejected_reason:
            continue
        refined = refine(previous, current, "conversation_history")
        previous = refined[0] if refined is not None else current
    return previous


def previous_understanding(state: ChatState) -> tuple[Understanding | None, FollowUpSource]:
    turns: list[TurnRecord] = state.get("turns") or []
    if turns:
        return turns[-1].understanding, "thread"
    return from_history(state.get("conversation_history") or []), "conversation_history"


def orphan(current: Understanding) -> Understanding:
    """A follow-up with no question to refine: nothing to route to but clarify."""
    intents = IntentScores(
        scores={"unknown": 1.0}, best="unknown", ambiguous=False, missing=[MISSING_PREVIOUS]
    )
    return current.model_copy(update={"intents": intents})


def understand_turn(query: str, previous: Understanding | None, source: FollowUpSource) -> Understanding:
    current = understand_query(query)
    refined = refine(previous, current, source)
    if refined is not None:
        merged, follow_up = refined
        return merged.model_copy(update={"follow_up": follow_up})
    if (previous is None or previous.rejected_reason) and needs_previous(current):
        return orphan(current)
    return current


def understand(state: ChatState) -> dict[str, Any]:
    """Read `state["query"]` (and the previous turn); return `{"understanding": Understanding}`."""
    query = state.get("query")
    previous, source = previous_understanding(state)
    return {"understanding": understand_turn(query if isinstance(query, str) else "", previous, source)}
