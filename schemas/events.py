"""Streaming events: one vocabulary for the chat API and the drafting API.

Chat (stream_chat_query, stream_resume_chat_query): thinking… (the first carries thread_id),
facts_summary, complete | error.
Drafting (stream_draft / resume_draft): thinking…, section…, interrupt | draft_complete | error.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.drafting_response import DraftResponse
from planexec.schemas.response import ChatResponse


class ThinkingEvent(Contract):
    type: Literal["thinking"] = "thinking"
    node: str = Field(description="Graph node that produced it.")
    message: str = Field(description="Short progress text (no payloads).")
    data: dict[str, Any] = Field(default_factory=dict, description="Small facts (counts, statuses).")
    thread_id: str | None = Field(
        default=None,
        description="Set on the first event of a chat stream: the thread whose checkpoints hold the turn "
        "(resume it with resume_chat_query / `planexec resume` if the run is interrupted).",
    )


class FactsSummaryEvent(Contract):
    type: Literal["facts_summary"] = "facts_summary"
    facts_summary: dict[str, Any] = Field(description="The FactsSummary as a dict.")


class CompleteEvent(Contract):
    type: Literal["complete"] = "complete"
    response: ChatResponse = Field(description="The same response process_chat_query returns (as a dict).")


class ErrorEvent(Contract):
    type: Literal["error"] = "error"
    code: str = Field(description="Machine-readable error code, e.g. 'invalid_input', 'tool_timeout'.")
    message: str = Field(description="Clear, human-readable message.")
    thread_id: str | None = Field(default=None, description="Thread whose checkpoint holds the partial run.")


class SectionEvent(Contract):
    """A drafted section finished (streamed as each one finishes, before the round ends)."""

    type: Literal["section"] = "section"
    section_id: str = Field(description="Section id.")
    status: Literal["ok", "invalid"] = Field(description="ok, or invalid after the last attempt.")
    cache_hit: bool = Field(default=False, description="Served from the per-section cache.")
    words: int = Field(default=0, ge=0, description="Words of prose in the section.")
    composer: str | None = Field(
        default=None, description="llm | extractive | extractive_fallback (None when nothing was written)."
    )


class InterruptEvent(Contract):
    """The run waits for the user; answer with resume_draft(thread_id, decision)."""

    type: Literal["interrupt"] = "interrupt"
    thread_id: str = Field(description="Thread to resume.")
    kind: Literal["confirm_plan", "review"] = Field(
        description="confirm_plan: accept or edit the section list; review: approve or give feedback."
    )
    payload: dict[str, Any] = Field(
        description="What to show: the plan (confirm_plan) or the drafted sections (review)."
    )


class DraftCompleteEvent(Contract):
    """The drafting run ended (committed, rejected or stopped early)."""

    type: Literal["draft_complete"] = "draft_complete"
    draft: DraftResponse = Field(description="Outcome, the Markdown document and the trace.")


ChatEvent = Annotated[
    ThinkingEvent | FactsSummaryEvent | CompleteEvent | ErrorEvent, Field(discriminator="type")
]
DraftEvent = Annotated[
    ThinkingEvent | SectionEvent | InterruptEvent | DraftCompleteEvent | ErrorEvent,
    Field(discriminator="type"),
]
