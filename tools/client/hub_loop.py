"""The ToolHub's private event loop, run in a daemon thread and started on first use.

Coroutines are submitted from any thread or event loop and run on the hub loop: `run()` awaits
the result from another loop, `run_sync()` blocks a thread (never the hub's own) for it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class HubLoop:
    """A lazily started event loop in a daemon thread; closing it is final."""

    def __init__(self, thread_name: str = "planexec-toolhub") -> None:
        self._thread_name = thread_name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def loop(self) -> asyncio.AbstractEventLoop:
        """The running hub loop, started on first use; RuntimeError once closed."""
        with self._guard:
            if self._closed:
                raise RuntimeError("ToolHub is closed")
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=_run_loop, args=(loop,), name=self._thread_name, daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        try:
            loop = self.loop()
        except RuntimeError:
            coro.close()
            raise
        return asyncio.run_coroutine_threadsafe(coro, loop)

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run `coro` on the hub loop and await it from the caller's loop."""
        return await asyncio.wrap_future(self.submit(coro))

    def run_sync(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run `coro` on the hub loop and block until it finishes (not from the hub's own thread)."""
        if self._thread is not None and threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("ToolHub sync API called from the hub's own loop; await the async API")
        return self.submit(coro).result()

    def close(self, final: Callable[[], Coroutine[Any, Any, object]], timeout_s: float) -> None:
        """Run `final()` on the loop (if it ever started), then stop the loop and its thread."""
        with self._guard:
            if self._closed:
                return
            self._closed = True
            loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if threading.current_thread() is thread:
            raise RuntimeError("ToolHub.close() cannot be called from the hub's own loop")
        try:
            asyncio.run_coroutine_threadsafe(final(), loop).result(timeout_s)
        except (concurrent.futures.TimeoutError, RuntimeError):
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout_s)


def _exempt_from_blocking_detector() -> None:
    """The hub loop is a private I/O thread (it spawns servers, writes their stderr to temp files).

    The LangGraph dev server's blocking-call detector (blockbuster) guards the *server's* event
    loop; application nodes never block it (their I/O goes through this thread or to_thread).
    Mark this thread as exempt so the detector does not fail server start-up here.
    """
    try:
        from blockbuster import blockbuster
    except ImportError:
        return
    skip = getattr(blockbuster, "_skip", None)
    if skip is not None:
        skip.value = True


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    _exempt_from_blocking_detector()
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.wait(pending, timeout=5))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
