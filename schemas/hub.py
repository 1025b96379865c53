"""What the tool hub reports about its servers and their tools (`planexec servers`, describe())."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planexec.schemas.base import Contract
from planexec.schemas.config import Transport


class ToolDescription(Contract):
    """One tool a server offers, with the version planexec records on every call."""

    name: str = Field(description="Tool name.")
    description: str | None = Field(default=None, description="First line of the tool's description.")
    schema_hash: str = Field(description="sha256 (16 hex) of the canonical {inputSchema, outputSchema}.")
    tool_version: str = Field(description="'<server_version>+<schema_hash>'.")
    has_output_schema: bool = Field(description="True when the tool advertises an outputSchema.")
    pinned: bool = Field(description="True when planexec pins a contract (args/result model) for it.")


class ServerDescription(Contract):
    """One configured server: where it runs, whether it started, and its tools."""

    name: str = Field(description="Configured server name.")
    transport: Transport = Field(description="'stdio' or 'http'.")
    target: str = Field(description="Command line (stdio) or URL (http).")
    status: Literal["ok", "error"] = Field(description="'ok' when the server started and listed its tools.")
    server_name: str | None = Field(default=None, description="serverInfo.name reported at initialize.")
    version: str | None = Field(default=None, description="serverInfo.version reported at initialize.")
    startup_ms: float | None = Field(default=None, ge=0, description="Start + initialize + list time, ms.")
    error: str | None = Field(default=None, description="Why the server could not be started.")
    tools: list[ToolDescription] = Field(default_factory=list, description="Tools, sorted by name.")
