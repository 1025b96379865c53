"""Key/value blob storage for artifacts and the result cache: memory, SQLite file or Postgres.

SQLite: one connection per backend behind a lock, WAL journal, a busy timeout (concurrent
processes wait instead of failing with "database is locked"). Postgres: a connection pool
(psycopg_pool) that checks each connection before use, so a restarted server is used again as
soon as it accepts connections; while it is down, calls fail within the pool timeout with
StoreUnavailableError instead of hanging. Every backend can list and delete entries (retention).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from planexec.tools.stores.pools import POOL_TIMEOUT_S, StoreUnavailableError, pg_pool, redact, sqlite_connect


@dataclass(frozen=True)
class BlobEntry:
    """One stored blob's bookkeeping (no data)."""

    namespace: str
    key: str
    size: int
    created_at: float
    expires_at: float | None


class BlobBackend(Protocol):
    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None: ...
    def get(self, namespace: str, key: str) -> bytes | None: ...
    def entries(self, namespace: str) -> list[BlobEntry]: ...
    def delete(self, namespace: str, keys: Iterable[str]) -> int: ...
    def close(self) -> None: ...


class MemoryBackend:
    """In-process dict (tests)."""

    def __init__(self) -> None:
        self._data: dict[tuple[str, str], tuple[bytes, float | None, float]] = {}
        self._lock = threading.Lock()

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        with self._lock:
            self._data[(namespace, key)] = (data, expires_at, time.time())

    def get(self, namespace: str, key: str) -> bytes | None:
        with self._lock:
            item = self._data.get((namespace, key))
        if item is None or (item[1] is not None and item[1] < time.time()):
            return None
        return item[0]

    def entries(self, namespace: str) -> list[BlobEntry]:
        with self._lock:
            items = [(k, v) for k, v in self._data.items() if k[0] == namespace]
        return [BlobEntry(ns, key, len(d), created, exp) for (ns, key), (d, exp, created) in items]

    def delete(self, namespace: str, keys: Iterable[str]) -> int:
        with self._lock:
            found = [(namespace, k) for k in keys if (namespace, k) in self._data]
            for item in found:
                del self._data[item]
        return len(found)

    def close(self) -> None:
        self._data.clear()


_SQLITE_DDL = """
CREATE TABLE IF NOT EXISTS blobs (
    namespace TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
    expires_at REAL, created_at REAL NOT NULL, PRIMARY KEY (namespace, key))
"""
_ENTRIES = "SELECT namespace, key, length(data), created_at, expires_at FROM {table} WHERE namespace = {m}"


class SqliteBackend:
    """One SQLite file, safe to share between threads (one WAL connection behind a lock)."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite_connect(path)
        with self._conn:
            self._conn.execute(_SQLITE_DDL)
        self._lock = threading.Lock()

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?)",
                (namespace, key, data, expires_at, time.time()),
            )

    def get(self, namespace: str, key: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data, expires_at FROM blobs WHERE namespace = ? AND key = ?", (namespace, key)
            ).fetchone()
        if row is None or (row[1] is not None and row[1] < time.time()):
            return None
        return bytes(row[0])

    def entries(self, namespace: str) -> list[BlobEntry]:
        with self._lock:
            rows = self._conn.execute(_ENTRIES.format(table="blobs", m="?"), (namespace,)).fetchall()
        return [BlobEntry(*row) for row in rows]

    def delete(self, namespace: str, keys: Iterable[str]) -> int:
        pairs = [(namespace, k) for k in keys]
        with self._lock, self._conn:
            cur = self._conn.executemany("DELETE FROM blobs WHERE namespace = ? AND key = ?", pairs)
            return max(cur.rowcount, 0)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


_PG_DDL = """
CREATE TABLE IF NOT EXISTS planexec_blobs (
    namespace TEXT NOT NULL, key TEXT NOT NULL, data BYTEA NOT NULL,
    expires_at DOUBLE PRECISION, created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (namespace, key))
"""


class PostgresBackend:
    """A Postgres table behind a health-checked connection pool, for several backend workers."""

    def __init__(self, url: str, timeout_s: float = POOL_TIMEOUT_S) -> None:
        self._url = url
        self._pool = pg_pool(url, timeout_s=timeout_s, autocommit=True)
        self._run("DDL", lambda conn: conn.execute(_PG_DDL))

    def _run(self, what: str, work: Any) -> Any:
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self._pool.connection() as conn:
                return work(conn)
        except (PoolTimeout, psycopg.OperationalError) as exc:
            where = redact(self._url)
            raise StoreUnavailableError(f"artifact store {where} unavailable ({what}): {exc}") from exc

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        self._run(
            "put",
            lambda conn: conn.execute(
                "INSERT INTO planexec_blobs VALUES (%s, %s, %s, %s, %s) ON CONFLICT (namespace, key) "
                "DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, "
                "created_at = EXCLUDED.created_at",
                (namespace, key, data, expires_at, time.time()),
            ),
        )

    def get(self, namespace: str, key: str) -> bytes | None:
        row = self._run(
            "get",
            lambda conn: conn.execute(
                "SELECT data, expires_at FROM planexec_blobs WHERE namespace = %s AND key = %s",
                (namespace, key),
            ).fetchone(),
        )
        if row is None or (row[1] is not None and row[1] < time.time()):
            return None
        return bytes(row[0])

    def entries(self, namespace: str) -> list[BlobEntry]:
        sql = _ENTRIES.format(table="planexec_blobs", m="%s")
        rows = self._run("list", lambda conn: conn.execute(sql, (namespace,)).fetchall())
        return [BlobEntry(*row) for row in rows]

    def delete(self, namespace: str, keys: Iterable[str]) -> int:
        wanted = list(keys)
        if not wanted:
            return 0
        sql = "DELETE FROM planexec_blobs WHERE namespace = %s AND key = ANY(%s)"
        cur = self._run("delete", lambda conn: conn.execute(sql, (namespace, wanted)))
        return max(int(cur.rowcount), 0)

    def close(self) -> None:
        self._pool.close()


def open_backend(url: str) -> BlobBackend:
    """'memory://', 'sqlite:///path.db' or 'postgresql://…' (same scheme as the checkpointer)."""
    if url.startswith("memory"):
        return MemoryBackend()
    if url.startswith("sqlite"):
        path = (
            url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite://")
        )
        return SqliteBackend(path)
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresBackend(url)
    raise ValueError(f"unknown store URL {url!r}: use memory://, sqlite:///path.db or postgresql://…")
