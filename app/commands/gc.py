"""`planexec gc`: delete stale threads and the artifacts, cache entries, maps and data handles no live
thread uses."""

from __future__ import annotations

import argparse

from planexec.graph.retention import run_gc
from planexec.schemas.retention import RetentionReport
from planexec.schemas.settings import Settings

NAME = "gc"
HELP = (
    "Delete threads older than PLANEXEC_RETENTION_TTL_S and the artifacts, cache entries, maps and data "
    "handles no live thread uses (also beyond PLANEXEC_RETENTION_MAX_BYTES, oldest first); prints what it "
    "deleted."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="only print what would be deleted")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    report = run_gc(Settings(), dry_run=args.dry_run)
    print(report.model_dump_json(indent=2) if args.json else render(report))
    return 0


def render(report: RetentionReport) -> str:
    verb = "would delete" if report.dry_run else "deleted"
    lines = [
        f"{verb}: {len(report.threads)} threads, {len(report.artifacts)} artifacts, "
        f"{report.cache_entries} cache entries, {len(report.maps)} maps, {len(report.handles)} handles "
        f"({report.freed_bytes:,} bytes)",
        f"kept: {len(report.live_threads)} live threads, "
        f"{report.kept_referenced} artifacts/maps/handles they use",
    ]
    lines += [f"  thread   {thread}" for thread in report.threads]
    lines += [f"  artifact {artifact_id}" for artifact_id in report.artifacts]
    lines += [f"  map      {path}" for path in report.maps]
    lines += [f"  handle   {key}" for key in report.handles]
    return "\n".join(lines)
