"""Turn the final graph state into the public ChatResponse (DESIGN.md: Public API)."""

from __future__ import annotations

from typing import Any

from planexec.schemas.modules import TextModule
from planexec.schemas.response import (
    ChatResponse,
    PlanStepReport,
    ResponseError,
    ResponseFlags,
    ResponseMetadata,
)


def _plan_steps(state: dict[str, Any]) -> list[PlanStepReport]:
    plan = state.get("plan") or {}
    results = state.get("step_results") or {}
    steps = []
    for step in plan.get("steps", []):
        result = results.get(step["alias"], {})
        steps.append(
            PlanStepReport(
                alias=step["alias"],
                server=step["server"],
                tool=step["tool"],
                args=step["args"],
                after=step.get("after", []),
                status=result.get("status", "pending"),
                facts=result.get("facts", {}),
                attempts=result.get("attempts", 0),
                cache_hit=result.get("cache_hit", False),
                tool_version=result.get("tool_version"),
                error=result.get("error"),
            )
        )
    return steps


def _flags(state: dict[str, Any], steps: list[PlanStepReport]) -> ResponseFlags:
    proposals = state.get("proposals") or []
    summary = state.get("facts_summary") or {}
    return ResponseFlags(
        clarify=state.get("route") == "clarify",
        partial=any(s.status != "ok" for s in steps),
        llm_proposals=sum(1 for p in proposals if p.get("chosen_by") == "llm"),
        cache_hits=sum(1 for s in steps if s.cache_hit),
        narrated_by=summary.get("narrated_by"),
        narration_rejected=summary.get("narration_rejected"),
        ungrounded_answer=summary.get("ungrounded") is not None,
        ungrounded_reason=summary.get("ungrounded"),
    )


def build_response(state: dict[str, Any], thread_id: str, target_language: str | None) -> ChatResponse:
    """The typed response of a finished turn (validated: a state that breaks the contract raises)."""
    steps = _plan_steps(state)
    facts_summary = state.get("facts_summary") or None
    understanding = state.get("understanding") or {}
    metadata = ResponseMetadata.model_validate(
        {
            "thread_id": thread_id,
            "intent": state.get("route"),
            "target_language": target_language or (understanding.get("slots") or {}).get("language"),
            "counts": (facts_summary or {}).get("facts", {}),
            "flags": _flags(state, steps),
            "plan": steps,
            "decision_timeline": state.get("timeline") or [],
            "proposals": state.get("proposals") or [],
            "token_usage": {
                k: v for k, v in (state.get("token_usage") or {}).items() if k != "schema_version"
            },
            "facts_summary": facts_summary,
            "narration": state.get("narration"),
            "errors": state.get("errors") or [],
            "correlation_session_id": state.get("correlation_session_id"),
            "follow_up": understanding.get("follow_up"),
        }
    )
    return ChatResponse.model_validate(
        {"query": state.get("query", ""), "modules": state.get("modules") or [], "metadata": metadata}
    )


def error_response(query: Any, code: str, message: str, thread_id: str | None) -> ChatResponse:
    """The response of a failed query: a text module saying what went wrong, and `error`."""
    return ChatResponse(
        query=query if isinstance(query, str) else repr(query)[:200],
        modules=[TextModule(heading="Error", text=message)],
        metadata=ResponseMetadata(thread_id=thread_id),
        error=ResponseError(code=code, message=message),
    )
