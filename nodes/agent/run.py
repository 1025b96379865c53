"""Run the general agent: a LangGraph prebuilt ReAct agent over the MCP tools, bounded.

Bounds: at most `max_tool_calls` tool calls (then the tools refuse and the graph's recursion
limit stops a model that keeps asking), tool results summarised to a character budget, and an
overall timeout. Whatever happens the node returns a text module — never an exception.
"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.errors import GraphRecursionError

from planexec.nodes.agent.tools import AgentToolbox, build_tools
from planexec.nodes.agent.usage import UsageRecorder
from planexec.nodes.context import ChatContext
from planexec.nodes.events import emit_thinking
from planexec.nodes.narration.llm_narrator import language_name
from planexec.nodes.proposers.llm import describe_failure
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.steps import NodeError

MAX_TOOL_CALLS = 6
MAX_QUERY_CHARS = 500
RUN_TAG = "planexec.general_agent"
_PREBUILT_STEP_LIMIT = "Sorry, need more steps to process this request."

SYSTEM_PROMPT = (
    "You answer questions about solar power plants, heat stress, deforestation and climate policy in "
    "Brazil using the tools given. Code runs the tools and keeps their data: each tool result you see "
    "is a short summary with a ref (r1, r2, ...); tables show only their size and column names. To pass "
    'a stored result to another tool, give the string "${{r1.entities}}" (ref, then field path) as '
    "the argument value. You may make at most {max_calls} tool calls. Then answer in {language} in a "
    "few sentences, stating only what the tool summaries support."
)


@dataclass
class AgentRun:
    messages: list[BaseMessage]
    failure: str | None = None
    stopped: str | None = None  # "step_limit" | "timeout" | "llm_error"


def _language(state: ChatState) -> str:
    understanding = state.get("understanding")
    wanted = state.get("target_language") or (understanding.slots.language if understanding else None)
    return "pt" if str(wanted or "en").lower().startswith("pt") else "en"


def _agent(
    llm: BaseChatModel, tools: list[Any], recorder: UsageRecorder, max_calls: int, language: str
) -> Any:
    from langgraph.prebuilt import create_react_agent

    prompt = SystemMessage(SYSTEM_PROMPT.format(max_calls=max_calls, language=language_name(language)))
    # tools bound here so the usage recorder stays attached to every model call of the agent
    model = llm.bind_tools(tools).with_config(callbacks=[recorder])
    with warnings.catch_warnings():  # deprecated for langchain.agents.create_agent (langchain not installed)
        warnings.simplefilter("ignore", DeprecationWarning)
        return create_react_agent(model, tools, prompt=prompt, checkpointer=False, name=RUN_TAG)


async def _run(agent: Any, query: str, max_calls: int) -> AgentRun:
    run = AgentRun(messages=[HumanMessage(query[:MAX_QUERY_CHARS])])
    # one model round per tool call, one more after the budget is spent, and the final answer
    limit = 2 * (max_calls + 1) + 1
    config: dict[str, Any] = {"recursion_limit": limit, "run_name": RUN_TAG, "tags": [RUN_TAG]}
    try:
        async for values in agent.astream({"messages": run.messages}, config, stream_mode="values"):
            run.messages = list(values.get("messages", run.messages))
    except GraphRecursionError:
        run.stopped = "step_limit"
    return run


def _answer(run: AgentRun) -> str | None:
    final = run.messages[-1] if run.messages else None
    if not isinstance(final, AIMessage) or final.tool_calls:
        return None
    text = final.content if isinstance(final.content, str) else final.text
    text = text.strip()
    return text if text and text != _PREBUILT_STEP_LIMIT else None


async def execute(
    ctx: ChatContext, llm: BaseChatModel, state: ChatState, max_calls: int, timeout_s: float
) -> tuple[AgentRun, AgentToolbox, UsageRecorder]:
    hub = await asyncio.to_thread(ctx.get_hub)
    toolbox, recorder = AgentToolbox(hub, max_calls=max_calls), UsageRecorder()
    run = AgentRun(messages=[])
    try:
        async with asyncio.timeout(timeout_s):
            tools = await build_tools(toolbox)
            agent = _agent(llm, tools, recorder, max_calls, _language(state))
            run = await _run(agent, str(state.get("query", "")), max_calls)
    except TimeoutError:
        run.stopped, run.failure = "timeout", f"it took longer than {timeout_s:g} s"
    except Exception as exc:  # an LLM or tool failure becomes a clear answer, never a crash
        run.stopped, run.failure = "llm_error", describe_failure(exc, ctx.model_timeout_s)
    if run.stopped is None and _answer(run) is None:
        _no_answer(run)
    return run, toolbox, recorder


def _no_answer(run: AgentRun) -> None:
    """Why the run ended without an answer: the step limit, or an empty reply."""
    final = run.messages[-1] if run.messages else None
    if isinstance(final, AIMessage) and (final.tool_calls or final.content == _PREBUILT_STEP_LIMIT):
        run.stopped = "step_limit"
    else:
        run.stopped, run.failure = "llm_error", "the model gave an empty answer"


def _text(run: AgentRun, toolbox: AgentToolbox) -> str:
    if run.stopped == "step_limit":
        return (
            f"The general agent stopped without an answer: it reached its limit of {toolbox.max_calls} "
            f"tool calls ({toolbox.calls} made). Try a more specific question."
        )
    if run.failure is not None:
        return f"The general agent could not answer: {run.failure}."
    return _answer(run) or ""


async def run_general_agent(
    ctx: ChatContext,
    llm: BaseChatModel,
    state: ChatState,
    *,
    max_tool_calls: int = MAX_TOOL_CALLS,
    timeout_s: float | None = None,
) -> dict[str, Any]:
    """The node's state update: a text module, facts, the tool calls' timeline and token usage."""
    budget_s = timeout_s or ctx.general_agent_timeout_s
    run, toolbox, recorder = await execute(ctx, llm, state, max_tool_calls, budget_s)
    text = _text(run, toolbox)
    emit_thinking("general_agent", text, tool_calls=toolbox.calls, stopped=run.stopped)
    facts = {
        "llm": True,
        "tool_calls": toolbox.calls,
        "tool_calls_refused": toolbox.refused,
        "stopped": run.stopped,
    }
    update: dict[str, Any] = {
        "modules": [TextModule(heading="Answer", text=text)],
        "facts_summary": FactsSummary(intent="general", facts=facts),
        "narration": text,
        "timeline": toolbox.events,
        "token_usage": recorder.usage,
    }
    if run.stopped is not None:
        code = f"general_agent_{run.stopped}"
        update["errors"] = [NodeError(code=code, message=text, node="general_agent")]
    return update
