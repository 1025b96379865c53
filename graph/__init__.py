"""planexec graphs and the public API.

`from planexec.graph import process_chat_query, stream_chat_query, resume_chat_query` (chat) and
`from planexec.graph import start_draft, resume_draft` (drafting); all async.
"""

from __future__ import annotations

from typing import Any

_API = {
    "process_chat_query": "planexec.graph.api",
    "stream_chat_query": "planexec.graph.api",
    "resume_chat_query": "planexec.graph.api",
    "stream_resume_chat_query": "planexec.graph.api",
    "start_draft": "planexec.graph.drafting_api",
    "resume_draft": "planexec.graph.drafting_api",
}
__all__ = list(_API)


def __getattr__(name: str) -> Any:
    # Lazy: importing a graph module (langgraph.json) must not load the API and its dependencies.
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(name)
