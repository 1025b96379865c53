"""P5: the HTTP backend under concurrent clients with distinct questions.

    python -m benchmarks.http_load [--clients 8,16,32] [--rounds 2] [--workers 1,2] [--db sqlite,postgres]
                                   [--quick] [--output PATH]

For each database (default SQLite files in a fresh PLANEXEC_HOME; or a private Postgres cluster,
Debian's binaries, a fresh database per configuration holding checkpoints, store, drafts and data
handles) and each worker count, it starts:
- the MCP servers solar, heat, deforestation and geospatial over streamable HTTP, two replicas each,
  behind a round-robin TCP proxy per server (each new TCP connection goes to the next replica);
- the backend: `uvicorn --factory planexec.app.server:build_app --workers N` (what `planexec serve`
  runs, which has no --workers option), LLM off, result-cache entries expiring at once,
  PLANEXEC_HTTP_MAX_CONCURRENT_RUNS = the largest client count (no 429 by design);
then, for each client count C, C httpx clients each POST /chat `rounds` questions one after the
other. Every question of the whole run is different (state × distance × capacity × layer), so no
answer comes from a cache. Errors: a non-200 status, a transport error, an `error` in the body or
a partial answer (`metadata.flags.partial`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.common import RESULTS, ROOT, child_env, header, table, verdict, write

OUTPUT = RESULTS / "http_load.md"
SERVERS = ("solar", "heat", "deforestation", "geospatial")
STATES = (
    "Bahia", "Minas Gerais", "Piauí", "Ceará", "Rio Grande do Norte", "Pernambuco", "Paraíba", "São Paulo",
    "Goiás", "Mato Grosso", "Tocantins", "Maranhão", "Pará", "Paraná", "Rio Grande do Sul", "Santa Catarina",
    "Mato Grosso do Sul", "Rio de Janeiro", "Espírito Santo", "Alagoas", "Sergipe", "Amazonas", "Rondônia",
    "Acre", "Roraima", "Amapá", "Distrito Federal",
)  # fmt: skip
DISTANCES = ("1", "2", "0.5", "3", "1.5", "5")
CAPACITIES = ("", "over 5 MW ", "over 10 MW ", "over 30 MW ")


def questions() -> Iterator[str]:
    """Distinct questions: heat proximity and deforestation proximity by state, distance, capacity."""
    for distance, capacity, state in itertools.product(DISTANCES, CAPACITIES, STATES):
        yield f"solar plants {capacity}within {distance} km of extreme heat zones in {state}"
        yield f"solar plants {capacity}within {distance} km of deforestation areas in {state}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process {proc.args!r} exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout_s} s")


class RoundRobinProxy:
    """TCP proxies (one listening port per server) in a background thread: each new connection is
    piped to the next backend port of its server, in turn."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.servers: list[asyncio.Server] = []
        self.connections: Counter[int] = Counter()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        with contextlib.suppress(OSError):
            writer.close()

    def _handler(self, backends: list[int]) -> object:
        turn = itertools.cycle(backends)

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            port = next(turn)
            self.connections[port] += 1
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                writer.close()
                return
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

        return serve

    def add(self, backends: list[int]) -> int:
        port = free_port()
        start = asyncio.start_server(self._handler(backends), "127.0.0.1", port)  # type: ignore[arg-type]
        self.servers.append(asyncio.run_coroutine_threadsafe(start, self.loop).result(10))
        return port

    def __enter__(self) -> RoundRobinProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            self.loop.call_soon_threadsafe(server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@contextlib.contextmanager
def processes(cmds: list[tuple[list[str], int]], env: dict[str, str], log: Path) -> Iterator[None]:
    """Start each command (stderr appended to `log`), wait until its port listens; stop them on exit."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with log.open("ab") as sink:
            for cmd, _ in cmds:
                procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sink))
        for proc, (_, port) in zip(procs, cmds, strict=True):
            wait_port(port, proc)
        yield
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@contextlib.contextmanager
def mcp_servers(
    proxy: RoundRobinProxy, env: dict[str, str], servers: tuple[str, ...], replicas: int
) -> Iterator[dict[str, str]]:
    """`replicas` streamable-HTTP replicas per server behind the proxy; yields the
    PLANEXEC_MCP_<NAME>_URL variables."""
    cmds, urls = [], {}
    for name in servers:
        ports = [free_port() for _ in range(replicas)]
        launch = [f"planexec.tools.servers.{name}"]
        cmds += [([sys.executable, "-m", *launch, "--http", "--port", str(p)], p) for p in ports]
        urls[f"PLANEXEC_MCP_{name.upper()}_URL"] = f"http://127.0.0.1:{proxy.add(ports)}/mcp"
    with processes(cmds, env, Path(env["PLANEXEC_HOME"]) / "mcp-servers.log"):
        yield urls


def wait_ready(base: str, timeout_s: float) -> str | None:
    """None when /readyz says ready within timeout_s, else its last answer (the load runs anyway)."""
    deadline, text = time.monotonic() + timeout_s, ""
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            ready = httpx.get(f"{base}/readyz", timeout=30)
            if ready.status_code == 200:
                return None
            text = ready.text
        time.sleep(0.5)
    return text[:400] or "no answer"


@contextlib.contextmanager
def backend(workers: int, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "planexec.app.server:build_app", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    with processes([(cmd, port)], env, Path(env["PLANEXEC_HOME"]) / "backend.log"):
        yield f"http://127.0.0.1:{port}"


@dataclass
class Load:
    db: str
    workers: int
    clients: int
    not_ready: str | None = None
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    log_tail: str = ""

    @property
    def qps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _problem(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    if response.status_code != 200:
        if isinstance(error, dict):
            return f"HTTP {response.status_code} {error.get('code')}: {str(error.get('message'))[:160]}"
        return f"HTTP {response.status_code}: {response.text[:160]}"
    if error:
        return f"error {error.get('code') if isinstance(error, dict) else error}: {str(error)[:160]}"
    if body.get("metadata", {}).get("flags", {}).get("partial"):
        ends = body["metadata"].get("decision_timeline") or []
        failed = [e for e in ends if e.get("event") == "tool_end" and e.get("status") != "ok"]
        first = failed[0] if failed else {}
        return f"partial: {first.get('tool')}: {str(first.get('error'))[:70]}"
    return None


async def run_load(base: str, result: Load, rounds: int, ask: Iterator[str], timeout_s: float) -> None:
    async def client(http: httpx.AsyncClient) -> None:
        for _ in range(rounds):
            query = next(ask)
            t0 = time.perf_counter()
            try:
                problem = _problem(await http.post(f"{base}/chat", json={"query": query}))
            except httpx.HTTPError as exc:
                problem = type(exc).__name__
            result.latencies.append(time.perf_counter() - t0)
            if problem:
                kind, _, detail = problem.partition(": ")
                result.errors[kind] += 1
                result.examples.setdefault(kind, detail)

    limits = httpx.Limits(max_connections=result.clients)
    async with httpx.AsyncClient(timeout=timeout_s, limits=limits) as http:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(result.clients)))
        result.seconds = time.perf_counter() - t0


def pg_database(cluster_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(cluster_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return cluster_url.rsplit("/", 1)[0] + f"/{name}"


def db_env(db: str, pg_url: str | None, workers: int, home: Path) -> dict[str, str]:
    if db == "sqlite":
        return {}
    assert pg_url is not None
    url = pg_database(pg_url, f"bench_w{workers}_{home.name}".lower().replace("-", "_"))
    keys = ("CHECKPOINT_URL", "STORE_URL", "DRAFT_DB_URL", "HANDLE_STORE_URL")
    return {f"PLANEXEC_{key}": url for key in keys}


def hung(load: Load) -> bool:
    """Every request of the row timed out: the backend is stuck (later rows would only wait too)."""
    return bool(load.latencies) and load.errors.get("ReadTimeout", 0) == len(load.latencies)


def bench(
    args: argparse.Namespace, tmp: Path, pg_url: str | None, progress: Callable[[list[Load]], None]
) -> list[Load]:
    ask, out = questions(), list[Load]()
    servers = ("solar", "heat", "geospatial") if args.quick else SERVERS
    for db, workers in itertools.product(args.db, args.workers):
        home = Path(tempfile.mkdtemp(prefix=f"{db}-w{workers}-", dir=tmp))
        extra = {"PLANEXEC_CACHE_TTL_S": "0.001", "PLANEXEC_HTTP_MAX_CONCURRENT_RUNS": str(max(args.clients))}
        env = child_env(home, {**extra, **db_env(db, pg_url, workers, home)})
        with (
            RoundRobinProxy() as proxy,
            mcp_servers(proxy, env, servers, args.replicas) as urls,
            backend(workers, {**env, **urls}) as base,
        ):
            not_ready = wait_ready(base, 30)
            for clients in args.clients:
                print(f"… {db}, {workers} worker(s), {clients} clients", file=sys.stderr, flush=True)
                load = Load(db, workers, clients, not_ready)
                if out and out[-1].db == db and out[-1].workers == workers and hung(out[-1]):
                    load.errors["skipped: the previous row timed out entirely"] = clients * args.rounds
                else:
                    asyncio.run(run_load(base, load, args.rounds, ask, args.timeout))
                out.append(load)
                progress(out)
        if any(r.errors for r in out if (r.db, r.workers) == (db, workers)):
            out[-1].log_tail = last_exception(home / "backend.log")
    return out


def last_exception(log: Path) -> str:
    """The last exception line of a server log ('SomeError: message'), or ''."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    found = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Warning)\b.*:", line)]
    return found[-1][:300] if found else ""


