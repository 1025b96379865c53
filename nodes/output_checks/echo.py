"""Echoes: text that repeats its prompt (a long shared word run) or looks like the JSON it was given.

A base model given a prompt it cannot follow continues or repeats it: the system prompt's rules,
the facts as JSON (braces, quoted keys, snake_case keys verbatim), or the user's question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ECHO_WORDS = 6
"""A run of this many words shared with the prompt, in order, is an echo (prose rarely shares 6)."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_JSON_KEY = re.compile(r"[\"']\s*[A-Za-z_][\w ]{0,40}[\"']\s*:")
_BRACES = re.compile(r"[{}]")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def words(text: str) -> list[str]:
    """Lower-cased words (letters and digits; apostrophes kept inside a word)."""
    return [w.lower() for w in _WORD.findall(text)]


def _ngrams(tokens: list[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shared_run(text: str, source: str, min_words: int = ECHO_WORDS) -> str | None:
    """The first run of `min_words` words `text` shares with `source` (in order), or None."""
    seen = set(_ngrams(words(source), min_words))
    for gram in _ngrams(words(text), min_words):
        if gram in seen:
            return " ".join(gram)
    return None


def prompt_echo(text: str, prompts: Iterable[str], min_words: int = ECHO_WORDS) -> str | None:
    """Why the text is an echo of one of the prompts ("repeats the prompt: '…'"), or None."""
    for prompt in prompts:
        if run := shared_run(text, prompt, min_words):
            return f"repeats the prompt: '{run}'"
    return None


def json_echo(text: str, keys: Iterable[str] = ()) -> str | None:
    """Why the text looks like JSON or a dump of the given keys, or None.

    JSON-looking: a quoted key followed by ':' or a brace. Keys: any snake_case key (e.g.
    'plants_within') written verbatim — prose does not name a fact by its identifier."""
    if key := _JSON_KEY.search(text):
        return f"JSON-like text ({key.group(0).strip()})"
    if _BRACES.search(text):
        return "JSON-like text (braces)"
    written = set(re.findall(r"[A-Za-z0-9_]+", text))
    for name in keys:
        if _IDENTIFIER.match(name) and name in written:
            return f"names the fact key '{name}'"
    return None


def repeats(text: str, question: str, share: float = 0.8) -> bool:
    """True when `text` is (mostly) the question again: its words are at least `share` question words
    and it adds fewer words than the question has (an echo, not an answer quoting the question)."""
    asked, said = words(question), words(text)
    if not asked or not said:
        return False
    asked_set = set(asked)
    from_question = sum(1 for w in said if w in asked_set)
    return from_question / len(said) >= share or (
        shared_run(text, question, min(len(asked), ECHO_WORDS)) is not None
        and len(said) - from_question < len(asked)
    )
