"""The geospatial server is stateless by handle: killing it (stdio) or restarting a replica behind a
load balancer (streamable HTTP) between register and correlate still gives the complete, correct
answer — no partial result, no re-registration."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planexec import process_chat_query
from planexec.nodes.context import ChatContext
from planexec.schemas.settings import Settings
from planexec.tools.client.config import load_config
from planexec.tools.client.hub import ToolHub
from tests.integration.tools.servers.geo_fixtures import free_port, wait_for_port
from tests.support import truth
from tests.support.offline_env import REPO_ROOT, offline_env
from tests.support.tcp_balancer import Balancer

pytestmark = pytest.mark.integration

QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
SLOW_SERVER = REPO_ROOT / "tests" / "integration" / "app" / "slow_geospatial.py"
DELAY_S = "4"


async def _registered(home: Path, timeout_s: float = 120) -> None:
    """Wait until both entity sets of the turn are in the handle store (both register steps done)."""
    folder = home / "handles" / "entity_set"
    for _ in range(int(timeout_s * 10)):
        if (
            folder.exists()
            and len([p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]) >= 2
        ):
            await asyncio.sleep(1.5)  # their results reach the client; correlate starts and sleeps DELAY_S
            return
        await asyncio.sleep(0.1)
    pytest.fail("the register steps did not finish")


def _check_complete(response: dict[str, Any]) -> Counter[str]:
    meta = response["metadata"]
    expected = truth.heat_proximity(1.0)
    assert not meta["flags"]["partial"], meta["errors"]
    assert meta["counts"]["plants_matched"] == expected.count and meta["counts"]["plants_total"] == 788
    ends = [e for e in meta["decision_timeline"] if e["event"] == "tool_end"]
    runs = Counter(e["step"] for e in ends if e["status"] == "ok")
    assert runs["reg_solar"] == runs["reg_zones"] == 1, runs  # the handles survived: no re-registration
    assert runs["correlate"] == runs["map"] == 1, runs
    failed = [e for e in ends if e["status"] != "ok"]
    assert [e["step"] for e in failed] == ["correlate"], [
        (e["step"], e["error"]) for e in failed
    ]  # the call the kill broke
    handles = {e["step"]: e["handles"]["handle"] for e in ends if e.get("handles")}
    # every table went by reference, recorded with its size and version
    for step, rows in (("solar", 788), ("zones", sum(truth.zone_filter("heat", (5,))))):
        assert handles[step]["kind"] == "entity_table" and handles[step]["rows"] == rows, step
        assert handles[step]["size_bytes"] > 0 and handles[step]["version"] == "2", step  # binary columns
    assert handles["reg_solar"]["kind"] == "entity_set" and handles["reg_solar"]["rows"] == 788
    assert handles["correlate"]["kind"] == "correlation" and handles["correlate"]["size_bytes"] > 0
    return runs


async def test_sigkill_of_the_stdio_server_between_register_and_correlate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    for key, value in offline_env(home).items():
        monkeypatch.setenv(key, value)
    config = tmp_path / "slow.json"
    server = {
        "command": sys.executable,
        "args": [str(SLOW_SERVER), DELAY_S],
        "env": {"PYTHONPATH": str(REPO_ROOT)},
    }
    config.write_text(json.dumps({"servers": {"geospatial": server}}))
    monkeypatch.setenv("PLANEXEC_MCP_CONFIG", str(config))
    settings = Settings()
    hub = ToolHub(load_config(settings))
    try:
        turn = asyncio.create_task(process_chat_query(QUERY, context=ChatContext(settings=settings, hub=hub)))
        await _registered(home)
        pid = hub.server_pid("geospatial")
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # correlate is in flight (slowed): the process and its memory are gone
        response = await asyncio.wait_for(turn, 240)
        assert hub.server_pid("geospatial") not in (None, pid)  # a fresh process answered
    finally:
        hub.close()
    _check_complete(response)


@contextlib.contextmanager
def _replica(port: int, home: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {**offline_env(home), "PYTHONPATH": str(REPO_ROOT)}
    cmd = [sys.executable, str(SLOW_SERVER), DELAY_S, "--http", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc)
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=30)


async def test_restart_of_an_http_replica_mid_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    for key, value in offline_env(home).items():
        monkeypatch.setenv(key, value)
    front, first_port, second_port = free_port(), free_port(), free_port()
    monkeypatch.setenv("PLANEXEC_MCP_GEOSPATIAL_URL", f"http://127.0.0.1:{front}/mcp")
    settings = Settings()
    hub = ToolHub(load_config(settings))
    balancer = Balancer(first_port)
    try:
        async with balancer.running(front):
            with _replica(first_port, home) as first:
                turn = asyncio.create_task(
                    process_chat_query(QUERY, context=ChatContext(settings=settings, hub=hub))
                )
                await _registered(home)
                with _replica(second_port, home):
                    balancer.backend = second_port  # the new replica takes the traffic ...
                    first.kill()  # ... and the old one dies with correlate in flight
                    response = await asyncio.wait_for(turn, 240)
    finally:
        hub.close()
    _check_complete(response)
