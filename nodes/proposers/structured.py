"""Shared pieces of the proposers' structured answers (edge proposer, slot proposer).

The call itself goes through `planexec.nodes.llmio.ask_structured` (forms, step-down, caps, streaming,
usage); here are only the helpers both proposers use to read an answer. Any failure of a call (late,
HTTP error, malformed, truncated) is an `AnswerRejected` with a short reason to record.
"""

from __future__ import annotations

from langchain_core.messages import AIMessage

from planexec.nodes.llmio import AnswerRejected, describe_failure
from planexec.nodes.llmio.forms import payload_of

__all__ = ["AnswerRejected", "answer_object", "describe_failure"]


def answer_object(answer: object) -> dict[str, object]:
    """The JSON object of an answer (a parsed payload, or a raw message read as JSON), or AnswerRejected."""
    payload = payload_of(answer, "prompt") if isinstance(answer, AIMessage) else answer
    if not isinstance(payload, dict):
        raise AnswerRejected(f"malformed: expected a JSON object, got {type(payload).__name__}")
    return payload
