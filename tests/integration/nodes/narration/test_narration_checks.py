"""What a real model may send back as a narration, through the scripted OpenAI server and the production
chat model: each garbage case seen with a small model is rejected with its reason (the caller then
uses the template), and its tokens are still counted, as a failed call."""

from __future__ import annotations

import json

import pytest

from planexec.nodes.narration.llm_narrator import SYSTEM_PROMPT, NarrationOutcome, narrate_with_llm
from planexec.schemas.modules import FactsSummary
from planexec.schemas.settings import Settings
from tests.support.openai_server import Reply, ScriptedOpenAIServer, content, truncated

pytestmark = pytest.mark.integration

FACTS = FactsSummary(
    intent="spatial_correlation",
    facts={"solar_plants": 17613, "heat_zones": 42, "plants_within": 245, "distance_km": 1, "share": 0.0139},
    highlights=["245 solar plants lie within 1 km of a heat-stress zone."],
)
GOOD_EN = "Of 17,613 solar plants, 245 lie within 1 km of the 42 heat-stress zones (about 1.4%)."


async def narrate(server: ScriptedOpenAIServer, *replies: Reply, language: str = "en") -> NarrationOutcome:
    server.script(*replies)
    return await narrate_with_llm(server.chat_model(), FACTS, language, timeout_s=5.0, settings=Settings())


def assert_rejected_and_counted(outcome: NarrationOutcome, reason: str, calls: int = 1) -> None:
    assert (outcome.text, outcome.rejected_reason) == (None, reason)
    assert outcome.usage.llm_calls == calls and outcome.usage.failed_calls == calls
    assert outcome.usage.completion_tokens > 0


async def test_the_system_prompt_echoed_back_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    echo = SYSTEM_PROMPT.format(language="English")
    outcome = await narrate(openai_server, content(echo))
    reason = "echo of the prompt: repeats the prompt: 'you write the short overview two'"
    assert_rejected_and_counted(outcome, reason)


async def test_the_facts_json_echoed_back_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    echo = "Facts:\n" + json.dumps({"intent": FACTS.intent, "facts": FACTS.facts}, separators=(",", ":"))
    outcome = await narrate(openai_server, content(echo))
    assert_rejected_and_counted(outcome, 'echo of the facts: JSON-like text ("intent":)')


async def test_an_html_table_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    table = (
        "<table><tr><th>solar plants</th><th>within 1 km</th></tr><tr><td>17613</td><td>245</td></tr></table>"
    )
    outcome = await narrate(openai_server, content(table))
    assert_rejected_and_counted(outcome, "markup in the narration: HTML tag <table>")


async def test_a_markdown_table_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    table = "| solar plants | within 1 km |\n|---|---|\n| 17,613 | 245 |"
    outcome = await narrate(openai_server, content(table))
    assert_rejected_and_counted(outcome, "markup in the narration: Markdown table")


async def test_a_narration_cut_off_twice_at_the_token_limit_is_rejected(
    openai_server: ScriptedOpenAIServer,
) -> None:
    cut = truncated(content("Of 17,613 solar plants, 245 lie within 1 km of the"))
    outcome = await narrate(openai_server, cut, cut)
    cap = Settings().llm_max_tokens_narration
    assert_rejected_and_counted(
        outcome, f"truncated: the answer hit max_tokens twice (cap {cap * 2})", calls=2
    )
    assert [b["max_tokens"] for b in openai_server.bodies] == [cap, cap * 2]


async def test_portuguese_when_english_was_asked_is_rejected(openai_server: ScriptedOpenAIServer) -> None:
    pt = "Das 17.613 usinas solares, 245 ficam a até 1 km das 42 zonas de estresse térmico."
    outcome = await narrate(openai_server, content(pt))
    assert_rejected_and_counted(outcome, "wrong language: written in 'pt', not 'en'")


async def test_stray_japanese_tokens_are_rejected(openai_server: ScriptedOpenAIServer) -> None:
    outcome = await narrate(
        openai_server, content("Of 17,613 solar plants, 245 lie 日本 within 1 km of the zones.")
    )
    assert_rejected_and_counted(outcome, "wrong language: characters of another script ('日')")


async def test_a_good_narration_streams_its_deltas_and_carries_max_tokens(
    openai_server: ScriptedOpenAIServer,
) -> None:
    openai_server.script(content(GOOD_EN, usage=(90, 30)))
    pieces: list[str] = []
    outcome = await narrate_with_llm(
        openai_server.chat_model(), FACTS, "en", timeout_s=5.0, settings=Settings(), on_delta=pieces.append
    )
    assert (outcome.text, outcome.rejected_reason, outcome.usage.failed_calls) == (GOOD_EN, None, 0)
    assert len(pieces) > 1 and "".join(pieces) == GOOD_EN
    body = openai_server.bodies[0]
    assert body["stream"] is True and body["max_tokens"] == Settings().llm_max_tokens_narration
