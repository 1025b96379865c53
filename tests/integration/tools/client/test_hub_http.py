"""ToolHub against the toy FastMCP server over streamable HTTP (a subprocess on a free port)."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Iterator

import pytest

from planexec.schemas.config import HubConfig, ServerConfig
from planexec.tools.client.errors import ServerCrashedError, ServerStartError
from planexec.tools.client.hub import ToolHub
from tests.integration.tools.fixtures.helpers import (
    TOY_CONTRACTS,
    EchoResult,
    free_port,
    start_http_toy,
    stop_process,
)
from tests.support.tcp_balancer import Balancer

pytestmark = pytest.mark.integration


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def server(port: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    procs = [start_http_toy(port)]
    yield procs  # a test may restart the server: every process it starts is appended and stopped here
    for proc in procs:
        stop_process(proc)


@pytest.fixture
def hub(port: int) -> Iterator[ToolHub]:
    url = f"http://127.0.0.1:{port}/mcp"
    cfg = HubConfig(
        servers={
            "toy": ServerConfig(
                name="toy", transport="http", url=url, startup_timeout_s=10, call_timeout_s=20
            )
        }
    )
    with ToolHub(cfg, contracts=TOY_CONTRACTS) as http_hub:
        yield http_hub


async def test_calls_over_http(server: list[subprocess.Popen[bytes]], hub: ToolHub) -> None:
    out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "h", "times": 3}), 30)
    assert isinstance(out.result, EchoResult) and out.result.text == "hhh"
    assert out.meta.server_version == "9.9.9" and out.meta.status == "ok"
    pid = (await asyncio.wait_for(hub.call("toy", "GetPid", {}), 10)).structured["pid"]
    assert pid == server[0].pid
    [desc] = await asyncio.wait_for(hub.describe(), 10)
    assert desc.transport == "http" and desc.status == "ok"


async def test_reconnects_after_server_restart(
    server: list[subprocess.Popen[bytes]], hub: ToolHub, port: int
) -> None:
    first = (await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)).structured["pid"]
    stop_process(server[0])
    with pytest.raises(ServerStartError, match="could not start"):
        await asyncio.wait_for(hub.call("toy", "Echo", {"text": "down"}), 30)
    server.append(start_http_toy(port))
    second = (await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)).structured["pid"]
    assert second == server[1].pid != first
    # restarted again with no call in between: the stale HTTP session is replaced transparently
    stop_process(server[1])
    server.append(start_http_toy(port))
    third = (await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)).structured["pid"]
    assert third == server[2].pid


async def test_server_dies_mid_call(server: list[subprocess.Popen[bytes]], hub: ToolHub, port: int) -> None:
    await asyncio.wait_for(hub.call("toy", "Echo", {"text": "warm"}), 30)
    started = time.monotonic()
    with pytest.raises(ServerCrashedError):
        await asyncio.wait_for(hub.call("toy", "Die", {}, timeout_s=20), 30)
    assert time.monotonic() - started < 5
    server.append(start_http_toy(port))
    out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "back"}), 30)
    assert out.structured["text"] == "back"


async def test_replica_swap_behind_a_balancer_reinitialises_the_session() -> None:
    """The balancer moves to a second replica (both alive) and drops the open connections: the new
    replica does not know the MCP session (HTTP 404, 'Session terminated'), so the hub starts a new
    session and the same call goes through — no error reaches the caller."""
    front, first_port, second_port = free_port(), free_port(), free_port()
    replicas = [start_http_toy(first_port), start_http_toy(second_port)]
    cfg = HubConfig(
        servers={
            "toy": ServerConfig(
                name="toy",
                transport="http",
                url=f"http://127.0.0.1:{front}/mcp",
                startup_timeout_s=10,
                call_timeout_s=20,
            )
        }
    )
    try:
        async with Balancer(first_port).running(front) as balancer:
            with ToolHub(cfg, contracts=TOY_CONTRACTS) as hub:
                first = (await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)).structured["pid"]
                assert first == replicas[0].pid
                balancer.backend = second_port
                balancer.drop()
                out = await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)
                assert out.structured["pid"] == replicas[1].pid and out.meta.status == "ok"
                echo = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "again"}), 30)
                assert echo.structured["text"] == "again"
    finally:
        for proc in replicas:
            stop_process(proc)
