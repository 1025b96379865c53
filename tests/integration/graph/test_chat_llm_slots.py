"""The LLM proposes slot values (real ChatOpenAI over HTTP to the scripted server, real MCP servers).

The rule parse is the default and the fallback: a rule value always wins, an LLM value only fills
a slot the rules left empty when the query text supports it, an illegal / malformed / late answer
or an HTTP error is rejected and recorded. Expected numbers come from tests/support/truth.py.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.nodes.understanding.places import STATES
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support import truth
from tests.support.llm_chat import scripted_context
from tests.support.openai_server import (
    Reply,
    ScriptedOpenAIServer,
    content,
    http_error,
    malformed,
    slow,
    structured,
)

pytestmark = pytest.mark.integration

MW_TOLERANCE = 0.05 + 1e-9
BAHIA_MAP = "map of solar plants in Bahia"
NARRATION = "The map shows the solar plants the question asks about."
EMPTY: dict[str, Any] = {
    "operator": None,
    "distance_km": None,
    "min_distance_km": None,
    "layer": None,
    "heat_quintiles": [],
    "states": [],
    "regions": [],
    "min_capacity_mw": None,
    "min_capacity_strict": None,
    "max_capacity_mw": None,
    "max_capacity_strict": None,
    "min_increment_km2": None,
    "min_increment_strict": None,
    "language": "en",
}


def slots_answer(**values: Any) -> Reply:
    return structured({**EMPTY, **values})


def _map_script(slot_reply: Reply) -> list[Reply]:
    route = structured({"edge": "solar_map", "rationale": "a map of plants"})
    return [slot_reply, route, content(NARRATION)]


async def _ask(context: ChatContext, query: str) -> dict[str, Any]:
    return await process_chat_query(query, context=context, checkpoint_url="memory://")


def _slot_record(response: dict[str, Any]) -> dict[str, Any]:
    (record,) = [p for p in response["metadata"]["proposals"] if p["phase"] == "slots"]
    return record


def _map_args(response: dict[str, Any]) -> dict[str, Any]:
    plan = response["metadata"]["plan"]
    return next(dict(s["args"]) for s in plan if s["tool"] == "GetSolarFacilitiesMapData")


def _assert_map_counts(response: dict[str, Any], expected: truth.Truth) -> None:
    counts = response["metadata"]["counts"]
    assert counts["plants"] == expected.count, expected.describe()
    assert abs(counts["capacity_mw"] - expected.capacity_mw) <= MW_TOLERANCE, expected.describe()


def _context(hub: ToolHub, server: ScriptedOpenAIServer, timeout_s: float = 30.0) -> ChatContext:
    """The LLM is asked for slots on every routed turn (`primary`, issue 14 policy)."""
    return scripted_context(hub, server, timeout_s=timeout_s)


async def test_same_slots_are_recorded_without_disagreement(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(*_map_script(slots_answer(states=["BA"])))
    response = await _ask(llm_context, BAHIA_MAP)
    record = _slot_record(response)
    assert (record["chosen_by"], record["rejected"], record["edge"]) == ("rules", [], "")
    comparison = record["slots"]
    assert comparison["rule"]["states"] == comparison["llm"]["states"] == ["BA"]
    assert comparison["disagreements"] == [] and comparison["used"] == []
    assert [p["phase"] for p in response["metadata"]["proposals"]] == ["slots", "route", "after_execution"]
    _assert_map_counts(response, truth.solar_map(["BA"]))


async def test_the_request_holds_the_query_and_an_enum_of_legal_values_only(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(*_map_script(slots_answer(states=["BA"])))
    await _ask(llm_context, BAHIA_MAP)
    body = openai_server.bodies[0]
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    props = schema["properties"]
    assert schema["additionalProperties"] is False and sorted(schema["required"]) == sorted(props)
    assert props["states"]["items"]["enum"] == sorted(STATES)
    assert props["heat_quintiles"]["items"]["enum"] == [1, 2, 3, 4, 5]
    assert props["layer"]["enum"] == ["heat", "deforestation", None]
    assert props["operator"]["enum"][:-1] == ["within", "proximity", "overlap", "ring", "outside", "nearest"]
    assert props["language"]["enum"] == ["en", "pt", None]
    assert (
        "Southeast" in props["regions"]["items"]["enum"]
        and "Sudeste" not in props["regions"]["items"]["enum"]
    )
    assert (props["distance_km"]["exclusiveMinimum"], props["distance_km"]["maximum"]) == (0, 500)
    assert (props["min_capacity_mw"]["minimum"], props["min_capacity_mw"]["maximum"]) == (0, 10_000)
    prompt = [m["content"] for m in body["messages"]]
    assert len(prompt) == 2 and prompt[1].endswith(BAHIA_MAP)  # the query text, nothing else


async def test_an_empty_slot_filled_consistently_is_used(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    query = "map of solar plants in Bahia bigger than 40"  # no unit: the rules leave the bound empty
    openai_server.script(
        *_map_script(slots_answer(states=["BA"], min_capacity_mw=40, min_capacity_strict=True))
    )
    response = await _ask(llm_context, query)
    record = _slot_record(response)
    assert record["chosen_by"] == "llm" and record["slots"]["used"] == ["min_capacity_mw"]
    assert record["slots"]["rule"]["min_capacity_mw"] is None
    args = _map_args(response)
    assert (args["min_capacity_mw"], args.get("min_capacity_strict"), args["states"]) == (40.0, True, ["BA"])
    _assert_map_counts(response, truth.solar_map(["BA"], 40.0, strict=True))
    assert response["metadata"]["flags"]["llm_proposals"] == 2  # the slot and the route


async def test_an_empty_slot_filled_with_a_number_not_in_the_query_is_not_used(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    query = "map of solar plants in Bahia bigger than 40"
    openai_server.script(
        *_map_script(slots_answer(states=["BA"], min_capacity_mw=55, min_capacity_strict=True))
    )
    response = await _ask(llm_context, query)
    record = _slot_record(response)
    assert record["chosen_by"] == "rules" and record["slots"]["used"] == []
    assert record["slots"]["not_used"] and "min_capacity_mw" in record["slots"]["not_used"][0]
    assert "min_capacity_mw" not in _map_args(response)
    _assert_map_counts(response, truth.solar_map(["BA"]))


async def test_a_contradicting_llm_loses_and_the_numbers_do_not_change(
    llm_context: ChatContext, context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    query = "map of solar plants in Bahia with more than 40 MW"
    wrong = slots_answer(states=["SE"], min_capacity_mw=30, min_capacity_strict=False, language="pt")
    openai_server.script(*_map_script(wrong))
    response = await _ask(llm_context, query)
    record = _slot_record(response)
    assert record["chosen_by"] == "rules" and record["slots"]["used"] == []
    disagreements = {d["slot"]: (d["rule"], d["llm"]) for d in record["slots"]["disagreements"]}
    assert disagreements == {
        "states": (["BA"], ["SE"]),
        "min_capacity_mw": (40.0, 30.0),
        "language": ("en", "pt"),
    }
    expected = truth.solar_map(["BA"], 40.0, strict=True)
    _assert_map_counts(response, expected)
    rules_only = await _ask(context, query)
    assert rules_only["metadata"]["counts"] == response["metadata"]["counts"]
    assert not [p for p in rules_only["metadata"]["proposals"] if p["phase"] == "slots"]


@pytest.mark.parametrize(
    ("illegal", "reason"),
    [
        ({"states": ["XX"]}, "states"),
        ({"heat_quintiles": [7]}, "heat_quintiles"),
        ({"distance_km": 9000}, "distance_km"),
        ({"min_capacity_mw": 20_000}, "min_capacity_mw"),
        ({"layer": "floods"}, "layer"),
        ({"operator": "teleport"}, "operator"),
        ({"states": ["BA"], "extra": 1}, "extra"),
    ],
)
async def test_illegal_values_are_rejected_and_the_rules_decide(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer, illegal: dict[str, Any], reason: str
) -> None:
    openai_server.script(*_map_script(slots_answer(**illegal)))
    response = await _ask(llm_context, BAHIA_MAP)
    record = _slot_record(response)
    assert record["chosen_by"] == "rules" and record["slots"]["llm"] is None
    (rejected,) = record["rejected"]
    assert rejected.startswith("illegal slot values") and reason in rejected
    assert _map_args(response)["states"] == ["BA"]
    _assert_map_counts(response, truth.solar_map(["BA"]))


@pytest.mark.parametrize(
    ("failure", "reason"),
    [(malformed('{"states": ["BA"], '), "malformed"), (http_error(500), "HTTP 500")],
)
async def test_malformed_and_http_errors_let_the_rules_decide(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer, failure: Reply, reason: str
) -> None:
    openai_server.script(*_map_script(failure))
    response = await _ask(llm_context, BAHIA_MAP)
    record = _slot_record(response)
    assert record["chosen_by"] == "rules" and record["slots"]["llm"] is None
    assert len(record["rejected"]) == 1 and reason in record["rejected"][0]
    _assert_map_counts(response, truth.solar_map(["BA"]))
    assert response["metadata"]["token_usage"]["llm_calls"] == 3


async def test_a_late_answer_is_rejected_within_its_budget(
    hub: ToolHub, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(*_map_script(slow(slots_answer(states=["BA"]), 5.0)))
    started = time.monotonic()
    response = await _ask(_context(hub, openai_server, timeout_s=0.5), BAHIA_MAP)
    record = _slot_record(response)
    assert record["chosen_by"] == "rules" and "late" in record["rejected"][0]
    assert time.monotonic() - started < 5.0
    _assert_map_counts(response, truth.solar_map(["BA"]))


async def test_without_an_llm_no_request_is_made(
    context: ChatContext, hub: ToolHub, openai_server: ScriptedOpenAIServer
) -> None:
    rules_only = await _ask(context, BAHIA_MAP)
    backend = (
        MemoryBackend()
    )  # nothing configured: no PLANEXEC_LLM_* / OPENAI_* variables (tests/conftest.py)
    unconfigured = ChatContext(hub=hub, store=ArtifactStore(backend), cache=ResultCache(backend))
    default = await _ask(unconfigured, BAHIA_MAP)
    assert unconfigured.get_llm() is None
    switched_off = _context(hub, openai_server)
    switched_off.use_llm = False
    off = await _ask(switched_off, BAHIA_MAP)
    assert openai_server.request_count == 0
    for response in (rules_only, default, off):
        assert [p["phase"] for p in response["metadata"]["proposals"]] == ["route", "after_execution"]
        _assert_map_counts(response, truth.solar_map(["BA"]))


async def test_a_distance_written_without_its_unit_is_filled_in_portuguese(
    llm_context: ChatContext, context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    query = "usinas solares a até 2 das zonas de calor extremo"  # no unit: the rules find no distance
    proposal = slots_answer(
        operator="proximity", distance_km=2, layer="heat", heat_quintiles=[5], language="pt"
    )
    route = structured({"edge": "spatial_correlation", "rationale": "usinas perto de zonas de calor"})
    openai_server.script(proposal, route, content("As usinas perto das zonas de calor extremo."))
    response = await _ask(llm_context, query)
    record = _slot_record(response)
    assert record["slots"]["used"] == ["distance_km"] and record["slots"]["disagreements"] == []
    correlate = next(s for s in response["metadata"]["plan"] if s["tool"] == "FindSpatialCorrelations")
    assert correlate["args"]["distance_km"] == pytest.approx(2.0)
    expected = truth.heat_proximity(2.0, (5,))
    counts = response["metadata"]["counts"]
    assert counts["plants_matched"] == expected.count, expected.describe()
    assert abs(counts["capacity_matched_mw"] - expected.capacity_mw) <= MW_TOLERANCE
    assert response["metadata"]["target_language"] == "pt"
    rules_only = (await _ask(context, query))["metadata"]["plan"]  # the rules alone: no 2 km distance
    assert all(s["args"].get("distance_km") != 2.0 for s in rules_only)
