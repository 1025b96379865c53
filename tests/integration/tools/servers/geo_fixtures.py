"""Shared helpers for the geospatial/policy server tests: stdio sessions, HTTP server, real tables."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
import shapely
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from planexec.schemas.entities import EntityTable

REPO_ROOT = Path(__file__).resolve().parents[4]
DATA = REPO_ROOT / "data"
START_TIMEOUT_S = 60.0
CALL_TIMEOUT_S = 60.0


@asynccontextmanager
async def stdio_session(
    module: str,
    artifact_dir: Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> AsyncIterator[ClientSession]:
    """An initialized MCP client session to `python -m <module>` over stdio (process ends on exit).

    The child gets only the SDK's default variables plus PLANEXEC_ARTIFACT_DIR (when given) and
    `env`; it runs in `cwd` (default: a fresh empty folder, so nothing depends on the cwd).
    """
    child_env = {"PLANEXEC_ARTIFACT_DIR": str(artifact_dir)} if artifact_dir else {}
    child_env.update(env or {})
    with tempfile.TemporaryDirectory(prefix="planexec-cwd-") as scratch:
        folder = str(cwd or scratch)
        params = StdioServerParameters(command=sys.executable, args=["-m", module], cwd=folder, env=child_env)
        async with (
            stdio_client(params) as (read, write),
            ClientSession(read, write, read_timeout_seconds=timedelta(seconds=CALL_TIMEOUT_S)) as session,
        ):
            with anyio.fail_after(START_TIMEOUT_S):
                await session.initialize()
            yield session


async def call_ok(session: ClientSession, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    """A tool call that must succeed (within 60 s): its structured content."""
    with anyio.fail_after(60):
        res = await session.call_tool(tool, args)
    assert not res.isError, res.content
    assert res.structuredContent is not None
    return res.structuredContent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout_s: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"port {port} did not accept connections within {timeout_s}s")


@contextmanager
def http_server(module: str, artifact_dir: Path) -> Iterator[str]:
    """Run `python -m <module> --http --port N`; yields the MCP URL; kills the process at the end."""
    port = free_port()
    env = {**os.environ, "PLANEXEC_ARTIFACT_DIR": str(artifact_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "--http", "--port", str(port)],
        cwd=artifact_dir.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def solar_table() -> EntityTable:
    """The 788 ANEEL SIGA plants as points."""
    with (DATA / "brazil_solar_aneel_siga_2025.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return EntityTable.build(
        "solar_facility",
        ids=[r["id"] for r in rows],
        lon=[float(r["longitude"]) for r in rows],
        lat=[float(r["latitude"]) for r in rows],
        columns={"capacity_mw": [float(r["capacity_mw"]) for r in rows], "uf": [r["uf"] for r in rows]},
    )


def states_table() -> EntityTable:
    """The 27 Natural Earth state polygons, with WKT geometry."""
    features = json.loads((DATA / "brazil_states_ne50m.geojson").read_text(encoding="utf-8"))["features"]
    geoms = [shapely.geometry.shape(f["geometry"]) for f in features]
    reps = [g.representative_point() for g in geoms]
    return EntityTable.build(
        "state",
        ids=[f["properties"]["uf"] for f in features],
        lon=[p.x for p in reps],
        lat=[p.y for p in reps],
        columns={"name": [f["properties"]["name"] for f in features]},
        geometry_wkt=[g.wkt for g in geoms],
    )
