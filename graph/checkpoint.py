"""Checkpointer setup: SQLite file by default, in-memory for tests, Postgres by URL.

The URL comes from `Settings.resolved_checkpoint_url()` (read by the entry point and passed
here). Opening a SQLite checkpointer for writing creates its folder; opening one for reading
(`create=False`) never creates anything and fails with CheckpointNotFoundError when the file is
missing.

Databases heal: Postgres goes through a health-checked connection pool (psycopg_pool; a
restarted server is used again within seconds, an unreachable one fails within the pool timeout),
SQLite runs in WAL mode with a busy timeout so concurrent writers wait instead of failing, and
keeps one idle connection per file (graph/wal_keeper.py) so closing a query's connection does not
fold the WAL back into the file every turn.

Every saver deserializes with `serializer()`: a JsonPlusSerializer whose msgpack allowlist names
the classes of planexec.schemas (the typed state values), so reading a checkpoint neither warns
"Deserializing unregistered type planexec.schemas.…" nor would be blocked once LangGraph turns the
allowlist on by default. A compiled graph adds the types of its state schema to that list.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import sqlite3
import threading
import time
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

import planexec.schemas
from planexec.graph.wal_keeper import is_kept, keep_open
from planexec.schemas.settings import Settings, ensure_dir
from planexec.tools.stores.pools import SQLITE_PRAGMAS, WAL_ATTEMPTS, pg_async_pool, pg_pool

_PG_CONN_KWARGS = {"autocommit": True, "prepare_threshold": 0}
# LangGraph's Postgres setup (CREATE TABLE IF NOT EXISTS + migration rows) is not safe to run
# concurrently: two workers opening a new database at once fail with UniqueViolation. It runs
# once per process and URL, serialised across processes by this advisory lock.
_SETUP_LOCK_KEY = 0x706C616E  # "plan"
_SETUP_DONE: set[str] = set()
_SETUP_GUARD = threading.Lock()
_SETUP_WAIT_S = 60.0
# The lock is polled (pg_try_advisory_lock), never waited for inside a statement: setup's
# CREATE INDEX CONCURRENTLY waits for every open statement, so a blocked pg_advisory_lock
# call in another worker would deadlock with it.


class CheckpointURLError(ValueError):
    """The checkpoint URL has a scheme planexec does not know."""


class CheckpointNotFoundError(FileNotFoundError):
    """Reading a SQLite checkpointer whose file does not exist (nothing was ever saved there)."""


def schema_classes() -> list[type]:
    """Every class defined in a planexec.schemas module (the models checkpoints hold)."""
    classes: list[type] = []
    for info in pkgutil.walk_packages(planexec.schemas.__path__, prefix="planexec.schemas."):
        module = importlib.import_module(info.name)
        classes += [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == info.name]
    return classes


@cache
def serializer() -> JsonPlusSerializer:
    """The checkpoint serializer: msgpack, allowing planexec.schemas' classes explicitly."""
    return JsonPlusSerializer(allowed_msgpack_modules=schema_classes())


def _sqlite_path(url: str, *, create: bool) -> str:
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite://")
    if not path or path == ":memory:":
        return ":memory:"
    file = Path(path).expanduser()
    if create:
        ensure_dir(file.parent)
    elif not file.is_file():
        raise CheckpointNotFoundError(f"no checkpoint database at {file}")
    return str(file)


def _kind(url: str) -> str:
    if url.startswith("memory"):
        return "memory"
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgres"
    raise CheckpointURLError(
        f"unknown checkpoint URL {url!r}: use memory://, sqlite:///path.db or postgresql://…"
    )


@contextmanager
def open_checkpointer(url: str, *, create: bool = True) -> Iterator[BaseCheckpointSaver]:
    """A sync checkpointer for `url`, closed on exit; `create=False` to only read existing checkpoints."""
    kind = _kind(url)
    if kind == "memory":
        yield InMemorySaver(serde=serializer())
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite import SqliteSaver

        path = _sqlite_path(url, create=create)
        with closing(sqlite3.connect(path, check_same_thread=False)) as conn:
            saver = SqliteSaver(conn, serde=serializer())
            for pragma in SQLITE_PRAGMAS:
                saver.conn.execute(pragma)
            yield saver
    else:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row

        with pg_pool(url, row_factory=dict_row, **_PG_CONN_KWARGS) as pool:
            pg_saver = PostgresSaver(pool, serde=serializer())  # type: ignore[arg-type]
            _setup_once(url, pg_saver)
            yield pg_saver


