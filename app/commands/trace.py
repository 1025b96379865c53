"""`planexec trace THREAD_ID`: print a past query's decisions and tool timeline from its checkpoint."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

NAME = "trace"
HELP = "print the decision timeline of a past query from the checkpointer"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("thread_id", help="thread id printed by `planexec ask` (metadata.thread_id)")
    parser.add_argument("--json", action="store_true", help="print proposals and timeline as JSON")
    parser.add_argument("--checkpoint-url", default=None, help="default: $PLANEXEC_CHECKPOINT_URL or SQLite")


def _ts(value: float) -> str:
    return datetime.fromtimestamp(value, tz=UTC).strftime("%H:%M:%S.%f")[:-3]


def format_trace(values: dict[str, Any]) -> str:
    lines = [f"query: {values.get('query')}", f"route: {values.get('route')}", "", "decisions:"]
    for p in values.get("proposals", []):
        lines.append(
            f"  {_ts(p['ts'])} [{p['phase']}] {p['edge']} by {p['chosen_by']} "
            f"(legal: {', '.join(p['legal_edges'])}) — {p['rationale']}"
        )
        lines += [f"      rejected: {r}" for r in p.get("rejected", [])]
    lines += ["", "timeline:"]
    for e in values.get("timeline", []):
        tail = (
            ""
            if e["event"] == "tool_start"
            else (
                f" {e['status']} {e.get('duration_ms') or 0:.0f} ms keys={','.join(e.get('result_keys', []))}"
                + (" cache" if e.get("cache_hit") else "")
                + (f" error={e['error']}" if e.get("error") else "")
            )
        )
        lines.append(
            f"  {_ts(e['ts'])} {e['event']:<10} {e.get('step') or '-':<10} "
            f"{e['server']}.{e['tool']} #{e['attempt']}{tail}"
        )
    return "\n".join(lines)


def read_values(thread_id: str, checkpoint_url: str) -> dict[str, Any]:
    """The thread's last checkpoint values; {} when there is none. Reads only: creates nothing."""
    from planexec.graph.chat import build_chat_graph
    from planexec.graph.checkpoint import CheckpointNotFoundError, open_checkpointer
    from planexec.nodes.state import state_dict

    try:
        with open_checkpointer(checkpoint_url, create=False) as saver:
            snapshot = build_chat_graph(saver).get_state({"configurable": {"thread_id": thread_id}})
    except CheckpointNotFoundError:
        return {}
    return state_dict(snapshot.values or {})


def run(args: argparse.Namespace) -> int:
    from planexec.schemas.settings import Settings

    url = args.checkpoint_url or Settings().resolved_checkpoint_url()
    values = read_values(args.thread_id, url)
    if not values:
        print(f"no checkpoint for thread {args.thread_id!r} (checkpointer: {url})", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({k: values.get(k) for k in ("query", "route", "proposals", "timeline")}, indent=2))
    else:
        print(format_trace(values))
    return 0
