"""A hub built from a standard `{"mcpServers": …}` PLANEXEC_MCP_CONFIG file reaches an HTTP server
(with the file's headers on every request) and keeps the bundled servers under their config keys."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from planexec.tools.client.config import BUNDLED_SERVERS, load_config
from planexec.tools.client.hub import ToolHub
from tests.integration.tools.fixtures.helpers import (
    TOY_CONTRACTS,
    EchoResult,
    free_port,
    start_http_toy,
    stop_process,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def port() -> Iterator[int]:
    port = free_port()
    proc = start_http_toy(port)
    yield port
    stop_process(proc)


async def test_standard_file_reaches_an_http_server_with_headers(port: int, tmp_path: Path) -> None:
    path = tmp_path / "mcp.json"
    entry = {"type": "http", "url": f"http://127.0.0.1:{port}/mcp", "headers": {"X-Planexec-Test": "1"}}
    path.write_text(json.dumps({"mcpServers": {"toy": entry}}), encoding="utf-8")
    cfg = load_config(Settings(mcp_config=path))
    assert set(cfg.servers) == {*BUNDLED_SERVERS, "toy"}
    assert cfg.servers["toy"].headers == {"X-Planexec-Test": "1"}
    with ToolHub(cfg, contracts=TOY_CONTRACTS) as hub:
        out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "h", "times": 2}), 30)
    assert isinstance(out.result, EchoResult) and out.result.text == "hh"
