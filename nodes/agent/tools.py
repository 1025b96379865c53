"""The agent's tools: the MCP servers' tools as LangChain tools, every call routed through the hub.

The conversion (name, description, input schema → a LangChain tool, MCP results and errors →
tool messages) is langchain-mcp-adapters'. Its interceptor hook routes each call to
`AgentToolbox.call`, which uses the hub's persistent session (validated against the pinned
contract, timed out, retried like a plan step, recorded as `tool_start`/`tool_end` timeline
events) and gives the LLM a bounded summary. The adapter's own session handler is never called.
The adapter gives tool results (and tool errors) as lists of content blocks; `plain_text_tool` turns
them into one string, so every ToolMessage the model gets has plain-string content (servers such as
llama-cpp-python reject a list there).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from langchain_mcp_adapters.interceptors import MCPToolCallRequest, MCPToolCallResult
from langchain_mcp_adapters.sessions import StdioConnection
from langchain_mcp_adapters.tools import convert_mcp_tool_to_langchain_tool
from mcp import types

from planexec.nodes.agent.summary import RESULT_BUDGET_CHARS, render_error, render_result
from planexec.nodes.execution.attempts import call_with_retries
from planexec.nodes.planning.references import ReferenceError_, resolve
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.events import ThinkingEvent
from planexec.schemas.plan import PlanStep
from planexec.tools.client.errors import ToolError

log = logging.getLogger(__name__)
TOOL_TIMEOUT_S = 60.0
TOOL_RETRIES = 1
# Required by the adapter's signature when no session is given; never used, because the
# interceptor below answers every call itself (through the hub) without calling the handler.
_UNUSED_CONNECTION = StdioConnection(transport="stdio", command="planexec-calls-go-through-the-hub", args=[])


@dataclass
class AgentToolbox:
    """Runs the agent's tool calls through the hub, within a call budget; keeps results in code."""

    hub: Any
    max_calls: int
    budget_chars: int = RESULT_BUDGET_CHARS
    calls: int = 0
    refused: int = 0
    events: list[TimelineEvent] = field(default_factory=list)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    notify: Callable[[str], None] = field(default_factory=lambda: thinking_sink())
    """Sends `thinking` events to the chat graph's stream (captured in the node, outside the agent)."""

    async def call(self, server: str, tool: str, args: dict[str, Any]) -> types.CallToolResult:
        if self.calls >= self.max_calls:
            self.refused += 1
            return _error(f"the limit of {self.max_calls} tool calls is reached; answer with what you have")
        self.calls += 1
        ref = f"r{self.calls}"
        try:
            resolved = resolve(args, self.results)
        except ReferenceError_ as exc:
            known = ", ".join(self.results) or "none"
            return _error(f"cannot resolve a reference: {exc}; known refs: {known}")
        step = PlanStep(
            alias=f"agent_{ref}",
            server=server,
            tool=tool,
            args=args,
            timeout_s=TOOL_TIMEOUT_S,
            retries=TOOL_RETRIES,
            description="general agent call",
        )
        self.notify(f"calling {server}.{tool}")
        outcome = await call_with_retries(self.hub, step, resolved)
        self.events.extend(outcome.events)
        if outcome.status != "ok" or outcome.structured is None:
            problem = outcome.error or "no result"
            return _error(f"{server}.{tool} {outcome.status}: {problem}", self.budget_chars)
        self.results[ref] = outcome.structured
        text = render_result(ref, outcome.structured, self.budget_chars)
        return types.CallToolResult(content=[types.TextContent(type="text", text=text)], isError=False)

    def interceptor(self, server: str) -> _ThroughHub:
        return _ThroughHub(self, server)


@dataclass(frozen=True)
class _ThroughHub:
    """A langchain-mcp-adapters tool interceptor that answers the call through the hub."""

    toolbox: AgentToolbox
    server: str

    async def __call__(
        self,
        request: MCPToolCallRequest,
        handler: Callable[[MCPToolCallRequest], Awaitable[MCPToolCallResult]],
    ) -> MCPToolCallResult:
        return await self.toolbox.call(self.server, request.name, dict(request.args or {}))


def thinking_sink() -> Callable[[str], None]:
    """The current graph's stream writer as a `thinking` sink (a no-op outside a streamed graph)."""
    try:
        from langgraph.config import get_stream_writer

        writer = get_stream_writer()
    except (RuntimeError, ImportError):
        return lambda message: None
    return lambda message: writer(ThinkingEvent(node="general_agent", message=message[:300]).model_dump())


def _error(message: str, budget: int = RESULT_BUDGET_CHARS) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=render_error(message, budget))], isError=True
    )


async def _server_tools(hub: Any, server: str) -> list[types.Tool]:
    try:
        infos = await hub.list_tools(server)
    except ToolError as exc:  # a server that cannot start just offers no tools
        log.warning("general agent: server %s unavailable: %s", server, exc)
        return []
    return [
        types.Tool(
            name=i.name, description=i.description, inputSchema=i.input_schema, outputSchema=i.output_schema
        )
        for i in infos
    ]


def as_text(content: Any) -> str:
    """One string from tool content: a string as is, the text of content blocks joined by newlines."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [
            p if isinstance(p, str) else str(p.get("text", "")) for p in content if isinstance(p, str | dict)
        ]
        return "\n".join(p for p in parts if p)
    return str(content)


def _error_text(error: ToolException) -> str:
    return as_text(getattr(error, "tool_content", None) or str(error))


def plain_text_tool(tool: BaseTool) -> BaseTool:
    """The same tool, its results and errors given to the model as one plain string."""
    original = tool.coroutine if isinstance(tool, StructuredTool) else None
    if original is None:
        return tool

    @functools.wraps(original)
    async def call(*args: Any, **kwargs: Any) -> tuple[str, Any]:
        content, artifact = await original(*args, **kwargs)
        return as_text(content), artifact

    tool.coroutine = call  # type: ignore[attr-defined]
    tool.handle_tool_error = _error_text
    return tool


async def build_tools(toolbox: AgentToolbox, servers: list[str] | None = None) -> list[BaseTool]:
    """LangChain tools for every tool of the given (default: all configured) servers."""
    listed = [
        (server, tool)
        for server in (servers or toolbox.hub.servers)
        for tool in await _server_tools(toolbox.hub, server)
    ]
    names = [tool.name for _, tool in listed]
    return [
        plain_text_tool(
            convert_mcp_tool_to_langchain_tool(
                None,
                tool,
                connection=_UNUSED_CONNECTION,
                server_name=server,
                tool_interceptors=[toolbox.interceptor(server)],
                tool_name_prefix=names.count(tool.name) > 1,  # same name on two servers: server_tool
            )
        )
        for server, tool in listed
    ]
