"""Checkpointer setup: SQLite file by default, in-memory for tests, Postgres by URL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver

from planexec.graph.settings import checkpoint_url


class CheckpointURLError(ValueError):
    """The checkpoint URL has a scheme planexec does not know."""


def _sqlite_path(url: str) -> str:
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite://")
    if path and path != ":memory:":
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return path or ":memory:"


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
def open_checkpointer(url: str | None = None) -> Iterator[BaseCheckpointSaver]:
    """A sync checkpointer for `url` (default: settings.checkpoint_url()); closed on exit."""
    url = url or checkpoint_url()
    kind = _kind(url)
    if kind == "memory":
        yield InMemorySaver()
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite import SqliteSaver

        with SqliteSaver.from_conn_string(_sqlite_path(url)) as saver:
            yield saver
    else:
        from langgraph.checkpoint.postgres import PostgresSaver

        with PostgresSaver.from_conn_string(url) as saver:
            saver.setup()
            yield saver


@asynccontextmanager
async def open_async_checkpointer(url: str | None = None) -> AsyncIterator[BaseCheckpointSaver]:
    """An async checkpointer for `url` (default: settings.checkpoint_url()); closed on exit."""
    url = url or checkpoint_url()
    kind = _kind(url)
    if kind == "memory":
        yield InMemorySaver()
    elif kind == "sqlite":
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        async with AsyncSqliteSaver.from_conn_string(_sqlite_path(url)) as saver:
            yield saver
    else:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

        async with AsyncPostgresSaver.from_conn_string(url) as saver:
            await saver.setup()
            yield saver
