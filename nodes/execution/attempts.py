"""Call one plan step through the hub: timeout per attempt, retry with backoff for transient failures."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from planexec.nodes.execution.preview import args_preview
from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.handles import DataHandle
from planexec.schemas.plan import PlanStep
from planexec.tools.client.errors import ToolError

BACKOFF_BASE_S = 0.25


@dataclass
class StepOutcome:
    status: str
    structured: dict[str, Any] | None = None
    tool_version: str | None = None
    error: str | None = None
    transient: bool = False
    attempts: int = 0
    events: list[TimelineEvent] = field(default_factory=list)


def _event(
    kind: Literal["tool_start", "tool_end"],
    step: PlanStep,
    call_id: str,
    preview: str,
    attempt: int,
    **fields: Any,
) -> TimelineEvent:
    return TimelineEvent(
        ts=time.time(), event=kind, call_id=call_id, step=step.alias, server=step.server, tool=step.tool,
        args_preview=preview, attempt=attempt, **fields,
    )  # fmt: skip


async def call_with_retries(hub: Any, step: PlanStep, args: dict[str, Any]) -> StepOutcome:
    """Attempt the call up to 1 + step.retries times; only transient errors are retried."""
    preview = args_preview(args)
    outcome = StepOutcome(status="error")
    for attempt in range(1, step.retries + 2):
        call_id = uuid.uuid4().hex[:12]
        outcome.events.append(_event("tool_start", step, call_id, preview, attempt))
        started = time.perf_counter()
        outcome.attempts = attempt
        try:
            res = await hub.call(step.server, step.tool, args, timeout_s=step.timeout_s, attempt=attempt)
        except ToolError as exc:
            meta = getattr(exc, "meta", None)
            outcome.status, outcome.error, outcome.transient = exc.status, str(exc)[:300], exc.transient
            outcome.events.append(
                _event(
                    "tool_end",
                    step,
                    call_id,
                    preview,
                    attempt,
                    status=exc.status,
                    error=outcome.error,
                    duration_ms=(time.perf_counter() - started) * 1000,
                    tool_version=getattr(meta, "tool_version", None),
                )
            )
            if not exc.transient or attempt > step.retries:
                return outcome
            await asyncio.sleep(BACKOFF_BASE_S * 2 ** (attempt - 1))
            continue
        outcome.status, outcome.structured = "ok", res.structured
        outcome.tool_version, outcome.error, outcome.transient = res.meta.tool_version, None, False
        outcome.events.append(
            _event(
                "tool_end",
                step,
                call_id,
                preview,
                attempt,
                status="ok",
                result_keys=sorted(res.structured),
                duration_ms=res.meta.duration_ms,
                tool_version=res.meta.tool_version,
                schema_version=res.structured.get("schema_version", SCHEMA_VERSION),
                handles=DataHandle.found_in(res.structured),
            )
        )
        return outcome
    return outcome
