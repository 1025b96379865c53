"""A TCP proxy in front of server replicas (tests): new connections go to the current backend port.

`backend` can be switched at any time (the next connection goes to the new replica); `drop()`
closes every open connection, as a load balancer draining a replica does. Leaving `running()`
closes the listener and every connection and waits for their tasks (no stray task exceptions).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class Balancer:
    def __init__(self, backend: int) -> None:
        self.backend = backend
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.backend)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}
        try:
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        finally:
            self._writers -= {writer, up_writer}
            if task is not None:
                self._tasks.discard(task)

    def drop(self) -> None:
        """Close every open connection (the clients reconnect, to the current backend)."""
        for writer in list(self._writers):
            writer.close()

    @contextlib.asynccontextmanager
    async def running(self, port: int) -> AsyncIterator[Balancer]:
        server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        try:
            async with server:
                yield self
        finally:
            self.drop()  # the pipes end on their own: no cancelled tasks for asyncio to report
            if self._tasks:
                await asyncio.wait(set(self._tasks), timeout=5)
