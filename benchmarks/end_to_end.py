"""P2: the chat graph end to end vs the in-process computation, and the orchestrator's peak memory.

    python -m benchmarks.end_to_end [--sizes 0,10k,100k,1M] [--rounds 2] [--quick] [--output PATH]

End to end: `process_chat_query(QUERY, synthetic_points=N)` with the LLM off, in a fresh child
process with a fresh PLANEXEC_HOME (default SQLite checkpointer and store, handle folder), the
bundled MCP servers over stdio started by the first query. The child runs the query twice: the
first run (servers start) and a warm run (servers up; result cache entries expire at once, so the
warm run calls every tool again). Its peak RSS (VmHWM of its own address space: this process only, not
the server processes) is the orchestrator's peak memory.

In-process: load + STRtree geodesic join, no MCP, no graph — the servers' plain tool functions and
tools/servers/geospatial/geo.py (`benchmarks.pipeline.run_local`'s work), warm (datasets loaded
once, like a server's state), median of 3 per round; its peak RSS is measured in a child as well.

Both sides run interleaved (in-process, end to end, in-process, end to end, …) so machine load
affects both. Pair counts must agree (asserted).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from benchmarks.common import (
    QUERY,
    RESULTS,
    ROOT,
    child_env,
    header,
    label_of,
    median,
    ms,
    parse_sizes,
    ratio,
    table,
    verdict,
    write,
)

OUTPUT = RESULTS / "end_to_end.md"
MARK = "BENCH-RESULT "
TARGETS = {100_000: 1.5, 1_000_000: 2.0}
PEAK_TARGET_MB = 300.0
LOCAL_RUNS = 3


def _maxrss_mb() -> float:
    """Peak RSS of this process (VmHWM of its own address space; not its children). On Linux
    `getrusage(RUSAGE_SELF).ru_maxrss` also keeps the parent's high-water mark across fork+exec,
    so it is only the fallback."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- in-process ---------------------------------------------------------------------------------

DISTANCE_KM = 1.0
HEAT_ARGS: dict[str, Any] = {"quintiles": [5], "limit": 10_000}  # what the chat graph's plan sends
_DATA: list[Any] = []


def _data() -> Any:
    """The datasets, loaded on first use and kept (like a server's state)."""
    if not _DATA:
        from planexec.tools.servers.datasets.loaders import Datasets, package_data_dir

        _DATA.append(Datasets(package_data_dir()))
    return _DATA[0]


def in_process(n: int) -> tuple[float, int]:
    """One warm in-process run: fetch (solar + heat tool functions), index, join. (seconds, pairs)"""
    from planexec.schemas.tools.heat import HeatQuintilesArgs
    from planexec.schemas.tools.solar import FacilitiesArgs
    from planexec.tools.servers.geospatial.geo import SpatialIndex, join_proximity
    from planexec.tools.servers.heat import server as heat
    from planexec.tools.servers.solar import server as solar

    fields: dict[str, Any] = {"country": "Brazil", "limit": max(n, 200_000), "synthetic_points": n}
    try:
        args = FacilitiesArgs(**fields)
    except ValidationError:  # beyond the tool's public bound: the computation itself has none
        args = FacilitiesArgs.model_construct(**fields)
    t0 = time.perf_counter()
    plants = solar.get_facilities_for_geospatial(args, _data()).entities
    zones = heat.get_heat_quintiles_for_geospatial(HeatQuintilesArgs(**HEAT_ARGS), _data()).entities
    assert plants is not None and zones is not None
    left, right = (
        SpatialIndex.from_wkt(
            t.lon.to_numpy(), t.lat.to_numpy(), None if t.geometry_wkt is None else t.geometry_wkt.to_numpy()
        )
        for t in (plants, zones)
    )
    pairs = len(join_proximity(left.lon, left.lat, right, DISTANCE_KM * 1000.0))
    return time.perf_counter() - t0, pairs


def child_local(n: int) -> dict[str, Any]:
    in_process(n)  # loads the datasets
    seconds, pairs = in_process(n)
    return {"seconds": seconds, "pairs": pairs, "maxrss_mb": _maxrss_mb()}


# ---- end to end (child process) -----------------------------------------------------------------


