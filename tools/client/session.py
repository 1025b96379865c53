"""The MCP client session the hub uses: the SDK's `ClientSession` with the output-schema check of
every tool result kept, but compiled once per schema.

The SDK checks each result's structuredContent against the tool's outputSchema with
`jsonschema.validate`, which first validates the *schema* against its metaschema on every call
(2.5–9 ms for the bundled tools, several times per turn). Here the schema is checked once and its
validator reused (keyed by the schema's canonical JSON, so identical schemas seen by a restarted
session are not checked again); the instance check, the errors and their messages are the SDK's.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from mcp import ClientSession, types

log = logging.getLogger(__name__)
_CACHE_MAX = 512  # distinct output schemas kept (a process talks to a handful of servers)
_VALIDATORS: dict[str, Any] = {}  # canonical schema JSON -> validator, or the SchemaError it raised
_GUARD = threading.Lock()


def compiled_validator(schema: dict[str, Any]) -> Any:
    """A jsonschema validator for `schema` (its metaschema check done once per distinct schema);
    raises the SchemaError `jsonschema.validate` raises for an invalid schema, every time."""
    from jsonschema import SchemaError, validators  # imported on first use, as the SDK does
    from referencing import Registry

    key = json.dumps(schema, sort_keys=True, separators=(",", ":"), default=str)
    with _GUARD:
        found = _VALIDATORS.get(key)
    if found is None:
        cls = validators.validator_for(schema)
        try:
            cls.check_schema(schema)
            found = cls(schema, registry=Registry())  # $refs resolve within the schema document only
        except SchemaError as exc:
            found = exc
        with _GUARD:
            if len(_VALIDATORS) >= _CACHE_MAX:
                _VALIDATORS.clear()
            _VALIDATORS[key] = found
    if isinstance(found, Exception):
        raise found
    return found


def check_structured(name: str, structured: Any, validator: Any) -> None:
    """The SDK's check of one result against its tool's output schema, with a compiled validator:
    RuntimeError naming the tool for a result that breaks the schema or an unresolvable $ref."""
    from jsonschema import exceptions
    from referencing.exceptions import Unresolvable

    if structured is None:
        raise RuntimeError(f"Tool {name} has an output schema but did not return structured content")
    try:
        error = exceptions.best_match(validator.iter_errors(structured))
    except Unresolvable as exc:
        raise RuntimeError(f"Invalid schema for tool {name}: {exc}") from exc
    if error is not None:
        raise RuntimeError(f"Invalid structured content returned by tool {name}: {error}")


class CheckedSession(ClientSession):
    """`ClientSession` whose tool-result check reuses compiled output-schema validators.

    `pinned` names the tools whose results the caller validates itself against a pinned contract
    (tools/client/contracts.py) right after the call: checking them against the advertised schema
    too would be the same check twice (jsonschema takes ~20x pydantic's time: 5 ms for a
    205-row correlation), so for them only the presence of structuredContent is checked here.
    """

    def __init__(self, *args: Any, pinned: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pinned = pinned

    async def _validate_tool_result(self, name: str, result: types.CallToolResult) -> None:
        """Same contract as the SDK's: RuntimeError for a result that breaks the output schema or for
        an invalid / unresolvable schema; nothing when the tool has no output schema."""
        if name in self._pinned:
            return  # the caller's pinned contract checks it (and a missing structuredContent)
        schemas: dict[str, dict[str, Any] | None] | None = getattr(self, "_tool_output_schemas", None)
        if schemas is None:  # an SDK without the schema cache this relies on: its own check
            await super()._validate_tool_result(name, result)
            return
        if name not in schemas:
            await self.list_tools()  # refreshes the SDK's schema cache, as the SDK does
        if name not in schemas:
            log.warning("Tool %s not listed by server, cannot validate any structured content", name)
            return
        schema = schemas[name]
        if schema is None:
            return
        from jsonschema import SchemaError

        try:
            validator = self._validator(name, schema)
        except SchemaError as exc:
            raise RuntimeError(f"Invalid schema for tool {name}: {exc}") from exc
        check_structured(name, result.structuredContent, validator)

    def _validator(self, name: str, schema: dict[str, Any]) -> Any:
        """The compiled validator of this tool's current schema (same schema object: no re-keying)."""
        compiled: dict[str, tuple[dict[str, Any], Any]] = self.__dict__.setdefault("_compiled", {})
        hit = compiled.get(name)
        if hit is not None and hit[0] is schema:
            return hit[1]
        validator = compiled_validator(schema)
        compiled[name] = (schema, validator)
        return validator
