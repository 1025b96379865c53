"""What a recipe is: ONE module declares everything about it (see `Recipe`); adding a recipe is
that module, registered in the registry (`planexec.nodes.recipes.registry`), plus its tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planexec.nodes.i18n import label
from planexec.nodes.recipes.guards import ALWAYS
from planexec.schemas.modules import FactsSummary, Module, TextModule
from planexec.schemas.plan import Plan
from planexec.schemas.slots import Slots, Understanding
from planexec.schemas.steps import StepResult


@dataclass(frozen=True)
class ComposeInput:
    """What a composer gets: slots, the plan, step outcomes and a loader for their payloads."""

    slots: Slots
    plan: Plan
    results: dict[str, StepResult]
    load: Callable[[str], dict[str, Any]]
    language: str = "en"
    """The answer's language ('en' or 'pt'): every label and number in the modules is written in it."""

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


def no_extras(facts: Mapping[str, Any], language: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Narration:
    """Template narration from the facts only: one `str.format` template per language ('en', 'pt'),
    formatted with the facts — numbers written for the language (`1,234.5` / `1.234,5`) — plus what
    `extras(facts, language)` adds (phrases; numbers in them written with `nodes.i18n.fmt_number`)."""

    templates: Mapping[str, str]
    extras: Callable[[Mapping[str, Any], str], dict[str, Any]] = no_extras


@dataclass(frozen=True)
class Recipe:
    """Everything about one recipe. The chat graph's edge set, legal edges, routing, planning,
    composing, the rule proposer's candidates, intent scoring and the LLM's edge descriptions all
    derive from the registered recipes."""

    name: str
    """Edge and intent name (lower snake case)."""
    description: str
    """One line; the LLM proposer shows it as the meaning of this edge."""
    score: Callable[[Slots, str], float]
    """Intent signal: the score in [0, 1] of this recipe for the parsed slots and the cleaned query."""
    build_plan: Callable[[Slots, str], Plan]
    """(slots, correlation session id) -> the plan, statically checked before it runs."""
    compose: Callable[[ComposeInput], ComposeOutput]
    """Modules and the facts summary from the step results."""
    narration: Narration
    """Template narration of the facts summary (used without an LLM, and when the LLM's is rejected)."""
    guard: Callable[[Understanding], bool] = ALWAYS
    """The edge is legal only when this holds (besides the graph-wide guards). Declare it as data: a
    `Guard` (`nodes/recipes/guards.py`: features the question must / must not contain); any
    callable on the understanding is accepted for an ad hoc recipe."""
    needs: tuple[str, ...] = ()
    """Slot names the recipe needs; those that are empty are reported as `missing` when it is best."""

    def missing(self, slots: Slots) -> list[str]:
        return [name for name in self.needs if not getattr(slots, name)]


def failure_module(inp: ComposeInput) -> TextModule | None:
    """A text module naming the steps that failed, or None when all went well."""
    failed = inp.failures()
    if not failed:
        return None
    lines = [
        f"- {r.alias} ({r.server}.{r.tool}): {r.status}" + (f" — {r.error}" if r.error else "")
        for r in failed
    ]
    lang = inp.language
    return TextModule(
        heading=label("heading.partial", lang), text=label("text.partial", lang) + "\n" + "\n".join(lines)
    )
