"""narrate_with_llm against a real scripted OpenAI-compatible HTTP server, through a real ChatOpenAI."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from planexec.nodes.narration.llm_narrator import narrate_with_llm
from planexec.schemas.modules import FactsSummary
from tests.support.openai_server import ScriptedOpenAIServer, content, http_error, slow

pytestmark = pytest.mark.integration

FACTS = FactsSummary(
    intent="spatial_correlation",
    facts={"solar_plants": 17613, "heat_zones": 42, "plants_within": 245, "distance_km": 1, "share": 0.0139},
    highlights=["245 solar plants lie within 1 km of a heat-stress zone."],
)
GOOD_EN = "Of 17,613 solar plants, 245 lie within 1 km of the 42 heat-stress zones (about 1.4%)."
GOOD_PT = "Das 17.613 usinas solares (17,6 mil), 245 ficam a até 1 km das 42 zonas de estresse térmico."


def system_and_user(body: dict[str, Any]) -> tuple[str, str]:
    system, user = body["messages"]
    return str(system["content"]), str(user["content"])


async def test_good_narration_is_accepted(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content(GOOD_EN, usage=(90, 30)))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "en", timeout_s=5.0)
    assert (outcome.text, outcome.rejected_reason) == (GOOD_EN, None)
    usage = outcome.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (90, 30, 120)
    assert usage.llm_calls == 1
    system, user = system_and_user(openai_server.bodies[0])
    assert "English" in system
    facts = json.loads(user.split("\n", 1)[1])
    assert facts == {"intent": FACTS.intent, "facts": FACTS.facts, "highlights": FACTS.highlights}


async def test_language_is_passed_to_the_prompt(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content(GOOD_PT))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "pt", timeout_s=5.0)
    assert outcome.text == GOOD_PT
    system, _ = system_and_user(openai_server.bodies[0])
    assert "Brazilian Portuguese" in system and "English" not in system


async def test_invented_number_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content("Of 17,613 plants, 312 lie within 1 km of a heat-stress zone."))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "en", timeout_s=5.0)
    assert outcome.text is None
    assert outcome.rejected_reason == "numbers not in the facts: 312"
    assert outcome.usage.llm_calls == 1


async def test_http_error_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(http_error(500))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "en", timeout_s=5.0)
    assert outcome.text is None and outcome.rejected_reason is not None
    assert "HTTP 500" in outcome.rejected_reason
    assert outcome.usage.llm_calls == 1 and outcome.usage.total_tokens == 0


async def test_late_narration_is_rejected_in_bounded_time(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(slow(content(GOOD_EN), 5.0))
    started = time.monotonic()
    outcome = await narrate_with_llm(openai_server.chat_model(timeout_s=5.0), FACTS, "en", timeout_s=0.4)
    assert time.monotonic() - started < 3.0
    assert outcome.text is None and outcome.rejected_reason is not None
    assert outcome.rejected_reason.startswith("late")


async def test_empty_narration_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content("   "))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "en", timeout_s=5.0)
    assert (outcome.text, outcome.rejected_reason) == (None, "empty narration")


async def test_missing_usage_is_estimated(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content(GOOD_EN, usage=None))
    outcome = await narrate_with_llm(openai_server.chat_model(), FACTS, "en", timeout_s=5.0)
    usage = outcome.usage
    assert outcome.text == GOOD_EN and usage.estimated and usage.llm_calls == 1
    assert usage.completion_tokens == -(-len(GOOD_EN) // 4)
    assert usage.prompt_tokens > 0 and usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


async def test_streaming_model_works_over_sse(openai_server: ScriptedOpenAIServer) -> None:
    openai_server.script(content(GOOD_EN, usage=(70, 20)))
    model = openai_server.chat_model(streaming=True, stream_usage=True)
    outcome = await narrate_with_llm(model, FACTS, "en", timeout_s=5.0)
    assert (outcome.text, outcome.usage.total_tokens) == (GOOD_EN, 90)
    assert openai_server.bodies[0]["stream"] is True
