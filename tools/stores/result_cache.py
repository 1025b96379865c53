"""Result cache keyed by (server, tool, tool version, canonical args), with a TTL."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from planexec.schemas.artifacts import ArtifactRef
from planexec.tools.stores.blob_backends import BlobBackend

_NS = "result_cache"


def cache_key(server: str, tool: str, tool_version: str, args: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"server": server, "tool": tool, "version": tool_version, "args": args},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResultCache:
    """Maps a call's key to the artifact holding its validated result."""

    def __init__(self, backend: BlobBackend, ttl_s: float = 3600.0) -> None:
        self._backend = backend
        self.ttl_s = ttl_s

    def get(self, key: str) -> ArtifactRef | None:
        data = self._backend.get(_NS, key)
        return None if data is None else ArtifactRef.model_validate_json(data)

    def put(self, key: str, ref: ArtifactRef) -> None:
        self._backend.put(_NS, key, ref.model_dump_json().encode(), time.time() + self.ttl_s)
