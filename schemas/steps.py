"""The outcome of one plan step, as kept in the graph state (a reference, never the payload)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from planexec.schemas.artifacts import ArtifactRef
from planexec.schemas.base import Contract
from planexec.schemas.plan import PlanStep

StepState = Literal["ok", "timeout", "error", "invalid", "skipped"]


class StepResult(Contract):
    alias: str = Field(description="Plan step alias.")
    server: str = Field(description="Server name.")
    tool: str = Field(description="Tool name.")
    status: StepState = Field(description="Final status after retries.")
    artifact: ArtifactRef | None = Field(default=None, description="Where the validated result is stored.")
    facts: dict[str, Any] = Field(default_factory=dict, description="Small scalar facts from the result.")
    attempts: int = Field(default=0, ge=0, description="Attempts made (0 when served from cache).")
    cache_hit: bool = Field(default=False, description="Served from the result cache.")
    tool_version: str | None = Field(default=None, description="Tool version of the call.")
    duration_ms: float = Field(default=0.0, ge=0, description="Total wall time of the step, ms.")
    error: str | None = Field(default=None, description="Short error when status != ok.")
    transient: bool = Field(default=False, description="The failure was transient (timeout, lost server).")


class NodeError(Contract):
    """A failure the answer reports (kept in the chat state's `errors`)."""

    code: str = Field(description="Short machine code, e.g. invalid_plan, general_agent_timeout.")
    message: str = Field(description="What went wrong, for the user.")
    node: str = Field(description="Graph node that reported it.")


class RunStepInput(Contract):
    """The `Send` payload to run_step: one plan step and the artifacts of the steps it refers to."""

    step: PlanStep = Field(description="The step to run (references left as ${alias.path}).")
    inputs: dict[str, ArtifactRef] = Field(
        default_factory=dict, description="alias -> stored result of each dependency with a result."
    )
