"""Shared helpers for the bundled-server integration tests: a real server process over stdio."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import timedelta

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.types import InitializeResult

START_TIMEOUT_S = 60.0
CALL_TIMEOUT_S = 60.0


@asynccontextmanager
async def stdio_server(module: str) -> AsyncIterator[tuple[ClientSession, InitializeResult]]:
    """Start `python -m <module>` (in an empty folder) and initialize an MCP session; stop on exit.

    Every request has a read timeout (CALL_TIMEOUT_S); start-up is bounded by START_TIMEOUT_S.
    Yields the session and the server's InitializeResult (serverInfo.version, capabilities).
    """
    with tempfile.TemporaryDirectory(prefix="planexec-cwd-") as cwd:
        params = StdioServerParameters(command=sys.executable, args=["-m", module], cwd=cwd)
        async with (
            stdio_client(params) as (read, write),
            ClientSession(read, write, read_timeout_seconds=timedelta(seconds=CALL_TIMEOUT_S)) as session,
        ):
            with anyio.fail_after(START_TIMEOUT_S):
                info = await session.initialize()
            yield session, info


@asynccontextmanager
async def stdio_session(module: str) -> AsyncIterator[ClientSession]:
    """Like `stdio_server`, yielding only the initialized session."""
    async with stdio_server(module) as (session, _info):
        yield session


@pytest.fixture
def server_session() -> Callable[[str], AbstractAsyncContextManager[ClientSession]]:
    """The `stdio_session` factory, for tests that prefer a fixture to an import."""
    return stdio_session
