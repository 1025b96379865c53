"""The chat graph: understand → propose → plan → schedule ⇄ run_step → propose → compose → narrate.

`build_chat_graph(...)` takes its dependencies; the module-level `graph` (for langgraph.json)
has no checkpointer — the LangGraph server brings its own — and does no I/O at import.
"""

from __future__ import annotations

from typing import Any, Literal, cast

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from planexec.graph.deps import ChatDeps
from planexec.graph.state import ChatInput, ChatOutput, ChatState
from planexec.nodes.clarify import clarify
from planexec.nodes.compose import make_compose
from planexec.nodes.general_agent import make_general_agent
from planexec.nodes.narrate import make_narrate
from planexec.nodes.plan import plan
from planexec.nodes.propose import make_propose
from planexec.nodes.run_step import make_run_step
from planexec.nodes.schedule import dispatch, schedule
from planexec.nodes.understand import understand

ProposeRoute = Literal["plan", "clarify", "general_agent", "compose"]
PlanRoute = Literal["schedule", "compose"]
_RECIPE_EDGES = {"spatial_correlation", "solar_map", "deforestation_overlap", "policy_summary", "replan"}


def after_propose(state: dict[str, Any]) -> ProposeRoute:
    edge = state["next_edge"]
    if edge in _RECIPE_EDGES:
        return "plan"
    if edge == "general_agent":
        return "general_agent"
    if edge == "compose":
        return "compose"
    return "clarify"


def after_plan(state: dict[str, Any]) -> PlanRoute:
    return "schedule" if state.get("plan") else "compose"


def build_chat_graph(
    deps: ChatDeps | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
    **compile_kwargs: Any,
) -> CompiledStateGraph:
    deps = deps or ChatDeps()
    builder = StateGraph(ChatState, input_schema=ChatInput, output_schema=ChatOutput)
    builder.add_node("understand", understand)
    builder.add_node("propose", make_propose(deps))
    builder.add_node("plan", plan)
    builder.add_node("schedule", schedule)
    # run_step receives a Send payload ({"step", "inputs"}), not the graph state.
    builder.add_node("run_step", cast(Any, make_run_step(deps)))
    builder.add_node("compose", make_compose(deps))
    builder.add_node("narrate", make_narrate(deps))
    builder.add_node("clarify", clarify)
    builder.add_node("general_agent", make_general_agent(deps))
    builder.add_edge(START, "understand")
    builder.add_edge("understand", "propose")
    builder.add_conditional_edges("propose", after_propose)
    builder.add_conditional_edges("plan", after_plan)
    builder.add_conditional_edges("schedule", dispatch, ["run_step", "propose"])
    builder.add_edge("run_step", "schedule")
    builder.add_edge("compose", "narrate")
    builder.add_edge("narrate", END)
    builder.add_edge("clarify", END)
    builder.add_edge("general_agent", END)
    return builder.compile(checkpointer=checkpointer, name="planexec-chat", **compile_kwargs)


graph = build_chat_graph()
