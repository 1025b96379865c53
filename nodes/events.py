"""Emit `thinking` progress events from inside a node (custom stream mode)."""

from __future__ import annotations

from typing import Any

from planexec.schemas.events import ThinkingEvent


def emit_thinking(node: str, message: str, **data: Any) -> None:
    """Send a ThinkingEvent to the stream, if the graph is being streamed; otherwise do nothing."""
    try:
        from langgraph.config import get_stream_writer

        writer = get_stream_writer()
    except (RuntimeError, ImportError):
        return
    writer(ThinkingEvent(node=node, message=message[:300], data=data).model_dump())
