"""Graph node `understand`: parse slots and intent scores from the query (code only, no LLM)."""

from __future__ import annotations

from typing import Any

from planexec.nodes.state import ChatState
from planexec.nodes.understanding.parse import understand_query


def understand(state: ChatState) -> dict[str, Any]:
    """Read `state["query"]`; return `{"understanding": Understanding}`."""
    query = state.get("query")
    return {"understanding": understand_query(query if isinstance(query, str) else "")}
