"""What a finished drafting run returns (the `draft_complete` event of the drafting API)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.drafting import InputError
from planexec.schemas.drafting_records import CommitResult


class DraftResponse(Contract):
    """Outcome of a drafting thread: committed (with the document), rejected, or stopped early."""

    thread_id: str = Field(description="Drafting thread id.")
    status: Literal["committed", "rejected", "stopped"] = Field(
        description="committed; rejected by validate_and_commit; stopped before drafting (see `fatal`)."
    )
    fatal: str | None = Field(default=None, description="Why the run stopped early (bad profile, no input).")
    input_errors: list[InputError] = Field(
        default_factory=list, description="Inputs that were skipped (the others went on)."
    )
    commit: CommitResult | None = Field(default=None, description="What validate_and_commit did.")
    document: str | None = Field(
        default=None, description="The drafted document as Markdown (committed only)."
    )
    trace_yaml: str | None = Field(
        default=None, description="planner_task_trace.yaml of the run (committed only)."
    )
