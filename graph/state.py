"""State of the chat graph. Payloads never enter it: artifact references and small facts only."""

from __future__ import annotations

import operator
from collections.abc import Awaitable
from typing import Annotated, Any, Protocol, TypedDict


def merge_dicts(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Reducer: later keys win; a None value removes the key (a replan resets failed steps)."""
    merged = {**(left or {}), **(right or {})}
    return {k: v for k, v in merged.items() if v is not None}


def add_usage(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Reducer: sum token counters; `estimated` is sticky."""
    out = dict(left or {})
    for key, value in (right or {}).items():
        if isinstance(value, bool):
            out[key] = bool(out.get(key)) or value
        elif isinstance(value, (int, float)):
            out[key] = out.get(key, 0) + value
        else:
            out[key] = value
    return out


class ChatInput(TypedDict, total=False):
    """What a caller (API, Studio) provides."""

    query: str
    target_language: str | None
    conversation_history: list[dict[str, str]]
    correlation_session_id: str | None
    synthetic_points: int
    """Benchmarks/tests only: replace the real plants by N synthetic jittered copies."""


class ChatState(ChatInput, total=False):
    understanding: dict[str, Any]
    """schemas.slots.Understanding as a dict."""
    next_edge: str
    """The edge the last proposal chose."""
    route: str
    """The recipe (or clarify / general_agent) chosen at the routing decision."""
    proposals: Annotated[list[dict[str, Any]], operator.add]
    """schemas.proposals.ProposalRecord dicts, in order."""
    plan: dict[str, Any] | None
    """schemas.plan.Plan as a dict (references kept as ${alias.path})."""
    plan_error: str | None
    step_results: Annotated[dict[str, dict[str, Any]], merge_dicts]
    """alias -> schemas.steps.StepResult dict (artifact reference + small facts)."""
    timeline: Annotated[list[dict[str, Any]], operator.add]
    """schemas.calls.TimelineEvent dicts."""
    replans: int
    modules: list[dict[str, Any]]
    facts_summary: dict[str, Any]
    narration: str
    token_usage: Annotated[dict[str, Any], add_usage]
    errors: Annotated[list[dict[str, Any]], operator.add]
    """{'code', 'message', 'node'} for failures the answer reports."""


class ChatOutput(TypedDict, total=False):
    query: str
    modules: list[dict[str, Any]]
    facts_summary: dict[str, Any]
    narration: str
    proposals: list[dict[str, Any]]
    plan: dict[str, Any] | None
    step_results: dict[str, dict[str, Any]]
    timeline: list[dict[str, Any]]
    token_usage: dict[str, Any]
    errors: list[dict[str, Any]]
    route: str
    understanding: dict[str, Any]


class AsyncChatNode(Protocol):
    """An async node of the chat graph: state in, partial update out."""

    def __call__(self, state: ChatState) -> Awaitable[dict[str, Any]]: ...


class SyncChatNode(Protocol):
    """A sync node of the chat graph: state in, partial update out."""

    def __call__(self, state: ChatState) -> dict[str, Any]: ...
