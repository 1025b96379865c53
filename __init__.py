"""planexec: a LangGraph state-machine agent that orchestrates MCP tool servers by code.

`from planexec import process_chat_query, stream_chat_query` — the public chat API (async);
`from planexec import resume_chat_query` — finish a thread's interrupted turn (async);
`from planexec import start_draft, resume_draft` — the drafting API (async event streams).
Nothing heavy is imported with the package: the API loads on first attribute access.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "process_chat_query",
    "resume_chat_query",
    "resume_draft",
    "start_draft",
    "stream_chat_query",
    "stream_resume_chat_query",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from planexec import graph

        return getattr(graph, name)
    raise AttributeError(name)
