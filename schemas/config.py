"""Configuration of the MCP tool servers the hub connects to (read from a YAML/JSON file)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

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
