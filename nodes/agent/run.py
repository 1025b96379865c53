"""Run the general agent: a LangGraph prebuilt ReAct agent over the MCP tools, bounded.

Bounds: at most `max_tool_calls` tool calls (then the tools refuse and the graph's recursion
limit stops a model that keeps asking), `max_tokens` per model call (`Settings.llm_max_tokens_agent`),
tool results summarised to a character budget (plain strings), and an overall timeout. An answer cut
off at the token limit is not shown; an answer not grounded in a tool result, or repeating the
question (`nodes.agent.grounding`), is replaced by a clear "no answer could be computed" text and
flagged. Whatever happens the node returns a text module — never an exception.
"""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.errors import GraphRecursionError

from planexec.nodes.agent.grounding import check_grounding
from planexec.nodes.agent.narrowing import NARROWED_TOOLS, relevant_tools
from planexec.nodes.agent.tools import AgentToolbox, build_tools
from planexec.nodes.agent.usage import UsageRecorder
from planexec.nodes.context import ChatContext
from planexec.nodes.events import emit_thinking
from planexec.nodes.i18n import answer_language, label
from planexec.nodes.llmio import describe_failure
from planexec.nodes.narration.llm_narrator import language_name
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
    narrowed: bool = False  # asked again with the tools most relevant to the question


def _language(state: ChatState) -> str:
    understanding = state.get("understanding")
    return answer_language(
        state.get("target_language"), understanding.slots.language if understanding else None
    )


def _agent(
    llm: BaseChatModel, tools: list[Any], recorder: UsageRecorder, limits: tuple[int, int], language: str
) -> Any:
    from langgraph.prebuilt import create_react_agent

    max_calls, max_tokens = limits
    prompt = SystemMessage(SYSTEM_PROMPT.format(max_calls=max_calls, language=language_name(language)))
    # tools bound here so the usage recorder stays attached to every model call of the agent
    model = llm.bind_tools(tools, max_tokens=max_tokens).with_config(callbacks=[recorder])
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


def truncated(message: AIMessage) -> bool:
    """The server cut the reply off at max_tokens."""
    return (message.response_metadata or {}).get("finish_reason") == "length"


def _answer(run: AgentRun) -> str | None:
    final = run.messages[-1] if run.messages else None
    if not isinstance(final, AIMessage) or final.tool_calls or truncated(final):
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
            limits = (max_calls, ctx.settings.llm_max_tokens_agent)
            query = str(state.get("query", ""))
            run = await _run(_agent(llm, tools, recorder, limits, _language(state)), query, max_calls)
            if toolbox.calls == 0 and len(tools) > NARROWED_TOOLS:  # a weak model lost in many tools
                narrowed = relevant_tools(query, tools)
                toolbox.notify(f"no tool called; asking again with {', '.join(t.name for t in narrowed)}")
                run = await _run(_agent(llm, narrowed, recorder, limits, _language(state)), query, max_calls)
                run.narrowed = True
    except TimeoutError:
        run.stopped, run.failure = "timeout", f"it took longer than {timeout_s:g} s"
    except Exception as exc:  # an LLM or tool failure becomes a clear answer, never a crash
        run.stopped, run.failure = "llm_error", describe_failure(exc, ctx.model_timeout_s)
    if run.stopped is None and _answer(run) is None:
        _no_answer(run)
    return run, toolbox, recorder


def _no_answer(run: AgentRun) -> None:
    """Why the run ended without an answer: the step limit, a reply cut off, or an empty reply."""
    final = run.messages[-1] if run.messages else None
    if isinstance(final, AIMessage) and (final.tool_calls or final.content == _PREBUILT_STEP_LIMIT):
        run.stopped = "step_limit"
    elif isinstance(final, AIMessage) and truncated(final):
        run.stopped, run.failure = "llm_error", "the answer was cut off at the token limit"
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
    text, heading, ungrounded = _text(run, toolbox), "Answer", None
    if run.stopped is None:
        found = check_grounding(text, str(state.get("query", "")), toolbox.calls, len(toolbox.results))
        if found is not None:
            lang = _language(state)
            emit_thinking("general_agent", f"answer rejected: {found.reason}", answer=text[:200])
            text, heading, ungrounded = found.text(lang), label("heading.no_answer", lang), found.reason
    emit_thinking("general_agent", text, tool_calls=toolbox.calls, stopped=run.stopped)
    facts = {
        "llm": True,
        "tool_calls": toolbox.calls,
        "tool_calls_refused": toolbox.refused,
        "stopped": run.stopped,
        "tools_narrowed": run.narrowed,
    }
    update: dict[str, Any] = {
        "modules": [TextModule(heading=heading, text=text)],
        "facts_summary": FactsSummary(intent="general", facts=facts, ungrounded=ungrounded),
        "narration": text,
        "timeline": toolbox.events,
        "token_usage": recorder.usage,
    }
    problems = [] if run.stopped is None else [(f"general_agent_{run.stopped}", text)]
    problems += [] if ungrounded is None else [("general_agent_ungrounded", ungrounded)]
    if problems:
        update["errors"] = [NodeError(code=c, message=m, node="general_agent") for c, m in problems]
    return update
