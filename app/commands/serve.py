"""`planexec serve`: the reference chat backend over HTTP (see app/server.py)."""

from __future__ import annotations

import argparse

NAME = "serve"
HELP = "serve the chat API over HTTP: POST /chat, POST /chat/stream (SSE), GET /healthz"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8321, help="port (default 8321)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from planexec.app.server import build_app
    from planexec.schemas.settings import Settings

    uvicorn.run(build_app(settings=Settings()), host=args.host, port=args.port, log_level="warning")
    return 0
