"""Kill the drafting CLI (SIGKILL) after sections finished, resume the thread: no finished section is
composed again (compose calls logged and slowed down by a compose hook: draft_with_hooks.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.integration
SAMPLES = REPO_ROOT / "samples" / "drafting"
ALL = {"executive_summary", "context", "evidence", "adaptation", "policy_options", "recommendations"}


RUNNER = Path(__file__).with_name("draft_with_hooks.py")


def command(tmp_path: Path, log: Path, delay_s: float) -> list[str]:
    return [
        sys.executable,
        str(RUNNER),
        str(log),
        str(delay_s),
        "--approve",
        "--thread",
        "killed-once",
        "--max-parallel",
        "2",
        "--input",
        str(REPO_ROOT / "data" / "policy" / "paris_agreement_2015_en.txt"),
        str(SAMPLES / "chat_facts.md"),
        "--profile",
        str(SAMPLES / "project_profile.yaml"),
        "--out",
        str(tmp_path / "brief.md"),
        "--checkpoint-url",
        f"sqlite:///{tmp_path / 'ckpt.sqlite'}",
        "--db",
        f"sqlite:///{tmp_path / 'd.sqlite'}",
        "--no-llm",
    ]


def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PLANEXEC_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}


def logged(log: Path) -> list[str]:
    return [line.split("\t")[0] for line in log.read_text().splitlines()] if log.exists() else []


def test_killed_draft_resumes_without_recomputing_finished_sections(tmp_path: Path) -> None:
    first_log, second_log = tmp_path / "compose-1.log", tmp_path / "compose-2.log"
    proc = subprocess.Popen(
        command(tmp_path, first_log, 1.0),
        env=env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    finished: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while not finished and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("section done: "):
                finished.append(line.split()[2])
        assert finished, f"no section finished: {proc.stderr.read() if proc.stderr else ''}"
        time.sleep(0.5)  # the checkpoint write of a finished section is saved right after its event
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "brief.md").exists()
    first = logged(first_log)
    assert set(finished) <= set(first) and set(first) != ALL

    done = subprocess.run(
        command(tmp_path, second_log, 0),
        env=env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "resuming thread killed-once" in done.stderr
    second = logged(second_log)
    assert not set(finished) & set(second), f"recomputed {set(finished) & set(second)}"
    print("finished before kill:", finished, "composed run 1:", first, "run 2:", second)
    assert set(first) | set(second) == ALL
    assert (tmp_path / "brief.md").read_text().count("## ") == 7
