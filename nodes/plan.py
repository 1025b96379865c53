"""plan: the chosen recipe turns slots into a Plan, statically checked before any tool runs.

Isolation: the geospatial session the plan registers its entity sets in is unique to the turn —
`<caller's correlation_session_id or thread id>:<turn id>` (`session_key`) — so two turns or two
concurrent runs never overwrite each other's sets, whatever `correlation_session_id` callers
share (it only groups a conversation for their bookkeeping). The key is stored in the plan
(`Plan.correlation_session_id`, checkpointed), so a replanned or resumed turn reuses it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from langchain_core.runnables import RunnableConfig

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


MAX_GROUP_CHARS = 80
"""The session key keeps this much of the caller's group; the turn part (32 hex) always fits the
server's 128-character limit."""


def session_key(state: Mapping[str, Any], config: RunnableConfig | None) -> str:
    """`<group>:<turn>` — group: the caller's correlation_session_id, else the thread id, else 'run';
    turn: the state's `turn_id` when the graph mints one per turn, else a fresh id for this plan."""
    configurable = (config or {}).get("configurable") or {}
    group = str(state.get("correlation_session_id") or configurable.get("thread_id") or "run")
    group = re.sub(r"[^A-Za-z0-9_.-]", "_", group)[:MAX_GROUP_CHARS]
    turn = str(state.get("turn_id") or "") or uuid.uuid4().hex
    return f"{group}:{re.sub(r'[^A-Za-z0-9_.-]', '_', turn)[:40]}"


def plan(state: ChatState, config: RunnableConfig) -> dict[str, Any]:
    if state.get("next_edge") == REPLAN and state.get("plan"):
        return _replan(state)
    recipe = REGISTRY[state["route"]]
    slots = state["understanding"].slots
    if state.get("synthetic_points"):
        slots = slots.model_copy(update={"synthetic_points": int(state["synthetic_points"])})
    candidate: Plan = recipe.build_plan(slots, session_key(state, config))
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
