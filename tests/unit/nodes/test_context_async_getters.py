"""ChatContext.aget_llm / aget_proposer: a worker thread only while a model may still have to be built."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from planexec.nodes.context import ChatContext
from planexec.nodes.proposers.rules import RuleProposer


def _count_threads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    original = asyncio.to_thread

    async def counting(fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(fn)
        return await original(fn, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", counting)
    return calls


async def test_no_llm_is_answered_on_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_threads(monkeypatch)
    ctx = ChatContext(use_llm=False)
    assert await ctx.aget_llm() is None
    assert isinstance(await ctx.aget_proposer(), RuleProposer)
    assert calls == []


async def test_undecided_llm_is_loaded_in_a_thread_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_threads(monkeypatch)
    ctx = ChatContext()  # use_llm None: settings decide (may read files)
    first = await ctx.aget_llm()
    assert len(calls) == 1
    assert await ctx.aget_llm() is first
    await ctx.aget_proposer()  # the model question is settled: no second thread
    assert len(calls) == 1
