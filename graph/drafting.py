"""The drafting graph: dense artifacts (policy briefs…) drafted section by section from uploads.

describe_inputs → index_memory → prepare_drafting_context → propose_draft_plan (interrupt) →
execute_draft_phase ⇄ draft_section (×N via Send) → review (interrupt) → propose_review →
revise (execute_draft_phase) | replan (propose_draft_plan) | approve (validate_and_commit) → END.

Code chooses templates, order, validation and what is committed; the LLM (optional) only writes
prose from retrieved passages. `graph` is compiled without a checkpointer for langgraph.json.
Dependencies (model, DB URL, memory folder, limits) are the runtime context: `DraftingContext`.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.describe_inputs import describe_inputs
from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import execute_draft_phase, route_sections
from planexec.nodes.drafting.index_memory import index_memory
from planexec.nodes.drafting.prepare_drafting_context import prepare_drafting_context
from planexec.nodes.drafting.propose_draft_plan import propose_draft_plan
from planexec.nodes.drafting.propose_review import propose_review, route_review
from planexec.nodes.drafting.review import review
from planexec.nodes.drafting.state import DraftingInput, DraftingState
from planexec.nodes.drafting.validate_and_commit import validate_and_commit


def after_describe(state: DraftingState) -> Literal["index_memory", "__end__"]:
    return "__end__" if state.get("fatal") else "index_memory"


def after_context(state: DraftingState) -> Literal["propose_draft_plan", "__end__"]:
    return "__end__" if state.get("fatal") else "propose_draft_plan"


def build_drafting_graph(
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph[Any, DraftingContext, Any, Any]:
    """Build and compile the drafting graph. Its dependencies come with each run as the LangGraph
    runtime context (`context=DraftingContext(...)`); no I/O here."""
    builder = StateGraph(
        DraftingState, context_schema=DraftingContext, input_schema=DraftingInput, output_schema=DraftingState
    )
    builder.add_node("describe_inputs", describe_inputs)
    builder.add_node("index_memory", index_memory)
    builder.add_node("prepare_drafting_context", prepare_drafting_context)
    builder.add_node("propose_draft_plan", propose_draft_plan)
    builder.add_node("execute_draft_phase", execute_draft_phase)
    # A Send target: it receives a SectionTask, not the graph state.
    builder.add_node("draft_section", draft_section)  # type: ignore[arg-type]
    builder.add_node("review", review)
    builder.add_node("propose_review", propose_review)
    builder.add_node("validate_and_commit", validate_and_commit)
    builder.add_edge(START, "describe_inputs")
    builder.add_conditional_edges("describe_inputs", after_describe)
    builder.add_edge("index_memory", "prepare_drafting_context")
    builder.add_conditional_edges("prepare_drafting_context", after_context)
    builder.add_edge("propose_draft_plan", "execute_draft_phase")
    builder.add_conditional_edges("execute_draft_phase", route_sections, ["draft_section", "review"])
    builder.add_edge("draft_section", "execute_draft_phase")
    builder.add_edge("review", "propose_review")
    builder.add_conditional_edges("propose_review", route_review)
    builder.add_edge("validate_and_commit", END)
    return builder.compile(checkpointer=checkpointer, name="drafting")


graph = build_drafting_graph()
