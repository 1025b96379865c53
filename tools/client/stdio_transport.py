"""MCP client transport over a child process's stdin/stdout, with linear-time line framing.

The SDK's `stdio_client` re-joins its whole buffer with every 64 KB chunk (`(buffer + chunk)
.split("\\n")`), which is quadratic in the size of one message: a 100,000-row result (~7 MB on
one line) spent over a second there. This transport keeps the pending chunks in a list and joins
them once per line. The protocol side is the SDK's own: `JSONRPCMessage` / `SessionMessage` on
anyio memory streams, exactly what `ClientSession` expects.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TextIO

import anyio
import mcp.types as types
from anyio.abc import Process
from mcp.shared.message import SessionMessage

READ_CHUNK_BYTES = 1 << 20
TERMINATE_GRACE_S = 2.0


async def _read_lines(process: Process, sink: Any) -> None:
    """Frame stdout into lines; each line is one JSON-RPC message (or an exception for the session)."""
    assert process.stdout is not None
    pending: list[bytes] = []
    async with sink:
        try:
            while True:
                chunk = await process.stdout.receive(READ_CHUNK_BYTES)
                *complete, rest = chunk.split(b"\n")
                for part in complete:
                    line = b"".join([*pending, part]) if pending else part
                    pending = []
                    await _deliver(line, sink)
                if rest:
                    pending.append(rest)
        except (anyio.EndOfStream, anyio.ClosedResourceError, anyio.BrokenResourceError):
            return


async def _deliver(line: bytes, sink: Any) -> None:
    if not line.strip():
        return
    try:
        message = types.JSONRPCMessage.model_validate_json(line)
    except Exception as exc:  # a malformed line is reported to the session, not fatal
        await sink.send(exc)
        return
    await sink.send(SessionMessage(message))


async def _write_lines(process: Process, source: Any) -> None:
    assert process.stdin is not None
    async with source:
        try:
            async for session_message in source:
                data = session_message.message.model_dump_json(by_alias=True, exclude_none=True)
                await process.stdin.send((data + "\n").encode("utf-8"))
        except (anyio.ClosedResourceError, anyio.BrokenResourceError):
            return


async def _shutdown(process: Process) -> None:
    """Close stdin, give the server a moment to exit, then terminate, then kill."""
    if process.stdin is not None:
        with anyio.CancelScope(shield=True), contextlib.suppress(Exception):  # may be closed already
            await process.stdin.aclose()
    for stop in (None, process.terminate, process.kill):
        if stop is not None and process.returncode is None:
            try:
                stop()
            except ProcessLookupError:
                return
        with anyio.move_on_after(TERMINATE_GRACE_S, shield=True):
            await process.wait()
        if process.returncode is not None:
            return


@asynccontextmanager
async def stdio_transport(
    command: str,
    args: list[str],
    env: dict[str, str],
    cwd: str | None,
    errlog: TextIO,
    on_start: Callable[[Process], None] | None = None,
) -> AsyncIterator[tuple[Any, Any]]:
    """Start the server process (handed to `on_start`); yield (read stream, write stream)."""
    process = await anyio.open_process([command, *args], env=env, cwd=cwd, stderr=errlog)
    if on_start is not None:
        on_start(process)
    read_writer, read_stream = anyio.create_memory_object_stream[SessionMessage | Exception](0)
    write_stream, write_reader = anyio.create_memory_object_stream[SessionMessage](0)
    try:
        async with anyio.create_task_group() as tg:
            tg.start_soon(_read_lines, process, read_writer)
            tg.start_soon(_write_lines, process, write_reader)
            try:
                yield read_stream, write_stream
            finally:
                await _shutdown(process)
                tg.cancel_scope.cancel()
    finally:
        for stream in (read_stream, write_stream, read_writer, write_reader):
            await stream.aclose()
        await process.aclose()
