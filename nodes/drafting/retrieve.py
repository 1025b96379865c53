"""Section step: retrieve the passages for one section from the memory index (BM25); and, for the
extractive composer, the passages of every section of the plan (the allocation pools)."""

from __future__ import annotations

import time
from typing import Any

from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.selection import SectionPool
from planexec.nodes.drafting.state import SectionTask, SectionWork
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import Retrieval, SectionSpec
from planexec.tools.stores.memory_index import MemoryIndex, Passage


def section_query(spec: SectionSpec, feedback: str | None) -> str:
    """Feedback words first (they are what the reviewer asked for), then the template query."""
    return " ".join(part for part in (feedback or "", spec.query, " ".join(spec.keywords)) if part)


def pool_size(ctx: DraftingContext) -> int:
    """Passages per section: the model reads top_k; the extractive composer picks from a wider pool."""
    return ctx.top_k if ctx.llm is not None else max(ctx.top_k, ctx.extractive_pool)


def as_dicts(found: list[Passage]) -> list[dict[str, Any]]:
    return [
        {"passage_id": p.passage_id, "document": p.document, "heading": p.heading, "text": p.text}
        for p in found
    ]


def section_pools(task: SectionTask, ctx: DraftingContext) -> list[SectionPool]:
    """Every section of the plan (the task's peers, in plan order) with the passages its query finds."""
    index = MemoryIndex(task["memory_path"])
    peers = task.get("peers") or [{"spec": task["spec"], "feedback": task.get("feedback")}]
    pools = []
    for peer in peers:
        spec = SectionSpec.model_validate(peer["spec"])
        found = index.search(section_query(spec, peer.get("feedback")), k=max(ctx.top_k, ctx.extractive_pool))
        pools.append(SectionPool(spec, peer.get("feedback"), as_dicts(found)))
    return pools


def retrieve(work: SectionWork, *, ctx: DraftingContext) -> dict[str, Any]:
    started = time.time()
    task = work["task"]
    spec = SectionSpec.model_validate(task["spec"])
    query = section_query(spec, task.get("feedback"))
    passages = as_dicts(MemoryIndex(task["memory_path"]).search(query, k=pool_size(ctx)))
    ids = [p["passage_id"] for p in passages]
    output = Retrieval(section_id=spec.id, query=query, passage_ids=ids).model_dump()
    record = trace(
        "retrieve", Retrieval, query, output, started=started, section_id=spec.id, passages=len(ids)
    )
    return {"passages": passages, "trace": [*work.get("trace", []), record]}
