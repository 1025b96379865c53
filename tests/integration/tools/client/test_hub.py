"""ToolHub against the toy FastMCP server over stdio: results, errors, timeouts, crashes, threads."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from planexec.schemas.calls import CallMeta
from planexec.tools.client.errors import (
    InvalidArgsError,
    InvalidResultError,
    ServerCrashedError,
    ServerStartError,
    ToolExecutionError,
    ToolTimeoutError,
    UnknownServerError,
    UnknownToolError,
)
from planexec.tools.client.hub import ToolHub
from tests.integration.tools.fixtures.helpers import (
    TOY_CONTRACTS,
    EchoResult,
    pid_alive,
    toy_config,
    wait_until,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def hub() -> Iterator[ToolHub]:
    with ToolHub(toy_config(), contracts=TOY_CONTRACTS) as toy_hub:
        yield toy_hub


def _pid(hub: ToolHub) -> int:
    return int(hub.call_sync("toy", "GetPid", {}, timeout_s=10).structured["pid"])


async def test_call_ok_fills_meta(hub: ToolHub) -> None:
    out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "ab", "times": 2}, attempt=2), 30)
    assert isinstance(out.result, EchoResult)
    assert out.result.text == "abab"
    assert out.structured == {"text": "abab", "count": 2}
    meta = out.meta
    assert meta.status == "ok" and meta.attempt == 2 and meta.error is None
    assert meta.server_version == "9.9.9"
    assert len(meta.schema_hash) == 16
    assert meta.tool_version == f"9.9.9+{meta.schema_hash}"
    assert meta.duration_ms > 0 and meta.started_at > 0


async def test_session_is_reused(hub: ToolHub) -> None:
    first = _pid(hub)
    await asyncio.wait_for(hub.call("toy", "Echo", {"text": "x"}), 10)
    assert _pid(hub) == first


async def test_unpinned_tool_passes_structured_through(hub: ToolHub) -> None:
    out = await asyncio.wait_for(hub.call("toy", "Plain", {"x": 21}), 30)
    assert out.result is None
    assert out.structured == {"double": 42}


def _meta(exc: BaseException) -> CallMeta:
    meta = getattr(exc, "meta", None)
    assert isinstance(meta, CallMeta)
    return meta


async def test_unknown_server(hub: ToolHub) -> None:
    with pytest.raises(UnknownServerError, match="configured: toy") as info:
        await asyncio.wait_for(hub.call("nope", "Echo", {"text": "a"}), 10)
    assert _meta(info.value).status == "error"


async def test_unknown_tool_lists_tools(hub: ToolHub) -> None:
    with pytest.raises(UnknownToolError, match="Echo") as info:
        await asyncio.wait_for(hub.call("toy", "Nope", {}), 30)
    assert _meta(info.value).server_version == "9.9.9"


async def test_bad_args_never_sent(hub: ToolHub) -> None:
    with pytest.raises(InvalidArgsError, match="times") as info:
        await asyncio.wait_for(hub.call("toy", "Echo", {"text": "a", "times": "many"}), 10)
    assert _meta(info.value).status == "error"
    assert not hub.is_connected("toy")  # validated before the server was even started


async def test_invalid_result(hub: ToolHub) -> None:
    with pytest.raises(InvalidResultError, match="value") as info:
        await asyncio.wait_for(hub.call("toy", "BadShape", {}), 30)
    assert info.value.status == "invalid"
    assert _meta(info.value).status == "invalid"


async def test_tool_error_text(hub: ToolHub) -> None:
    with pytest.raises(ToolExecutionError, match="boom 42") as info:
        await asyncio.wait_for(hub.call("toy", "Fail", {"message": "boom 42"}), 30)
    assert _meta(info.value).status == "error"


async def test_timeout_then_session_still_usable(hub: ToolHub) -> None:
    pid = _pid(hub)
    started = time.monotonic()
    with pytest.raises(ToolTimeoutError) as info:
        await asyncio.wait_for(hub.call("toy", "Sleep", {"seconds": 30}, timeout_s=0.5), 10)
    assert time.monotonic() - started < 2.0
    assert _meta(info.value).status == "timeout"
    assert info.value.transient
    out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": "after"}), 10)
    assert out.structured["text"] == "after"
    assert _pid(hub) == pid


async def test_killed_between_calls_restarts(hub: ToolHub) -> None:
    pid = _pid(hub)
    os.kill(pid, signal.SIGKILL)
    assert wait_until(lambda: not hub.is_connected("toy"), 10)
    started = time.monotonic()
    new_pid = _pid(hub)
    assert new_pid != pid
    assert time.monotonic() - started < 15
    assert wait_until(lambda: not pid_alive(pid), 10)


async def test_crash_mid_call_fails_promptly(hub: ToolHub) -> None:
    pid = _pid(hub)
    started = time.monotonic()
    with pytest.raises(ServerCrashedError, match="dying on request") as info:
        await asyncio.wait_for(hub.call("toy", "Die", {}, timeout_s=20), 30)
    assert time.monotonic() - started < 3.0
    assert info.value.transient
    assert _meta(info.value).status == "error"
    assert _pid(hub) != pid


async def test_command_not_found() -> None:
    cfg = toy_config(command="/nonexistent/planexec-no-such-server", args=[])
    with ToolHub(cfg) as hub, pytest.raises(ServerStartError, match="could not start") as info:
        await asyncio.wait_for(hub.call("toy", "Echo", {"text": "a"}), 30)
    assert "nonexistent" in str(info.value)


async def test_server_exits_at_start() -> None:
    cfg = toy_config(env={"TOY_FAIL_AT_START": "1"})
    with ToolHub(cfg) as hub:
        with pytest.raises(ServerStartError, match="refusing to start"):
            await asyncio.wait_for(hub.call("toy", "Echo", {"text": "a"}), 30)
        descriptions = await asyncio.wait_for(hub.describe(), 30)
    assert descriptions[0].status == "error"


async def test_startup_timeout() -> None:
    cfg = toy_config(
        command=sys.executable, args=["-c", "import time; time.sleep(60)"], startup_timeout_s=1.0
    )
    started = time.monotonic()
    with ToolHub(cfg) as hub, pytest.raises(ServerStartError, match="within 1 s"):
        await asyncio.wait_for(hub.call("toy", "Echo", {"text": "a"}), 30)
    assert time.monotonic() - started < 10


async def test_env_reaches_child(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("PLANEXEC_DATA_DIR", str(tmp_path))
    with ToolHub(toy_config(), contracts=TOY_CONTRACTS) as hub:
        out = await asyncio.wait_for(hub.call("toy", "GetEnv", {"name": "PLANEXEC_DATA_DIR"}), 30)
        assert out.structured["value"] == str(tmp_path)
        path = await asyncio.wait_for(hub.call("toy", "GetEnv", {"name": "PATH"}), 30)
        assert path.structured["value"]


def test_two_loops_and_threads(hub: ToolHub) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def worker(tag: str) -> None:
        async def run() -> None:
            out = await asyncio.wait_for(hub.call("toy", "Echo", {"text": tag}), 30)
            results.append(out.structured["text"])

        try:
            asyncio.run(run())
            results.append(hub.call_sync("toy", "Echo", {"text": tag + "-sync"}).structured["text"])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(results) == sorted([f"t{i}" for i in range(4)] + [f"t{i}-sync" for i in range(4)])
    assert asyncio.run(asyncio.wait_for(hub.call("toy", "Echo", {"text": "main"}), 30)).structured


def test_describe(hub: ToolHub) -> None:
    [desc] = hub.describe_sync()
    assert desc.status == "ok" and desc.version == "9.9.9" and desc.transport == "stdio"
    tools = {t.name: t for t in desc.tools}
    assert {"Echo", "GetPid", "Sleep", "Die"} <= set(tools)
    assert tools["Echo"].pinned and not tools["Sleep"].pinned
    assert tools["Echo"].tool_version == f"9.9.9+{tools['Echo'].schema_hash}"


def test_close_leaves_no_child_processes() -> None:
    hub = ToolHub(toy_config(), contracts=TOY_CONTRACTS)
    pid = _pid(hub)
    assert pid_alive(pid)
    started = time.monotonic()
    hub.close()
    assert time.monotonic() - started < 10
    assert wait_until(lambda: not pid_alive(pid), 10)
    with pytest.raises(RuntimeError, match="closed"):
        hub.call_sync("toy", "Echo", {"text": "a"})
    hub.close()  # idempotent


async def test_aclose_from_a_loop() -> None:
    async with ToolHub(toy_config(), contracts=TOY_CONTRACTS) as hub:
        out = await asyncio.wait_for(hub.call("toy", "GetPid", {}), 30)
        pid = int(out.structured["pid"])
    assert wait_until(lambda: not pid_alive(pid), 10)
