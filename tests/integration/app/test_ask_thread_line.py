"""`planexec ask` names its thread on stderr as soon as the first event arrives: `--json` stdout stays
the response alone, and an `ask` killed mid-turn has already told the user what to `planexec resume`."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planexec.app.commands.ask import announce_thread
from planexec.schemas.settings import Settings
from tests.support.offline_env import REPO_ROOT, cli, offline_env

pytestmark = pytest.mark.integration

QUERY = "solar facilities within 1 km of extreme heat zones in Brazil"
SLOW_SERVER = Path(__file__).with_name("slow_geospatial.py")


def _thread_ids(home: Path) -> list[str]:
    url = Settings(home=home).resolved_checkpoint_url()
    with sqlite3.connect(url.removeprefix("sqlite:///").removeprefix("sqlite://")) as db:
        return [row[0] for row in db.execute("SELECT DISTINCT thread_id FROM checkpoints")]


def test_json_stdout_is_clean_and_stderr_names_the_thread_first(tmp_path: Path) -> None:
    done = cli(tmp_path / "home", "ask", "map of solar plants in Bahia", "--json", "--thread", "conv-1")
    assert done.returncode == 0, done.stderr[-2000:]
    response = json.loads(done.stdout)  # nothing but the response on stdout
    assert response["metadata"]["thread_id"] == "conv-1"
    lines = done.stderr.splitlines()
    assert lines[0] == announce_thread("conv-1")
    assert sum(line.startswith("thread: ") for line in lines) == 1
    assert "planexec resume conv-1" in lines[0]


def test_a_killed_ask_has_printed_the_thread_to_resume(tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = tmp_path / "slow-geospatial.json"
    server = {"command": sys.executable, "args": [str(SLOW_SERVER), "300"]}
    config.write_text(json.dumps({"servers": {"geospatial": server}}))
    env = {**offline_env(home), "PLANEXEC_MCP_CONFIG": str(config), "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "planexec.app.cli", "ask", QUERY, "--json"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    assert proc.stderr is not None and proc.stdout is not None
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
    assert proc.stdout.read() == ""  # killed before any answer
    announced = [line.strip() for line in seen if line.startswith("thread: ")]
    assert len(announced) == 1 and seen[0].startswith("thread: "), seen[:3]
    (thread_id,) = _thread_ids(home)
    assert announced[0] == announce_thread(thread_id)
