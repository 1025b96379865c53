"""Which stored items a retention run deletes: unkept ones older than the TTL, then over the size cap."""

from __future__ import annotations

from collections.abc import Iterable

from planexec.schemas.retention import RetentionPolicy


def select_stale(
    items: Iterable[tuple[str, int, float]], keep: set[str], now: float, policy: RetentionPolicy
) -> list[tuple[str, int]]:
    """(name, size) to delete among (name, size, time): unkept and older than the TTL, then over the cap."""
    ordered = sorted(items, key=lambda item: item[2])
    old = now - policy.ttl_s
    gone = [(n, s) for n, s, t in ordered if n not in keep and policy.ttl_s > 0 and t < old]
    total = sum(s for _, s, _ in ordered) - sum(s for _, s in gone)
    if policy.max_bytes:
        dropped = {n for n, _ in gone}
        for name, size, _ in ordered:
            if total <= policy.max_bytes:
                break
            if name not in keep and name not in dropped:
                gone.append((name, size))
                total -= size
    return gone
