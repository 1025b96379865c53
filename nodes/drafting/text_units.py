"""Helpers (not a node): the text units drafting works with — tokens, key terms, numbers, sentences,
and near-duplicate similarity (token-set Jaccard)."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\s*\[\d+(?:\s*,\s*\d+)*\])*\s+(?=[A-Z(“\"'0-9])")
_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "are",
        "its",
        "shall",
        "which",
        "their",
        "these",
        "those",
        "such",
        "into",
        "than",
        "then",
        "there",
        "also",
        "been",
        "being",
        "has",
        "have",
        "had",
        "was",
        "were",
        "will",
        "would",
        "should",
        "could",
        "may",
        "might",
        "can",
        "must",
        "not",
        "nor",
        "but",
        "any",
        "all",
        "each",
        "other",
        "some",
        "more",
        "most",
        "only",
        "own",
        "same",
        "very",
        "under",
        "over",
        "between",
        "about",
        "after",
        "before",
        "during",
        "both",
        "per",
        "via",
        "upon",
        "including",
        "inter",
        "alia",
        "hereby",
        "whose",
        "whom",
        "who",
        "what",
        "when",
        "where",
        "while",
        "well",
    ]
)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _stem(word: str) -> str:
    """A light plural/verb-s stem so 'contributions' meets 'contribution'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> set[str]:
    """Content words: lowercased tokens longer than 2 letters, not stop words, not numbers, stemmed."""
    return {_stem(t) for t in tokens(text) if len(t) > 2 and t not in STOP and not t.isdigit()}


def numbers(text: str) -> set[str]:
    """Numbers as written without thousands separators ('9,132' and '9132' are the same number)."""
    return {n.replace(",", "") for n in _NUMBER.findall(_MARKER.sub(" ", text))}


def strip_markers(text: str) -> str:
    """The text without its [n] citation markers."""
    return " ".join(_MARKER.sub("", text).split())


def split_sentences(text: str) -> list[str]:
    """Sentences of drafted prose (citation markers stay with the sentence they end)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    """Near-duplicate score of two texts: Jaccard of their content-word sets."""
    return jaccard(terms(a), terms(b))
