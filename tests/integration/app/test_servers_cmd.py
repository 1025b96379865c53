"""`planexec servers` as a subprocess: the bundled servers over stdio, and a server that fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planexec.tools.client.config import BUNDLED_SERVERS
from planexec.tools.client.contracts import CONTRACTS

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PLANEXEC_MCP_")}
    return subprocess.run(
        [sys.executable, "-m", "planexec.app.cli", "servers", *args],
        cwd=REPO_ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_servers_json_lists_bundled_servers() -> None:
    proc = _run("--json")
    assert proc.returncode == 0, proc.stderr
    listed = {desc["name"]: desc for desc in json.loads(proc.stdout)}
    assert set(listed) == set(BUNDLED_SERVERS)
    for name, desc in listed.items():
        assert desc["status"] == "ok" and desc["transport"] == "stdio"
        assert desc["version"]
        tools = {tool["name"]: tool for tool in desc["tools"]}
        pinned = {tool for (server, tool) in CONTRACTS if server == name}
        assert pinned <= set(tools), f"{name} lacks pinned tools {pinned - set(tools)}"
        for tool in tools.values():
            assert len(tool["schema_hash"]) == 16
            assert tool["tool_version"] == f"{desc['version']}+{tool['schema_hash']}"


def test_failed_server_exit_code_and_others_listed(tmp_path: Path) -> None:
    config = tmp_path / "mcp.yaml"
    config.write_text(
        "replace_defaults: true\n"
        "servers:\n"
        "  toy:\n"
        f"    command: {json.dumps(sys.executable)}\n"
        "    args: [-m, tests.integration.tools.fixtures.toy_server]\n"
        f"    cwd: {json.dumps(str(REPO_ROOT))}\n"
        "  broken:\n"
        "    command: /nonexistent/planexec-no-such-server\n"
        "    startup_timeout_s: 10\n"
    )
    proc = _run(env={"PLANEXEC_MCP_CONFIG": str(config)})
    assert proc.returncode == 1
    assert "toy" in proc.stdout and "Echo" in proc.stdout
    assert "broken" in proc.stdout and "FAILED" in proc.stdout
    assert "'broken' failed to start" in proc.stderr


def test_bad_config_file_is_reported(tmp_path: Path) -> None:
    config = tmp_path / "mcp.json"
    config.write_text('{"servers": {"solar": {"transport": "carrier-pigeon"}}}')
    proc = _run("--json", env={"PLANEXEC_MCP_CONFIG": str(config)})
    assert proc.returncode == 2
    assert "solar" in proc.stderr and "transport" in proc.stderr
