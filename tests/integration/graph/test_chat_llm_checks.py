"""The chat graph checks what a real model sends back (issue 15): a garbage narration gives the template
with the reason in `metadata.flags`; the narration streams into `thinking`; an agent answer with no tool
result or echoing the question is replaced by a clear "no answer" text and flagged; the agent's requests
carry max_tokens and plain-string tool results a llama-cpp-python-like server accepts; a cut-off answer
is counted as a failed call. Real ChatOpenAI (the production class) over HTTP, real MCP servers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from tests.support.llm_chat import no_slots, route, scripted_context
from tests.support.openai_flavours import LLAMA_CPP_PYTHON
from tests.support.openai_server import ScriptedOpenAIServer, content, slow, tool_call, truncated

pytestmark = pytest.mark.integration

HEAT_TOOL = "GetHeatQuintilesForGeospatial"
QUESTION = "which INMET station is hottest?"


async def _ask(context: ChatContext, query: str, **kw: Any) -> dict[str, Any]:
    return await process_chat_query(query, context=context, checkpoint_url="memory://", **kw)


def _context(hub: ToolHub, server: ScriptedOpenAIServer) -> ChatContext:
    return scripted_context(hub, server)


@pytest.fixture
def llama_server() -> Iterator[ScriptedOpenAIServer]:
    server = ScriptedOpenAIServer(flavour=LLAMA_CPP_PYTHON).start()
    try:
        yield server
    finally:
        server.stop()


# -- narration -----------------------------------------------------------------------------------


async def test_an_html_narration_gives_the_template_and_the_reason_in_the_flags(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    html = "<table><tr><td>Bahia</td><td>solar plants</td></tr></table>"
    openai_server.script(no_slots(), route("solar_map"), content(html))
    response = await _ask(llm_context, "map of solar plants in Bahia")
    flags = response["metadata"]["flags"]
    assert flags["narrated_by"] == "template"
    assert flags["narration_rejected"] == "markup in the narration: HTML tag <table>"
    assert "<table>" not in response["modules"][0]["text"]
    assert response["metadata"]["token_usage"]["failed_calls"] == 1


async def test_the_narration_streams_into_thinking_events(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    narration = "The map shows the solar plants of Bahia, the state the question names."
    openai_server.script(no_slots(), route("solar_map"), content(narration))
    events = [
        e
        async for e in stream_chat_query(
            "map of solar plants in Bahia", context=llm_context, checkpoint_url="memory://"
        )
    ]
    pieces = [
        e["message"] for e in events if e["type"] == "thinking" and e["data"].get("stream") == "narration"
    ]
    assert len(pieces) > 1 and "".join(pieces) == narration
    flags = events[-1]["response"]["metadata"]["flags"]
    assert (flags["narrated_by"], flags["narration_rejected"]) == ("llm", None)


async def test_a_slow_narration_gives_the_template_within_the_narration_budget(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    context = replace(llm_context, settings=Settings(llm_timeout_narration_s=0.5))
    openai_server.script(no_slots(), route("solar_map"), slow(content("A map of Bahia."), 8.0))
    started = time.monotonic()
    response = await _ask(context, "map of solar plants in Bahia")
    assert time.monotonic() - started < 6.0
    flags = response["metadata"]["flags"]
    assert (flags["narrated_by"], flags["narration_rejected"]) == ("template", "late: no answer within 0.5s")


# -- general agent -------------------------------------------------------------------------------


async def test_an_agent_answer_without_any_tool_call_is_flagged_and_replaced(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    made_up = "The hottest INMET station is Teresina, at 41.2 degrees."
    # no tool call with every tool, and none again with the few most relevant ones
    openai_server.script(no_slots(), route("general_agent"), content(made_up), content(made_up))
    response = await _ask(llm_context, QUESTION)
    (module,) = response["modules"]
    assert module["heading"] == "No answer" and "41.2" not in module["text"]
    assert module["text"].startswith("No answer could be computed for this question")
    flags = response["metadata"]["flags"]
    assert flags["ungrounded_answer"] is True
    assert flags["ungrounded_reason"] == "the answer is not based on any tool result (0 tool calls)"
    codes = [e["code"] for e in response["metadata"]["errors"]]
    assert codes == ["general_agent_ungrounded"]
    agent_body = openai_server.bodies[2]
    assert agent_body["max_tokens"] == Settings().llm_max_tokens_agent and agent_body["tools"]


async def test_no_tool_call_asks_again_with_the_most_relevant_tools(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    answer = "Quintile 5 holds the hottest zones (r1)."
    openai_server.script(
        no_slots(),
        route("general_agent"),
        content(""),  # a small model lost among ten tools says nothing
        tool_call({"quintiles": [5]}, name=HEAT_TOOL),
        content(answer),
    )
    response = await _ask(llm_context, "which heat quintile zones are hottest?")
    facts = response["metadata"]["facts_summary"]["facts"]
    assert (facts["tool_calls"], facts["tools_narrowed"]) == (1, True)
    offered = [[t["function"]["name"] for t in b.get("tools") or []] for b in openai_server.bodies[2:4]]
    assert len(offered[0]) == 10 and HEAT_TOOL in offered[1] and len(offered[1]) <= 4
    assert response["modules"][0]["text"] == answer
    assert response["metadata"]["flags"]["ungrounded_answer"] is False


async def test_the_no_answer_text_is_in_portuguese_for_a_portuguese_question(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    made_up = content("A estação mais quente é Teresina.")
    openai_server.script(no_slots(), route("general_agent"), made_up, made_up)
    response = await _ask(llm_context, "qual estação do INMET é a mais quente?", target_language="pt")
    (module,) = response["modules"]
    assert module["heading"] == "Sem resposta"
    assert module["text"].startswith("Não foi possível calcular uma resposta para esta pergunta")
    assert response["metadata"]["flags"]["ungrounded_answer"] is True


async def test_an_agent_answer_echoing_the_question_is_flagged_and_replaced(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(),
        route("general_agent"),
        tool_call({"quintiles": [5]}, name=HEAT_TOOL),
        content(f"Question: {QUESTION}"),
    )
    response = await _ask(llm_context, QUESTION)
    flags = response["metadata"]["flags"]
    assert (flags["ungrounded_answer"], flags["ungrounded_reason"]) == (
        True,
        "the answer repeats the question",
    )
    assert response["modules"][0]["heading"] == "No answer"
    assert response["metadata"]["facts_summary"]["facts"]["tool_calls"] == 1


async def test_a_grounded_answer_is_not_flagged(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    answer = "The hottest heat-stress zones are those of quintile 5."
    openai_server.script(
        no_slots(), route("general_agent"), tool_call({"quintiles": [5]}, name=HEAT_TOOL), content(answer)
    )
    response = await _ask(llm_context, QUESTION)
    assert response["modules"][0]["text"] == answer
    flags = response["metadata"]["flags"]
    assert (flags["ungrounded_answer"], flags["ungrounded_reason"]) == (False, None)


async def test_the_agent_works_with_a_server_that_rejects_null_content_and_list_tool_results(
    hub: ToolHub, llama_server: ScriptedOpenAIServer
) -> None:
    answer = "The hottest heat-stress zones are those of quintile 5."
    llama_server.script(
        no_slots(), route("general_agent"), tool_call({"quintiles": [5]}, name=HEAT_TOOL), content(answer)
    )
    response = await _ask(_context(hub, llama_server), QUESTION)
    assert response["modules"][0]["text"] == answer
    second = llama_server.bodies[-1]["messages"]
    tool_messages = [m for m in second if m["role"] == "tool"]
    assistant = [m for m in second if m["role"] == "assistant"]
    assert tool_messages and all(isinstance(m["content"], str) for m in tool_messages)
    assert assistant and all(m["content"] == "" for m in assistant if m.get("tool_calls"))
    assert '"ref": "r1"' in tool_messages[0]["content"]


async def test_an_agent_answer_cut_off_is_not_shown_and_its_tokens_are_counted_as_failed(
    llm_context: ChatContext, openai_server: ScriptedOpenAIServer
) -> None:
    openai_server.script(
        no_slots(),
        route("general_agent"),
        tool_call({"quintiles": [5]}, name=HEAT_TOOL, usage=(400, 20)),
        truncated(content("The hottest heat-stress zones are those of", usage=(1511, 609))),
    )
    response = await _ask(llm_context, QUESTION)
    text = response["modules"][0]["text"]
    assert text == "The general agent could not answer: the answer was cut off at the token limit."
    usage = response["metadata"]["token_usage"]
    assert usage["failed_calls"] == 1 and usage["prompt_tokens"] >= 1911 and usage["completion_tokens"] >= 629
    assert response["metadata"]["errors"][0]["code"] == "general_agent_llm_error"
