"""Request body of the reference chat backend (app/server.py)."""

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
        default=None, max_length=128, description="Geospatial session to reuse across turns."
    )
    target_language: str | None = Field(default=None, max_length=16, description="'en' or 'pt'.")
