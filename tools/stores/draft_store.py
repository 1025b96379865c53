"""The drafting database: ArtifactSection and ReasoningTrace rows, SQLite by default, Postgres by URL.

URL: Settings.draft_db_url (PLANEXEC_DRAFT_DB_URL: 'sqlite:///path.db' or 'postgresql://…'), default a
SQLite file in the state folder (Settings.resolved_draft_db_url()). A commit is one transaction;
rows are keyed by content hashes with unique constraints, so committing the same draft twice
writes nothing new. Connections are kept per process and URL: one SQLite connection (WAL, busy
timeout) behind a lock, or a health-checked Postgres pool that heals after a server restart.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from planexec.schemas.settings import Settings
from planexec.tools.stores.pools import StoreUnavailableError, pg_pool, redact, sqlite_connect

_TABLES = (
    "CREATE TABLE IF NOT EXISTS draft_artifacts (draft_id TEXT PRIMARY KEY, title TEXT NOT NULL,"
    " artifact_type TEXT NOT NULL, template TEXT NOT NULL, template_version TEXT NOT NULL,"
    " profile_hash TEXT NOT NULL, sections INTEGER NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS artifact_sections (row_id TEXT PRIMARY KEY, draft_id TEXT NOT NULL,"
    " section_id TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,"
    " citations TEXT NOT NULL, content_hash TEXT NOT NULL, composer TEXT NOT NULL,"
    " tool_name TEXT NOT NULL, tool_version TEXT NOT NULL, schema_name TEXT NOT NULL,"
    " schema_version TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (draft_id, section_id))",
    "CREATE TABLE IF NOT EXISTS reasoning_traces (row_id TEXT PRIMARY KEY, draft_id TEXT NOT NULL,"
    " seq INTEGER NOT NULL, tool_name TEXT NOT NULL, tool_version TEXT NOT NULL, schema_name TEXT NOT NULL,"
    " schema_version TEXT NOT NULL, section_id TEXT, input_hash TEXT NOT NULL, output_hash TEXT NOT NULL,"
    " status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, detail TEXT NOT NULL,"
    " UNIQUE (draft_id, seq))",
)
SECTION_COLUMNS = (
    "row_id",
    "draft_id",
    "section_id",
    "position",
    "title",
    "body",
    "citations",
    "content_hash",
    "composer",
    "tool_name",
    "tool_version",
    "schema_name",
    "schema_version",
    "created_at",
)
TRACE_COLUMNS = (
    "row_id",
    "draft_id",
    "seq",
    "tool_name",
    "tool_version",
    "schema_name",
    "schema_version",
    "section_id",
    "input_hash",
    "output_hash",
    "status",
    "started_at",
    "finished_at",
    "detail",
)
ARTIFACT_COLUMNS = (
    "draft_id",
    "title",
    "artifact_type",
    "template",
    "template_version",
    "profile_hash",
    "sections",
    "created_at",
)


class DraftStoreURLError(ValueError):
    """The drafting DB URL has an unknown scheme."""


def draft_db_url(settings: Settings | None = None) -> str:
    """The drafting DB URL of `settings` (read now when not given): PLANEXEC_DRAFT_DB_URL, else
    a SQLite file in the state folder (its folder is created when the DB is first opened)."""
    return (settings or Settings()).resolved_draft_db_url()


def store_kind(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith(("postgres://", "postgresql://")):
        return "postgres"
    raise DraftStoreURLError(f"unknown drafting DB URL {url!r}: use sqlite:///path.db or postgresql://…")


@dataclass
class CommitRows:
    """Everything one commit writes."""

    artifact: dict[str, Any]
    sections: list[dict[str, Any]]
    traces: list[dict[str, Any]]


_shared: dict[str, tuple[Any, threading.Lock | None]] = {}
_shared_guard = threading.Lock()


def _shared_handle(url: str) -> tuple[Any, threading.Lock | None]:
    """The process's SQLite connection (+ its lock) or Postgres pool (None) for `url`."""
    with _shared_guard:
        handle = _shared.get(url)
        if handle is None:
            if store_kind(url) == "sqlite":
                path = (
                    url.removeprefix("sqlite:///")
                    if url.startswith("sqlite:///")
                    else url[len("sqlite://") :]
                )
                handle = (sqlite_connect(path), threading.Lock())
            else:
                handle = (pg_pool(url), None)
            _shared[url] = handle
        return handle


def close_connections() -> None:
    """Close every kept connection and pool (tests, shutdown)."""
    with _shared_guard:
        handles = list(_shared.values())
        _shared.clear()
    for conn, _ in handles:
        conn.close()


@contextmanager
def _connect(url: str) -> Iterator[tuple[Any, str]]:
    """(connection, placeholder) for the URL; the caller commits or the block rolls back."""
    conn, lock = _shared_handle(url)
    if lock is not None:
        with lock:
            yield conn, "?"
        return
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        with conn.connection() as pg:
            yield pg, "%s"
    except (PoolTimeout, psycopg.OperationalError) as exc:
        raise StoreUnavailableError(f"drafting DB {redact(url)} unavailable: {exc}") from exc


def _insert(cur: Any, mark: str, table: str, columns: Sequence[str], rows: list[dict[str, Any]]) -> int:
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
        " ON CONFLICT DO NOTHING"
    )
    written = 0
    for row in rows:
        cur.execute(sql, tuple(row[c] for c in columns))
        written += max(cur.rowcount, 0)
    return written


def commit_rows(url: str, rows: CommitRows) -> tuple[int, int]:
    """Write the artifact, its sections and its trace in one transaction; (sections, traces) new rows."""
    with _connect(url) as (conn, mark):
        try:
            cur = conn.cursor()
            for statement in _TABLES:
                cur.execute(statement)
            _insert(cur, mark, "draft_artifacts", ARTIFACT_COLUMNS, [rows.artifact])
            sections = _insert(cur, mark, "artifact_sections", SECTION_COLUMNS, rows.sections)
            traces = _insert(cur, mark, "reasoning_traces", TRACE_COLUMNS, rows.traces)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    return sections, traces


def fetch(url: str, table: str, draft_id: str | None = None) -> list[dict[str, Any]]:
    """Rows of one drafting table (optionally of one draft), as dicts: for tests and exports."""
    if table not in {"draft_artifacts", "artifact_sections", "reasoning_traces"}:
        raise ValueError(f"unknown table {table!r}")
    with _connect(url) as (conn, mark):
        cur = conn.cursor()
        for statement in _TABLES:
            cur.execute(statement)
        conn.commit()
        where = f" WHERE draft_id = {mark}" if draft_id else ""
        cur.execute(f"SELECT * FROM {table}{where}", (draft_id,) if draft_id else ())
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
