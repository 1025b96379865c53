"""A toy recipe declared in ONE module (the registry's promise): 'glossary' questions answered
from the policy server's passages. Registered only by the test that uses it."""

from __future__ import annotations

import re
from typing import Any

from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.steps import finish
from planexec.schemas.modules import Module, TextModule
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots, Understanding
from planexec.schemas.tools.policy import PassageSearchResult

NAME = "glossary"
_TERM_RE = re.compile(r"\bglossary\s+(?:entry\s+)?(?:for|of)\s+(.+)$", re.IGNORECASE)


def term_of(text: str) -> str | None:
    match = _TERM_RE.search(text.strip().rstrip("?."))
    return match.group(1).strip() if match else None


def score(slots: Slots, text: str) -> float:
    return 0.95 if term_of(text) else 0.0


def guard(understanding: Understanding) -> bool:
    """Legal for a glossary question whose term the parser recognised as a policy topic."""
    return term_of(understanding.query) is not None and understanding.slots.policy_topic is not None


def build_plan(slots: Slots, session_id: str) -> Plan:
    return Plan(
        recipe=NAME,
        steps=[
            PlanStep(
                alias="lookup",
                server="policy",
                tool="SearchPassages",
                args={"query": slots.policy_topic, "limit": 3},
                description="look the term up in the policy passages",
            )
        ],
    )


def compose(inp: ComposeInput) -> ComposeOutput:
    modules: list[Module] = []
    facts: dict[str, Any] = {"term": inp.plan.steps[0].args["query"]}
    if inp.ok("lookup"):
        found = PassageSearchResult.model_validate(inp.load("lookup"))
        facts["passages"] = found.count
        lines = [f"- {p.citation}" for p in found.passages]
        modules.append(TextModule(heading="Glossary", text="\n".join(lines) or "No passage found."))
    return finish(inp, NAME, modules, facts, map_title="")


RECIPE = Recipe(
    name=NAME,
    description="define a term from the policy passages (glossary questions)",
    score=score,
    guard=guard,
    needs=("policy_topic",),
    build_plan=build_plan,
    compose=compose,
    narration=Narration(
        templates={
            "en": "Glossary: {passages} passage(s) define “{term}”.",
            "pt": "Glossário: {passages} trecho(s) definem “{term}”.",
        }
    ),
)
