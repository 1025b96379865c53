"""The public chat response (DESIGN.md: Public API): what process_chat_query returns as a dict.

`ChatResponse` is the contract; the graph builds it from the final state and the API dumps it at
the boundary (`ChatResponse.to_dict()`: JSON-ready, no `error` key on success). Nested parts are
plain models without their own `schema_version` (the response's and `metadata.schema_version`
version them), except records that are contracts of their own (proposals, token usage, modules,
facts summary).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from planexec.schemas.base import Contract
from planexec.schemas.calls import TimelineEvent
from planexec.schemas.followup import FollowUp
from planexec.schemas.modules import ChartModule, FactsSummary, MapModule, TableModule, TextModule
from planexec.schemas.proposals import ProposalRecord
from planexec.schemas.usage import TokenUsage

Scalar = float | int | str | bool | None
ResponseModule = Annotated[TextModule | TableModule | MapModule | ChartModule, Field(discriminator="type")]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ResponseFlags(_Part):
    clarify: bool = Field(default=False, description="The answer asks the user to clarify.")
    partial: bool = Field(default=False, description="At least one plan step did not finish ok.")
    llm_proposals: int = Field(default=0, ge=0, description="Decisions the LLM made.")
    cache_hits: int = Field(default=0, ge=0, description="Plan steps served from the result cache.")
    narrated_by: Literal["llm", "template"] | None = Field(
        default=None, description="Who wrote the overview text."
    )
    narration_rejected: str | None = Field(
        default=None, description="Why the model's narration was rejected (the template wrote the overview)."
    )
    ungrounded_answer: bool = Field(
        default=False,
        description="The general agent's answer was not grounded in tool results and was replaced.",
    )
    ungrounded_reason: str | None = Field(
        default=None, description="Why the agent's answer counts as ungrounded (when ungrounded_answer)."
    )


class PlanStepReport(_Part):
    """One plan step as planned (references left as ${alias.path}) and how it ended."""

    alias: str = Field(description="Step alias.")
    server: str = Field(description="Server name.")
    tool: str = Field(description="Tool name.")
    args: dict[str, Any] = Field(description="Arguments as planned, references unresolved.")
    after: list[str] = Field(default_factory=list, description="Aliases this step waits for.")
    status: str = Field(description="pending | ok | timeout | error | invalid | skipped.")
    facts: dict[str, Any] = Field(default_factory=dict, description="Small facts of the result.")
    attempts: int = Field(default=0, ge=0, description="Attempts made (0 when served from cache).")
    cache_hit: bool = Field(default=False, description="Served from the result cache.")
    tool_version: str | None = Field(default=None, description="Tool version of the call.")
    error: str | None = Field(default=None, description="Short error when status != ok.")


class ErrorRecord(_Part):
    """A failure the answer reports (the run went on)."""

    code: str = Field(description="Machine-readable code, e.g. 'invalid_plan'.")
    message: str = Field(description="Human-readable message.")
    node: str | None = Field(default=None, description="Graph node that reported it.")


class ResponseError(_Part):
    """Why the query failed (bad input, timeout, internal error); absent on success."""

    code: str = Field(description="'invalid_input' | 'timeout' | 'internal_error'.")
    message: str = Field(description="Clear, human-readable message.")


class ResponseMetadata(Contract):
    thread_id: str | None = Field(default=None, description="Thread (conversation) id; resume with it.")
    intent: str | None = Field(default=None, description="Recipe, 'clarify' or 'general_agent'.")
    target_language: str | None = Field(default=None, description="Language of the text: 'en' or 'pt'.")
    counts: dict[str, Scalar] = Field(default_factory=dict, description="Named facts (counts) of the answer.")
    flags: ResponseFlags = Field(default_factory=ResponseFlags, description="Summary flags.")
    plan: list[PlanStepReport] = Field(default_factory=list, description="The steps that ran.")
    decision_timeline: list[TimelineEvent] = Field(
        default_factory=list, description="tool_start / tool_end events of every call attempt."
    )
    proposals: list[ProposalRecord] = Field(default_factory=list, description="Every edge decision.")
    token_usage: TokenUsage = Field(default_factory=TokenUsage, description="LLM tokens used.")
    facts_summary: FactsSummary | None = Field(default=None, description="Facts the narration is built from.")
    narration: str | None = Field(default=None, description="The overview text.")
    errors: list[ErrorRecord] = Field(default_factory=list, description="Failures the answer reports.")
    correlation_session_id: str | None = Field(default=None, description="Correlation session id.")
    follow_up: FollowUp | None = Field(
        default=None, description="Set when the query refined the previous question: what it inherited."
    )


class ChatResponse(Contract):
    """What process_chat_query returns and the `complete` event carries."""

    query: str = Field(description="The user query (a bounded repr when it was not a string).")
    modules: list[ResponseModule] = Field(default_factory=list, description="text / table / map / chart.")
    metadata: ResponseMetadata = Field(default_factory=ResponseMetadata, description="How it was answered.")
    error: ResponseError | None = Field(default=None, description="Set only when the query failed.")

    @model_serializer(mode="wrap")
    def _without_absent_error(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if self.error is None and isinstance(data, dict):
            data.pop("error", None)
        return data

    def to_dict(self) -> dict[str, Any]:
        """The public dict: JSON-ready, without `error` when there is none."""
        return dict(self.model_dump(mode="json"))
