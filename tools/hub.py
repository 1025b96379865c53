"""ToolHub: every MCP call planexec makes goes through here.

The hub owns a private event loop in a daemon thread; all MCP sessions live on that loop (one
persistent session per server, see tools/connection.py). `call()` can be awaited from any event
loop and `call_sync()` used from any thread: the work is scheduled on the hub loop.

A call: unknown server -> UnknownServerError; pinned args model (tools/contracts.py) validated
before anything is sent -> InvalidArgsError; unknown tool -> UnknownToolError; timeout ->
ToolTimeoutError (the session stays usable); isError -> ToolExecutionError; structuredContent
missing or not matching the pinned result model -> InvalidResultError. Tools without a pinned
contract are passed through: `result` is None and `structured` is the structuredContent (or
{"text": ...} when the tool returned only text). Every attempt yields a CallMeta, attached to the
exception as `exc.meta` on failure. The hub does not retry; it restarts dead sessions.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import threading
import time
import uuid
from collections.abc import Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from mcp import types
from pydantic import BaseModel, ValidationError

from schemas.calls import CallMeta, CallStatus
from schemas.config import HubConfig
from schemas.hub import ServerDescription, ToolDescription
from tools.config import load_config
from tools.connection import Connection, ServerInfo, ToolInfo
from tools.contracts import CONTRACTS, ToolContract
from tools.errors import (
    InvalidArgsError,
    InvalidResultError,
    ToolError,
    ToolExecutionError,
    UnknownServerError,
    UnknownToolError,
)

T = TypeVar("T")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class ToolCallResult:
    """A successful call: the validated pinned result (None if unpinned), the raw dict and the meta."""

    result: BaseModel | None
    structured: dict[str, Any]
    meta: CallMeta


@dataclass
class _Attempt:
    server: str
    tool: str
    attempt: int
    call_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: float = field(default_factory=time.time)
    t0: float = field(default_factory=time.perf_counter)
    server_version: str = UNKNOWN
    schema_hash: str = UNKNOWN

    def meta(self, status: CallStatus, error: str | None = None) -> CallMeta:
        return CallMeta(
            call_id=self.call_id,
            server=self.server,
            tool=self.tool,
            server_version=self.server_version,
            schema_hash=self.schema_hash,
            tool_version=f"{self.server_version}+{self.schema_hash}",
            started_at=self.started_at,
            duration_ms=(time.perf_counter() - self.t0) * 1000,
            attempt=self.attempt,
            status=status,
            error=error[:500] if error else None,
        )


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
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()
        self._closed = False

    # -- public API -------------------------------------------------------------------------

    @property
    def servers(self) -> list[str]:
        return list(self.config.servers)

    def contract(self, server: str, tool: str) -> ToolContract | None:
        return self._contracts.get((server, tool))

    async def call(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None = None, attempt: int = 1
    ) -> ToolCallResult:
        """Call one tool (from any event loop); raises a ToolError carrying `.meta` on failure."""
        return await self._await(self._call(server, tool, args, timeout_s, attempt))

    def call_sync(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None = None, attempt: int = 1
    ) -> ToolCallResult:
        """Blocking `call` for synchronous callers (any thread except the hub's own)."""
        return self._run_sync(self._call(server, tool, args, timeout_s, attempt))

    async def describe(self) -> list[ServerDescription]:
        """Start (if needed) every server and describe it; a server that fails has status 'error'."""
        return await self._await(self._describe_all())

    def describe_sync(self) -> list[ServerDescription]:
        return self._run_sync(self._describe_all())

    async def tool_version(self, server: str, tool: str) -> str:
        """'<server version>+<schema hash>' of a tool (starts the server if needed)."""
        return await self._await(self._tool_version(server, tool))

    async def list_tools(self, server: str) -> list[ToolInfo]:
        """The tools a server advertises (name, description, input/output schemas); starts it if needed."""
        return await self._await(self._list_tools(server))

    def is_connected(self, server: str) -> bool:
        """True when the server has a live session (no I/O, no start)."""
        conn = self._connections.get(server)
        return conn is not None and conn.alive

    def close(self, timeout_s: float = 15.0) -> None:
        """Stop every session (child processes exit) and the hub loop. Idempotent."""
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
            asyncio.run_coroutine_threadsafe(self._close_all(), loop).result(timeout_s)
        except (concurrent.futures.TimeoutError, RuntimeError):
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout_s)

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

    # -- loop plumbing ----------------------------------------------------------------------

    def _hub_loop(self) -> asyncio.AbstractEventLoop:
        with self._guard:
            if self._closed:
                raise RuntimeError("ToolHub is closed")
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(
                    target=_run_loop, args=(loop,), name="planexec-toolhub", daemon=True
                )
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def _submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        try:
            loop = self._hub_loop()
        except RuntimeError:
            coro.close()
            raise
        return asyncio.run_coroutine_threadsafe(coro, loop)

    async def _await(self, coro: Coroutine[Any, Any, T]) -> T:
        return await asyncio.wrap_future(self._submit(coro))

    def _run_sync(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._thread is not None and threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("ToolHub sync API called from the hub's own loop; await the async API")
        return self._submit(coro).result()

    # -- work on the hub loop ---------------------------------------------------------------

    def _connection(self, server: str) -> Connection:
        conn = self._connections.get(server)
        if conn is None:
            cfg = self.config.servers.get(server)
            if cfg is None:
                known = ", ".join(sorted(self.config.servers)) or "none"
                raise UnknownServerError(f"unknown MCP server {server!r}; configured: {known}", server=server)
            conn = self._connections[server] = Connection(cfg)
        return conn

    async def _call(
        self, server: str, tool: str, args: dict[str, Any], timeout_s: float | None, attempt: int
    ) -> ToolCallResult:
        state = _Attempt(server=server, tool=tool, attempt=attempt)
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
        self, state: _Attempt, args: dict[str, Any], timeout_s: float | None
    ) -> tuple[BaseModel | None, dict[str, Any]]:
        server, tool = state.server, state.tool
        conn = self._connection(server)
        if conn.info is not None:
            self._note_versions(state, conn.info)
        contract = self._contracts.get((server, tool))
        validated = _validate_args(contract, args, server, tool)
        info = await conn.ensure_started()
        self._note_versions(state, info)
        tool_info = info.tools.get(tool)
        if tool_info is None:
            offered = ", ".join(sorted(info.tools)) or "none"
            raise UnknownToolError(
                f"server {server!r} has no tool {tool!r}; it offers: {offered}", server=server
            )
        payload = _payload(validated, args, tool_info, server, tool)
        raw = await conn.call_tool(tool, payload, timeout_s or conn.config.call_timeout_s)
        return _read_result(raw, contract, server, tool)

    async def _tool_version(self, server: str, tool: str) -> str:
        info = await self._connection(server).ensure_started()
        tool_info = info.tools.get(tool)
        if tool_info is None:
            offered = ", ".join(sorted(info.tools)) or "none"
            raise UnknownToolError(f"server {server!r} has no tool {tool!r}; it offers: {offered}", server=server)
        return f"{info.version}+{tool_info.schema_hash}"

    async def _list_tools(self, server: str) -> list[ToolInfo]:
        info = await self._connection(server).ensure_started()
        return sorted(info.tools.values(), key=lambda t: t.name)

    @staticmethod
    def _note_versions(state: _Attempt, info: ServerInfo) -> None:
        state.server_version = info.version
        tool_info = info.tools.get(state.tool)
        if tool_info is not None:
            state.schema_hash = tool_info.schema_hash

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


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
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


