"""What an ask returns: the answer, how it was asked for, and what it cost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from langchain_core.messages import AIMessage

from planexec.schemas.llm import StructuredMode
from planexec.schemas.usage import TokenUsage

ReplyMode = StructuredMode | Literal["text"]


@dataclass(frozen=True)
class LLMReply:
    """One used answer. `usage` sums every request of the ask (step-downs and length retries included,
    those marked failed); `payload` is the parsed JSON of a structured answer (None for text)."""

    payload: object | None
    text: str
    finish_reason: str | None
    usage: TokenUsage
    mode: ReplyMode
    raw: AIMessage
