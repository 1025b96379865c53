"""Echo checks: a long word run shared with the prompt, JSON-looking text, fact keys, a repeated question."""

from __future__ import annotations

from planexec.nodes.output_checks.echo import json_echo, prompt_echo, repeats, shared_run

PROMPT = "Use only the facts given. Every number you write must be one of the facts' numbers."


def test_a_six_word_run_from_the_prompt_is_an_echo() -> None:
    text = "Sure. Every number you write must be one of them: 245."
    assert shared_run(text, PROMPT) == "every number you write must be"
    assert prompt_echo(text, [PROMPT]) == "repeats the prompt: 'every number you write must be'"


def test_a_few_shared_words_are_not_an_echo() -> None:
    assert prompt_echo("Only the facts: 245 plants lie near 42 zones.", [PROMPT]) is None


def test_json_looking_text_is_an_echo() -> None:
    assert json_echo('{"plants_within":245,"heat_zones":42}') == 'JSON-like text ("plants_within":)'
    assert json_echo("facts: {245, 42}") == "JSON-like text (braces)"


def test_a_snake_case_fact_key_is_an_echo_but_a_plain_word_key_is_not() -> None:
    keys = ["plants_within", "share"]
    assert json_echo("plants_within is 245", keys) == "names the fact key 'plants_within'"
    assert json_echo("The share is 1.4%; 245 plants lie within 1 km.", keys) is None


def test_an_answer_repeating_the_question_is_found() -> None:
    question = "which INMET station is hottest?"
    assert repeats("Which INMET station is hottest?", question)
    assert repeats("Question: which INMET station is hottest? Answer:", question)
    assert not repeats("The hottest INMET station is in quintile 5 of the heat-stress zones.", question)
    assert not repeats("", question)
