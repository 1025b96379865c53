"""Pipeline benchmark: fetch → register → correlate over real MCP servers vs the same work in-process.

    python -m benchmarks.pipeline [--runs 5] [--sizes 0,10000,100000] [--output PATH]

For the 788 real plants and for 10k / 100k synthetic points (seeded jittered copies of the real
plants, the solar tool's `synthetic_points` argument), it times
solar.GetFacilitiesForGeospatial + heat.GetHeatQuintilesForGeospatial (quintile 5) →
geospatial.RegisterEntities ×2 → geospatial.FindSpatialCorrelations (proximity, 1 km)
through the ToolHub (stdio, warm sessions), and the same computation in-process: the servers'
plain tool functions and tools/servers/geospatial/geo.py, no MCP. One warm-up run, then the median of N runs.
Peak memory: tracemalloc for the in-process run and for the MCP client process, VmHWM (peak RSS)
of each server process. Pair counts must be equal on both sides (asserted). Finally one query
end to end through the chat graph (process_chat_query) at each size.

Reported numbers are ratios against a baseline measured in the same run, not absolute budgets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planexec.graph.api import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.entities import EntityTable
from planexec.schemas.tools.heat import HeatQuintilesArgs
from planexec.schemas.tools.solar import FacilitiesArgs
from planexec.tools.client.config import default_config
from planexec.tools.client.hub import ToolHub
from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir
from planexec.tools.servers.geospatial.geo import SpatialIndex, join_proximity
from planexec.tools.servers.heat import server as heat
from planexec.tools.servers.solar import server as solar
from planexec.tools.stores.artifacts import ArtifactStore
from planexec.tools.stores.blob_backends import MemoryBackend
from planexec.tools.stores.result_cache import ResultCache

DISTANCE_KM = 1.0
HEAT_ARGS: dict[str, Any] = {"quintiles": [5], "limit": 10_000}
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
RESULTS = Path(__file__).resolve().parent / "results" / "pipeline.md"
SERVERS = ("solar", "heat", "geospatial")
STAGES = ("fetch", "register", "correlate")
MB = 1024 * 1024
LOCAL_DATA = Datasets(package_data_dir())  # loaded on the warm-up run, kept like a server's state


@dataclass
class Side:
    """Stage timings (seconds, one list per stage), pair count and peak memory of one side."""

    times: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STAGES})
    pairs: int = -1
    peak_mb: float = 0.0

    def add(self, stages: dict[str, float], pairs: int) -> None:
        if self.pairs not in (-1, pairs):
            raise AssertionError(f"pair count changed between runs: {self.pairs} then {pairs}")
        self.pairs = pairs
        for stage, seconds in stages.items():
            self.times[stage].append(seconds)

    def median(self, stage: str | None = None) -> float:
        if stage is not None:
            return statistics.median(self.times[stage])
        totals = [sum(run) for run in zip(*(self.times[s] for s in STAGES), strict=True)]
        return statistics.median(totals)


@dataclass
class SizeResult:
    label: str
    points: int
    mcp: Side = field(default_factory=Side)
    local: Side = field(default_factory=Side)
    server_hwm_mb: dict[str, float] = field(default_factory=dict)
    chat_s: float = 0.0
    chat_pairs: int | None = None


def label_of(n: int) -> str:
    if n == 0:
        return "real (788 plants)"
    return f"synthetic {n // 1000}k" if n % 1000 == 0 else f"synthetic {n:,}"


def solar_args(n: int) -> dict[str, Any]:
    args: dict[str, Any] = {"country": "Brazil", "limit": 200_000}
    return {**args, "synthetic_points": n} if n else args


# ---- in-process: the servers' plain functions and tools/servers/geospatial/geo.py ----------------


def index_of(table: EntityTable) -> SpatialIndex:
    wkt = None if table.geometry_wkt is None else table.geometry_wkt.to_numpy()
    return SpatialIndex.from_wkt(
        table.lon.to_numpy(), table.lat.to_numpy(), wkt
    )  # STRtree: lazy, as on the server


def run_local(n: int) -> tuple[dict[str, float], int]:
    t0 = time.perf_counter()
    plants = solar.get_facilities_for_geospatial(FacilitiesArgs(**solar_args(n)), LOCAL_DATA).entities
    zones = heat.get_heat_quintiles_for_geospatial(HeatQuintilesArgs(**HEAT_ARGS), LOCAL_DATA).entities
    t1 = time.perf_counter()
    left, right = index_of(plants), index_of(zones)
    t2 = time.perf_counter()
    join = join_proximity(left.lon, left.lat, right, DISTANCE_KM * 1000.0)
    t3 = time.perf_counter()
    return {"fetch": t1 - t0, "register": t2 - t1, "correlate": t3 - t2}, len(join)


# ---- over MCP: the same tools through the ToolHub (stdio) -------------------------------------


def run_mcp(hub: ToolHub, n: int) -> tuple[dict[str, float], int]:
    session = f"bench-{n}"  # one session per size: registrations replace the previous run's sets
    t0 = time.perf_counter()
    plants = hub.call_sync("solar", "GetFacilitiesForGeospatial", solar_args(n)).structured["entities"]
    zones = hub.call_sync("heat", "GetHeatQuintilesForGeospatial", HEAT_ARGS).structured["entities"]
    t1 = time.perf_counter()
    for entity_type, table in (("solar_facility", plants), ("heat_zone", zones)):
        args = {"entity_type": entity_type, "entities": table, "session_id": session}
        hub.call_sync("geospatial", "RegisterEntities", args)
    t2 = time.perf_counter()
    corr = hub.call_sync(
        "geospatial",
        "FindSpatialCorrelations",
        {
            "entity_type1": "solar_facility",
            "entity_type2": "heat_zone",
            "session_id": session,
            "method": "proximity",
            "distance_km": DISTANCE_KM,
        },
    )
    t3 = time.perf_counter()
    return {"fetch": t1 - t0, "register": t2 - t1, "correlate": t3 - t2}, int(corr.structured["pair_count"])


def peak_traced_mb(fn: Callable[[], object]) -> float:
    """Peak of Python/numpy allocations (tracemalloc) while fn runs, in MB."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def server_hwm_mb() -> dict[str, float]:
    """VmHWM (peak RSS) of this process's children running the bundled servers, by server name."""
    out: dict[str, float] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0")) != os.getpid():
            continue
        for name in SERVERS:
            if f"planexec.tools.servers.{name}".encode() in cmdline and "VmHWM" in fields:
                out[name] = int(fields["VmHWM"].split()[0]) / 1024
    return out


