"""Shared start-up for the bundled FastMCP servers: stdio by default, or streamable HTTP.

Each server keeps its state (datasets, session store, passage index) in a FastMCP lifespan
context built from `Settings` at start; tools reach it via `ctx.request_context.lifespan_context`.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, TypeVar

from mcp.server.fastmcp import FastMCP

from planexec.tools.servers import output_checks

MAX_HTTP_BODY_BYTES = 256 * 1024 * 1024

NAME_PREFIX = "planexec-"
"""serverInfo.name is `planexec-<name>` (the hub's config keys stay the bare `<name>`)."""

StateT = TypeVar("StateT")
Lifespan = Callable[[FastMCP[Any]], AbstractAsyncContextManager[Any]]


def make_server(name: str, version: str, instructions: str, lifespan: Lifespan | None = None) -> FastMCP[Any]:
    """A FastMCP server named `planexec-<name>` that reports `version` in serverInfo."""
    server: FastMCP[Any] = FastMCP(
        NAME_PREFIX + name.removeprefix(NAME_PREFIX),
        instructions=instructions,
        log_level="WARNING",
        max_request_body_size=MAX_HTTP_BODY_BYTES,
        lifespan=lifespan,
    )
    server._mcp_server.version = version  # FastMCP 1.x has no version=
    output_checks.install()  # the SDK's output-schema check, compiled once per schema
    return server


def state_lifespan(
    make_state: Callable[[], StateT],
) -> Callable[[FastMCP[Any]], AbstractAsyncContextManager[StateT]]:
    """A lifespan whose context is `make_state()`, built when the server first serves and kept for the
    process: over stateless streamable HTTP the lifespan is entered for every request, and the datasets,
    indexes and caches must not be rebuilt each time."""
    built: list[StateT] = []
    lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_server: FastMCP[Any]) -> AsyncIterator[StateT]:
        with lock:
            if not built:
                built.append(make_state())
        yield built[0]

    return lifespan


def parse_args(argv: Sequence[str] | None, name: str) -> argparse.Namespace:
    name = name.removeprefix(NAME_PREFIX)
    parser = argparse.ArgumentParser(
        prog=f"python -m planexec.tools.servers.{name}", description=f"{NAME_PREFIX}{name} MCP server"
    )
    parser.add_argument("--http", action="store_true", help="serve streamable HTTP instead of stdio")
    parser.add_argument("--host", default="127.0.0.1", help="HTTP bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="HTTP port (default 8000)")
    return parser.parse_args(argv)


def run(server: FastMCP[Any], argv: Sequence[str] | None = None) -> None:
    """Run over stdio, or over streamable HTTP at http://HOST:PORT/mcp with --http."""
    args = parse_args(argv, server.name)
    logging.basicConfig(level=logging.WARNING)
    if args.http:
        server.settings.host = args.host
        server.settings.port = args.port
        # stateless: no MCP session ids, so any replica behind a balancer (or a restarted one) serves
        # any request; state lives in handles (tool arguments), as in the MCP 2026-07-28 spec
        server.settings.stateless_http = True
        server.run(transport="streamable-http")
    else:
        server.run(transport="stdio")
