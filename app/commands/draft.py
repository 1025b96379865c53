"""`planexec draft`: draft a policy document from uploads and a project profile, review it, commit it."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

import yaml
from langgraph.types import Command

NAME = "draft"
HELP = "Draft a document (policy brief, position paper, regulatory comment) from files and a profile."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input", nargs="+", required=True, metavar="FILE", help="Files to draft from (.txt .md .pdf)."
    )
    parser.add_argument("--profile", required=True, help="project_profile.yaml.")
    parser.add_argument(
        "--approve", action="store_true", help="Non-interactive: accept the plan and the draft."
    )
    parser.add_argument("--out", help="Write the Markdown document here (default: print it).")
    parser.add_argument("--trace", help="Write planner_task_trace.yaml here (default: next to --out).")
    parser.add_argument("--thread", help="Thread id: resume it if it exists (default: a new id).")
    parser.add_argument(
        "--checkpoint-url", help="Checkpointer URL (default: $PLANEXEC_CHECKPOINT_URL or SQLite)."
    )
    parser.add_argument("--db", help="Drafting DB URL (default: $PLANEXEC_DRAFT_DB_URL or SQLite).")
    parser.add_argument(
        "--no-llm", action="store_true", help="Extractive composition even if a model is configured."
    )
    parser.add_argument("--max-parallel", type=int, default=3, help="Sections drafted at once (default 3).")


def _print_event(event: dict[str, Any]) -> None:
    if event.get("event") == "section_done":
        how = "cache" if event.get("cache_hit") else event.get("composer")
        print(
            f"section done: {event['section_id']} ({event.get('words')} words, {how}, {event['status']})",
            flush=True,
        )


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError as exc:
        raise SystemExit(
            "no answer on stdin: use --approve for a non-interactive run (the thread can be resumed)"
        ) from exc


def _answer_plan(payload: dict[str, Any]) -> Any:
    print(f"\nPlan ({payload['plan']['template']}):")
    for s in payload["plan"]["sections"]:
        deps = f" after {', '.join(s['depends_on'])}" if s["depends_on"] else ""
        print(f"  - {s['id']}: {s['title']} ({s['min_words']}-{s['max_words']} words){deps}")
    for err in payload.get("errors") or []:
        print(f"  ! {err}")
    raw = _ask("Enter to accept, or the path of a YAML/JSON file with an edited section list: ").strip()
    if not raw or raw.lower() in {"y", "yes", "approve", "accept"}:
        return "approve"
    try:
        data = yaml.safe_load(Path(raw).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        return {"sections": f"cannot read {raw}: {exc}"}
    return {"sections": data.get("sections") if isinstance(data, dict) else data}


def _answer_review(payload: dict[str, Any]) -> Any:
    for s in payload["sections"]:
        print(f"\n## {s['title']} [{s['id']}] ({s['words']} words)\n{s['text'] or '(not drafted)'}")
        for err in s["errors"]:
            print(f"  ! {err}")
    raw = _ask(
        "\napprove, or feedback ('<section_id>: what to change', or ask for a different structure): "
    ).strip()
    head, _, rest = raw.partition(":")
    if rest.strip() and head.strip() in {s["id"] for s in payload["sections"]}:
        return {"sections": {head.strip(): rest.strip()}, "feedback": rest.strip()}
    return raw or "approve"


def answer(payload: dict[str, Any], auto: bool) -> Any:
    if auto:
        return "approve"
    return _answer_plan(payload) if payload.get("kind") == "confirm_plan" else _answer_review(payload)


def drive(graph: Any, config: dict[str, Any], first: Any, auto: bool) -> dict[str, Any]:
    """Stream the graph, answering each interrupt, until it ends; return the final state values."""
    command = first
    while True:
        pending = None
        for mode, chunk in graph.stream(
            command, config, stream_mode=["custom", "updates"], durability="sync"
        ):
            if mode == "custom":
                _print_event(chunk)
            elif "__interrupt__" in chunk:
                pending = chunk["__interrupt__"][0].value
        if pending is None:
            return dict(graph.get_state(config).values)
        command = Command(resume=answer(pending, auto))


def start_input(args: argparse.Namespace) -> dict[str, Any]:
    inputs = [{"name": Path(p).name, "path": str(Path(p))} for p in args.input]
    return {"inputs": inputs, "profile_path": str(Path(args.profile))}


def first_command(graph: Any, config: dict[str, Any], args: argparse.Namespace) -> Any:
    """New thread: the inputs. Interrupted thread: answer the pending question. Killed run: None (resume)."""
    snapshot = graph.get_state(config)
    if not snapshot.values:
        return start_input(args)
    print(f"resuming thread {config['configurable']['thread_id']}", file=sys.stderr)
    if snapshot.interrupts:
        return Command(resume=answer(snapshot.interrupts[0].value, args.approve))
    return None


def write_outputs(state: dict[str, Any], args: argparse.Namespace, thread: str) -> None:
    from planexec.nodes.drafting.render import render_markdown, trace_yaml

    document = render_markdown(state)
    if args.out:
        Path(args.out).write_text(document, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(document)
    trace_path = args.trace or (
        str(Path(args.out).with_name("planner_task_trace.yaml")) if args.out else None
    )
    if trace_path:
        Path(trace_path).write_text(trace_yaml(state, thread), encoding="utf-8")
        print(f"wrote {trace_path}")


def report(state: dict[str, Any], args: argparse.Namespace, thread: str) -> int:
    for err in state.get("input_errors") or []:
        print(f"skipped {err['name']}: {err['message']}", file=sys.stderr)
    if state.get("fatal"):
        print(f"error: {state['fatal']}", file=sys.stderr)
        return 2
    commit = state.get("commit") or {}
    if commit.get("status") != "committed":
        print(
            "error: the draft was not committed: " + "; ".join(commit.get("errors") or ["unknown"]),
            file=sys.stderr,
        )
        return 1
    write_outputs(state, args, thread)
    print(json.dumps({k: commit[k] for k in ("draft_id", "store", "sections_written", "traces_written")}))
    return 0


def run(args: argparse.Namespace) -> int:
    from planexec.graph.checkpoint import open_checkpointer
    from planexec.graph.drafting import build_drafting_graph
    from planexec.graph.llm import load_chat_model

    if not Path(args.profile).is_file():
        print(f"error: profile {args.profile} not found", file=sys.stderr)
        return 2
    thread = args.thread or uuid.uuid4().hex
    config = {"configurable": {"thread_id": thread}}
    try:
        with open_checkpointer(args.checkpoint_url) as saver:
            graph = build_drafting_graph(
                llm=None if args.no_llm else load_chat_model(),
                checkpointer=saver,
                store_url=args.db,
                max_parallel=max(1, args.max_parallel),
            )
            print(f"thread {thread}", file=sys.stderr)
            state = drive(graph, config, first_command(graph, config, args), args.approve)
            return report(state, args, thread)
    except SystemExit as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # a clear message, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
