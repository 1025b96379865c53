"""What a recipe is: a plan builder plus a composer. Adding a recipe = one module + its tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planexec.schemas.modules import FactsSummary, Module, TextModule
from planexec.schemas.plan import Plan
from planexec.schemas.slots import Slots
from planexec.schemas.steps import StepResult


@dataclass(frozen=True)
class ComposeInput:
    """What a composer gets: slots, the plan, step outcomes and a loader for their payloads."""

    slots: Slots
    plan: Plan
    results: dict[str, StepResult]
    load: Callable[[str], dict[str, Any]]
    language: str = "en"

    def ok(self, alias: str) -> bool:
        result = self.results.get(alias)
        return result is not None and result.status == "ok"

    def failures(self) -> list[StepResult]:
        return [r for r in self.results.values() if r.status != "ok"]


@dataclass
class ComposeOutput:
    modules: list[Module]
    facts: FactsSummary
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Recipe:
    name: str
    description: str
    build_plan: Callable[[Slots, str], Plan]
    compose: Callable[[ComposeInput], ComposeOutput]


def failure_module(inp: ComposeInput) -> TextModule | None:
    """A text module naming the steps that failed, or None when all went well."""
    failed = inp.failures()
    if not failed:
        return None
    lines = [
        f"- {r.alias} ({r.server}.{r.tool}): {r.status}" + (f" — {r.error}" if r.error else "")
        for r in failed
    ]
    return TextModule(heading="Partial answer", text="Some steps did not complete:\n" + "\n".join(lines))
