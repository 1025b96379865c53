"""The MCP SDK's server-side output check, with validators compiled once per schema.

mcp 1.x's low-level server checks every tool result against the tool's outputSchema with
`jsonschema.validate`, which validates the *schema* against its metaschema first, on every call:
3 ms for RegisterEntities' schema, 15 ms for FindSpatialCorrelations' (measured), several times per
chat turn — more than the tools' own work at 788 plants. The SDK offers no hook (the check is inside
the handler FastMCP registers), so `install()` replaces the `jsonschema` name in that module with
`CompiledJsonSchema`: the same check and the same error (best match, its message), with the
metaschema check done once per distinct schema (`tools/client/session.compiled_validator`, the
client's cache). Nothing else about the server changes; tests check the swap is in place and that a
result breaking its schema is still refused.
"""

from __future__ import annotations

from typing import Any

import jsonschema
from jsonschema import exceptions
from mcp.server.lowlevel import server as lowlevel

from planexec.tools.client.session import compiled_validator


class CompiledJsonSchema:
    """Stands in for the `jsonschema` module inside mcp's low-level server (it uses only these)."""

    ValidationError = jsonschema.ValidationError

    @staticmethod
    def validate(instance: Any, schema: dict[str, Any]) -> None:
        """As `jsonschema.validate`: raise the best-matching ValidationError, if any."""
        error = exceptions.best_match(compiled_validator(schema).iter_errors(instance))
        if error is not None:
            raise error


def install() -> None:
    """Use compiled validators in the SDK's call-tool handler of this process (idempotent)."""
    lowlevel.jsonschema = CompiledJsonSchema  # type: ignore[assignment]
