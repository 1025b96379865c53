"""Scripted answers of the fake OpenAI server and their wire form (chat completion, SSE chunks).

Builders: `content`, `json_content`, `tool_call`, `structured` (content for `response_format`,
a tool call when the request forces a tool), `malformed`, `http_error`, `slow(reply, delay_s)`,
`truncated(reply)` (finish_reason "length"), `trickle(reply, chunk_delay_s)` (slow streaming).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, replace
from typing import Any, Literal

Usage = tuple[int, int] | Literal["auto"] | None
ReplyKind = Literal["content", "tool_call", "structured", "http_error"]


@dataclass(frozen=True)
class Reply:
    """One scripted answer. Build it with the helpers below."""

    kind: ReplyKind
    text: str = ""  # message content, tool-call arguments or structured JSON, or error message
    tool_name: str | None = None  # default: the tool the request forces (or its first tool)
    status: int = 200
    delay_s: float = 0.0
    usage: Usage = "auto"  # "auto": chars/4 of request and answer; None: omit; (prompt, completion)
    finish_reason: str | None = None  # default: "stop" (content) or "tool_calls"; e.g. "length"
    chunk_delay_s: float = 0.0  # pause between streamed chunks (a slow generator)


def content(text: str, *, delay_s: float = 0.0, usage: Usage = "auto") -> Reply:
    return Reply("content", text=text, delay_s=delay_s, usage=usage)


def json_content(obj: Any, *, delay_s: float = 0.0, usage: Usage = "auto") -> Reply:
    return content(json.dumps(obj), delay_s=delay_s, usage=usage)


def tool_call(
    arguments: Any, *, name: str | None = None, delay_s: float = 0.0, usage: Usage = "auto"
) -> Reply:
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return Reply("tool_call", text=text, tool_name=name, delay_s=delay_s, usage=usage)


def structured(obj: Any, *, delay_s: float = 0.0, usage: Usage = "auto") -> Reply:
    """JSON in the shape the request asked for: a forced tool call, else message content."""
    text = obj if isinstance(obj, str) else json.dumps(obj)
    return Reply("structured", text=text, delay_s=delay_s, usage=usage)


def malformed(text: str = '{"edge": "solar_map", "rationale": ', *, usage: Usage = "auto") -> Reply:
    """Broken JSON, delivered as a structured answer (content or tool-call arguments)."""
    return Reply("structured", text=text, usage=usage)


def slow(reply: Reply, delay_s: float) -> Reply:
    return replace(reply, delay_s=delay_s)


def trickle(reply: Reply, chunk_delay_s: float) -> Reply:
    """The same answer streamed slowly: `chunk_delay_s` between SSE chunks (16 characters each)."""
    return replace(reply, chunk_delay_s=chunk_delay_s)


def truncated(reply: Reply) -> Reply:
    """The same answer, cut off by the token limit (`finish_reason: "length"`)."""
    return replace(reply, finish_reason="length")


def http_error(status: int = 500, message: str = "scripted server error", *, delay_s: float = 0.0) -> Reply:
    return Reply("http_error", text=message, status=status, delay_s=delay_s)


def _tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def _forced_tool(body: dict[str, Any]) -> str | None:
    """The tool a request forces (`tool_choice` naming one, or "required"), if any."""
    choice, tools = body.get("tool_choice"), body.get("tools") or []
    if isinstance(choice, dict):
        name = choice.get("function", {}).get("name")
        return str(name) if name else None
    if choice == "required" and tools:
        return str(tools[0]["function"]["name"])
    return None


def answer_message(reply: Reply, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The assistant message for a reply and its finish reason."""
    as_tool = reply.kind == "tool_call" or (reply.kind == "structured" and _forced_tool(body))
    if not as_tool:
        return {"role": "assistant", "content": reply.text, "refusal": None}, reply.finish_reason or "stop"
    tools = body.get("tools") or [{"function": {"name": "tool"}}]
    name = reply.tool_name or _forced_tool(body) or tools[0]["function"]["name"]
    call = {"id": "call_scripted", "type": "function", "function": {"name": name, "arguments": reply.text}}
    message = {"role": "assistant", "content": None, "refusal": None, "tool_calls": [call]}
    return message, reply.finish_reason or "tool_calls"


def usage_of(reply: Reply, body: dict[str, Any]) -> dict[str, int] | None:
    if reply.usage is None:
        return None
    if reply.usage == "auto":
        prompt, completion = _tokens(json.dumps(body.get("messages", []))), _tokens(reply.text)
    else:
        prompt, completion = reply.usage
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def completion_body(reply: Reply, body: dict[str, Any], cid: str) -> dict[str, Any]:
    """A non-streaming `chat.completion` object for a reply."""
    message, finish = answer_message(reply, body)
    out: dict[str, Any] = {
        "id": cid,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
    }
    usage = usage_of(reply, body)
    if usage is not None:
        out["usage"] = usage
    return out


def stream_chunks(reply: Reply, body: dict[str, Any], cid: str) -> list[dict[str, Any]]:
    message, finish = answer_message(reply, body)
    head = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time())}
    head["model"] = body.get("model", "scripted")
    pieces = [reply.text[i : i + 16] for i in range(0, len(reply.text), 16)] or [""]
    deltas: list[dict[str, Any]] = []
    if "tool_calls" in message:
        call = message["tool_calls"][0]
        for i, piece in enumerate(pieces):
            fn = {"name": call["function"]["name"], "arguments": piece} if i == 0 else {"arguments": piece}
            extra = {"id": call["id"], "type": "function"} if i == 0 else {}
            deltas.append({"tool_calls": [{"index": 0, **extra, "function": fn}]})
    else:
        deltas = [{"content": piece} for piece in pieces]
    deltas[0] = {"role": "assistant", **deltas[0]}
    chunks = [{**head, "choices": [{"index": 0, "delta": d, "finish_reason": None}]} for d in deltas]
    chunks.append({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    usage = usage_of(reply, body)
    if usage is not None and (body.get("stream_options") or {}).get("include_usage"):
        chunks.append({**head, "choices": [], "usage": usage})
    return chunks
