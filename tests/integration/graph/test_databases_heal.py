"""Databases heal: a Postgres restart under load recovers in the same process; SQLite holds 32 clients."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from planexec.graph.api import process_chat_query
from planexec.graph.checkpoint import open_async_checkpointer
from planexec.nodes.context import ChatContext
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import PostgresBackend, SqliteBackend
from planexec.tools.stores.pools import POOL_TIMEOUT_S, StoreUnavailableError
from planexec.tools.stores.result_cache import ResultCache
from tests.support.postgres import Cluster, pg_bin_dir, private_cluster_handle

pytestmark = pytest.mark.integration
QUERY = "map of solar plants in Bahia"


@dataclass
class Load:
    """Threads writing and reading the store in a loop; what happened, with timestamps."""

    store: ArtifactStore
    stop: threading.Event = field(default_factory=threading.Event)
    ok: list[float] = field(default_factory=list)
    errors: list[tuple[float, BaseException, float]] = field(default_factory=list)

    def worker(self, n: int) -> None:
        i = 0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                ref = self.store.put("load", {"worker": n, "i": i})
                assert self.store.get(ref)["i"] == i
                self.ok.append(time.monotonic())
            except Exception as exc:
                self.errors.append((started, exc, time.monotonic() - started))
            i += 1
            time.sleep(0.05)


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if pg_bin_dir() is None:
        pytest.fail("needs Debian's 'postgresql' package")
    with private_cluster_handle() as started:
        yield started


@pytest.mark.postgres
async def test_postgres_restart_under_load_recovers_in_process(hub: ToolHub, cluster: Cluster) -> None:
    backend = PostgresBackend(cluster.url)
    store = ArtifactStore(backend)
    context = ChatContext(hub=hub, store=store, cache=ResultCache(backend), use_llm=False)
    first = await process_chat_query(QUERY, context=context, checkpoint_url=cluster.url)
    assert "error" not in first, first
    load = Load(store)
    workers = [threading.Thread(target=load.worker, args=(n,), daemon=True) for n in range(4)]
    for worker in workers:
        worker.start()
    try:
        await asyncio.sleep(0.5)
        await asyncio.to_thread(cluster.stop)
        down = time.monotonic()
        outage = await process_chat_query(QUERY, context=context, checkpoint_url=cluster.url)
        outage_s = time.monotonic() - down
        await asyncio.to_thread(cluster.start)
        restarted = time.monotonic()
        while not [t for t in load.ok if t > restarted] and time.monotonic() - restarted < 30:
            await asyncio.sleep(0.1)
        recovery_s = min([t for t in load.ok if t > restarted], default=float("inf")) - restarted
        after = await process_chat_query(QUERY, context=context, checkpoint_url=cluster.url)
    finally:
        load.stop.set()
        for worker in workers:
            worker.join(30)
        backend.close()
    print(f"outage query {outage_s:.1f} s; store recovery {recovery_s:.2f} s after restart")
    # during the outage: a clear error, within the pool timeout (no hang), for the store and the query
    assert outage.get("error"), outage
    assert outage_s < POOL_TIMEOUT_S * 3 + 10
    assert load.errors, "the load saw no outage"
    for _, exc, took in load.errors:
        assert isinstance(exc, StoreUnavailableError) and "unavailable" in str(exc)
        assert took < POOL_TIMEOUT_S + 5
    # after the restart: the same process works again, within seconds
    assert recovery_s < 10
    assert "error" not in after, after
    assert after["metadata"]["thread_id"] != first["metadata"]["thread_id"]
    late = [exc for started, exc, _ in load.errors if started > restarted + recovery_s]
    assert not late, late


async def test_sqlite_holds_32_concurrent_clients(hub: ToolHub, tmp_path: Path) -> None:
    """The default setup (SQLite store + checkpointer files): 32 concurrent chat clients, 0 lock errors."""
    backend = SqliteBackend(tmp_path / "artifacts.sqlite")
    store, cache = ArtifactStore(backend), ResultCache(backend)
    url = f"sqlite:///{tmp_path / 'checkpoints.sqlite'}"
    queries = [f"map of solar plants in Bahia with at least {n} MW" for n in range(32)]

    async def client(query: str) -> dict[str, object]:
        context = ChatContext(hub=hub, store=store, cache=cache, use_llm=False)
        return await process_chat_query(query, context=context, checkpoint_url=url)

    def store_client(n: int) -> list[str]:
        errors = []
        for i in range(20):
            try:
                store.get(store.put("stress", {"client": n, "i": i}))
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
        return errors

    responses, store_errors = await asyncio.gather(
        asyncio.gather(*(client(q) for q in queries)),
        asyncio.gather(*(asyncio.to_thread(store_client, n) for n in range(32))),
    )
    failed = [r["error"] for r in responses if r.get("error")]
    assert not failed, failed
    assert not [e for errors in store_errors for e in errors]
    ids = {r["metadata"]["thread_id"] for r in responses}  # type: ignore[index]
    assert len(ids) == 32
    async with open_async_checkpointer(url, create=False) as saver:
        threads = {c.config["configurable"]["thread_id"] async for c in saver.alist(None)}
    assert ids <= threads
    backend.close()
