"""`planexec draft`: draft a policy document from uploads and a project profile, review it, commit it."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from planexec.schemas.settings import Settings

if TYPE_CHECKING:
    from planexec.nodes.drafting.context import DraftingContext

NAME = "draft"
HELP = "Draft a document (policy brief, position paper, regulatory comment) from files and a profile."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input",
        nargs="+",
        required=True,
        metavar="FILE",
        help="Your files to draft from (.txt .md .pdf); they are copied into the uploads folder "
        "($PLANEXEC_UPLOADS_DIR, default <home>/uploads/<thread>) and read only from there.",
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
    if event["type"] == "section":
        how = "cache" if event.get("cache_hit") else event.get("composer")
        print(
            f"section done: {event['section_id']} ({event.get('words')} words, {how}, {event['status']})",
            flush=True,
        )
    elif event["type"] == "thinking" and event["node"] == "start":
        print(event["message"], file=sys.stderr, flush=True)


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


async def drive(
    events: AsyncIterator[dict[str, Any]], resume: Callable[[Any], AsyncIterator[dict[str, Any]]], auto: bool
) -> dict[str, Any]:
    """Render the events, answer each question (prompting unless `auto`), until the run ends;
    return the last event (`draft_complete` or `error`)."""
    while True:
        question = None
        async for event in events:
            _print_event(event)
            if event["type"] in {"draft_complete", "error"}:
                return event
            if event["type"] == "interrupt":
                question = event
        if question is None:
            return {"type": "error", "code": "no_outcome", "message": "the run ended without an outcome"}
        events = resume(answer(question["payload"], auto))


def write_outputs(draft: dict[str, Any], args: argparse.Namespace) -> None:
    if args.out:
        Path(args.out).write_text(draft["document"], encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(draft["document"])
    trace_path = args.trace or (
        str(Path(args.out).with_name("planner_task_trace.yaml")) if args.out else None
    )
    if trace_path:
        Path(trace_path).write_text(draft["trace_yaml"], encoding="utf-8")
        print(f"wrote {trace_path}")


def report(outcome: dict[str, Any], args: argparse.Namespace) -> int:
    if outcome["type"] == "error":
        print(f"error: {outcome['message']}", file=sys.stderr)
        return 2 if outcome["code"] in ("invalid_input", "unsafe_input") else 1
    draft = outcome["draft"]
    for err in draft.get("input_errors") or []:
        print(f"skipped {err['name']}: {err['message']}", file=sys.stderr)
    if draft["status"] == "stopped":
        print(f"error: {draft['fatal']}", file=sys.stderr)
        return 2
    commit = draft.get("commit") or {}
    if draft["status"] != "committed":
        print(
            "error: the draft was not committed: " + "; ".join(commit.get("errors") or ["unknown"]),
            file=sys.stderr,
        )
        return 1
    write_outputs(draft, args)
    print(json.dumps({k: commit[k] for k in ("draft_id", "store", "sections_written", "traces_written")}))
    return 0


async def run_thread(
    args: argparse.Namespace, settings: Settings, context: DraftingContext, thread: str
) -> dict[str, Any]:
    """Start (or continue) the thread and drive it to its outcome, over one open checkpointer."""
    from planexec.graph.checkpoint import open_async_checkpointer
    from planexec.graph.drafting_api import resume_draft, start_draft, uploads

    async with open_async_checkpointer(settings.resolved_checkpoint_url()) as saver:
        options: dict[str, Any] = {"context": context, "settings": settings, "checkpointer": saver}
        files = uploads(_readable(args.input))  # your own files, copied into the uploads folder
        first = start_draft(files, Path(args.profile), thread_id=thread, **options)
        return await drive(first, lambda decision: resume_draft(thread, decision, **options), args.approve)


def _readable(paths: list[str]) -> list[str]:
    """The local files that exist (the others are reported and skipped, like refused uploads)."""
    found = [p for p in paths if Path(p).is_file()]
    for missing in sorted(set(paths) - set(found)):
        print(f"skipped {Path(missing).name}: no such file {missing!r}", file=sys.stderr)
    return found


def settings_for(args: argparse.Namespace) -> Settings:
    """The settings of this run: the environment, with --db and --checkpoint-url on top."""
    overrides = {"draft_db_url": args.db, "checkpoint_url": args.checkpoint_url}
    return Settings().model_copy(update={k: v for k, v in overrides.items() if v})


def run(args: argparse.Namespace, *, context: DraftingContext | None = None) -> int:
    """Drive the drafting API; `context` replaces the one built from the settings (tests pass hooks)."""
    from planexec.graph.drafting_api import drafting_context

    settings = settings_for(args)
    thread = args.thread or uuid.uuid4().hex
    try:
        context = context or drafting_context(
            settings, use_llm=not args.no_llm, max_parallel=args.max_parallel
        )
        return report(asyncio.run(run_thread(args, settings, context, thread)), args)
    except SystemExit as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # a clear message, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
