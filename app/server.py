"""The chat backend: a FastAPI app over the public API (served by `planexec serve` with uvicorn).

POST /chat                JSON ChatRequest -> the response dict (4xx bad input, 5xx internal faults)
POST /chat/stream         the same turn as Server-Sent Events: thinking… (the first carries thread_id),
                          facts_summary, complete | error (keep-alive pings, no caching/buffering)
POST /chat/resume         JSON ResumeRequest {thread_id} -> finish the thread's interrupted turn
                          (404 unknown thread, 409 nothing to resume); /chat/resume/stream as SSE
POST /ag-ui               AG-UI protocol (RunAgentInput in, AG-UI events out as SSE)
GET  /artifacts/{name}    a map (GeoJSON) a turn wrote; responses link maps here, never to a file
GET  /healthz, /readyz    liveness, readiness;  GET /openapi.json, /docs
GET  /                    the web chat page (files under /static)

With `Settings.api_token` every API route needs `Authorization: Bearer <token>` (401/403); bodies
are limited while read (413, 408); more than `http_max_concurrent_runs` turns get 429; a client that
disconnects cancels its turn; CORS allows `Settings.cors_origins`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from planexec.app.http import agui, artifacts, chat, health, page
from planexec.app.http.errors import install_error_handlers
from planexec.app.http.limits import BodyLimit
from planexec.app.http.runs import RunRegistry
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings

log = logging.getLogger("planexec.http")


def build_app(
    context: ChatContext | None = None, checkpoint_url: str | None = None, settings: Settings | None = None
) -> FastAPI:
    """The ASGI app. `settings` (default: the context's, else read once now) are shared by every
    request; `context`/`checkpoint_url` default to a context per request and the settings' URL."""
    settings = settings or (context.settings if context is not None else Settings())
    runs = RunRegistry(settings.http_max_concurrent_runs)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await runs.drain(settings.http_shutdown_grace_s)

    app = FastAPI(
        title="planexec",
        summary="Chat with MCP tool servers: code executes, the LLM narrates.",
        lifespan=lifespan,
    )
    app.state.settings, app.state.context, app.state.checkpoint_url = settings, context, checkpoint_url
    app.state.runs = runs
    install_error_handlers(app)
    for module in (health, chat, agui, artifacts, page):
        app.include_router(module.router)
    app.mount("/static", page.static_files(), name="static")
    app.add_middleware(
        BodyLimit, max_bytes=settings.http_max_body_bytes, timeout_s=settings.http_body_timeout_s
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Accept", "Last-Event-ID"],
        max_age=600,
    )
    return app