@asynccontextmanager
async def open_async_checkpointer(
    url: str, *, create: bool = True, settings: Settings | None = None, thread_id: str | None = None
) -> AsyncIterator[BaseCheckpointSaver]:
    """An async checkpointer for `url`, closed on exit; `create=False` to only read.

    With `settings` (a query is about to write), retention runs in the background at most once
    per `settings.retention_interval_s` per process (graph/retention.py); it never prunes
    `thread_id`, the thread the query continues (however old its last turn).
    """
    kind = _kind(url)
    if settings is not None and create:
        from planexec.graph.retention import prune_soon

        prune_soon(settings, keep_threads=(thread_id,) if thread_id else ())
    if kind == "memory":
        yield InMemorySaver(serde=serializer())
    elif kind == "sqlite":
        import aiosqlite
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        path = _sqlite_path(url, create=create)
        async with aiosqlite.connect(path) as conn:
            saver = AsyncSqliteSaver(conn, serde=serializer())
            saver.lock = _file_lock(path)  # the process's queries take turns on the file
            await _sqlite_pragmas(saver)
            if not is_kept(path):  # after the pragmas: the file is in WAL mode
                await asyncio.to_thread(keep_open, path)
            yield saver
    else:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg.rows import dict_row

        async with pg_async_pool(url, row_factory=dict_row, **_PG_CONN_KWARGS) as pool:
            apg_saver = AsyncPostgresSaver(pool, serde=serializer())  # type: ignore[arg-type]
            await _asetup_once(url, apg_saver)
            yield apg_saver


_FILE_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


async def _sqlite_pragmas(saver: Any) -> None:
    """WAL mode, busy timeout, synchronous=NORMAL on the saver's connection, taking turns with the
    process's other savers of the file; "database is locked" (SQLite skips the busy handler when a
    new file switches to WAL while another connection opens it) is retried for ~5 s, as the stores do."""
    async with saver.lock:
        for pragma in SQLITE_PRAGMAS:
            for attempt in range(WAL_ATTEMPTS):
                try:
                    await saver.conn.execute(pragma)
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                        raise
                    await asyncio.sleep(0.1)


def _file_lock(path: str) -> asyncio.Lock:
    """One lock per SQLite file and event loop, shared by every saver of the process on that file.

    Each query opens its own connection; without this, 32 concurrent queries of one worker were 32
    writers contending for the file and some waited past the busy timeout ("database is locked").
    With it the process's checkpoint operations take turns, as if on one connection (other
    processes still wait on the busy timeout)."""
    locks = _FILE_LOCKS.setdefault(asyncio.get_running_loop(), {})
    return locks.setdefault(path, asyncio.Lock())


def _setup_once(url: str, saver: BaseCheckpointSaver) -> None:
    """`saver.setup()` once per process and URL, under a cross-process advisory lock."""
    import psycopg

    with _SETUP_GUARD:
        if url in _SETUP_DONE:
            return
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            deadline = time.monotonic() + _SETUP_WAIT_S
            while not _try_lock_sync(conn):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"checkpoint setup lock not granted within {_SETUP_WAIT_S:g} s")
                time.sleep(0.1)
            try:
                saver.setup()  # type: ignore[attr-defined]
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
        _SETUP_DONE.add(url)


def _try_lock_sync(conn: Any) -> bool:
    row = conn.execute("SELECT pg_try_advisory_lock(%s)", (_SETUP_LOCK_KEY,)).fetchone()
    return bool(row and row[0])


async def _try_lock(conn: Any) -> bool:
    cursor = await conn.execute("SELECT pg_try_advisory_lock(%s)", (_SETUP_LOCK_KEY,))
    row = await cursor.fetchone()
    return bool(row and row[0])


async def _asetup_once(url: str, saver: BaseCheckpointSaver) -> None:
    """The async `setup()` once per process and URL, under the same advisory lock."""
    import psycopg

    if url in _SETUP_DONE:
        return
    async with await psycopg.AsyncConnection.connect(url, autocommit=True, connect_timeout=5) as conn:
        deadline = time.monotonic() + _SETUP_WAIT_S
        while not await _try_lock(conn):
            if time.monotonic() > deadline:
                raise TimeoutError(f"checkpoint setup lock not granted within {_SETUP_WAIT_S:g} s")
            await asyncio.sleep(0.1)
        try:
            await saver.setup()  # type: ignore[attr-defined]
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
    with _SETUP_GUARD:
        _SETUP_DONE.add(url)
