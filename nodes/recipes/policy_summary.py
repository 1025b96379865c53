"""Recipe: what the policy texts (the Paris Agreement) say about a topic, with citations.

Intent score: a strong phrase (Paris Agreement, UNFCCC, NDC, COP, Kyoto) -> 0.85 (+0.05 per weak
word, up to two); weak words only (policy, article N, adaptation, mitigation, 'what does … say')
-> 0.4 + 0.1 each, at most 0.7. Guard: something to search for (a topic, or policy words).
"""

from __future__ import annotations

from typing import Any

from planexec.nodes.recipes.base import ComposeInput, ComposeOutput, Narration, Recipe
from planexec.nodes.recipes.helpers import table
from planexec.nodes.recipes.steps import finish
from planexec.nodes.understanding.signals import policy_strength
from planexec.schemas.modules import Module, TextModule
from planexec.schemas.plan import Plan, PlanStep
from planexec.schemas.slots import Slots, Understanding

EXCERPT_CHARS = 280


def build_plan(slots: Slots, session_id: str) -> Plan:
    query = (slots.policy_topic or "").strip() or "climate"
    return Plan(
        recipe="policy_summary",
        steps=[
            PlanStep(
                alias="search",
                server="policy",
                tool="SearchPassages",
                args={"query": query, "limit": 5},
                description=f"search passages about '{query}'",
            ),
        ],
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def compose(inp: ComposeInput) -> ComposeOutput:
    modules: list[Module] = []
    facts: dict[str, Any] = {"topic": inp.slots.policy_topic}
    if inp.ok("search"):
        passages = inp.load("search")["passages"]
        facts.update(
            {"passages": len(passages), "citations": "; ".join(p["citation"] for p in passages) or None}
        )
        body = "\n\n".join(
            f"[{i}] {_excerpt(p['text'])} ({p['citation']})" for i, p in enumerate(passages, 1)
        )
        modules.append(TextModule(heading="Relevant passages", text=body or "No passage matched the topic."))
        modules.append(
            table(
                "Citations",
                ["#", "Citation", "Passage id", "Score"],
                [
                    [i, p["citation"], p["id"], round(p.get("score") or 0.0, 3)]
                    for i, p in enumerate(passages, 1)
                ],
            )
        )
    return finish(inp, "policy_summary", modules, facts, map_title="")


def score(slots: Slots, text: str) -> float:
    strong, weak = policy_strength(text)
    if strong:
        return 0.85 + 0.05 * min(weak, 2)
    return min(0.4 + 0.1 * weak, 0.7) if weak else 0.0


def guard(understanding: Understanding) -> bool:
    # something to search for
    return (
        bool(understanding.slots.policy_topic) or understanding.intents.scores.get("policy_summary", 0.0) > 0
    )


NARRATION = Narration(
    templates={
        "en": "Found {passages} passage(s) of the Paris Agreement about “{topic}”: {citations}.",
        "pt": "Foram encontrados {passages} trecho(s) do Acordo de Paris sobre “{topic}”: {citations}.",
    }
)

RECIPE = Recipe(
    name="policy_summary",
    description="summarise climate-policy passages with citations",
    score=score,
    guard=guard,
    build_plan=build_plan,
    compose=compose,
    narration=NARRATION,
)
