"""An httpx transport that keeps one connection pool per event loop.

langchain-openai shares one async httpx client per (base URL, timeout) across the whole process,
and a chat model is built once per configuration. A connection pooled by one event loop cannot be
used from another: a process that runs `asyncio.run(...)` twice (the CLI in a notebook, a test
suite, an evaluation loop) then fails every later call with "Event loop is closed". This transport
gives each running loop its own pool (weakly keyed: a closed, collected loop frees its entry), so
the model object can be shared freely. Within one loop connections are kept alive as usual.
"""

from __future__ import annotations

import asyncio
import threading
import weakref

import httpx


class PerLoopTransport(httpx.AsyncBaseTransport):
    """Delegates each request to an `httpx.AsyncHTTPTransport` owned by the running event loop."""

    def __init__(self, **transport_kwargs: object) -> None:
        self._kwargs = transport_kwargs
        self._lock = threading.Lock()
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncHTTPTransport] = (
            weakref.WeakKeyDictionary()
        )

    def _pool(self) -> httpx.AsyncHTTPTransport:
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pools.get(loop)
            if pool is None:
                pool = httpx.AsyncHTTPTransport(**self._kwargs)  # type: ignore[arg-type]
                self._pools[loop] = pool
            return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool().handle_async_request(request)

    async def aclose(self) -> None:
        """Close the running loop's pool (others close with their loops)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pools.pop(loop, None)
        if pool is not None:
            await pool.aclose()


def per_loop_async_client() -> httpx.AsyncClient:
    """An async httpx client safe to share between event loops (see the module doc). The OpenAI SDK
    sets each request's timeout itself."""
    return httpx.AsyncClient(transport=PerLoopTransport())
