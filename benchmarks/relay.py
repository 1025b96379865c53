"""P3: planexec end to end vs a hand-written script making the same MCP calls the seed's way.

    python -m benchmarks.relay [--sizes 0,100k] [--rounds 2] [--quick] [--output PATH]

Baseline: the plain `mcp` client (ClientSession over stdio) against the bundled servers, started as
the hub starts them (`python -m planexec.tools.servers.<name>`), one call after the other, every
table relayed through the client: solar.GetFacilitiesForGeospatial (inline entities) →
geospatial.RegisterEntities (inline) → heat.GetHeatQuintilesForGeospatial (inline) →
geospatial.RegisterEntities → FindSpatialCorrelations (session) → GenerateCorrelationMap (session).

planexec: `process_chat_query(QUERY, synthetic_points=N)`, LLM off, fresh PLANEXEC_HOME (SQLite
checkpointer and store), result-cache entries expiring at once (no cache hits). It does more than
the script (understanding, plan validation, checkpoints, compose, narration) and must still be no
slower.

Two variants, each side the same way, interleaved in one run (script, planexec, script, planexec):
- warm: servers already running on both sides (script sessions open; planexec hub warmed by one query);
- cold: both start their servers inside the timed region (script: three stdio sessions; planexec: a
  new ToolHub). Server shutdown is outside the timed region on both sides.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import uuid
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from benchmarks.common import (
    OFFLINE_ENV,
    QUERY,
    RESULTS,
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

OUTPUT = RESULTS / "relay.md"
SERVERS = ("solar", "heat", "geospatial")
TARGET = 1.0
META_KEY = "planexec/internal"  # where internal args (synthetic_points) travel, see schemas/tools/internal.py


class Script:
    """The hand-written client: one plain ClientSession per server over stdio."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.stack = AsyncExitStack()
        self.sessions: dict[str, ClientSession] = {}

    async def start(self) -> None:
        for name in SERVERS:
            params = StdioServerParameters(
                command=sys.executable, args=["-m", f"planexec.tools.servers.{name}"], env=self.env
            )
            read, write_ = await self.stack.enter_async_context(stdio_client(params))
            session = await self.stack.enter_async_context(ClientSession(read, write_))
            await session.initialize()
            self.sessions[name] = session

    async def close(self) -> None:
        await self.stack.aclose()

    async def call(self, server: str, tool: str, args: dict[str, Any], n: int = 0) -> dict[str, Any]:
        meta = {META_KEY: {"synthetic_points": n}} if n else None
        result = await self.sessions[server].call_tool(tool, args, meta=meta)
        if result.isError or result.structuredContent is None:
            raise RuntimeError(f"{server}.{tool} failed: {result.content}")
        return result.structuredContent

    async def timed(self, n: int) -> tuple[float, int]:
        t0 = time.perf_counter()
        pairs = await self.run(n)
        return time.perf_counter() - t0, pairs

    async def run(self, n: int) -> int:
        """The seed's sequence; returns the pair count."""
        session = uuid.uuid4().hex
        facilities = await self.call(
            "solar", "GetFacilitiesForGeospatial", {"country": "Brazil", "limit": 200_000}, n
        )
        await self.call(
            "geospatial",
            "RegisterEntities",
            {"entity_type": "solar_facility", "entities": facilities["entities"], "session_id": session},
        )
        zones = await self.call("heat", "GetHeatQuintilesForGeospatial", {"quintiles": [5], "limit": 10_000})
        await self.call(
            "geospatial",
            "RegisterEntities",
            {"entity_type": "heat_zone", "entities": zones["entities"], "session_id": session},
        )
        corr = await self.call(
            "geospatial",
            "FindSpatialCorrelations",
            {
                "entity_type1": "solar_facility",
                "entity_type2": "heat_zone",
                "session_id": session,
                "method": "proximity",
                "distance_km": 1.0,
            },
        )
        await self.call("geospatial", "GenerateCorrelationMap", {"session_id": session})
        return int(corr["pair_count"])


async def planexec_once(n: int, hub: Any) -> tuple[float, int]:
    from planexec.graph.api import process_chat_query
    from planexec.nodes.context import ChatContext

    context = ChatContext(use_llm=False, cache_ttl_s=1e-3, hub=hub)
    t0 = time.perf_counter()
    response = await process_chat_query(QUERY, context=context, synthetic_points=n)
    elapsed = time.perf_counter() - t0
    await asyncio.sleep(2e-3)  # let the cache entries expire
    if response.get("error"):
        raise RuntimeError(f"planexec failed at {n}: {response['error']}")
    return elapsed, int(response["metadata"]["counts"]["pair_count"])


def new_hub() -> Any:
    from planexec.schemas.settings import Settings
    from planexec.tools.client.config import load_config
    from planexec.tools.client.hub import ToolHub

    return ToolHub(load_config(Settings()))


