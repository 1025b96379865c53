"""compose: modules (text / table / map / chart) and the facts summary, by code from the results."""

from __future__ import annotations

from typing import Any

from planexec.graph.deps import ChatDeps
from planexec.graph.state import ChatState, SyncChatNode
from planexec.nodes.events import emit_thinking
from planexec.nodes.recipes import RECIPES
from planexec.nodes.recipes.base import ComposeInput
from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.modules import FactsSummary, TextModule
from planexec.schemas.plan import Plan
from planexec.schemas.slots import Understanding
from planexec.schemas.steps import StepResult


def _plan_failed(state: ChatState) -> dict[str, Any]:
    message = state.get("plan_error") or "the plan could not be built"
    facts = FactsSummary(intent=state.get("route", "unknown"), facts={"plan_rejected": True})
    module = TextModule(heading="Could not plan this query", text=message)
    return {"modules": [module.model_dump()], "facts_summary": facts.model_dump()}


def make_compose(deps: ChatDeps) -> SyncChatNode:
    def compose(state: ChatState) -> dict[str, Any]:
        if not state.get("plan"):
            return _plan_failed(state)
        understanding = Understanding.model_validate(state["understanding"])
        results = {a: StepResult.model_validate(r) for a, r in (state.get("step_results") or {}).items()}
        store = deps.get_store()

        def load(alias: str) -> dict[str, Any]:
            ref = results[alias].artifact
            if ref is None:
                raise KeyError(f"step '{alias}' has no stored result")
            return store.get(ArtifactRef.model_validate(ref))

        inp = ComposeInput(
            slots=understanding.slots,
            plan=Plan.model_validate(state["plan"]),
            results=results,
            load=load,
            language=state.get("target_language") or understanding.slots.language,
        )
        out = RECIPES[state["route"]].compose(inp)
        emit_thinking(
            "compose",
            f"{len(out.modules)} modules",
            **{k: v for k, v in out.facts.facts.items() if isinstance(v, (int, float))},
        )
        return {"modules": [m.model_dump() for m in out.modules], "facts_summary": out.facts.model_dump()}

    return compose
