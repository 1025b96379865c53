"""validate_and_commit: re-validates everything, writes rows in one transaction, idempotent."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from langgraph.runtime import Runtime

from planexec.nodes.drafting.citations import content_hash
from planexec.nodes.drafting.draft_section import draft_section
from planexec.nodes.drafting.execute_draft_phase import ready_sections, section_task
from planexec.nodes.drafting.tracing import CODE_VERSION
from planexec.nodes.drafting.validate_and_commit import validate_and_commit
from planexec.tools.stores.draft_store import fetch


@pytest.fixture
def drafted_state(indexed_state: dict[str, Any]) -> dict[str, Any]:
    state = dict(indexed_state, sections={}, done_round={}, trace=list(indexed_state.get("trace", [])))
    while ready := ready_sections(state):  # type: ignore[arg-type]
        for spec in ready:
            update = draft_section(section_task(state, spec), runtime=Runtime(context=state["deps"]))  # type: ignore[arg-type]
            state["sections"].update(update["sections"])
            state["done_round"].update(update["done_round"])
            state["trace"] += update["trace"]
    return state


def test_commit_writes_versioned_rows_once(drafted_state: dict[str, Any]) -> None:
    deps = drafted_state["deps"]
    first = validate_and_commit(drafted_state, runtime=Runtime(context=deps))["commit"]  # type: ignore[arg-type]
    assert first["status"] == "committed" and first["sections_written"] == 6
    assert first["traces_written"] == len(drafted_state["trace"])
    again = validate_and_commit(drafted_state, runtime=Runtime(context=deps))["commit"]  # type: ignore[arg-type]
    assert (again["draft_id"], again["sections_written"], again["traces_written"]) == (
        first["draft_id"],
        0,
        0,
    )
    rows = fetch(deps.store_url, "artifact_sections", first["draft_id"])
    assert len(rows) == 6 and all(r["tool_version"].startswith(f"{CODE_VERSION}+") for r in rows)
    assert {r["schema_name"] for r in rows} == {"planexec.drafting.SectionDraft"}
    traces = fetch(deps.store_url, "reasoning_traces", first["draft_id"])
    assert {r["schema_version"] for r in traces} == {"1.0.0"} and all(r["tool_version"] for r in traces)


def test_a_citation_to_a_missing_passage_is_never_committed(drafted_state: dict[str, Any]) -> None:
    state = copy.deepcopy({k: v for k, v in drafted_state.items() if k != "deps"})
    section = state["sections"]["recommendations"]
    section["citations"][0]["passage_id"] = "chat_facts.md#s42.p1"
    section["content_hash"] = content_hash(section["paragraphs"], section["citations"])
    result = validate_and_commit(state, runtime=Runtime(context=drafted_state["deps"]))  # type: ignore[arg-type]
    commit = result["commit"]
    assert commit["status"] == "rejected" and commit["sections_written"] == 0
    assert any("chat_facts.md#s42.p1 is not an indexed passage" in e for e in commit["errors"])
    assert result["trace"][0]["status"] == "rejected"
    assert fetch(drafted_state["deps"].store_url, "artifact_sections") == []
    assert fetch(drafted_state["deps"].store_url, "reasoning_traces") == []


def test_a_missing_section_blocks_the_commit(drafted_state: dict[str, Any]) -> None:
    state = dict(
        drafted_state, sections={k: v for k, v in drafted_state["sections"].items() if k != "context"}
    )
    commit = validate_and_commit(state, runtime=Runtime(context=drafted_state["deps"]))["commit"]  # type: ignore[arg-type]
    assert commit["status"] == "rejected" and "context: no draft" in commit["errors"]
