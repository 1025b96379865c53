"""The general agent and the drafting composer against a real model (issue 15's checks).

Part of `benchmarks.real_llm` (`--agent`, `--draft`): what the model returned and what planexec did
with it — agent answers (tool calls, flagged or not, the text shown) and drafted sections (who wrote
each one; the model's accepted prose verbatim, so a reader can judge it).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planexec.graph.drafting_api import drafting_context, resume_draft, start_draft, uploads
from planexec.nodes.agent.run import run_general_agent
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.hub import ToolHub
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache

ROOT = Path(__file__).resolve().parent.parent
AGENT_QUESTIONS = (
    "What does the Paris Agreement say about adaptation? Search the passages.",
    "O que o Acordo de Paris diz sobre financiamento climático?",
    "Which INMET weather station zones are in heat quintile 5?",
    "How many deforestation areas are there in total?",
)
DRAFT_INPUTS = [
    ROOT / "data" / "policy" / "paris_agreement_2015_en.txt",
    ROOT / "samples" / "drafting" / "chat_facts.md",
]
DRAFT_PROFILE = ROOT / "samples" / "drafting" / "project_profile.yaml"


@dataclass
class AgentRow:
    question: str
    tool_calls: int
    narrowed: bool
    ungrounded: str | None
    stopped: str | None
    seconds: float
    text: str


async def agent_rows(hub: ToolHub, settings: Settings) -> list[AgentRow]:
    rows = []
    for question in AGENT_QUESTIONS:
        backend = MemoryBackend()
        ctx = ChatContext(
            settings=settings, hub=hub, store=ArtifactStore(backend), cache=ResultCache(backend)
        )
        model = ctx.get_llm()
        assert model is not None, "the run needs a model"
        start = time.perf_counter()
        update = await run_general_agent(ctx, model, {"query": question})  # type: ignore[typeddict-item]
        summary = update["facts_summary"]
        facts = summary.facts
        rows.append(
            AgentRow(
                question,
                int(facts["tool_calls"]),
                bool(facts.get("tools_narrowed")),
                summary.ungrounded,
                facts.get("stopped"),
                time.perf_counter() - start,
                update["modules"][0].text,
            )
        )
        print(
            f"agent {rows[-1].tool_calls} calls, ungrounded={rows[-1].ungrounded!r}: {question[:60]}",
            flush=True,
        )
    return rows


async def draft_sections(settings: Settings) -> list[dict[str, Any]]:
    """Section events of one approved draft of the sample brief, with the model's committed prose."""
    context = drafting_context(settings, use_llm=True)
    events = start_draft(uploads(DRAFT_INPUTS), DRAFT_PROFILE, context=context, settings=settings)
    sections: list[dict[str, Any]] = []
    document = ""
    while True:
        question = None
        async for event in events:
            if event["type"] == "section":
                sections.append(event)
            elif event["type"] == "interrupt":
                question = event
            elif event["type"] == "draft_complete":
                document = str(event["draft"]["document"])
            elif event["type"] == "error":
                raise RuntimeError(event["message"])
        if document or question is None:
            break
        events = resume_draft(question["thread_id"], "approve", context=context, settings=settings)
    sections.append({"type": "document", "text": document})
    return sections


def agent_table(rows: list[AgentRow]) -> str:
    lines = [
        "| question | tool calls | asked again with fewer tools | flagged (ungrounded) | stopped | s "
        "| text shown |",
        "|---|---:|---|---|---|---:|---|",
    ]
    for r in rows:
        text = r.text.replace("\n", " ").replace("|", "/")[:160]
        cells = [
            r.question,
            r.tool_calls,
            "yes" if r.narrowed else "no",
            r.ungrounded or "no",
            r.stopped or "—",
        ]
        cells += [f"{r.seconds:.1f}", text]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def draft_table(sections: list[dict[str, Any]]) -> str:
    lines = ["| section | status | composer | words |", "|---|---|---|---:|"]
    for s in sections:
        if s.get("type") == "section":
            lines.append(f"| {s['section_id']} | {s['status']} | {s.get('composer')} | {s.get('words', 0)} |")
    return "\n".join(lines)


def home() -> Path:
    return Path(tempfile.mkdtemp(prefix="planexec-real-llm-products-"))
