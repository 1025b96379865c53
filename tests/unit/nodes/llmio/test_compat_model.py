"""CompatChatOpenAI: requests any OpenAI-compatible server accepts (servers emulated by flavours)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from pydantic import BaseModel, Field

from planexec.nodes.llm import load_chat_model
from planexec.nodes.llmio import capabilities
from planexec.nodes.llmio.compat_model import CompatChatOpenAI
from planexec.schemas.settings import Settings
from tests.support.openai_server import LLAMA_CPP_PYTHON, Flavour, ScriptedOpenAIServer, content, tool_call


class SearchPassages(BaseModel):
    """Search the agreement's passages."""

    query: str = Field(max_length=2000, pattern=r"^\S.*$", description="What to look for.")
    limit: int = Field(default=5, ge=1, le=20)


def _second_turn() -> list:
    """A conversation after one tool call: assistant tool call (no text) and an MCP result as text parts."""
    call = {"name": "SearchPassages", "args": {"query": "adaptation"}, "id": "call_1", "type": "tool_call"}
    parts = [{"type": "text", "text": "Article 7: adaptation goal."}, {"type": "text", "text": "Article 8."}]
    return [
        HumanMessage("What does the agreement say about adaptation?"),
        AIMessage(content="", tool_calls=[call]),
        ToolMessage(content=parts, tool_call_id="call_1"),  # type: ignore[arg-type]
    ]


async def test_assistant_tool_call_message_is_sent_with_empty_content_not_null() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(rejects_null_content=True)) as server:
        server.script(content("Article 7 sets a global goal on adaptation."))
        reply = await server.chat_model().ainvoke(_second_turn())
        assert reply.content == "Article 7 sets a global goal on adaptation."
        assistant = server.bodies[0]["messages"][1]
        assert assistant["content"] == "" and assistant["tool_calls"]


async def test_tool_result_parts_are_sent_as_one_string() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(rejects_null_content=True)) as server:
        server.script(content("Article 7 sets a global goal on adaptation."))
        await server.chat_model().ainvoke(_second_turn())
        tool = server.bodies[0]["messages"][2]
        assert tool == {
            "role": "tool",
            "tool_call_id": "call_1",
            "content": "Article 7: adaptation goal.\nArticle 8.",
        }


async def test_plain_chat_openai_is_refused_by_that_server() -> None:
    """The flavour really emulates the failure the compat model avoids."""
    with (
        ScriptedOpenAIServer(flavour=Flavour(rejects_null_content=True)) as server,
        pytest.raises(Exception, match="500"),
    ):
        await server.chat_model(compat=False).ainvoke(_second_turn())


async def test_tool_schemas_shown_to_the_model_are_simplified() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(crash_on_schema_keywords=True)) as server:
        server.script(tool_call({"query": "adaptation"}))
        reply = await server.chat_model().bind_tools([SearchPassages]).ainvoke("adaptation?")
        assert reply.tool_calls[0]["args"] == {"query": "adaptation"}
        parameters = server.bodies[0]["tools"][0]["function"]["parameters"]
        assert "maxLength" not in str(parameters) and "pattern" not in str(parameters)
        assert parameters["properties"]["limit"]["maximum"] == 20 and parameters["required"] == ["query"]


async def test_tool_choice_auto_is_sent_with_bound_tools() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(needs_tool_choice=True)) as server:
        server.script(tool_call({"query": "adaptation"}))
        reply = await server.chat_model().bind_tools([SearchPassages]).ainvoke("adaptation?")
        assert server.bodies[0]["tool_choice"] == "auto" and reply.tool_calls


async def test_without_tool_choice_that_server_ignores_the_tools() -> None:
    """What the agent met before: a plain ChatOpenAI gets text, not a tool call."""
    with ScriptedOpenAIServer(flavour=Flavour(needs_tool_choice=True)) as server:
        server.script(tool_call({"query": "adaptation"}))
        reply = await server.chat_model(compat=False).bind_tools([SearchPassages]).ainvoke("adaptation?")
        assert not reply.tool_calls and "tool_choice" not in server.bodies[0]


async def test_a_refused_tool_choice_is_dropped_and_remembered() -> None:
    with ScriptedOpenAIServer(flavour=Flavour(rejects_tool_choice=True)) as server:
        server.respond_with(lambda body: tool_call({"query": "adaptation"}))
        model = server.chat_model().bind_tools([SearchPassages])
        first = await model.ainvoke("adaptation?")
        second = await model.ainvoke("adaptation?")
        assert first.tool_calls and second.tool_calls
        assert ["tool_choice" in b for b in server.bodies] == [True, False, False]


async def test_the_whole_llama_cpp_python_flavour_runs_a_tool_conversation() -> None:
    with ScriptedOpenAIServer(flavour=LLAMA_CPP_PYTHON) as server:
        server.script(tool_call({"query": "adaptation"}), content("Article 7 is about adaptation."))
        model = server.chat_model().bind_tools([SearchPassages])
        first = await model.ainvoke([_second_turn()[0]])
        assert first.tool_calls
        final = await model.ainvoke(_second_turn())
        assert final.content == "Article 7 is about adaptation." and server.unscripted == 0


def test_load_chat_model_builds_the_compat_model_streaming_with_usage() -> None:
    model = load_chat_model(Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m"))
    assert isinstance(model, CompatChatOpenAI)
    assert model.streaming and model.stream_usage and model.max_retries == 0
    assert capabilities(model).base_url == "http://127.0.0.1:9/v1"


@pytest.mark.parametrize(
    "flavour",
    [Flavour(breaks_tool_streams=True), Flavour(empty_tool_streams=True)],
    ids=["no_event", "empty"],
)
async def test_an_empty_tool_stream_is_asked_again_unstreamed_and_remembered(flavour: Flavour) -> None:
    with ScriptedOpenAIServer(flavour=flavour) as server:
        server.respond_with(lambda body: tool_call({"query": "adaptation"}))
        model = server.chat_model(streaming=True).bind_tools([SearchPassages])
        first = await model.ainvoke("adaptation?")
        second = await model.ainvoke("adaptation?")
        assert first.tool_calls and second.tool_calls
        assert first.response_metadata["finish_reason"] == "tool_calls"
        assert [bool(b.get("stream")) for b in server.bodies] == [True, False, False]
        assert capabilities(server.chat_model()).stream_tools is False
