"""Artifact store: tool payloads live here, content-addressed; the graph state keeps references.

A store also remembers the small payloads it wrote (`recent`, no I/O), so the step that reads a
previous step's result in the same run does not need a trip to the database thread for it;
`get` always reads the backend.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from typing import Any

from planexec.schemas.artifacts import ArtifactRef
from planexec.tools.stores.blob_backends import BlobBackend, open_backend

_NS = "artifact"


class ArtifactNotFoundError(KeyError):
    """The referenced artifact is not in the store (wrong store, or it was removed)."""


class ArtifactStore:
    """Stores JSON payloads compressed and content-addressed (identical payloads stored once)."""

    RECENT_MAX_BYTES = 4 << 20  # remembered payloads in all (JSON bytes)
    RECENT_ITEM_MAX_BYTES = 256 << 10  # larger payloads are not remembered

    def __init__(self, backend: BlobBackend) -> None:
        self._backend = backend
        self._recent: OrderedDict[str, bytes] = OrderedDict()
        self._recent_bytes = 0
        self._recent_lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str) -> ArtifactStore:
        return cls(open_backend(url))

    def put(self, kind: str, payload: dict[str, Any]) -> ArtifactRef:
        raw = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
        data = zlib.compress(raw, 1)
        digest = hashlib.sha256(raw).hexdigest()
        if self._backend.get(_NS, digest) is None:
            self._backend.put(_NS, digest, data)
        self._remember(digest, raw)
        return ArtifactRef(artifact_id=digest, kind=kind, size_bytes=len(data), keys=sorted(payload))

    def get(self, ref: ArtifactRef | str) -> dict[str, Any]:
        key = ref.artifact_id if isinstance(ref, ArtifactRef) else ref
        data = self._backend.get(_NS, key)
        if data is None:
            raise ArtifactNotFoundError(f"artifact {key[:12]}… is not in the store")
        result: dict[str, Any] = json.loads(zlib.decompress(data))
        return result

    def recent(self, ref: ArtifactRef | str) -> dict[str, Any] | None:
        """A fresh copy of a payload this store wrote lately (no I/O), or None."""
        key = ref.artifact_id if isinstance(ref, ArtifactRef) else ref
        with self._recent_lock:
            raw = self._recent.get(key)
        if raw is None:
            return None
        result: dict[str, Any] = json.loads(raw)
        return result

    def _remember(self, digest: str, raw: bytes) -> None:
        if len(raw) > self.RECENT_ITEM_MAX_BYTES:
            return
        with self._recent_lock:
            if digest in self._recent:
                self._recent.move_to_end(digest)
                return
            self._recent[digest] = raw
            self._recent_bytes += len(raw)
            while self._recent_bytes > self.RECENT_MAX_BYTES:
                self._recent_bytes -= len(self._recent.popitem(last=False)[1])

    def close(self) -> None:
        self._backend.close()
