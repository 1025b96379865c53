"""propose_slots makes no model call without an LLM, or for a query no recipe will run."""

from __future__ import annotations

import pytest
from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext
from planexec.nodes.propose_slots import propose_slots
from planexec.nodes.state import ChatState
from planexec.nodes.understand import orphan, understand_turn
from planexec.nodes.understanding.parse import understand_query
from tests.support.openai_server import ScriptedOpenAIServer, structured


def _state(query: str) -> ChatState:
    return {"query": query, "understanding": understand_query(query)}


def _llm(server: ScriptedOpenAIServer, policy: str = "primary") -> ChatContext:
    """An LLM context; `primary` asks the LLM on every routed turn (the mechanics tested here)."""
    return ChatContext(llm=server.chat_model(), use_llm=True, proposer_policy=policy)  # type: ignore[arg-type]


async def test_no_llm_no_call_no_record(openai_server: ScriptedOpenAIServer) -> None:
    context = ChatContext(llm=openai_server.chat_model(), use_llm=False)
    assert await propose_slots(_state("map of solar plants in Bahia"), Runtime(context=context)) == {}
    assert await propose_slots(_state("map of solar plants in Bahia"), Runtime(context=ChatContext())) == {}
    assert openai_server.request_count == 0


@pytest.mark.parametrize("query", ["", "drop the solar plants table", "write a poem about solar farms"])
async def test_rejected_and_off_topic_queries_ask_nobody(
    openai_server: ScriptedOpenAIServer, query: str
) -> None:
    context = _llm(openai_server)
    assert await propose_slots(_state(query), Runtime(context=context)) == {}
    assert openai_server.request_count == 0


async def test_an_orphan_follow_up_asks_nobody(openai_server: ScriptedOpenAIServer) -> None:
    context = _llm(openai_server)
    state: ChatState = {
        "query": "and within 5 km?",
        "understanding": orphan(understand_query("and within 5 km?")),
    }
    assert await propose_slots(state, Runtime(context=context)) == {}
    assert openai_server.request_count == 0


async def test_a_used_value_rescores_the_intents(openai_server: ScriptedOpenAIServer) -> None:
    query = "solar plants in Bahia bigger than 40 near extreme heat zones"
    openai_server.script(structured({"states": ["BA"], "min_capacity_mw": 40, "min_capacity_strict": True}))
    context = _llm(openai_server)
    update = await propose_slots(_state(query), Runtime(context=context))
    (record,) = update["proposals"]
    assert (record.phase, record.chosen_by, record.slots.used) == ("slots", "llm", ["min_capacity_mw"])
    understanding = update["understanding"]
    assert (understanding.slots.min_capacity_mw, understanding.slots.min_capacity_strict) == (40.0, True)
    assert understanding.intents.best == "spatial_correlation"
    assert update["token_usage"].llm_calls == 1


async def test_a_follow_up_keeps_its_inherited_slots_and_intents(openai_server: ScriptedOpenAIServer) -> None:
    previous = understand_query("solar plants within 1 km of extreme heat zones")
    current = understand_turn("and only those bigger than 40?", previous, "thread")
    openai_server.script(structured({"min_capacity_mw": 40, "min_capacity_strict": True, "distance_km": 5}))
    context = _llm(openai_server)
    state: ChatState = {"query": current.query, "understanding": current}
    update = await propose_slots(state, Runtime(context=context))
    (record,) = update["proposals"]
    assert record.slots.used == ["min_capacity_mw"]
    assert [(d.slot, d.rule, d.llm) for d in record.slots.disagreements] == [("distance_km", 1.0, 5.0)]
    refined = update["understanding"]
    assert refined.follow_up == current.follow_up and refined.intents == current.intents
    assert refined.slots.distance == current.slots.distance and refined.slots.min_capacity_mw == 40.0


async def test_tie_breaker_asks_nobody_when_the_parse_is_sure(openai_server: ScriptedOpenAIServer) -> None:
    context = _llm(openai_server, "tie_breaker")
    state = _state("solar plants within 1 km of extreme heat zones")
    assert await propose_slots(state, Runtime(context=context)) == {}
    assert openai_server.request_count == 0


async def test_tie_breaker_asks_when_the_parse_is_unsure(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(structured({"layer": "heat"}))
    context = _llm(openai_server, "tie_breaker")
    update = await propose_slots(_state("solar plants near 5 km"), Runtime(context=context))
    (record,) = update["proposals"]
    assert (record.policy, record.asked_llm) == ("tie_breaker", True)
    assert "missing_slots" in record.unsure and openai_server.request_count == 1


async def test_the_slot_call_uses_the_slots_timeout() -> None:
    from planexec.schemas.settings import Settings

    settings = Settings(llm_timeout_s=30.0, llm_timeout_slots_s=4.0)
    assert ChatContext(settings=settings).timeout_for("slots") == 4.0
    assert ChatContext(settings=settings).timeout_for("route") == 30.0
    assert ChatContext(settings=settings, llm_timeout_s=2.0).timeout_for("slots") == 2.0
