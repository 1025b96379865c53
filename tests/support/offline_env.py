"""The environment a subprocess of the tests runs with: offline, no LLM, state under a given folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DROPPED = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "PLANEXEC_LLM_API_KEY",
    "PLANEXEC_LLM_BASE_URL",
    "LANGSMITH_TRACING",
    "LANGCHAIN_TRACING_V2",
    "PLANEXEC_CHECKPOINT_URL",
    "PLANEXEC_STORE_URL",
    "PLANEXEC_MCP_CONFIG",
)


def offline_env(home: Path) -> dict[str, str]:
    """A copy of os.environ without LLM/tracing/store settings, with PLANEXEC_HOME=`home`."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    env.update(
        PLANEXEC_HOME=str(home),
        PLANEXEC_ARTIFACT_DIR=str(home / "artifacts"),
        LANGGRAPH_CLI_NO_ANALYTICS="1",
        LANGGRAPH_NO_VERSION_CHECK="1",
        LANGSMITH_TEST_TRACKING="false",
    )
    return env


def cli(home: Path, *args: str, timeout_s: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `python -m app.cli ARGS` from the repo root, offline, with its state under `home`."""
    return subprocess.run(
        [sys.executable, "-m", "planexec.app.cli", *args],
        cwd=REPO_ROOT,
        env=offline_env(home),
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
