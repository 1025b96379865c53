"""`planexec serve`: the chat backend over HTTP (FastAPI + uvicorn; see app/server.py)."""

from __future__ import annotations

import argparse
import ipaddress
import math
import sys

NAME = "serve"
HELP = "serve the chat API and the web page over HTTP (/, /chat, /chat/stream, /ag-ui, /openapi.json)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8321, help="port (default 8321)")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from planexec.app.http.logs import configure
    from planexec.app.server import build_app
    from planexec.schemas.settings import Settings

    settings = Settings()
    if not is_loopback(args.host) and not settings.api_token:
        print(
            f"refusing to serve on {args.host}: set PLANEXEC_API_TOKEN (a bearer token) to bind "
            "beyond loopback",
            file=sys.stderr,
        )
        return 2
    configure()
    print(f"planexec: serving on http://{args.host}:{args.port}/", file=sys.stderr, flush=True)
    uvicorn.run(
        build_app(settings=settings),
        host=args.host,
        port=args.port,
        log_level="warning",
        timeout_graceful_shutdown=math.ceil(settings.http_shutdown_grace_s) + 5,
    )
    return 0
