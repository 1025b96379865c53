"""Node: chunk the described inputs (and the profile's facts) into an FTS5 memory with stable ids."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.drafting.context import DraftingContext, drafting_context
from planexec.nodes.drafting.profile_io import profile_facts
from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.tracing import canonical_hash, trace
from planexec.schemas.drafting import InputDescription, MemoryInfo
from planexec.tools.files.inputs import read_input, split_sections
from planexec.tools.stores.memory_index import Passage, build_index, chunk_document

FACTS_DOCUMENT = "project_profile.facts"


def passages_of(description: InputDescription, ctx: DraftingContext) -> list[Passage]:
    read = read_input(description.name, description.path, max_bytes=ctx.max_input_bytes)
    return chunk_document(description.name, split_sections(read.text, read.kind))


def fact_passages(facts: list[str]) -> list[Passage]:
    return [
        Passage(f"{FACTS_DOCUMENT}#s1.p{i}", FACTS_DOCUMENT, 1, i, "Facts", f) for i, f in enumerate(facts, 1)
    ]


def index_memory(state: DraftingState, runtime: Runtime[DraftingContext]) -> dict[str, Any]:
    started = time.time()
    ctx = drafting_context(runtime)
    descriptions = [InputDescription.model_validate(d) for d in state.get("input_descriptions") or []]
    facts = profile_facts(state)
    key = canonical_hash([[d.name, d.sha256] for d in descriptions] + [facts])
    path = ctx.resolved_memory_dir() / f"memory-{key}.sqlite"
    passages = [p for d in descriptions for p in passages_of(d, ctx)] + fact_passages(facts)
    count = build_index(path, passages)
    ids = [p.passage_id for p in passages]
    info = MemoryInfo(memory_path=str(path), passages=count, documents=len(descriptions) + bool(facts))
    record = trace("index_memory", MemoryInfo, key, ids, started=started, passages=count)
    return {"memory_path": info.memory_path, "passages_indexed": count, "trace": [record]}
