"""What a tool result looks like to the agent's LLM: a bounded summary, never the payload.

Entity tables become their type, row count and column names; packed columns become their
dtype and length; long strings and lists are cut; the whole text is cut to a character budget.
The full result stays in code (the agent's result store) and is reachable by reference.
"""

from __future__ import annotations

import json
from typing import Any

RESULT_BUDGET_CHARS = 2000
MAX_STRING_CHARS = 300
MAX_LIST_ITEMS = 10
TRUNCATED = "…(truncated)"


def _is_entity_table(value: dict[str, Any]) -> bool:
    return "count" in value and isinstance(value.get("ids"), dict) and "lon" in value


def _is_packed_column(value: dict[str, Any]) -> bool:
    return {"dtype", "length", "data"} <= set(value)


def _table_summary(table: dict[str, Any]) -> dict[str, Any]:
    columns = table.get("columns")
    return {
        "entity_table": table.get("entity_type"),
        "count": table.get("count"),
        "columns": sorted(columns) if isinstance(columns, dict) else [],
        "has_geometry": table.get("geometry_wkt") is not None,
    }


def shrink(value: Any, depth: int = 0) -> Any:
    """A JSON-able summary of a tool result: tables and packed columns reduced to counts and keys."""
    if isinstance(value, dict):
        if _is_entity_table(value):
            return _table_summary(value)
        if _is_packed_column(value):
            return {"packed_column": value.get("dtype"), "length": value.get("length")}
        if depth > 4:
            return f"<object with {len(value)} keys>"
        return {str(k): shrink(v, depth + 1) for k, v in value.items() if k != "schema_version"}
    if isinstance(value, list):
        items = [shrink(v, depth + 1) for v in value[:MAX_LIST_ITEMS]]
        return items + ([f"<{len(value) - MAX_LIST_ITEMS} more>"] if len(value) > MAX_LIST_ITEMS else [])
    if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
        return value[: MAX_STRING_CHARS - 1] + "…"
    return value


def render_result(ref: str, structured: dict[str, Any], budget: int = RESULT_BUDGET_CHARS) -> str:
    """The text the LLM gets for one successful call: its reference and the summary, <= budget chars."""
    text = json.dumps({"ref": ref, "result": shrink(structured)}, ensure_ascii=False, default=str)
    if len(text) <= budget:
        return text
    return text[: budget - len(TRUNCATED)] + TRUNCATED


def render_error(message: str, budget: int = RESULT_BUDGET_CHARS) -> str:
    text = f"error: {message}"
    return text if len(text) <= budget else text[: budget - len(TRUNCATED)] + TRUNCATED
