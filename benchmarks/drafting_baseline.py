"""The extractive composer as it was before issue 11 (kept ONLY here, as the "before" of the drafting
evaluation): per section, the best sentences of its retrieved passages by query-term overlap, with no
knowledge of the other sections and no reading-quality filter.

`baseline_composer()` patches it into planexec's compose_and_cite for the duration of a `with` block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from planexec.schemas.drafting import SectionSpec

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(“\"'])")
_LIST_MARK = re.compile(r"^(\(?[a-z0-9]{1,3}[.)]\s+)+", re.I)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
STOP = {"the", "and", "for", "with", "that", "this", "from", "are", "its", "shall", "which", "their"}


def terms(text: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(text) if len(t) > 2 and t.lower() not in STOP}


def sentences(text: str) -> list[str]:
    out = []
    for raw in _SENTENCE.split(text):
        sentence = _LIST_MARK.sub("", raw.strip()).strip()
        if len(sentence.split()) < 6 or sentence.endswith(":"):
            continue
        sentence = sentence[0].upper() + sentence[1:]
        out.append(sentence if sentence[-1] in ".!?" else sentence.rstrip(";,:") + ".")
    return out


def _candidates(passages: list[dict[str, Any]], wanted: set[str]) -> list[tuple[float, int, int, str]]:
    scored = []
    for rank, passage in enumerate(passages):
        for pos, sentence in enumerate(sentences(passage["text"])):
            words = len(sentence.split())
            overlap = len(terms(sentence) & wanted)
            score = (overlap + 0.5) / math.sqrt(words) - 0.05 * rank
            scored.append((score, rank, pos, sentence))
    return sorted(scored, key=lambda c: (-c[0], c[1], c[2]))


def compose_extractive_before(
    spec: SectionSpec, passages: list[dict[str, Any]], feedback: str | None
) -> dict[str, Any]:
    """The old selection: paragraphs (one per passage, rank order) of the best sentences within bounds."""
    wanted = terms(f"{feedback or ''} {spec.query} {' '.join(spec.keywords)}")
    target = spec.min_words + (spec.max_words - spec.min_words) // 2
    chosen: list[tuple[int, int, str]] = []
    total = 0
    for _score, rank, pos, sentence in _candidates(passages, wanted):
        words = len(sentence.split())
        if total + words > spec.max_words - 2 * len(passages) or total >= target:
            continue
        chosen.append((rank, pos, sentence))
        total += words
    by_rank: dict[int, list[str]] = {}
    for rank, _pos, sentence in sorted(chosen):
        by_rank.setdefault(rank, []).append(sentence)
    citations, paragraphs = [], []
    for n, (rank, texts) in enumerate(sorted(by_rank.items()), start=1):
        citations.append({"n": n, "passage_id": passages[rank]["passage_id"]})
        paragraphs.append({"text": f"{' '.join(texts)} [{n}]", "citations": [n]})
    return {"paragraphs": paragraphs, "citations": citations}


@contextmanager
def baseline_composer() -> Iterator[None]:
    """Draft with the old composer: each section from its own top 6 passages, nothing shared."""

    def old_write(work: Any, spec: SectionSpec, composer: str, ctx: Any) -> dict[str, Any]:
        return compose_extractive_before(spec, work["passages"][:6], work["task"].get("feedback"))

    with mock.patch("planexec.nodes.drafting.compose_and_cite._write", old_write):
        yield
