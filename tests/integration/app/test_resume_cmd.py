"""`planexec resume`: a turn killed mid-plan (SIGKILL of the whole process group, SQLite checkpoints)
is finished without running its finished steps again, with the right numbers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from planexec.schemas.tools.geospatial import MISSING_STATE_CODE
from tests.support import truth
from tests.support.offline_env import REPO_ROOT, cli, offline_env

pytestmark = pytest.mark.integration

QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
SLOW_SERVER = Path(__file__).with_name("slow_geospatial.py")


def _slow_config(home: Path) -> Path:
    config = home.parent / "slow-geospatial.json"
    server = {"command": sys.executable, "args": [str(SLOW_SERVER), "300"]}
    config.write_text(json.dumps({"servers": {"geospatial": server}}))
    return config


def _kill_after_registers(home: Path) -> float:
    """Run `ask` with a slow correlation; SIGKILL its process group once correlate has started."""
    env = {**offline_env(home), "PLANEXEC_MCP_CONFIG": str(_slow_config(home)), "PYTHONPATH": str(REPO_ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "planexec.app.cli", "ask", QUERY, "--json"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    assert proc.stderr is not None
    seen: list[str] = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if "correlate: calling" in line:
                break
        else:
            pytest.fail(f"the turn ended before correlate started: {''.join(seen)[-2000:]}")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return time.perf_counter() - started


def _thread_ids(home: Path) -> list[str]:
    url = Settings(home=home).resolved_checkpoint_url()
    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT DISTINCT thread_id FROM checkpoints")]


def test_killed_turn_is_finished_by_resume(tmp_path: Path) -> None:
    home = tmp_path / "home"
    killed_after_s = _kill_after_registers(home)
    (thread_id,) = _thread_ids(home)

    started = time.perf_counter()
    done = cli(home, "resume", thread_id, "--json")
    resumed_s = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-3000:]
    response = json.loads(done.stdout)
    meta = response["metadata"]
    expected = truth.heat_proximity(1.0)
    assert meta["thread_id"] == thread_id and not meta["flags"]["partial"]
    assert meta["counts"]["plants_matched"] == expected.count and meta["counts"]["plants_total"] == 788

    ends = [e for e in meta["decision_timeline"] if e["event"] == "tool_end"]
    runs = Counter(e["step"] for e in ends)
    assert runs["solar"] == runs["zones"] == 1, runs  # fetched once, before the kill
    # the registered sets are durable handles: a fresh geospatial server reads them, no re-registration
    assert runs["reg_solar"] == runs["reg_zones"] == 1, runs
    assert all(e["status"] == "ok" for e in ends), [e for e in ends if e["status"] != "ok"]
    assert runs["correlate"] == runs["map"] == 1
    assert "again" not in done.stderr and MISSING_STATE_CODE not in done.stderr
    print(f"killed after {killed_after_s:.1f} s; resume took {resumed_s:.1f} s")

    again = cli(home, "resume", thread_id)
    assert again.returncode == 3 and "nothing_to_resume" in again.stderr


def test_resume_of_an_unknown_thread_is_a_clear_error(tmp_path: Path) -> None:
    done = cli(tmp_path / "home", "resume", "no-such-thread")
    assert done.returncode == 3
    assert "error (thread_not_found)" in done.stderr and "Traceback" not in done.stderr
