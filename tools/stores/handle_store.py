"""Content-addressed handle store: publish bytes once, get a `DataHandle`, read them back verified.

Backends by URL: `file:///folder` (default `<home>/handles`; one file per payload, written to a
temporary file in the same folder and moved into place with os.replace, so readers never see a
torn payload), or any blob backend URL (`sqlite:///file.db`, `postgresql://…`, `memory://`).
Keys are '<kind>/<version>/<sha256>', so equal payloads share one entry and no writer ever
overwrites another's data. Reads check the hash: a tampered or truncated payload is an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import (
    BINARY_FORMAT_VERSION,
    HANDLE_FORMAT_VERSION,
    HANDLE_MISSING_CODE,
    DataHandle,
    HandleError,
    HandleKind,
)
from planexec.schemas.settings import Settings, ensure_dir
from planexec.tools.stores.blob_backends import BlobBackend, open_backend
from planexec.tools.stores.columnar import ColumnTable, decode_table, encode_table
from planexec.tools.stores.pools import redact

_NAMESPACE = "handles"


@dataclass(frozen=True)
class StoredPayload:
    """One payload's bookkeeping in the store (for retention): key, size, time written."""

    key: str
    size: int
    created_at: float


class FolderBackend:
    """Payloads as files under one folder (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder.joinpath(*key.split("/"))

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.exists():
            with contextlib.suppress(OSError):
                os.utime(path)  # published again: fresh for retention (its age counts from now)
            return
        ensure_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def contains(self, key: str) -> bool:
        return self._path(key).is_file()

    def entries(self) -> list[StoredPayload]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                key = path.relative_to(self.folder).as_posix()
                found.append(StoredPayload(key=key, size=stat.st_size, created_at=stat.st_mtime))
        return found

    def delete(self, keys: list[str]) -> None:
        for key in keys:
            self._path(key).unlink(missing_ok=True)

    def ping(self) -> None:
        if self.folder.exists() and not os.access(self.folder, os.W_OK):
            raise OSError(f"handle folder {self.folder} is not writable")


class _BlobAdapter:
    def __init__(self, backend: BlobBackend) -> None:
        self.backend = backend

    def put(self, key: str, data: bytes) -> None:
        if self.backend.get(_NAMESPACE, key) is None:
            self.backend.put(_NAMESPACE, key, data)

    def get(self, key: str) -> bytes | None:
        return self.backend.get(_NAMESPACE, key)

    def contains(self, key: str) -> bool:
        return self.backend.get(_NAMESPACE, key) is not None

    def entries(self) -> list[StoredPayload]:
        return [StoredPayload(e.key, e.size, e.created_at) for e in self.backend.entries(_NAMESPACE)]

    def delete(self, keys: list[str]) -> None:
        self.backend.delete(_NAMESPACE, keys)

    def ping(self) -> None:
        self.backend.get(_NAMESPACE, "ping")


def folder_of(url: str) -> Path | None:
    """The folder of a 'file://' URL, or None for other schemes."""
    if not url.startswith("file:"):
        return None
    return Path(unquote(urlparse(url).path))


class HandleStore:
    """Publish and read content-addressed payloads; thread-safe."""

    def __init__(self, url: str) -> None:
        self.url = url
        folder = folder_of(url)
        self._backend: Any = FolderBackend(folder) if folder is not None else _BlobAdapter(open_backend(url))
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> HandleStore:
        return cls(settings.resolved_handle_store_url())

    def publish(
        self, kind: HandleKind, data: bytes, rows: int, version: str = HANDLE_FORMAT_VERSION
    ) -> DataHandle:
        handle = DataHandle(
            kind=kind,
            version=version,
            sha256=hashlib.sha256(data).hexdigest(),
            rows=rows,
            size_bytes=len(data),
            store=redact(self.url),
        )
        with self._lock:
            self._backend.put(handle.key, data)
        return handle

    def read(self, handle: DataHandle, kind: HandleKind | None = None) -> bytes:
        """The payload's bytes, checked against the handle (kind, size, hash)."""
        if kind is not None and handle.kind != kind:
            raise HandleError(f"expected a handle of kind '{kind}', got '{handle.kind}'")
        data = self._backend.get(handle.key)
        if data is None:
            raise HandleError(
                f"{HANDLE_MISSING_CODE}: handle {handle.kind}/{handle.sha256[:12]} is not in the store "
                f"{redact(self.url)} (never published there, or pruned); publish or register it again"
            )
        if len(data) != handle.size_bytes or hashlib.sha256(data).hexdigest() != handle.sha256:
            raise HandleError(
                f"handle {handle.kind}/{handle.sha256[:12]} does not match its stored payload "
                "(size or hash differ): the handle or the store was altered"
            )
        return data

    def read_key(self, key: str) -> bytes | None:
        """The payload stored under `key` ('<kind>/<version>/<sha256>'), None when absent or when its
        hash does not match the key (retention reads references this way)."""
        data = self._backend.get(key)
        if data is None or hashlib.sha256(data).hexdigest() != key.rsplit("/", 1)[-1]:
            return None
        return bytes(data)

    def contains(self, handle: DataHandle) -> bool:
        """Whether the handle's payload is in this store (not verified; cheap for a folder)."""
        return bool(self._backend.contains(handle.key))

    def entries(self) -> list[StoredPayload]:
        """Every payload in the store (key '<kind>/<version>/<sha256>', size, time written)."""
        return list(self._backend.entries())

    def delete(self, keys: list[str]) -> None:
        """Remove payloads by key (missing keys are ignored)."""
        if keys:
            with self._lock:
                self._backend.delete(keys)

    def ping(self) -> None:
        """Raise when the store cannot be reached."""
        self._backend.ping()

    def close(self) -> None:
        if isinstance(self._backend, _BlobAdapter):
            self._backend.backend.close()


def publish_columns(store: HandleStore, table: ColumnTable) -> DataHandle:
    """Publish a table in the binary columnar form (version 2) and return its 'entity_table' handle."""
    return store.publish("entity_table", encode_table(table), table.count, BINARY_FORMAT_VERSION)


def publish_table(store: HandleStore, table: EntityTable) -> DataHandle:
    """Publish an inline entity table (stored in the binary columnar form)."""
    return publish_columns(store, ColumnTable.from_entity_table(table))


def read_columns(store: HandleStore, handle: DataHandle) -> ColumnTable:
    """The table behind an 'entity_table' handle (verified), as columns; reads both payload versions
    (1: the table's JSON, as published before the binary form)."""
    data = store.read(handle, "entity_table")
    if handle.version == HANDLE_FORMAT_VERSION:
        return ColumnTable.from_entity_table(EntityTable.model_validate_json(data))
    if handle.version != BINARY_FORMAT_VERSION:
        raise HandleError(f"entity_table handle version {handle.version!r} is not one this store reads")
    return decode_table(data)


def read_table(store: HandleStore, handle: DataHandle) -> EntityTable:
    """The entity table behind an 'entity_table' handle (verified), as the inline model."""
    return read_columns(store, handle).to_entity_table()


class LazyHandleStore:
    """Opens the store named by `settings` on first use (servers: no I/O at start)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings
        self._store: HandleStore | None = None
        self._lock = threading.Lock()

    def __call__(self) -> HandleStore:
        with self._lock:
            if self._store is None:
                self._store = HandleStore.from_settings(self._settings or Settings())
            return self._store
