"""Turn the final drafting state into the public DraftResponse (the `draft_complete` event)."""

from __future__ import annotations

from typing import Any

from planexec.nodes.drafting.render import render_markdown, trace_yaml
from planexec.schemas.drafting_records import CommitResult
from planexec.schemas.drafting_response import DraftResponse


def draft_response(state: dict[str, Any], thread_id: str) -> DraftResponse:
    """Committed runs carry the Markdown document and planner_task_trace.yaml; others say why not."""
    input_errors = state.get("input_errors") or []
    if state.get("fatal"):
        return DraftResponse(
            thread_id=thread_id, status="stopped", fatal=state["fatal"], input_errors=input_errors
        )
    commit = CommitResult.model_validate(state.get("commit") or {"status": "rejected", "errors": ["not run"]})
    if commit.status != "committed":
        return DraftResponse(thread_id=thread_id, status="rejected", input_errors=input_errors, commit=commit)
    return DraftResponse(
        thread_id=thread_id,
        status="committed",
        input_errors=input_errors,
        commit=commit,
        document=render_markdown(state),
        trace_yaml=trace_yaml(state, thread_id),
    )
