"""Configuration of the MCP tool servers the hub connects to (read from a YAML/JSON file)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planexec.schemas.base import Contract

Transport = Literal["stdio", "http"]


class ServerConfig(Contract):
    """How to reach one MCP server: a stdio subprocess or a streamable-HTTP URL."""

    name: str = Field(min_length=1, description="Server name used in plans and tool calls.")
    transport: Transport = Field(default="stdio", description="'stdio' (subprocess) or 'http' (URL).")
    command: str | None = Field(default=None, description="stdio: executable to start.")
    args: list[str] = Field(default_factory=list, description="stdio: command-line arguments.")
    env: dict[str, str] = Field(
        default_factory=dict, description="stdio: extra environment variables (override inherited ones)."
    )
    env_passthrough: list[str] = Field(
        default_factory=list,
        description="stdio: extra inherited variable names; a trailing '*' matches a prefix.",
    )
    cwd: str | None = Field(default=None, description="stdio: working directory of the process.")
    url: str | None = Field(
        default=None, description="http: streamable-HTTP endpoint, e.g. http://h:8001/mcp."
    )
    headers: dict[str, str] = Field(
        default_factory=dict, description="http: extra request headers, e.g. Authorization.", repr=False
    )
    startup_timeout_s: float = Field(default=30.0, gt=0, description="Limit for start + initialize + list.")
    call_timeout_s: float = Field(default=120.0, gt=0, description="Default timeout of one tool call.")
    enabled: bool = Field(default=True, description="False removes the server from the hub.")

    @model_validator(mode="after")
    def _check_transport(self) -> ServerConfig:
        if self.transport == "stdio" and not self.command:
            raise ValueError(f"server {self.name!r}: transport 'stdio' needs 'command'")
        if self.transport == "http":
            if not self.url:
                raise ValueError(f"server {self.name!r}: transport 'http' needs 'url'")
            if not self.url.startswith(("http://", "https://")):
                raise ValueError(f"server {self.name!r}: url must start with http:// or https://")
        return self

    def target(self) -> str:
        """A one-line description of where the server runs (command line or URL)."""
        if self.transport == "http":
            return str(self.url)
        return " ".join([str(self.command), *self.args])


class HubConfig(Contract):
    """All configured servers, by name."""

    servers: dict[str, ServerConfig] = Field(default_factory=dict, description="Servers by name.")

    @model_validator(mode="after")
    def _check_names(self) -> HubConfig:
        for key, server in self.servers.items():
            if key != server.name:
                raise ValueError(f"server key {key!r} does not match its name {server.name!r}")
        return self


class HubConfigFile(Contract):
    """The config file (YAML or JSON) named by PLANEXEC_MCP_CONFIG.

    Each entry of `servers` is merged field by field over the bundled default of the same name
    (so `solar: {url: http://h:8001/mcp}` switches solar to HTTP); a new name adds a server.
    """

    replace_defaults: bool = Field(
        default=False, description="True: start from no servers instead of the five bundled ones."
    )
    servers: dict[str, dict[str, object]] = Field(
        default_factory=dict, description="Server settings by name (fields of ServerConfig)."
    )
    mcp_servers: dict[str, StandardServerEntry] = Field(
        default_factory=dict,
        alias="mcpServers",
        description="The standard MCP client format (Claude Desktop, VS Code, Cursor, Inspector): "
        "{name: {command, args, env, cwd} | {url, headers, type/transport}}, merged like `servers`.",
    )

    def entries(self) -> dict[str, dict[str, object]]:
        """Every server entry in planexec's own fields (`mcpServers` first, then `servers`)."""
        standard = {name: entry.as_fields(name) for name, entry in self.mcp_servers.items()}
        return {**standard, **self.servers}


_HTTP_TYPES = {"http", "streamable-http", "streamable_http", "streamableHttp"}


class StandardServerEntry(BaseModel):
    """One entry of the standard `mcpServers` object; keys other clients add (autoApprove, …) are ignored."""

    model_config = ConfigDict(extra="ignore")

    command: str | None = None
    args: list[str] = Field(default_factory=list)
    env: dict[str, str] = Field(default_factory=dict)
    cwd: str | None = None
    url: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    type: str | None = None
    transport: str | None = None
    disabled: bool = False

    def as_fields(self, name: str) -> dict[str, object]:
        """The ServerConfig fields this entry sets (ValueError for an unsupported transport)."""
        kind = self.type or self.transport or ("http" if self.url else "stdio")
        if kind in _HTTP_TYPES:
            fields: dict[str, object] = {"transport": "http", "url": self.url}
            return {**fields, "headers": self.headers} if self.headers else fields
        if kind != "stdio":
            raise ValueError(
                f"mcpServers.{name}: transport {kind!r} is not supported (use stdio or streamable http)"
            )
        fields = {"transport": "stdio", "command": self.command, "args": self.args, "env": self.env}
        fields.update({"cwd": self.cwd} if self.cwd else {})
        return {**fields, "enabled": False} if self.disabled else fields
