"""ArtifactStore.recent: small payloads this store wrote are served from memory, as fresh copies."""

from __future__ import annotations

import pytest

from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import open_backend


def test_recent_returns_fresh_copies_of_what_was_put() -> None:
    store = ArtifactStore(open_backend("memory://"))
    ref = store.put("solar.Get", {"handle": {"id": "h1"}, "count": 3})
    first = store.recent(ref)
    assert first == {"handle": {"id": "h1"}, "count": 3} == store.get(ref)
    assert first is not None
    first["count"] = 99  # a caller changing its copy changes nothing stored
    assert store.recent(ref.artifact_id) == {"handle": {"id": "h1"}, "count": 3}


def test_unknown_and_other_stores_artifacts_are_not_recent() -> None:
    backend = open_backend("memory://")
    ref = ArtifactStore(backend).put("k", {"a": 1})
    other = ArtifactStore(backend)
    assert other.recent(ref) is None and other.get(ref) == {"a": 1}  # get reads the backend
    assert other.recent("0" * 64) is None


def test_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ArtifactStore, "RECENT_ITEM_MAX_BYTES", 100)
    monkeypatch.setattr(ArtifactStore, "RECENT_MAX_BYTES", 60)
    store = ArtifactStore(open_backend("memory://"))
    big = store.put("k", {"rows": "x" * 200})
    first, second = store.put("k", {"n": "a" * 20}), store.put("k", {"n": "b" * 20})
    third = store.put("k", {"n": "c" * 20})
    assert store.recent(big) is None  # too large to remember
    assert store.recent(first) is None  # evicted first
    assert store.recent(second) is not None and store.recent(third) is not None
    assert store.get(first) == {"n": "a" * 20}
