"""Policy detection tolerant of informal wording: '&' for 'and', informal names of the treaty, and
words between the parts of a multiword treaty term (en and pt)."""

from __future__ import annotations

import pytest

from planexec.nodes.understanding.parse import understand_query
from planexec.nodes.understanding.policy import parse_policy_topic, policy_strength


@pytest.mark.parametrize(
    "query",
    [
        "explain loss & damage",
        "what about losses and damages?",
        "loss-and-damage under the treaty",
        "perdas & danos",
        "long-term low greenhouse gas emission development strategies",
        "low emission strategies",
        "low-emission development strategy of a country",
        "estratégias de desenvolvimento de baixa emissão",
        "estratégias de longo prazo de baixas emissões",
        "enhanced transparency framework",
        "the transparency reporting framework",
        "global stock take",
        "what does the paris deal say?",
        "paris accord commitments",
        "the paris climate agreement",
        "the paris climate accords",
        "acordo climático de Paris",
        "o acordo do clima de Paris",
        "COP21 agreement",
        "what is in the COP 21 deal?",
    ],
)
def test_strong_policy_phrases(query: str) -> None:
    strong, _ = policy_strength(query)
    assert strong, query


@pytest.mark.parametrize(
    "query",
    [
        "long term strategies",
        "long-term national strategies",
        "technology development and transfer",
        "climate finance",
        "estratégias nacionais de longo prazo",
    ],
)
def test_topical_policy_phrases(query: str) -> None:
    strong, weak = policy_strength(query)
    assert strong or weak >= 1, query


@pytest.mark.parametrize(
    "query",
    [
        "solar plants in Paris",
        "long term solar plants",
        "map solar plants near extreme heat",
        "damage to solar plants",
    ],
)
def test_no_policy_question(query: str) -> None:
    assert policy_strength(query) == (False, 0)


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("explain loss & damage in the paris deal", "loss & damage"),
        ("acordo climático de Paris e adaptação", "adaptação"),
        ("COP21 agreement on transparency", "transparency"),
        ("paris climate accord withdrawal", "withdrawal"),
        ("what does the Paris accord say about finance?", "finance"),
        ("summarize the paris deal", None),
    ],
)
def test_topic_drops_informal_treaty_names(query: str, topic: str | None) -> None:
    assert parse_policy_topic(query) == topic


@pytest.mark.parametrize(
    "query",
    [
        "explain loss & damage in the paris deal",
        "long term low emission strategies paris",
        "o que o acordo climático de paris diz sobre perdas & danos?",
        "paris accord and long term strategies",
    ],
)
def test_routes_to_policy(query: str) -> None:
    assert understand_query(query).intents.best == "policy_summary"
