"""Whole questions with a real model: narration within its budget and checked; agent tool calls."""

from __future__ import annotations

import pytest
from langchain_core.language_models import BaseChatModel

from planexec.graph.api import process_chat_query
from planexec.nodes.agent.run import run_general_agent
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from tests.real_llm.conftest import real_context
from tests.support import truth

HEADLINE = "solar facilities within 1 km of extreme heat zones in Brazil"


@pytest.fixture
def narration_budget(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setenv("PLANEXEC_LLM_TIMEOUT_NARRATION_S", "60")
    return 60.0


async def test_headline_is_right_and_narration_is_checked(
    hub: ToolHub, real_model: BaseChatModel, narration_budget: float
) -> None:
    settings = Settings()
    context = real_context(hub, settings, real_model, "tie_breaker")
    response = await process_chat_query(HEADLINE, context=context, checkpoint_url="memory://")
    meta = response["metadata"]
    expected = truth.heat_proximity(1.0)
    assert meta["counts"]["plants_matched"] == expected.count
    flags = meta["flags"]
    assert flags["narrated_by"] in {"llm", "template"}
    if flags["narrated_by"] == "template":  # the model's text was refused: the reason is given
        assert flags.get("narration_rejected"), flags
        assert not flags["narration_rejected"].startswith("HTTP"), flags
    assert meta["token_usage"]["llm_calls"] >= 1


async def test_general_agent_tool_calls_go_through(hub: ToolHub, real_model: BaseChatModel) -> None:
    settings = Settings()
    context = real_context(hub, settings, real_model, "tie_breaker")
    state = {"query": "What does the Paris Agreement say about adaptation? Search the passages."}
    update = await run_general_agent(context, real_model, state, timeout_s=240.0)  # type: ignore[arg-type]
    facts = update["facts_summary"].facts
    assert facts["tool_calls"] >= 1, update["modules"][0].text
    problems = [e.message for e in update.get("errors", []) if "HTTP" in e.message]
    assert not problems
