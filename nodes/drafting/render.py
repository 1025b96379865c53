"""Helpers (not a node): the drafted document as Markdown, and the run as planner_task_trace.yaml."""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from planexec.nodes.drafting.citations import MARKER
from planexec.schemas.drafting import DraftPlan
from planexec.tools.stores.memory_index import MemoryIndex


def _quote(text: str, words: int = 30) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def render_markdown(state: dict[str, Any]) -> str:
    """Title, profile line, sections with global citation numbers [n], and a numbered sources list."""
    plan = DraftPlan.model_validate(state["plan"])
    profile = state["profile"]
    numbers: dict[str, int] = {}
    lines = [f"# {plan.title}", ""]
    lines += [
        f"*{plan.artifact_type.replace('_', ' ').capitalize()} · for {profile['audience']}"
        f" · {profile['jurisdiction']}*",
        "",
    ]
    for spec in plan.sections:
        draft = (state.get("sections") or {}).get(spec.id)
        lines += [f"## {spec.title}", ""]
        if not draft:
            lines += ["*(not drafted)*", ""]
            continue
        local = {c["n"]: c["passage_id"] for c in draft["citations"]}

        def renumber(match: re.Match[str], local: dict[int, str] = local) -> str:
            ids = [local[int(n)] for n in match.group(1).split(",") if int(n) in local]
            return "".join(f"[{numbers.setdefault(pid, len(numbers) + 1)}]" for pid in ids)

        lines += [MARKER.sub(renumber, p["text"]) + "\n" for p in draft["paragraphs"]]
    passages = MemoryIndex(state["memory_path"]).get(numbers)
    lines += ["## Sources", ""]
    for pid, n in numbers.items():
        p = passages.get(pid)
        where = f"{p.document}, {p.heading or 'preamble'}" if p else "missing passage"
        lines.append(f"{n}. `{pid}` ({where}): “{_quote(p.text) if p else ''}”")
    return "\n".join(lines).rstrip() + "\n"


def _rel(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def trace_document(state: dict[str, Any], thread_id: str | None = None) -> dict[str, Any]:
    """planner_task_trace.yaml content: inputs, profile, plan, decisions, tool trace, commit."""
    inputs = [{**d, "path": _rel(d["path"])} for d in state.get("input_descriptions") or []]
    plan = state.get("plan") or {}
    return {
        "kind": "planner_task_trace",
        "thread_id": thread_id,
        "inputs": inputs,
        "input_errors": state.get("input_errors") or [],
        "passages_indexed": state.get("passages_indexed"),
        "profile": state.get("profile"),
        "plan": {
            "template": plan.get("template"),
            "template_version": plan.get("template_version"),
            "sections": [
                {
                    "id": s["id"],
                    "depends_on": s["depends_on"],
                    "min_words": s["min_words"],
                    "max_words": s["max_words"],
                }
                for s in plan.get("sections", [])
            ],
        },
        "decisions": state.get("decisions") or [],
        "trace": state.get("trace") or [],
        "commit": state.get("commit"),
    }


def trace_yaml(state: dict[str, Any], thread_id: str | None = None) -> str:
    return yaml.safe_dump(trace_document(state, thread_id), sort_keys=False, allow_unicode=True, width=110)
