"""Running turns over HTTP: 429 over the concurrency limit, a client disconnect cancels its turn (the
server logs it, the thread is left resumable), 503 for a turn over its time budget, 500 with no internal
text for an internal fault."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.app.served import served
from tests.support.offline_env import REPO_ROOT

pytestmark = pytest.mark.integration
QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
SLOW_SERVER = Path(__file__).with_name("slow_geospatial.py")


def _slow_env(home: Path) -> dict[str, str]:
    config = home / "slow-geospatial.json"
    server = {"command": sys.executable, "args": [str(SLOW_SERVER), "300"]}
    config.write_text(json.dumps({"servers": {"geospatial": server}}))
    return {
        "PLANEXEC_MCP_CONFIG": str(config),
        "PYTHONPATH": str(REPO_ROOT),
        "PLANEXEC_HTTP_MAX_CONCURRENT_RUNS": "1",
    }


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = tmp_path_factory.mktemp("slow-home")
    with served(home, **_slow_env(home)) as (base, _):
        yield base, home


def _log_entries(home: Path) -> list[dict[str, Any]]:
    entries = []
    for line in (home / "serve.log").read_text().splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


def _wait_for_cancel_log(home: Path, thread_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for entry in _log_entries(home):
            if (
                entry["message"] == "run cancelled: client disconnected"
                and entry.get("thread_id") == thread_id
            ):
                return entry
        time.sleep(0.2)
    pytest.fail(f"no cancellation logged for {thread_id}: {(home / 'serve.log').read_text()[-3000:]}")


def _stream_until_correlate(base: str, thread_id: str) -> None:
    """Start a streamed turn, read until the slow correlation is running, then hang up."""
    body = {"query": QUERY, "thread_id": thread_id}
    with httpx.stream("POST", f"{base}/chat/stream", json=body, timeout=60) as reply:
        assert reply.status_code == 200
        assert reply.headers["cache-control"] == "no-cache" and reply.headers["x-accel-buffering"] == "no"
        for line in reply.iter_lines():
            if line.startswith("data: ") and "correlate: calling" in line:
                break


def test_over_the_limit_429_then_disconnect_cancels(slow: tuple[str, Path]) -> None:
    base, home = slow
    body = {"query": QUERY, "thread_id": "held-1"}
    with httpx.stream("POST", f"{base}/chat/stream", json=body, timeout=60) as held:
        lines = (line for line in held.iter_lines() if line.startswith("data: "))
        assert json.loads(next(lines)[6:])["thread_id"] == "held-1"
        next(line for line in lines if "correlate: calling" in line)  # the slow step is running
        busy = httpx.post(f"{base}/chat", json={"query": QUERY}, timeout=60)
        assert busy.status_code == 429 and busy.headers["retry-after"]
        assert busy.json()["error"]["code"] == "too_many_runs"
    assert _wait_for_cancel_log(home, "held-1")["level"] == "warning"


def test_a_plain_chat_request_is_cancelled_when_the_client_leaves(slow: tuple[str, Path]) -> None:
    base, home = slow
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{base}/chat", json={"query": QUERY, "thread_id": "gone-1"}, timeout=8)
    _wait_for_cancel_log(home, "gone-1")
    _stream_until_correlate(base, "gone-2")
    _wait_for_cancel_log(home, "gone-2")


def test_a_turn_over_its_budget_is_503(tmp_path: Path) -> None:
    env = {**_slow_env(tmp_path), "PLANEXEC_QUERY_TIMEOUT_S": "3"}
    with served(tmp_path, **env) as (base, _):
        reply = httpx.post(f"{base}/chat", json={"query": QUERY}, timeout=60)
    assert reply.status_code == 503 and reply.json()["error"]["code"] == "timeout"
    assert reply.json()["metadata"]["thread_id"]


def test_an_internal_fault_is_500_without_internal_text(tmp_path: Path) -> None:
    broken = tmp_path / "a-folder-not-a-database"
    broken.mkdir()
    with served(tmp_path, PLANEXEC_CHECKPOINT_URL=f"sqlite:///{broken}") as (base, _):
        reply = httpx.post(f"{base}/chat", json={"query": "map of solar plants in Bahia"}, timeout=60)
        streamed = httpx.post(
            f"{base}/chat/stream", json={"query": "map of solar plants in Bahia"}, timeout=60
        )
    assert reply.status_code == 500 and reply.json()["error"]["code"] == "internal_error"
    assert str(tmp_path) not in reply.text and "Error:" not in reply.text and "Traceback" not in reply.text
    assert "event: error" in streamed.text and str(tmp_path) not in streamed.text
    logged = [e for e in _log_entries(tmp_path) if e["message"] == "chat run failed"]
    assert logged and "unable to open database file" in json.dumps(logged)
    assert "unable to open" not in reply.text


def test_shutdown_lets_a_running_turn_finish(tmp_path: Path) -> None:
    with served(tmp_path) as (base, process):
        body = {"query": "map of solar plants in Bahia"}
        with httpx.stream("POST", f"{base}/chat/stream", json=body, timeout=120) as reply:
            lines = (line for line in reply.iter_lines() if line.startswith("data: "))
            assert json.loads(next(lines)[6:])["type"] == "thinking"
            process.terminate()  # SIGTERM: uvicorn stops accepting and drains
            kinds = [json.loads(line[6:])["type"] for line in lines]
        assert kinds[-1] == "complete"
        process.wait(timeout=60)  # uvicorn re-raises SIGTERM once drained: -15 is a clean stop
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
