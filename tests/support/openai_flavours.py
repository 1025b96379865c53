"""Server flavours of the scripted OpenAI server: the ways real OpenAI-compatible servers differ.

Each flag emulates one server seen in the wild (llama-cpp-python, llama-server, Ollama, vLLM):
- rejects_json_schema: HTTP 500 to `response_format: {"type": "json_schema"}` (llama-cpp-python);
  `{"type": "json_object", "schema": ...}` is accepted.
- needs_tool_choice: tools are ignored (plain content answered) unless `tool_choice` is sent
  (llama-cpp-python's chatml-function-calling).
- rejects_tool_choice: HTTP 400 when `tool_choice` is sent at all.
- no_usage: never reports token usage.
- no_streaming: HTTP 400 to `stream: true`.
- breaks_tool_streams: a streamed request with tools and `tool_choice: "auto"` gets a 200 event stream that
  ends without a single event (llama-cpp-python: "Automatic streaming tool choice is not supported").
- empty_tool_streams: the same request gets a 200 event stream of one empty delta and `finish_reason:
  "stop"` (llama-cpp-python 0.3.36 with chatml-function-calling, as measured): no content, no tool call.
- silent_streams: any streamed request without tools gets a 200 event stream of a role delta only, no
  content and no finish_reason (llama-cpp-python 0.3.36 with chatml-function-calling, as measured).
- rejects_null_content: HTTP 500 when an assistant message has `content: null` or a tool message's content
  is a list of parts (llama-cpp-python).
- crash_on_schema_keywords: HTTP 500 when tool parameters (or a response schema) hold maxLength, pattern or
  format (llama-cpp-python's grammar builder).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tests.support.openai_replies import Reply

GRAMMAR_KEYWORDS = ("maxLength", "pattern", "format")


@dataclass(frozen=True)
class Flavour:
    rejects_json_schema: bool = False
    needs_tool_choice: bool = False
    rejects_tool_choice: bool = False
    no_usage: bool = False
    no_streaming: bool = False
    breaks_tool_streams: bool = False
    empty_tool_streams: bool = False
    silent_streams: bool = False
    rejects_null_content: bool = False
    crash_on_schema_keywords: bool = False


LLAMA_CPP_PYTHON = Flavour(
    rejects_json_schema=True,
    needs_tool_choice=True,
    rejects_null_content=True,
    crash_on_schema_keywords=True,
    empty_tool_streams=True,
    silent_streams=True,
)


def _has_keyword(node: Any) -> bool:
    """True when a schema (any depth) uses one of GRAMMAR_KEYWORDS; property names are not keywords."""
    if isinstance(node, list):
        return any(_has_keyword(item) for item in node)
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            if any(_has_keyword(v) for v in value.values()):
                return True
        elif key in GRAMMAR_KEYWORDS or _has_keyword(value):
            return True
    return False


def _bad_message(message: dict[str, Any]) -> bool:
    role, content = message.get("role"), message.get("content", "")
    return (role == "assistant" and content is None) or (role == "tool" and isinstance(content, list))


def refusal(flavour: Flavour, body: dict[str, Any]) -> tuple[int, str] | None:
    """(status, message) of the error this flavour answers to the request, or None. Status 200: an event
    stream that ends at once (no event)."""
    response_format = body.get("response_format") or {}
    auto_tools = body.get("tools") and body.get("tool_choice") in (None, "auto")
    if flavour.no_streaming and body.get("stream"):
        return 400, "stream: streaming is not supported by this server"
    if flavour.rejects_json_schema and response_format.get("type") == "json_schema":
        return 500, "1 validation error: response_format.type: Input should be 'text' or 'json_object'"
    if flavour.rejects_tool_choice and "tool_choice" in body:
        return 400, "tool_choice is not supported"
    if flavour.rejects_null_content and any(_bad_message(m) for m in body.get("messages", [])):
        return 500, "Internal Server Error"
    schemas = [t.get("function", {}).get("parameters") for t in body.get("tools") or []]
    schemas.append(response_format.get("schema"))
    if flavour.crash_on_schema_keywords and _has_keyword([s for s in schemas if s]):
        return 500, "Internal Server Error"
    # the request was valid: now how the server streams it
    if flavour.breaks_tool_streams and body.get("stream") and auto_tools:
        return 200, "Automatic streaming tool choice is not supported"
    if flavour.empty_tool_streams and body.get("stream") and auto_tools:
        return 200, "empty"
    if flavour.silent_streams and body.get("stream") and not body.get("tools"):
        return 200, "silent"
    return None


def flavoured(flavour: Flavour, reply: Reply, body: dict[str, Any]) -> Reply:
    """The reply as this flavour would send it (tools ignored without tool_choice, usage dropped)."""
    ignored = flavour.needs_tool_choice and body.get("tools") and "tool_choice" not in body
    if ignored and reply.kind in ("tool_call", "structured"):
        reply = replace(reply, kind="content")  # the arguments come back as plain text
    if flavour.no_usage:
        reply = replace(reply, usage=None)
    return reply
