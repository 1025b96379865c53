"""Helpers (not a node): extractive composition — the section's share of the plan-wide sentence
allocation (planexec.nodes.drafting.selection), one paragraph per source passage, each with its [n]."""

from __future__ import annotations

from typing import Any

from planexec.nodes.drafting.selection import Candidate, SectionPool, allocate
from planexec.schemas.drafting import SectionSpec


def paragraphs_of(chosen: list[Candidate]) -> dict[str, Any]:
    """Chosen sentences grouped by passage (retrieval rank order, source order within), cited [1], [2]…"""
    by_passage: dict[tuple[int, str], list[Candidate]] = {}
    for c in sorted(chosen, key=lambda c: (c.rank, c.position)):
        by_passage.setdefault((c.rank, c.passage_id), []).append(c)
    citations, paragraphs = [], []
    for n, ((_rank, passage_id), picked) in enumerate(by_passage.items(), start=1):
        citations.append({"n": n, "passage_id": passage_id})
        paragraphs.append({"text": f"{' '.join(c.sentence for c in picked)} [{n}]", "citations": [n]})
    return {"paragraphs": paragraphs, "citations": citations}


def compose_extractive(
    spec: SectionSpec, pools: list[SectionPool], taken: dict[str, list[str]]
) -> dict[str, Any]:
    """The section `spec` drafted from its allocated sentences (`pools`: every section of the plan,
    `taken`: paragraphs of the sections already drafted and kept)."""
    chosen = allocate(pools, {k: v for k, v in taken.items() if k != spec.id}).get(spec.id, [])
    return paragraphs_of(chosen)
