"""Prompt tokens per query: planexec (code orchestration) vs a plain function-calling ReAct agent.

Both run the spatial-correlation query ("solar facilities within 1 km of extreme heat zones in
Brazil") over the same bundled MCP servers at 788 (the real plants), 10,000 and 100,000 points,
with a real ChatOpenAI talking HTTP to the scripted OpenAI-compatible server on 127.0.0.1:

- planexec: the chat graph with the LLM proposer and narrator (the LLM sees the Situation and the
  facts summary; tools run in code, payloads stay in the artifact store).
- ReAct: LangGraph's prebuilt ReAct agent over GetFacilitiesForGeospatial,
  GetHeatQuintilesForGeospatial, RegisterEntities, FindSpatialCorrelations and
  GenerateCorrelationMap. The scripted model makes the same call sequence a function-calling
  model must make: every full tool result (compact JSON of the MCP structuredContent) goes back
  into its context, and for RegisterEntities it re-emits the entities it received as arguments.

Token counts are what the scripted server reports: ceil(characters / 4) of the request's
messages (tool schemas not counted) — an estimate, the same for both sides. Base64 and id lists
usually tokenize worse than 4 characters per token, so the real ReAct numbers would be higher.

Run: `python -m benchmarks.prompt_tokens [--points 788 10000 100000]` (offline, a few minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # `python benchmarks/prompt_tokens.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import BaseTool
from langchain_mcp_adapters.interceptors import MCPToolCallRequest
from langchain_mcp_adapters.sessions import StdioConnection
from langchain_mcp_adapters.tools import convert_mcp_tool_to_langchain_tool
from mcp import types

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache
from tests.support.openai_server import ScriptedOpenAIServer, content, structured, tool_call

POINTS = (788, 10_000, 100_000)
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
RESULTS_MD = Path(__file__).resolve().parent / "results" / "prompt_tokens.md"
REACT_TOOLS = {
    "solar": {"GetFacilitiesForGeospatial"},
    "heat": {"GetHeatQuintilesForGeospatial"},
    "geospatial": {"RegisterEntities", "FindSpatialCorrelations", "GenerateCorrelationMap"},
}
LLM_TIMEOUT_S = 600.0
READING = (
    "planexec's prompts stay the same size whatever the data (the routing Situation and the facts "
    "summary hold counts, never rows); the ReAct agent's grow linearly with the points, because every "
    "tool result and every re-emitted argument stays in its context. Past a model's context window "
    "(128k tokens for many current models) the ReAct agent cannot run at all: its numbers at 10k and "
    "100k points are what it would need, not what it could do."
)


@dataclass
class Row:
    points: int
    planexec_prompt: int
    planexec_calls: int
    react_prompt: int
    react_completion: int
    react_calls: int
    seconds: float

    @property
    def ratio(self) -> float:
        return self.react_prompt / max(1, self.planexec_prompt)


def _solar_args(points: int) -> dict[str, Any]:
    """The recipe's arguments (788 = the real plants, no synthetic points)."""
    args: dict[str, Any] = {"country": "Brazil", "limit": 200_000}
    return {**args, "synthetic_points": points} if points != 788 else args


async def planexec_usage(hub: ToolHub, points: int) -> dict[str, Any]:
    with ScriptedOpenAIServer() as server:
        server.script(
            structured({"language": "en"}),  # the slot proposal: nothing beyond the rule parse
            structured({"edge": "spatial_correlation", "rationale": "solar plants near heat-stress zones"}),
            content("Solar plants within the distance of extreme heat-stress zones are shown on the map."),
        )
        backend = MemoryBackend()
        context = ChatContext(
            hub=hub,
            store=ArtifactStore(backend),
            cache=ResultCache(backend),
            llm=server.chat_model(timeout_s=LLM_TIMEOUT_S),
            use_llm=True,
        )
        synthetic = points if points != 788 else 0
        response = await process_chat_query(
            QUERY, context=context, checkpoint_url="memory://", synthetic_points=synthetic
        )
    counts = response["metadata"]["counts"]
    if counts.get("plants_total") != points:
        raise RuntimeError(f"planexec run failed at {points} points: {response['modules'][:1]}")
    return dict(response["metadata"]["token_usage"])


class _FullResult:
    """Interceptor: call through the hub, hand the model the full result as plain MCP text content."""

    def __init__(self, hub: ToolHub, server: str) -> None:
        self.hub, self.server = hub, server

    async def __call__(self, request: MCPToolCallRequest, handler: Any) -> types.CallToolResult:
        res = await self.hub.call(self.server, request.name, dict(request.args or {}), timeout_s=300)
        text = json.dumps(res.structured, separators=(",", ":"))
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=text)], structuredContent=res.structured
        )


async def react_tools(hub: ToolHub) -> list[BaseTool]:
    unused = StdioConnection(transport="stdio", command="unused-calls-go-through-the-hub", args=[])
    tools = []
    for server, names in REACT_TOOLS.items():
        for info in await hub.list_tools(server):
            if info.name in names:
                mcp_tool = types.Tool(
                    name=info.name,
                    description=info.description,
                    inputSchema=info.input_schema,
                    outputSchema=info.output_schema,
                )
                tools.append(
                    convert_mcp_tool_to_langchain_tool(
                        None, mcp_tool, connection=unused, tool_interceptors=[_FullResult(hub, server)]
                    )
                )
    return tools


