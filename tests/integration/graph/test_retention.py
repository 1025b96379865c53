"""Retention over real SQLite files and a maps folder: exactly the stale things go, live ones stay."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from langgraph.checkpoint.base import empty_checkpoint

from planexec.app.cli import main
from planexec.graph.checkpoint import open_async_checkpointer, open_checkpointer
from planexec.graph.retention import prune_soon, run_gc
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.modules import MapModule
from planexec.schemas.settings import Settings
from planexec.schemas.steps import StepResult
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import SqliteBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.integration.graph.retention_setup import DAY, retention_settings

pytestmark = pytest.mark.integration
NOW = time.time()


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    return retention_settings(monkeypatch)


def _thread(
    settings: Settings, thread_id: str, age_s: float, refs: list[ArtifactRef], maps: list[Path]
) -> None:
    checkpoint = empty_checkpoint()
    checkpoint["ts"] = datetime.fromtimestamp(NOW - age_s, UTC).isoformat()
    checkpoint["channel_values"] = {
        "step_results": {
            f"s{i}": StepResult(alias=f"s{i}", server="solar", tool="T", status="ok", artifact=ref)
            for i, ref in enumerate(refs)
        },
        "modules": [
            MapModule(title="m", geojson_url=p.as_uri(), geojson_path=str(p), feature_count=1) for p in maps
        ],
    }
    config = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    with open_checkpointer(settings.resolved_checkpoint_url()) as saver:
        saver.put(config, checkpoint, {"source": "loop", "step": 1}, {})  # type: ignore[arg-type]


def _age_artifacts(settings: Settings, ages: dict[str, float]) -> None:
    path = settings.resolved_store_url().removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        for key, age in ages.items():
            conn.execute("UPDATE blobs SET created_at = ? WHERE key = ?", (NOW - age, key))


def _map(settings: Settings, name: str, age_s: float, size: int = 100) -> Path:
    folder = settings.resolved_artifact_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - age_s, NOW - age_s))
    return path


def _threads(settings: Settings) -> set[str]:
    with open_checkpointer(settings.resolved_checkpoint_url(), create=False) as saver:
        return {c.config["configurable"]["thread_id"] for c in saver.list(None)}


def test_gc_deletes_exactly_the_stale_things(settings: Settings) -> None:
    backend = SqliteBackend(settings.resolved_store_url().removeprefix("sqlite:///"))
    store, cache = ArtifactStore(backend), ResultCache(backend, ttl_s=3600)
    live_old, dead_old, fresh, unused_old, cached_old = (store.put("k", {"n": n}) for n in range(5))
    _age_artifacts(
        settings,
        {live_old.artifact_id: 30 * DAY, dead_old.artifact_id: 30 * DAY, fresh.artifact_id: DAY,
         unused_old.artifact_id: 30 * DAY, cached_old.artifact_id: 30 * DAY},
    )  # fmt: skip
    cache.put("fresh-key", cached_old)
    backend.put("result_cache", "expired-key", dead_old.model_dump_json().encode(), NOW - 10)
    live_map, dead_map, new_map = (
        _map(settings, "live.geojson", 30 * DAY),
        _map(settings, "dead.geojson", 30 * DAY),
        _map(settings, "new.geojson", DAY),
    )
    live_html, dead_html = _map(settings, "live.html", 30 * DAY), _map(settings, "dead.html", 30 * DAY)
    _thread(settings, "live", 2 * DAY, [live_old], [live_map])
    _thread(settings, "stale", 8 * DAY, [dead_old], [dead_map])

    dry = run_gc(settings, dry_run=True, now=NOW)
    assert dry.dry_run and dry.threads == ["stale"] and dry.live_threads == ["live"]
    assert _threads(settings) == {"live", "stale"} and dead_map.exists()

    report = run_gc(settings, now=NOW)
    assert report.model_dump(exclude={"dry_run"}) == dry.model_dump(exclude={"dry_run"})
    assert report.threads == ["stale"]
    assert sorted(report.artifacts) == sorted([dead_old.artifact_id, unused_old.artifact_id])
    assert report.cache_entries == 1
    assert sorted(report.maps) == sorted([str(dead_map), str(dead_html)])
    assert report.freed_bytes > 200
    assert _threads(settings) == {"live"}
    keys = {e.key for e in backend.entries("artifact")}
    assert keys == {live_old.artifact_id, fresh.artifact_id, cached_old.artifact_id}
    assert {e.key for e in backend.entries("result_cache")} == {"fresh-key"}
    assert live_map.exists() and live_html.exists() and new_map.exists()
    assert not dead_map.exists() and not dead_html.exists()
    assert store.get(live_old)["n"] == 0
    again = run_gc(settings, now=NOW)
    assert not (again.threads or again.artifacts or again.maps or again.cache_entries)
    backend.close()


def test_size_cap_deletes_oldest_unused_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_RETENTION_TTL_S", "0")  # no age limit: only the cap
    monkeypatch.setenv("PLANEXEC_RETENTION_MAX_BYTES", "350")
    settings = Settings()
    oldest_live = _map(settings, "a_live.geojson", 50, 100)
    maps = [_map(settings, f"m{i}.geojson", 40 - i * 10, 100) for i in range(4)]  # m0 oldest … m3 newest
    _thread(settings, "t", 30 * DAY, [], [oldest_live])  # ttl 0: every thread is live
    report = run_gc(settings, now=NOW)
    assert report.threads == [] and report.live_threads == ["t"]
    assert report.maps == [str(maps[0]), str(maps[1])]  # 500 bytes -> 300 <= 350, the live one kept
    assert oldest_live.exists() and maps[2].exists() and maps[3].exists()
    remaining = sum(p.stat().st_size for p in settings.resolved_artifact_dir().iterdir())
    assert remaining <= 350


def test_cli_gc_prints_what_it_deletes(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    stale = _map(settings, "old.geojson", 30 * DAY)
    _thread(settings, "stale", 30 * DAY, [], [])
    assert main(["gc", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would delete: 1 threads" in out and str(stale) in out and stale.exists()
    assert main(["gc"]) == 0
    out = capsys.readouterr().out
    assert "deleted: 1 threads" in out and "thread   stale" in out and not stale.exists()
    assert _threads(settings) == set()


async def test_opening_a_checkpointer_prunes_at_most_once_per_interval(settings: Settings) -> None:
    stale = _map(settings, "old.geojson", 30 * DAY)
    _thread(settings, "stale", 30 * DAY, [], [])
    async with open_async_checkpointer(settings.resolved_checkpoint_url(), settings=settings):
        pass
    deadline = time.monotonic() + 20
    while stale.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not stale.exists() and _threads(settings) == set()
    assert prune_soon(settings) is None  # within retention_interval_s: no second run