def make_hub(artifact_dir: Path) -> ToolHub:
    config = default_config()
    config.servers = {
        name: cfg.model_copy(update={"env": {**cfg.env, "PLANEXEC_ARTIFACT_DIR": str(artifact_dir)}})
        for name, cfg in config.servers.items()
    }
    return ToolHub(config)


def chat_once(hub: ToolHub, n: int) -> tuple[float, int | None]:
    backend = MemoryBackend()  # fresh result cache: every size really runs its tools
    context = ChatContext(hub=hub, store=ArtifactStore(backend), cache=ResultCache(backend), use_llm=False)
    t0 = time.perf_counter()
    response = asyncio.run(
        process_chat_query(QUERY, context=context, checkpoint_url="memory://", synthetic_points=n)
    )
    elapsed = time.perf_counter() - t0
    if response.get("error"):
        raise RuntimeError(f"chat query failed at size {n}: {response['error']}")
    return elapsed, response["metadata"]["counts"].get("pair_count")


def bench_size(hub: ToolHub, n: int, runs: int) -> SizeResult:
    res = SizeResult(label_of(n), n)
    run_local(n)
    run_mcp(hub, n)  # warm-up: sessions, caches, imports
    for _ in range(runs):
        res.local.add(*run_local(n))
        res.mcp.add(*run_mcp(hub, n))
    res.local.peak_mb = peak_traced_mb(lambda: run_local(n))
    res.mcp.peak_mb = peak_traced_mb(lambda: run_mcp(hub, n))
    if res.mcp.pairs != res.local.pairs:
        raise AssertionError(f"{res.label}: MCP found {res.mcp.pairs} pairs, in-process {res.local.pairs}")
    res.chat_s, res.chat_pairs = chat_once(hub, n)
    if res.chat_pairs is not None and res.chat_pairs != res.local.pairs:
        raise AssertionError(
            f"{res.label}: chat graph found {res.chat_pairs} pairs, expected {res.local.pairs}"
        )
    res.server_hwm_mb = server_hwm_mb()
    return res


