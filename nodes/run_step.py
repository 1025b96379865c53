"""run_step: execute one plan step (Send target). Payload goes to the artifact store; the state
gets a reference, small facts and the timeline events of every attempt."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from planexec.graph.deps import ChatDeps
from planexec.nodes.events import emit_thinking
from planexec.nodes.execution.attempts import call_with_retries
from planexec.nodes.execution.preview import args_preview, result_facts
from planexec.nodes.planning.references import ReferenceError_, resolve
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.plan import PlanStep
from planexec.schemas.steps import StepResult
from planexec.tools.artifacts import ArtifactNotFoundError
from planexec.tools.contracts import get_contract
from planexec.tools.errors import ToolError
from planexec.tools.result_cache import cache_key


def _resolve_args(deps: ChatDeps, step: PlanStep, inputs: dict[str, Any]) -> dict[str, Any]:
    store = deps.get_store()
    payloads = {alias: store.get(ArtifactRef.model_validate(ref)) for alias, ref in inputs.items()}
    return resolve(step.args, payloads)


def _cache_events(
    step: PlanStep, args: dict[str, Any], ref: ArtifactRef, version: str
) -> list[dict[str, Any]]:
    call_id, now, preview = uuid.uuid4().hex[:12], time.time(), args_preview(args)
    common = {
        "call_id": call_id,
        "step": step.alias,
        "server": step.server,
        "tool": step.tool,
        "args_preview": preview,
        "cache_hit": True,
        "tool_version": version,
    }
    return [
        TimelineEvent(ts=now, event="tool_start", **common).model_dump(),
        TimelineEvent(
            ts=now, event="tool_end", status="ok", result_keys=ref.keys, duration_ms=0.0, **common
        ).model_dump(),
    ]


def _lookup(deps: ChatDeps, key: str) -> tuple[ArtifactRef, dict[str, Any]] | None:
    ref = deps.get_cache().get(key)
    return None if ref is None else (ref, result_facts(deps.get_store().get(ref)))


def _save(deps: ChatDeps, step: PlanStep, key: str | None, structured: dict[str, Any]) -> ArtifactRef:
    ref = deps.get_store().put(f"{step.server}.{step.tool}", structured)
    if key is not None:
        deps.get_cache().put(key, ref)
    return ref


async def _cached(
    deps: ChatDeps, hub: Any, step: PlanStep, args: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None]:
    contract = get_contract(step.server, step.tool)
    if contract is None or not contract.cacheable:
        return None, None
    try:
        version = await hub.tool_version(step.server, step.tool)
    except ToolError:
        return None, None
    key = cache_key(step.server, step.tool, version, args)
    found = await asyncio.to_thread(_lookup, deps, key)
    if found is None:
        return key, None
    ref, facts = found
    result = StepResult(
        alias=step.alias,
        server=step.server,
        tool=step.tool,
        status="ok",
        artifact=ref,
        facts=facts,
        cache_hit=True,
        tool_version=version,
    )
    return key, {
        "step_results": {step.alias: result.model_dump()},
        "timeline": _cache_events(step, args, ref, version),
    }


def _failed(step: PlanStep, message: str) -> dict[str, Any]:
    result = StepResult(alias=step.alias, server=step.server, tool=step.tool, status="error", error=message)
    emit_thinking("run_step", f"{step.alias} failed: {message}")
    return {"step_results": {step.alias: result.model_dump()}}


def make_run_step(deps: ChatDeps) -> Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]:
    async def run_step(payload: dict[str, Any]) -> dict[str, Any]:
        step = PlanStep.model_validate(payload["step"])
        started = time.perf_counter()
        # Store and hub set-up do file/SQLite I/O: off the event loop (the LangGraph server forbids it).
        hub = await asyncio.to_thread(deps.get_hub)
        try:
            args = await asyncio.to_thread(_resolve_args, deps, step, payload.get("inputs", {}))
        except (ReferenceError_, ArtifactNotFoundError) as exc:
            return _failed(step, f"cannot resolve arguments: {exc}")
        key, hit = await _cached(deps, hub, step, args)
        if hit is not None:
            emit_thinking("run_step", f"{step.alias}: cache hit", **hit["step_results"][step.alias]["facts"])
            return hit
        emit_thinking("run_step", f"{step.alias}: calling {step.server}.{step.tool}")
        outcome = await call_with_retries(hub, step, args)
        ref, facts = None, {}
        if outcome.status == "ok" and outcome.structured is not None:
            ref = await asyncio.to_thread(_save, deps, step, key, outcome.structured)
            facts = result_facts(outcome.structured)
        result = StepResult(
            alias=step.alias,
            server=step.server,
            tool=step.tool,
            status=outcome.status,  # type: ignore[arg-type]
            artifact=ref,
            facts=facts,
            attempts=outcome.attempts,
            tool_version=outcome.tool_version,
            duration_ms=(time.perf_counter() - started) * 1000,
            error=outcome.error,
            transient=outcome.transient,
        )
        emit_thinking("run_step", f"{step.alias}: {outcome.status}", **facts)
        return {"step_results": {step.alias: result.model_dump()}, "timeline": outcome.events}

    return run_step
