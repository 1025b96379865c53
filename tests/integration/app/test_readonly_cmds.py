"""Read-only commands create nothing: `planexec trace` and `planexec servers` on a machine where
planexec never ran leave no state folder, no database file and nothing in the current folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.offline_env import offline_env

pytestmark = pytest.mark.integration


def run_cli(home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "planexec.app.cli", *args],
        cwd=cwd,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_trace_of_an_unknown_thread_without_a_database_creates_nothing(tmp_path: Path) -> None:
    home, cwd = tmp_path / "never-used-home", tmp_path / "cwd"
    done = run_cli(home, cwd, "trace", "no-such-thread")
    assert done.returncode == 1
    assert "no checkpoint for thread 'no-such-thread'" in done.stderr and "Traceback" not in done.stderr
    assert not home.exists() and list(cwd.iterdir()) == []


def test_trace_with_an_explicit_missing_sqlite_url_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "ckpt.sqlite"
    done = run_cli(tmp_path / "home", tmp_path / "cwd", "trace", "t1", "--checkpoint-url", f"sqlite:///{db}")
    assert done.returncode == 1 and "t1" in done.stderr
    assert not db.parent.exists() and not (tmp_path / "home").exists()


def test_servers_creates_no_state(tmp_path: Path) -> None:
    home, cwd = tmp_path / "never-used-home", tmp_path / "cwd"
    done = run_cli(home, cwd, "servers", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not home.exists() and list(cwd.iterdir()) == []
