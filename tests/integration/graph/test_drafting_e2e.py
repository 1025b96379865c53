"""The drafting graph end to end on real SQLite files: plan → draft → feedback on one section (the
others are not recomputed) → approve → commit with tool and schema versions; re-commit writes nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from langgraph.runtime import Runtime
from langgraph.types import Command

from planexec.graph.checkpoint import open_checkpointer
from planexec.graph.drafting import build_drafting_graph
from planexec.nodes.drafting.context import DraftingContext
from planexec.nodes.drafting.render import render_markdown, trace_yaml
from planexec.nodes.drafting.validate_and_commit import validate_and_commit
from planexec.tools.stores.draft_store import fetch
from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.integration
SAMPLES = REPO_ROOT / "samples" / "drafting"
PARIS = REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt"


def start() -> dict[str, Any]:
    return {
        "inputs": [
            {"name": PARIS.name, "path": str(PARIS)},
            {"name": "chat_facts.md", "path": str(SAMPLES / "chat_facts.md")},
        ],
        "profile_path": str(SAMPLES / "project_profile.yaml"),
    }


def run(
    graph: Any, command: Any, config: dict[str, Any], context: DraftingContext
) -> tuple[list[dict[str, Any]], Any]:
    events, pending = [], None
    for mode, chunk in graph.stream(command, config, context=context, stream_mode=["custom", "updates"]):
        if mode == "custom":
            events.append(chunk)
        elif "__interrupt__" in chunk:
            pending = chunk["__interrupt__"][0].value
    return events, pending


class ComposeCounter:
    """A compose hook counting compose calls per section."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def __call__(self, section_id: str, composer: str, attempt: int) -> None:
        self.counts[section_id] += 1


def test_draft_review_revise_approve_commit(tmp_path: Path) -> None:
    counter = ComposeCounter()
    store = f"sqlite:///{tmp_path / 'drafts.sqlite'}"
    context = DraftingContext(
        store_url=store, memory_dir=tmp_path / "memory", compose_hook=counter, upload_root=REPO_ROOT
    )
    config: Any = {"configurable": {"thread_id": "e2e"}}
    with open_checkpointer(f"sqlite:///{tmp_path / 'ckpt.sqlite'}") as saver:
        graph = build_drafting_graph(checkpointer=saver)
        _, pending = run(graph, start(), config, context)
        assert pending["kind"] == "confirm_plan" and len(pending["plan"]["sections"]) == 6
        events, pending = run(graph, Command(resume="approve"), config, context)
        assert pending["kind"] == "review"
        assert sorted(e["section_id"] for e in events) == sorted(s["id"] for s in pending["sections"])
        first = counter.counts.copy()
        assert set(first.values()) == {1}
        before = graph.get_state(config).values["sections"]

        feedback = {"sections": {"adaptation": "focus on heat and drought in the semi-arid Northeast"}}
        events, pending = run(graph, Command(resume=feedback), config, context)
        assert [e["section_id"] for e in events] == ["adaptation"] and pending["kind"] == "review"
        assert counter.counts - first == Counter({"adaptation": 1})
        after = graph.get_state(config).values["sections"]
        assert after["adaptation"]["content_hash"] != before["adaptation"]["content_hash"]
        assert after["adaptation"]["feedback"] and "Northeast" in str(after["adaptation"]["paragraphs"])
        assert {k: v for k, v in after.items() if k != "adaptation"} == {
            k: v for k, v in before.items() if k != "adaptation"
        }

        events, pending = run(graph, Command(resume="approve"), config, context)
        assert pending is None and events == []
        state = dict(graph.get_state(config).values)
    commit = state["commit"]
    assert commit["status"] == "committed" and commit["sections_written"] == 6
    decisions = [(d["point"], d["chosen"], d["who"]) for d in state["decisions"]]
    assert decisions == [
        ("plan", "accept", "user"),
        ("review", "revise_sections", "rules"),
        ("review", "approve", "rules"),
    ]
    sections = fetch(store, "artifact_sections", commit["draft_id"])
    assert {r["section_id"] for r in sections} == set(state["sections"])
    assert all(r["tool_name"] == "drafting.compose_and_cite" and "+" in r["tool_version"] for r in sections)
    assert all(r["schema_name"] == "planexec.drafting.SectionDraft" and r["schema_version"] for r in sections)
    traces = fetch(store, "reasoning_traces", commit["draft_id"])
    assert len(traces) == commit["traces_written"] > 20
    assert {
        "drafting.describe_inputs",
        "drafting.index_memory",
        "drafting.retrieve",
        "drafting.propose_review",
    } <= {r["tool_name"] for r in traces}
    assert all(
        r["tool_version"] and r["schema_name"] and r["input_hash"] and r["output_hash"] for r in traces
    )

    again = validate_and_commit(state, runtime=Runtime(context=context))["commit"]  # type: ignore[arg-type]
    assert (again["sections_written"], again["traces_written"]) == (0, 0)
    assert len(fetch(store, "reasoning_traces")) == len(traces)

    document = render_markdown(state)
    assert document.count("## ") == 7 and "## Sources" in document and "[1]" in document
    assert "planner_task_trace" in trace_yaml(state, "e2e")
