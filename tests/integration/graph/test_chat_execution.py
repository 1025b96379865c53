"""Execution behaviour of the chat graph with real MCP servers: concurrency, timeouts, plan checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.nodes.context import ChatContext
from planexec.nodes.recipes import REGISTRY, spatial_correlation
from planexec.schemas.plan import Plan

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"


@contextmanager
def _patch_plan(name: str, edit: Any) -> Iterator[None]:
    original = REGISTRY[name]

    def build(slots: Any, session_id: str) -> Plan:
        plan = original.build_plan(slots, session_id)
        edit(plan)
        return plan

    with REGISTRY.registered(dataclasses.replace(original, build_plan=build)):
        yield


def _events(response: dict[str, Any], step: str) -> dict[str, dict[str, Any]]:
    timeline = response["metadata"]["decision_timeline"]
    return {e["event"]: e for e in timeline if e["step"] == step and e["attempt"] == 1}


async def test_independent_steps_run_concurrently(context: ChatContext) -> None:
    await context.get_hub().describe()  # servers started: only the calls themselves are compared
    response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    solar, zones = _events(response, "solar"), _events(response, "zones")
    assert zones["tool_start"]["ts"] < solar["tool_end"]["ts"]
    assert solar["tool_start"]["ts"] < zones["tool_end"]["ts"]
    reg_solar, reg_zones = _events(response, "reg_solar"), _events(response, "reg_zones")
    assert reg_zones["tool_start"]["ts"] < reg_solar["tool_end"]["ts"]


async def test_dependent_steps_wait_for_their_inputs(context: ChatContext) -> None:
    response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    assert _events(response, "solar")["tool_end"]["ts"] <= _events(response, "reg_solar")["tool_start"]["ts"]
    corr = _events(response, "correlate")["tool_start"]["ts"]
    assert _events(response, "reg_zones")["tool_end"]["ts"] <= corr


async def test_step_timeout_gives_timeout_status_and_a_partial_answer(context: ChatContext) -> None:
    def tiny_timeout(plan: Plan) -> None:
        step = next(s for s in plan.steps if s.alias == "correlate")
        step.timeout_s, step.retries = 0.0005, 1

    with _patch_plan("spatial_correlation", tiny_timeout):
        response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    meta = response["metadata"]
    steps = {s["alias"]: s for s in meta["plan"]}
    assert steps["correlate"]["status"] == "timeout" and steps["map"]["status"] == "skipped"
    ends = [e for e in meta["decision_timeline"] if e["step"] == "correlate" and e["event"] == "tool_end"]
    assert ends and all(e["status"] == "timeout" for e in ends)
    assert [p["edge"] for p in meta["proposals"]] == ["spatial_correlation", "replan", "compose"]
    assert meta["flags"]["partial"] is True
    assert any("timeout" in m.get("text", "") for m in response["modules"] if m["type"] == "text")
    healthy = await process_chat_query(
        "map of solar plants in Bahia", context=context, checkpoint_url="memory://"
    )
    assert all(s["status"] == "ok" for s in healthy["metadata"]["plan"])


async def test_plan_with_bad_reference_is_rejected_before_any_tool_runs(context: ChatContext) -> None:
    def break_reference(plan: Plan) -> None:
        plan.steps[2].args["entities"] = "${solar.no_such_field}"

    with _patch_plan("spatial_correlation", break_reference):
        response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    meta = response["metadata"]
    assert meta["decision_timeline"] == [] and meta["plan"] == []
    assert meta["errors"][0]["code"] == "invalid_plan"
    assert "step 'reg_solar'" in meta["errors"][0]["message"]
    assert "no_such_field" in response["modules"][-1]["text"]


async def test_stream_emits_thinking_then_facts_summary_then_complete(context: ChatContext) -> None:
    kinds = [e["type"] async for e in stream_chat_query(QUERY, context=context, checkpoint_url="memory://")]
    assert kinds[-2:] == ["facts_summary", "complete"]
    assert set(kinds[:-2]) == {"thinking"} and len(kinds) > 5


async def test_unsupported_country_gets_a_clear_answer_not_brazil(context: ChatContext) -> None:
    response = await process_chat_query(
        "solar plants in Argentina", context=context, checkpoint_url="memory://"
    )
    assert response["metadata"]["intent"] == "clarify"
    assert "no data for Argentina" in response["modules"][0]["text"]
    assert response["metadata"]["decision_timeline"] == []


def test_spatial_recipe_uses_distance_from_slots() -> None:
    from planexec.schemas.slots import Distance, Slots

    slots = Slots(layer="deforestation", distance=Distance(value=5, unit="km", km=5.0, text="5 km"))
    plan = spatial_correlation.build_plan(slots, "s")
    corr = next(s for s in plan.steps if s.alias == "correlate")
    assert corr.args["method"] == "proximity" and corr.args["distance_km"] == 5.0


async def test_missing_layer_asks_for_it_instead_of_guessing(context: ChatContext) -> None:
    response = await process_chat_query(
        "solar plants within 5 km of", context=context, checkpoint_url="memory://"
    )
    meta = response["metadata"]
    assert meta["intent"] == "clarify" and meta["decision_timeline"] == []
    assert "spatial_correlation" not in meta["proposals"][0]["legal_edges"]
    assert "Please add: layer" in response["modules"][0]["text"]


async def test_ambiguous_query_gets_a_clarification_listing_the_options(context: ChatContext) -> None:
    response = await process_chat_query("solar adaptation", context=context, checkpoint_url="memory://")
    assert response["metadata"]["intent"] == "clarify"
    assert "could mean several things" in response["modules"][0]["text"]
