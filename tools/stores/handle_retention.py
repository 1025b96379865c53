"""Retention of the handle store: payloads no live thread uses go after the TTL or beyond the cap.

A live thread's state names handles (its timeline records every handle a call returned). Handles
refer to others: an 'entity_set' payload names its 'entity_table', a 'correlation' names its two
'entity_set's. So the kept set is the closure of the named keys through those references; every
other payload older than the TTL goes, then the oldest unkept ones while the store is over the size
cap (`select_stale`, as for artifacts and maps). A payload published again is fresh again (the
folder store touches it), so a table in daily use is not pruned under a query.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from planexec.schemas.handles import BINARY_FORMAT_VERSION, CorrelationRecord, EntitySetRecord, HandleError
from planexec.schemas.retention import RetentionPolicy
from planexec.tools.stores.columnar import correlation_header
from planexec.tools.stores.handle_store import HandleStore
from planexec.tools.stores.selection import select_stale


def _referenced(store: HandleStore, key: str) -> list[str]:
    """Keys the payload at `key` refers to (entity_set -> its table; correlation -> its two sets)."""
    kind, version = key.split("/", 2)[:2]
    if kind not in ("entity_set", "correlation"):
        return []
    data = store.read_key(key)
    return [] if data is None else _refs_in(kind, version, data)


def _refs_in(kind: str, version: str, data: bytes) -> list[str]:
    try:
        if kind == "entity_set":
            return [EntitySetRecord.model_validate_json(data).table.key]
        if version == BINARY_FORMAT_VERSION:
            header = correlation_header(data)
            return [header.left.key, header.right.key]
        record = CorrelationRecord.model_validate_json(data)
    except (ValidationError, HandleError):
        return []
    return [record.left.key, record.right.key]


def kept_closure(store: HandleStore, named: Iterable[str], present: set[str]) -> set[str]:
    """`named` keys present in the store and, transitively, the payloads they refer to."""
    keep: set[str] = set()
    todo = [k for k in named if k in present]
    while todo:
        key = todo.pop()
        if key in keep:
            continue
        keep.add(key)
        todo.extend(k for k in _referenced(store, key) if k in present and k not in keep)
    return keep


def prune_handles(
    store: HandleStore, named: Iterable[str], now: float, policy: RetentionPolicy, *, dry_run: bool = False
) -> tuple[list[str], int, int]:
    """(keys deleted or to delete, bytes freed, payloads kept because a live thread uses them)."""
    entries = store.entries()
    present = {e.key for e in entries}
    keep = kept_closure(store, named, present)
    gone = select_stale(((e.key, e.size, e.created_at) for e in entries), keep, now, policy)
    keys = [key for key, _ in gone]
    if not dry_run:
        store.delete(keys)
    return keys, sum(size for _, size in gone), len(keep)
