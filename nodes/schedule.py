"""schedule: run the plan as a DAG — every step whose dependencies are done is sent to run_step.

Steps whose references resolved run concurrently (one LangGraph `Send` each, carrying a
`RunStepInput`). A step whose dependency failed is marked `skipped` (it can never run), so the
loop always ends. A step that failed because its server lost the state it needs (e.g. the
geospatial server restarted after the entity sets were registered) is reset with the stateful
steps it depends on, which then run again (bounded; see execution/lost_state.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from langgraph.types import Send

from planexec.nodes.events import emit_thinking
from planexec.nodes.execution.lost_state import lost_state_resets
from planexec.nodes.planning.validate import step_dependencies
from planexec.nodes.state import ChatState
from planexec.schemas.plan import PlanStep
from planexec.schemas.steps import RunStepInput, StepResult


def _blocked(step: PlanStep, results: Mapping[str, StepResult]) -> list[str]:
    return [d for d in step_dependencies(step) if d in results and results[d].status != "ok"]


def _resets(state: ChatState) -> dict[str, None]:
    """Steps to run again because their server lost its state (None removes a result)."""
    plan = state.get("plan")
    results = state.get("step_results") or {}
    if plan is None:
        return {}
    resets = lost_state_resets(plan, results, state.get("timeline") or [])
    cleared: dict[str, None] = {}
    for failed, aliases in resets.items():
        emit_thinking(
            "schedule",
            f"{failed}: the server lost the state it needs; running {', '.join(aliases)} again",
            steps=aliases,
        )
        cleared.update({a: None for a in aliases if a in results})
    # steps skipped because of a step that runs again may run after all
    for alias, result in results.items():
        if result.status == "skipped" and alias not in cleared:
            step = next((s for s in plan.steps if s.alias == alias), None)
            if step is not None and any(d in cleared for d in step_dependencies(step)):
                cleared[alias] = None
    return cleared


def schedule(state: ChatState) -> dict[str, Any]:
    """Reset steps whose server lost its state; mark steps that can no longer run as skipped."""
    plan = state.get("plan")
    if plan is None:
        return {}
    cleared = _resets(state)
    results = {k: v for k, v in (state.get("step_results") or {}).items() if k not in cleared}
    update: dict[str, StepResult | None] = dict(cleared)
    for step in plan.steps:
        if step.alias in results:
            continue
        failed = _blocked(step, results)
        if failed:
            results[step.alias] = update[step.alias] = StepResult(
                alias=step.alias,
                server=step.server,
                tool=step.tool,
                status="skipped",
                error=f"not run: depends on failed step(s) {', '.join(sorted(failed))}",
            )
    return {"step_results": update} if update else {}


def _done(results: Mapping[str, StepResult], alias: str) -> bool:
    result = results.get(alias)
    return result is not None and result.status == "ok"


def ready_steps(state: ChatState) -> list[PlanStep]:
    plan = state.get("plan")
    if plan is None:
        return []
    results = state.get("step_results") or {}
    return [
        s
        for s in plan.steps
        if s.alias not in results and all(_done(results, d) for d in step_dependencies(s))
    ]


def dispatch(state: ChatState) -> list[Send] | Literal["propose"]:
    """Router after schedule: Send each ready step to run_step, or hand back to propose."""
    ready = ready_steps(state)
    if not ready:
        return "propose"
    results = state.get("step_results") or {}
    sends = []
    for step in ready:
        deps = (results[d] for d in step_dependencies(step))
        inputs = {r.alias: r.artifact for r in deps if r.artifact is not None}
        sends.append(Send("run_step", RunStepInput(step=step, inputs=inputs)))
    return sends
