"""Handles behind a cached result: a cache hit whose published tables are gone is a cache miss.

A fetch step run `as_handle` caches a small result holding a `DataHandle`; the table itself lives in
the handle store, which retention prunes on its own clock. Before a cached result is reused, its
handles are looked up in the store (a file check for the default folder store): when one is gone the
step is called again, and the server publishes the table anew. Only handles of the store this
process is configured with can be checked; others are taken as present (a loss then shows up as a
`missing_handle` error downstream, handled in execution/lost_state.py).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from planexec.schemas.handles import DataHandle
from planexec.schemas.settings import Settings
from planexec.tools.stores.handle_store import HandleStore
from planexec.tools.stores.pools import StoreUnavailableError, redact

_STORES: dict[str, HandleStore] = {}
_LOCK = threading.Lock()


def handle_store(settings: Settings) -> HandleStore:
    """The handle store of `settings`, opened once per process and URL."""
    url = settings.resolved_handle_store_url()
    with _LOCK:
        store = _STORES.get(url)
        if store is None:
            store = _STORES[url] = HandleStore(url)
        return store


def missing_handles(payload: Mapping[str, Any], settings: Settings) -> list[DataHandle]:
    """The handles in a result's top-level fields whose payload is no longer in the store."""
    found = DataHandle.found_in(payload)
    if not found:
        return []
    store = handle_store(settings)
    own = redact(store.url)
    try:
        return [h for h in found.values() if h.store == own and not store.contains(h)]
    except (OSError, StoreUnavailableError):
        return []  # cannot tell: the step that reads the handle reports a loss if there is one
