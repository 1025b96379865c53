"""compose: modules (text / table / map / chart) and the facts summary, by code from the results."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.context import ChatContext, context_of
from planexec.nodes.events import emit_thinking
from planexec.nodes.i18n import answer_language, label
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.base import ComposeInput, ComposeOutput
from planexec.nodes.state import ChatState
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.plan import Plan


def _plan_failed(state: ChatState) -> dict[str, Any]:
    message = state.get("plan_error") or "the plan could not be built"
    facts = FactsSummary(intent=state.get("route", "unknown"), facts={"plan_rejected": True})
    understanding = state.get("understanding")
    detected = understanding.slots.language if understanding else None
    lang = answer_language(state.get("target_language"), detected)
    module = TextModule(heading=label("heading.plan_failed", lang), text=message)
    return {"modules": [module], "facts_summary": facts}


def _compose(ctx: ChatContext, state: ChatState, plan: Plan) -> ComposeOutput:
    understanding = state["understanding"]
    results = dict(state.get("step_results") or {})
    store = ctx.get_store()

    def load(alias: str) -> dict[str, Any]:
        ref = results[alias].artifact
        if ref is None:
            raise KeyError(f"step '{alias}' has no stored result")
        return store.get(ref)

    inp = ComposeInput(
        slots=understanding.slots,
        plan=plan,
        results=results,
        load=load,
        language=answer_language(state.get("target_language"), understanding.slots.language),
    )
    return REGISTRY[state["route"]].compose(inp)


async def compose(state: ChatState, runtime: Runtime[ChatContext]) -> dict[str, Any]:
    plan = state.get("plan")
    if not plan:
        return _plan_failed(state)
    # payloads are read from the artifact store (file / database I/O): off the event loop
    out = await asyncio.to_thread(_compose, context_of(runtime), state, plan)
    emit_thinking(
        "compose",
        f"{len(out.modules)} modules",
        **{k: v for k, v in out.facts.facts.items() if isinstance(v, (int, float))},
    )
    return {"modules": out.modules, "facts_summary": out.facts}