# ---- report -----------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def timing_table(results: list[SizeResult]) -> list[str]:
    head = [
        "points",
        "pairs",
        "in-process ms (fetch/register/correlate)",
        "MCP ms (fetch/register/correlate)",
        "MCP / in-process",
        "chat graph end-to-end ms",
        "chat / in-process",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        local, mcp = r.local.median(), r.mcp.median()
        split = {
            side: "/".join(_ms(s.median(st)) for st in STAGES) for side, s in (("l", r.local), ("m", r.mcp))
        }
        lines.append(
            f"| {r.label} | {r.local.pairs:,} | {_ms(local)} ({split['l']}) | {_ms(mcp)} ({split['m']}) "
            f"| {mcp / local:.1f}× | {_ms(r.chat_s)} | {r.chat_s / local:.1f}× |"
        )
    return lines


def memory_table(results: list[SizeResult]) -> list[str]:
    head = [
        "points",
        "in-process peak MB (tracemalloc)",
        "MCP client peak MB (tracemalloc)",
        "MCP client / in-process",
        *[f"{s} server VmHWM MB" for s in SERVERS],
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        hwm = [f"{r.server_hwm_mb[s]:,.0f}" if s in r.server_hwm_mb else "n/a" for s in SERVERS]
        lines.append(
            f"| {r.label} | {r.local.peak_mb:,.1f} | {r.mcp.peak_mb:,.1f} "
            f"| {r.mcp.peak_mb / max(r.local.peak_mb, 1e-9):.1f}× | " + " | ".join(hwm) + " |"
        )
    return lines


def report(results: list[SizeResult], runs: int, elapsed_s: float, load: float) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            "# Pipeline benchmark: MCP (stdio, warm sessions) vs in-process",
            "",
            f"`python -m benchmarks.pipeline --runs {runs}` — {when}, Python {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs (load average {load:.1f} at start); "
            f"whole run {elapsed_s:.0f} s.",
            "",
            "fetch (solar plants + heat zones quintile 5) → register (2 entity sets) → correlate "
            f"(proximity 1 km). Median of {runs} runs after one warm-up. Synthetic rows are seeded jittered "
            "copies of the 788 real plants (`synthetic_points`). Pair counts are asserted equal on both "
            "sides and in the chat graph. Times: median total (per-stage medians in brackets, which need "
            "not add up to it).",
            "",
            *timing_table(results),
            "",
            "Chat graph end-to-end: one query (`process_chat_query`, rule proposer, in-memory checkpointer "
            "and store) with the same plan plus GenerateCorrelationMap, understanding, composing and "
            "narration.",
            "",
            *memory_table(results),
            "",
            "tracemalloc counts Python and numpy allocations of this process (for MCP: the client side, "
            "hub thread included); VmHWM is each server process's peak RSS since it started (sizes run in "
            "increasing order). Ratios are what to compare across machines; absolute times are not budgets.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pipeline", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per size after one warm-up (default 5)"
    )
    parser.add_argument(
        "--sizes", default="0,10000,100000", help="0 = the real plants; else synthetic points"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"markdown report (default {RESULTS})")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    t0, load = time.perf_counter(), os.getloadavg()[0]
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory(prefix="planexec-bench-") as tmp:
        os.environ.setdefault("PLANEXEC_HOME", tmp)
        with make_hub(Path(tmp) / "artifacts") as hub:
            chat_once(hub, 0)  # warm-up: graph modules imported, every server started
            for n in sizes:
                print(f"… {label_of(n)}", file=sys.stderr, flush=True)
                results.append(bench_size(hub, n, args.runs))
    text = report(results, args.runs, time.perf_counter() - t0, load)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