def step_ms(response: dict[str, Any]) -> dict[str, float]:
    """Duration of each tool call of the turn (ms, from the decision timeline), by plan step."""
    ends = response["metadata"].get("decision_timeline") or []
    return {
        str(e["step"]): float(e.get("duration_ms") or 0.0)
        for e in ends
        if e.get("event") == "tool_end" and e.get("status") == "ok"
    }


def child_chat(n: int) -> dict[str, Any]:
    from planexec.graph.api import process_chat_query
    from planexec.nodes.context import ChatContext

    before = _maxrss_mb()
    out: dict[str, Any] = {"rss_imports_mb": before}
    for run in ("first", "warm"):
        context = ChatContext(use_llm=False, cache_ttl_s=1e-3)  # expired at once: no result-cache hits
        t0 = time.perf_counter()
        response = asyncio.run(process_chat_query(QUERY, context=context, synthetic_points=n))
        out[f"{run}_s"] = time.perf_counter() - t0
        if response.get("error"):
            out["error"] = f"{response['error'].get('code')}: {response['error'].get('message')}"[:300]
            break
        out[f"{run}_pairs"] = response["metadata"]["counts"].get("pair_count")
        out[f"{run}_steps"] = step_ms(response)
        if out[f"{run}_pairs"] is None:
            text = " ".join(str(m.get("text", ""))[:150] for m in response.get("modules", [])[:2])
            out["error"] = (
                f"{run} run: no correlation computed ({response['metadata'].get('intent')}): {text}"
            )
            break
        time.sleep(1.1e-3)
    out["maxrss_mb"] = _maxrss_mb()
    return out


def spawn(mode: str, n: int, home: Path, timeout_s: float = 1800) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.end_to_end", "--child", mode, "--sizes", str(n)]
    proc = subprocess.run(
        cmd, cwd=ROOT, env=child_env(home), capture_output=True, text=True, timeout=timeout_s, check=False
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARK):
            return dict(json.loads(line[len(MARK) :]))
    return {"error": f"child exited {proc.returncode}: {proc.stderr.strip()[-300:]}"}


# ---- parent -------------------------------------------------------------------------------------


@dataclass
class Row:
    n: int
    local_s: list[float] = field(default_factory=list)
    first_s: list[float] = field(default_factory=list)
    warm_s: list[float] = field(default_factory=list)
    chat_rss_mb: list[float] = field(default_factory=list)
    warm_steps: list[dict[str, float]] = field(default_factory=list)
    imports_rss_mb: float = 0.0
    local_rss_mb: float = 0.0
    pairs: int = -1
    errors: list[str] = field(default_factory=list)

    @property
    def warm_ratio(self) -> float:
        return ratio(median(self.warm_s), median(self.local_s)) if self.warm_s else float("nan")


def bench_size(n: int, rounds: int, tmp: Path) -> Row:
    row = Row(n)
    in_process(n)  # warm-up: datasets loaded once, like a server's state
    for r in range(rounds):
        timed = [in_process(n) for _ in range(LOCAL_RUNS)]
        row.local_s.append(median([t for t, _ in timed]))
        row.pairs = timed[0][1]
        chat = spawn("chat", n, tmp / f"home-{n}-{r}")
        if "error" in chat:
            row.errors.append(str(chat["error"]))
        for key in ("first", "warm"):
            if chat.get(f"{key}_pairs") not in (None, row.pairs):
                row.errors.append(f"{key} run found {chat[f'{key}_pairs']} pairs, in-process {row.pairs}")
        row.imports_rss_mb = float(chat.get("rss_imports_mb", row.imports_rss_mb))
        if "warm_pairs" in chat:
            row.first_s.append(chat["first_s"])
            row.warm_s.append(chat["warm_s"])
            row.chat_rss_mb.append(chat["maxrss_mb"])
            row.warm_steps.append(chat.get("warm_steps") or {})
    row.local_rss_mb = float(spawn("local", n, tmp / f"home-local-{n}").get("maxrss_mb", float("nan")))
    return row


def breakdown(row: Row) -> list[str]:
    def med(*steps: str) -> float:
        return median([max(s.get(k, 0.0) for k in steps) for s in row.warm_steps])

    parts = [med("solar", "zones"), med("reg_solar", "reg_zones"), med("correlate"), med("map")]
    total = median(row.warm_s) * 1000
    return [label_of(row.n), *(f"{p:,.0f}" for p in parts), f"{total - sum(parts):,.0f}", f"{total:,.0f}"]


