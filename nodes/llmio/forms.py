"""The request forms of a structured answer and how each answer is read back.

- json_schema: `response_format={"type": "json_schema", "json_schema": {name, schema, strict: true}}`
  (OpenAI, vLLM, Ollama, llama-server).
- json_object: `response_format={"type": "json_object", "schema": ...}` (llama-cpp-python, llama-server); the
  schema (simplified) is also shown in the system prompt.
- tools: one function with the schema as parameters and `tool_choice` naming it (wherever tools work).
- prompt: no constraint on the wire; the schema is in the system prompt and the JSON is read from the text.

`response_format` travels in `extra_body` so that the client sends it as is and streams plain chunks (the
OpenAI SDK's parse helpers reject non-OpenAI shapes and raise on a `length` finish before we see usage).
"""

from __future__ import annotations

import json
import re
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage

from planexec.nodes.llmio.errors import AnswerRejected
from planexec.nodes.llmio.tool_schema import simplify_schema
from planexec.schemas.llm import StructuredMode

SCHEMA_PROMPT = "Answer with one JSON object, nothing else, that follows this JSON Schema:\n{schema}"
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


def content_text(raw: AIMessage) -> str:
    """The text of a message whose content is a string or a list of parts."""
    if isinstance(raw.content, str):
        return raw.content
    parts = [b if isinstance(b, str) else str(b.get("text", "")) for b in raw.content]
    return "".join(parts)


def _with_schema_prompt(messages: list[BaseMessage], schema: dict[str, Any]) -> list[BaseMessage]:
    note = SCHEMA_PROMPT.format(schema=json.dumps(schema, ensure_ascii=False, separators=(",", ":")))
    if messages and isinstance(messages[0], SystemMessage) and isinstance(messages[0].content, str):
        return [SystemMessage(f"{messages[0].content}\n\n{note}"), *messages[1:]]
    return [SystemMessage(note), *messages]


def request_of(
    mode: StructuredMode, schema: dict[str, Any], messages: list[BaseMessage], name: str, extra_body: Any
) -> tuple[list[BaseMessage], dict[str, Any]]:
    """(messages, request kwargs) asking for `schema` in form `mode`."""
    body = dict(extra_body) if isinstance(extra_body, dict) else {}
    if mode == "json_schema":
        spec = {"name": name, "schema": schema, "strict": True}
        return messages, {
            "extra_body": {**body, "response_format": {"type": "json_schema", "json_schema": spec}}
        }
    plain = simplify_schema(schema)
    if mode == "json_object":
        rf = {"type": "json_object", "schema": plain}
        return _with_schema_prompt(messages, plain), {"extra_body": {**body, "response_format": rf}}
    if mode == "tools":
        function = {"name": name, "description": str(schema.get("description") or name), "parameters": plain}
        choice = {"type": "function", "function": {"name": name}}
        return messages, {"tools": [{"type": "function", "function": function}], "tool_choice": choice}
    return _with_schema_prompt(messages, plain), {}


def _json_in(text: str) -> object:
    text = _FENCE.sub("", text.strip())
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        start, end = text.find("{"), text.rfind("}")
        if 0 <= start < end:  # a chatty model wrapped the object in prose
            try:
                return json.loads(text[start : end + 1])
            except json.JSONDecodeError:
                pass
        raise AnswerRejected(f"malformed: not valid JSON ({exc.msg}; got {text[:80]!r})") from exc


def payload_of(raw: AIMessage, mode: StructuredMode) -> object:
    """The JSON value of an answer (tool-call arguments or message content), or AnswerRejected."""
    if raw.tool_calls:
        return raw.tool_calls[0]["args"]
    if raw.invalid_tool_calls:
        args = str(raw.invalid_tool_calls[0].get("args") or "")[:80]
        raise AnswerRejected(f"malformed: tool-call arguments are not valid JSON ({args!r})")
    text = content_text(raw)
    if mode == "tools" and not text.strip():
        raise AnswerRejected("malformed: no tool call and no text in the answer")
    return _json_in(text)
