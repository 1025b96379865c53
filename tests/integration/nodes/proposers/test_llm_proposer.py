"""LLMProposer against a real scripted OpenAI-compatible HTTP server, through a real ChatOpenAI."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from planexec.nodes.proposers.llm import LLMProposer, render_situation
from planexec.nodes.proposers.rules import RuleProposer
from planexec.schemas.proposals import Situation, StepStatus
from planexec.schemas.settings import Settings
from tests.support.openai_server import (
    ScriptedOpenAIServer,
    http_error,
    malformed,
    slow,
    structured,
)

pytestmark = pytest.mark.integration

LEGAL = ["spatial_correlation", "solar_map", "clarify"]


def route_situation(legal: list[str] | None = None) -> Situation:
    return Situation(
        phase="route",
        query="solar plants within 1 km of heat stress zones",
        slots={"operator": "within", "distance_m": 1000, "layer": "heat", "country": "Brazil"},
        intent_scores={"spatial_correlation": 0.9, "solar_map": 0.5, "policy_summary": 0.0},
        legal_edges=legal or LEGAL,  # type: ignore[arg-type]
    )


def after_situation() -> Situation:
    steps = [
        StepStatus(alias="solar", tool="solar.search_plants", status="ok", facts={"count": 17613}),
        StepStatus(alias="heat", tool="heat.stress_zones", status="ok", facts={"count": 42, "layer": "heat"}),
        StepStatus(alias="corr", tool="geospatial.correlate", status="timeout", facts={}),
    ]
    return Situation(
        phase="after_execution",
        query="solar plants within 1 km of heat stress zones",
        slots={"operator": "within", "distance_m": 1000},
        intent_scores={"spatial_correlation": 0.9},
        steps=steps,
        legal_edges=["compose", "replan"],
    )


def proposer(server: ScriptedOpenAIServer, timeout_s: float = 5.0, **kwargs: Any) -> LLMProposer:
    return LLMProposer(
        server.chat_model(timeout_s=timeout_s), timeout_s=timeout_s, fallback=RuleProposer(), **kwargs
    )


def edge_enum(body: dict[str, Any]) -> list[str]:
    if "response_format" in body:
        return list(body["response_format"]["json_schema"]["schema"]["properties"]["edge"]["enum"])
    return list(body["tools"][0]["function"]["parameters"]["properties"]["edge"]["enum"])


def prompt_text(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content")) for m in body["messages"])


async def test_legal_choice_is_taken_with_rationale_and_usage(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(
        structured({"edge": "solar_map", "rationale": "The user asked for a map."}, usage=(120, 15))
    )
    outcome = await proposer(openai_server).propose(route_situation())
    assert (outcome.edge, outcome.chosen_by, outcome.rejected) == ("solar_map", "llm", [])
    assert outcome.rationale == "The user asked for a map."
    usage = outcome.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (120, 15, 135)
    assert usage.llm_calls == 1
    assert not usage.estimated
    (body,) = openai_server.bodies
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert edge_enum(body) == LEGAL


async def test_function_calling_method_sends_a_forced_tool(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(structured({"edge": "spatial_correlation", "rationale": "Within 1 km asks a join."}))
    outcome = await proposer(openai_server, settings=Settings(llm_structured="tools")).propose(
        route_situation()
    )
    assert (outcome.edge, outcome.chosen_by) == ("spatial_correlation", "llm")
    (body,) = openai_server.bodies
    assert body["tool_choice"]["function"]["name"] == body["tools"][0]["function"]["name"]
    assert edge_enum(body) == LEGAL


async def test_illegal_edge_is_rejected_then_legal_retry_wins(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(
        structured({"edge": "general_agent", "rationale": "Anything goes."}, usage=(100, 10)),
        structured({"edge": "clarify", "rationale": "Two readings are possible."}, usage=(130, 12)),
    )
    outcome = await proposer(openai_server).propose(route_situation())
    assert (outcome.edge, outcome.chosen_by) == ("clarify", "llm")
    assert len(outcome.rejected) == 1 and "illegal edge 'general_agent'" in outcome.rejected[0]
    usage = outcome.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.llm_calls) == (230, 22, 2)
    first, second = openai_server.bodies
    assert "rejected" in prompt_text(second) and "general_agent" in prompt_text(second)
    assert edge_enum(first) == edge_enum(second) == LEGAL


async def test_malformed_twice_lets_the_rules_decide(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(malformed(), malformed("not json at all"))
    situation = route_situation()
    outcome = await proposer(openai_server).propose(situation)
    expected = RuleProposer().decide(situation)
    assert (outcome.edge, outcome.rationale) == (expected.edge, expected.rationale)
    assert outcome.chosen_by == "rules"
    assert len(outcome.rejected) == 2 and all("malformed" in r for r in outcome.rejected)
    assert outcome.usage.llm_calls == 2 and len(openai_server.bodies) == 2


async def test_malformed_tool_arguments_are_rejected(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(malformed(), structured({"edge": "solar_map", "rationale": "A map."}))
    outcome = await proposer(openai_server, settings=Settings(llm_structured="tools")).propose(
        route_situation()
    )
    assert (outcome.edge, outcome.chosen_by) == ("solar_map", "llm")
    assert "malformed" in outcome.rejected[0]


async def test_late_answers_are_rejected_and_bounded(openai_server: ScriptedOpenAIServer) -> None:
    slow_reply = slow(structured({"edge": "solar_map", "rationale": "Late."}), 5.0)
    openai_server.script(slow_reply, slow_reply)
    started = time.monotonic()
    outcome = await proposer(openai_server, timeout_s=0.4).propose(route_situation())
    elapsed = time.monotonic() - started
    assert elapsed < 3.0  # two bounded attempts, far before one slow answer would arrive
    assert outcome.chosen_by == "rules"
    assert len(outcome.rejected) == 2 and all("late" in r for r in outcome.rejected)
    assert outcome.usage.llm_calls == 2 and outcome.usage.total_tokens == 0


async def test_model_client_timeout_counts_as_late(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(slow(structured({"edge": "solar_map", "rationale": "Late."}), 5.0))
    openai_server.script(structured({"edge": "solar_map", "rationale": "On time."}))
    model = openai_server.chat_model(timeout_s=0.4)  # the HTTP client's own timeout fires first
    outcome = await LLMProposer(model, timeout_s=10.0).propose(route_situation())
    assert (outcome.edge, outcome.chosen_by, outcome.rationale) == ("solar_map", "llm", "On time.")
    assert len(outcome.rejected) == 1 and "late" in outcome.rejected[0]


async def test_http_500_is_rejected_then_rules(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(http_error(500), http_error(500))
    outcome = await proposer(openai_server).propose(after_situation())
    assert (outcome.edge, outcome.chosen_by) == ("replan", "rules")  # a step timed out
    assert len(outcome.rejected) == 2 and all("HTTP 500" in r for r in outcome.rejected)


async def test_only_one_legal_edge_makes_no_request(openai_server: ScriptedOpenAIServer) -> None:
    outcome = await proposer(openai_server).propose(route_situation(["compose"]))
    assert (outcome.edge, outcome.chosen_by, outcome.usage.llm_calls) == ("compose", "only_legal", 0)
    assert openai_server.request_count == 0


async def test_missing_usage_is_estimated(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(structured({"edge": "compose", "rationale": "All ran."}, usage=None))
    outcome = await proposer(openai_server).propose(after_situation())
    usage = outcome.usage
    assert usage.estimated and usage.llm_calls == 1
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


async def test_prompt_holds_the_situation_only(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(structured({"edge": "compose", "rationale": "All ran."}))
    situation = after_situation()
    await proposer(openai_server).propose(situation)
    (body,) = openai_server.bodies
    text = prompt_text(body)
    assert situation.query in text and "17613" in text and "geospatial.correlate" in text
    assert edge_enum(body) == ["compose", "replan"]
    assert "SIGA2025-" not in json.dumps(body)
    assert not re.search(r"-?\d{1,3}\.\d{4,}", text)  # no coordinates
    assert len(body["messages"]) == 2


async def test_streaming_model_works_over_sse(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(structured({"edge": "solar_map", "rationale": "A map."}, usage=(50, 5)))
    model = openai_server.chat_model(timeout_s=5.0, streaming=True, stream_usage=True)
    outcome = await LLMProposer(model, timeout_s=5.0).propose(route_situation())
    assert (outcome.edge, outcome.chosen_by, outcome.usage.total_tokens) == ("solar_map", "llm", 55)
    assert openai_server.bodies[0]["stream"] is True


def test_rendered_situation_is_compact_and_bounded() -> None:
    steps = [
        StepStatus(
            alias=f"s{i}", tool="solar.search_plants", status="ok", facts={"count": i, "note": "x" * 5000}
        )
        for i in range(3)
    ]
    situation = after_situation().model_copy(update={"steps": steps, "query": "q" * 5000})
    rendered = render_situation(situation)
    assert len(rendered) < 1500
    parsed = json.loads(rendered)
    assert set(parsed) == {"phase", "query", "slots", "intent_scores", "steps", "legal_edges"}
    assert parsed["steps"][2]["facts"]["count"] == 2
