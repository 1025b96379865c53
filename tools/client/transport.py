"""Opening an MCP transport (stdio child process or streamable HTTP) and reading its failures.

A stdio child writes its stderr to a temporary file (`StderrLog`) whose tail goes into error
messages. Transport failures are classified here: BROKEN means the connection is gone; only a
refused connection (NOT_SENT) proves a request was not delivered and is safe to resend; over
stdio a dead process may or may not have read the request.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
from contextlib import AsyncExitStack
from typing import Any, TextIO

import anyio
import httpx
from anyio.abc import Process
from mcp.client.stdio import get_default_environment
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from planexec.schemas.config import ServerConfig
from planexec.tools.client.config import child_environment
from planexec.tools.client.stdio_transport import stdio_transport

BROKEN = (httpx.TransportError, anyio.BrokenResourceError, anyio.ClosedResourceError, BrokenPipeError)
NOT_SENT = (httpx.ConnectError,)


class ConnectionDied(Exception):
    """The connection ended while the request was pending."""


class Undelivered(Exception):
    """The request never reached the server (connection refused, stale HTTP session, broken pipe)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def leaves(exc: BaseException) -> list[BaseException]:
    """The leaf exceptions of a (possibly nested) exception group."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for sub in exc.exceptions for leaf in leaves(sub)]
    return [exc]


def describe_exception(exc: BaseException) -> str:
    """'<Type>: <message>' of the first leaf exception."""
    leaf = leaves(exc)[0]
    return f"{type(leaf).__name__}: {leaf}".rstrip(": ")


def never_sent(cause: BaseException) -> bool:
    """True when the failure proves the request was not delivered (connection refused)."""
    return any(isinstance(leaf, NOT_SENT) for leaf in leaves(cause))


class StderrLog:
    """The temporary file a stdio child writes its stderr to; read back as a tail for errors."""

    def __init__(self) -> None:
        self._file: TextIO | None = None

    def open(self) -> TextIO:
        # closed in close(); the child writes its stderr here, we read the tail for error messages
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")  # noqa: SIM115
        return self._file

    def tail(self, limit: int = 1500) -> str:
        if self._file is None or self._file.closed:
            return ""
        with contextlib.suppress(OSError, ValueError):
            self._file.seek(0)
            return self._file.read()[-limit:].strip()
        return ""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class ProcessSlot:
    """The stdio child of the current session (None over HTTP or before start): its pid, a hard kill."""

    def __init__(self) -> None:
        self._process: Process | None = None

    def set(self, process: Process | None) -> None:
        self._process = process

    @property
    def pid(self) -> int | None:
        process = self._process
        return None if process is None or process.returncode is not None else process.pid

    def kill(self) -> None:
        """SIGKILL the child (works on a stopped process, unlike closing stdin or SIGTERM)."""
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError, OSError):
                process.send_signal(signal.SIGKILL)


async def open_transport(
    stack: AsyncExitStack, cfg: ServerConfig, stderr: StderrLog, slot: ProcessSlot | None = None
) -> tuple[Any, Any]:
    """(read stream, write stream) of the server's transport, entered on `stack`."""
    if cfg.transport == "http":
        client = None
        if cfg.headers:
            client = await stack.enter_async_context(create_mcp_http_client(headers=dict(cfg.headers)))
        read, write, _ = await stack.enter_async_context(
            streamable_http_client(str(cfg.url), http_client=client)
        )
        return read, write
    errlog = stderr.open()
    command = shutil.which(str(cfg.command)) or str(cfg.command)
    env = {**get_default_environment(), **child_environment(cfg)}
    on_start = slot.set if slot is not None else None
    transport = stdio_transport(command, list(cfg.args), env, cfg.cwd, errlog, on_start)
    return await stack.enter_async_context(transport)