def _fmt_ratio(value: float) -> str:
    return "n/a" if value != value else f"{value:.2f}×"


def report(rows: list[Row], command: str, load: float, elapsed: float) -> str:
    timing = [
        [
            label_of(r.n),
            f"{r.pairs:,}",
            ms(median(r.local_s)),
            ms(median(r.first_s)) if r.first_s else "failed",
            ms(median(r.warm_s)) if r.warm_s else "failed",
            _fmt_ratio(ratio(median(r.first_s), median(r.local_s)) if r.first_s else float("nan")),
            _fmt_ratio(r.warm_ratio),
            f"≤ {TARGETS[r.n]}× {verdict(r.warm_ratio <= TARGETS[r.n])}" if r.n in TARGETS else "—",
        ]
        for r in rows
    ]
    memory = [
        [
            label_of(r.n),
            f"{r.imports_rss_mb:,.0f}",
            f"{max(r.chat_rss_mb):,.0f}" if r.chat_rss_mb else "failed",
            f"{r.local_rss_mb:,.0f}",
            (
                f"< {PEAK_TARGET_MB:.0f} MB {verdict(max(r.chat_rss_mb) < PEAK_TARGET_MB)}"
                if r.chat_rss_mb
                else "NOT met"
            )
            if r.n == 1_000_000
            else "—",
        ]
        for r in rows
    ]
    problems = [f"- {label_of(r.n)}: {e}" for r in rows for e in r.errors]
    rounds = max((len(r.local_s) for r in rows), default=0)
    return "\n".join(
        [
            *header("P2: end to end vs in-process computation", command, load, elapsed),
            f"Query: “{QUERY}”, LLM off. {rounds} interleaved round(s) per size (in-process median of "
            f"{LOCAL_RUNS}, then one end-to-end child process with a fresh PLANEXEC_HOME: first run with "
            "server start-up, then a warm run). Medians over rounds. Ratios = end to end / in-process; the "
            "targets apply to the warm run. Synthetic rows are seeded jittered copies of the 788 real "
            "plants.",
            "",
            *table(
                [
                    "points",
                    "pairs",
                    "in-process ms",
                    "end to end, first run ms",
                    "end to end, warm ms",
                    "first / in-process",
                    "warm / in-process",
                    "target",
                ],
                timing,
            ),
            "",
            "Peak memory (peak RSS — VmHWM of the process's own address space — of the orchestrator "
            "process only, not the MCP servers, after its two queries; “after imports” is before the "
            "first query):",
            "",
            *table(
                [
                    "points",
                    "orchestrator RSS after imports MB",
                    "orchestrator peak RSS MB",
                    "in-process computation peak RSS MB",
                    "target",
                ],
                memory,
            ),
            "",
            "Warm run, where the time goes (ms, medians; tool calls from the decision timeline: the "
            "server's work plus MCP transport; fetch and register run two calls in parallel, the slower "
            "one counts; “outside tool calls” = total − fetch − register − correlate − map: "
            "understanding, planning, result handling, compose, narration, checkpoints):",
            "",
            *table(
                ["points", "fetch", "register", "correlate", "map", "outside tool calls", "warm total"],
                [breakdown(r) for r in rows if r.warm_steps],
            ),
            "",
            *(["Problems:", "", *problems, ""] if problems else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.end_to_end", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes", default="0,10k,100k,1M", help="0 = the 788 real plants; else synthetic points"
    )
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds per size (default 2)")
    parser.add_argument("--quick", action="store_true", help="788 real plants, one round (for tests)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"markdown report (default {OUTPUT})")
    parser.add_argument("--child", choices=("chat", "local"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes, rounds = ([0], 1) if args.quick else (parse_sizes(args.sizes), args.rounds)
    if args.child:
        result = (child_chat if args.child == "chat" else child_local)(sizes[0])
        print(MARK + json.dumps(result), flush=True)
        return 0
    t0, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="planexec-p2-") as tmp:
        rows = []
        for n in sizes:
            print(f"… {label_of(n)}", file=sys.stderr, flush=True)
            rows.append(bench_size(n, rounds, Path(tmp)))
    command = "python -m benchmarks.end_to_end " + " ".join(argv if argv is not None else sys.argv[1:])
    write(report(rows, command.strip(), load, time.perf_counter() - t0), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
