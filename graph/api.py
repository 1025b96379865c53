"""Public API (async, for async chat backends): process_chat_query and stream_chat_query run a turn;
resume_chat_query and stream_resume_chat_query finish a thread's interrupted turn."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, cast

from langchain_core.runnables import RunnableConfig

from planexec.graph.chat import chat_graph_for
from planexec.graph.checkpoint import open_async_checkpointer
from planexec.graph.response import build_response, error_response
from planexec.nodes.context import ChatContext
from planexec.nodes.state import ChatInput, state_dict
from planexec.schemas.events import CompleteEvent, ErrorEvent, FactsSummaryEvent, ThinkingEvent
from planexec.schemas.settings import Settings

log = logging.getLogger(__name__)
MAX_QUERY_BYTES = 100_000
MAX_HISTORY = 20
MAX_THREAD_ID = 200
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


def _announce(chunk: Any, thread_id: str) -> list[dict[str, Any]]:
    """The stream's first event carries the thread id: the first `thinking` event gets it (one is
    made when the graph's first event is something else)."""
    if isinstance(chunk, dict) and chunk.get("type") == "thinking":
        return [{**chunk, "thread_id": thread_id}]
    start = ThinkingEvent(node="start", message=f"thread {thread_id}", thread_id=thread_id).model_dump()
    return [start] if chunk is None else [start, chunk]


async def _resume_problem(chat: Any, config: RunnableConfig, thread_id: str) -> ErrorEvent | None:
    snapshot = await chat.aget_state(config)
    if not snapshot.values:
        return ErrorEvent(
            code="thread_not_found", message=f"no checkpoint for thread {thread_id!r}", thread_id=thread_id
        )
    if not snapshot.next and not snapshot.tasks:  # `next` omits tasks that finished before the stop
        return ErrorEvent(
            code="nothing_to_resume",
            message=f"thread {thread_id!r} has no interrupted turn: its last turn finished",
            thread_id=thread_id,
        )
    return None


async def _stream(
    chat: Any, inputs: ChatInput | None, config: RunnableConfig, context: ChatContext, thread_id: str
) -> AsyncIterator[dict[str, Any]]:
    """The graph's custom events, the first one a `thinking` event stamped with the thread id."""
    announced = False
    async for chunk in chat.astream(inputs, config, context=context, stream_mode="custom"):
        for event in [chunk] if announced else _announce(chunk, thread_id):
            yield event
        announced = True
    if not announced:
        yield _announce(None, thread_id)[0]


def _timeout(budget_s: float, thread_id: str) -> dict[str, Any]:
    message = f"the query took longer than {budget_s:.0f} s"
    return ErrorEvent(code="timeout", message=message, thread_id=thread_id).model_dump()


async def _run(
    inputs: ChatInput | None,
    thread_id: str,
    lang: str | None,
    context: ChatContext | None,
    checkpoint_url: str | None,
    settings: Settings | None,
) -> AsyncIterator[dict[str, Any]]:
    """Run a turn (`inputs`) or resume the thread's interrupted one (`None`) and stream its events."""
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}, "recursion_limit": 200}
    settings = settings or (context.settings if context is not None else Settings())
    budget_s = settings.query_timeout_s
    started = time.monotonic()
    try:
        checkpoint = checkpoint_url or settings.resolved_checkpoint_url()
        async with open_async_checkpointer(checkpoint, settings=settings, thread_id=thread_id) as saver:
            chat = chat_graph_for(saver)
            problem = None if inputs is not None else await _resume_problem(chat, config, thread_id)
            if problem is None:
                run_context = context or ChatContext(settings=settings)
                async with asyncio.timeout(budget_s):
                    async for event in _stream(chat, inputs, config, run_context, thread_id):
                        yield event
                state = state_dict((await chat.aget_state(config)).values)
        if problem is not None:  # sent after the checkpointer closed: the caller may stop reading here
            yield problem.model_dump()
            return
        response = build_response(state, thread_id, lang or state.get("target_language"))
    except TimeoutError:
        yield _timeout(budget_s, thread_id)
        return
    except Exception as exc:  # the process must survive anything a query does
        if time.monotonic() - started >= budget_s:  # a library turned the budget's cancellation into this
            log.warning("chat query over its budget ended with %s: %s", type(exc).__name__, exc)
            yield _timeout(budget_s, thread_id)
            return
        log.exception("chat query failed")
        yield ErrorEvent(
            code="internal_error", message=f"{type(exc).__name__}: {exc}"[:500], thread_id=thread_id
        ).model_dump()
        return
    summary = response.metadata.facts_summary
    yield FactsSummaryEvent(facts_summary=summary.model_dump(mode="json") if summary else {}).model_dump()
    yield CompleteEvent(response=response).model_dump(mode="json")


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
    """Yield `thinking` events (the first carries `thread_id`), then `facts_summary` and `complete`
    — or one `error` event.

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
    inputs = cast(ChatInput, _inputs(user_query, conversation_history, session, lang, synthetic_points))
    async for event in _run(inputs, thread_id, lang, context, checkpoint_url, settings):
        yield event


async def stream_resume_chat_query(
    thread_id: str,
    *,
    context: ChatContext | None = None,
    checkpoint_url: str | None = None,
    settings: Settings | None = None,
) -> AsyncIterator[dict[str, Any]]:
    """Finish the thread's interrupted turn (the process died, the run failed or timed out):
    finished steps are not run again. Same events as `stream_chat_query`; an `error` event
    `thread_not_found` or `nothing_to_resume` when there is nothing to finish."""
    if not isinstance(thread_id, str) or not thread_id.strip() or len(thread_id) > MAX_THREAD_ID:
        message = f"thread_id must be a non-empty string of at most {MAX_THREAD_ID} characters"
        yield ErrorEvent(code="invalid_input", message=message).model_dump()
        return
    async for event in _run(None, thread_id, None, context, checkpoint_url, settings):
        yield event


async def resume_chat_query(thread_id: str, **options: Any) -> dict[str, Any]:
    """Finish the thread's interrupted turn and return the response dict (see process_chat_query);
    a dict with `error` ({code, message}) when there is nothing to resume or it fails."""
    return await _collect(stream_resume_chat_query(thread_id, **options), "")


async def _collect(events: AsyncIterator[dict[str, Any]], query: Any) -> dict[str, Any]:
    async for event in events:
        if event["type"] == "complete":
            return dict(event["response"])
        if event["type"] == "error":
            failed = error_response(query, event["code"], event["message"], event.get("thread_id"))
            return failed.to_dict()
    raise RuntimeError("stream ended without a complete or error event")  # pragma: no cover


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
    events = stream_chat_query(
        user_query, conversation_history, correlation_session_id, target_language, **options
    )
    return await _collect(events, user_query)
