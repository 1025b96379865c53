"""Token usage of one chat-model call: the API's count when it gives one, else an offline estimate.

The estimate is deliberately simple and offline (no tokenizer download): about four characters
per token, plus a few tokens of framing per message. It is flagged `estimated=True`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from planexec.schemas.usage import TokenUsage

CHARS_PER_TOKEN = 4
MESSAGE_OVERHEAD_TOKENS = 4


def estimate_tokens(text: str) -> int:
    """Offline token estimate for a text: ceil(chars / 4)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


def _message_text(message: BaseMessage) -> str:
    content: Any = message.content
    text = content if isinstance(content, str) else json.dumps(content, default=str)
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        text += json.dumps([c.get("args") for c in calls], default=str)
    return text


def estimate_messages_tokens(messages: Sequence[BaseMessage]) -> int:
    """Offline estimate for a prompt: text of every message plus a small per-message overhead."""
    return sum(estimate_tokens(_message_text(m)) + MESSAGE_OVERHEAD_TOKENS for m in messages)


def estimate_reply_tokens(reply: AIMessage) -> int:
    """Offline estimate for an answer: its content and any tool-call arguments (valid or not)."""
    text = _message_text(reply)
    for bad in reply.invalid_tool_calls:
        text += str(bad.get("args") or "")
    return estimate_tokens(text)


def usage_of_call(prompt: Sequence[BaseMessage], reply: AIMessage | None) -> TokenUsage:
    """Usage of one request. Counts from the API (`usage_metadata`) when present, else estimated.

    `reply=None` (the call failed: timeout, HTTP error) counts the request with zero tokens.
    """
    if reply is None:
        return TokenUsage(llm_calls=1)
    meta = reply.usage_metadata
    if meta:
        prompt_tokens, completion_tokens = int(meta["input_tokens"]), int(meta["output_tokens"])
        total = int(meta.get("total_tokens") or prompt_tokens + completion_tokens)
        return TokenUsage(
            prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, total_tokens=total, llm_calls=1
        )
    prompt_tokens, completion_tokens = estimate_messages_tokens(prompt), estimate_reply_tokens(reply)
    return TokenUsage(
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
        llm_calls=1,
        estimated=True,
    )
