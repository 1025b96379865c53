"""Reference chat backend: an HTTP face over the public API (Starlette + uvicorn).

POST /chat          JSON ChatRequest -> the process_chat_query dict (400 on bad input)
POST /chat/stream   JSON ChatRequest -> Server-Sent Events: thinking…, facts_summary, complete | error
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

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.chat_http import ChatRequest
from planexec.schemas.settings import Settings

MAX_BODY_BYTES = 200_000


async def _parse(request: Request) -> ChatRequest | JSONResponse:
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return JSONResponse({"error": {"code": "too_large", "message": "request body over 200 kB"}}, 413)
    try:
        return ChatRequest.model_validate_json(body)
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
    }


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
        return JSONResponse(
            response,
            status_code=400 if "error" in response and response["error"]["code"] == "invalid_input" else 200,
        )

    async def chat_stream(request: Request) -> Response:
        parsed = await _parse(request)
        if isinstance(parsed, JSONResponse):
            return parsed

        async def events() -> AsyncIterator[str]:
            async for event in stream_chat_query(parsed.query, **_kwargs(parsed), **options()):
                yield f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/chat", chat, methods=["POST"]),
            Route("/chat/stream", chat_stream, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
