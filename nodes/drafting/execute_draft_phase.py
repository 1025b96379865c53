"""Node + router: the drafting phase — send the ready sections (dependencies done) a few at a time to
draft_section until every section of this round is finished, then go to review."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Send

from planexec.nodes.drafting.context import DraftingContext, drafting_context
from planexec.nodes.drafting.state import DraftingState, SectionTask
from planexec.schemas.drafting import DraftPlan, SectionSpec


def pending_sections(state: DraftingState) -> list[str]:
    """Sections of this round's todo list not yet finished in this round."""
    done = state.get("done_round") or {}
    return [sid for sid in state.get("todo") or [] if done.get(sid) != state.get("round")]


def ready_sections(state: DraftingState) -> list[SectionSpec]:
    """Pending sections whose dependencies are not pending (finished earlier or in this round)."""
    pending = set(pending_sections(state))
    plan = DraftPlan.model_validate(state["plan"])
    return [s for s in plan.sections if s.id in pending and not pending.intersection(s.depends_on)]


def section_task(state: DraftingState, spec: SectionSpec) -> SectionTask:
    sections = state.get("sections") or {}
    cache = {k: v for k, v in (state.get("section_cache") or {}).items() if v.get("section_id") == spec.id}
    upstream = {
        d: " ".join(p["text"] for p in sections[d]["paragraphs"]) for d in spec.depends_on if d in sections
    }
    plan = DraftPlan.model_validate(state["plan"])
    feedback = state.get("feedback") or {}
    pending = set(pending_sections(state))
    return SectionTask(
        spec=spec.model_dump(mode="json"),
        round=int(state.get("round") or 1),
        feedback=(state.get("feedback") or {}).get(spec.id),
        memory_path=state["memory_path"],
        profile=state["profile"],
        cache=cache,
        upstream=upstream,
        peers=[{"spec": s.model_dump(mode="json"), "feedback": feedback.get(s.id)} for s in plan.sections],
        taken={
            sid: [p["text"] for p in draft["paragraphs"]]
            for sid, draft in sections.items()
            if sid in {s.id for s in plan.sections} and sid not in pending and sid != spec.id
        },
    )


def execute_draft_phase(state: DraftingState) -> dict[str, Any]:
    """Bookkeeping only: the router below does the scheduling."""
    return {}


def route_sections(state: DraftingState, runtime: Runtime[DraftingContext]) -> list[Send] | Literal["review"]:
    """Send the ready sections (at most the context's max_parallel) to draft_section, else review."""
    ready = ready_sections(state)
    if not ready:
        return "review"
    limit = max(1, drafting_context(runtime).max_parallel)
    return [Send("draft_section", section_task(state, spec)) for spec in ready[:limit]]
