"""The public response is a typed ChatResponse: built from a final state, dumped to the public dict,
valid against the exported JSON Schema; the failure dict validates too."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from planexec.graph.response import build_response, error_response
from planexec.schemas.export import schema_path
from planexec.schemas.response import ChatResponse

METADATA_KEYS = {
    "schema_version",
    "thread_id",
    "intent",
    "target_language",
    "counts",
    "flags",
    "plan",
    "decision_timeline",
    "proposals",
    "token_usage",
    "facts_summary",
    "narration",
    "errors",
    "correlation_session_id",
    "follow_up",
}


def final_state() -> dict[str, Any]:
    return {
        "query": "map of solar plants in Bahia",
        "route": "solar_map",
        "understanding": {"slots": {"language": "en"}},
        "plan": {
            "steps": [
                {"alias": "plants", "server": "solar", "tool": "GetFacilities", "args": {"state": "BA"}},
                {
                    "alias": "map",
                    "server": "solar",
                    "tool": "Map",
                    "args": {"ref": "${plants.handle}"},
                    "after": ["plants"],
                },
            ]
        },
        "step_results": {
            "plants": {"status": "ok", "facts": {"count": 3}, "attempts": 1, "tool_version": "1+ab"},
            "map": {"status": "timeout", "attempts": 2, "error": "timed out"},
        },
        "timeline": [
            {
                "ts": 1.0,
                "event": "tool_start",
                "call_id": "c1",
                "server": "solar",
                "tool": "GetFacilities",
                "args_preview": "{}",
            }
        ],
        "proposals": [
            {
                "phase": "route",
                "legal_edges": ["solar_map", "clarify"],
                "edge": "solar_map",
                "chosen_by": "llm",
                "rationale": "map asked",
                "ts": 2.0,
            }
        ],
        "modules": [{"type": "text", "heading": None, "text": "Three plants."}],
        "facts_summary": {"intent": "solar_map", "facts": {"plants_total": 3}, "narrated_by": "template"},
        "narration": "Three plants.",
        "token_usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12, "llm_calls": 1},
        "errors": [{"code": "invalid_plan", "message": "bad ref", "node": "plan"}],
        "correlation_session_id": "t1",
    }


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_path(name).read_text(encoding="utf-8")))


def test_a_final_state_becomes_a_typed_response_with_the_public_keys() -> None:
    response = build_response(final_state(), "t1", None)
    assert isinstance(response, ChatResponse)
    data = response.to_dict()
    assert set(data) == {"schema_version", "query", "modules", "metadata"}
    assert set(data["metadata"]) == METADATA_KEYS
    meta = data["metadata"]
    assert meta["target_language"] == "en" and meta["counts"] == {"plants_total": 3}
    assert meta["flags"] == {
        "clarify": False,
        "partial": True,
        "llm_proposals": 1,
        "cache_hits": 0,
        "narrated_by": "template",
        "narration_rejected": None,
        "ungrounded_answer": False,
        "ungrounded_reason": None,
    }
    assert [s["args"] for s in meta["plan"]] == [{"state": "BA"}, {"ref": "${plants.handle}"}]
    assert meta["token_usage"]["total_tokens"] == 12
    assert ChatResponse.model_validate(data) == response
    validator("chat_response").validate(data)


def test_a_state_breaking_the_contract_is_rejected() -> None:
    state = final_state()
    state["timeline"][0]["event"] = "tool_middle"
    with pytest.raises(ValidationError):
        build_response(state, "t1", None)


def test_the_failure_response_validates_and_says_what_went_wrong() -> None:
    data = error_response(42, "invalid_input", "user_query must be a string", None).to_dict()
    assert data["error"] == {"code": "invalid_input", "message": "user_query must be a string"}
    assert data["query"] == "42" and data["modules"][0]["text"] == "user_query must be a string"
    assert set(data["metadata"]) == METADATA_KEYS
    ChatResponse.model_validate(data)
    validator("chat_response").validate(data)


def test_the_complete_event_schema_types_the_response() -> None:
    schema = json.loads(schema_path("event_complete").read_text(encoding="utf-8"))
    assert schema["properties"]["response"] == {
        "$ref": "#/$defs/ChatResponse",
        "description": schema["properties"]["response"]["description"],
    }
    bad = {"type": "complete", "schema_version": "1.0.0", "response": {"anything": 1}}
    assert list(validator("event_complete").iter_errors(bad))
