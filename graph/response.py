"""Turn the final graph state into the public response dict (DESIGN.md: Public API)."""

from __future__ import annotations

from typing import Any

from planexec.schemas.base import SCHEMA_VERSION


def _plan_steps(state: dict[str, Any]) -> list[dict[str, Any]]:
    plan = state.get("plan") or {}
    results = state.get("step_results") or {}
    steps = []
    for step in plan.get("steps", []):
        result = results.get(step["alias"], {})
        steps.append(
            {
                "alias": step["alias"],
                "server": step["server"],
                "tool": step["tool"],
                "args": step["args"],
                "after": step.get("after", []),
                "status": result.get("status", "pending"),
                "facts": result.get("facts", {}),
                "attempts": result.get("attempts", 0),
                "cache_hit": result.get("cache_hit", False),
                "tool_version": result.get("tool_version"),
                "error": result.get("error"),
            }
        )
    return steps


def _flags(state: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    proposals = state.get("proposals") or []
    return {
        "clarify": state.get("route") == "clarify",
        "partial": any(s["status"] != "ok" for s in steps),
        "llm_proposals": sum(1 for p in proposals if p.get("chosen_by") == "llm"),
        "cache_hits": sum(1 for s in steps if s["cache_hit"]),
        "narrated_by": (state.get("facts_summary") or {}).get("narrated_by"),
    }


def build_response(state: dict[str, Any], thread_id: str, target_language: str | None) -> dict[str, Any]:
    steps = _plan_steps(state)
    facts_summary = state.get("facts_summary") or {}
    understanding = state.get("understanding") or {}
    usage = {
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "total_tokens": 0,
        "llm_calls": 0,
        "estimated": False,
        **(state.get("token_usage") or {}),
    }
    return {
        "query": state.get("query", ""),
        "modules": state.get("modules") or [],
        "metadata": {
            "schema_version": SCHEMA_VERSION,
            "thread_id": thread_id,
            "intent": state.get("route"),
            "target_language": target_language or (understanding.get("slots") or {}).get("language"),
            "counts": facts_summary.get("facts", {}),
            "flags": _flags(state, steps),
            "plan": steps,
            "decision_timeline": state.get("timeline") or [],
            "proposals": state.get("proposals") or [],
            "token_usage": usage,
            "facts_summary": facts_summary,
            "narration": state.get("narration"),
            "errors": state.get("errors") or [],
            "correlation_session_id": state.get("correlation_session_id"),
        },
    }
