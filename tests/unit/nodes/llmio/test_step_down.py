"""Structured forms: strongest first, step down on a refusing server, remember the form, or a pinned form."""

from __future__ import annotations

import pytest

from planexec.nodes.llmio import AnswerRejected, ask_structured, capabilities
from planexec.schemas.settings import Settings
from tests.support.openai_server import (
    LLAMA_CPP_PYTHON,
    Flavour,
    ScriptedOpenAIServer,
    http_error,
    slow,
    structured,
)
from tests.unit.nodes.llmio.conftest import ANSWER, SCHEMA, prompt


def _format_type(body: dict) -> str | None:
    return (body.get("response_format") or {}).get("type")


async def test_refused_json_schema_steps_down_to_json_object_and_is_remembered() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(rejects_json_schema=True)) as server:
        server.respond_with(lambda body: structured(ANSWER))
        model = server.chat_model()
        first = await ask_structured(model, SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert (first.payload, first.mode) == (ANSWER, "json_object")
        assert [_format_type(b) for b in server.bodies] == ["json_schema", "json_object"]
        assert (first.usage.llm_calls, first.usage.failed_calls) == (2, 1)
        second = await ask_structured(model, SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert second.mode == "json_object" and len(server.bodies) == 3  # one request: the form is known
        assert capabilities(model).rejected_forms == ["json_schema"]


async def test_json_object_carries_the_schema_simplified_and_in_the_prompt() -> None:
    with ScriptedOpenAIServer(flavour=LLAMA_CPP_PYTHON) as server:
        server.respond_with(lambda body: structured(ANSWER))
        reply = await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        body = server.bodies[-1]
        sent = body["response_format"]["schema"]
        assert reply.mode == "json_object" and "maxLength" not in str(sent)
        assert sent["properties"]["colour"]["enum"] == ["red", "blue"]
        assert '"enum":["red","blue"]' in body["messages"][0]["content"]


async def test_a_refused_tool_form_steps_down_to_the_prompt() -> None:
    flavour = Flavour(rejects_json_schema=True)
    with ScriptedOpenAIServer(flavour=flavour) as server:
        server.script(http_error(400, "response_format json_object is not supported"))
        server.script(http_error(400, "tools are not supported by this model"))
        server.respond_with(lambda body: structured("Sure! " + '{"colour": "blue", "why": "Calm."}'))
        reply = await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert reply.mode == "prompt" and reply.payload == {"colour": "blue", "why": "Calm."}
        last = server.bodies[-1]
        assert "response_format" not in last and "tools" not in last
        assert "JSON Schema" in last["messages"][0]["content"]


async def test_pinned_form_is_used_without_trying_stronger_ones() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(structured(ANSWER))
        settings = Settings(llm_structured="tools")
        reply = await ask_structured(
            server.chat_model(),
            SCHEMA,
            prompt(),
            purpose="route",
            timeout_s=5,
            settings=settings,
            name="pick",
        )
        (body,) = server.bodies
        assert reply.mode == "tools" and reply.payload == ANSWER
        assert body["tool_choice"] == {"type": "function", "function": {"name": "pick"}}
        assert "response_format" not in body


async def test_pinned_form_never_steps_down() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(rejects_json_schema=True)) as server:
        settings = Settings(llm_structured="json_schema")
        with pytest.raises(AnswerRejected, match="HTTP 500") as caught:
            await ask_structured(
                server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5, settings=settings
            )
        assert len(server.bodies) == 1 and caught.value.usage.failed_calls == 1


async def test_forced_tool_call_works_where_tools_need_tool_choice() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(needs_tool_choice=True)) as server:
        server.script(structured(ANSWER))
        settings = Settings(llm_structured="tools")
        reply = await ask_structured(
            server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5, settings=settings
        )
        assert reply.payload == ANSWER and reply.raw.tool_calls


async def test_a_plain_server_error_does_not_step_down() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(http_error(500, "CUDA out of memory"))
        with pytest.raises(AnswerRejected, match="HTTP 500"):
            await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=5)
        assert len(server.bodies) == 1 and capabilities(server.chat_model()).rejected_forms == []


async def test_a_timeout_does_not_step_down() -> None:
    with ScriptedOpenAIServer() as server:
        server.script(slow(structured(ANSWER), 3.0))
        with pytest.raises(AnswerRejected, match="late") as caught:
            await ask_structured(server.chat_model(), SCHEMA, prompt(), purpose="route", timeout_s=0.3)
        assert len(server.bodies) == 1 and capabilities(server.chat_model()).rejected_forms == []
        assert (caught.value.usage.llm_calls, caught.value.usage.failed_calls) == (1, 1)
