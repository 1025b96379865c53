"""A cached fetch whose published table was pruned from the handle store is fetched again: the
answer stays complete and correct (the cache hit is dropped, the server publishes the table anew)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from planexec import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.config import load_config
from planexec.tools.client.hub import ToolHub
from tests.support import truth
from tests.support.offline_env import offline_env

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"


def _fetches(response: dict[str, Any]) -> dict[str, bool]:
    """Fetch step -> whether its result came from the cache."""
    ends = [e for e in response["metadata"]["decision_timeline"] if e["event"] == "tool_end"]
    return {e["step"]: bool(e.get("cache_hit")) for e in ends if e["step"] in ("solar", "zones")}


def _check(response: dict[str, Any]) -> None:
    meta, expected = response["metadata"], truth.heat_proximity(1.0)
    assert not meta["flags"]["partial"], meta["errors"]
    assert meta["counts"]["plants_matched"] == expected.count


async def test_pruned_tables_behind_cached_fetches_are_fetched_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    for key, value in offline_env(home).items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    hub = ToolHub(load_config(settings))
    tables = home / "handles" / "entity_table"
    try:
        context = ChatContext(settings=settings, hub=hub)
        first = await process_chat_query(QUERY, context=context)
        _check(first)
        assert _fetches(first) == {"solar": False, "zones": False}
        published = sorted(p.name for p in tables.rglob("*") if p.is_file())
        assert len(published) == 2  # the plants and the zones
        second = await process_chat_query(QUERY, context=ChatContext(settings=settings, hub=hub))
        _check(second)
        assert _fetches(second) == {"solar": True, "zones": True}  # the tables are there: cache hits
        hits = [e for e in second["metadata"]["decision_timeline"] if e.get("cache_hit") and e.get("handles")]
        assert {e["step"] for e in hits} == {"solar", "zones"}  # the timeline still names the tables
        shutil.rmtree(tables)  # pruned (retention, or a store wiped) while the cache still names them
        third = await process_chat_query(QUERY, context=ChatContext(settings=settings, hub=hub))
    finally:
        hub.close()
    _check(third)
    assert _fetches(third) == {"solar": False, "zones": False}  # fetched and published again
    assert sorted(p.name for p in tables.rglob("*") if p.is_file()) == published  # same content, same keys
