"""Database connections that heal: Postgres pools with health checks, SQLite in WAL mode.

Postgres (psycopg_pool): every connection is checked (`check_connection`) when it is taken from
the pool, so after a server restart the dead ones are dropped and fresh ones are made; while the
server is down, taking a connection fails after `POOL_TIMEOUT_S` (a clear error, not a hang).
SQLite: WAL journal (readers never block the writer), a busy timeout (a writer waits for another
instead of failing with "database is locked") and `synchronous=NORMAL` (safe with WAL).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool, ConnectionPool

POOL_TIMEOUT_S = 5.0  # waiting for a connection (server down) fails after this long
CONNECT_TIMEOUT_S = 3  # one connection attempt
POOL_MIN_SIZE, POOL_MAX_SIZE = 1, 8
RECONNECT_TIMEOUT_S = 24 * 3600.0  # the pool keeps trying to refill itself this long
SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
)
WAL_ATTEMPTS = 50  # switching a new file to WAL can answer "locked" at once while another opens it


class StoreUnavailableError(RuntimeError):
    """The database behind a store could not be reached (down, restarting, refused)."""


def redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _pool_args(url: str, timeout_s: float, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "conninfo": url,
        "min_size": POOL_MIN_SIZE,
        "max_size": POOL_MAX_SIZE,
        "timeout": timeout_s,
        "reconnect_timeout": RECONNECT_TIMEOUT_S,
        "kwargs": {"connect_timeout": CONNECT_TIMEOUT_S, **kwargs},
        "name": f"planexec {redact(url)}",
    }


def pg_pool(url: str, *, timeout_s: float = POOL_TIMEOUT_S, **kwargs: Any) -> ConnectionPool:
    """An open, health-checked sync pool; `kwargs` go to every connection (autocommit, row_factory…)."""
    from psycopg_pool import ConnectionPool

    return ConnectionPool(
        check=ConnectionPool.check_connection, open=True, **_pool_args(url, timeout_s, kwargs)
    )


def pg_async_pool(url: str, *, timeout_s: float = POOL_TIMEOUT_S, **kwargs: Any) -> AsyncConnectionPool:
    """A health-checked async pool, not yet open (`async with pool:` or `await pool.open()`)."""
    from psycopg_pool import AsyncConnectionPool

    return AsyncConnectionPool(
        check=AsyncConnectionPool.check_connection, open=False, **_pool_args(url, timeout_s, kwargs)
    )


def sqlite_connect(path: str | Path) -> sqlite3.Connection:
    """A thread-shareable SQLite connection with WAL, busy timeout; creates the file's folder."""
    file = Path(path).expanduser()
    if str(path) != ":memory:":
        file.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(file), check_same_thread=False, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    for pragma in SQLITE_PRAGMAS:
        _execute_retrying(conn, pragma)
    return conn


def _execute_retrying(conn: sqlite3.Connection, statement: str) -> None:
    """Run a PRAGMA; "database is locked" (which skips the busy handler for journal-mode changes)
    is retried for up to ~5 s, then raised."""
    for attempt in range(WAL_ATTEMPTS):
        try:
            conn.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.1)
