"""Request bodies of the reference chat backend (app/server.py)."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class ChatMessage(Contract):
    role: str = Field(max_length=20, description="'user' or 'assistant'.")
    content: str = Field(max_length=20_000, description="Message text.")


class ChatRequest(Contract):
    query: str = Field(max_length=100_000, description="The user's question.")
    conversation_history: list[ChatMessage] = Field(
        default_factory=list, max_length=50, description="Earlier turns, oldest first."
    )
    correlation_session_id: str | None = Field(
        default=None,
        max_length=128,
        description="The caller's id grouping a conversation (shown in metadata); it never makes two runs "
        "share server-side state.",
    )
    target_language: str | None = Field(default=None, max_length=16, description="'en' or 'pt'.")
    thread_id: str | None = Field(
        default=None,
        max_length=128,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        description="Conversation to continue (metadata.thread_id of an earlier answer); new when absent.",
    )


class ResumeRequest(Contract):
    thread_id: str = Field(
        max_length=128,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
        description="Thread whose interrupted turn to finish (the first event's / metadata.thread_id).",
    )
