"""Node: validate every section again, then write ArtifactSection + ReasoningTrace rows in ONE
transaction (idempotent: content-hash keys and unique constraints)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from langgraph.runtime import Runtime

from planexec.nodes.drafting.citations import section_errors
from planexec.nodes.drafting.context import DraftingContext, drafting_context
from planexec.nodes.drafting.state import DraftingState
from planexec.nodes.drafting.tracing import canonical_hash, tool_version, trace
from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.drafting import DraftPlan
from planexec.schemas.drafting_records import CommitResult
from planexec.schemas.drafting_section import SECTION_SCHEMA_NAME, SectionDraft
from planexec.tools.stores.draft_store import CommitRows, commit_rows, store_kind
from planexec.tools.stores.memory_index import MemoryIndex

COMMIT_TOOL = "drafting.validate_and_commit"


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def draft_errors(state: DraftingState) -> list[str]:
    """All reasons the draft cannot be committed ([] when it can)."""
    plan = DraftPlan.model_validate(state["plan"])
    index = MemoryIndex(state["memory_path"])
    sections, failures = state.get("sections") or {}, state.get("failures") or {}
    errors = []
    for spec in plan.sections:
        found = section_errors(sections.get(spec.id), spec, index)
        if found == ["no draft"] and failures.get(spec.id):
            found = [f"no valid draft ({e})" for e in failures[spec.id]]
        errors += [f"{spec.id}: {err}" for err in found]
    return errors


def build_rows(state: DraftingState, draft_id: str, now: str) -> CommitRows:
    plan = DraftPlan.model_validate(state["plan"])
    drafts = [SectionDraft.model_validate(state["sections"][s.id]) for s in plan.sections]
    artifact = {
        "draft_id": draft_id,
        "title": plan.title,
        "artifact_type": plan.artifact_type,
        "template": plan.template,
        "template_version": plan.template_version,
        "profile_hash": canonical_hash(state["profile"], 64),
        "sections": len(drafts),
        "created_at": now,
    }
    sections = [
        {
            "row_id": canonical_hash([draft_id, d.section_id, d.content_hash], 32),
            "draft_id": draft_id,
            "section_id": d.section_id,
            "position": i,
            "title": d.title,
            "body": "\n\n".join(p.text for p in d.paragraphs),
            "citations": json.dumps({c.n: c.passage_id for c in d.citations}),
            "content_hash": d.content_hash,
            "composer": d.composer,
            "tool_name": "drafting.compose_and_cite",
            "tool_version": tool_version(SectionDraft),
            "schema_name": SECTION_SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "created_at": now,
        }
        for i, d in enumerate(drafts, 1)
    ]
    steps = [t for t in state.get("trace") or [] if t["tool"] != COMMIT_TOOL]  # the run up to this commit
    return CommitRows(artifact, sections, [trace_row(draft_id, i, t) for i, t in enumerate(steps, 1)])


def trace_row(draft_id: str, seq: int, record: dict[str, Any]) -> dict[str, Any]:
    identity = [draft_id, seq, record["tool"], record["input_hash"], record["output_hash"], record["status"]]
    return {
        "row_id": canonical_hash(identity, 32),
        "draft_id": draft_id,
        "seq": seq,
        "tool_name": record["tool"],
        "tool_version": record["tool_version"],
        "schema_name": record["schema_name"],
        "schema_version": record["schema_version"],
        "section_id": record.get("section_id"),
        "input_hash": record["input_hash"],
        "output_hash": record["output_hash"],
        "status": record["status"],
        "started_at": iso(record["started_at"]),
        "finished_at": iso(record["finished_at"]),
        "detail": json.dumps(record.get("detail") or {}, sort_keys=True, default=str),
    }


def validate_and_commit(state: DraftingState, runtime: Runtime[DraftingContext]) -> dict[str, Any]:
    started = time.time()
    errors = draft_errors(state)
    if errors:
        result = CommitResult(status="rejected", errors=errors)
    else:
        plan = DraftPlan.model_validate(state["plan"])
        hashes = [state["sections"][s.id]["content_hash"] for s in plan.sections]
        draft_id = canonical_hash([state["profile"], plan.model_dump(mode="json"), hashes], 24)
        url = drafting_context(runtime).resolved_store_url()
        written = commit_rows(url, build_rows(state, draft_id, iso(started)))
        result = CommitResult(
            status="committed",
            draft_id=draft_id,
            store=store_kind(url),
            sections_written=written[0],
            traces_written=written[1],
        )
    dumped = result.model_dump()
    status = "ok" if result.status == "committed" else "rejected"
    record = trace(
        "validate_and_commit", CommitResult, state.get("sections"), dumped, started=started, status=status
    )
    return {"commit": dumped, "trace": [record]}
