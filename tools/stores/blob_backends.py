"""Key/value blob storage for artifacts and the result cache: memory, SQLite file or Postgres."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol


class BlobBackend(Protocol):
    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None: ...
    def get(self, namespace: str, key: str) -> bytes | None: ...
    def close(self) -> None: ...


class MemoryBackend:
    """In-process dict (tests)."""

    def __init__(self) -> None:
        self._data: dict[tuple[str, str], tuple[bytes, float | None]] = {}
        self._lock = threading.Lock()

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        with self._lock:
            self._data[(namespace, key)] = (data, expires_at)

    def get(self, namespace: str, key: str) -> bytes | None:
        with self._lock:
            item = self._data.get((namespace, key))
        if item is None or (item[1] is not None and item[1] < time.time()):
            return None
        return item[0]

    def close(self) -> None:
        self._data.clear()


_SQLITE_DDL = """
CREATE TABLE IF NOT EXISTS blobs (
    namespace TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,
    expires_at REAL, created_at REAL NOT NULL, PRIMARY KEY (namespace, key))
"""


class SqliteBackend:
    """One SQLite file, safe to share between threads (one connection behind a lock)."""

    def __init__(self, path: str | Path) -> None:
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(_SQLITE_DDL)
        self._conn.commit()
        self._lock = threading.Lock()

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?)",
                (namespace, key, data, expires_at, time.time()),
            )
            self._conn.commit()

    def get(self, namespace: str, key: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data, expires_at FROM blobs WHERE namespace = ? AND key = ?", (namespace, key)
            ).fetchone()
        if row is None or (row[1] is not None and row[1] < time.time()):
            return None
        return bytes(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


_PG_DDL = """
CREATE TABLE IF NOT EXISTS planexec_blobs (
    namespace TEXT NOT NULL, key TEXT NOT NULL, data BYTEA NOT NULL,
    expires_at DOUBLE PRECISION, created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (namespace, key))
"""


class PostgresBackend:
    """A Postgres table, for several backend workers sharing artifacts."""

    def __init__(self, url: str, connect_timeout_s: int = 10) -> None:
        import psycopg

        self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout_s)
        self._conn.execute(_PG_DDL)
        self._lock = threading.Lock()

    def put(self, namespace: str, key: str, data: bytes, expires_at: float | None = None) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO planexec_blobs VALUES (%s, %s, %s, %s, %s) ON CONFLICT (namespace, key) "
                "DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at",
                (namespace, key, data, expires_at, time.time()),
            )

    def get(self, namespace: str, key: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT data, expires_at FROM planexec_blobs WHERE namespace = %s AND key = %s",
                (namespace, key),
            ).fetchone()
        if row is None or (row[1] is not None and row[1] < time.time()):
            return None
        return bytes(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


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
