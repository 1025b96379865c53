"""Running chat turns: a concurrency limit (429 beyond it), cancellation when the client goes away,
and a registry so shutdown can wait for them (a turn cut short stops at its last checkpoint and can be
resumed by thread)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable
from typing import Any, TypeVar

from fastapi import Request

from planexec.app.http.errors import ApiError

log = logging.getLogger("planexec.http")
T = TypeVar("T")
POLL_S = 0.25


class Slot:
    """One admitted run; `release` is idempotent."""

    def __init__(self, runs: RunRegistry) -> None:
        self._runs, self._held = runs, True

    @property
    def draining(self) -> bool:
        return self._runs.draining

    def release(self) -> None:
        if self._held:
            self._held = False
            self._runs.active -= 1


class RunRegistry:
    def __init__(self, limit: int) -> None:
        self.limit, self.active = limit, 0
        self.tasks: set[asyncio.Task[Any]] = set()
        self.draining = False

    def admit(self) -> Slot:
        if self.draining:
            raise ApiError(503, "shutting_down", "the server is shutting down; retry shortly")
        if self.active >= self.limit:
            message = f"too many chat turns running (limit {self.limit}); retry shortly"
            raise ApiError(429, "too_many_runs", message, {"Retry-After": "5"})
        self.active += 1
        return Slot(self)

    async def drain(self, grace_s: float) -> None:
        """Stop admitting; give running turns `grace_s` to finish, then cancel the rest."""
        self.draining = True
        pending = {t for t in self.tasks if not t.done()}
        if pending:
            log.info("waiting for running turns", extra={"running": len(pending), "grace_s": grace_s})
            _, late = await asyncio.wait(pending, timeout=grace_s or None)
            for task in late:
                task.cancel()


async def run_watched(request: Request, work: Awaitable[T], thread_id: str) -> T | None:
    """Await `work` as a task; cancel it when the client disconnects (then return None)."""
    runs: RunRegistry = request.app.state.runs
    task = asyncio.ensure_future(work)
    runs.tasks.add(task)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL_S)
            if done:
                return task.result()
            if await request.is_disconnected():
                task.cancel()
                log.warning("run cancelled: client disconnected", extra={"thread_id": thread_id})
                return None
    finally:
        runs.tasks.discard(task)
        if not task.done():
            task.cancel()


async def guarded(
    events: AsyncIterator[dict[str, Any]], slot: Slot, thread_id: str
) -> AsyncIterator[dict[str, Any]]:
    """Pass a run's events through; log a cancellation (client gone or shutdown); free the slot."""
    try:
        async for event in events:
            yield event
    except (asyncio.CancelledError, GeneratorExit):
        if slot.draining:
            log.warning("run stopped by shutdown; resume it by thread", extra={"thread_id": thread_id})
        else:
            log.warning("run cancelled: client disconnected", extra={"thread_id": thread_id})
        raise
    finally:
        slot.release()
        await _close(events)


async def _close(events: AsyncIterator[dict[str, Any]]) -> None:
    aclose = getattr(events, "aclose", None)
    if aclose is not None:
        with contextlib.suppress(RuntimeError):
            await aclose()
