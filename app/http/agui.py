"""AG-UI (the `ag-ui-protocol` package): POST /ag-ui takes a RunAgentInput and streams protocol events
as SSE (its EventEncoder): RUN_STARTED; STEP_STARTED/STEP_FINISHED per graph node with an
ACTIVITY_SNAPSHOT ("progress") per thinking event; CUSTOM "facts_summary"; STATE_SNAPSHOT with the
modules (text/table/map/chart); the narration as TEXT_MESSAGE_START/CONTENT/END; RUN_FINISHED — or
RUN_ERROR. A run whose input carries `resume` entries (or no user message) finishes the thread's
interrupted turn instead of starting one."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

from ag_ui.core import (
    ActivitySnapshotEvent,
    BaseEvent,
    CustomEvent,
    RunAgentInput,
    RunErrorEvent,
    RunFinishedEvent,
    RunStartedEvent,
    StateSnapshotEvent,
    StepFinishedEvent,
    StepStartedEvent,
    TextMessageContentEvent,
    TextMessageEndEvent,
    TextMessageStartEvent,
)
from ag_ui.encoder import EventEncoder
from fastapi import APIRouter, Depends, Request, Response

from planexec.app.http.auth import require_token
from planexec.app.http.chat import ERRORS
from planexec.app.http.errors import ApiError
from planexec.app.http.events import public_events
from planexec.app.http.runs import guarded
from planexec.app.http.sse import raw_stream
from planexec.graph.api import stream_chat_query, stream_resume_chat_query

router = APIRouter(dependencies=[Depends(require_token)], tags=["ag-ui"])
THREAD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")


def user_query(run: RunAgentInput) -> str | None:
    """The text of the last user message (text parts joined), or None."""
    for message in reversed(run.messages):
        if getattr(message, "role", None) != "user":
            continue
        content = message.content
        if isinstance(content, str):
            return content
        parts = content if isinstance(content, list) else []
        return "\n".join(getattr(part, "text", "") for part in parts if getattr(part, "text", None))
    return None


def _narration(response: dict[str, Any]) -> str:
    text = (response.get("metadata") or {}).get("narration")
    if text:
        return str(text)
    texts = [m.get("text", "") for m in response.get("modules", []) if m.get("type") == "text"]
    return "\n\n".join(t for t in texts if t)


def _text_message(text: str) -> list[BaseEvent]:
    message_id = uuid.uuid4().hex
    return [
        TextMessageStartEvent(message_id=message_id, role="assistant"),
        TextMessageContentEvent(message_id=message_id, delta=text),
        TextMessageEndEvent(message_id=message_id),
    ]


def _finish(response: dict[str, Any], thread_id: str, run_id: str) -> list[BaseEvent]:
    meta = response.get("metadata") or {}
    snapshot = {
        "thread_id": thread_id,
        "modules": response.get("modules", []),
        "metadata": {k: meta.get(k) for k in ("intent", "target_language", "counts", "follow_up")},
    }
    out: list[BaseEvent] = [StateSnapshotEvent(snapshot=snapshot)]
    text = _narration(response)
    out += _text_message(text) if text else []
    error = response.get("error")
    if error:
        return [*out, RunErrorEvent(message=error["message"], code=error["code"])]
    result = {"thread_id": thread_id, "intent": meta.get("intent")}
    return [*out, RunFinishedEvent(thread_id=thread_id, run_id=run_id, result=result)]


async def translate(
    events: AsyncIterator[dict[str, Any]], thread_id: str, run_id: str
) -> AsyncIterator[BaseEvent]:
    """The seed's chat events as AG-UI events."""
    yield RunStartedEvent(thread_id=thread_id, run_id=run_id)
    step: str | None = None
    activity = f"{run_id}:progress"
    async for event in events:
        kind = event["type"]
        if kind == "thinking":
            if event["node"] != step:
                if step is not None:
                    yield StepFinishedEvent(step_name=step)
                step = event["node"]
                yield StepStartedEvent(step_name=event["node"])
            content = {"node": event["node"], "message": event["message"], "data": event.get("data", {})}
            yield ActivitySnapshotEvent(message_id=activity, activity_type="progress", content=content)
            continue
        if step is not None and kind in ("complete", "error"):
            yield StepFinishedEvent(step_name=step)
            step = None
        if kind == "facts_summary":
            yield CustomEvent(name="facts_summary", value=event["facts_summary"])
        elif kind == "complete":
            for done in _finish(event["response"], thread_id, run_id):
                yield done
        elif kind == "error":
            yield RunErrorEvent(message=event["message"], code=event["code"])


async def _frames(events: AsyncIterator[BaseEvent], encoder: EventEncoder) -> AsyncIterator[bytes]:
    async for event in events:
        yield encoder.encode(event).encode("utf-8")


@router.post("/ag-ui", responses=ERRORS, summary="AG-UI endpoint: RunAgentInput in, AG-UI events out (SSE)")
async def ag_ui(run: RunAgentInput, request: Request) -> Response:
    if not THREAD.match(run.thread_id):
        raise ApiError(400, "invalid_input", "threadId: letters, digits and . _ : - only (at most 128)")
    state = request.app.state
    options = {"context": state.context, "checkpoint_url": state.checkpoint_url, "settings": state.settings}
    query = user_query(run)
    if run.resume or query is None:
        if query is None and not run.resume:
            raise ApiError(400, "invalid_input", "messages: no user message to answer")
        events = stream_resume_chat_query(run.thread_id, **options)
    else:
        events = stream_chat_query(query, thread_id=run.thread_id, **options)
    slot = state.runs.admit()
    public = guarded(public_events(events, state.settings), slot, run.thread_id)
    encoder = EventEncoder(accept=request.headers.get("accept") or "text/event-stream")
    return raw_stream(
        _frames(translate(public, run.thread_id, run.run_id), encoder),
        state.settings,
        encoder.get_content_type(),
    )
