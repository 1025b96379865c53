"""Helpers (not a node): reading-quality checks of one sentence — fragments, mid-clause starts and
meta text. Shared by the extractive composer (it never picks a flagged sentence) and the drafting
quality metrics (which count them in any draft, extractive or LLM).

A sentence is a **fragment** when it
- has fewer than MIN_WORDS words ("short");
- ends on a dangling conjunction or preposition, or a colon/semicolon ("dangling": '…; and.',
  '… including by.');
- is a list item in its source (its passage opens with '(a)', '(iv)'…), which does not stand alone
  out of its list ("list_item");
- opens like a list item — a gerund ('Holding …') or an infinitive ('To contribute …') — with no
  auxiliary verb in its main clause ("list_opening");
- has no verb-like token outside its relative clauses (each relative pronoun — that, which, who… —
  takes the next verb-like token as its own): an auxiliary/modal, a verb right after a plural
  subject ('Parties recognize'), or an -s/-ed form not preceded by a determiner, preposition or
  -ly adverb ("no_verb": 'Events that may involve irreversible loss.').
A sentence **starts mid-clause** when its first character is lowercase or a closing bracket or
punctuation, or its first word is a conjunction or relative pronoun.
**Meta text** talks about the drafting rather than the subject ('The drafting inputs are…').
"""

from __future__ import annotations

import re

from planexec.nodes.drafting.text_units import strip_markers, tokens

MIN_WORDS = 6
AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "shall",
        "should",
        "will",
        "would",
        "may",
        "might",
        "can",
        "could",
        "must",
    ]
)
_NOT_BEFORE_VERB = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "its",
        "their",
        "all",
        "each",
        "other",
        "under",
        "at",
        "as",
        "this",
        "that",
        "these",
        "those",
        "such",
        "any",
        "some",
        "no",
        "our",
        "his",
        "her",
    ]
)
_ADVERBS = frozenset(
    ["hereby", "also", "further", "thus", "therefore", "jointly", "together", "still", "already"]
)
_RELATIVE = frozenset(["that", "which", "who", "whom", "whose", "whereby"])
_GERUND_NOT_VERB = frozenset(["during", "according", "notwithstanding", "regarding", "concerning"])
_MID_CLAUSE_WORDS = frozenset(
    ["and", "or", "but", "nor", "which", "whereas", "including", "while", "whose", "whom", "thereby"]
)
LIST_ITEM = re.compile(r"^\(\s*(?:[a-z]|[ivx]{1,5})\s*\)\s", re.I)
_DANGLING = re.compile(
    r"(?:[;:,]|\b(?:and|or|nor|but|by|to|of|for|with|in|on|including|following|as follows))\s*[.!?]?$", re.I
)
META = re.compile(
    r"\b(?:drafting inputs?|the inputs (?:are|were)|planexec|chat query|these facts summari[sz]e|"
    r"this (?:brief|document|draft|paper|section) (?:is|was) (?:drafted|generated|written|produced))\b",
    re.I,
)


def _verb_like(words: list[str], i: int) -> bool:
    word, before = words[i], words[i - 1]
    if word in AUX:
        return True
    if len(word) < 4 or before in _NOT_BEFORE_VERB or before.endswith("ly"):
        return False
    if word.endswith("ed") or (word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics"))):
        return True
    first_is_plural_subject = i <= 2 and words[0].endswith("s") and all(w in _ADVERBS for w in words[1:i])
    return first_is_plural_subject and word not in _NOT_BEFORE_VERB and not word.endswith(("al", "ive"))


def has_main_verb(words: list[str]) -> bool:
    """A verb-like token outside relative clauses: each relative pronoun takes the next verb as its own."""
    open_relatives = 0
    for i in range(1, len(words)):
        if words[i] in _RELATIVE:
            open_relatives += 1
        elif _verb_like(words, i):
            if not open_relatives:
                return True
            open_relatives -= 1
    return False


def main_clause(words: list[str]) -> list[str]:
    """The words before the first relative pronoun (after the first word)."""
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _RELATIVE), len(words))
    return words[:cut]


def fragment_reason(sentence: str, *, list_item: bool = False) -> str | None:
    """Why `sentence` is a fragment ('short', 'dangling', 'list_item', 'list_opening', 'no_verb'), or None."""
    text = strip_markers(sentence)
    words = tokens(text)
    if len(text.split()) < MIN_WORDS:
        return "short"
    if _DANGLING.search(text):
        return "dangling"
    if list_item:
        return "list_item"
    main = main_clause(words)
    has_aux = any(w in AUX for w in main)
    opening = words[0]
    if ((opening.endswith("ing") and opening not in _GERUND_NOT_VERB) or opening == "to") and not has_aux:
        return "list_opening"
    if not has_main_verb(words):
        return "no_verb"
    return None


def starts_mid_clause(sentence: str) -> bool:
    text = strip_markers(sentence)
    if not text:
        return False
    first = text[0]
    if first.islower() or first in ")]},.;:":
        return True
    words = tokens(text)
    return bool(words) and words[0] in _MID_CLAUSE_WORDS


def is_meta(sentence: str) -> bool:
    return META.search(sentence) is not None


def sentence_problems(sentence: str, *, list_item: bool = False) -> list[str]:
    """Every reading-quality problem of one sentence: 'fragment:<reason>', 'mid_clause', 'meta'."""
    problems = []
    reason = fragment_reason(sentence, list_item=list_item)
    if reason:
        problems.append(f"fragment:{reason}")
    if starts_mid_clause(sentence):
        problems.append("mid_clause")
    if is_meta(sentence):
        problems.append("meta")
    return problems
