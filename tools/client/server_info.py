"""What an MCP server advertises: its name/version and its tools, read once per session.

`handshake()` initializes a ClientSession and lists every tool (following pagination); each tool
carries a schema hash so a call's tool_version pins both the server version and the tool's schemas.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from mcp import ClientSession, types


@dataclass(frozen=True)
class ToolInfo:
    name: str
    description: str | None
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None
    schema_hash: str


@dataclass(frozen=True)
class ServerInfo:
    name: str
    version: str
    tools: dict[str, ToolInfo]
    startup_ms: float


def schema_hash(input_schema: dict[str, Any] | None, output_schema: dict[str, Any] | None) -> str:
    """First 16 hex of sha256 over the canonical JSON of {inputSchema, outputSchema}."""
    canonical = json.dumps(
        {"inputSchema": input_schema, "outputSchema": output_schema},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _tool_info(tool: types.Tool) -> ToolInfo:
    description = (tool.description or "").strip().splitlines()
    return ToolInfo(
        name=tool.name,
        description=description[0] if description else None,
        input_schema=tool.inputSchema,
        output_schema=tool.outputSchema,
        schema_hash=schema_hash(tool.inputSchema, tool.outputSchema),
    )


async def handshake(session: ClientSession) -> ServerInfo:
    """Initialize the session and list all its tools; startup_ms times the whole exchange."""
    started = time.perf_counter()
    init = await session.initialize()
    tools: dict[str, ToolInfo] = {}
    cursor: str | None = None
    while True:
        params = types.PaginatedRequestParams(cursor=cursor) if cursor else None
        listed = await session.list_tools(params=params)
        for tool in listed.tools:
            tools[tool.name] = _tool_info(tool)
        cursor = listed.nextCursor
        if not cursor:
            break
    version = init.serverInfo.version or "0"
    elapsed = (time.perf_counter() - started) * 1000
    return ServerInfo(name=init.serverInfo.name, version=version, tools=tools, startup_ms=elapsed)
