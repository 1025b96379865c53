"""Graph node `finish_turn`: close the turn — a compact `TurnRecord` for the thread's history and an
AI message (the narration, with the modules in `additional_kwargs["planexec"]`) for chat UIs."""

from __future__ import annotations

import time
import uuid
from typing import Any

from langchain_core.messages import AIMessage

from planexec.nodes.state import ChatState
from planexec.schemas.conversation import TurnRecord, TurnStart


def _current_turn(state: ChatState) -> TurnStart:
    """The turn start_turn opened (a state from before turns existed gets one made up)."""
    turn = state.get("turn")
    if turn is not None:
        return turn
    index = len(state.get("turns") or [])
    query = state.get("query") or ""
    return TurnStart(index=index, turn_id=uuid.uuid4().hex[:16], query=query, started_at=0.0)


def turn_record(state: ChatState, turn: TurnStart) -> TurnRecord:
    understanding = state.get("understanding")
    summary = state.get("facts_summary")
    plan = state.get("plan")
    return TurnRecord(
        index=turn.index,
        turn_id=turn.turn_id,
        query=turn.query,
        route=state.get("route"),
        understanding=understanding,
        follow_up=understanding.follow_up if understanding is not None else None,
        facts=dict(summary.facts) if summary is not None else {},
        module_types=[m.type for m in state.get("modules") or []],
        steps=len(plan.steps) if plan is not None else 0,
        errors=len(state.get("errors") or []),
        narration=state.get("narration"),
        started_at=turn.started_at or None,
        finished_at=time.time(),
    )


def answer_message(state: ChatState, record: TurnRecord) -> AIMessage:
    """The turn's answer as a chat message: narration as content, modules (never payloads) attached."""
    modules = [m.model_dump(mode="json", exclude={"schema_version"}) for m in state.get("modules") or []]
    attached = {
        "turn_id": record.turn_id,
        "turn": record.index,
        "intent": record.route,
        "modules": modules,
    }
    return AIMessage(
        content=record.narration or "",
        id=f"answer-{record.turn_id}",
        additional_kwargs={"planexec": attached},
    )


def finish_turn(state: ChatState) -> dict[str, Any]:
    record = turn_record(state, _current_turn(state))
    return {"turns": [record], "messages": [answer_message(state, record)]}
