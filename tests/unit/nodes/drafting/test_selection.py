"""The plan-wide sentence allocation: no sentence in two sections, readable sentences only, and a
worker that sees a peer's finished draft picks what it would have picked while simulating that peer."""

from __future__ import annotations

from typing import Any

from planexec.nodes.drafting.extractive import paragraphs_of
from planexec.nodes.drafting.selection import SectionPool, allocate
from planexec.schemas.drafting import SectionSpec

TEXTS = [
    "Parties shall enhance adaptation action and resilience in vulnerable regions of every country.",
    "Parties shall enhance adaptation action and resilience in vulnerable regions of each country.",
    "Solar plants in Brazil reached 17,613 MW of installed capacity in the extract of the regulator.",
    "The Northeast region hosts 338 solar plants with 9,132 MW of installed solar capacity in total.",
    "(d) Events that may involve irreversible and permanent loss and damage;",
    "Finance and technology support for adaptation shall be provided to developing country Parties.",
]
PASSAGES = [{"passage_id": f"d#s1.p{i}", "text": t} for i, t in enumerate(TEXTS, 1)]


def pool(sid: str, query: str, depends_on: list[str] | None = None) -> SectionPool:
    spec = SectionSpec(
        id=sid, title=sid, query=query, min_words=10, max_words=40, depends_on=depends_on or []
    )
    return SectionPool(spec, None, PASSAGES)


POOLS = [
    pool("summary", "adaptation solar capacity", ["adaptation", "evidence"]),
    pool("adaptation", "adaptation resilience loss damage events"),
    pool("evidence", "solar plants capacity Northeast"),
]


def sentences(chosen: dict[str, Any]) -> dict[str, list[str]]:
    return {sid: [c.sentence for c in picks] for sid, picks in chosen.items()}


def test_no_sentence_or_near_duplicate_lands_in_two_sections_and_fragments_are_skipped() -> None:
    chosen = sentences(allocate(POOLS, {}))
    used = [s for picks in chosen.values() for s in picks]
    assert len(used) == len(set(used)) and all(chosen.values())
    assert not any("Events that may involve" in s for s in used)
    assert not (TEXTS[0] in used and TEXTS[1] in used)  # near-duplicates: one section claims the pair
    assert chosen["evidence"] and all("solar" in s.lower() for s in chosen["evidence"])


def test_a_finished_peer_does_not_change_what_a_section_picks() -> None:
    simulated = allocate(POOLS, {})
    evidence = paragraphs_of(simulated["evidence"])
    taken = {"evidence": [p["text"] for p in evidence["paragraphs"]]}
    fixed = allocate(POOLS, taken)
    assert "evidence" not in fixed
    assert sentences(fixed) == {k: v for k, v in sentences(simulated).items() if k != "evidence"}
    assert evidence["paragraphs"][0]["text"].endswith("[1]") and evidence["citations"][0]["n"] == 1
