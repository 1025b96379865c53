"""run_step: execute one plan step (Send target, a `RunStepInput`). Payload goes to the artifact
store; the state gets a reference, small facts and the timeline events of every attempt."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.execution.attempts import call_with_retries
from planexec.nodes.execution.handle_check import missing_handles
from planexec.nodes.execution.preview import args_preview, result_facts
from planexec.nodes.planning.references import ReferenceError_, resolve
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.handles import DataHandle
from planexec.schemas.plan import PlanStep
from planexec.schemas.steps import RunStepInput, StepResult
from planexec.tools.client.contracts import get_contract
from planexec.tools.client.errors import ToolError
from planexec.tools.stores.artifacts import ArtifactNotFoundError
from planexec.tools.stores.result_cache import cache_key


def _resolve_args(ctx: ChatContext, payload: RunStepInput) -> dict[str, Any]:
    store = ctx.get_store()
    payloads = {alias: store.get(ref) for alias, ref in payload.inputs.items()}
    return resolve(payload.step.args, payloads)


async def _args(ctx: ChatContext, payload: RunStepInput) -> dict[str, Any]:
    """The step's arguments. Inputs this run's store wrote lately are taken from memory; otherwise
    they are read from the store off the event loop (a thread hop)."""
    store = ctx.store  # set once a step of this run saved its result
    recent = {a: store.recent(ref) for a, ref in payload.inputs.items()} if store is not None else {}
    if all(found is not None for found in recent.values()) and len(recent) == len(payload.inputs):
        return resolve(payload.step.args, recent)
    return await asyncio.to_thread(_resolve_args, ctx, payload)


def _cache_events(
    step: PlanStep, args: dict[str, Any], ref: ArtifactRef, version: str, handles: dict[str, DataHandle]
) -> list[TimelineEvent]:
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
        TimelineEvent(ts=now, event="tool_start", **common),
        TimelineEvent(
            ts=now,
            event="tool_end",
            status="ok",
            result_keys=ref.keys,
            duration_ms=0.0,
            handles=handles,  # a cache hit names the tables it stands for, as a call would
            **common,
        ),
    ]


def _lookup(ctx: ChatContext, key: str) -> tuple[ArtifactRef, dict[str, Any], dict[str, DataHandle]] | None:
    ref = ctx.get_cache().get(key)
    if ref is None:
        return None
    payload = ctx.get_store().get(ref)
    if missing_handles(payload, ctx.settings):
        return None  # the table it published was pruned: call the tool again (it republishes)
    return ref, result_facts(payload), DataHandle.found_in(payload)


def _save(ctx: ChatContext, step: PlanStep, key: str | None, structured: dict[str, Any]) -> ArtifactRef:
    ref = ctx.get_store().put(f"{step.server}.{step.tool}", structured)
    if key is not None:
        ctx.get_cache().put(key, ref)
    return ref


async def _cached(
    ctx: ChatContext, hub: Any, step: PlanStep, args: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None]:
    contract = get_contract(step.server, step.tool)
    if contract is None or not contract.cacheable:
        return None, None
    try:
        version = hub.known_tool_version(step.server, step.tool) or await hub.tool_version(
            step.server, step.tool
        )
    except ToolError:
        return None, None
    key = cache_key(step.server, step.tool, version, args)
    found = await asyncio.to_thread(_lookup, ctx, key)
    if found is None:
        return key, None
    ref, facts, handles = found
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
    emit_thinking("run_step", f"{step.alias}: cache hit", **facts)
    events = _cache_events(step, args, ref, version, handles)
    return key, {"step_results": {step.alias: result}, "timeline": events}


def _failed(step: PlanStep, message: str) -> dict[str, Any]:
    result = StepResult(alias=step.alias, server=step.server, tool=step.tool, status="error", error=message)
    emit_thinking("run_step", f"{step.alias} failed: {message}")
    return {"step_results": {step.alias: result}}


async def run_step(payload: RunStepInput, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    ctx, step = context_of(runtime), payload.step
    started = time.perf_counter()
    # Store and hub set-up do file/SQLite I/O: off the event loop (the LangGraph server forbids it).
    hub = ctx.hub if ctx.hub is not None else await asyncio.to_thread(ctx.get_hub)
    try:
        args = await _args(ctx, payload)
    except (ReferenceError_, ArtifactNotFoundError) as exc:
        return _failed(step, f"cannot resolve arguments: {exc}")
    key, hit = await _cached(ctx, hub, step, args)
    if hit is not None:
        return hit
    emit_thinking("run_step", f"{step.alias}: calling {step.server}.{step.tool}")
    outcome = await call_with_retries(hub, step, args)
    ref, facts = None, {}
    if outcome.status == "ok" and outcome.structured is not None:
        ref = await asyncio.to_thread(_save, ctx, step, key, outcome.structured)
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
    return {"step_results": {step.alias: result}, "timeline": outcome.events}
