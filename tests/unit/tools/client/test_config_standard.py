"""PLANEXEC_MCP_CONFIG accepts the standard `{"mcpServers": {...}}` file other MCP clients use."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from planexec.schemas.settings import Settings
from planexec.tools.client.config import BUNDLED_SERVERS, ConfigError, load_config


def _load(tmp_path: Path, data: object) -> object:
    path = tmp_path / "mcp.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_config(Settings(mcp_config=path))


def test_standard_stdio_and_http_entries(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        {
            "mcpServers": {
                "solar": {"url": "http://h:8001/mcp", "headers": {"Authorization": "Bearer t"}},
                "notes": {
                    "command": sys.executable,
                    "args": ["-m", "notes_server"],
                    "env": {"K": "v"},
                    "cwd": str(tmp_path),
                    "autoApprove": ["x"],  # other clients' keys are ignored
                },
                "remote": {"type": "streamable-http", "url": "https://r.example/mcp"},
                "off": {"command": "x", "disabled": True},
            }
        },
    )
    servers = cfg.servers  # type: ignore[attr-defined]
    assert set(servers) == {*BUNDLED_SERVERS, "notes", "remote"}  # merged over the bundled five
    solar = servers["solar"]
    assert (solar.transport, solar.url, solar.headers) == (
        "http",
        "http://h:8001/mcp",
        {"Authorization": "Bearer t"},
    )
    assert "Bearer" not in repr(solar)
    notes = servers["notes"]
    assert (notes.transport, notes.command, notes.args) == ("stdio", sys.executable, ["-m", "notes_server"])
    assert (notes.env, notes.cwd) == ({"K": "v"}, str(tmp_path))
    assert servers["remote"].transport == "http" and servers["heat"].transport == "stdio"


def test_own_format_still_works_and_both_can_be_mixed(tmp_path: Path) -> None:
    cfg = _load(
        tmp_path,
        {
            "replace_defaults": True,
            "servers": {"solar": {"url": "http://a:1/mcp"}},
            "mcpServers": {"heat": {"command": "heat-server"}},
        },
    )
    assert {n: s.transport for n, s in cfg.servers.items()} == {"heat": "stdio", "solar": "http"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"type": "sse", "url": "http://h/sse"}, "transport 'sse' is not supported"),
        ({"url": "ftp://h/mcp"}, "url must start with http"),
        ({"args": ["x"]}, "needs 'command'"),
    ],
)
def test_bad_standard_entries_are_clear_errors(
    tmp_path: Path, entry: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        _load(tmp_path, {"mcpServers": {"extra": entry}})
