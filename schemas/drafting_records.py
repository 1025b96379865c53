"""Records of the drafting run: decisions, reasoning-trace entries, commit results."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planexec.schemas.base import Contract


class Decision(Contract):
    """One decision point: the legal options, the one chosen, by whom and why."""

    point: Literal["plan", "review"] = Field(description="Where the decision was taken.")
    options: list[str] = Field(min_length=1, description="Legal options at this point.")
    chosen: str = Field(description="The option taken (one of options).")
    who: Literal["user", "rules", "llm", "auto"] = Field(description="Who chose it.")
    rationale: str = Field(description="Why, in one sentence.")
    sections: list[str] = Field(default_factory=list, description="Sections the decision concerns.")
    feedback: str | None = Field(default=None, description="The reviewer's words, if any.")
    ts: float = Field(description="Unix time of the decision.")


class TraceRecord(Contract):
    """One tool step of the run, as written to the ReasoningTrace table."""

    tool: str = Field(description="Tool (node step) name.")
    tool_version: str = Field(description="Tool version: '<code version>+<schema hash>'.")
    schema_name: str = Field(description="Name of the output contract.")
    schema_version: str = Field(description="Version of the output contract.")
    input_hash: str = Field(description="sha256 (16 hex) of the canonical input.")
    output_hash: str = Field(description="sha256 (16 hex) of the canonical output.")
    status: Literal["ok", "error", "invalid", "cached", "rejected"] = Field(description="Outcome.")
    started_at: float = Field(description="Unix time the step started.")
    finished_at: float = Field(description="Unix time the step finished.")
    section_id: str | None = Field(default=None, description="Section the step worked on, if any.")
    detail: dict[str, Any] = Field(default_factory=dict, description="Small facts (counts, errors).")


class CommitResult(Contract):
    """What validate_and_commit did."""

    status: Literal["committed", "rejected"] = Field(description="committed, or rejected before writing.")
    draft_id: str | None = Field(default=None, description="Content-derived id of the draft.")
    store: str | None = Field(default=None, description="Database kind written: sqlite or postgres.")
    sections_written: int = Field(default=0, ge=0, description="New ArtifactSection rows.")
    traces_written: int = Field(default=0, ge=0, description="New ReasoningTrace rows.")
    errors: list[str] = Field(default_factory=list, description="Why it was rejected.")
