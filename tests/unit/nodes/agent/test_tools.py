"""Tool results reach the model as plain strings (servers such as llama-cpp-python reject lists)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import ToolMessage
from langchain_core.tools import StructuredTool, ToolException

from planexec.nodes.agent.tools import as_text, plain_text_tool


def test_content_blocks_become_one_string() -> None:
    blocks = [{"type": "text", "text": '{"ref": "r1"}'}, {"type": "text", "text": "more"}]
    assert as_text(blocks) == '{"ref": "r1"}\nmore'
    assert as_text("already text") == "already text"


async def _blocks(**kwargs: Any) -> tuple[Any, Any]:
    if kwargs.get("fail"):
        error = ToolException("failed")
        error.tool_content = [{"type": "text", "text": "error: heat.X timeout"}]  # type: ignore[attr-defined]
        raise error
    return [{"type": "text", "text": f"result {kwargs['q']}"}], {"structured_content": {"q": kwargs["q"]}}


def _tool() -> StructuredTool:
    schema = {"type": "object", "properties": {"q": {"type": "integer"}, "fail": {"type": "boolean"}}}
    return StructuredTool(
        name="t",
        description="d",
        args_schema=schema,
        coroutine=_blocks,
        response_format="content_and_artifact",
    )


async def test_a_tool_result_message_has_string_content() -> None:
    tool = plain_text_tool(_tool())
    message = await tool.ainvoke({"type": "tool_call", "id": "c1", "name": "t", "args": {"q": 5}})
    assert isinstance(message, ToolMessage) and message.content == "result 5"
    assert message.artifact == {"structured_content": {"q": 5}}


async def test_a_tool_error_message_has_string_content() -> None:
    tool = plain_text_tool(_tool())
    message = await tool.ainvoke(
        {"type": "tool_call", "id": "c2", "name": "t", "args": {"q": 1, "fail": True}}
    )
    assert isinstance(message, ToolMessage) and message.status == "error"
    assert message.content == "error: heat.X timeout"
