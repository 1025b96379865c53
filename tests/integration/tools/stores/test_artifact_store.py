"""Artifact store and result cache on every backend: memory, a SQLite file, a real Postgres."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planexec.tools.stores.artifacts import ArtifactNotFoundError, ArtifactStore
from planexec.tools.stores.blob_backends import BlobBackend, open_backend
from planexec.tools.stores.result_cache import ResultCache, cache_key

pytestmark = pytest.mark.integration


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BlobBackend]:
    if request.param == "memory":
        url = "memory://"
    elif request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    opened = open_backend(url)
    yield opened
    opened.close()


def test_put_get_round_trip(backend: BlobBackend) -> None:
    store = ArtifactStore(backend)
    ref = store.put("solar.GetFacilitiesForGeospatial", {"count": 2, "entities": {"ids": ["a", "b"]}})
    assert ref.keys == ["count", "entities"] and ref.size_bytes > 0
    assert store.get(ref) == {"count": 2, "entities": {"ids": ["a", "b"]}}


def test_identical_payloads_share_one_content_address(backend: BlobBackend) -> None:
    store = ArtifactStore(backend)
    assert store.put("k", {"a": 1, "b": 2}).artifact_id == store.put("k", {"b": 2, "a": 1}).artifact_id


def test_missing_artifact_raises_a_clear_error(backend: BlobBackend) -> None:
    with pytest.raises(ArtifactNotFoundError, match="not in the store"):
        ArtifactStore(backend).get("0" * 64)


def test_cache_hit_then_expiry(backend: BlobBackend) -> None:
    store, cache = ArtifactStore(backend), ResultCache(backend, ttl_s=0.2)
    key = cache_key("policy", "SearchPassages", "1.0.0+abc", {"query": "adaptation", "limit": 5})
    ref = store.put("policy.SearchPassages", {"count": 1})
    cache.put(key, ref)
    assert cache.get(key) == ref
    time.sleep(0.3)
    assert cache.get(key) is None


def test_cache_key_depends_on_tool_version_and_canonical_args() -> None:
    a = cache_key("s", "t", "1+x", {"a": 1, "b": 2})
    assert a == cache_key("s", "t", "1+x", {"b": 2, "a": 1})
    assert a != cache_key("s", "t", "2+x", {"a": 1, "b": 2})


def test_unknown_store_url_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown store URL"):
        open_backend("redis://localhost")
