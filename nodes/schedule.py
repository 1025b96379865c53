"""schedule: run the plan as a DAG — every step whose dependencies are done is sent to run_step.

Steps whose references resolved run concurrently (one LangGraph `Send` each). A step whose
dependency failed is marked `skipped` (it can never run), so the loop always ends.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.types import Send

from planexec.graph.state import ChatState
from planexec.nodes.planning.validate import step_dependencies
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.steps import StepResult


def _plan(state: ChatState) -> Plan | None:
    return Plan.model_validate(state["plan"]) if state.get("plan") else None


def _blocked(step: PlanStep, results: dict[str, dict[str, Any]]) -> list[str]:
    return [d for d in step_dependencies(step) if d in results and results[d]["status"] != "ok"]


def schedule(state: ChatState) -> dict[str, Any]:
    """Mark steps that can no longer run as skipped."""
    plan = _plan(state)
    if plan is None:
        return {}
    results = dict(state.get("step_results") or {})
    skipped: dict[str, dict[str, Any]] = {}
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
            ).model_dump()
    return {"step_results": skipped} if skipped else {}


def ready_steps(state: ChatState) -> list[PlanStep]:
    plan = _plan(state)
    if plan is None:
        return []
    results = state.get("step_results") or {}
    return [
        s
        for s in plan.steps
        if s.alias not in results
        and all(results.get(d, {}).get("status") == "ok" for d in step_dependencies(s))
    ]


def dispatch(state: ChatState) -> list[Send] | Literal["propose"]:
    """Router after schedule: Send each ready step to run_step, or hand back to propose."""
    ready = ready_steps(state)
    if not ready:
        return "propose"
    results = state.get("step_results") or {}
    sends = []
    for step in ready:
        inputs = {d: results[d]["artifact"] for d in step_dependencies(step) if results[d].get("artifact")}
        sends.append(Send("run_step", {"step": step.model_dump(), "inputs": inputs}))
    return sends
