"""Node: show the drafted sections and wait for the reviewer (interrupt): approve or feedback."""

from __future__ import annotations

from typing import Any

from langgraph.types import interrupt

from planexec.nodes.drafting.state import DraftingState
from planexec.schemas.drafting import DraftPlan


def review_payload(state: DraftingState) -> dict[str, Any]:
    plan = DraftPlan.model_validate(state["plan"])
    sections = state.get("sections") or {}
    failures = {k: v for k, v in (state.get("failures") or {}).items() if v}
    shown = []
    for spec in plan.sections:
        draft = sections.get(spec.id) or {}
        shown.append(
            {
                "id": spec.id,
                "title": spec.title,
                "words": draft.get("word_count", 0),
                "composer": draft.get("composer"),
                "text": "\n\n".join(p["text"] for p in draft.get("paragraphs", [])),
                "citations": {c["n"]: c["passage_id"] for c in draft.get("citations", [])},
                "errors": failures.get(spec.id, []),
            }
        )
    return {"kind": "review", "round": state.get("round"), "title": plan.title, "sections": shown}


def normalize_answer(answer: Any) -> dict[str, Any]:
    """{'text': str, 'sections': {id: feedback}, 'action': str | None} from a string or a dict."""
    if answer is None or answer is True:
        return {"text": "", "sections": {}, "action": "approve"}
    if isinstance(answer, str):
        return {"text": answer.strip(), "sections": {}, "action": None}
    if isinstance(answer, dict):
        raw = answer.get("sections")
        sections: dict[Any, Any] = raw if isinstance(raw, dict) else {}
        action = answer.get("action") or ("approve" if answer.get("approve") is True else None)
        text = str(answer.get("feedback") or answer.get("text") or "").strip()
        return {"text": text, "sections": {str(k): str(v) for k, v in sections.items()}, "action": action}
    return {"text": str(answer), "sections": {}, "action": None}


def review(state: DraftingState) -> dict[str, Any]:
    return {"review_input": normalize_answer(interrupt(review_payload(state)))}
