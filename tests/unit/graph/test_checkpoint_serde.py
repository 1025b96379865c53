"""Checkpoints hold typed state values (planexec.schemas models): reading them back gives the same models
and logs no "Deserializing unregistered type" warning (the savers allow planexec.schemas explicitly)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.base import BaseCheckpointSaver, empty_checkpoint
from langgraph.checkpoint.serde import jsonplus
from langgraph.checkpoint.serde.event_hooks import register_serde_event_listener

from planexec.graph.checkpoint import open_async_checkpointer, open_checkpointer, schema_classes, serializer
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.conversation import TurnRecord, TurnStart
from planexec.schemas.slots import Understanding

CONFIG: dict[str, Any] = {"configurable": {"thread_id": "serde", "checkpoint_ns": ""}}


@pytest.fixture
def serde_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every serde event (unregistered / blocked type); LangGraph's once-per-process warning memory is
    emptied so a warning an earlier test triggered would be logged again here."""
    monkeypatch.setattr(jsonplus, "_warned_unregistered_types", set())
    monkeypatch.setattr(jsonplus, "_warned_blocked_types", set())
    events: list[dict[str, Any]] = []
    unregister = register_serde_event_listener(lambda event: events.append(dict(event)))
    yield events
    unregister()


def _values() -> dict[str, Any]:
    understanding = understand_query("median plant capacity in Goiás")
    return {
        "understanding": understanding,
        "turn": TurnStart(turn_id="t1", query=understanding.query, index=0, started_at=1.0),
        "turns": [TurnRecord(index=0, turn_id="t1", query=understanding.query, understanding=understanding)],
        "messages": [HumanMessage("median plant capacity in Goiás"), AIMessage("3.1 MW")],
    }


def _checkpoint(values: dict[str, Any]) -> Any:
    checkpoint = empty_checkpoint()
    checkpoint["channel_values"] = dict(values)
    checkpoint["channel_versions"] = {k: 1 for k in values}
    return checkpoint


def _check(read: dict[str, Any], values: dict[str, Any], events: list[dict[str, Any]], caplog: Any) -> None:
    assert isinstance(read["understanding"], Understanding)
    assert read["understanding"] == values["understanding"]
    assert read["turns"] == values["turns"] and isinstance(read["turn"], TurnStart)
    assert [m.content for m in read["messages"]] == ["median plant capacity in Goiás", "3.1 MW"]
    assert events == []
    logged = [r.getMessage() for r in caplog.records]
    assert not [m for m in logged if "unregistered type" in m or "Blocked deserialization" in m]


def _roundtrip(saver: BaseCheckpointSaver) -> dict[str, Any]:
    values = _values()
    config = saver.put(CONFIG, _checkpoint(values), {}, {k: 1 for k in values})
    stored = saver.get_tuple(config)
    assert stored is not None
    return dict(stored.checkpoint["channel_values"])


@pytest.mark.parametrize("url", ["memory://", "sqlite"])
def test_sync_roundtrip_logs_no_unregistered_type(
    url: str, tmp_path: Path, serde_events: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'ckpt.sqlite'}" if url == "sqlite" else url
    caplog.set_level(logging.WARNING)
    with open_checkpointer(url) as saver:
        read = _roundtrip(saver)
    _check(read, _values(), serde_events, caplog)


async def test_async_sqlite_roundtrip_logs_no_unregistered_type(
    tmp_path: Path, serde_events: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    values = _values()
    async with open_async_checkpointer(f"sqlite:///{tmp_path / 'ckpt.sqlite'}") as saver:
        config = await saver.aput(CONFIG, _checkpoint(values), {}, {k: 1 for k in values})
    async with open_async_checkpointer(f"sqlite:///{tmp_path / 'ckpt.sqlite'}", create=False) as saver:
        stored = await saver.aget_tuple(config)
    assert stored is not None
    _check(dict(stored.checkpoint["channel_values"]), values, serde_events, caplog)


def test_the_default_serializer_would_warn(serde_events: list[dict[str, Any]]) -> None:
    """The check above can fail: LangGraph's default serializer reports planexec's models."""
    default = jsonplus.JsonPlusSerializer()
    default.loads_typed(default.dumps_typed(_values()["understanding"]))
    assert {e["kind"] for e in serde_events} == {"msgpack_unregistered_allowed"}
    assert ("planexec.schemas.slots", "Understanding") in {(e["module"], e["name"]) for e in serde_events}


def test_the_allowlist_names_every_schema_model() -> None:
    names = {(c.__module__, c.__name__) for c in schema_classes()}
    assert {
        ("planexec.schemas.slots", "Understanding"),
        ("planexec.schemas.conversation", "TurnRecord"),
    } <= names
    assert ("planexec.schemas.plan", "Plan") in names
    assert serializer() is serializer()
