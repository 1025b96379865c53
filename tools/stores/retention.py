"""Retention: delete stale threads, and artifacts, cache entries, maps and handles no live thread uses.

A thread is *live* while its latest checkpoint is younger than the TTL; everything its latest
state references (artifact ids, map files, found by walking the state values) is kept, however
old, and so are the artifacts of unexpired result-cache entries. Then, oldest first: stale threads
(every checkpoint), unreferenced artifacts and maps older than the TTL, expired cache entries, and
unreferenced artifacts / maps beyond the size cap. Payloads in the handle store go by the same rule
(older than the TTL, or beyond the cap) unless a live thread's state names them or a handle it names
refers to them (tools/stores/handle_retention.py). `dry_run` reports without deleting.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from planexec.schemas.handles import HANDLE_MARKER
from planexec.schemas.retention import RetentionPolicy, RetentionReport
from planexec.tools.stores.blob_backends import BlobBackend
from planexec.tools.stores.handle_retention import prune_handles
from planexec.tools.stores.handle_store import HandleStore
from planexec.tools.stores.selection import select_stale

ARTIFACT_NS, CACHE_NS = "artifact", "result_cache"
_MAX_PATH_CHARS = 4096


@dataclass
class References:
    """What live state points at: artifact ids, map file stems and data handles (store keys)."""

    artifact_ids: set[str] = field(default_factory=set)
    file_stems: set[str] = field(default_factory=set)
    handle_keys: set[str] = field(default_factory=set)

    def walk(self, value: Any, depth: int = 0) -> None:
        if depth > 64:
            return
        if isinstance(value, str):
            self._note_path(value)
        elif isinstance(value, dict):
            if isinstance(value.get("artifact_id"), str):
                self.artifact_ids.add(value["artifact_id"])
            if value.get("handle") == HANDLE_MARKER:
                self.handle_keys.add(f"{value.get('kind')}/{value.get('version')}/{value.get('sha256')}")
            for item in value.values():
                self.walk(item, depth + 1)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in value:
                self.walk(item, depth + 1)
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            self.walk(vars(value), depth + 1)

    def _note_path(self, text: str) -> None:
        if len(text) > _MAX_PATH_CHARS or "\n" in text:
            return
        name = Path(text.removeprefix("file://")).name
        if "." in name:
            self.file_stems.add(name.rsplit(".", 1)[0])


def _timestamp(ts: str) -> float:
    return datetime.fromisoformat(ts).timestamp()


def latest_checkpoints(saver: Any) -> dict[str, tuple[float, dict[str, Any]]]:
    """thread_id -> (time of its latest root checkpoint, that checkpoint's channel values)."""
    latest: dict[str, tuple[float, dict[str, Any]]] = {}
    for item in saver.list(None):
        conf = item.config["configurable"]
        if conf.get("checkpoint_ns", ""):
            continue
        thread, ts = str(conf["thread_id"]), _timestamp(item.checkpoint["ts"])
        if thread not in latest or ts > latest[thread][0]:
            latest[thread] = (ts, item.checkpoint.get("channel_values", {}))
    return latest


def _cache_refs(backend: BlobBackend, now: float, policy: RetentionPolicy) -> tuple[set[str], list[str]]:
    """(artifact ids of fresh cache entries, keys of stale ones)."""
    kept, stale = set(), []
    for entry in backend.entries(CACHE_NS):
        expired = entry.expires_at is not None and entry.expires_at < now
        if expired or entry.created_at < now - policy.cache_ttl_s:
            stale.append(entry.key)
            continue
        data = backend.get(CACHE_NS, entry.key)
        if data is not None:
            kept.add(str(json.loads(data).get("artifact_id", "")))
    return kept, stale


def _revived(saver: Any, thread: str, cutoff: float) -> bool:
    """The thread got a checkpoint newer than `cutoff` since it was listed (a turn continues it now)."""
    latest = saver.get_tuple({"configurable": {"thread_id": thread, "checkpoint_ns": ""}})
    return latest is not None and _timestamp(latest.checkpoint["ts"]) >= cutoff


def prune(
    saver: Any,
    backend: BlobBackend | None,
    map_dir: Path | None,
    policy: RetentionPolicy,
    *,
    now: float | None = None,
    dry_run: bool = False,
    keep_threads: Iterable[str] = (),
    handles: HandleStore | None = None,
) -> RetentionReport:
    """One pruning run over a checkpointer, a blob backend, a maps folder and a handle store (each
    may be None).

    `keep_threads` are live whatever their age (a query is about to continue them); a stale thread
    that got a fresh checkpoint between the listing and its deletion is kept too."""
    now = time.time() if now is None else now
    threads = latest_checkpoints(saver) if saver is not None else {}
    kept = set(keep_threads)
    live = {
        t: v for t, (ts, v) in threads.items() if t in kept or policy.ttl_s == 0 or ts >= now - policy.ttl_s
    }
    refs = References()
    for values in live.values():
        refs.walk(values)
    report = RetentionReport(dry_run=dry_run, live_threads=sorted(live))
    report.threads = sorted(set(threads) - set(live))
    if backend is not None:
        cached, stale_cache = _cache_refs(backend, now, policy)
        keep = refs.artifact_ids | cached
        entries = [(e.key, e.size, e.created_at) for e in backend.entries(ARTIFACT_NS)]
        gone = select_stale(entries, keep, now, policy)
        report.artifacts = [name for name, _ in gone]
        report.cache_entries = len(stale_cache)
        report.freed_bytes += sum(size for _, size in gone)
        report.kept_referenced += sum(1 for name, _, _ in entries if name in keep)
    maps = _map_files(map_dir)
    by_name = {str(path): path for path in maps}
    keep_maps = {str(p) for p in maps if p.name.rsplit(".", 1)[0] in refs.file_stems}
    sized = ((str(p), p.stat().st_size, p.stat().st_mtime) for p in maps)
    gone_maps = select_stale(sized, keep_maps, now, policy)
    report.maps = [name for name, _ in gone_maps]
    report.freed_bytes += sum(size for _, size in gone_maps)
    report.kept_referenced += len(keep_maps)
    if handles is not None:
        report.handles, freed, kept_handles = prune_handles(
            handles, refs.handle_keys, now, policy, dry_run=dry_run
        )
        report.freed_bytes += freed
        report.kept_referenced += kept_handles
    if not dry_run:
        report.threads = [t for t in report.threads if not _revived(saver, t, now - policy.ttl_s)]
        for thread in report.threads:
            saver.delete_thread(thread)
        if backend is not None:
            backend.delete(ARTIFACT_NS, report.artifacts)
            backend.delete(CACHE_NS, stale_cache)
        for name in report.maps:
            by_name[name].unlink(missing_ok=True)
    return report


def _map_files(map_dir: Path | None) -> list[Path]:
    if map_dir is None or not map_dir.is_dir():
        return []
    return [path for path in map_dir.iterdir() if path.is_file()]
