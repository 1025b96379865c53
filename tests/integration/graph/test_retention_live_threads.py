"""Automatic pruning never deletes a conversation that is being continued.

Regression: `open_async_checkpointer(settings=…)` starts retention in the background for every query;
a thread whose last turn was older than the TTL was deleted while the turn continuing it ran, so the
follow-up lost its history (answered "no earlier question") and the new turn's first checkpoints
were deleted too.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from langgraph.checkpoint.base import empty_checkpoint

from planexec.graph import retention as graph_retention
from planexec.graph.api import process_chat_query
from planexec.graph.checkpoint import open_async_checkpointer, open_checkpointer
from planexec.nodes.context import ChatContext
from planexec.schemas.retention import RetentionPolicy
from planexec.schemas.settings import Settings
from planexec.tools.stores import retention
from tests.integration.graph.retention_setup import DAY, retention_settings
from tests.support import truth

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(graph_retention, "_last_run", {})  # this test's run is not throttled by others
    return retention_settings(monkeypatch)


def _put(saver: Any, thread_id: str, age_s: float) -> None:
    checkpoint = empty_checkpoint()
    checkpoint["ts"] = datetime.fromtimestamp(time.time() - age_s, UTC).isoformat()
    config = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    saver.put(config, checkpoint, {"source": "loop", "step": 1}, {})


def _threads(settings: Settings) -> set[str]:
    with open_checkpointer(settings.resolved_checkpoint_url(), create=False) as saver:
        return {c.config["configurable"]["thread_id"] for c in saver.list(None)}


def _join_pruning() -> None:
    for worker in threading.enumerate():
        if worker.name == "planexec-retention":
            worker.join(timeout=30)


async def test_the_thread_a_query_continues_is_never_pruned(settings: Settings) -> None:
    with open_checkpointer(settings.resolved_checkpoint_url()) as saver:
        _put(saver, "old-conversation", 30 * DAY)
        _put(saver, "stale", 30 * DAY)
    url = settings.resolved_checkpoint_url()
    async with open_async_checkpointer(url, settings=settings, thread_id="old-conversation"):
        pass
    _join_pruning()
    assert _threads(settings) == {"old-conversation"}  # pruning ran (stale is gone) and kept the live one


def test_a_thread_revived_while_pruning_is_kept(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = retention.latest_checkpoints

    def listing_then_a_new_turn(saver: Any) -> Any:
        found = listed(saver)
        _put(saver, "revived", 0.0)  # another process continues the thread right after the listing
        return found

    monkeypatch.setattr(retention, "latest_checkpoints", listing_then_a_new_turn)
    with open_checkpointer(settings.resolved_checkpoint_url()) as saver:
        _put(saver, "revived", 30 * DAY)
        _put(saver, "stale", 30 * DAY)
        report = retention.prune(
            saver, None, None, RetentionPolicy(ttl_s=7 * DAY, max_bytes=0, cache_ttl_s=60)
        )
    assert report.threads == ["stale"]
    assert _threads(settings) == {"revived"}


async def test_a_follow_up_after_the_ttl_keeps_its_history(
    context: ChatContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `ask --thread` turns further apart than the TTL, pruning on at every query."""
    monkeypatch.setenv("PLANEXEC_RETENTION_TTL_S", "1")
    monkeypatch.setenv("PLANEXEC_RETENTION_INTERVAL_S", "0.001")
    monkeypatch.setattr(graph_retention, "_last_run", {})
    settings = Settings()
    ask = {"thread_id": "slow-chat", "context": context, "settings": settings}
    first = await process_chat_query("map of solar plants in Bahia", **ask)
    assert first["metadata"]["intent"] == "solar_map"
    time.sleep(1.5)  # turn 1 is now older than the TTL
    second = await process_chat_query("and in Minas Gerais?", **ask)
    _join_pruning()
    meta = second["metadata"]
    assert meta["intent"] == "solar_map" and meta["follow_up"] is not None
    assert meta["counts"]["plants"] == truth.solar_map(["MG"]).count
    assert "slow-chat" in _threads(settings)
