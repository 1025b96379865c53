"""Postgres checkpoints read back planexec's typed state values without "unregistered type" warnings."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from planexec.graph.checkpoint import open_async_checkpointer, open_checkpointer
from tests.unit.graph.test_checkpoint_serde import (
    CONFIG,
    _check,
    _checkpoint,
    _roundtrip,
    _values,
    serde_events,
)

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
__all__ = ["serde_events"]  # the fixture, shared with the unit test


def test_postgres_roundtrip_logs_no_unregistered_type(
    postgres_url: str, serde_events: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    with open_checkpointer(postgres_url) as saver:
        read = _roundtrip(saver)
    _check(read, _values(), serde_events, caplog)


async def test_async_postgres_roundtrip_logs_no_unregistered_type(
    postgres_url: str, serde_events: list[dict[str, Any]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    values = _values()
    config = {"configurable": {**CONFIG["configurable"], "thread_id": "serde-async"}}
    async with open_async_checkpointer(postgres_url) as saver:
        stored_config = await saver.aput(config, _checkpoint(values), {}, {k: 1 for k in values})
        stored = await saver.aget_tuple(stored_config)
    assert stored is not None
    _check(dict(stored.checkpoint["channel_values"]), values, serde_events, caplog)
