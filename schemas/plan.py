"""A plan: steps that call MCP tools, with `${alias.path}` references between them."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from planexec.schemas.aggregation import AggregationSpec
from planexec.schemas.base import Contract


class PlanStep(Contract):
    alias: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Step name other steps refer to.")
    server: str = Field(description="MCP server name.")
    tool: str = Field(description="Tool name on that server.")
    args: dict[str, Any] = Field(
        description="Arguments; a string '${alias.path}' (whole value) refers to an earlier step's result."
    )
    after: list[str] = Field(
        default_factory=list, description="Aliases this step must run after without a data reference."
    )
    timeout_s: float = Field(default=30.0, gt=0, le=600, description="Timeout of one attempt, seconds.")
    retries: int = Field(default=2, ge=0, le=5, description="Retries for transient failures (timeouts, I/O).")
    description: str = Field(default="", description="What the step does, for the timeline and the user.")


class Plan(Contract):
    recipe: str = Field(description="Recipe that produced the plan.")
    steps: list[PlanStep] = Field(description="Steps in dependency order.")
    correlation_session_id: str | None = Field(default=None, description="Geospatial session, if used.")
    aggregation: AggregationSpec | None = Field(
        default=None,
        description="Analytical recipes: the aggregation (filter, group, measure, order) computed over the "
        "steps' tables; checked by the static plan validator like the steps.",
    )


class PlanIssue(Contract):
    step: str = Field(description="Alias of the step at fault.")
    path: str | None = Field(default=None, description="Argument or reference path at fault.")
    message: str = Field(description="What is wrong.")


class PlanValidationError(ValueError):
    """Raised when a plan fails static validation; carries every issue found."""

    def __init__(self, issues: list[PlanIssue]) -> None:
        self.issues = issues
        text = "; ".join(
            f"step '{i.step}'" + (f" at '{i.path}'" if i.path else "") + f": {i.message}" for i in issues
        )
        super().__init__(f"plan rejected before any tool ran: {text}")
