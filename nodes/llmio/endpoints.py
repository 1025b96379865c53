"""Per-endpoint capabilities, learned from the server's answers and kept for the process.

Keyed by (base URL, model name); thread-safe (one lock). Readers get a copy (`LLMCapabilities` is a
Pydantic model); writers go through `update`, which applies a change under the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from planexec.schemas.llm import LLMCapabilities

Key = tuple[str, str]

_lock = threading.Lock()
_cache: dict[Key, LLMCapabilities] = {}


def endpoint_key(model: Any) -> Key:
    """(base URL, model name) of a chat model; other model classes are keyed by their class name."""
    base_url = getattr(model, "openai_api_base", None) or ""
    name = getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__
    return str(base_url).rstrip("/"), str(name)


def capabilities(model: Any) -> LLMCapabilities:
    """A copy of what is known about the model's endpoint (defaults when nothing is known yet)."""
    key = endpoint_key(model)
    with _lock:
        known = _cache.get(key)
        if known is None:
            known = _cache[key] = LLMCapabilities(base_url=key[0], model=key[1])
        return known.model_copy(deep=True)


def update(model: Any, change: Callable[[LLMCapabilities], dict[str, Any]]) -> LLMCapabilities:
    """Apply `change(current) -> fields to set` atomically; returns the new capabilities."""
    key = endpoint_key(model)
    with _lock:
        current = _cache.get(key) or LLMCapabilities(base_url=key[0], model=key[1])
        _cache[key] = current.model_copy(update=change(current), deep=True)
        return _cache[key].model_copy(deep=True)


def forget(base_url: str | None = None) -> None:
    """Drop what is known about every endpoint under `base_url` (all endpoints when None)."""
    with _lock:
        if base_url is None:
            _cache.clear()
            return
        for key in [k for k in _cache if k[0] == base_url.rstrip("/")]:
            del _cache[key]
