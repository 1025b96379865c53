"""Shared pieces of the structured-output LLM calls (edge proposer, slot proposer).

A JSON-Schema dict (not a Pydantic class) is sent as the structured output so that every answer,
legal or not, comes back as a raw message with its token usage; code validates it. Any failure of
a call (late, HTTP error, malformed answer) is an `AnswerRejected` with a short reason to record.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable

StructuredMethod = Literal["json_schema", "function_calling"]


class AnswerRejected(ValueError):
    """A model answer that cannot be used; the message is the short reason recorded."""


def content_text(raw: AIMessage) -> str:
    if isinstance(raw.content, str):
        return raw.content
    parts = [b if isinstance(b, str) else str(b.get("text", "")) for b in raw.content]
    return "".join(parts)


def answer_payload(raw: AIMessage) -> object:
    """The JSON value of a raw answer (tool-call arguments or message content), or AnswerRejected."""
    if raw.tool_calls:
        return raw.tool_calls[0]["args"]
    if raw.invalid_tool_calls:
        args = str(raw.invalid_tool_calls[0].get("args") or "")[:80]
        raise AnswerRejected(f"malformed: tool-call arguments are not valid JSON ({args!r})")
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", content_text(raw).strip())
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerRejected(f"malformed: not valid JSON ({exc.msg}; got {text[:80]!r})") from exc


def describe_failure(exc: BaseException, timeout_s: float) -> str:
    """Short reason for a failed call: late, HTTP status, connection, or the error type."""
    if isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower():
        return f"late: no answer within {timeout_s:g}s"
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return f"HTTP {status} from the model server"
    first_line = (str(exc).splitlines() or [""])[0][:120]
    return f"call failed: {type(exc).__name__}: {first_line}"


def structured_runnable(
    model: BaseChatModel, schema: dict[str, Any], method: StructuredMethod, run_name: str, tag: str
) -> Runnable[Any, Any]:
    """The model answering in `schema` (strict), returning the raw message too."""
    structured = model.with_structured_output(schema, method=method, include_raw=True, strict=True)
    return structured.with_config(run_name=run_name, tags=[tag])


async def call_bounded(
    runnable: Runnable[Any, Any], messages: list[BaseMessage], timeout_s: float
) -> AIMessage:
    """One bounded request; the raw answer, or AnswerRejected (late, HTTP error, ...)."""
    try:
        result = await asyncio.wait_for(runnable.ainvoke(messages), timeout=timeout_s)
    except Exception as exc:  # any failure of the model call is a rejection, never a crash
        raise AnswerRejected(describe_failure(exc, timeout_s)) from exc
    raw = result.get("raw") if isinstance(result, dict) else result
    if not isinstance(raw, AIMessage):
        raise AnswerRejected(f"malformed: unexpected answer type {type(raw).__name__}")
    return raw
