"""The seed's chat events made safe for HTTP: internal error text logged and replaced, server paths
turned into artifact URLs; and the events folded into the one response dict of POST /chat."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from planexec.app.http.artifacts import public_response, public_value
from planexec.app.http.errors import INTERNAL_MESSAGE
from planexec.graph.response import error_response
from planexec.schemas.settings import Settings

log = logging.getLogger("planexec.http")


def public_event(event: dict[str, Any], settings: Settings) -> dict[str, Any]:
    if event.get("type") == "error" and event.get("code") == "internal_error":
        log.error("chat run failed", extra={"thread_id": event.get("thread_id"), "detail": event["message"]})
        return {**event, "message": INTERNAL_MESSAGE}
    if event.get("type") == "complete":
        return {**event, "response": public_response(event["response"], settings)}
    return dict(public_value(event, settings))


async def public_events(
    events: AsyncIterator[dict[str, Any]], settings: Settings
) -> AsyncIterator[dict[str, Any]]:
    async for event in events:
        yield public_event(event, settings)


async def collect(events: AsyncIterator[dict[str, Any]], query: str) -> dict[str, Any]:
    """The response dict of a run (its `complete` event), or the error response of its `error` event."""
    async for event in events:
        if event["type"] == "complete":
            return dict(event["response"])
        if event["type"] == "error":
            failed = error_response(query, event["code"], event["message"], event.get("thread_id"))
            return failed.to_dict()
    raise RuntimeError("chat stream ended without a complete or error event")
