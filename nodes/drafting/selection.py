"""Helpers (not a node): which source sentences each section of the plan uses (extractive drafting).

Sections are drafted in parallel (Send), so no worker sees what its peers are writing. Instead every
worker computes the SAME deterministic allocation for the whole plan and keeps its own share:

- the pool of a section: the readable sentences (no fragment, mid-clause start or meta text) of the
  passages its query retrieves that share a term with the query, scored by query-term overlap per
  sqrt(length) minus a rank penalty (feedback terms count double);
- sections already drafted and kept (earlier batches, earlier rounds) are fixed: their sentences are
  claimed first;
- then the other sections pick in turns (dependencies first, then plan order), each its best
  MMR candidate — relevance minus LAMBDA x its similarity to the sentences it already has — that
  no section has claimed a near-duplicate of (Jaccard >= CLAIM_SIMILARITY), until it reaches the
  middle of its word bounds. The deeper passages of the pool (rank >= PRIMARY_RANKS) only serve to
  reach the minimum length: no filler past it.

One exception: a sentence with at least ASKED of the reviewer's feedback terms may repeat one of a
kept section — the reviewer asked for it here, and the metrics then report the repetition.

A section's picks do not depend on whether a peer is simulated or fixed (a fixed peer's sentences were
never near-duplicates of what the section picks), so parallel workers agree without talking, and
no sentence — or near-duplicate of one — appears in two sections.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from planexec.nodes.drafting.readability import LIST_ITEM, sentence_problems
from planexec.nodes.drafting.text_units import jaccard, split_sentences, strip_markers, terms
from planexec.schemas.drafting import SectionSpec

LAMBDA = 0.7
CLAIM_SIMILARITY = 0.6
RANK_PENALTY = 0.05
PRIMARY_RANKS = 6
ASKED = 2


@dataclass(frozen=True)
class Candidate:
    """One source sentence a section could use."""

    sentence: str
    rank: int  # the passage's rank in the section's retrieval
    position: int  # the sentence's position in the passage
    passage_id: str
    terms: frozenset[str]
    words: int
    relevance: float
    asked: int  # feedback terms it contains


@dataclass(frozen=True)
class SectionPool:
    """A section of the plan with the passages its query retrieved."""

    spec: SectionSpec
    feedback: str | None
    passages: list[dict[str, Any]]


def source_sentences(text: str) -> list[str]:
    """Sentences of a passage: its list marker removed, capitalized, ending with a full stop (a colon
    is kept: a sentence introducing a list does not stand alone, and the readability check drops it)."""
    out = []
    for raw in split_sentences(LIST_ITEM.sub("", text.strip())):
        sentence = raw.strip()
        if sentence and sentence[0].isalpha():
            sentence = sentence[0].upper() + sentence[1:]
        if sentence:
            out.append(sentence if sentence[-1] in ".!?:" else sentence.rstrip(";, ") + ".")
    return out


def candidates(pool: SectionPool) -> list[Candidate]:
    """The readable sentences of the pool's passages with their relevance to the section."""
    wanted = terms(f"{pool.spec.query} {' '.join(pool.spec.keywords)}")
    asked = terms(pool.feedback or "")
    out = []
    for rank, passage in enumerate(pool.passages):
        list_item = LIST_ITEM.match(passage["text"].strip()) is not None
        for position, sentence in enumerate(source_sentences(passage["text"])):
            if sentence_problems(sentence, list_item=list_item):
                continue
            found, words = terms(sentence), len(sentence.split())
            answers = len(found & asked)
            overlap = len(found & wanted) + 2 * answers
            if not overlap:
                continue
            score = (overlap + 0.5) / math.sqrt(words) - RANK_PENALTY * rank
            out.append(
                Candidate(
                    sentence, rank, position, passage["passage_id"], frozenset(found), words, score, answers
                )
            )
    return sorted(out, key=lambda c: (-c.relevance, c.rank, c.position))


def _claimed(candidate: Candidate, claimed: list[frozenset[str]]) -> bool:
    return any(jaccard(set(candidate.terms), set(c)) >= CLAIM_SIMILARITY for c in claimed)


def _best(pool: list[Candidate], mine: list[Candidate], room: int, ranks: int) -> Candidate | None:
    def mmr(c: Candidate) -> float:
        redundancy = max((jaccard(set(c.terms), set(m.terms)) for m in mine), default=0.0)
        return c.relevance - LAMBDA * redundancy

    fitting = [c for c in pool if c.words <= room and c.rank < ranks]
    return max(fitting, key=lambda c: (mmr(c), -c.rank, -c.position), default=None)


def turn_order(pools: list[SectionPool]) -> list[SectionPool]:
    """Sections others depend on pick first (a summary takes what its sources left), then plan order."""
    depth: dict[str, int] = {}
    specs = {p.spec.id: p.spec for p in pools}

    def level(sid: str, seen: frozenset[str] = frozenset()) -> int:
        if sid not in depth:
            deps = [d for d in specs[sid].depends_on if d in specs and d not in seen]
            depth[sid] = 1 + max((level(d, seen | {sid}) for d in deps), default=0)
        return depth[sid]

    return sorted(pools, key=lambda p: (level(p.spec.id), pools.index(p)))


def allocate(pools: list[SectionPool], taken: dict[str, list[str]]) -> dict[str, list[Candidate]]:
    """Section id -> its chosen candidates, for every section not in `taken` (id -> drafted paragraphs)."""
    kept = [
        frozenset(terms(s))
        for texts in taken.values()
        for t in texts
        for s in split_sentences(strip_markers(t))
    ]
    claimed: list[frozenset[str]] = []
    active = [p for p in turn_order(pools) if p.spec.id not in taken]
    remaining = {p.spec.id: candidates(p) for p in active}
    chosen: dict[str, list[Candidate]] = {p.spec.id: [] for p in active}
    words = dict.fromkeys(chosen, 0)
    moving = True
    while moving:
        moving = False
        for pool in active:
            sid, spec = pool.spec.id, pool.spec
            if words[sid] >= (spec.min_words + spec.max_words) // 2:
                continue
            remaining[sid] = [
                c
                for c in remaining[sid]
                if not _claimed(c, claimed) and (c.asked >= ASKED or not _claimed(c, kept))
            ]
            ranks = PRIMARY_RANKS if words[sid] >= spec.min_words else len(pool.passages)
            pick = _best(remaining[sid], chosen[sid], spec.max_words - words[sid], ranks)
            if pick is None:
                continue
            chosen[sid].append(pick)
            words[sid] += pick.words
            claimed.append(pick.terms)
            remaining[sid].remove(pick)
            moving = True
    return chosen
