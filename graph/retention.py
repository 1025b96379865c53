"""Retention runs over the configured stores: `planexec gc` and the throttled automatic pruning.
`run_gc(settings)` opens the checkpointer, the artifact store (+ result cache), the maps folder and the
handle store named by `settings` and prunes them (tools/stores/retention.py). `prune_soon(settings)`
starts one run in a background thread at most once per `retention_interval_s` per process and checkpoint
URL; it is called when a checkpointer is opened for a query (a write is about to happen), so pruning
costs the query nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable

from planexec.graph.checkpoint import CheckpointNotFoundError, open_checkpointer
from planexec.schemas.retention import RetentionPolicy, RetentionReport
from planexec.schemas.settings import Settings
from planexec.tools.stores.blob_backends import open_backend
from planexec.tools.stores.handle_store import HandleStore
from planexec.tools.stores.retention import prune

log = logging.getLogger(__name__)
_last_run: dict[str, float] = {}
_guard = threading.Lock()


def policy_of(settings: Settings) -> RetentionPolicy:
    return RetentionPolicy(
        ttl_s=settings.retention_ttl_s,
        max_bytes=settings.retention_max_bytes,
        cache_ttl_s=settings.cache_ttl_s,
    )


def run_gc(
    settings: Settings, *, dry_run: bool = False, now: float | None = None, keep_threads: Iterable[str] = ()
) -> RetentionReport:
    """Prune the checkpointer, store and maps folder of `settings`; report what was (or would be) deleted.
    `keep_threads` are never pruned (the thread a query is about to continue)."""
    policy = policy_of(settings)
    store_url = settings.resolved_store_url()
    backend = None if store_url.startswith("memory") else open_backend(store_url)
    handles_url = settings.resolved_handle_store_url()
    handles = None if handles_url.startswith("memory") else HandleStore(handles_url)
    maps = settings.resolved_artifact_dir()
    try:
        with open_checkpointer(settings.resolved_checkpoint_url(), create=False) as saver:
            return prune(
                saver,
                backend,
                maps,
                policy,
                now=now,
                dry_run=dry_run,
                keep_threads=keep_threads,
                handles=handles,
            )
    except CheckpointNotFoundError:  # nothing was ever checkpointed: no thread is live
        return prune(None, backend, maps, policy, now=now, dry_run=dry_run, handles=handles)
    finally:
        if backend is not None:
            backend.close()
        if handles is not None:
            handles.close()


def prune_soon(settings: Settings, keep_threads: Iterable[str] = ()) -> threading.Thread | None:
    """Start a background run unless one ran less than `retention_interval_s` ago (per checkpoint URL).
    `keep_threads`: threads the starting query uses; pruning them would delete the turn being written."""
    if settings.retention_interval_s <= 0 or settings.resolved_checkpoint_url().startswith("memory"):
        return None
    key, now = settings.resolved_checkpoint_url(), time.monotonic()
    with _guard:
        last = _last_run.get(key)
        if last is not None and now - last < settings.retention_interval_s:
            return None
        _last_run[key] = now
    thread = threading.Thread(
        target=_run_quietly, args=(settings, tuple(keep_threads)), name="planexec-retention", daemon=True
    )
    thread.start()
    return thread


def _run_quietly(settings: Settings, keep_threads: tuple[str, ...] = ()) -> None:
    try:
        report = run_gc(settings, keep_threads=keep_threads)
    except Exception:  # pruning must never break a query
        log.warning("automatic pruning failed", exc_info=True)
        return
    if report.threads or report.artifacts or report.maps or report.cache_entries or report.handles:
        log.info(
            "pruned %d threads, %d artifacts, %d cache entries, %d maps, %d handles (%d bytes)",
            len(report.threads), len(report.artifacts), report.cache_entries, len(report.maps),
            len(report.handles), report.freed_bytes,
        )  # fmt: skip
