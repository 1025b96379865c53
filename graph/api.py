"""Public API: process_chat_query and stream_chat_query (async, for async chat backends)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any, cast

from langchain_core.runnables import RunnableConfig

from planexec.graph.chat import build_chat_graph
from planexec.graph.checkpoint import open_async_checkpointer
from planexec.graph.response import build_response, error_response
from planexec.nodes.context import ChatContext
from planexec.nodes.state import ChatInput, state_dict
from planexec.schemas.events import CompleteEvent, ErrorEvent, FactsSummaryEvent
from planexec.schemas.settings import Settings

log = logging.getLogger(__name__)
MAX_QUERY_BYTES = 100_000
MAX_HISTORY = 20
_LANGS = {
    "en": "en",
    "english": "en",
    "pt": "pt",
    "pt-br": "pt",
    "pt_br": "pt",
    "portuguese": "pt",
    "português": "pt",
    "portugues": "pt",
}


def _input_error(user_query: Any, history: Any, target_language: Any) -> str | None:
    if not isinstance(user_query, str):
        return f"user_query must be a string, not {type(user_query).__name__}"
    if len(user_query.encode("utf-8", "replace")) > MAX_QUERY_BYTES:
        return f"user_query is larger than {MAX_QUERY_BYTES // 1000} kB"
    if history is not None and not isinstance(history, list):
        return "conversation_history must be a list of {'role', 'content'} messages"
    if target_language is not None and str(target_language).lower() not in _LANGS:
        return f"unsupported target_language {target_language!r}; use 'en' or 'pt'"
    return None


def _inputs(
    query: str, history: list[Any] | None, session: str, lang: str | None, synthetic_points: int
) -> dict[str, Any]:
    clean = [
        {"role": str(m.get("role", ""))[:20], "content": str(m.get("content", ""))[:2000]}
        for m in (history or [])[-MAX_HISTORY:]
        if isinstance(m, dict)
    ]
    inputs = {
        "query": query,
        "conversation_history": clean,
        "correlation_session_id": session,
        "target_language": lang,
    }
    return {**inputs, "synthetic_points": synthetic_points} if synthetic_points else inputs


async def stream_chat_query(
    user_query: str,
    conversation_history: list[dict[str, str]] | None = None,
    correlation_session_id: str | None = None,
    target_language: str | None = None,
    *,
    context: ChatContext | None = None,
    checkpoint_url: str | None = None,
    thread_id: str | None = None,
    synthetic_points: int = 0,
    settings: Settings | None = None,
) -> AsyncIterator[dict[str, Any]]:
    """Yield `thinking` events, then `facts_summary` and `complete` — or one `error` event.

    `settings` (default: the context's, else read from the environment now) gives the checkpointer
    URL and the time budget of the turn; `checkpoint_url` overrides the former.
    """
    problem = _input_error(user_query, conversation_history, target_language)
    if problem is not None:
        yield ErrorEvent(code="invalid_input", message=problem).model_dump()
        return
    lang = _LANGS[str(target_language).lower()] if target_language else None
    thread_id = thread_id or uuid.uuid4().hex
    session = correlation_session_id or thread_id
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}, "recursion_limit": 200}
    settings = settings or (context.settings if context is not None else Settings())
    budget_s = settings.query_timeout_s
    try:
        async with open_async_checkpointer(checkpoint_url or settings.resolved_checkpoint_url()) as saver:
            chat = build_chat_graph(saver)
            run_context = context or ChatContext(settings=settings)
            async with asyncio.timeout(budget_s):
                async for chunk in chat.astream(
                    cast(
                        ChatInput, _inputs(user_query, conversation_history, session, lang, synthetic_points)
                    ),
                    config,
                    context=run_context,
                    stream_mode="custom",
                ):
                    yield chunk
            state = state_dict((await chat.aget_state(config)).values)
        response = build_response(state, thread_id, lang)
    except TimeoutError:
        yield ErrorEvent(
            code="timeout",
            message=f"the query took longer than {budget_s:.0f} s",
            thread_id=thread_id,
        ).model_dump()
        return
    except Exception as exc:  # the process must survive anything a query does
        log.exception("chat query failed")
        yield ErrorEvent(
            code="internal_error", message=f"{type(exc).__name__}: {exc}"[:500], thread_id=thread_id
        ).model_dump()
        return
    summary = response.metadata.facts_summary
    yield FactsSummaryEvent(facts_summary=summary.model_dump(mode="json") if summary else {}).model_dump()
    yield CompleteEvent(response=response).model_dump(mode="json")


async def process_chat_query(
    user_query: str,
    conversation_history: list[dict[str, str]] | None = None,
    correlation_session_id: str | None = None,
    target_language: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Run a query to the end and return the response dict (a dumped `ChatResponse`).

    On bad input or a failure it returns a dict with `error` ({code, message}) and a text module
    saying what went wrong, instead of raising.
    """
    async for event in stream_chat_query(
        user_query, conversation_history, correlation_session_id, target_language, **options
    ):
        if event["type"] == "complete":
            return dict(event["response"])
        if event["type"] == "error":
            failed = error_response(user_query, event["code"], event["message"], event.get("thread_id"))
            return failed.to_dict()
    raise RuntimeError("stream ended without a complete or error event")  # pragma: no cover
