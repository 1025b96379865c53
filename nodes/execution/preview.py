"""Sanitized, bounded previews and small facts: what may enter the state and the timeline."""

from __future__ import annotations

import json
import re
from typing import Any

PREVIEW_CHARS = 300
_SECRET_KEY = re.compile(r"(key|token|secret|password|authorization)", re.IGNORECASE)


def _shrink(value: Any, depth: int = 0) -> Any:
    if isinstance(value, dict):
        if "count" in value and "ids" in value:
            return f"<EntityTable {value.get('entity_type')} x{value.get('count')}>"
        if depth > 2:
            return f"<object {len(value)} keys>"
        return {k: "***" if _SECRET_KEY.search(str(k)) else _shrink(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_shrink(v, depth + 1) for v in value[:10]] + (
            [f"<+{len(value) - 10}>"] if len(value) > 10 else []
        )
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "…"
    return value


def args_preview(args: dict[str, Any]) -> str:
    """JSON of the args with tables summarised, long strings cut, secrets masked; <= 300 chars."""
    text = json.dumps(_shrink(args), ensure_ascii=False, default=str, sort_keys=True)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def result_facts(structured: dict[str, Any]) -> dict[str, Any]:
    """Top-level scalar fields of a result (counts, totals, ids of sessions) — never nested payloads."""
    facts: dict[str, Any] = {}
    for key, value in structured.items():
        if key == "schema_version":
            continue
        if (
            isinstance(value, (bool, int, float))
            or value is None
            or (isinstance(value, str) and len(value) <= 120)
        ):
            facts[key] = value
    return facts
