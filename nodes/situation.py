"""Build the compact Situation a proposer sees: counts, keys, statuses — never payloads."""

from __future__ import annotations

from typing import Any

from planexec.nodes.state import ChatState
from planexec.schemas.proposals import Edge, Situation, StepStatus

MAX_QUERY_CHARS = 500
_FACT_TYPES = (int, float, bool)


def _small_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Numbers and booleans only (strings could smuggle payload text into a prompt)."""
    return {k: v for k, v in facts.items() if isinstance(v, _FACT_TYPES) or v is None}


def build_situation(state: ChatState, legal: list[Edge], phase: str) -> Situation:
    understanding = state["understanding"]
    slots = understanding.slots.model_dump(exclude={"schema_version"}, exclude_none=True)
    steps = [
        StepStatus(alias=alias, tool=f"{r.server}.{r.tool}", status=r.status, facts=_small_facts(r.facts))
        for alias, r in (state.get("step_results") or {}).items()
    ]
    return Situation(
        phase="route" if phase == "route" else "after_execution",
        query=understanding.query[:MAX_QUERY_CHARS],
        slots=slots,
        intent_scores=understanding.intents.scores,
        steps=steps,
        legal_edges=legal,
    )
