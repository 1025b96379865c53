"""One tool call's marshalling: args checked against the pinned contract, the payload put on the
wire, the result read back and validated, and the CallMeta bookkeeping of the attempt.

Pure functions over MCP types and tools/client/contracts.py models; no I/O. Used by tools/client/hub.py.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from mcp import types
from pydantic import BaseModel, ValidationError

from planexec.schemas.calls import CallMeta, CallStatus
from planexec.schemas.tools.internal import INTERNAL_ARGS, INTERNAL_META_KEY
from planexec.tools.client.contracts import ToolContract
from planexec.tools.client.errors import (
    InvalidArgsError,
    InvalidResultError,
    ToolExecutionError,
    UnknownToolError,
)
from planexec.tools.client.server_info import ServerInfo, ToolInfo

UNKNOWN = "unknown"


@dataclass
class CallAttempt:
    """One attempt at a call: ids, timing and the versions seen, turned into a CallMeta at the end."""

    server: str
    tool: str
    attempt: int
    call_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: float = field(default_factory=time.time)
    t0: float = field(default_factory=time.perf_counter)
    server_version: str = UNKNOWN
    schema_hash: str = UNKNOWN

    def note_versions(self, info: ServerInfo) -> None:
        self.server_version = info.version
        tool_info = info.tools.get(self.tool)
        if tool_info is not None:
            self.schema_hash = tool_info.schema_hash

    def meta(self, status: CallStatus, error: str | None = None) -> CallMeta:
        return CallMeta(
            call_id=self.call_id,
            server=self.server,
            tool=self.tool,
            server_version=self.server_version,
            schema_hash=self.schema_hash,
            tool_version=f"{self.server_version}+{self.schema_hash}",
            started_at=self.started_at,
            duration_ms=(time.perf_counter() - self.t0) * 1000,
            attempt=self.attempt,
            status=status,
            error=error[:500] if error else None,
        )


def require_tool(info: ServerInfo, server: str, tool: str) -> ToolInfo:
    """The advertised tool, or UnknownToolError naming what the server offers."""
    tool_info = info.tools.get(tool)
    if tool_info is None:
        offered = ", ".join(sorted(info.tools)) or "none"
        raise UnknownToolError(f"server {server!r} has no tool {tool!r}; it offers: {offered}", server=server)
    return tool_info


def validate_args(contract: ToolContract | None, args: Any, server: str, tool: str) -> BaseModel | None:
    """The args validated against the pinned args model (None when the tool is not pinned)."""
    if not isinstance(args, dict):
        raise InvalidArgsError(f"{server}.{tool}: args must be an object, got {type(args).__name__}")
    if contract is None:
        return None
    try:
        return contract.args.model_validate(args)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(args)'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise InvalidArgsError(
            f"{server}.{tool}: invalid args: {problems}", server=server, tool=tool
        ) from None


def wire_payload(
    validated: BaseModel | None, args: dict[str, Any], info: ToolInfo, server: str, tool: str
) -> dict[str, Any]:
    """What goes on the wire: the validated args (defaults filled, no schema_version) that the tool takes."""
    if validated is None:
        return args
    payload = validated.model_dump(mode="json", exclude={"schema_version"}, exclude_none=True)
    accepted = info.input_schema.get("properties")
    if not isinstance(accepted, dict) or info.input_schema.get("additionalProperties") is True:
        return payload
    for key in [k for k in payload if k not in accepted]:
        if key in validated.model_fields_set and key not in INTERNAL_ARGS:
            msg = f"{server}.{tool}: the server's tool does not accept {key!r} (schema drift)"
            raise InvalidArgsError(msg, server=server, tool=tool)
        del payload[key]
    return payload


def internal_meta(validated: BaseModel | None, info: ToolInfo) -> dict[str, Any] | None:
    """The request `_meta` carrying internal fields (schema_version, synthetic_points) to a tool
    that keeps them out of its public schema; None when there is nothing to send that way."""
    if validated is None:
        return None
    accepted = info.input_schema.get("properties")
    accepted = accepted if isinstance(accepted, dict) else {}
    sent = validated.model_dump(mode="json", include=set(INTERNAL_ARGS), exclude_none=True)
    hidden = {k: v for k, v in sent.items() if k not in accepted}
    return {INTERNAL_META_KEY: hidden} if hidden else None


def read_result(
    raw: types.CallToolResult, contract: ToolContract | None, server: str, tool: str
) -> tuple[BaseModel | None, dict[str, Any]]:
    """(validated pinned result or None, structured dict); raises on isError or contract breaks."""
    text = "\n".join(c.text for c in raw.content if isinstance(c, types.TextContent)).strip()
    if raw.isError:
        raise ToolExecutionError(
            f"{server}.{tool} reported an error: {text or '(no message)'}", server=server, tool=tool
        )
    structured = raw.structuredContent
    if contract is None:
        return None, structured if structured is not None else {"text": text}
    if structured is None:
        raise InvalidResultError(f"{server}.{tool} returned no structuredContent", server=server, tool=tool)
    try:
        return contract.result.model_validate(structured), structured
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(result)"
        name = contract.result.__name__
        msg = f"{server}.{tool}: result breaks its pinned contract {name}: {where}: {first['msg']}"
        raise InvalidResultError(msg, server=server, tool=tool) from None
