"""`planexec ask "…"`: live progress, then the modules rendered for a terminal (or --json)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from planexec.app.render import render_response

if TYPE_CHECKING:
    from planexec.nodes.context import ChatContext

NAME = "ask"
HELP = "answer a chat query (offline by default: rule proposer and template narration)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="the question, in English or Portuguese")
    parser.add_argument("--json", action="store_true", help="print the raw response dict as JSON")
    parser.add_argument("--lang", default=None, help="response language: en or pt")
    parser.add_argument("--session", default=None, help="correlation session id to reuse")
    parser.add_argument(
        "--thread",
        default=None,
        help="continue this conversation (the thread id an earlier answer printed); new when absent",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


async def _run(
    args: argparse.Namespace, context: ChatContext
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    from planexec.graph import stream_chat_query

    async for event in stream_chat_query(
        args.query,
        correlation_session_id=args.session,
        target_language=args.lang,
        context=context,
        thread_id=args.thread,
    ):
        if event["type"] == "thinking" and not args.quiet:
            print(f"… [{event['node']}] {event['message']}", file=sys.stderr, flush=True)
        elif event["type"] == "complete":
            return event["response"], None
        elif event["type"] == "error":
            return None, event
    return None, {"code": "no_answer", "message": "the query ended without an answer"}


def run(args: argparse.Namespace) -> int:
    if not args.query.strip():
        example = 'planexec ask "map of solar plants in Bahia"'
        print(f"error: the query is empty; ask a question, e.g. {example}", file=sys.stderr)
        return 2
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
        return 2
    assert response is not None
    print(json.dumps(response, ensure_ascii=False, indent=2) if args.json else render_response(response))
    return 0
