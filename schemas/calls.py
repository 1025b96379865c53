"""Metadata of one MCP tool call and the timeline events it produces."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from planexec.schemas.base import Contract
from planexec.schemas.handles import DataHandle

CallStatus = Literal["ok", "timeout", "error", "invalid"]


class CallMeta(Contract):
    """What the hub records about one tool call attempt."""

    call_id: str = Field(description="Unique id of this call attempt.")
    server: str = Field(description="Configured server name.")
    tool: str = Field(description="Tool name.")
    server_version: str = Field(description="serverInfo.version reported at initialize.")
    schema_hash: str = Field(description="sha256 (16 hex) of the tool's canonical input+output schemas.")
    tool_version: str = Field(description="'<server_version>+<schema_hash>'.")
    started_at: float = Field(description="Unix time the attempt started.")
    duration_ms: float = Field(ge=0, description="Wall time of the attempt, ms.")
    attempt: int = Field(ge=1, description="1 for the first try, 2+ for retries.")
    status: CallStatus = Field(description="ok | timeout | error | invalid.")
    error: str | None = Field(default=None, description="Short error message when status != ok.")


class TimelineEvent(BaseModel):
    """One entry of the decision timeline (DESIGN.md: timeline event fields).

    Not a `Contract`: its `schema_version` is the version of the tool result's contract; the
    timeline's own contract version is the response's `metadata.schema_version`.
    """

    model_config = ConfigDict(extra="forbid")

    ts: float = Field(description="Unix time of the event.")
    event: Literal["tool_start", "tool_end"] = Field(description="Start or end of a tool call.")
    call_id: str = Field(description="Id shared by the start and end events of one attempt.")
    step: str | None = Field(default=None, description="Plan step alias the call belongs to.")
    server: str = Field(description="Server name.")
    tool: str = Field(description="Tool name.")
    args_preview: str = Field(description="Sanitized, bounded (<= 300 chars) preview of the arguments.")
    status: CallStatus | None = Field(default=None, description="Set on tool_end.")
    result_keys: list[str] = Field(default_factory=list, description="Top-level keys of the result.")
    duration_ms: float | None = Field(default=None, description="Set on tool_end.")
    attempt: int = Field(default=1, ge=1, description="Attempt number.")
    cache_hit: bool = Field(default=False, description="True when served from the result cache.")
    tool_version: str | None = Field(default=None, description="Tool version (server version + schema hash).")
    schema_version: str | None = Field(default=None, description="Contract version of the result.")
    error: str | None = Field(default=None, description="Short error text on failure.")
    extra: dict[str, Any] = Field(default_factory=dict, description="Small extra facts (counts).")
    handles: dict[str, DataHandle] = Field(
        default_factory=dict,
        description="Data handles the result carries, by field (kind, version, hash, rows, size in bytes).",
    )
