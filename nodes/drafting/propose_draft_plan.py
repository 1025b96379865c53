"""Node: code picks the template and sections; the user confirms or edits the plan (interrupt)."""

from __future__ import annotations

import time
from typing import Any

from langgraph.types import interrupt
from pydantic import ValidationError

from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.templates import plan_for
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import DraftPlan, ProjectProfile
from planexec.schemas.drafting_records import Decision

ACCEPT_WORDS = {"", "y", "yes", "ok", "accept", "approve", "approved"}


def read_plan_answer(answer: Any, plan: DraftPlan) -> tuple[DraftPlan | None, str]:
    """(plan to use or None when the edit is invalid, 'accept' | 'edit' | error text)."""
    if (
        answer is None
        or answer is True
        or (isinstance(answer, str) and answer.strip().lower() in ACCEPT_WORDS)
    ):
        return plan, "accept"
    if isinstance(answer, dict) and answer.get("approve") is True and "sections" not in answer:
        return plan, "accept"
    if isinstance(answer, dict) and isinstance(answer.get("sections"), list):
        try:
            return DraftPlan.model_validate({**plan.model_dump(), "sections": answer["sections"]}), "edit"
        except ValidationError as exc:
            return None, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return None, f"unrecognized answer {answer!r}: send 'approve' or {{'sections': [...]}}"


def propose_draft_plan(state: DraftingState) -> dict[str, Any]:
    started = time.time()
    plan = plan_for(ProjectProfile.model_validate(state["profile"]))
    errors: list[str] = []
    while True:
        payload = {"kind": "confirm_plan", "plan": plan.model_dump(mode="json"), "errors": errors}
        chosen, outcome = read_plan_answer(interrupt(payload), plan)
        if chosen is not None:
            break
        errors = [outcome]
    decision = Decision(
        point="plan",
        options=["accept", "edit"],
        chosen=outcome,
        who="user",
        rationale="plan accepted as proposed" if outcome == "accept" else "user edited the section list",
        sections=[s.id for s in chosen.sections],
        ts=time.time(),
    )
    dumped = chosen.model_dump(mode="json")
    record = trace(
        "propose_draft_plan", DraftPlan, state["profile"], dumped, started=started, outcome=outcome
    )
    return {
        "plan": dumped,
        "round": int(state.get("round") or 0) + 1,
        "todo": [s.id for s in chosen.sections],
        "feedback": {},
        "decisions": [decision.model_dump()],
        "trace": [record],
    }
