"""What planexec knows about one LLM endpoint, and the names of the ways it asks for structured answers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract

Purpose = Literal["route", "slots", "narration", "agent", "draft"]
"""What an LLM call is for: it picks the call's max_tokens (and the caller its timeout)."""

StructuredMode = Literal["json_schema", "json_object", "tools", "prompt"]
"""How a structured answer is asked for, strongest first: OpenAI `json_schema` (strict),
`json_object` with a `schema` (llama.cpp, llama-cpp-python), a forced tool call, the schema in the prompt."""

STRUCTURED_MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object", "tools", "prompt")


class LLMCapabilities(Contract):
    """What one endpoint (base URL + model) was found to accept; learned from its answers, kept per
    process."""

    base_url: str = Field(description="Base URL of the OpenAI-compatible server ('' for the default).")
    model: str = Field(description="Model name sent to the server.")
    structured: StructuredMode | None = Field(
        default=None, description="Structured form that last worked; None until one has been tried."
    )
    rejected_forms: list[StructuredMode] = Field(
        default_factory=list, description="Structured forms the server refused (not tried again)."
    )
    send_tool_choice: bool = Field(
        default=True,
        description="Send tool_choice='auto' whenever tools are bound (some servers ignore tools without "
        "it); False once the server refused it.",
    )
    token_limit_field: Literal["max_tokens", "max_completion_tokens"] = Field(
        default="max_tokens",
        description="Request field of the answer's token cap: 'max_tokens' (every compatible server), or "
        "'max_completion_tokens' once the server refused 'max_tokens' (OpenAI reasoning models).",
    )
    streaming: bool = Field(
        default=True, description="Requests are streamed; False once the server refused it."
    )
    stream_tools: bool = Field(
        default=True,
        description="Requests with tools are streamed; False once the server answered such a stream with no "
        "chunk at all (llama-cpp-python's function-calling chat format).",
    )
    usage_reported: bool | None = Field(
        default=None, description="Whether the server reports token usage; None until an answer was seen."
    )
