"""Streaming events of stream_chat_query: thinking, facts_summary, complete, error."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planexec.schemas.base import Contract


class ThinkingEvent(Contract):
    type: Literal["thinking"] = "thinking"
    node: str = Field(description="Graph node that produced it.")
    message: str = Field(description="Short progress text (no payloads).")
    data: dict[str, Any] = Field(default_factory=dict, description="Small facts (counts, statuses).")


class FactsSummaryEvent(Contract):
    type: Literal["facts_summary"] = "facts_summary"
    facts_summary: dict[str, Any] = Field(description="The FactsSummary as a dict.")


class CompleteEvent(Contract):
    type: Literal["complete"] = "complete"
    response: dict[str, Any] = Field(description="The same dict process_chat_query returns.")


class ErrorEvent(Contract):
    type: Literal["error"] = "error"
    code: str = Field(description="Machine-readable error code, e.g. 'invalid_input', 'tool_timeout'.")
    message: str = Field(description="Clear, human-readable message.")
    thread_id: str | None = Field(default=None, description="Thread whose checkpoint holds the partial run.")


ChatEvent = ThinkingEvent | FactsSummaryEvent | CompleteEvent | ErrorEvent
