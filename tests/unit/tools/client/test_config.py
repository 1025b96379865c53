"""tools.client.config: bundled defaults, the config file, env URL overrides, child environment."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from planexec.schemas.config import ServerConfig
from planexec.schemas.settings import Settings
from planexec.tools.client.config import (
    BUNDLED_SERVERS,
    ConfigError,
    child_environment,
    default_config,
    load_config,
)


def test_defaults_are_bundled_stdio_servers(tmp_path: Path) -> None:
    cfg = default_config()
    assert list(cfg.servers) == list(BUNDLED_SERVERS)
    solar = cfg.servers["solar"]
    assert solar.transport == "stdio"
    assert solar.command == sys.executable
    assert solar.args == ["-m", "planexec.tools.servers.solar"]
    assert solar.cwd is None  # the children need no particular working directory
    # each server is told its artifact folder and handle store explicitly (so servers started later,
    # under another environment, still share one store), the data folder only when one is set
    handles = Settings().resolved_handle_store_url()
    assert handles.startswith("file://")
    assert solar.env == {
        "PLANEXEC_ARTIFACT_DIR": str(tmp_path / "artifacts"),
        "PLANEXEC_HANDLE_STORE_URL": handles,
    }
    own = default_config(
        Settings(
            artifact_dir=tmp_path / "maps", data_dir=tmp_path / "data", handle_store_url="sqlite:///h.db"
        )
    )
    assert own.servers["geospatial"].env == {
        "PLANEXEC_ARTIFACT_DIR": str(tmp_path / "maps"),
        "PLANEXEC_HANDLE_STORE_URL": "sqlite:///h.db",
        "PLANEXEC_DATA_DIR": str((tmp_path / "data").resolve()),
    }


def test_artifact_folder_defaults_to_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PLANEXEC_ARTIFACT_DIR")
    monkeypatch.setenv("PLANEXEC_HOME", str(tmp_path / "home"))
    env = default_config().servers["policy"].env
    assert env == {
        "PLANEXEC_ARTIFACT_DIR": str(tmp_path / "home" / "artifacts"),
        "PLANEXEC_HANDLE_STORE_URL": (tmp_path / "home" / "handles").resolve().as_uri(),
    }
    assert not (tmp_path / "home").exists()  # reading settings creates nothing


def test_load_without_overrides_equals_defaults() -> None:
    assert load_config() == default_config()


def test_env_url_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_MCP_SOLAR_URL", "http://10.0.0.5:8001/mcp")
    monkeypatch.setenv("PLANEXEC_MCP_EXTRA_TOOLS_URL", "https://tools.example/mcp")
    cfg = load_config()
    assert cfg.servers["solar"].transport == "http"
    assert cfg.servers["solar"].url == "http://10.0.0.5:8001/mcp"
    assert cfg.servers["heat"].transport == "stdio"
    assert cfg.servers["extra_tools"].url == "https://tools.example/mcp"


def test_yaml_file_merges_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mcp.yaml"
    path.write_text(
        "servers:\n"
        "  heat: {url: 'http://h:9000/mcp', call_timeout_s: 5}\n"
        "  policy: {enabled: false}\n"
        "  mine: {command: my-server, args: [--fast], env: {A: '1'}}\n"
    )
    cfg = load_config(Settings(mcp_config=path))
    assert cfg.servers["heat"].transport == "http" and cfg.servers["heat"].call_timeout_s == 5
    assert "policy" not in cfg.servers
    assert cfg.servers["mine"].command == "my-server" and cfg.servers["mine"].env == {"A": "1"}
    assert cfg.servers["solar"] == default_config().servers["solar"]


def test_json_file_replace_defaults_then_env(tmp_path: Path) -> None:
    path = tmp_path / "mcp.json"
    path.write_text(json.dumps({"replace_defaults": True, "servers": {"solar": {"url": "http://a/mcp"}}}))
    cfg = load_config(Settings(mcp_config=path, mcp_urls={"solar": "http://b/mcp"}))
    assert list(cfg.servers) == ["solar"] and cfg.servers["solar"].url == "http://b/mcp"


@pytest.mark.parametrize(
    ("text", "suffix", "needle"),
    [
        ("servers: [unclosed", ".yaml", "not valid YAML"),
        ("{bad json", ".json", "not valid JSON"),
        ("servers: {solar: {transport: pigeon}}", ".yaml", "transport"),
        ("servers: {solar: {transport: http}}", ".yaml", "needs 'url'"),
        ("servers: {new: {args: [x]}}", ".yaml", "needs 'command'"),
        ("servers: {solar: {timeout: 3}}", ".yaml", "timeout"),
        ("unknown_key: 1", ".yaml", "unknown_key"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, suffix: str, needle: str) -> None:
    path = tmp_path / f"mcp{suffix}"
    path.write_text(text)
    with pytest.raises(ConfigError, match=needle) as info:
        load_config(Settings(mcp_config=path))
    assert "solar" in str(info.value) or str(path) in str(info.value) or "new" in str(info.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(Settings(mcp_config=tmp_path / "absent.yaml"))


def test_config_file_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "mcp.yaml"
    path.write_text("servers:\n  my-server: {command: my-server}\n")
    monkeypatch.setenv("PLANEXEC_MCP_CONFIG", str(path))
    monkeypatch.setenv("PLANEXEC_MCP_MY_SERVER_URL", "http://m/mcp")
    cfg = load_config()
    assert cfg.servers["my-server"].transport == "http" and cfg.servers["my-server"].url == "http://m/mcp"


def test_bad_env_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANEXEC_MCP_SOLAR_URL", "localhost:8001")
    with pytest.raises(ConfigError, match="solar"):
        load_config()


def test_child_environment_passes_planexec_and_python_vars() -> None:
    server = ServerConfig(name="s", command="x", env={"OWN": "1"}, env_passthrough=["MY_*"])
    env = {
        "PATH": "/bin",
        "PLANEXEC_DATA_DIR": "/d",
        "PLANEXEC_ARTIFACT_DIR": "/a",
        "PYTHONPATH": "/p",
        "MY_TOKEN": "t",
        "OPENAI_API_KEY": "secret",
    }
    child = child_environment(server, env)
    assert child["PLANEXEC_DATA_DIR"] == "/d" and child["PLANEXEC_ARTIFACT_DIR"] == "/a"
    assert child["PYTHONPATH"] == "/p" and child["MY_TOKEN"] == "t" and child["OWN"] == "1"
    assert "OPENAI_API_KEY" not in child
