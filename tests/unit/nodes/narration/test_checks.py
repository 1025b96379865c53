"""check_narration: each check rejects its case with a clear reason; a good narration passes all."""

from __future__ import annotations

import json

import pytest

from planexec.nodes.narration.checks import check_narration
from planexec.nodes.narration.llm_narrator import SYSTEM_PROMPT
from planexec.schemas.modules import FactsSummary

FACTS = FactsSummary(
    intent="spatial_correlation",
    facts={"solar_plants": 17613, "heat_zones": 42, "plants_within": 245, "distance_km": 1, "share": 0.0139},
    highlights=["245 solar plants lie within 1 km of a heat-stress zone."],
)
GOOD_EN = "Of 17,613 solar plants, 245 lie within 1 km of the 42 heat-stress zones (about 1.4%)."
GOOD_PT = "Das 17.613 usinas solares, 245 ficam a até 1 km das 42 zonas de estresse térmico."
PROMPT = SYSTEM_PROMPT.format(language="English")


def check(text: str, language: str = "en", finish_reason: str | None = "stop") -> str | None:
    return check_narration(text, FACTS, language, prompts=[PROMPT], finish_reason=finish_reason)


def test_good_narrations_pass() -> None:
    assert check(GOOD_EN) is None
    assert check(GOOD_PT, "pt") is None


def test_a_narration_cut_off_at_the_token_limit_is_rejected() -> None:
    assert check(GOOD_EN, finish_reason="length") == (
        "narration cut off at the token limit (finish_reason 'length')"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty narration"),
        ("245 plants.", "narration too short (2 words)"),
        (" ".join([GOOD_EN] * 20), "narration too long (1719 characters, 380 words)"),
    ],
)
def test_length_bounds(text: str, reason: str) -> None:
    assert check(text) == reason


def test_an_html_table_is_rejected() -> None:
    text = "<table><tr><td>Plants</td><td>245</td></tr></table>"
    assert check(text) == "markup in the narration: HTML tag <table>"


def test_html_entities_are_rejected() -> None:
    assert (
        check("The zones&#39; plants: 245 lie within 1 km.") == "markup in the narration: HTML entity &#39;"
    )


def test_the_facts_json_echoed_is_rejected() -> None:
    echo = json.dumps({"intent": FACTS.intent, "facts": FACTS.facts}, separators=(",", ":"))
    assert check(echo) == 'echo of the facts: JSON-like text ("intent":)'


def test_a_fact_key_written_verbatim_is_rejected() -> None:
    assert check("plants_within 245 and heat_zones 42 for the facts.") == (
        "echo of the facts: names the fact key 'heat_zones'"
    )


def test_the_system_prompt_echoed_is_rejected() -> None:
    text = "You write the short overview of an answer a data agent has already computed."
    assert check(text) == "echo of the prompt: repeats the prompt: 'of an answer a data agent'"


def test_portuguese_when_english_was_asked_is_rejected() -> None:
    assert check(GOOD_PT, "en") == "wrong language: written in 'pt', not 'en'"


def test_japanese_tokens_are_rejected() -> None:
    assert check("Of 17,613 solar plants, 245 lie within 1 km 日本語 of the zones.") == (
        "wrong language: characters of another script ('日')"
    )


def test_an_invented_number_is_still_rejected() -> None:
    assert check("Of 17,613 plants, 312 lie within 1 km of a heat-stress zone.") == (
        "numbers not in the facts: 312"
    )
