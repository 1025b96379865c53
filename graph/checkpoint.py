"""Checkpointer setup: SQLite file by default, in-memory for tests, Postgres by URL.

The URL comes from `Settings.resolved_checkpoint_url()` (read by the entry point and passed
here). Opening a SQLite checkpointer for writing creates its folder; opening one for reading
(`create=False`) never creates anything and fails with CheckpointNotFoundError when the file is
missing.

Databases heal: Postgres goes through a health-checked connection pool (psycopg_pool; a
restarted server is used again within seconds, an unreachable one fails within the pool timeout),
SQLite runs in WAL mode with a busy timeout so concurrent writers wait instead of failing.

Every saver deserializes with `serializer()`: a JsonPlusSerializer whose msgpack allowlist names
the classes of planexec.schemas (the typed state values), so reading a checkpoint neither warns
"Deserializing unregistered type planexec.schemas.…" nor would be blocked once LangGraph turns the
allowlist on by default. A compiled graph adds the types of its state schema to that list.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from functools import cache
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

import planexec.schemas
from planexec.schemas.settings import Settings, ensure_dir
from planexec.tools.stores.pools import SQLITE_PRAGMAS, pg_async_pool, pg_pool

_PG_CONN_KWARGS = {"autocommit": True, "prepare_threshold": 0}


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
            pg_saver.setup()
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

        async with aiosqlite.connect(_sqlite_path(url, create=create)) as conn:
            saver = AsyncSqliteSaver(conn, serde=serializer())
            for pragma in SQLITE_PRAGMAS:
                await saver.conn.execute(pragma)
            yield saver
    else:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg.rows import dict_row

        async with pg_async_pool(url, row_factory=dict_row, **_PG_CONN_KWARGS) as pool:
            apg_saver = AsyncPostgresSaver(pool, serde=serializer())  # type: ignore[arg-type]
            await apg_saver.setup()
            yield apg_saver
