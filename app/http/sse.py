"""Server-Sent Events responses (sse-starlette): keep-alive pings, no caching, no proxy buffering."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import anyio
from sse_starlette import EventSourceResponse, ServerSentEvent

from planexec.schemas.settings import Settings

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


async def _seed_frames(events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[ServerSentEvent]:
    async for event in events:
        yield ServerSentEvent(data=json.dumps(event, ensure_ascii=False), event=event["type"], sep="\n")


def _options(settings: Settings) -> dict[str, Any]:
    """Pings; on server shutdown a running turn gets the grace period before it is cancelled (it then
    stops at its last checkpoint, resumable by thread)."""
    return {
        "headers": HEADERS,
        "ping": settings.http_sse_ping_s,
        "shutdown_event": anyio.Event(),
        "shutdown_grace_period": settings.http_shutdown_grace_s,
    }


def seed_stream(events: AsyncIterator[dict[str, Any]], settings: Settings) -> EventSourceResponse:
    """`event: <type>` + `data: <json>` per chat event (the seed's stream, unchanged)."""
    return EventSourceResponse(_seed_frames(events), sep="\n", **_options(settings))


def raw_stream(frames: AsyncIterator[bytes], settings: Settings, media_type: str) -> EventSourceResponse:
    """Frames already encoded as SSE (the AG-UI encoder's output)."""
    return EventSourceResponse(frames, sep="\n", media_type=media_type, **_options(settings))
