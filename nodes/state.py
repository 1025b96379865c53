"""State of the chat graph. Payloads never enter it: artifact references and small facts only.

A thread is a conversation: every run that starts at START is a new turn. `start_turn` resets the
per-turn channels (the add-reducer ones with `Overwrite`), `finish_turn` appends a `TurnRecord` to
the append-only `turns` channel and an AI message to `messages` (LangChain messages, `add_messages`,
for Studio's chat mode and chat UIs).

Values are the Pydantic contracts of `planexec.schemas` (LangGraph's checkpoint serializer keeps
them as models); `state_dict` dumps a state to plain dicts for callers that want JSON-like data.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Annotated, Any

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from pydantic import BaseModel
from typing_extensions import TypedDict

from planexec.schemas.calls import TimelineEvent
from planexec.schemas.conversation import TurnRecord, TurnStart
from planexec.schemas.modules import FactsSummary, Module
from planexec.schemas.plan import Plan
from planexec.schemas.proposals import ProposalRecord
from planexec.schemas.slots import Understanding
from planexec.schemas.steps import NodeError, StepResult
from planexec.schemas.usage import TokenUsage


def merge_results(
    left: dict[str, StepResult] | None, right: dict[str, StepResult | None] | None
) -> dict[str, StepResult]:
    """Reducer: later keys win; a None value removes the key (a replan resets failed steps)."""
    merged = {**(left or {}), **(right or {})}
    return {k: v for k, v in merged.items() if v is not None}


def add_usage(left: TokenUsage | None, right: TokenUsage | None) -> TokenUsage:
    """Reducer: sum token counters; `estimated` is sticky."""
    return (left or TokenUsage()).plus(right or TokenUsage())


class ChatInput(TypedDict, total=False):
    """What a caller (API, Studio, a chat UI) provides: a `query`, or `messages` ending with the
    user's message (the turn then reads its query from the last human message)."""

    query: str
    messages: Annotated[list[AnyMessage], add_messages]
    target_language: str | None
    conversation_history: list[dict[str, str]]
    correlation_session_id: str | None
    synthetic_points: int
    """Benchmarks/tests only: replace the real plants by N synthetic jittered copies."""


class ChatState(ChatInput, total=False):
    turn: TurnStart
    """The turn in progress (set by start_turn)."""
    turns: Annotated[list[TurnRecord], operator.add]
    """Finished turns of the thread, oldest first (append-only)."""
    understanding: Understanding
    next_edge: str
    """The edge the last proposal chose."""
    route: str
    """The recipe (or clarify / general_agent) chosen at the routing decision."""
    proposals: Annotated[list[ProposalRecord], operator.add]
    plan: Plan | None
    """References kept as ${alias.path}."""
    plan_error: str | None
    step_results: Annotated[dict[str, StepResult], merge_results]
    """alias -> outcome (artifact reference + small facts)."""
    timeline: Annotated[list[TimelineEvent], operator.add]
    replans: int
    modules: list[Module]
    facts_summary: FactsSummary
    narration: str
    token_usage: Annotated[TokenUsage, add_usage]
    errors: Annotated[list[NodeError], operator.add]
    """Failures the answer reports."""


class ChatOutput(TypedDict, total=False):
    query: str
    messages: list[AnyMessage]
    modules: list[Module]
    facts_summary: FactsSummary
    narration: str
    proposals: list[ProposalRecord]
    plan: Plan | None
    step_results: dict[str, StepResult]
    timeline: list[TimelineEvent]
    token_usage: TokenUsage
    errors: list[NodeError]
    route: str
    understanding: Understanding


def _dump(value: Any) -> Any:
    if isinstance(value, TokenUsage | NodeError):
        return value.model_dump(exclude={"schema_version"})
    if isinstance(value, FactsSummary):
        return value.model_dump(exclude={"narrated_by"} if value.narrated_by is None else None)
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def state_dict(values: Mapping[str, Any]) -> dict[str, Any]:
    """A chat state (or output) with every model dumped to plain dicts."""
    return {key: _dump(value) for key, value in values.items()}
