"""The chat graph with an LLM: real ChatOpenAI over HTTP to the scripted server, real MCP servers.

The scripted server only stands in for the model's judgement; everything the graph sends it is
recorded, so these tests can assert what the prompts held (and what they never hold).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.nodes.agent.summary import RESULT_BUDGET_CHARS
from planexec.nodes.context import ChatContext
from planexec.tools.client.hub import ToolHub
from tests.support.llm_chat import no_slots
from tests.support.llm_chat import route as route_reply
from tests.support.openai_server import ScriptedOpenAIServer, content, http_error, tool_call

pytestmark = pytest.mark.integration

ID_PREFIXES = ("SYN-", "SIGA2025-", "INMET-", "IBGE-")
HEAT_TOOL = "GetHeatQuintilesForGeospatial"


async def _ask(context: ChatContext, query: str, **kw: Any) -> dict[str, Any]:
    return await process_chat_query(query, context=context, checkpoint_url="memory://", **kw)


def _wire(server: ScriptedOpenAIServer) -> str:
    return json.dumps(server.bodies, ensure_ascii=False)


def _tool_messages(server: ScriptedOpenAIServer) -> list[str]:
    """Text of every tool message the model was sent (last request holds them all)."""
    texts = []
    for body in server.bodies:
        for message in body["messages"]:
            if message["role"] == "tool":
                raw = message["content"]
                texts.append(raw if isinstance(raw, str) else "".join(p.get("text", "") for p in raw))
    return texts


# -- proposer and narrator -----------------------------------------------------------------------


async def test_llm_routes_and_narrates_and_one_legal_edge_costs_no_call(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    narration = "The map shows the solar plants of Bahia, the state the question names."
    openai_server.script(no_slots(), route_reply("solar_map"), content(narration))
    response = await _ask(llm_context, "map of solar plants in Bahia")
    meta = response["metadata"]
    slots, route, after = meta["proposals"]
    assert slots["phase"] == "slots" and slots["chosen_by"] == "rules" and slots["slots"]["used"] == []
    assert route["phase"] == "route" and route["chosen_by"] == "llm" and route["edge"] == "solar_map"
    assert route["rationale"] == "the query asks for solar_map" and "general_agent" in route["legal_edges"]
    assert after["phase"] == "after_execution" and after["chosen_by"] == "only_legal"
    assert after["legal_edges"] == ["compose"]
    assert (
        len(openai_server.bodies) == 3
    )  # slots, routing and narration; the single-edge decision asked nobody
    overview = response["modules"][0]["text"]  # the narration, then the filters line
    assert meta["flags"]["narrated_by"] == "llm"
    assert overview == f"{narration}\n\nFilters: {meta['counts']['filters']}"


async def test_narration_inventing_a_number_falls_back_to_the_template(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(no_slots(), route_reply("solar_map"), content("Bahia has 987654 solar plants."))
    response = await _ask(llm_context, "map of solar plants in Bahia")
    assert response["metadata"]["flags"]["narrated_by"] == "template"
    assert "987654" not in response["modules"][0]["text"]
    assert response["modules"][0]["text"]


async def test_spatial_recipe_on_10k_points_sends_no_ids_or_coordinates(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer, hub: ToolHub
) -> None:
    openai_server.script(
        no_slots(), route_reply("spatial_correlation"), content("Solar plants close to extreme heat zones.")
    )
    response = await _ask(
        llm_context, "solar facilities within 1 km of extreme heat zones in Brazil", synthetic_points=10_000
    )
    assert response["metadata"]["counts"]["plants_total"] == 10_000
    assert len(openai_server.bodies) == 3
    wire = _wire(openai_server)
    assert not [prefix for prefix in ID_PREFIXES if prefix in wire]
    plants = (await hub.call("solar", "GetFacilitiesForGeospatial", {"synthetic_points": 10_000})).structured
    zones = (await hub.call("heat", HEAT_TOOL, {"quintiles": [5]})).structured
    for table in (plants["entities"], zones["entities"]):
        lons = [float(v) for v in _column(table["lon"])[:: max(1, table["count"] // 5)]]
        lats = [float(v) for v in _column(table["lat"])[:: max(1, table["count"] // 5)]]
        for value in lons + lats:
            for text in (repr(value), f"{value:.6f}", f"{value:.4f}", f"{value:.3f}"):
                assert text not in wire, f"coordinate {text} reached the LLM"


def _column(packed: dict[str, Any]) -> list[Any]:
    from planexec.schemas.entities import PackedColumn

    return PackedColumn.model_validate(packed).to_list()


# -- token accounting ----------------------------------------------------------------------------


async def test_token_usage_is_the_sum_of_what_the_server_reported(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(usage=(90, 40)),
        route_reply("solar_map", usage=(311, 17)),
        content("A map of Bahia.", usage=(205, 9)),
    )
    usage = (await _ask(llm_context, "map of solar plants in Bahia"))["metadata"]["token_usage"]
    assert usage == {
        "schema_version": "1.0.0",
        "prompt_tokens": 606,
        "completion_tokens": 66,
        "total_tokens": 672,
        "llm_calls": 3,
        "estimated": False,
        "failed_calls": 0,
    }


async def test_token_usage_is_estimated_when_the_server_omits_it(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(usage=None), route_reply("solar_map", usage=None), content("A map of Bahia.", usage=None)
    )
    usage = (await _ask(llm_context, "map of solar plants in Bahia"))["metadata"]["token_usage"]
    assert usage["estimated"] is True and usage["llm_calls"] == 3
    assert usage["prompt_tokens"] > 50 and usage["completion_tokens"] > 0


# -- general agent -------------------------------------------------------------------------------


async def test_general_agent_calls_tools_through_the_hub_with_truncated_results(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer, hub: ToolHub
) -> None:
    answer = "The hottest heat-stress zones are those of quintile 5."
    openai_server.script(
        no_slots(),
        route_reply("general_agent"),
        tool_call({"quintiles": [5], "limit": 100}, name=HEAT_TOOL),
        content(answer),
    )
    response = await _ask(llm_context, "which INMET station is hottest?")
    meta = response["metadata"]
    assert meta["intent"] == "general_agent" and meta["proposals"][1]["chosen_by"] == "llm"
    assert response["modules"] == [
        {"type": "text", "heading": "Answer", "text": answer, "schema_version": "1.0.0"}
    ]
    assert meta["facts_summary"]["intent"] == "general" and meta["facts_summary"]["facts"]["tool_calls"] == 1
    end = [e for e in meta["decision_timeline"] if e["event"] == "tool_end"]
    assert [(e["server"], e["tool"], e["status"]) for e in end] == [("heat", HEAT_TOOL, "ok")]
    assert end[0]["tool_version"] and end[0]["tool_version"] == await hub.tool_version("heat", HEAT_TOOL)
    agent_body = openai_server.bodies[2]
    assert HEAT_TOOL in {t["function"]["name"] for t in agent_body["tools"]}  # names, descriptions, schemas
    zones = (await hub.call("heat", HEAT_TOOL, {"quintiles": [5], "limit": 100})).structured["entities"]
    (tool_text,) = _tool_messages(openai_server)[:1]
    assert len(tool_text) <= RESULT_BUDGET_CHARS and f'"count": {zones["count"]}' in tool_text
    assert '"data"' not in tool_text and '"station_name"' in tool_text  # column names, not columns
    wire = _wire(openai_server)
    for packed in (zones["ids"], zones["lon"], zones["lat"], *zones["columns"].values()):
        assert packed["data"][:24] not in wire
    assert "INMET-" not in wire
    assert meta["token_usage"]["llm_calls"] == 4


async def test_general_agent_passes_data_between_tools_by_reference(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    register = {"entity_type": "heat_zone", "entities": "${r1.entities}", "session_id": "agent-ref-test"}
    openai_server.script(
        no_slots(),
        route_reply("general_agent"),
        tool_call({"quintiles": [5]}, name=HEAT_TOOL),
        tool_call(register, name="RegisterEntities"),
        content("Registered the hottest zones."),
    )
    meta = (await _ask(llm_context, "register the hottest heat zones for later analysis"))["metadata"]
    end = [e for e in meta["decision_timeline"] if e["event"] == "tool_end"]
    assert [(e["tool"], e["status"]) for e in end] == [(HEAT_TOOL, "ok"), ("RegisterEntities", "ok")]
    assert "EntityTable heat_zone" in end[1]["args_preview"]
    assert '"registered": ' in _tool_messages(openai_server)[-1]


async def test_general_agent_step_limit_stops_a_model_that_keeps_calling_tools(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(),
        route_reply("general_agent"),
        *[tool_call({"quintiles": [5]}, name=HEAT_TOOL) for _ in range(20)],
    )
    response = await _ask(llm_context, "which INMET station is hottest?")
    facts = response["metadata"]["facts_summary"]["facts"]
    assert facts["tool_calls"] == 6 and facts["stopped"] == "step_limit"
    assert "limit of 6 tool calls" in response["modules"][0]["text"]
    ends = [e for e in response["metadata"]["decision_timeline"] if e["event"] == "tool_end"]
    assert len(ends) == 6
    assert len(openai_server.bodies) <= 2 + 6 + 2 and openai_server.pending > 0
    assert response["metadata"]["errors"][0]["code"] == "general_agent_step_limit"


async def test_general_agent_with_the_llm_down_answers_clearly(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(no_slots(), route_reply("general_agent"), http_error(503, "model overloaded"))
    response = await _ask(llm_context, "which INMET station is hottest?")
    text = response["modules"][0]["text"]
    assert "error" not in response and text.startswith("The general agent could not answer")
    assert "503" in text and response["metadata"]["facts_summary"]["facts"]["stopped"] == "llm_error"


async def test_general_agent_tool_calls_are_streamed_as_thinking_events(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(),
        route_reply("general_agent"),
        tool_call({"quintiles": [5]}, name=HEAT_TOOL),
        content("Quintile 5 is hottest."),
    )
    events = [
        e
        async for e in stream_chat_query(
            "which INMET station is hottest?", context=llm_context, checkpoint_url="memory://"
        )
    ]
    thinking = [(e["node"], e["message"]) for e in events if e["type"] == "thinking"]
    assert ("general_agent", f"calling heat.{HEAT_TOOL}") in thinking
    assert events[-1]["type"] == "complete"
