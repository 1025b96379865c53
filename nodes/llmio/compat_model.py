"""`CompatChatOpenAI`: ChatOpenAI whose requests any OpenAI-compatible server accepts.

Only the request payload changes (through langchain-openai's `_get_request_payload` hook):
- an assistant message with tool calls has `content: ""`, not null; a tool message's (and an assistant
  message's) list of text parts is sent as one string (llama-cpp-python answers HTTP 500 to both);
- tool parameters shown to the model are simplified (`tool_schema.simplify_schema`: no maxLength,
  pattern, format, ...; the hub still validates the real contract);
- the cap is sent as `max_tokens` (langchain-openai writes `max_completion_tokens`, which llama.cpp-style
  servers ignore); `max_completion_tokens` once a server refuses `max_tokens` (OpenAI reasoning models);
- `tool_choice: "auto"` is sent whenever tools are bound without a tool_choice (some servers ignore
  tools without it); dropped for the endpoint once the server refuses it;
- `response_format` travels in `extra_body`, so the SDK streams plain chunks instead of its OpenAI-only
  parse helpers (which reject other shapes and raise on a `length` finish before usage is read).
A server that refuses `stream: true` is asked without streaming from then on (capability cache); one that
answers a stream with tools with no chunk at all (llama-cpp-python's function-calling format) gets its
requests with tools unstreamed. Its async connection pool is per event loop (`loop_transport`), so
one model object serves every `asyncio.run` of a process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_openai import ChatOpenAI
from pydantic import model_validator

from planexec.nodes.llmio import endpoints as caps
from planexec.nodes.llmio.errors import refuses, refuses_stream
from planexec.nodes.llmio.loop_transport import per_loop_async_client
from planexec.nodes.llmio.request import again_if_dropped, learn_empty_stream, may_stream
from planexec.nodes.llmio.tool_schema import model_view


def _text_parts(content: Any) -> Any:
    """A list of text parts as one string (other content unchanged)."""
    if not isinstance(content, list):
        return content
    if not all(isinstance(p, str) or (isinstance(p, dict) and p.get("type") == "text") for p in content):
        return content
    return "\n".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)


def fix_message(message: dict[str, Any]) -> dict[str, Any]:
    """A chat message every server accepts: no null content, text parts joined."""
    fixed = dict(message)
    if fixed.get("role") in ("assistant", "tool"):
        fixed["content"] = _text_parts(fixed.get("content"))
        if fixed["content"] is None:
            fixed["content"] = ""
    return fixed


def simplify_tool(tool: dict[str, Any]) -> dict[str, Any]:
    function = tool.get("function")
    if tool.get("type") != "function" or not isinstance(function, dict):
        return tool
    parameters = function.get("parameters")
    if isinstance(parameters, dict):
        function = {**function, "parameters": model_view(parameters)}
    return {**tool, "function": function}


def _chunk_of(message: Any, info: dict[str, Any] | None) -> AIMessageChunk:
    calls = [
        {"name": c["name"], "args": json.dumps(c["args"]), "id": c.get("id"), "index": i}
        for i, c in enumerate(getattr(message, "tool_calls", None) or [])
    ]
    return AIMessageChunk(
        content=message.content,
        tool_call_chunks=calls,  # type: ignore[arg-type]
        usage_metadata=getattr(message, "usage_metadata", None),
        response_metadata={**(message.response_metadata or {}), **(info or {})},
        id=message.id,
    )


def _finished(chunk: ChatGenerationChunk) -> bool:
    return bool((chunk.generation_info or {}).get("finish_reason"))


def _says_something(chunk: ChatGenerationChunk) -> bool:
    message = chunk.message
    calls = getattr(message, "tool_call_chunks", None)
    return bool(message.content) or bool(calls)


class CompatChatOpenAI(ChatOpenAI):
    """ChatOpenAI for OpenAI, vLLM, Ollama, llama.cpp's llama-server and llama-cpp-python alike."""

    @model_validator(mode="before")
    @classmethod
    def _pool_per_event_loop(cls, values: Any) -> Any:
        """Unless a client is given: one whose pooled connections never cross event loops."""
        if isinstance(values, dict) and values.get("http_async_client") is None:
            values = {**values, "http_async_client": per_loop_async_client()}
        return values

    def _get_request_payload(self, input_: Any, *, stop: list[str] | None = None, **kwargs: Any) -> dict:
        payload = super()._get_request_payload(input_, stop=stop, **kwargs)
        known = caps.capabilities(self)
        if isinstance(payload.get("messages"), list):
            payload["messages"] = [fix_message(m) for m in payload["messages"]]
        if payload.get("tools"):
            payload["tools"] = [simplify_tool(t) for t in payload["tools"]]
            if payload.get("tool_choice") is None and known.send_tool_choice:
                payload["tool_choice"] = "auto"
        if "max_completion_tokens" in payload and known.token_limit_field == "max_tokens":
            payload["max_tokens"] = payload.pop("max_completion_tokens")
        if isinstance(payload.get("response_format"), dict):
            extra = payload.get("extra_body") or {}
            payload["extra_body"] = {**extra, "response_format": payload.pop("response_format")}
        return payload

    def _should_stream(self, *, async_api: bool, **kwargs: Any) -> bool:
        return may_stream(self, kwargs) and super()._should_stream(async_api=async_api, **kwargs)

    def _learned(self, exc: Exception, kwargs: dict[str, Any]) -> bool:
        """Learn from a refusal (streaming, our tool_choice); True when asking again may succeed."""
        known = caps.capabilities(self)
        if known.streaming and refuses_stream(exc):
            caps.update(self, lambda _: {"streaming": False})
            return True
        if known.token_limit_field == "max_tokens" and refuses(exc, ("max_completion_tokens",)):
            caps.update(self, lambda _: {"token_limit_field": "max_completion_tokens"})
            return True
        ours = kwargs.get("tools") and kwargs.get("tool_choice") is None and known.send_tool_choice
        if ours and refuses(exc, ("tool_choice",)):
            caps.update(self, lambda _: {"send_tool_choice": False})
            return True
        return False

    async def _agenerate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if k not in ("stream_options", "stream_usage")}
        kwargs["stream"] = False  # the plain path (`streaming=True` would otherwise put stream: true in it)
        try:
            return await super()._agenerate(messages, stop, run_manager, **kwargs)
        except Exception as exc:
            if not self._learned(exc, kwargs):
                raise
            return await super()._agenerate(messages, stop, run_manager, **kwargs)

    async def _astream(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> AsyncIterator[ChatGenerationChunk]:
        started = said = False
        held: list[ChatGenerationChunk] = []  # empty chunks wait until something is said
        try:
            async for chunk in super()._astream(messages, stop, run_manager, **kwargs):
                started = True
                if not said and not _says_something(chunk):
                    held.append(chunk)
                    continue
                said = True
                for waiting in held:
                    yield waiting
                held.clear()
                yield chunk
        except Exception as exc:
            if started or not self._learned(exc, kwargs):
                raise
        else:
            if said:
                return
            if not kwargs.get("tools") and any(_finished(c) for c in held):
                for waiting in held:  # a finished, empty answer: the model's own (it is checked later)
                    yield waiting
                return
            # a 200 stream with no chunk, only a role delta and no finish (llama-cpp-python's
            # chatml-function-calling format), or with tools only empty chunks: ask without
            # streaming, and remember for this endpoint
            learn_empty_stream(self, kwargs)
        if may_stream(self, kwargs):
            async for chunk in super()._astream(messages, stop, run_manager, **kwargs):
                yield chunk
            return
        result = await again_if_dropped(lambda: self._agenerate(messages, stop, run_manager, **kwargs))
        generation = result.generations[0]
        yield ChatGenerationChunk(message=_chunk_of(generation.message, generation.generation_info))
