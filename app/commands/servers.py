"""`planexec servers`: start every configured MCP server, list its version and tools, then stop it."""

from __future__ import annotations

import argparse
import json
import sys

from planexec.schemas.hub import ServerDescription
from planexec.schemas.settings import Settings
from planexec.tools.client.config import ConfigError, load_config
from planexec.tools.client.hub import ToolHub

NAME = "servers"
HELP = "List the configured MCP servers, their versions and tools (schema hashes, tool versions)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config(Settings())
    except ConfigError as exc:
        print(f"planexec servers: {exc}", file=sys.stderr)
        return 2
    with ToolHub(config) as hub:
        descriptions = hub.describe_sync()
    if args.json:
        print(json.dumps([d.model_dump(mode="json") for d in descriptions], indent=2))
    else:
        print(render_table(descriptions))
    failed = [d for d in descriptions if d.status != "ok"]
    for desc in failed:
        print(f"planexec servers: server {desc.name!r} failed to start: {desc.error}", file=sys.stderr)
    return 1 if failed else 0


def render_table(descriptions: list[ServerDescription]) -> str:
    """A plain-text listing: one header line per server, one line per tool."""
    lines: list[str] = []
    for desc in descriptions:
        if desc.status != "ok":
            first = (desc.error or "").splitlines()[0] if desc.error else ""
            lines.append(f"{desc.name}  [{desc.transport}]  FAILED  {first}")
            lines.append("")
            continue
        startup = f"{desc.startup_ms:.0f} ms" if desc.startup_ms is not None else "?"
        lines.append(
            f"{desc.name}  [{desc.transport}]  version {desc.version}  ({len(desc.tools)} tools, {startup})"
        )
        lines.append(f"  {desc.target}")
        width = max((len(tool.name) for tool in desc.tools), default=4)
        for tool in desc.tools:
            pin = "pinned" if tool.pinned else "      "
            lines.append(f"  {tool.name:<{width}}  {tool.tool_version}  {pin}")
        lines.append("")
    return "\n".join(lines).rstrip()
