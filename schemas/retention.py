"""What retention (automatic pruning, `planexec gc`) deleted or would delete."""

from __future__ import annotations

from pydantic import Field

from planexec.schemas.base import Contract


class RetentionPolicy(Contract):
    """Limits of one pruning run (Settings: retention_ttl_s, retention_max_bytes, cache_ttl_s)."""

    ttl_s: float = Field(
        ge=0, description="Age after which unused threads, artifacts, maps and handles go (0: never)."
    )
    max_bytes: int = Field(
        ge=0,
        description="Size cap of the artifact store, of the maps folder and of the handle store, each "
        "(0: none).",
    )
    cache_ttl_s: float = Field(gt=0, description="Result cache entries older than this go.")


class RetentionReport(Contract):
    """The outcome of one pruning run."""

    dry_run: bool = Field(description="Nothing was deleted; the lists say what would be.")
    live_threads: list[str] = Field(
        default_factory=list, description="Threads kept (latest checkpoint < TTL)."
    )
    threads: list[str] = Field(
        default_factory=list, description="Stale threads (all their checkpoints) deleted."
    )
    artifacts: list[str] = Field(default_factory=list, description="Artifact ids deleted.")
    cache_entries: int = Field(default=0, ge=0, description="Result cache entries deleted.")
    maps: list[str] = Field(default_factory=list, description="Map files deleted (paths).")
    handles: list[str] = Field(
        default_factory=list, description="Handle store payloads deleted (keys '<kind>/<version>/<sha256>')."
    )
    freed_bytes: int = Field(default=0, ge=0, description="Bytes freed (artifacts + maps + handles).")
    kept_referenced: int = Field(
        default=0, ge=0, description="Artifacts, maps and handles kept because a live thread uses them."
    )
