"""Shared helpers of the llmio tests: a tiny answer schema and prompt."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from planexec.nodes.llmio import forget

SCHEMA: dict[str, Any] = {
    "title": "pick",
    "description": "Pick one colour.",
    "type": "object",
    "properties": {
        "colour": {"type": "string", "enum": ["red", "blue"], "description": "The colour."},
        "why": {"type": "string", "maxLength": 2000, "description": "One sentence."},
    },
    "required": ["colour", "why"],
    "additionalProperties": False,
}
ANSWER = {"colour": "red", "why": "It is warm."}


def prompt() -> list[BaseMessage]:
    return [SystemMessage("Pick a colour."), HumanMessage("Which colour is warm?")]


@pytest.fixture(autouse=True)
def _fresh_capabilities() -> None:
    """Every test starts with nothing learned about any endpoint."""
    forget()
