"""Steps whose server-side state was lost: re-run them with the stateful steps they depend on.

A geospatial call that needs entity sets the server no longer holds (it restarted, the session
expired) fails with `MISSING_STATE_CODE` in its error. Nothing about the call was wrong: the sets
must be registered again. `lost_state_resets` finds such failures and returns the steps to run
again — the failed step and, transitively, every step it depends on whose tool keeps server-side
state (the contracts not marked cacheable: RegisterEntities, FindSpatialCorrelations). Pure data
reads (fetch steps) are never re-run: their results are in the artifact store. Each step is reset
at most `MAX_STATE_RESETS` times per turn (counted in the timeline), so a server that keeps losing
its state ends in an ordinary failure.

Plans by handle (nodes/recipes/steps.py) keep no server state: a restarted or other replica reads
the handles from the shared store, so these failures do not happen. A handle missing from the store
(`HANDLE_MISSING_CODE`: pruned, or another store configured) is treated the same way: the stateful
steps that minted it run again and publish it anew — and so do the fetch steps they read handles from,
since a fetch's published table may be the one that is gone. Such a fetch usually hits the result
cache; the cache hit is dropped when its handle is missing (execution/handle_check.py), so the server
publishes the table again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from planexec.nodes.planning.validate import step_dependencies
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.handles import HANDLE_MISSING_CODE
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.steps import StepResult
from planexec.schemas.tools.geospatial import MISSING_STATE_CODE
from planexec.tools.client.contracts import get_contract

MAX_STATE_RESETS = 2


def lost_state(result: StepResult) -> bool:
    """The step failed only because the server no longer holds the state it needs."""
    return result.status == "error" and _is_loss(result.error)


def _is_loss(error: str | None) -> bool:
    return any(code in (error or "") for code in (MISSING_STATE_CODE, HANDLE_MISSING_CODE))


def _lost_handle(result: StepResult) -> bool:
    return HANDLE_MISSING_CODE in (result.error or "")


def _stateful(step: PlanStep) -> bool:
    contract = get_contract(step.server, step.tool)
    return contract is not None and not contract.cacheable


def _losses(timeline: Iterable[TimelineEvent], alias: str) -> int:
    return sum(1 for e in timeline if e.event == "tool_end" and e.step == alias and _is_loss(e.error))


def stateful_closure(plan: Plan, alias: str, with_sources: bool = False) -> list[str]:
    """`alias` and every stateful step it depends on, transitively (through stateful steps only), in
    plan order; `with_sources`: also the stateless steps those read from (the fetches)."""
    steps = {s.alias: s for s in plan.steps}
    todo, seen = [alias], [alias]
    while todo:
        for dep in step_dependencies(steps[todo.pop()]):
            if dep not in steps or dep in seen:
                continue
            if _stateful(steps[dep]):
                seen.append(dep)
                todo.append(dep)
            elif with_sources:
                seen.append(dep)
    return [s.alias for s in plan.steps if s.alias in seen]


def lost_state_resets(
    plan: Plan, results: Mapping[str, StepResult], timeline: Iterable[TimelineEvent]
) -> dict[str, list[str]]:
    """failed alias -> the aliases to run again (with itself), for each failure that lost state."""
    events = list(timeline)
    return {
        alias: stateful_closure(plan, alias, with_sources=_lost_handle(result))
        for alias, result in results.items()
        if lost_state(result)
        and any(s.alias == alias for s in plan.steps)
        and _losses(events, alias) <= MAX_STATE_RESETS
    }
