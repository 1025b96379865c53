"""Errors the tool hub raises. `transient` says whether a retry may help."""

from __future__ import annotations


class ToolError(Exception):
    """Base class for every tool-hub failure."""

    status: str = "error"
    transient: bool = False

    def __init__(self, message: str, *, server: str | None = None, tool: str | None = None) -> None:
        super().__init__(message)
        self.server = server
        self.tool = tool


class UnknownServerError(ToolError):
    """The server name is not configured."""


class UnknownToolError(ToolError):
    """The server does not offer this tool."""


class InvalidArgsError(ToolError):
    """Arguments do not match the tool's pinned input contract."""


class ToolTimeoutError(ToolError):
    """The call did not finish within its timeout."""

    status = "timeout"
    transient = True


class ServerStartError(ToolError):
    """The server process or HTTP endpoint could not be started or initialized."""

    transient = True


class ServerCrashedError(ToolError):
    """The connection broke during the call (process died, socket closed)."""

    transient = True


class ToolExecutionError(ToolError):
    """The tool ran and reported an error (isError)."""


class InvalidResultError(ToolError):
    """structuredContent does not match the pinned output contract."""

    status = "invalid"
