"""The state machine's legal edges, computed by code from the state and its guards."""

from __future__ import annotations

from typing import Any

from planexec.schemas.proposals import Edge
from planexec.schemas.slots import Understanding

MAX_REPLANS = 1


def route_edges(understanding: Understanding, llm_available: bool) -> list[Edge]:
    """Edges legal right after `understand`. clarify is always legal."""
    if understanding.rejected_reason or not understanding.slots.country_supported:
        return ["clarify"]
    slots = understanding.slots
    edges: list[Edge] = []
    if slots.layer is not None:
        edges.append("spatial_correlation")  # guard: a hazard layer to correlate with
    edges.append("solar_map")
    edges.append("deforestation_overlap")
    if slots.policy_topic or understanding.intents.scores.get("policy_summary", 0.0) > 0:
        edges.append("policy_summary")  # guard: something to search for
    if llm_available:
        edges.append("general_agent")
    edges.append("clarify")
    return edges


def after_execution_edges(step_results: dict[str, dict[str, Any]], replans: int) -> list[Edge]:
    """Edges legal once the plan has run: compose, or one replan after transient failures."""
    transient = any(r.get("transient") for r in step_results.values())
    if transient and replans < MAX_REPLANS:
        return ["compose", "replan"]
    return ["compose"]
