"""A thread is a conversation: each message a fresh turn, earlier turns kept, messages for chat UIs,
a resumed turn stays the same turn. Real MCP servers, rule proposer; numbers from tests/support/truth.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver

from planexec.app.commands.trace import read_turns
from planexec.graph.api import process_chat_query
from planexec.graph.chat import build_chat_graph
from planexec.nodes.context import ChatContext
from planexec.schemas.conversation import TurnRecord
from tests.support import truth

pytestmark = pytest.mark.integration

BAHIA = "map of solar plants in Bahia"
MINAS = "map of solar plants in Minas Gerais"


def _config(thread: str) -> RunnableConfig:
    return {"configurable": {"thread_id": thread}, "recursion_limit": 200}


async def test_two_turns_on_one_thread_give_two_answers(context: ChatContext, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cp.db'}"
    first = await process_chat_query(BAHIA, thread_id="conv-1", context=context, checkpoint_url=url)
    second = await process_chat_query(MINAS, thread_id="conv-1", context=context, checkpoint_url=url)
    third = await process_chat_query("and in Goiás?", thread_id="conv-1", context=context, checkpoint_url=url)
    counts = [r["metadata"]["counts"]["plants"] for r in (first, second, third)]
    expected = [truth.solar_map(s, None).count for s in (["BA"], ["MG"], ["GO"])]
    assert counts == expected and len(set(counts)) == 3
    assert {r["metadata"]["thread_id"] for r in (first, second, third)} == {"conv-1"}
    assert first["metadata"]["follow_up"] is None and second["metadata"]["follow_up"] is None
    follow_up = third["metadata"]["follow_up"]
    assert follow_up["previous_query"] == MINAS and follow_up["source"] == "thread"
    assert follow_up["overridden"] == ["states"] and "wants_map" in follow_up["inherited"]
    # each turn's metadata is its own: one route decision, its own steps and timeline
    for response in (first, second, third):
        meta = response["metadata"]
        assert [p["phase"] for p in meta["proposals"]] == ["route", "after_execution"]
        assert len([e for e in meta["decision_timeline"] if e["event"] == "tool_end"]) == len(meta["plan"])
    turns = read_turns("conv-1", url)
    assert [t["values"]["query"] for t in turns] == [BAHIA, MINAS, "and in Goiás?"]
    assert all(t["finished"] for t in turns)
    records = turns[-1]["values"]["turns"]
    assert [r["index"] for r in records] == [0, 1, 2] and len({r["turn_id"] for r in records}) == 3
    assert [r["facts"]["plants"] for r in records] == expected


async def test_thread_state_keeps_turns_and_chat_messages(context: ChatContext) -> None:
    chat = build_chat_graph(InMemorySaver())
    config = _config("conv-messages")
    await chat.ainvoke({"query": BAHIA}, config, context=context)
    out = await chat.ainvoke({"messages": [HumanMessage(content=MINAS)]}, config, context=context)
    assert out["query"] == MINAS and out["route"] == "solar_map"
    state = (await chat.aget_state(config)).values
    assert [type(m) for m in state["messages"]] == [HumanMessage, AIMessage, HumanMessage, AIMessage]
    answer = state["messages"][-1]
    assert answer.content == state["narration"] and str(truth.solar_map(["MG"], None).count) in answer.content
    attached = answer.additional_kwargs["planexec"]
    assert attached["intent"] == "solar_map" and attached["turn"] == 1
    assert [m["type"] for m in attached["modules"]] == [m.type for m in state["modules"]]
    assert all(isinstance(t, TurnRecord) for t in state["turns"])
    assert [t.query for t in state["turns"]] == [BAHIA, MINAS]
    assert state["turns"][1].facts["plants"] == truth.solar_map(["MG"], None).count
    assert state["messages"][0].content == BAHIA  # a `query` input is recorded as a human message


async def test_messages_only_input_with_content_blocks(context: ChatContext) -> None:
    chat = build_chat_graph(InMemorySaver())
    message = HumanMessage(content=[{"type": "text", "text": BAHIA}])
    out = await chat.ainvoke({"messages": [message]}, _config("conv-blocks"), context=context)
    assert out["query"] == BAHIA and isinstance(out["messages"][-1], AIMessage)
    assert out["facts_summary"].facts["plants"] == truth.solar_map(["BA"], None).count


async def _resume_to_end(chat: Any, config: RunnableConfig, context: ChatContext) -> int:
    resumes = 0
    while (await chat.aget_state(config)).next:  # resume (input None) until the turn ends
        await chat.ainvoke(None, config, context=context)
        resumes += 1
    return resumes


async def test_resuming_an_interrupted_turn_stays_the_same_turn(context: ChatContext) -> None:
    chat = build_chat_graph(InMemorySaver(), interrupt_before=["run_step"])
    config = _config("conv-resume")
    ids = []
    for index, (query, state) in enumerate(((BAHIA, "BA"), (MINAS, "MG"))):
        await chat.ainvoke({"query": query}, config, context=context)
        paused = await chat.aget_state(config)
        assert paused.next == ("run_step",)
        turn = paused.values["turn"]
        assert turn.index == index and turn.query == query and not paused.values["step_results"]
        assert await _resume_to_end(chat, config, context) >= 1
        done = (await chat.aget_state(config)).values
        ids.append(turn.turn_id)
        assert done["turn"] == turn and [t.turn_id for t in done["turns"]] == ids
        assert done["facts_summary"].facts["plants"] == truth.solar_map([state], None).count
        assert [p.phase for p in done["proposals"]] == ["route", "after_execution"]
        assert [type(m) for m in done["messages"]] == [HumanMessage, AIMessage] * (index + 1)


async def test_follow_up_through_conversation_history_only(context: ChatContext) -> None:
    history: list[dict[str, Any]] = [
        {"role": "user", "content": BAHIA},
        {"role": "assistant", "content": "Bahia has solar plants."},
    ]
    response = await process_chat_query(
        "only those above 50 MW", conversation_history=history, context=context
    )
    meta = response["metadata"]
    assert (
        meta["follow_up"]["source"] == "conversation_history" and meta["follow_up"]["previous_query"] == BAHIA
    )
    assert meta["counts"]["plants"] == truth.solar_map(["BA"], 50.0, strict=True).count


async def test_follow_up_with_nothing_to_follow_asks_for_the_question(context: ChatContext) -> None:
    response = await process_chat_query("and within 5 km?", context=context)
    meta = response["metadata"]
    assert meta["intent"] == "clarify" and meta["counts"]["reason"] == "missing_previous_question"
    assert "no earlier question" in response["modules"][0]["text"]
    assert meta["proposals"][0]["legal_edges"] == ["clarify"]
