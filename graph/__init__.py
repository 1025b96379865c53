"""planexec graphs and the public API: `from planexec.graph import process_chat_query, stream_chat_query`."""

from __future__ import annotations

from typing import Any

__all__ = ["process_chat_query", "stream_chat_query"]


def __getattr__(name: str) -> Any:
    # Lazy: nodes import planexec.graph.deps/graph.settings, so the API must not load with the package.
    if name in __all__:
        from planexec.graph import api

        return getattr(api, name)
    raise AttributeError(name)
