"""`planexec trace THREAD_ID` in a subprocess, reading the checkpoint a previous `ask` wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.offline_env import cli

pytestmark = pytest.mark.integration

QUERY = "map of solar plants in Bahia"


@pytest.fixture(scope="module")
def asked(home: Path) -> dict[str, Any]:
    """The response of one `ask --json` whose checkpoint (SQLite in `home`) the tests trace."""
    done = cli(home, "ask", QUERY, "--json", "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    response: dict[str, Any] = json.loads(done.stdout)
    return response


def test_trace_prints_the_decisions_and_the_timeline(home: Path, asked: dict[str, Any]) -> None:
    meta = asked["metadata"]
    done = cli(home, "trace", meta["thread_id"], timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert f"query: {QUERY}" in out and "route: solar_map" in out
    decisions, timeline = out.split("decisions:")[1].split("timeline:")
    assert "solar_map by rules" in decisions
    assert len([line for line in decisions.splitlines() if line.strip()]) >= len(meta["proposals"])
    for step in meta["plan"]:
        tool = f"{step['server']}.{step['tool']}"
        assert any("tool_start" in line and tool in line for line in timeline.splitlines())
        assert any("tool_end" in line and tool in line and " ok " in line for line in timeline.splitlines())


def test_trace_json_matches_the_response_metadata(home: Path, asked: dict[str, Any]) -> None:
    meta = asked["metadata"]
    done = cli(home, "trace", meta["thread_id"], "--json", timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    traced = json.loads(done.stdout)
    assert traced["route"] == "solar_map"
    assert [p["edge"] for p in traced["proposals"]] == [p["edge"] for p in meta["proposals"]]
    assert [e["call_id"] for e in traced["timeline"]] == [e["call_id"] for e in meta["decision_timeline"]]


def test_unknown_thread_exits_1_with_a_message(home: Path) -> None:
    done = cli(home, "trace", "no-such-thread", timeout_s=60)
    assert done.returncode == 1
    assert "no-such-thread" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
