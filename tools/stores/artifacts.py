"""Artifact store: tool payloads live here, content-addressed; the graph state keeps references."""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

from planexec.schemas.artifacts import ArtifactRef
from planexec.tools.stores.blob_backends import BlobBackend, open_backend

_NS = "artifact"


class ArtifactNotFoundError(KeyError):
    """The referenced artifact is not in the store (wrong store, or it was removed)."""


class ArtifactStore:
    """Stores JSON payloads compressed and content-addressed (identical payloads stored once)."""

    def __init__(self, backend: BlobBackend) -> None:
        self._backend = backend

    @classmethod
    def from_url(cls, url: str) -> ArtifactStore:
        return cls(open_backend(url))

    def put(self, kind: str, payload: dict[str, Any]) -> ArtifactRef:
        raw = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
        data = zlib.compress(raw, 1)
        digest = hashlib.sha256(raw).hexdigest()
        if self._backend.get(_NS, digest) is None:
            self._backend.put(_NS, digest, data)
        return ArtifactRef(artifact_id=digest, kind=kind, size_bytes=len(data), keys=sorted(payload))

    def get(self, ref: ArtifactRef | str) -> dict[str, Any]:
        key = ref.artifact_id if isinstance(ref, ArtifactRef) else ref
        data = self._backend.get(_NS, key)
        if data is None:
            raise ArtifactNotFoundError(f"artifact {key[:12]}… is not in the store")
        result: dict[str, Any] = json.loads(zlib.decompress(data))
        return result

    def close(self) -> None:
        self._backend.close()
