"""plan: the chosen recipe turns slots into a Plan, statically checked before any tool runs."""

from __future__ import annotations

from typing import Any

from planexec.nodes.events import emit_thinking
from planexec.nodes.planning.validate import validate_plan
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.state import ChatState
from planexec.nodes.transitions import REPLAN
from planexec.schemas.plan import Plan, PlanValidationError
from planexec.schemas.steps import NodeError


def _replan(state: ChatState) -> dict[str, Any]:
    """Run the same plan again: failed steps go back to pending (removed from step_results)."""
    failed = {a: None for a, r in (state.get("step_results") or {}).items() if r.status != "ok"}
    emit_thinking("plan", f"retrying {len(failed)} failed step(s)", steps=sorted(failed))
    return {"step_results": failed, "replans": state.get("replans", 0) + 1}


def plan(state: ChatState) -> dict[str, Any]:
    if state.get("next_edge") == REPLAN and state.get("plan"):
        return _replan(state)
    recipe = REGISTRY[state["route"]]
    slots = state["understanding"].slots
    if state.get("synthetic_points"):
        slots = slots.model_copy(update={"synthetic_points": int(state["synthetic_points"])})
    session_id = state.get("correlation_session_id") or "default"
    candidate: Plan = recipe.build_plan(slots, session_id)
    try:
        validate_plan(candidate)
    except PlanValidationError as exc:
        emit_thinking("plan", str(exc))
        error = NodeError(code="invalid_plan", message=str(exc), node="plan")
        return {"plan": None, "plan_error": str(exc), "errors": [error]}
    emit_thinking(
        "plan",
        f"{recipe.name}: {len(candidate.steps)} steps",
        steps=[f"{s.alias}={s.server}.{s.tool}" for s in candidate.steps],
    )
    return {"plan": candidate, "plan_error": None}
