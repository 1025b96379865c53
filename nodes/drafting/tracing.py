"""Helpers (not a node): canonical hashes, tool versions and ReasoningTrace records."""

from __future__ import annotations

import hashlib
import json
import time
from functools import cache
from typing import Any

from pydantic import BaseModel

from planexec.schemas.base import SCHEMA_VERSION
from planexec.schemas.drafting_records import TraceRecord

CODE_VERSION = "1.2.0"  # bump when a drafting tool's behaviour changes


def canonical_hash(value: Any, length: int = 16) -> str:
    """sha256 of the canonical JSON of `value` (sorted keys), first `length` hex digits."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@cache
def tool_version(output_model: type[BaseModel]) -> str:
    """'<code version>+<hash of the output contract's JSON Schema>' (as MCP tools are versioned)."""
    return f"{CODE_VERSION}+{canonical_hash(output_model.model_json_schema(), 12)}"


def schema_name(model: type[BaseModel]) -> str:
    return f"planexec.drafting.{model.__name__}"


def trace(
    tool: str,
    output_model: type[BaseModel],
    inputs: Any,
    outputs: Any,
    *,
    started: float,
    status: str = "ok",
    section_id: str | None = None,
    **detail: Any,
) -> dict[str, Any]:
    """One TraceRecord dump for a finished tool step."""
    record = TraceRecord(
        tool=f"drafting.{tool}",
        tool_version=tool_version(output_model),
        schema_name=schema_name(output_model),
        schema_version=SCHEMA_VERSION,
        input_hash=canonical_hash(inputs),
        output_hash=canonical_hash(outputs),
        status=status,  # type: ignore[arg-type]
        started_at=started,
        finished_at=time.time(),
        section_id=section_id,
        detail=detail,
    )
    return record.model_dump()