def _validate_args(contract: ToolContract | None, args: Any, server: str, tool: str) -> BaseModel | None:
    if not isinstance(args, dict):
        raise InvalidArgsError(f"{server}.{tool}: args must be an object, got {type(args).__name__}")
    if contract is None:
        return None
    try:
        return contract.args.model_validate(args)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(args)'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise InvalidArgsError(
            f"{server}.{tool}: invalid args: {problems}", server=server, tool=tool
        ) from None


def _payload(
    validated: BaseModel | None, args: dict[str, Any], info: ToolInfo, server: str, tool: str
) -> dict[str, Any]:
    """What goes on the wire: the validated args (defaults filled, no schema_version) that the tool takes."""
    if validated is None:
        return args
    payload = validated.model_dump(mode="json", exclude={"schema_version"}, exclude_none=True)
    accepted = info.input_schema.get("properties")
    if not isinstance(accepted, dict) or info.input_schema.get("additionalProperties") is True:
        return payload
    for key in [k for k in payload if k not in accepted]:
        if key in validated.model_fields_set:
            msg = f"{server}.{tool}: the server's tool does not accept {key!r} (schema drift)"
            raise InvalidArgsError(msg, server=server, tool=tool)
        del payload[key]
    return payload


def _read_result(
    raw: types.CallToolResult, contract: ToolContract | None, server: str, tool: str
) -> tuple[BaseModel | None, dict[str, Any]]:
    text = "\n".join(c.text for c in raw.content if isinstance(c, types.TextContent)).strip()
    if raw.isError:
        raise ToolExecutionError(
            f"{server}.{tool} reported an error: {text or '(no message)'}", server=server, tool=tool
        )
    structured = raw.structuredContent
    if contract is None:
        return None, structured if structured is not None else {"text": text}
    if structured is None:
        raise InvalidResultError(f"{server}.{tool} returned no structuredContent", server=server, tool=tool)
    try:
        return contract.result.model_validate(structured), structured
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(result)"
        name = contract.result.__name__
        msg = f"{server}.{tool}: result breaks its pinned contract {name}: {where}: {first['msg']}"
        raise InvalidResultError(msg, server=server, tool=tool) from None


_default_hub: ToolHub | None = None
_default_guard = threading.Lock()


def get_default_hub() -> ToolHub:
    """The process-wide hub built from load_config(), created on first use and closed at exit."""
    global _default_hub
    with _default_guard:
        if _default_hub is None or _default_hub._closed:
            _default_hub = ToolHub()
            atexit.register(_default_hub.close)
        return _default_hub
