"""Retention covers the handle store: payloads no live thread uses go after the TTL (gc and automatic
pruning); a live thread's handles stay, with everything they refer to (sets -> tables)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from langgraph.checkpoint.base import empty_checkpoint

from planexec.app.cli import main
from planexec.graph.checkpoint import open_checkpointer
from planexec.graph.retention import prune_soon, run_gc
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.entities import EntityTable
from planexec.schemas.handles import BINARY_FORMAT_VERSION, CorrelationRecord, DataHandle, EntitySetRecord
from planexec.schemas.settings import Settings
from planexec.tools.stores.columnar import PairArrays, encode_correlation
from planexec.tools.stores.handle_store import HandleStore, publish_table, read_table
from tests.integration.graph.retention_setup import DAY, retention_settings

pytestmark = pytest.mark.integration
NOW = time.time()


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    return retention_settings(monkeypatch)


def _table(n: int) -> EntityTable:
    return EntityTable.build(
        "solar_facility", ids=[f"P{i}" for i in range(n)], lon=[-40.0] * n, lat=[-10.0] * n
    )


def _age(settings: Settings, handle: DataHandle, age_s: float) -> None:
    path = Path(settings.resolved_handle_store_url().removeprefix("file://")).joinpath(*handle.key.split("/"))
    os.utime(path, (NOW - age_s, NOW - age_s))


def _thread(settings: Settings, thread_id: str, age_s: float, handle: DataHandle) -> None:
    """A thread whose latest state records `handle` in its timeline (as a tool call's result)."""
    checkpoint = empty_checkpoint()
    checkpoint["ts"] = datetime.fromtimestamp(NOW - age_s, UTC).isoformat()
    event = TimelineEvent(
        ts=NOW - age_s, event="tool_end", call_id="c", step="correlate", server="geospatial",
        tool="FindSpatialCorrelations", args_preview="", status="ok", handles={"handle": handle},
    )  # fmt: skip
    checkpoint["channel_values"] = {"timeline": [event]}
    config = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    with open_checkpointer(settings.resolved_checkpoint_url()) as saver:
        saver.put(config, checkpoint, {"source": "loop", "step": 1}, {})  # type: ignore[arg-type]


def _chain(store: HandleStore, n: int, binary: bool = True) -> tuple[DataHandle, list[DataHandle]]:
    """A correlation of two registered sets of two tables: (correlation, every handle of the chain);
    the correlation as the server writes it now (`binary`) or as version-1 JSON."""
    left_t, right_t = publish_table(store, _table(n)), publish_table(store, _table(n + 1))
    sets = [
        store.publish(
            "entity_set", EntitySetRecord(entity_type=k, table=t).model_dump_json().encode(), t.rows
        )
        for k, t in (("solar_facility", left_t), ("state", right_t))
    ]
    if binary:
        pairs = PairArrays(np.array([0]), np.array([0]), np.array([0.0]))
        payload = encode_correlation(sets[0], sets[1], "within", None, pairs)
        corr = store.publish("correlation", payload, 1, BINARY_FORMAT_VERSION)
    else:
        record = CorrelationRecord(
            left=sets[0], right=sets[1], method="within", left_index=[0], right_index=[0], distance_m=[0.0]
        )
        corr = store.publish("correlation", record.model_dump_json().encode(), 1)
    return corr, [left_t, right_t, *sets, corr]


def _keys(store: HandleStore) -> set[str]:
    return {e.key for e in store.entries()}


def _setup(settings: Settings) -> tuple[HandleStore, list[DataHandle], list[DataHandle], DataHandle]:
    """Old live chain, old chain of a stale thread, an old unused table, a fresh unused table."""
    store = HandleStore.from_settings(settings)
    live_corr, live = _chain(store, 3)
    old_corr, old_live = _chain(store, 11, binary=False)  # a version-1 correlation a live thread names
    live += old_live
    stale_corr, stale = _chain(store, 5)
    unused_old, fresh = publish_table(store, _table(7)), publish_table(store, _table(8))
    for handle in [*live, *stale, unused_old]:
        _age(settings, handle, 30 * DAY)
    _age(settings, fresh, DAY)
    _thread(settings, "live", 2 * DAY, live_corr)
    _thread(settings, "live-v1", 2 * DAY, old_corr)
    _thread(settings, "stale", 8 * DAY, stale_corr)
    return store, live, [*stale, unused_old], fresh


def test_gc_deletes_unused_handles_and_keeps_what_a_live_thread_uses(settings: Settings) -> None:
    store, live, doomed, fresh = _setup(settings)
    dry = run_gc(settings, dry_run=True, now=NOW)
    assert sorted(dry.handles) == sorted(h.key for h in doomed)
    assert _keys(store) == {h.key for h in [*live, *doomed, fresh]}  # a dry run deletes nothing

    report = run_gc(settings, now=NOW)
    assert sorted(report.handles) == sorted(h.key for h in doomed) and report.threads == ["stale"]
    assert report.freed_bytes >= sum(h.size_bytes for h in doomed)
    assert _keys(store) == {h.key for h in [*live, fresh]}  # the live chain, sets and tables, stays
    assert read_table(store, live[0]).count == 3  # and still reads back verified
    assert not run_gc(settings, now=NOW).handles


def test_cli_gc_lists_the_handles_it_deletes(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    store, live, doomed, fresh = _setup(settings)
    assert main(["gc", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{len(doomed)} handles" in out and all(f"handle   {h.key}" in out for h in doomed)
    assert _keys(store) == {h.key for h in [*live, *doomed, fresh]}
    assert main(["gc"]) == 0
    assert _keys(store) == {h.key for h in [*live, fresh]}


def test_automatic_pruning_covers_the_handle_store(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANEXEC_RETENTION_INTERVAL_S", "3600")
    store, live, _, fresh = _setup(settings)
    thread = prune_soon(Settings())
    assert thread is not None
    thread.join(30)
    assert _keys(store) == {h.key for h in [*live, fresh]}
    assert prune_soon(Settings()) is None  # at most once per interval
