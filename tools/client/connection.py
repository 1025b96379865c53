"""One persistent MCP session per server, owned by a long-lived task on the hub's event loop.

The MCP SDK's transports and `ClientSession` are anyio context managers bound to the task that
entered them, so each connection runs a runner task that enters the transport and the session,
initializes, lists the tools, then waits until it is closed or the transport ends. Messages from
the transport pass through a small pump, so the end of the stream (process exit, closed socket)
marks the connection dead at once: a call in flight fails promptly with ServerCrashedError and
the next call starts a fresh session. A call that times out is followed by a ping: a server that
does not answer it (hung, SIGSTOPped, its event loop blocked) is replaced at once (stdio: SIGKILL,
respawned by the next call; HTTP: the session is dropped and reconnected), so the next attempt
does not wait on it again. Over HTTP, a server that does not know the session (a restarted replica,
or another one behind a load balancer: HTTP 404, reported by the SDK as JSON-RPC error
`SESSION_TERMINATED`) gets a new session (initialize again) and the same call is sent once more
(the bundled servers run stateless HTTP, so any replica answers; see tools/servers/common.py).
Every method here runs on the hub loop. Transport opening and failure classification live in
tools/client/transport.py, the handshake in tools/client/server_info.py, the session class (result
checks with compiled validators) in tools/client/session.py.
"""

from __future__ import annotations

import asyncio
import contextlib
from contextlib import AsyncExitStack
from datetime import timedelta
from typing import Any

import anyio
import httpx
from mcp import ClientSession, McpError, types

from planexec.schemas.config import ServerConfig
from planexec.tools.client.errors import (
    InvalidResultError,
    ServerCrashedError,
    ServerStartError,
    ToolError,
    ToolExecutionError,
    ToolTimeoutError,
)
from planexec.tools.client.server_info import ServerInfo, ToolInfo, handshake, schema_hash
from planexec.tools.client.session import CheckedSession
from planexec.tools.client.transport import (
    BROKEN,
    ConnectionDied,
    ProcessSlot,
    StderrLog,
    Undelivered,
    describe_exception,
    never_sent,
    open_transport,
)

__all__ = [
    "PING_EVERY_S",
    "PROBE_TIMEOUT_S",
    "SESSION_TERMINATED",
    "STOP_GRACE_S",
    "Connection",
    "ServerInfo",
    "ToolInfo",
    "schema_hash",
]

STOP_GRACE_S = 5.0  # stdio shutdown: close stdin, the SDK waits 2 s, then SIGTERM/SIGKILL
PING_EVERY_S = 1.0  # HTTP: liveness ping interval while a call is in flight
PROBE_TIMEOUT_S = 1.0  # after a timed-out call: a server that does not answer a ping this soon is replaced
READ_GRACE_S = 5.0  # the SDK's own read timeout fires this much after ours, so ours decides
SESSION_TERMINATED = 32600  # JSON-RPC error the HTTP client reports on a 404 (unknown session)