def examples(loads: list[Load]) -> list[str]:
    """The first answer of each error kind (once per kind and configuration)."""
    seen: dict[tuple[str, int, str], str] = {}
    for r in loads:
        for kind, detail in r.examples.items():
            seen.setdefault((r.db, r.workers, kind), detail)
    lines = [f"- {db}, {w} worker(s), {kind}: `{detail}`" for (db, w, kind), detail in seen.items()]
    lines += [f"- {r.db}, {r.workers} worker(s), backend log: `{r.log_tail}`" for r in loads if r.log_tail]
    return ["First answer of each error kind:", "", *lines, ""] if lines else []


def report(loads: list[Load], args: argparse.Namespace, command: str, load_avg: float, elapsed: float) -> str:
    rows = [
        [
            r.db,
            r.workers,
            r.clients,
            len(r.latencies),
            f"{r.qps:.2f}",
            f"{r.pct(0.5):.2f}",
            f"{r.pct(0.95):.2f}",
            sum(r.errors.values()),
            "; ".join(f"{k} ×{v}" for k, v in r.errors.most_common()) or "—",
        ]
        for r in loads
    ]
    top = max(args.clients)
    seen = {(r.db, r.workers): r.not_ready for r in loads if r.not_ready}
    not_ready = [
        f"/readyz not ready after 30 s ({db}, {w} worker(s)): `{text}`" for (db, w), text in seen.items()
    ]
    not_ready = [*not_ready, ""] if not_ready else []
    checks = []
    for db in args.db:
        at_top = [r for r in loads if r.db == db and r.clients == top]
        errors = sum(sum(r.errors.values()) for r in at_top)
        if not at_top:
            checks.append(f"- 0 errors at {top} clients on {db}: not measured (yet)")
            continue
        checks.append(f"- 0 errors at {top} clients on {db}: {verdict(errors == 0)} ({errors} errors)")
    return "\n".join(
        [
            *header("P5: HTTP backend under concurrent clients", command, load_avg, elapsed),
            f"POST /chat, LLM off, {args.rounds} question(s) per client one after the other, every question "
            "different (no cache hits; result-cache TTL 1 ms). MCP servers over streamable HTTP, "
            f"{args.replicas} replica(s) per server (stateless streamable HTTP) behind a round-robin TCP "
            "proxy. Latency in seconds (p50/p95 over all requests of the row); q/s = answered requests / "
            "wall time of the row.",
            "",
            *not_ready,
            *table(
                [
                    "database",
                    "workers",
                    "clients",
                    "requests",
                    "q/s",
                    "p50 s",
                    "p95 s",
                    "errors",
                    "error kinds",
                ],
                rows,
            ),
            "",
            *examples(loads),
            "Target:",
            *checks,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.http_load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--clients", default="8,16,32", help="concurrent client counts (default 8,16,32)")
    parser.add_argument("--rounds", type=int, default=2, help="questions per client (default 2)")
    parser.add_argument("--workers", default="1,2", help="uvicorn worker counts (default 1,2)")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite and/or postgres (default both)")
    parser.add_argument("--replicas", type=int, default=2, help="MCP replicas per server (default 2)")
    parser.add_argument(
        "--quick", action="store_true", help="SQLite, 1 worker, 1 replica, 2 clients, 1 round (tests)"
    )
    parser.add_argument("--timeout", type=float, default=120, help="per-request timeout, s (default 120)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"markdown report (default {OUTPUT})")
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.rounds, args.workers, args.db, args.replicas = "2", 1, "1", "sqlite", 1
    args.clients = [int(c) for c in str(args.clients).split(",")]
    args.workers = [int(w) for w in str(args.workers).split(",")]
    args.db = [d.strip() for d in str(args.db).split(",")]
    t0, load_avg = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="planexec-p5-") as tmp, contextlib.ExitStack() as stack:
        pg_url = None
        if "postgres" in args.db:
            from tests.support.postgres import private_cluster

            pg_url = stack.enter_context(private_cluster())
        command = "python -m benchmarks.http_load " + " ".join(argv if argv is not None else sys.argv[1:])

        def progress(loads: list[Load]) -> None:  # the table so far, rewritten after every row
            text = report(loads, args, command.strip(), load_avg, time.perf_counter() - t0)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")

        loads = bench(args, Path(tmp), pg_url, progress)
    write(report(loads, args, command.strip(), load_avg, time.perf_counter() - t0), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
