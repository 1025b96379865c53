"""Reference chat backend: an HTTP face over the public API (Starlette + uvicorn).

POST /chat          JSON ChatRequest -> the process_chat_query dict (400 on bad input)
POST /chat/stream   JSON ChatRequest -> Server-Sent Events: thinking… (the first carries thread_id),
                    facts_summary, complete | error
POST /chat/resume   JSON ResumeRequest {thread_id} -> finish the thread's interrupted turn; the /chat
                    response (404 unknown thread, 409 nothing to resume, 400 bad input)
POST /chat/resume/stream   the same as Server-Sent Events
GET  /healthz       liveness
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from planexec.graph.api import (
    process_chat_query,
    resume_chat_query,
    stream_chat_query,
    stream_resume_chat_query,
)
from planexec.nodes.context import ChatContext
from planexec.schemas.base import Contract
from planexec.schemas.chat_http import ChatRequest, ResumeRequest
from planexec.schemas.settings import Settings

MAX_BODY_BYTES = 200_000
ERROR_STATUS = {"invalid_input": 400, "thread_not_found": 404, "nothing_to_resume": 409}
"""HTTP status of a response whose `error.code` is one of these (others: 200, the answer says why)."""


async def _parse(request: Request, model: type[Contract] = ChatRequest) -> Any:
    """The validated body (a `model`), or the JSONResponse (413 / 400) to send instead."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return JSONResponse({"error": {"code": "too_large", "message": "request body over 200 kB"}}, 413)
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        message = f"{where}: {first['msg']}"
        return JSONResponse({"error": {"code": "invalid_input", "message": message}}, 400)


def _kwargs(req: ChatRequest) -> dict[str, Any]:
    return {
        "conversation_history": [m.model_dump(include={"role", "content"}) for m in req.conversation_history],
        "correlation_session_id": req.correlation_session_id,
        "target_language": req.target_language,
        "thread_id": req.thread_id,
    }


def _status(response: dict[str, Any]) -> int:
    error = response.get("error")
    return ERROR_STATUS.get(error["code"], 200) if error else 200


async def _sse(events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[str]:
    async for event in events:
        yield f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"


def build_app(
    context: ChatContext | None = None, checkpoint_url: str | None = None, settings: Settings | None = None
) -> Starlette:
    """The ASGI app. `settings` (default: the context's, else read once now) are shared by every
    request; `context`/`checkpoint_url` default to a context per request and the settings' URL."""
    settings = settings or (context.settings if context is not None else Settings())

    def options() -> dict[str, Any]:
        return {"context": context, "checkpoint_url": checkpoint_url, "settings": settings}

    async def chat(request: Request) -> Response:
        parsed = await _parse(request)
        if isinstance(parsed, JSONResponse):
            return parsed
        response = await process_chat_query(parsed.query, **_kwargs(parsed), **options())
        return JSONResponse(response, status_code=_status(response))

    async def resume(request: Request) -> Response:
        parsed = await _parse(request, ResumeRequest)
        if isinstance(parsed, JSONResponse):
            return parsed
        response = await resume_chat_query(parsed.thread_id, **options())
        return JSONResponse(response, status_code=_status(response))

    async def chat_stream(request: Request) -> Response:
        parsed = await _parse(request)
        if isinstance(parsed, JSONResponse):
            return parsed

        events = stream_chat_query(parsed.query, **_kwargs(parsed), **options())
        return StreamingResponse(_sse(events), media_type="text/event-stream")

    async def resume_stream(request: Request) -> Response:
        parsed = await _parse(request, ResumeRequest)
        if isinstance(parsed, JSONResponse):
            return parsed
        events = stream_resume_chat_query(parsed.thread_id, **options())
        return StreamingResponse(_sse(events), media_type="text/event-stream")

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/chat", chat, methods=["POST"]),
            Route("/chat/stream", chat_stream, methods=["POST"]),
            Route("/chat/resume", resume, methods=["POST"]),
            Route("/chat/resume/stream", resume_stream, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