class Connection:
    """A lazily started, self-healing MCP session to one configured server."""

    def __init__(self, config: ServerConfig, pinned: frozenset[str] = frozenset()) -> None:
        self.config = config
        self.pinned = pinned  # tools whose results the hub checks against a pinned contract
        self.info: ServerInfo | None = None
        self._session: ClientSession | None = None
        self._runner: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._dead = asyncio.Event()
        self._cause: BaseException | None = None
        self._stderr = StderrLog()
        self._process = ProcessSlot()
        self.replacements = 0
        self._lock = asyncio.Lock()
        self._inflight = 0
        self._probes = 0

    @property
    def alive(self) -> bool:
        return self._session is not None and not self._dead.is_set()

    @property
    def pid(self) -> int | None:
        """Process id of the live stdio server (None over HTTP or when not running)."""
        return self._process.pid if self.alive else None

    async def ensure_started(self) -> ServerInfo:
        """The live session's server info, (re)starting the session when needed."""
        if self.alive and self.info is not None:
            return self.info
        async with self._lock:
            if self.alive and self.info is not None:
                return self.info
            await self.close()
            return await self._start()

    async def _start(self) -> ServerInfo:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[ServerInfo] = loop.create_future()
        self._wake, self._dead, self._cause = asyncio.Event(), asyncio.Event(), None
        self._runner = loop.create_task(self._run(ready), name=f"mcp-{self.config.name}")
        try:
            return await asyncio.wait_for(asyncio.shield(ready), self.config.startup_timeout_s)
        except TimeoutError:
            reason = f"did not initialize within {self.config.startup_timeout_s:g} s"
            err = self._start_error(reason)
        except ServerStartError as exc:
            err = exc
        await self.close(cancel=True)
        raise err

    async def _run(self, ready: asyncio.Future[ServerInfo]) -> None:
        try:
            async with AsyncExitStack() as stack:
                session = await self._open(stack)
                info = await handshake(session)
                self._session, self.info = session, info
                if not ready.done():
                    ready.set_result(info)
                await self._wake.wait()
        except Exception as exc:
            self._cause = exc
            if not ready.done():
                ready.set_exception(self._start_error(describe_exception(exc)))
        finally:
            self._dead.set()
            self._session = None

    async def _open(self, stack: AsyncExitStack) -> ClientSession:
        read, write = await open_transport(stack, self.config, self._stderr, self._process)
        send, receive = anyio.create_memory_object_stream[Any](0)
        group = await stack.enter_async_context(anyio.create_task_group())
        stack.callback(group.cancel_scope.cancel)
        group.start_soon(self._pump, read, send)
        return await stack.enter_async_context(CheckedSession(receive, write, pinned=self.pinned))

    async def _pump(self, source: Any, sink: Any) -> None:
        """Forward transport messages to the session; the transport's end means the server is gone."""
        try:
            async with sink:
                async for message in source:
                    await sink.send(message)
        except (anyio.ClosedResourceError, anyio.BrokenResourceError, anyio.EndOfStream):
            pass
        finally:
            self._dead.set()
            self._wake.set()

    def stderr_tail(self, limit: int = 1500) -> str:
        return self._stderr.tail(limit)

    def _start_error(self, reason: str) -> ServerStartError:
        where = self.config.target()
        tail = self.stderr_tail()
        msg = f"MCP server {self.config.name!r} ({where}) could not start: {reason}"
        if tail:
            msg += f"\n--- server stderr (tail) ---\n{tail}"
        return ServerStartError(msg, server=self.config.name)

    async def call_tool(
        self, tool: str, arguments: dict[str, Any], timeout_s: float, meta: dict[str, Any] | None = None
    ) -> types.CallToolResult:
        """Send one tools/call (with request `_meta` when given); resend once on a fresh session if
        the request never reached the server."""
        await self.ensure_started()
        try:
            return await self._call_once(tool, arguments, timeout_s, meta)
        except ToolTimeoutError as exc:
            raise await self._after_timeout(exc) from None
        except Undelivered:
            await self.ensure_started()
            try:
                return await self._call_once(tool, arguments, timeout_s, meta)
            except Undelivered as exc:
                raise self._crash_error(tool, exc.reason) from None

    async def _call_once(
        self, tool: str, arguments: dict[str, Any], timeout_s: float, meta: dict[str, Any] | None = None
    ) -> types.CallToolResult:
        session, dead = self._session, self._dead
        if session is None:
            raise Undelivered("no session")
        timeout = timedelta(seconds=timeout_s + READ_GRACE_S)
        request = asyncio.ensure_future(
            session.call_tool(tool, arguments, read_timeout_seconds=timeout, meta=meta)
        )
        died = asyncio.ensure_future(dead.wait())
        watch = asyncio.ensure_future(self._watch(session)) if self.config.transport == "http" else None
        self._inflight += 1
        try:
            done, _ = await asyncio.wait({request, died}, timeout=timeout_s, return_when="FIRST_COMPLETED")
            if request in done:
                with contextlib.suppress(ConnectionDied):
                    return self._outcome(tool, request, timeout_s)
            elif died not in done:
                raise ToolTimeoutError(
                    f"{self._name(tool)} timed out after {timeout_s:g} s", **self._ids(tool)
                )
            raise await self._died(tool)
        finally:
            self._inflight -= 1
            for task in (died, watch, request):
                if task is None:
                    continue
                if not task.done():
                    task.cancel()
                with contextlib.suppress(BaseException):
                    await task  # retrieves its outcome: no "Task exception was never retrieved"

    async def _after_timeout(self, exc: ToolTimeoutError) -> ToolTimeoutError:
        """Keep the session if the server still answers a ping; else replace the server now."""
        session, runner = self._session, self._runner
        if session is None or self._dead.is_set():
            return exc
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_S):
                await session.send_ping()
            return exc
        except Exception as probe:
            reason = describe_exception(probe) if str(probe) else type(probe).__name__
        async with self._lock:
            if self._runner is runner:  # nobody replaced it meanwhile
                self._mark_dead(TimeoutError(f"no answer to a ping after a timed-out call ({reason})"))
                self._process.kill()
                await self.close(cancel=True)
                self.replacements += 1
        message = f"{exc}; the server did not answer a ping and was replaced"
        return ToolTimeoutError(message, server=exc.server, tool=exc.tool)

    async def _watch(self, session: ClientSession) -> None:
        """HTTP only: a server that dies mid-call leaves the request hanging; pings notice it sooner.

        Stops when cancelled, also when the cancel lands as a ping completes (asyncio.wait_for on
        Python 3.11 then drops the cancellation and returns the ping's result: the loop checks)."""
        task = asyncio.current_task()
        while task is None or not task.cancelling():
            await asyncio.sleep(PING_EVERY_S)
            self._probes += 1
            try:
                async with asyncio.timeout(PING_EVERY_S):
                    await session.send_ping()
            except TimeoutError:
                continue  # a busy server may answer late; only a broken transport counts
            except Exception as exc:
                self._mark_dead(exc)
                return
            finally:
                self._probes -= 1

    def _outcome(self, tool: str, request: asyncio.Future[types.CallToolResult], timeout_s: float) -> Any:
        exc = request.exception()
        if exc is None:
            return request.result()
        if isinstance(exc, McpError):
            code = exc.error.code
            if code == httpx.codes.REQUEST_TIMEOUT:
                raise ToolTimeoutError(
                    f"{self._name(tool)} timed out after {timeout_s:g} s", **self._ids(tool)
                )
            if code == SESSION_TERMINATED:
                self._mark_dead(exc)
                raise Undelivered(exc.error.message)
            if code == types.CONNECTION_CLOSED or self._dead.is_set():
                raise ConnectionDied
            raise ToolExecutionError(f"{self._name(tool)} failed: {exc.error.message}", **self._ids(tool))
        if isinstance(exc, RuntimeError) and "structured content" in str(exc):
            raise InvalidResultError(f"{self._name(tool)}: {exc}", **self._ids(tool))
        if isinstance(exc, BROKEN) or self._dead.is_set():
            self._mark_dead(exc)
            raise ConnectionDied
        raise ToolError(
            f"{self._name(tool)}: unexpected client error {describe_exception(exc)}", **self._ids(tool)
        )

    async def _died(self, tool: str) -> Exception:
        runner = self._runner
        if runner is not None and self.config.transport == "http":
            await asyncio.wait({runner}, timeout=2.0)  # let the runner record why the transport ended
        cause = self._cause
        alone = self._inflight == 1 and self._probes == 0  # else the refused POST may be another one
        if alone and cause is not None and never_sent(cause):
            return Undelivered(describe_exception(cause))
        return self._crash_error(tool, describe_exception(cause) if cause else "connection closed")

    def _crash_error(self, tool: str, reason: str) -> ServerCrashedError:
        msg = f"{self._name(tool)}: the server connection broke during the call ({reason})"
        tail = self.stderr_tail(800)
        if tail:
            msg += f"\n--- server stderr (tail) ---\n{tail}"
        return ServerCrashedError(msg, **self._ids(tool))

    def _mark_dead(self, cause: BaseException) -> None:
        self._cause = self._cause or cause
        self._dead.set()
        self._wake.set()

    def _name(self, tool: str) -> str:
        return f"{self.config.name}.{tool}"

    def _ids(self, tool: str) -> dict[str, str]:
        return {"server": self.config.name, "tool": tool}

    async def close(self, cancel: bool = False) -> None:
        """Stop the session and its process (if any); safe to call repeatedly."""
        runner, self._runner = self._runner, None
        if runner is not None and not runner.done():
            self._wake.set()
            if cancel:
                runner.cancel()
            done, _ = await asyncio.wait({runner}, timeout=STOP_GRACE_S)
            if not done:
                runner.cancel()
                await asyncio.wait({runner}, timeout=STOP_GRACE_S)
        self._stderr.close()
        self._session = None
