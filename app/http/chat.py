"""The seed's chat routes: POST /chat, /chat/stream (SSE), /chat/resume, /chat/resume/stream."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from planexec.app.http.auth import require_token
from planexec.app.http.errors import error_body, status_of
from planexec.app.http.events import collect, public_events
from planexec.app.http.runs import RunRegistry, guarded, run_watched
from planexec.app.http.sse import seed_stream
from planexec.graph.api import stream_chat_query, stream_resume_chat_query
from planexec.schemas.chat_http import ChatRequest, ResumeRequest

router = APIRouter(dependencies=[Depends(require_token)], tags=["chat"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input: `{error: {code: invalid_input, message}}`"},
    401: {"description": "Missing bearer token"},
    403: {"description": "Wrong bearer token"},
    413: {"description": "Body too large"},
    429: {"description": "Too many turns running"},
    500: {"description": "Internal error (details in the server log)"},
    503: {"description": "Turn timed out (resume it by thread) or server shutting down"},
}


def _kwargs(req: ChatRequest, thread_id: str) -> dict[str, Any]:
    return {
        "conversation_history": [m.model_dump(include={"role", "content"}) for m in req.conversation_history],
        "correlation_session_id": req.correlation_session_id,
        "target_language": req.target_language,
        "thread_id": thread_id,
    }


def _options(request: Request) -> dict[str, Any]:
    state = request.app.state
    return {"context": state.context, "checkpoint_url": state.checkpoint_url, "settings": state.settings}


async def _answer(request: Request, events: Any, query: str, thread_id: str) -> Response:
    runs: RunRegistry = request.app.state.runs
    slot = runs.admit()
    try:
        public = public_events(events, request.app.state.settings)
        response = await run_watched(request, collect(public, query), thread_id)
    finally:
        slot.release()
    if response is None:  # the client went away; nobody reads this
        return JSONResponse(error_body("cancelled", "client disconnected"), 499)
    return JSONResponse(response, status_code=status_of(response))


def _stream(request: Request, events: Any, thread_id: str) -> Response:
    slot = request.app.state.runs.admit()
    settings = request.app.state.settings
    return seed_stream(guarded(public_events(events, settings), slot, thread_id), settings)


@router.post("/chat", responses=ERRORS, summary="Run a chat turn; the response dict")
async def chat(req: ChatRequest, request: Request) -> Response:
    thread_id = req.thread_id or uuid.uuid4().hex
    events = stream_chat_query(req.query, **_kwargs(req, thread_id), **_options(request))
    return await _answer(request, events, req.query, thread_id)


@router.post("/chat/stream", responses=ERRORS, summary="Run a chat turn as Server-Sent Events")
async def chat_stream(req: ChatRequest, request: Request) -> Response:
    thread_id = req.thread_id or uuid.uuid4().hex
    events = stream_chat_query(req.query, **_kwargs(req, thread_id), **_options(request))
    return _stream(request, events, thread_id)


@router.post("/chat/resume", responses=ERRORS, summary="Finish a thread's interrupted turn")
async def resume(req: ResumeRequest, request: Request) -> Response:
    events = stream_resume_chat_query(req.thread_id, **_options(request))
    return await _answer(request, events, "", req.thread_id)


@router.post("/chat/resume/stream", responses=ERRORS, summary="Finish an interrupted turn, as SSE")
async def resume_stream(req: ResumeRequest, request: Request) -> Response:
    return _stream(request, stream_resume_chat_query(req.thread_id, **_options(request)), req.thread_id)
