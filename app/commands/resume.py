"""`planexec resume THREAD_ID`: finish a thread's interrupted turn (the process died, the run failed
or timed out) from its checkpoints, without running finished steps again; output as `planexec ask`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from planexec.app.render import render_response
from planexec.app.terminal import answer_exit_code

if TYPE_CHECKING:
    from planexec.nodes.context import ChatContext

NAME = "resume"
HELP = "finish an interrupted chat turn from its checkpoints (finished steps are not run again)"

EXIT_NOTHING_TO_RESUME = 3
"""Exit code when the thread is unknown or its last turn already finished (1: any other error; 4:
a partial answer; see app/terminal.py)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("thread_id", help="thread id (the first progress event / metadata.thread_id)")
    parser.add_argument("--json", action="store_true", help="print the raw response dict as JSON")
    parser.add_argument("--checkpoint-url", default=None, help="default: $PLANEXEC_CHECKPOINT_URL or SQLite")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


async def _run(
    args: argparse.Namespace, context: ChatContext
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    from planexec.graph.api import stream_resume_chat_query

    events = stream_resume_chat_query(args.thread_id, context=context, checkpoint_url=args.checkpoint_url)
    async for event in events:
        if event["type"] == "thinking" and not args.quiet:
            print(f"… [{event['node']}] {event['message']}", file=sys.stderr, flush=True)
        elif event["type"] == "complete":
            return event["response"], None
        elif event["type"] == "error":
            return None, event
    return None, {"code": "no_answer", "message": "the turn ended without an answer"}


def run(args: argparse.Namespace) -> int:
    from planexec.nodes.context import ChatContext
    from planexec.schemas.settings import Settings

    context = ChatContext(settings=Settings())
    try:
        response, error = asyncio.run(_run(args, context))
    finally:
        if context.hub is not None:
            context.hub.close()
    if error is not None:
        print(f"error ({error['code']}): {error['message']}", file=sys.stderr)
        return EXIT_NOTHING_TO_RESUME if error["code"] in ("thread_not_found", "nothing_to_resume") else 1
    assert response is not None
    print(json.dumps(response, ensure_ascii=False, indent=2) if args.json else render_response(response))
    return answer_exit_code(response)
