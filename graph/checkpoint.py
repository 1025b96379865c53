"""Checkpointer setup: SQLite file by default, in-memory for tests, Postgres by URL.

The URL comes from `Settings.resolved_checkpoint_url()` (read by the entry point and passed
here). Opening a SQLite checkpointer for writing creates its folder; opening one for reading
(`create=False`) never creates anything and fails with CheckpointNotFoundError when the file is
missing.

Databases heal: Postgres goes through a health-checked connection pool (psycopg_pool; a
restarted server is used again within seconds, an unreachable one fails within the pool timeout),
SQLite runs in WAL mode with a busy timeout so concurrent writers wait instead of failing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver

from planexec.schemas.settings import Settings, ensure_dir
from planexec.tools.stores.pools import SQLITE_PRAGMAS, pg_async_pool, pg_pool

_PG_CONN_KWARGS = {"autocommit": True, "prepare_threshold": 0}


class CheckpointURLError(ValueError):
    """The checkpoint URL has a scheme planexec does not know."""


class CheckpointNotFoundError(FileNotFoundError):
    """Reading a SQLite checkpointer whose file does not exist (nothing was ever saved there)."""


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
        yield InMemorySaver()
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite import SqliteSaver

        with SqliteSaver.from_conn_string(_sqlite_path(url, create=create)) as saver:
            for pragma in SQLITE_PRAGMAS:
                saver.conn.execute(pragma)
            yield saver
    else:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row

        with pg_pool(url, row_factory=dict_row, **_PG_CONN_KWARGS) as pool:
            pg_saver = PostgresSaver(pool)  # type: ignore[arg-type]
            pg_saver.setup()
            yield pg_saver


@asynccontextmanager
async def open_async_checkpointer(
    url: str, *, create: bool = True, settings: Settings | None = None
) -> AsyncIterator[BaseCheckpointSaver]:
    """An async checkpointer for `url`, closed on exit; `create=False` to only read.

    With `settings` (a query is about to write), retention runs in the background at most once
    per `settings.retention_interval_s` per process (graph/retention.py).
    """
    kind = _kind(url)
    if settings is not None and create:
        from planexec.graph.retention import prune_soon

        prune_soon(settings)
    if kind == "memory":
        yield InMemorySaver()
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        async with AsyncSqliteSaver.from_conn_string(_sqlite_path(url, create=create)) as saver:
            for pragma in SQLITE_PRAGMAS:
                await saver.conn.execute(pragma)
            yield saver
    else:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg.rows import dict_row

        async with pg_async_pool(url, row_factory=dict_row, **_PG_CONN_KWARGS) as pool:
            apg_saver = AsyncPostgresSaver(pool)  # type: ignore[arg-type]
            await apg_saver.setup()
            yield apg_saver
