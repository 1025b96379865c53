"""A hung (SIGSTOPped) server costs one step budget, is replaced, and the next call succeeds."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Iterator

import pytest

from planexec.nodes.execution.attempts import call_with_retries
from planexec.schemas.plan import PlanStep
from planexec.tools.client.config import load_config
from planexec.tools.client.errors import ToolTimeoutError
from planexec.tools.client.hub import ToolHub
from tests.integration.tools.fixtures.helpers import TOY_CONTRACTS, pid_alive, toy_config, wait_until

pytestmark = pytest.mark.integration

STRAY = "Task exception was never retrieved"


def _resume(pid: int) -> None:
    if pid_alive(pid):
        os.kill(pid, signal.SIGCONT)


@pytest.fixture
def bundled_hub() -> Iterator[ToolHub]:
    with ToolHub(load_config()) as hub:
        yield hub


async def test_sigstopped_bundled_server_costs_one_step_budget(
    bundled_hub: ToolHub, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    step = PlanStep(
        alias="solar", server="solar", tool="GetFacilitiesForGeospatial",
        args={"country": "Brazil", "limit": 5}, timeout_s=3.0, retries=2,
    )  # fmt: skip
    warm = await call_with_retries(bundled_hub, step, step.args)
    assert warm.status == "ok", warm.error
    pid = bundled_hub.server_pid("solar")
    assert pid is not None and pid_alive(pid)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        outcome = await call_with_retries(bundled_hub, step, step.args)
        elapsed = time.monotonic() - started
    finally:
        _resume(pid)
    # attempt 1 times out (one budget), the server is replaced, attempt 2 succeeds on the new process
    assert outcome.status == "ok", outcome.error
    assert outcome.attempts == 2
    first_end = next(e for e in outcome.events if e.event == "tool_end")
    assert first_end.status == "timeout" and "replaced" in (first_end.error or "")
    assert elapsed < step.timeout_s * 2 + 10  # one budget + ping probe + respawn; never six budgets
    new_pid = bundled_hub.server_pid("solar")
    assert new_pid is not None and new_pid != pid
    assert wait_until(lambda: not pid_alive(pid), 10)
    again = await call_with_retries(bundled_hub, step, step.args)
    assert again.status == "ok" and again.attempts == 1
    await asyncio.sleep(0.2)
    assert STRAY not in caplog.text
    assert STRAY not in capfd.readouterr().err


async def test_sigstopped_toy_server_replaced_after_timeout(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.ERROR), ToolHub(toy_config(), contracts=TOY_CONTRACTS) as hub:
        await hub.call("toy", "Echo", {"text": "warm"}, timeout_s=20)
        pid = hub.server_pid("toy")
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            with pytest.raises(ToolTimeoutError, match="replaced") as info:
                await hub.call("toy", "Echo", {"text": "hung"}, timeout_s=1.0)
            assert time.monotonic() - started < 1.0 + 5.0
            assert info.value.transient
            assert not hub.is_connected("toy")
            out = await hub.call("toy", "Echo", {"text": "back"}, timeout_s=20)
        finally:
            _resume(pid)
        assert out.structured["text"] == "back"
        assert hub.server_pid("toy") not in (None, pid)
    await asyncio.sleep(0.2)
    assert STRAY not in caplog.text
    assert STRAY not in capfd.readouterr().err


async def test_slow_but_responsive_server_keeps_its_session(caplog: pytest.LogCaptureFixture) -> None:
    with ToolHub(toy_config(), contracts=TOY_CONTRACTS) as hub:
        await hub.call("toy", "Echo", {"text": "warm"}, timeout_s=20)
        pid = hub.server_pid("toy")
        with pytest.raises(ToolTimeoutError) as info:
            await hub.call("toy", "Sleep", {"seconds": 30}, timeout_s=0.5)
        assert "replaced" not in str(info.value)
        assert hub.server_pid("toy") == pid
    assert STRAY not in caplog.text
