"""Readiness checks: the databases answer and the MCP servers list their tools.

`readiness(settings, context)` returns {component: problem} for every dependency that is down
(empty when all are up): the checkpointer and the artifact store (SQLite: the file opens and
answers, or its folder can be created; Postgres: a connection answers `SELECT 1`), the handle
store, and each configured MCP server (the hub lists its tools, starting a stdio server if need be).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.stores.handle_store import HandleStore
from planexec.tools.stores.pools import redact

DB_TIMEOUT_S = 3.0
MCP_TIMEOUT_S = 20.0
_CONTEXT_LOCK = threading.Lock()


def readiness_context(state: Any) -> ChatContext:
    """The context /readyz checks through: the app's own (`state.context`) or, when the app makes one
    per request, one built on the first check and kept on `state.readiness_context` (not one per call)."""
    own: ChatContext | None = getattr(state, "context", None)
    if own is not None:
        return own
    with _CONTEXT_LOCK:
        cached: ChatContext | None = getattr(state, "readiness_context", None)
        if cached is None:
            cached = ChatContext(settings=state.settings)
            state.readiness_context = cached
        return cached


def _writable_ancestor(path: Path) -> None:
    folder = path.parent
    while not folder.exists():
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        raise OSError(f"{folder} is not writable")


def check_database(url: str) -> None:
    """Raise when the database at `url` cannot be reached (no side effects: nothing is created)."""
    if url.startswith("memory"):
        return
    if url.startswith("sqlite"):
        path = Path(
            url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite://")
        )
        if not path.exists():
            _writable_ancestor(path)
            return
        with sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=DB_TIMEOUT_S) as conn:
            conn.execute("SELECT 1").fetchone()
        return
    import psycopg

    with psycopg.connect(url, connect_timeout=int(DB_TIMEOUT_S)) as conn:
        conn.execute("SELECT 1").fetchone()


def _problem(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return redact(text)[:200]


async def _database(name: str, url: str, down: dict[str, str]) -> None:
    try:
        await asyncio.wait_for(asyncio.to_thread(check_database, url), DB_TIMEOUT_S + 2)
    except Exception as exc:
        down[name] = _problem(exc)


async def _handle_store(settings: Settings, down: dict[str, str]) -> None:
    url = settings.resolved_handle_store_url()
    try:
        if url.startswith("file:"):
            await asyncio.to_thread(HandleStore(url).ping)
        else:
            await asyncio.wait_for(asyncio.to_thread(check_database, url), DB_TIMEOUT_S + 2)
    except Exception as exc:
        down["handle_store"] = _problem(exc)


async def _servers(context: ChatContext, down: dict[str, str]) -> None:
    hub = context.get_hub()

    async def one(server: str) -> None:
        try:
            await asyncio.wait_for(hub.list_tools(server), MCP_TIMEOUT_S)
        except Exception as exc:
            down[f"mcp:{server}"] = _problem(exc) or "timed out"

    await asyncio.gather(*(one(s) for s in hub.servers))


async def readiness(settings: Settings, context: ChatContext | None = None) -> dict[str, str]:
    """{component: problem} for each dependency that is down; {} when everything is up."""
    down: dict[str, str] = {}
    await asyncio.gather(
        _database("checkpointer", settings.resolved_checkpoint_url(), down),
        _database("store", settings.resolved_store_url(), down),
        _handle_store(settings, down),
        _servers(context or ChatContext(settings=settings), down),
    )
    return dict(sorted(down.items()))
