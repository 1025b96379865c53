"""A recipe added in one module (tests/integration/graph/glossary_recipe.py) and registered through
the registry's public API runs end to end through the chat graph, real policy server included."""

from __future__ import annotations

import pytest

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.nodes.proposers.llm import build_messages
from planexec.nodes.recipes import REGISTRY
from planexec.nodes.recipes.registry import RecipeError
from planexec.nodes.transitions import all_edges
from planexec.nodes.understanding.parse import understand_query
from planexec.schemas.proposals import Situation
from tests.integration.graph import glossary_recipe

pytestmark = pytest.mark.integration
QUERY = "glossary entry for adaptation"


async def test_a_registered_recipe_runs_end_to_end(context: ChatContext) -> None:
    with REGISTRY.registered(glossary_recipe.RECIPE):
        assert "glossary" in all_edges()
        response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    meta = response["metadata"]
    route = meta["proposals"][0]
    assert "glossary" in route["legal_edges"]  # its guard made it legal
    assert "policy_summary" in route["legal_edges"]  # a competitor: 'adaptation' is a policy word
    assert (route["edge"], route["chosen_by"]) == ("glossary", "rules")
    assert "intent 'glossary' scores 0.95" in route["rationale"]
    assert meta["intent"] == "glossary"
    assert [(s["server"], s["tool"], s["status"]) for s in meta["plan"]] == [
        ("policy", "SearchPassages", "ok")
    ]
    glossary = next(m for m in response["modules"] if m.get("heading") == "Glossary")
    assert "Paris Agreement" in glossary["text"]  # the composer's module, from the real server
    passages = meta["counts"]["passages"]
    assert passages >= 1
    overview = response["modules"][0]["text"]  # its template narration, then the filters line
    assert overview.startswith(f"Glossary: {passages} passage(s) define “adaptation”.\n\nFilters: ")
    assert meta["facts_summary"]["narrated_by"] == "template"


async def test_without_the_recipe_the_same_query_is_not_routed_to_it(context: ChatContext) -> None:
    assert "glossary" not in REGISTRY
    response = await process_chat_query(QUERY, context=context, checkpoint_url="memory://")
    assert "glossary" not in response["metadata"]["proposals"][0]["legal_edges"]
    assert response["metadata"]["intent"] == "policy_summary"


def test_its_description_is_the_llm_edge_meaning_and_its_score_an_intent() -> None:
    with REGISTRY.registered(glossary_recipe.RECIPE):
        understanding = understand_query(QUERY)
        assert understanding.intents.best == "glossary" and understanding.intents.scores["glossary"] == 0.95
        situation = Situation(
            phase="route", query=QUERY, slots={}, intent_scores={}, legal_edges=["glossary", "clarify"]
        )
        system = str(build_messages(situation)[0].content)
    assert "- glossary: define a term from the policy passages" in system
    assert "glossary" not in understand_query(QUERY).intents.scores


def test_registry_rejects_reserved_and_duplicate_names() -> None:
    import dataclasses

    with pytest.raises(RecipeError):
        REGISTRY.register(dataclasses.replace(glossary_recipe.RECIPE, name="clarify"))
    with pytest.raises(RecipeError):
        REGISTRY.register(dataclasses.replace(glossary_recipe.RECIPE, name="solar_map"))
    assert REGISTRY["solar_map"].name == "solar_map"
