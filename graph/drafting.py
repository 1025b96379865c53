"""The drafting graph: dense artifacts (policy briefs…) drafted section by section from uploads.

describe_inputs → index_memory → prepare_drafting_context → propose_draft_plan (interrupt) →
execute_draft_phase ⇄ draft_section (×N via Send) → review (interrupt) → propose_review →
revise (execute_draft_phase) | replan (propose_draft_plan) | approve (validate_and_commit) → END.

Code chooses templates, order, validation and what is committed; the LLM (optional) only writes
prose from retrieved passages. `graph` is compiled without a checkpointer for langgraph.json.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from planexec.graph.drafting_state import DraftingState
from planexec.nodes.drafting.deps import DraftingDeps
from planexec.nodes.drafting.describe_inputs import describe_inputs
from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import execute_draft_phase, make_router
from planexec.nodes.drafting.index_memory import index_memory
from planexec.nodes.drafting.prepare_drafting_context import prepare_drafting_context
from planexec.nodes.drafting.propose_draft_plan import propose_draft_plan
from planexec.nodes.drafting.propose_review import propose_review, route_review
from planexec.nodes.drafting.review import review
from planexec.nodes.drafting.validate_and_commit import validate_and_commit
from planexec.tools.inputs import DEFAULT_MAX_BYTES


def after_describe(state: DraftingState) -> Literal["index_memory", "__end__"]:
    return "__end__" if state.get("fatal") else "index_memory"


def after_context(state: DraftingState) -> Literal["propose_draft_plan", "__end__"]:
    return "__end__" if state.get("fatal") else "propose_draft_plan"


def build_drafting_graph(
    *,
    llm: BaseChatModel | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
    store_url: str | None = None,
    memory_dir: str | Path | None = None,
    upload_root: str | Path | None = None,
    max_input_bytes: int = DEFAULT_MAX_BYTES,
    max_parallel: int = 3,
    llm_attempts: int = 2,
    top_k: int = 6,
) -> CompiledStateGraph[Any, Any, Any, Any]:
    """Build and compile the drafting graph. No I/O here: paths and URLs are resolved when used."""
    deps = DraftingDeps(
        llm=llm,
        store_url=store_url,
        memory_dir=Path(memory_dir) if memory_dir else None,
        upload_root=Path(upload_root) if upload_root else None,
        max_input_bytes=max_input_bytes,
        max_parallel=max_parallel,
        llm_attempts=llm_attempts,
        top_k=top_k,
    )
    builder = StateGraph(DraftingState)
    builder.add_node("describe_inputs", partial(describe_inputs, deps=deps))
    builder.add_node("index_memory", partial(index_memory, deps=deps))
    builder.add_node("prepare_drafting_context", prepare_drafting_context)
    builder.add_node("propose_draft_plan", propose_draft_plan)
    builder.add_node("execute_draft_phase", execute_draft_phase)
    builder.add_node("draft_section", partial(draft_section, deps=deps))
    builder.add_node("review", review)
    builder.add_node("propose_review", propose_review)
    builder.add_node("validate_and_commit", partial(validate_and_commit, deps=deps))
    builder.add_edge(START, "describe_inputs")
    builder.add_conditional_edges("describe_inputs", after_describe)
    builder.add_edge("index_memory", "prepare_drafting_context")
    builder.add_conditional_edges("prepare_drafting_context", after_context)
    builder.add_edge("propose_draft_plan", "execute_draft_phase")
    builder.add_conditional_edges(
        "execute_draft_phase", make_router(max_parallel), ["draft_section", "review"]
    )
    builder.add_edge("draft_section", "execute_draft_phase")
    builder.add_edge("review", "propose_review")
    builder.add_conditional_edges("propose_review", route_review)
    builder.add_edge("validate_and_commit", END)
    return builder.compile(checkpointer=checkpointer, name="drafting")


graph = build_drafting_graph()
