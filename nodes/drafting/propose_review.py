"""Node + router: pick revise_sections / replan / approve from the review (rules), record the decision."""

from __future__ import annotations

import re
import time
from typing import Any, Literal

from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import DraftPlan
from planexec.schemas.drafting_records import Decision

APPROVE_WORDS = {"", "approve", "approved", "ok", "okay", "yes", "y", "lgtm", "looks good"}
STRUCTURE = re.compile(
    r"\b(re-?structure|structure|re-?order|outline|replan|re-?plan|different template|new section|"
    r"add (a|another) section|remove (the )?section|merge (the )?sections|split (the )?section)\b",
    re.I,
)


def named_sections(text: str, plan: DraftPlan) -> list[str]:
    """Section ids the text names, by id ('policy_options' or 'policy options') or by title."""
    low = text.lower()
    return [
        s.id for s in plan.sections if s.id in low or s.id.replace("_", " ") in low or s.title.lower() in low
    ]


def decide(answer: dict[str, Any], plan: DraftPlan, failed: list[str]) -> tuple[str, list[str], str]:
    """(action, sections, rationale) by the default rules."""
    text, per_section = answer.get("text", ""), answer.get("sections") or {}
    known = [sid for sid in per_section if sid in {s.id for s in plan.sections}]
    if answer.get("action") == "replan" or STRUCTURE.search(text):
        return "replan", [], "the feedback asks for a different structure"
    if known:
        return "revise_sections", known, "the feedback names sections: " + ", ".join(known)
    if answer.get("action") == "approve" or text.lower().strip(" .!") in APPROVE_WORDS:
        if failed:
            return (
                "approve",
                failed,
                "approved with invalid sections (the commit will refuse): " + ", ".join(failed),
            )
        return "approve", [], "the reviewer approved"
    named = named_sections(text, plan)
    if named:
        return "revise_sections", named, "the feedback names sections: " + ", ".join(named)
    every = [s.id for s in plan.sections]
    return "revise_sections", every, "the feedback names no section: it applies to all of them"


def propose_review(state: DraftingState) -> dict[str, Any]:
    started = time.time()
    plan = DraftPlan.model_validate(state["plan"])
    answer = state.get("review_input") or {}
    failed = [s.id for s in plan.sections if (state.get("failures") or {}).get(s.id)]
    action, sections, why = decide(answer, plan, failed)
    options = ["revise_sections", "replan", "approve"]
    who: Literal["user", "rules"] = "user" if answer.get("action") == action else "rules"
    feedback = {sid: answer.get("sections", {}).get(sid) or answer.get("text") or "" for sid in sections}
    decision = Decision(
        point="review",
        options=options,
        chosen=action,
        who=who,
        rationale=why,
        sections=sections,
        feedback=answer.get("text") or None,
        ts=time.time(),
    )
    record = trace("propose_review", Decision, answer, [action, sections], started=started, action=action)
    update: dict[str, Any] = {
        "review_action": action,
        "decisions": [decision.model_dump()],
        "trace": [record],
    }
    if action == "revise_sections" and sections:
        update.update(round=int(state.get("round") or 1) + 1, todo=sections, feedback=feedback)
    return update


def route_review(
    state: DraftingState,
) -> Literal["execute_draft_phase", "propose_draft_plan", "validate_and_commit"]:
    action = state.get("review_action")
    if action == "replan":
        return "propose_draft_plan"
    return "validate_and_commit" if action == "approve" else "execute_draft_phase"
