"""ToolHub: every MCP call planexec makes goes through here.

The hub owns a private event loop in a daemon thread (tools/client/hub_loop.py); all MCP sessions live
on that loop (one persistent session per server, see tools/connection.py). `call()` can be awaited
from any event loop and `call_sync()` used from any thread: the work is scheduled on the hub loop.

A call: unknown server -> UnknownServerError; pinned args model (tools/contracts.py) validated
before anything is sent -> InvalidArgsError; unknown tool -> UnknownToolError; timeout ->
ToolTimeoutError (the session stays if the server still answers a ping, else the server
is replaced before the next call); isError -> ToolExecutionError; structuredContent
missing or not matching the pinned result model -> InvalidResultError. Tools without a pinned
contract are passed through: `result` is None and `structured` is the structuredContent (or
{"text": ...} when the tool returned only text); their structuredContent is checked against the
server's advertised outputSchema (the SDK's check, compiled once per schema: tools/client/session.py),
a pinned tool's only against its pinned model (one check, not two). Every attempt yields a
CallMeta, attached to the exception as `exc.meta` on failure (args/result marshalling:
tools/call_io.py). The hub does not retry; it restarts dead sessions.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from pydantic import BaseModel

from planexec.schemas.calls import CallMeta, CallStatus
from planexec.schemas.config import HubConfig
from planexec.schemas.hub import ServerDescription, ToolDescription
from planexec.tools.client.call_io import (
    CallAttempt,
    internal_meta,
    read_result,
    require_tool,
    validate_args,
    wire_payload,
)
from planexec.tools.client.config import load_config
from planexec.tools.client.connection import Connection, ToolInfo
from planexec.tools.client.contracts import CONTRACTS, ToolContract
from planexec.tools.client.errors import ToolError, UnknownServerError
from planexec.tools.client.hub_loop import HubLoop


@dataclass(frozen=True)
class ToolCallResult:
    """A successful call: the validated pinned result (None if unpinned), the raw dict and the meta."""

    result: BaseModel | None
    structured: dict[str, Any]
    meta: CallMeta


class ToolHub:
    """Persistent MCP sessions to the configured servers, callable from any thread or loop."""

    def __init__(
        self,
        config: HubConfig | None = None,
        contracts: Iterable[ToolContract] | Mapping[tuple[str, str], ToolContract] | None = None,
    ) -> None:
        self.config = config if config is not None else load_config()
        extra = contracts.values() if isinstance(contracts, Mapping) else (contracts or ())
        self._contracts: dict[tuple[str, str], ToolContract] = {
            **CONTRACTS,
            **{(c.server, c.tool): c for c in extra},
        }
        self._connections: dict[str, Connection] = {}
        self._loop = HubLoop("planexec-toolhub")

    # -- public API -------------------------------------------------------------------------

    @property
    def servers(self) -> list[str]:
        return list(self.config.servers)

    @property
    def closed(self) -> bool:
        return self._loop.closed

    def contract(self, server: str, tool: str) -> ToolContract | None:
        return self._contracts.get((server, tool))

    async def call(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None = None, attempt: int = 1
    ) -> ToolCallResult:
        """Call one tool (from any event loop); raises a ToolError carrying `.meta` on failure."""
        return await self._loop.run(self._call(server, tool, args, timeout_s, attempt))

    def call_sync(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None = None, attempt: int = 1
    ) -> ToolCallResult:
        """Blocking `call` for synchronous callers (any thread except the hub's own)."""
        return self._loop.run_sync(self._call(server, tool, args, timeout_s, attempt))

    async def describe(self) -> list[ServerDescription]:
        """Start (if needed) every server and describe it; a server that fails has status 'error'."""
        return await self._loop.run(self._describe_all())

    def describe_sync(self) -> list[ServerDescription]:
        return self._loop.run_sync(self._describe_all())

    async def tool_version(self, server: str, tool: str) -> str:
        """'<server version>+<schema hash>' of a tool (starts the server if needed)."""
        return await self._loop.run(self._tool_version(server, tool))

    def known_tool_version(self, server: str, tool: str) -> str | None:
        """`tool_version` when the server has a live session that advertises `tool` (no I/O, no
        start); None otherwise (then await `tool_version`)."""
        conn = self._connections.get(server)
        info = conn.info if conn is not None and conn.alive else None
        tool_info = info.tools.get(tool) if info is not None else None
        return None if tool_info is None or info is None else f"{info.version}+{tool_info.schema_hash}"

    async def list_tools(self, server: str) -> list[ToolInfo]:
        """The tools a server advertises (name, description, input/output schemas); starts it if needed."""
        return await self._loop.run(self._list_tools(server))

    def is_connected(self, server: str) -> bool:
        """True when the server has a live session (no I/O, no start)."""
        conn = self._connections.get(server)
        return conn is not None and conn.alive

    def server_pid(self, server: str) -> int | None:
        """Process id of a live stdio server (None over HTTP or when not running; no I/O)."""
        conn = self._connections.get(server)
        return None if conn is None else conn.pid

    def close(self, timeout_s: float = 15.0) -> None:
        """Stop every session (child processes exit) and the hub loop. Idempotent."""
        self._loop.close(self._close_all, timeout_s)

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)

    def __enter__(self) -> ToolHub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> ToolHub:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- work on the hub loop ---------------------------------------------------------------

    def _connection(self, server: str) -> Connection:
        conn = self._connections.get(server)
        if conn is None:
            cfg = self.config.servers.get(server)
            if cfg is None:
                known = ", ".join(sorted(self.config.servers)) or "none"
                raise UnknownServerError(f"unknown MCP server {server!r}; configured: {known}", server=server)
            pinned = frozenset(tool for (name, tool) in self._contracts if name == server)
            conn = self._connections[server] = Connection(cfg, pinned)
        return conn

    async def _call(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None, attempt: int
    ) -> ToolCallResult:
        state = CallAttempt(server=server, tool=tool, attempt=attempt)
        try:
            result, structured = await self._attempt(state, args, timeout_s)
        except ToolError as exc:
            exc.meta = state.meta(cast(CallStatus, exc.status), str(exc))  # type: ignore[attr-defined]
            raise
        except Exception as exc:
            err = ToolError(f"{server}.{tool}: unexpected error: {type(exc).__name__}: {exc}")
            err.server, err.tool = server, tool
            err.meta = state.meta("error", str(err))  # type: ignore[attr-defined]
            raise err from exc
        return ToolCallResult(result=result, structured=structured, meta=state.meta("ok"))

    async def _attempt(
        self, state: CallAttempt, args: dict[str, Any], timeout_s: float | None
    ) -> tuple[BaseModel | None, dict[str, Any]]:
        server, tool = state.server, state.tool
        conn = self._connection(server)
        if conn.info is not None:
            state.note_versions(conn.info)
        contract = self._contracts.get((server, tool))
        validated = validate_args(contract, args, server, tool)
        info = await conn.ensure_started()
        state.note_versions(info)
        tool_info = require_tool(info, server, tool)
        payload = wire_payload(validated, args, tool_info, server, tool)
        meta = internal_meta(validated, tool_info)
        raw = await conn.call_tool(tool, payload, timeout_s or conn.config.call_timeout_s, meta)
        return read_result(raw, contract, server, tool)

    async def _tool_version(self, server: str, tool: str) -> str:
        info = await self._connection(server).ensure_started()
        return f"{info.version}+{require_tool(info, server, tool).schema_hash}"

    async def _list_tools(self, server: str) -> list[ToolInfo]:
        info = await self._connection(server).ensure_started()
        return sorted(info.tools.values(), key=lambda t: t.name)

    async def _describe_all(self) -> list[ServerDescription]:
        names = list(self.config.servers)
        return list(await asyncio.gather(*(self._describe(name) for name in names)))

    async def _describe(self, name: str) -> ServerDescription:
        conn = self._connection(name)
        cfg = conn.config
        base = {"name": name, "transport": cfg.transport, "target": cfg.target()}
        try:
            info = await conn.ensure_started()
        except ToolError as exc:
            return ServerDescription(**base, status="error", error=str(exc))
        tools = [
            ToolDescription(
                name=t.name,
                description=t.description,
                schema_hash=t.schema_hash,
                tool_version=f"{info.version}+{t.schema_hash}",
                has_output_schema=t.output_schema is not None,
                pinned=(name, t.name) in self._contracts,
            )
            for t in sorted(info.tools.values(), key=lambda t: t.name)
        ]
        return ServerDescription(
            **base,
            status="ok",
            server_name=info.name,
            version=info.version,
            startup_ms=info.startup_ms,
            tools=tools,
        )

    async def _close_all(self) -> None:
        await asyncio.gather(*(conn.close() for conn in self._connections.values()), return_exceptions=True)


_default_hub: ToolHub | None = None
_default_guard = threading.Lock()


def get_default_hub() -> ToolHub:
    """The process-wide hub built from load_config(), created on first use and closed at exit."""
    global _default_hub
    with _default_guard:
        if _default_hub is None or _default_hub.closed:
            _default_hub = ToolHub()
            atexit.register(_default_hub.close)
        return _default_hub
