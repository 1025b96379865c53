"""One chat request, streamed when the endpoint allows it, aggregated into one `AIMessage`.

Streaming matters for more than latency: when the caller's `asyncio.timeout` cancels a streamed call the
HTTP connection is closed, and most servers (llama.cpp, vLLM, Ollama) stop generating when the client
goes away. A server that refuses `stream: true` gets a plain request instead, and is remembered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, message_chunk_to_message
from langchain_core.runnables import RunnableConfig

from planexec.nodes.llmio import endpoints as caps
from planexec.nodes.llmio.errors import dropped_connection, refuses_stream

T = TypeVar("T")
OnDelta = Callable[[str], Awaitable[None] | None]


class EmptyStream(RuntimeError):
    """A 200 streamed answer without a single chunk."""


def may_stream(model: BaseChatModel, kwargs: dict[str, Any]) -> bool:
    """Whether this request may be streamed to the model's endpoint (what it refused before)."""
    known = caps.capabilities(model)
    return known.streaming and (known.stream_tools or not kwargs.get("tools"))


def learn_empty_stream(model: BaseChatModel, kwargs: dict[str, Any]) -> None:
    """Remember a stream answered with nothing: no more streams with tools (or none at all without tools)."""
    field = "stream_tools" if kwargs.get("tools") else "streaming"
    caps.update(model, lambda _: {field: False})


async def again_if_dropped(call: Callable[[], Awaitable[T]]) -> T:
    """`call()`, once more when the server had dropped the (pooled) connection: servers that fail a stream
    after its headers close that connection, and the next request may find it dead."""
    try:
        return await call()
    except Exception as exc:
        if not dropped_connection(exc):
            raise
        return await call()


def _config(run_name: str | None) -> RunnableConfig:
    return {"run_name": run_name, "tags": [run_name]} if run_name else {}


def _is_openai(model: BaseChatModel) -> bool:
    return hasattr(model, "openai_api_base") and hasattr(model, "stream_usage")


def _delta_text(chunk: AIMessageChunk) -> str:
    if isinstance(chunk.content, str):
        return chunk.content
    return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in chunk.content)


async def _streamed(
    model: BaseChatModel,
    messages: list[BaseMessage],
    kwargs: dict[str, Any],
    config: RunnableConfig,
    on_delta: OnDelta | None,
) -> AIMessage:
    options: dict[str, Any] = {"stream_usage": True, **kwargs} if _is_openai(model) else dict(kwargs)
    total: AIMessageChunk | None = None
    async for chunk in model.astream(messages, config=config, **options):
        if not isinstance(chunk, AIMessageChunk):
            continue
        total = chunk if total is None else total + chunk
        text = _delta_text(chunk)
        if on_delta is not None and text:
            result = on_delta(text)
            if result is not None:
                await result
    if total is None:
        raise EmptyStream("the server answered the stream with no chunk")
    message = message_chunk_to_message(total)
    return message if isinstance(message, AIMessage) else AIMessage(content=message.content)


async def _invoked(
    model: BaseChatModel, messages: list[BaseMessage], kwargs: dict[str, Any], config: RunnableConfig
) -> AIMessage:
    options = {**kwargs, "stream": False} if _is_openai(model) else kwargs
    reply = await model.ainvoke(messages, config=config, **options)
    return reply if isinstance(reply, AIMessage) else AIMessage(content=reply.content)


async def send(
    model: BaseChatModel,
    messages: list[BaseMessage],
    kwargs: dict[str, Any],
    *,
    run_name: str | None = None,
    on_delta: OnDelta | None = None,
) -> AIMessage:
    """The answer to one request (streamed unless the endpoint refused streaming before)."""
    config = _config(run_name)
    if may_stream(model, kwargs):
        try:
            return await _streamed(model, messages, kwargs, config, on_delta)
        except EmptyStream:
            learn_empty_stream(model, kwargs)
        except Exception as exc:
            if not refuses_stream(exc):
                raise
            caps.update(model, lambda _: {"streaming": False})
    reply = await again_if_dropped(lambda: _invoked(model, messages, kwargs, config))
    if on_delta is not None and isinstance(reply.content, str) and reply.content:
        result = on_delta(reply.content)
        if result is not None:
            await result
    return reply


def finish_reason(raw: AIMessage) -> str | None:
    reason = (raw.response_metadata or {}).get("finish_reason")
    return str(reason) if reason else None


def note_usage(model: BaseChatModel, raw: AIMessage) -> None:
    """Remember whether the endpoint reports usage (for the capability record)."""
    reported = bool(raw.usage_metadata)
    if caps.capabilities(model).usage_reported != reported:
        caps.update(model, lambda _: {"usage_reported": reported})
