"""The state machine's edges and which are legal, computed by code from the state, the recipe
registry and the recipes' guards."""

from __future__ import annotations

from collections.abc import Mapping

from planexec.nodes.recipes import REGISTRY
from planexec.nodes.understanding.off_topic import detect_off_topic
from planexec.nodes.understanding.smalltalk import is_smalltalk
from planexec.schemas.proposals import Edge
from planexec.schemas.slots import Understanding
from planexec.schemas.steps import StepResult

MAX_REPLANS = 1
GENERAL_AGENT, CLARIFY, COMPOSE, REPLAN = "general_agent", "clarify", "compose", "replan"
FIXED_EDGES = (GENERAL_AGENT, CLARIFY, COMPOSE, REPLAN)
EDGE_MEANINGS = {
    GENERAL_AGENT: "an on-topic query no recipe covers",
    CLARIFY: "ask the user to clarify (nothing fits, or two recipes fit equally)",
    COMPOSE: "the plan has run: compose the answer from its facts",
    REPLAN: "some steps failed transiently: run the plan once more",
}


def all_edges() -> list[Edge]:
    """Every edge of the graph: the registered recipes, then the fixed ones."""
    return [*REGISTRY, *FIXED_EDGES]


def is_recipe(edge: str) -> bool:
    return edge in REGISTRY


def edge_meaning(edge: str) -> str:
    """What an edge does, for the LLM proposer: a recipe's description, or the fixed edges' text."""
    recipe = REGISTRY.get(edge)
    return recipe.description if recipe is not None else EDGE_MEANINGS.get(edge, edge)


def no_known_place(understanding: Understanding) -> bool:
    """The query names places, none of which has data ('solar plants in Atlantis'); a policy question
    does not filter by place, so it is not concerned."""
    slots = understanding.slots
    if understanding.intents.best == "policy_summary":
        return False
    return bool(slots.unknown_places) and not slots.states


def route_edges(understanding: Understanding, llm_available: bool) -> list[Edge]:
    """Edges legal right after `understand`: each recipe whose guard holds (what the question contains:
    `Recipe.guard`), the general agent when an LLM is available, clarify always. Only clarify for a
    rejected / off-topic / unsupported / orphan / small-talk message."""
    if understanding.rejected_reason or not understanding.slots.country_supported:
        return [CLARIFY]
    if "previous_question" in understanding.intents.missing:  # a follow-up with nothing to follow
        return [CLARIFY]
    if understanding.off_topic or detect_off_topic(understanding.query) or no_known_place(understanding):
        return [CLARIFY]  # off-topic, destructive or hostile; or only places we have no data for
    if is_smalltalk(understanding.query):
        return [CLARIFY]  # a greeting, thanks or 'what can you do?': clarify answers it
    # each recipe's guard is data declared with the recipe (`nodes/recipes/guards.py`)
    edges: list[Edge] = [name for name, recipe in REGISTRY.items() if recipe.guard(understanding)]
    if llm_available:
        edges.append(GENERAL_AGENT)
    edges.append(CLARIFY)
    return edges


def after_execution_edges(step_results: Mapping[str, StepResult], replans: int) -> list[Edge]:
    """Edges legal once the plan has run: compose, or one replan after transient failures."""
    transient = any(r.transient for r in step_results.values())
    if transient and replans < MAX_REPLANS:
        return [COMPOSE, REPLAN]
    return [COMPOSE]