async def react_script(hub: ToolHub, points: int, session: str) -> list[Any]:
    """The calls a function-calling model makes, with the entities it must copy into RegisterEntities."""
    solar_args, heat_args = _solar_args(points), {"quintiles": [5], "limit": 10_000}
    solar = (await hub.call("solar", "GetFacilitiesForGeospatial", solar_args, timeout_s=300)).structured
    zones = (await hub.call("heat", "GetHeatQuintilesForGeospatial", heat_args)).structured
    correlate = {
        "entity_type1": "solar_facility",
        "entity_type2": "heat_zone",
        "method": "proximity",
        "distance_km": 1.0,
        "session_id": session,
    }
    return [
        tool_call(solar_args, name="GetFacilitiesForGeospatial"),
        tool_call(heat_args, name="GetHeatQuintilesForGeospatial"),
        tool_call(
            {"entity_type": "solar_facility", "entities": solar["entities"], "session_id": session},
            name="RegisterEntities",
        ),
        tool_call(
            {"entity_type": "heat_zone", "entities": zones["entities"], "session_id": session},
            name="RegisterEntities",
        ),
        tool_call(correlate, name="FindSpatialCorrelations"),
        tool_call({"session_id": session}, name="GenerateCorrelationMap"),
        content("The map shows the solar plants within 1 km of extreme heat-stress zones."),
    ]


async def react_usage(hub: ToolHub, points: int) -> dict[str, Any]:
    from langgraph.prebuilt import create_react_agent

    session = f"react-{points}-{uuid.uuid4().hex[:8]}"
    with ScriptedOpenAIServer() as server:
        server.script(*await react_script(hub, points, session))
        with warnings.catch_warnings():  # moved to langchain.agents.create_agent (langchain not installed)
            warnings.simplefilter("ignore", DeprecationWarning)
            agent = create_react_agent(server.chat_model(timeout_s=LLM_TIMEOUT_S), await react_tools(hub))
        result = await agent.ainvoke({"messages": [HumanMessage(QUERY)]}, {"recursion_limit": 30})
        if server.unscripted or server.pending:
            raise RuntimeError(f"ReAct run went off script at {points} points")
    replies = [m for m in result["messages"] if isinstance(m, AIMessage) and m.usage_metadata]
    return {
        "prompt_tokens": sum(m.usage_metadata["input_tokens"] for m in replies if m.usage_metadata),
        "completion_tokens": sum(m.usage_metadata["output_tokens"] for m in replies if m.usage_metadata),
        "llm_calls": len(replies),
    }


def render_table(rows: list[Row]) -> str:
    lines = [
        "| points | planexec prompt tokens | ReAct prompt tokens | ratio | ReAct completion tokens |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.points:,} | {r.planexec_prompt:,} ({r.planexec_calls} calls) | {r.react_prompt:,} "
        f"({r.react_calls} calls) | {r.ratio:,.0f}× | {r.react_completion:,} |"
        for r in rows
    ]
    return "\n".join(lines)


def write_results(rows: list[Row], path: Path = RESULTS_MD) -> None:
    doc = (__doc__ or "").split("Run:")[0].strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"# Prompt tokens per query\n\nMeasured {time.strftime('%Y-%m-%d')} by "
        "`python -m benchmarks.prompt_tokens` "
        f"(token counts are estimates: characters / 4).\n\n{render_table(rows)}\n\n{READING}\n\n"
        f"## Method\n\n{doc}\n"
    )


async def measure(points: list[int]) -> list[Row]:
    rows = []
    with ToolHub() as hub:
        for n in points:
            started = time.perf_counter()
            ours, react = await planexec_usage(hub, n), await react_usage(hub, n)
            rows.append(
                Row(
                    n,
                    ours["prompt_tokens"],
                    ours["llm_calls"],
                    react["prompt_tokens"],
                    react["completion_tokens"],
                    react["llm_calls"],
                    time.perf_counter() - started,
                )
            )
            print(
                f"{n:>7,} points: planexec {ours['prompt_tokens']:,} vs ReAct {react['prompt_tokens']:,} "
                f"prompt tokens ({rows[-1].seconds:.1f} s)",
                flush=True,
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--points", type=int, nargs="+", default=list(POINTS))
    parser.add_argument("--no-write", action="store_true", help="print only; do not update the results file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="planexec-bench-") as tmp:
        os.environ.setdefault("PLANEXEC_HOME", tmp)
        os.environ.setdefault("PLANEXEC_ARTIFACT_DIR", str(Path(tmp) / "artifacts"))
        rows = asyncio.run(measure(args.points))
    print(render_table(rows))
    if not args.no_write:
        write_results(rows)
        print(f"written to {RESULTS_MD}")


if __name__ == "__main__":
    main()
