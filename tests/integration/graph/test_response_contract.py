"""A real query's response dict (and every streamed event) validates against the exported JSON Schemas."""

from __future__ import annotations

import json

import jsonschema
import pytest

from planexec.graph.api import process_chat_query, stream_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.export import schema_path
from planexec.schemas.response import ChatResponse
from planexec.schemas.settings import Settings

pytestmark = pytest.mark.integration


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_path(name).read_text(encoding="utf-8")))


async def test_a_full_query_validates_against_the_exported_schema(context: ChatContext) -> None:
    response = await process_chat_query(
        "which solar plants are within 1 km of heat stress zones in Brazil?",
        context=context,
        checkpoint_url="memory://",
    )
    assert "error" not in response and response["metadata"]["plan"]
    validator("chat_response").validate(response)
    assert ChatResponse.model_validate(response).to_dict() == response


async def test_streamed_events_validate_against_their_schemas(context: ChatContext) -> None:
    names = {
        "thinking": "event_thinking",
        "facts_summary": "event_facts_summary",
        "complete": "event_complete",
    }
    seen = []
    async for event in stream_chat_query(
        "map of solar plants in Bahia", context=context, checkpoint_url="memory://"
    ):
        validator(names[event["type"]]).validate(event)
        seen.append(event["type"])
    assert seen[-2:] == ["facts_summary", "complete"]


async def test_a_timed_out_query_returns_a_valid_failure(context: ChatContext) -> None:
    response = await process_chat_query(
        "map of solar plants in Bahia",
        context=context,
        checkpoint_url="memory://",
        settings=Settings(query_timeout_s=0.001),
    )
    assert response["error"]["code"] == "timeout" and response["metadata"]["thread_id"]
    validator("chat_response").validate(response)
