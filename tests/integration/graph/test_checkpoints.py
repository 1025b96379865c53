"""Checkpoints hold references, never payloads; every query is a thread; Postgres works too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planexec.graph.api import process_chat_query
from planexec.graph.chat import build_chat_graph
from planexec.graph.checkpoint import open_async_checkpointer
from planexec.nodes.context import ChatContext
from planexec.schemas.plan import Plan
from planexec.schemas.slots import Understanding

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"


def _checkpoint_bytes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        cps = conn.execute("SELECT SUM(LENGTH(checkpoint) + LENGTH(metadata)) FROM checkpoints").fetchone()[0]
        writes = conn.execute("SELECT SUM(LENGTH(value)) FROM writes").fetchone()[0]
    return int(cps or 0) + int(writes or 0)


async def _run(context: ChatContext, db: Path, points: int) -> tuple[int, dict[str, object]]:
    response = await process_chat_query(
        QUERY, context=context, checkpoint_url=f"sqlite:///{db}", synthetic_points=points
    )
    return _checkpoint_bytes(db), response["metadata"]["counts"]


async def test_checkpoint_bytes_do_not_grow_with_entities(context: ChatContext, tmp_path: Path) -> None:
    small, small_counts = await _run(context, tmp_path / "real.db", 0)
    large, large_counts = await _run(context, tmp_path / "synthetic.db", 10_000)
    assert small_counts["plants_total"] == 788 and large_counts["plants_total"] == 10_000
    assert large <= small * 1.10, (small, large)


async def test_each_query_is_a_thread_with_its_timeline_in_sqlite(
    context: ChatContext, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    first = await process_chat_query("map of solar plants in Bahia", context=context, checkpoint_url=url)
    second = await process_chat_query("map of solar plants in Bahia", context=context, checkpoint_url=url)
    assert first["metadata"]["thread_id"] != second["metadata"]["thread_id"]
    async with open_async_checkpointer(url) as saver:
        chat = build_chat_graph(saver)
        config = {"configurable": {"thread_id": first["metadata"]["thread_id"]}}
        state = (await chat.aget_state(config)).values  # type: ignore[arg-type]
        history = [s async for s in chat.aget_state_history(config)]  # type: ignore[arg-type]
    assert [e.model_dump() for e in state["timeline"]] == first["metadata"]["decision_timeline"]
    assert isinstance(state["understanding"], Understanding) and isinstance(state["plan"], Plan)
    assert len(history) > 5


@pytest.mark.postgres
async def test_postgres_checkpointer_stores_the_thread(context: ChatContext, postgres_url: str) -> None:
    response = await process_chat_query(
        "map of solar plants in Bahia", context=context, checkpoint_url=postgres_url
    )
    async with open_async_checkpointer(postgres_url) as saver:
        chat = build_chat_graph(saver)
        config = {"configurable": {"thread_id": response["metadata"]["thread_id"]}}
        state = (await chat.aget_state(config)).values  # type: ignore[arg-type]
    assert state["route"] == "solar_map" and len(state["timeline"]) == 6
