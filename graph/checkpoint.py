"""Checkpointer setup: SQLite file by default, in-memory for tests, Postgres by URL.

The URL comes from `Settings.resolved_checkpoint_url()` (read by the entry point and passed
here). Opening a SQLite checkpointer for writing creates its folder; opening one for reading
(`create=False`) never creates anything and fails with CheckpointNotFoundError when the file is
missing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver

from planexec.schemas.settings import ensure_dir


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
            yield saver
    else:
        from langgraph.checkpoint.postgres import PostgresSaver

        with PostgresSaver.from_conn_string(url) as saver:
            saver.setup()
            yield saver


@asynccontextmanager
async def open_async_checkpointer(url: str, *, create: bool = True) -> AsyncIterator[BaseCheckpointSaver]:
    """An async checkpointer for `url`, closed on exit; `create=False` to only read."""
    kind = _kind(url)
    if kind == "memory":
        yield InMemorySaver()
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        async with AsyncSqliteSaver.from_conn_string(_sqlite_path(url, create=create)) as saver:
            yield saver
    else:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

        async with AsyncPostgresSaver.from_conn_string(url) as saver:
            await saver.setup()
            yield saver