@dataclass
class Row:
    n: int
    times: dict[str, list[float]] = field(default_factory=dict)
    pairs: set[int] = field(default_factory=set)

    def add(self, key: str, seconds: float, pairs: int) -> None:
        self.times.setdefault(key, []).append(seconds)
        self.pairs.add(pairs)

    def ratio(self, variant: str) -> float:
        return ratio(median(self.times[f"planexec {variant}"]), median(self.times[f"script {variant}"]))


async def script_cold(env: dict[str, str], n: int) -> tuple[float, int]:
    script = Script(env)
    t0 = time.perf_counter()
    try:
        await script.start()
        pairs = await script.run(n)
        return time.perf_counter() - t0, pairs
    finally:
        await script.close()


async def planexec_cold(n: int) -> tuple[float, int]:
    hub = await asyncio.to_thread(new_hub)
    try:
        return await planexec_once(n, hub)  # the hub starts its servers on first use: timed
    finally:
        await asyncio.to_thread(hub.close)


async def bench(sizes: list[int], rounds: int, env: dict[str, str]) -> list[Row]:
    rows = [Row(n) for n in sizes]
    script, hub = Script(env), await asyncio.to_thread(new_hub)
    try:
        await script.start()
        await script.run(0)
        await planexec_once(0, hub)  # warm-up: imports, servers, graph
        for row in rows:
            print(f"… {label_of(row.n)}", file=sys.stderr, flush=True)
            if row.n:  # warm-up at this size (synthetic tables generated once)
                await script.run(row.n)
                await planexec_once(row.n, hub)
            for _ in range(rounds):
                row.add("script warm", *await script.timed(row.n))
                row.add("planexec warm", *await planexec_once(row.n, hub))
                row.add("script cold", *await script_cold(env, row.n))
                row.add("planexec cold", *await planexec_cold(row.n))
    finally:
        await script.close()
        await asyncio.to_thread(hub.close)
    return rows


def report(rows: list[Row], rounds: int, command: str, load: float, elapsed: float) -> str:
    body = []
    for r in rows:
        same = len(r.pairs) == 1
        cells = [label_of(r.n), f"{min(r.pairs):,}" + ("" if same else f" (DIFFER: {sorted(r.pairs)})")]
        for variant in ("warm", "cold"):
            cells += [ms(median(r.times[f"script {variant}"])), ms(median(r.times[f"planexec {variant}"]))]
            cells += [f"{r.ratio(variant):.2f}× ({verdict(r.ratio(variant) <= TARGET)})"]
        body.append(cells)
    head = ["points", "pairs"]
    for variant in ("warm", "cold"):
        head += [f"script {variant} ms", f"planexec {variant} ms", f"planexec / script ({variant})"]
    return "\n".join(
        [
            *header(
                "P3: planexec end to end vs the seed's relay script (plain MCP client)",
                command,
                load,
                elapsed,
            ),
            f"Query: “{QUERY}”, LLM off. {rounds} interleaved round(s) per size after one warm-up per "
            "size; medians. Target: planexec / script ≤ 1.0× (planexec no slower). warm = servers already "
            "running on both sides; cold = both start their stdio servers inside the timed region.",
            "",
            *table(head, body),
            "",
            "Script: solar.GetFacilitiesForGeospatial → RegisterEntities → "
            "heat.GetHeatQuintilesForGeospatial → RegisterEntities → FindSpatialCorrelations → "
            "GenerateCorrelationMap, sequential, every table inline through the client. "
            "planexec: the whole chat turn (SQLite checkpointer, artifact store, "
            "handles between servers, compose, narration).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relay", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0,100k", help="0 = the 788 real plants; else synthetic points")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds per size (default 2)")
    parser.add_argument("--quick", action="store_true", help="788 real plants, one round (for tests)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"markdown report (default {OUTPUT})")
    args = parser.parse_args(argv)
    sizes, rounds = ([0], 1) if args.quick else (parse_sizes(args.sizes), args.rounds)
    t0, load = time.perf_counter(), os.getloadavg()[0]
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="planexec-p3-") as tmp:
        os.environ.update({**OFFLINE_ENV, "PLANEXEC_HOME": tmp})
        for key in [k for k in os.environ if k.startswith("OPENAI_") or k.startswith("PLANEXEC_LLM")]:
            del os.environ[key]
        try:
            rows = asyncio.run(bench(sizes, rounds, dict(os.environ)))
        finally:
            os.environ.clear()
            os.environ.update(saved)
    command = "python -m benchmarks.relay " + " ".join(argv if argv is not None else sys.argv[1:])
    write(report(rows, rounds, command.strip(), load, time.perf_counter() - t0), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
