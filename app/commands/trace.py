"""`planexec trace THREAD_ID`: print a conversation's decisions and tool timelines from its checkpoints,
turn by turn (a one-turn thread prints as a single query, as before)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

NAME = "trace"
HELP = "print the decisions and tool timeline of a past conversation, turn by turn, from the checkpointer"


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


def _turn_header(turn: dict[str, Any], total: int) -> list[str]:
    record = turn.get("record") or {}
    follow_up = (record.get("understanding") or {}).get("follow_up") or record.get("follow_up")
    status = "" if turn.get("finished") else f"  [unfinished; next: {', '.join(turn.get('next', []))}]"
    lines = [f"=== turn {turn['index'] + 1}/{total}{status}"]
    if follow_up:
        changed = ", ".join(follow_up["overridden"]) or "-"
        kept = ", ".join(follow_up["inherited"]) or "-"
        lines.append(
            f"follow-up of: {follow_up['previous_query']} (from {follow_up['source']}; "
            f"changed {changed}; kept {kept})"
        )
    return lines


def format_thread(turns: list[dict[str, Any]]) -> str:
    """One turn: the single-query trace. Several: each turn's header, query, decisions and timeline."""
    if len(turns) == 1:
        return format_trace(turns[0]["values"])
    blocks = ["\n".join([*_turn_header(t, len(turns)), format_trace(t["values"])]) for t in turns]
    return "\n\n".join(blocks)


def _turn(index: int, values: dict[str, Any], finished: bool, nxt: tuple[str, ...]) -> dict[str, Any]:
    records = values.get("turns") or []
    record = records[index] if finished and index < len(records) else None
    return {"index": index, "values": values, "record": record, "finished": finished, "next": list(nxt)}


def split_turns(history: list[tuple[dict[str, Any], tuple[str, ...]]]) -> list[dict[str, Any]]:
    """Per-turn states from a thread's checkpoints (oldest first, each (values, next)): a turn's state
    is the first checkpoint holding its TurnRecord; the newest checkpoint of an unfinished turn ends
    the list. A thread from before turns existed is one turn (its last values)."""
    if not history:
        return []
    turns: list[dict[str, Any]] = []
    for values, nxt in history:
        if len(values.get("turns") or []) > len(turns):
            turns.append(_turn(len(turns), values, True, nxt))
    values, nxt = history[-1]
    current = values.get("turn") or {}
    unfinished = bool(nxt) and current.get("index", len(turns)) >= len(turns)
    if unfinished or not turns:
        turns.append(_turn(len(turns), values, not unfinished, nxt))
    return turns


def read_turns(thread_id: str, checkpoint_url: str) -> list[dict[str, Any]]:
    """The thread's turns (see split_turns); [] when there is no checkpoint. Reads only: creates nothing."""
    from planexec.graph.chat import build_chat_graph
    from planexec.graph.checkpoint import CheckpointNotFoundError, open_checkpointer
    from planexec.nodes.state import state_dict

    try:
        with open_checkpointer(checkpoint_url, create=False) as saver:
            config = {"configurable": {"thread_id": thread_id}}
            snapshots = list(build_chat_graph(saver).get_state_history(config))  # type: ignore[arg-type]
    except CheckpointNotFoundError:
        return []
    history = [(state_dict(s.values or {}), tuple(s.next)) for s in reversed(snapshots) if s.values]
    return split_turns(history)


def as_json(turns: list[dict[str, Any]]) -> dict[str, Any]:
    """The last turn's query, route, proposals and timeline (as before), plus every turn's."""
    keys = ("query", "route", "proposals", "timeline")
    last = turns[-1]["values"]
    per_turn = [
        {
            "index": t["index"],
            "finished": t["finished"],
            **{k: t["values"].get(k) for k in keys},
            "follow_up": (t["values"].get("understanding") or {}).get("follow_up"),
            "counts": (t["values"].get("facts_summary") or {}).get("facts", {}),
        }
        for t in turns
    ]
    return {**{k: last.get(k) for k in keys}, "turns": per_turn}


def run(args: argparse.Namespace) -> int:
    from planexec.schemas.settings import Settings

    url = args.checkpoint_url or Settings().resolved_checkpoint_url()
    turns = read_turns(args.thread_id, url)
    if not turns:
        print(f"no checkpoint for thread {args.thread_id!r} (checkpointer: {url})", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(as_json(turns), indent=2, ensure_ascii=False, default=str))
    else:
        print(format_thread(turns))
    return 0
