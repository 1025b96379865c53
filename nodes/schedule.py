"""schedule: run the plan as a DAG — every step whose dependencies are done is sent to run_step.

Steps whose references resolved run concurrently (one LangGraph `Send` each, carrying a
`RunStepInput`). A step whose dependency failed is marked `skipped` (it can never run), so the
loop always ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from langgraph.types import Send

from planexec.nodes.planning.validate import step_dependencies
from planexec.nodes.state import ChatState
from planexec.schemas.plan import PlanStep
from planexec.schemas.steps import RunStepInput, StepResult


def _blocked(step: PlanStep, results: Mapping[str, StepResult]) -> list[str]:
    return [d for d in step_dependencies(step) if d in results and results[d].status != "ok"]


def schedule(state: ChatState) -> dict[str, Any]:
    """Mark steps that can no longer run as skipped."""
    plan = state.get("plan")
    if plan is None:
        return {}
    results = dict(state.get("step_results") or {})
    skipped: dict[str, StepResult] = {}
    for step in plan.steps:
        if step.alias in results:
            continue
        failed = _blocked(step, {**results, **skipped})
        if failed:
            skipped[step.alias] = StepResult(
                alias=step.alias,
                server=step.server,
                tool=step.tool,
                status="skipped",
                error=f"not run: depends on failed step(s) {', '.join(sorted(failed))}",
            )
    return {"step_results": skipped} if skipped else {}


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
