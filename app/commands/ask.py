"""`planexec ask "…"`: live progress, then the modules rendered for a terminal (or --json).

The thread id goes to stderr as soon as the first event names it (stdout stays the answer, so
`--json` output is clean): a run that is killed before it answers still told the user what to
`planexec resume`.

Output: a spinner on stderr from the first moment (a terminal only; none when piped or --quiet),
the modules with `rich` (colour on a terminal), and for each map a self-contained HTML page written
next to its GeoJSON (`--open` opens it in the browser). Exit codes: app/terminal.py (0 ok, 1 error,
2 usage, 4 partial answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planexec.app.htmlmap import write_html_map
from planexec.app.render import print_response
from planexec.app.terminal import (
    EXIT_ERROR,
    EXIT_USAGE,
    Progress,
    answer_exit_code,
    stdout_console,
)

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
    parser.add_argument(
        "--quiet", action="store_true", help="no progress lines (the thread id is still shown)"
    )
    parser.add_argument("--open", action="store_true", help="open the answer's HTML map in the browser")


def announce_thread(thread_id: str) -> str:
    """The stderr line naming the run's thread, printed once, before any answer."""
    return f"thread: {thread_id} (if interrupted: planexec resume {thread_id})"


async def _run(
    args: argparse.Namespace, context: ChatContext, progress: Progress
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    from planexec.graph import stream_chat_query

    announced = False
    async for event in stream_chat_query(
        args.query,
        correlation_session_id=args.session,
        target_language=args.lang,
        context=context,
        thread_id=args.thread,
    ):
        if not announced and event.get("thread_id"):
            progress.note(announce_thread(str(event["thread_id"])))
            announced = True
        if event["type"] == "thinking":
            progress.step(str(event["node"]), str(event["message"]))
        elif event["type"] == "complete":
            return event["response"], None
        elif event["type"] == "error":
            return None, event
    return None, {"code": "no_answer", "message": "the query ended without an answer"}


def write_maps(response: dict[str, Any]) -> dict[int, Path]:
    """The HTML map of each map module (by module index), written next to its GeoJSON."""
    maps: dict[int, Path] = {}
    for i, module in enumerate(response.get("modules", [])):
        if module.get("type") == "map":
            try:
                page = write_html_map(module)
            except (OSError, ValueError) as exc:
                print(f"warning: no HTML map for {module.get('title')!r}: {exc}", file=sys.stderr)
                continue
            if page is not None:
                maps[i] = page
    return maps


def run(args: argparse.Namespace) -> int:
    if not args.query.strip():
        example = 'planexec ask "map of solar plants in Bahia"'
        print(f"error: the query is empty; ask a question, e.g. {example}", file=sys.stderr)
        return EXIT_USAGE
    with Progress(quiet=args.quiet) as progress:  # the spinner shows while the graph is imported
        from planexec.nodes.context import ChatContext
        from planexec.schemas.settings import Settings

        context = ChatContext(settings=Settings())
        try:
            response, error = asyncio.run(_run(args, context, progress))
        finally:
            if context.hub is not None:
                context.hub.close()
    if error is not None:
        print(f"error ({error['code']}): {error['message']}", file=sys.stderr)
        return EXIT_ERROR
    assert response is not None
    maps = write_maps(response)
    if args.json:
        print(json.dumps(response, ensure_ascii=False, indent=2))
    else:
        print_response(response, stdout_console(), maps)
    if args.open:
        for page in maps.values():
            webbrowser.open(page.resolve().as_uri())
    return answer_exit_code(response)
