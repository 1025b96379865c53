"""Checks a model's narration must pass before it is shown; the first failing one is the reason.

In order: not cut off by the token limit (finish_reason "length"), not empty, within length bounds
(MIN_WORDS words .. MAX_CHARS characters), plain text (no HTML tags or entities, Markdown tables,
code fences), not an echo of the facts JSON (braces, quoted keys, snake_case fact keys verbatim)
nor of the system prompt (a run of ECHO_WORDS words), in the language asked (script and function
words), and every number from the facts (`number_check`). Any failure: the caller uses the template.
"""

from __future__ import annotations

from planexec.nodes.narration.number_check import unsupported_numbers
from planexec.nodes.output_checks.echo import json_echo, prompt_echo, words
from planexec.nodes.output_checks.language import language_problem
from planexec.nodes.output_checks.markup import markup_in
from planexec.schemas.modules import FactsSummary

MIN_WORDS = 3
MAX_CHARS = 1500
MAX_WORDS = 250


def _shape(text: str) -> str | None:
    if not text:
        return "empty narration"
    count = len(words(text))
    if count < MIN_WORDS:
        return f"narration too short ({count} words)"
    if len(text) > MAX_CHARS or count > MAX_WORDS:
        return f"narration too long ({len(text)} characters, {count} words)"
    return None


def _content(text: str, facts: FactsSummary, language: str, prompts: list[str]) -> str | None:
    if markup := markup_in(text):
        return f"markup in the narration: {markup}"
    if echo := json_echo(text, facts.facts):
        return f"echo of the facts: {echo}"
    if echo := prompt_echo(text, prompts):
        return f"echo of the prompt: {echo}"
    if problem := language_problem(text, language):
        return f"wrong language: {problem}"
    invented = unsupported_numbers(text, facts)
    if invented:
        return "numbers not in the facts: " + ", ".join(invented[:5])
    return None


def check_narration(
    text: str,
    facts: FactsSummary,
    language: str = "en",
    *,
    prompts: list[str] | None = None,
    finish_reason: str | None = None,
) -> str | None:
    """Why a narration cannot be used, or None when it passes. `prompts`: the system prompt text(s)
    an echo is looked for in; `finish_reason`: the server's ("length" means cut off)."""
    if finish_reason == "length":
        return "narration cut off at the token limit (finish_reason 'length')"
    return _shape(text) or _content(text, facts, language, prompts or [])
