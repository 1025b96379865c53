"""Section step: retrieve the passages for one section from the memory index (BM25)."""

from __future__ import annotations

import time
from typing import Any

from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.state import SectionWork
from planexec.nodes.drafting.tracing import trace
from planexec.schemas.drafting import Retrieval, SectionSpec
from planexec.tools.stores.memory_index import MemoryIndex


def section_query(spec: SectionSpec, feedback: str | None) -> str:
    """Feedback words first (they are what the reviewer asked for), then the template query."""
    return " ".join(part for part in (feedback or "", spec.query, " ".join(spec.keywords)) if part)


def retrieve(work: SectionWork, *, ctx: DraftingContext) -> dict[str, Any]:
    started = time.time()
    task = work["task"]
    spec = SectionSpec.model_validate(task["spec"])
    query = section_query(spec, task.get("feedback"))
    found = MemoryIndex(task["memory_path"]).search(query, k=ctx.top_k)
    passages = [
        {"passage_id": p.passage_id, "document": p.document, "heading": p.heading, "text": p.text}
        for p in found
    ]
    ids = [p["passage_id"] for p in passages]
    output = Retrieval(section_id=spec.id, query=query, passage_ids=ids).model_dump()
    record = trace(
        "retrieve", Retrieval, query, output, started=started, section_id=spec.id, passages=len(ids)
    )
    return {"passages": passages, "trace": [*work.get("trace", []), record]}
