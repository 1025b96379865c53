"""Graph node `start_turn`: every run that starts at START is a new turn of the thread's conversation.

It picks the turn's query — the `query` input, or the last human message when the input carried
only `messages` (Studio's chat mode, chat UIs) — appends a HumanMessage for a `query` input, and
resets the per-turn channels so nothing of the previous turn (plan, step results, modules,
proposals, timeline, token usage …) leaks into this one. A resumed turn (input None / Command)
does not pass through START, so it keeps its state.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AnyMessage, HumanMessage
from langgraph.types import Overwrite

from planexec.nodes.state import ChatState
from planexec.schemas.conversation import TurnStart
from planexec.schemas.usage import TokenUsage


def message_text(message: AnyMessage) -> str:
    """The text of a message whose content is a string or a list of content blocks."""
    content = message.content
    if isinstance(content, str):
        return content
    parts = [
        block if isinstance(block, str) else str(block.get("text", ""))
        for block in content
        if isinstance(block, str) or (isinstance(block, dict) and block.get("type") == "text")
    ]
    return " ".join(p for p in parts if p)


def _pending_message(messages: Sequence[AnyMessage], previous: TurnStart | None) -> AnyMessage | None:
    """The last message when it is a human message no earlier turn has answered."""
    if not messages or not isinstance(messages[-1], HumanMessage):
        return None
    last = messages[-1]
    if previous is not None and previous.message_id is not None and last.id == previous.message_id:
        return None
    return last


def turn_query(state: ChatState) -> tuple[str, HumanMessage | None, str | None]:
    """(query, HumanMessage to append or None, id of the human message the turn answers)."""
    previous = state.get("turn")
    query = state.get("query")
    given = query if isinstance(query, str) else ""
    fresh = bool(given) and (previous is None or given != previous.query)
    pending = _pending_message(state.get("messages") or [], previous)
    if pending is not None and (not fresh or given == message_text(pending)):
        return message_text(pending), None, pending.id
    if not given.strip():
        return given, None, None
    message = HumanMessage(content=given, id=uuid.uuid4().hex)
    return given, message, message.id


def reset_channels() -> dict[str, Any]:
    """The per-turn channels at their empty values (`Overwrite` bypasses the add-reducers)."""
    return {
        "understanding": None,
        "next_edge": None,
        "route": None,
        "plan": None,
        "plan_error": None,
        "replans": 0,
        "modules": [],
        "facts_summary": None,
        "narration": None,
        "step_results": Overwrite({}),
        "proposals": Overwrite([]),
        "timeline": Overwrite([]),
        "errors": Overwrite([]),
        "token_usage": Overwrite(TokenUsage()),
    }


def start_turn(state: ChatState) -> dict[str, Any]:
    query, message, message_id = turn_query(state)
    turn = TurnStart(
        index=len(state.get("turns") or []),
        turn_id=uuid.uuid4().hex[:16],
        query=query,
        message_id=message_id,
        started_at=time.time(),
    )
    update: dict[str, Any] = {**reset_channels(), "query": query, "turn": turn}
    if message is not None:
        update["messages"] = [message]
    return update
